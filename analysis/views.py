"""Pages of the analysis: per programme and across programmes, the framework matrix with the
evaluator's confirmed ratings, and the degree classification with its overrides.

Computation lives in analysis.computations and analysis.services; these views only choose what a
role may see and shape the result for the templates. Providers see aggregates per programme only:
no site rows (not even site codes — a code names a home, and with a handful of homes per
programme a per-site figure is a judgement about an identifiable organisation and its staff), no
statements, no quotes, no event descriptions.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from analysis import selectors as analysis_selectors
from analysis import services as analysis_services
from analysis.aggregates import aggregate_context
from analysis.computations.matrix import cross_case_matrix
from analysis.computations.records import DRIVERS, PHASES
from analysis.forms import DegreeOverrideForm, MatrixCellForm, MatrixFilterForm
from analysis.models import CapacityRating, Degree, DegreeOverride, DegreeRuleConfig, MatrixRating
from audit.models import AuditEntry
from coding import selectors as coding_selectors
from coding.models import Code, CodedPassage, CodeKind
from coding.views import navigation
from fieldwork.models import (
    EventKind,
    ExternalEvent,
    Factor,
    ImplementationReport,
    JointMeeting,
    Phase,
    Score,
    SiteAssessment,
    TrialAction,
    TrialOutcome,
    Visit,
)
from publishing import renderers
from registry.models import ConsultantAssignment, Programme, Site, TeamMember

ANALYSED_MODELS = (
    Site,
    Visit,
    ImplementationReport,
    Factor,
    CodedPassage,
    TrialAction,
    SiteAssessment,
    ExternalEvent,
    Score,
    TeamMember,
    ConsultantAssignment,
    JointMeeting,
    Code,
    MatrixRating,
    CapacityRating,
    DegreeOverride,
    DegreeRuleConfig,
)
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


def _programme_figures(result) -> list[dict]:
    """The programmes side by side, each with its driver figure and its few-sites caveat."""
    figures = []
    for item in result.programmes.programmes:
        figures.append(
            {
                "figures": item,
                "bars": driver_bars(result.profiles.per_programme.get(item.programme), result.labels),
                "promoter_share": [
                    (result.labels.get(d, d), _share(item.promoter_share[d])) for d in DRIVERS
                ],
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


def _site_rows(result, sites) -> list[dict]:
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
                "balance": [(result.labels.get(d, d), site.balance[d]) for d in DRIVERS],
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


def report_downloads(programme_code: str) -> list[dict]:
    """The evaluation report of the scope in every format publishing renders (its edition — full or
    aggregated — is decided by publishing from the user's permissions)."""
    return [
        {
            "format": fmt.upper(),
            "url": reverse(
                "publishing:evaluation_report", kwargs={"programme": programme_code.lower(), "fmt": fmt}
            ),
        }
        for fmt in renderers.formats()
    ]


# --- the analysis, computed once per change of the data ------------------------------------------

_RESULTS: dict[str | None, tuple[tuple, object]] = {}


def _fingerprint() -> tuple:
    """Changes whenever the analysed data may have: the newest audit entry (every save and delete
    through the ORM is audited) and the size and newest row of each table the analysis reads (bulk
    loads such as the demo bypass the audit signals)."""
    parts = [tuple(AuditEntry.objects.aggregate(pk=Max("pk"), at=Max("at")).values())]
    for model in ANALYSED_MODELS:
        parts.append(tuple(model._default_manager.aggregate(rows=Count("pk"), top=Max("pk")).values()))
    return tuple(parts)


def analysis_result(programme_code: str | None):
    """`analysis.services.analyse` for the scope, reused while the data is unchanged (per process, one
    result per scope), so browsing the analysis and the matrix does not recompute it on every page."""
    fingerprint = _fingerprint()
    cached = _RESULTS.get(programme_code)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    result = analysis_services.analyse(programme_code)
    _RESULTS[programme_code] = (fingerprint, result)
    return result


# --- the analysis pages ---------------------------------------------------------------------------


def _analysis_page(request, programme: Programme | None):
    _require(permissions.can_see_aggregates(request.user))
    detailed = permissions.can_see_all_sites(request.user)
    result = analysis_result(programme.code if programme else None)
    context = {
        "programme": programme,
        "programmes": Programme.objects.order_by("code"),
        "result": result,
        "detailed": detailed,
        "overview": result.overview,
        "visits_per_year": sorted(result.overview.visits_per_year.items()),
        "overall_bars": driver_bars(result.profiles.overall, result.labels),
        "driver_labels": [(d, result.labels.get(d, d)) for d in DRIVERS],
        "degree_counts": [
            (DEGREE_LABELS[d], result.degree_counts.get(d, 0)) for d in ("high", "some", "low")
        ],
        "programme_figures": _programme_figures(result),
        "distinguishing": [
            (result.labels.get(d.code, d.code), d)
            for d in result.distinguishing_drivers + result.distinguishing_mechanisms
        ],
        "trials_per_driver": [
            (result.labels.get(d, d or _("uden driver")), counts)
            for d, counts in sorted(result.trial_actions.per_driver.items())
        ],
        "attention_points": result.attention_points.points,
        "coverage": [
            result.attention_points.coverage.get(p["number"], 0) for p in result.attention_points.points
        ],
        "pressures": _pressures(result, detailed),
        "correlations": result.scores.correlations,
        "downloads": report_downloads(programme.code if programme else "all"),
        "can_code": permissions.can_code(request.user),
    }
    if not detailed:
        return _render(request, "analysis/analysis.html", aggregate_context(context, len(result.sites)))
    site_page = Paginator(result.sites, SITE_PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        site_page=site_page,
        site_rows=_site_rows(result, site_page.object_list),
        never_followed_up=result.trial_actions.never_followed_up,
        frequent=[
            (result.labels.get(d, d), statements) for d, statements in result.profiles.frequent.items()
        ],
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


def _code_ids(kind: str) -> dict[str, int]:
    return dict(Code.objects.filter(kind=kind).values_list("key", "pk"))


@login_required
@require_GET
def matrix(request):
    """Sites × drivers (or × mechanisms): proposed and confirmed ratings with the evaluator's summary."""
    _require(permissions.can_code(request.user))
    form = MatrixFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    kind = filters.get("kind") or CodeKind.DRIVER
    programme = filters.get("programme")
    result = analysis_result(programme.code if programme else None)
    table = result.driver_matrix if kind == CodeKind.DRIVER else result.mechanism_matrix
    code_ids = _code_ids(kind)
    columns = [
        {"key": key, "label": result.labels.get(key, key), "pk": code_ids.get(key)} for key in table.codes
    ]
    ordered = [
        (degree, site)
        for degree, sites in result.sites_by_degree().items()
        for site in sites
        if site in table.cells
    ]
    page = Paginator(ordered, SITE_PAGE_SIZE).get_page(request.GET.get("page"))
    site_ids = dict(
        Site.objects.filter(code__in=[site for _degree, site in page.object_list]).values_list("code", "pk")
    )
    groups: list[dict] = []
    for degree, site in page.object_list:
        if not groups or groups[-1]["degree"] != degree:
            groups.append(
                {"degree": degree, "label": DEGREE_LABELS.get(degree, _("Ikke klassificeret")), "rows": []}
            )
        groups[-1]["rows"].append(
            {
                "code": site,
                "pk": site_ids[site],
                "cells": [
                    {
                        "cell": table.cells[site][column["key"]],
                        "site_pk": site_ids[site],
                        "code_pk": column["pk"],
                    }
                    for column in columns
                ],
            }
        )
    distinctions = (
        result.distinguishing_drivers if kind == CodeKind.DRIVER else result.distinguishing_mechanisms
    )
    context = {
        "form": form,
        "kind": kind,
        "columns": columns,
        "groups": groups,
        "site_page": page,
        "distinctions": [(result.labels.get(d.code, d.code), d) for d in distinctions],
        "config": result.config["matrix"],
    }
    return _render(request, "analysis/matrix.html", context)


def _matrix_cell(site: Site, code: Code):
    """The cell of one site and one driver or mechanism, computed from that site's data only."""
    data = analysis_selectors.analysis_input(site_code=site.code)
    table = cross_case_matrix(
        data, code.kind, analysis_selectors.active_config()["matrix"], data.matrix_confirmations
    )
    try:
        return table.cells[site.code][code.key]
    except KeyError as exc:
        raise Http404("Koden er ikke en kolonne i matrixen.") from exc


def _matrix_target(request, site_id, code_id) -> tuple[Site, Code]:
    _require(permissions.can_code(request.user))
    site = permissions.get_visible_site_or_404(request.user, pk=site_id)
    code = get_object_or_404(Code, pk=code_id, kind__in=[CodeKind.DRIVER, CodeKind.MECHANISM])
    return site, code


@login_required
@require_http_methods(["GET", "POST"])
def matrix_cell(request, site_id, code_id):
    """One cell, edited inline with htmx: GET ?edit=1 gives the form, POST saves the confirmation."""
    site, code = _matrix_target(request, site_id, code_id)
    cell = _matrix_cell(site, code)
    confirmation = cell.confirmation
    initial = {
        "rating": "" if cell.rating is None else str(cell.rating),
        "summary": confirmation.summary if confirmation else "",
    }
    form = MatrixCellForm(request.POST or None, initial=initial, auto_id=f"id_cell{site.pk}_{code.pk}_%s")
    editing = request.method == "POST" or request.GET.get("edit") == "1"
    if request.method == "POST" and form.is_valid():
        try:
            _row, masked = analysis_services.matrix_rating_confirm(
                site=site,
                code=code,
                rating=form.cleaned_data["rating"],
                summary=form.cleaned_data["summary"],
                proposed=cell.proposed,
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if masked:
                messages.warning(
                    request, _("%(count)s CPR-nummer er fjernet fra sammenfatningen.") % {"count": masked}
                )
            if not request.htmx:
                messages.success(request, _("Vurderingen er gemt."))
                return redirect(f"{reverse('analysis:matrix')}#cell-{site.pk}-{code.pk}")
            cell, editing = _matrix_cell(site, code), False
    context = {
        "item": {"cell": cell, "site_pk": site.pk, "code_pk": code.pk},
        "site": site,
        "code": code,
        "form": form,
        "editing": editing,
    }
    template = "analysis/_matrix_cell.html" if request.htmx else "analysis/matrix_cell.html"
    return _render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_GET
def matrix_evidence(request, site_id, code_id):
    """The statements and coded passages behind a cell, with links to their reports."""
    site, code = _matrix_target(request, site_id, code_id)
    evidence = coding_selectors.matrix_cell_evidence(request.user, site=site, code=code)
    context = {
        "site": site,
        "code": code,
        "cell": _matrix_cell(site, code),
        "factors": evidence.factors,
        "passages": evidence.passages,
        "memos": coding_selectors.memo_list(request.user, site=site, code=code, target="matrix_cell"),
    }
    return _render(request, "analysis/matrix_evidence.html", context)


# --- degree classification and overrides ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def degree(request, site_id):
    """A site's degree with every criterion and its evidence; an evaluator may override with a reason."""
    _require(permissions.can_see_all_sites(request.user))
    site = permissions.get_visible_site_or_404(request.user, pk=site_id)
    classification = analysis_services.site_status(site.code).classification
    form = DegreeOverrideForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                _row, masked = analysis_services.degree_override_create(
                    site=site,
                    degree=form.cleaned_data["degree"],
                    reason=form.cleaned_data["reason"],
                    proposed=classification.proposed or "",
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if masked:
                    messages.warning(
                        request, _("%(count)s CPR-nummer er fjernet fra begrundelsen.") % {"count": masked}
                    )
                messages.success(request, _("Klassifikationen er tilsidesat; begrundelsen er gemt."))
                return redirect("analysis:degree", site_id=site.pk)
    context = {
        "site": site,
        "classification": classification,
        "degree_label": DEGREE_LABELS.get(classification.degree, _("ikke klassificeret")),
        "proposed_label": DEGREE_LABELS.get(classification.proposed, _("ikke klassificeret")),
        "overrides": DegreeOverride.objects.filter(site=site).select_related("created_by"),
        "form": form,
    }
    return _render(request, "analysis/degree.html", context, status=400 if form.errors else 200)
