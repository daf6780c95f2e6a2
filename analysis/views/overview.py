"""Pages of the analysis: per programme and across programmes, the framework matrix with the
evaluator's confirmed ratings, and the degree classification with its overrides.

Computation lives in analysis.computations and analysis.services; these views only choose what a
role may see and shape the result for the templates. Providers see aggregates per programme only:
no site rows (not even site codes — a code names a home, and with a handful of homes per
programme a per-site figure is a judgement about an identifiable organisation and its staff), no
statements, no quotes, no event descriptions.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import permissions
from analysis import results, selectors
from analysis.aggregates import aggregate_context
from analysis.computations.records import DRIVERS, PHASES
from analysis.downloads import report_downloads
from analysis.models import Degree
from analysis.page_figures import page_figures
from coding.views import navigation
from fieldwork.models import (
    EventKind,
    Phase,
    TrialOutcome,
)
from registry.models import Programme, Site

DEGREE_LABELS = dict(Degree.choices)
PHASE_LABELS = dict(Phase.choices)
EVENT_LABELS = dict(EventKind.choices)
OUTCOME_LABELS = dict(TrialOutcome.choices)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Du har ikke adgang til denne side."))


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**context, "nav": navigation(request.user)}, status=status)


# --- shaping the result for the page --------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One row of the diverging driver figure: inhibitors to the left of the axis, promoters right."""

    label: str
    promoters: int
    inhibitors: int
    y: int
    promoter_width: int
    inhibitor_x: int
    inhibitor_width: int
    text_y: int


FIGURE_HALF = 200
FIGURE_AXIS = 330
ROW_HEIGHT = 34


def driver_bars(profile, labels: dict) -> list[Bar]:
    tallies = [(labels.get(d, d), profile.drivers[d]) for d in DRIVERS] if profile else []
    largest = max([max(t.promoters, t.inhibitors) for _, t in tallies] + [1])
    bars = []
    for row, (label, tally) in enumerate(tallies):
        promoter_width = round(FIGURE_HALF * tally.promoters / largest)
        inhibitor_width = round(FIGURE_HALF * tally.inhibitors / largest)
        y = 10 + row * ROW_HEIGHT
        bars.append(
            Bar(
                label=label,
                promoters=tally.promoters,
                inhibitors=tally.inhibitors,
                y=y,
                promoter_width=promoter_width,
                inhibitor_x=FIGURE_AXIS - inhibitor_width,
                inhibitor_width=inhibitor_width,
                text_y=y + 16,
            )
        )
    return bars


def _share(value) -> str:
    return "–" if value is None else f"{round(100 * value)} %"


def _programme_figures(result, labels: dict) -> list[dict]:
    """The programmes side by side, each with its driver figure and its few-sites caveat."""
    figures = []
    for item in result.programmes.programmes:
        figures.append(
            {
                "figures": item,
                "bars": driver_bars(result.profiles.per_programme.get(item.programme), labels),
                "promoter_share": [(labels.get(d, d), _share(item.promoter_share[d])) for d in DRIVERS],
                "degrees": [
                    (DEGREE_LABELS[d], item.degree_counts.get(d, 0)) for d in ("high", "some", "low")
                ],
                "highest_phase": [(PHASE_LABELS[p], item.highest_phase.get(p, 0)) for p in PHASES],
                "sic": [(PHASE_LABELS[p], _share(item.sic_completion.get(p))) for p in PHASES],
                "follow_through": _share(item.follow_through),
            }
        )
    return figures


SITE_PAGE_SIZE = 50


def _site_rows(result, sites, labels: dict) -> list[dict]:
    """Per site of one page: degree with its criteria, trajectory, attention points (evaluators only)."""
    attention = {item.site: item for item in result.attention_points.sites}
    numbers = [point["number"] for point in result.attention_points.points]
    site_ids = dict(Site.objects.filter(code__in=[site.code for site in sites]).values_list("code", "pk"))
    rows = []
    for site in sites:
        trajectory = result.trajectories[site.code]
        classification = site.classification
        worked = attention.get(site.code)
        rows.append(
            {
                "summary": site,
                "pk": site_ids[site.code],
                "degree_label": DEGREE_LABELS.get(site.degree, _("ikke klassificeret")),
                "proposed_label": DEGREE_LABELS.get(classification.proposed, _("ikke klassificeret")),
                "classification": classification,
                "points": [
                    {"date": p.date, "phase": PHASE_LABELS.get(p.phase, p.phase), "relapse": p.relapse}
                    for p in trajectory.points
                ],
                "trajectory": trajectory,
                "current_phase": PHASE_LABELS.get(trajectory.current_phase or "", ""),
                "highest_phase": PHASE_LABELS.get(trajectory.highest_phase or "", ""),
                "attention_cells": [worked.cells[n] for n in numbers] if worked else [],
                "attention_count": len(worked.worked) if worked else 0,
                "balance": [(labels.get(d, d), site.balance[d]) for d in DRIVERS],
            }
        )
    return rows


