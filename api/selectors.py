"""Reads for the API: permitted querysets with their joins, and the aggregate analyses.

Who sees what comes from accounts.permissions; nothing here re-decides it.
"""

from collections.abc import Callable
from functools import partial

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from accounts import permissions
from codebook.models import Code, CodeKind
from fieldwork.models import TrialAction, Visit
from registry.models import Site


def sites_for(user) -> QuerySet:
    return permissions.visible_sites(user).select_related("programme")


def visits_for(user) -> QuerySet:
    return (
        Visit.objects.filter(site__in=permissions.visible_sites(user).values("pk"))
        .select_related("site", "report")
        .prefetch_related("participants")
        .order_by("site__code", "planned_on", "pk")
    )


def reports_for(user) -> QuerySet:
    return (
        permissions.visible_reports(user)
        .select_related("visit__site", "author")
        .prefetch_related("sections")
        .order_by("visit__site__code", "visit__held_on", "pk")
    )


def factors_for(user) -> QuerySet:
    return (
        permissions.visible_factors(user)
        .select_related("report__visit__site", "site", "driver", "mechanism")
        .order_by("pk")
    )


def trial_actions_for(user) -> QuerySet:
    return (
        TrialAction.objects.filter(agreed_at__site__in=permissions.visible_sites(user).values("pk"))
        .select_related("agreed_at__site", "followed_up_at", "driver")
        .order_by("agreed_at__site__code", "agreed_at__planned_on", "pk")
    )


def coded_passages_for(user) -> QuerySet:
    return (
        permissions.visible_coded_passages(user)
        .select_related(
            "section", "coder", "driver", "mechanism", "attention_point", "extra_code", "codebook_version"
        )
        .order_by("pk")
    )


def joint_meetings_for(user) -> QuerySet:
    return permissions.visible_joint_meetings(user).prefetch_related("sites").order_by("held_on", "pk")


def analysis_sites(user) -> QuerySet:
    """The sites an aggregate may cover: all for those who see aggregates, else the user's own."""
    if permissions.can_see_aggregates(user):
        return Site.objects.all()
    return permissions.visible_sites(user)


def _with_data(*querysets_and_paths) -> int:
    """How many sites the counted rows come from (what the disclosure rule looks at)."""
    found: set[int] = set()
    for queryset, path in querysets_and_paths:
        found.update(queryset.values_list(path, flat=True).distinct())
    found.discard(None)
    return len(found)


def _disclosed(user, result: dict, sites_with_data: Callable[[], int], empty: dict) -> dict:
    """No figure about fewer than MIN_SITES sites for an aggregate reader: the rows are withheld.
    The sites behind the rows are counted only for such a reader."""
    suppressed = permissions.sees_aggregates_only(user) and sites_with_data() < permissions.MIN_SITES
    return {**result, **(empty if suppressed else {}), "suppressed": suppressed}


def driver_profile(user, sites: QuerySet, passages: QuerySet, factors: QuerySet) -> dict:
    """Settled codings (outside coding rounds) and statements — a report's, or a joint meeting's
    attributed to a site, as the analysis counts them — by driver × valence."""
    site_ids = sites.values("pk")
    passages = passages.filter(section__report__visit__site__in=site_ids, coding_round__isnull=True)
    factors = factors.filter(
        Q(report__visit__site__in=site_ids) | Q(joint_meeting__isnull=False, site__in=site_ids)
    ).annotate(site_of=Coalesce("report__visit__site", "site"))
    passage_counts = passages.values("driver", "valence").annotate(n=Count("pk"))
    factor_counts = factors.values("driver", "valence").annotate(n=Count("pk"))
    drivers = {code.pk: code for code in Code.objects.filter(kind=CodeKind.DRIVER)}
    table: dict[tuple, dict] = {}
    for source, counts in (("passages", passage_counts), ("factors", factor_counts)):
        for row in counts:
            driver = drivers.get(row["driver"])
            key = (driver.sort_order if driver else 99, driver.key if driver else None, row["valence"] or "")
            entry = table.setdefault(
                key,
                {
                    "driver": driver.key if driver else None,
                    "driver_label": driver.label_da if driver else None,
                    "valence": row["valence"] or "",
                    "passages": 0,
                    "factors": 0,
                },
            )
            entry[source] += row["n"]
    result = {
        "sites": sites.count(),
        "rows": [table[key] for key in sorted(table, key=lambda k: (k[0], k[2]))],
    }
    with_data = partial(_with_data, (passages, "section__report__visit__site"), (factors, "site_of"))
    return _disclosed(user, result, with_data, {"rows": []})


def trial_action_summary(user, sites: QuerySet, actions: QuerySet) -> dict:
    actions = actions.filter(agreed_at__site__in=sites.values("pk"))
    counts = actions.values("outcome").annotate(n=Count("pk"))
    rows = sorted(
        ({"outcome": row["outcome"], "count": row["n"]} for row in counts), key=lambda r: r["outcome"]
    )
    result = {"sites": sites.count(), "total": sum(row["count"] for row in rows), "rows": rows}
    with_data = partial(_with_data, (actions, "agreed_at__site"))
    return _disclosed(user, result, with_data, {"rows": [], "total": None})
