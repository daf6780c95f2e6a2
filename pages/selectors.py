"""Reads over the registry and what is recorded about it, aggregated in the database, and the site
page's balance chart laid out from the analysis (analysis.computations.charts)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from analysis.computations.charts import BalanceChart, Bar
from analysis.computations.profiles import Tally
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


@dataclass(frozen=True)
class SiteChart:
    """The site page's diverging bars (all drivers together) in an SVG box: bars rise from `axis_y`."""

    width: int
    height: int
    axis_y: float
    bars: list[tuple[Bar, float]]  # (bar, y of its top)


def site_chart(chart: BalanceChart, *, width: int = 520, height: int = 180) -> SiteChart | None:
    if not chart.periods:
        return None
    axis_y = height / 2
    bars = chart.bars(width=width, half=axis_y - 18)
    return SiteChart(width=width, height=height, axis_y=axis_y, bars=[(bar, axis_y - bar.up) for bar in bars])


def balance_rows(chart: BalanceChart, drivers) -> list[tuple[str, list[Tally]]]:
    """The numbers behind the chart: per period, each driver's tally in the order of `drivers`."""
    return [(period, [chart.tally(period, driver.key) for driver in drivers]) for period in chart.periods]