def _pressures(result, detailed: bool) -> dict:
    largest = max([p.promoters + p.inhibitors for p in result.pressures.timeline] + [1])
    timeline = []
    for index, point in enumerate(result.pressures.timeline):
        total = point.promoters + point.inhibitors
        height = round(120 * total / largest)
        inhibitor_height = round(120 * point.inhibitors / largest)
        timeline.append(
            {
                "point": point,
                "share": _share(point.inhibitor_share),
                "events": [EVENT_LABELS.get(kind, kind) for kind in point.events],
                "x": 40 + index * 44,
                "y": 130 - height,
                "height": height,
                "inhibitor_y": 130 - inhibitor_height,
                "inhibitor_height": inhibitor_height,
            }
        )
    events = [
        {
            "kind": EVENT_LABELS.get(effect.event.kind, effect.event.kind),
            "starts_on": effect.event.starts_on,
            "site": effect.event.site if detailed else "",
            "description": effect.event.description if detailed else "",
            "sites": effect.sites,
            "before": _share(effect.before.inhibitor_share),
            "after": _share(effect.after.inhibitor_share),
            "change": effect.change,
        }
        for effect in result.pressures.events
    ]
    by_kind = [
        {"kind": EVENT_LABELS.get(kind, kind), **entry} for kind, entry in result.pressures.by_kind.items()
    ]
    return {
        "timeline": timeline,
        "width": 60 + 44 * len(timeline),
        "events": events,
        "by_kind": by_kind,
        "window": result.pressures.window_days,
    }


# --- the analysis pages ---------------------------------------------------------------------------


def _analysis_page(request, programme: Programme | None):
    _require(permissions.can_see_aggregates(request.user))
    detailed = permissions.can_see_all_sites(request.user)
    result = results.analysis_result(programme.code if programme else None)
    labels = selectors.code_labels()
    context = {
        "programme": programme,
        "programmes": Programme.objects.order_by("code"),
        "result": result,
        "detailed": detailed,
        "overview": result.overview,
        "visits_per_year": sorted(result.overview.visits_per_year.items()),
        "overall_bars": driver_bars(result.profiles.overall, labels),
        "driver_labels": [(d, labels.get(d, d)) for d in DRIVERS],
        "degree_counts": [
            (DEGREE_LABELS[d], result.degree_counts.get(d, 0)) for d in ("high", "some", "low")
        ],
        "programme_figures": _programme_figures(result, labels),
        "distinguishing": [
            (labels.get(d.code, d.code), d)
            for d in result.distinguishing_drivers + result.distinguishing_mechanisms
        ],
        "trials_per_driver": [
            (labels.get(d, d or _("uden driver")), counts)
            for d, counts in sorted(result.trial_actions.per_driver.items())
        ],
        "attention_points": [
            {**point, "label": labels.get(f"ap{point['number']}", point["label"])}
            for point in result.attention_points.points
        ],
        "coverage": [
            result.attention_points.coverage.get(p["number"], 0) for p in result.attention_points.points
        ],
        "pressures": _pressures(result, detailed),
        "correlations": result.scores.correlations,
        "downloads": report_downloads(programme.code if programme else "all"),
        "can_code": permissions.can_code(request.user),
        "can_change_rules": permissions.can(request.user, "change", "degree_rules"),
        **page_figures(result, detailed=detailed),
    }
    if not detailed:
        return _render(request, "analysis/analysis.html", aggregate_context(context, len(result.sites)))
    site_page = Paginator(result.sites, SITE_PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        site_page=site_page,
        site_rows=_site_rows(result, site_page.object_list, labels),
        never_followed_up=result.trial_actions.never_followed_up,
        frequent=[(labels.get(d, d), statements) for d, statements in result.profiles.frequent.items()],
    )
    return _render(request, "analysis/analysis.html", context)


@login_required
@require_GET
def index(request):
    """The analysis across all programmes."""
    return _analysis_page(request, None)


@login_required
@require_GET
def programme_analysis(request, code):
    _require(permissions.can_see_aggregates(request.user))
    return _analysis_page(request, get_object_or_404(Programme, code=code))


# --- the framework matrix -------------------------------------------------------------------------
