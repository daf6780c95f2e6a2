"""Reads over the registry and what is recorded about it, aggregated in the database."""

from django.db.models import Count, Q, Sum

from coding.models import CodedPassage
from fieldwork.models import Factor, ImplementationReport, JointMeeting, TrialAction, Visit
from registry.models import Programme, Site, VisitPlan


def _by_programme(queryset, programme_field: str) -> dict[str, int]:
    rows = queryset.values(programme_field).annotate(n=Count("pk")).order_by(programme_field)
    return {row[programme_field]: row["n"] for row in rows}


def database_summary() -> dict:
    """What the database holds: the counts `drivkraft summary` prints."""
    codes = list(Programme.objects.order_by("code").values_list("code", flat=True))
    sites = _by_programme(Site.objects.all(), "programme__code")
    reports = _by_programme(ImplementationReport.objects.all(), "visit__site__programme__code")
    visits = Visit.objects.aggregate(
        held=Count("pk", filter=Q(status="held")),
        cancelled=Count("pk", filter=Q(status="cancelled")),
        open=Count("pk", filter=Q(status="planned")),
    )
    factors = Factor.objects.aggregate(
        total=Count("pk"),
        promoters=Count("pk", filter=Q(valence="promoter")),
        inhibitors=Count("pk", filter=Q(valence="inhibitor")),
        from_meetings=Count("pk", filter=Q(joint_meeting__isnull=False)),
    )
    trials = TrialAction.objects.aggregate(
        total=Count("pk"),
        followed_up=Count("pk", filter=Q(followed_up_at__isnull=False)),
        done=Count("pk", filter=Q(outcome="done")),
    )
    return {
        "programmes": codes,
        "sites": sum(sites.values()),
        "sites_by_programme": {code: sites.get(code, 0) for code in codes},
        "sites_left": Site.objects.filter(left_on__isnull=False).count(),
        "fictional_sites": Site.objects.filter(is_fictional=True).count(),
        "reports": sum(reports.values()),
        "reports_by_programme": {code: reports.get(code, 0) for code in codes},
        "visits_planned": VisitPlan.objects.aggregate(n=Sum("planned_visits"))["n"] or 0,
        "visits_held": visits["held"],
        "visits_cancelled": visits["cancelled"],
        "visits_not_yet_held": visits["open"],
        "joint_meetings": JointMeeting.objects.count(),
        "factors": factors["total"],
        "promoters": factors["promoters"],
        "inhibitors": factors["inhibitors"],
        "factors_from_joint_meetings": factors["from_meetings"],
        "trial_actions": trials["total"],
        "trial_actions_followed_up": trials["followed_up"],
        "trial_actions_done": trials["done"],
        "coded_passages": CodedPassage.objects.count(),
    }
