"""The framework matrix with the evaluator's confirmed ratings, its evidence, and the degree
classification with its overrides (evaluators and administrators; providers see none of it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from analysis import results
from analysis import selectors as analysis_selectors
from analysis import services as analysis_services
from analysis.computations.matrix import cross_case_matrix
from analysis.forms import DegreeOverrideForm, MatrixCellForm, MatrixFilterForm
from analysis.models import DegreeOverride
from analysis.views import overview
from analysis.views.overview import DEGREE_LABELS, _render, _require
from codebook.models import Code, CodeKind
from coding import selectors as coding_selectors
from registry.models import Site


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
    result = results.analysis_result(programme.code if programme else None)
    labels = analysis_selectors.code_labels()
    table = result.driver_matrix if kind == CodeKind.DRIVER else result.mechanism_matrix
    code_ids = _code_ids(kind)
    columns = [{"key": key, "label": labels.get(key, key), "pk": code_ids.get(key)} for key in table.codes]
    ordered = [
        (degree, site)
        for degree, sites in result.sites_by_degree().items()
        for site in sites
        if site in table.cells
    ]
    page = Paginator(ordered, overview.SITE_PAGE_SIZE).get_page(request.GET.get("page"))
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
        "distinctions": [(labels.get(d.code, d.code), d) for d in distinctions],
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
    classification = results.site_status(site.code).classification
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
