"""Promoters and inhibitors of reports and joint meetings, as htmx fragments (plain POST falls back to a redirect)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from audit.forms import conflict_form_data, conflict_rows, versioned_initial
from audit.versions import EditConflict
from fieldwork import services
from fieldwork.forms import (
    FactorEditForm,
    FactorForm,
)
from fieldwork.models import (
    Factor,
    ImplementationReport,
)
from fieldwork.views._common import (
    _apply_errors,
    _masked_notice,
    _tell_masked,
)

# Promoters and inhibitors (htmx fragments; plain POST falls back to a redirect) -----------------


def _editable_report_or_404(user, pk) -> ImplementationReport:
    return get_object_or_404(
        ImplementationReport.objects.select_related("visit__site"),
        pk=pk,
        visit__site__in=permissions.editable_sites(user),
    )


def _factor_source_or_404(user, factor_pk) -> Factor:
    """A factor the user may change: of a report of their sites, or a meeting statement of their sites."""
    factor = Factor.objects.select_related("report__visit", "joint_meeting").filter(pk=factor_pk).first()
    if factor is None or not permissions.can(user, "change", factor):
        raise Http404
    return factor


def editable_factor_ids(user, factors) -> set[int]:
    return {factor.pk for factor in factors if permissions.can(user, "change", factor)}


def meeting_factor_form(user, meeting, *args, form_class=FactorForm, **kwargs) -> FactorForm:
    """The site field offers only the meeting's sites whose statements the user writes; a statement
    without a site needs the user to cover every site of the meeting."""
    sites = permissions.editable_meeting_sites(user, meeting)
    covers_all = set(sites.values_list("pk", flat=True)) == set(meeting.sites.values_list("pk", flat=True))
    form = form_class(*args, meeting_sites=sites, **kwargs)
    form.fields["site"].required = not covers_all
    return form


def _factors_fragment(request, *, report=None, meeting=None, form=None, notice="", status=200):
    owner = report or meeting
    if meeting is not None:
        factors = permissions.visible_factors(request.user).filter(joint_meeting=meeting)
        form = form or meeting_factor_form(request.user, meeting, prefix="factor")
    else:
        factors = owner.factors.all()
        form = form or FactorForm(prefix="factor")
    factors = factors.select_related("driver", "mechanism", "site")
    return render(
        request,
        "fieldwork/_factors.html",
        {
            "factors": factors,
            "factor_form": form,
            "add_url": reverse("fieldwork:factor_create", kwargs={"pk": report.pk})
            if report
            else reverse("fieldwork:meeting_factor_create", kwargs={"pk": meeting.pk}),
            "editable": True,
            "editable_factor_ids": editable_factor_ids(request.user, factors),
            "notice": notice,
        },
        status=status,
    )


def _factor_values(form) -> dict:
    data = form.cleaned_data
    values = {k: data[k] for k in ("valence", "statement", "quote", "theme", "driver", "mechanism")}
    if "site" in form.fields:
        values["site"] = data.get("site")
    return values


def _back_to_owner(factor_or_owner):
    report = getattr(factor_or_owner, "report", None) if isinstance(factor_or_owner, Factor) else None
    if isinstance(factor_or_owner, ImplementationReport):
        report = factor_or_owner
    if report is not None:
        return redirect("fieldwork:report_edit", pk=report.visit_id)
    meeting = factor_or_owner.joint_meeting if isinstance(factor_or_owner, Factor) else factor_or_owner
    return redirect("fieldwork:meeting_detail", pk=meeting.pk)


def _add_factor(request, *, report=None, meeting=None):
    if meeting is not None:
        form = meeting_factor_form(request.user, meeting, request.POST, prefix="factor")
    else:
        form = FactorForm(request.POST, prefix="factor")
    notice = ""
    if form.is_valid():
        try:
            saved = services.factor_add(report=report, joint_meeting=meeting, **_factor_values(form))
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            notice = _masked_notice(saved.masked) if saved.masked else ""
            if not request.htmx:
                _tell_masked(request, saved.masked)
                return _back_to_owner(report or meeting)
            form = None
    if not request.htmx and form is not None:
        messages.error(
            request, _("Fremmeren/hæmmeren blev ikke gemt: %(errors)s") % {"errors": form.errors.as_text()}
        )
        return _back_to_owner(report or meeting)
    return _factors_fragment(request, report=report, meeting=meeting, form=form, notice=notice)


@login_required
@require_POST
def factor_create(request, pk):
    return _add_factor(request, report=_editable_report_or_404(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def factor_update(request, pk):
    factor = _factor_source_or_404(request.user, pk)
    prefix = f"factor{factor.pk}"
    conflict = None

    def form_of(*args, **kwargs):
        if factor.joint_meeting_id:
            return meeting_factor_form(
                request.user, factor.joint_meeting, *args, form_class=FactorEditForm, prefix=prefix, **kwargs
            )
        return FactorEditForm(*args, prefix=prefix, **kwargs)

    if request.method == "GET":
        form = form_of(initial=versioned_initial(factor.version, services.factor_values(factor)))
        return render(request, "fieldwork/_factor_edit.html", {"factor": factor, "form": form})
    form = form_of(request.POST)
    if form.is_valid():
        try:
            saved = services.factor_update(
                factor=factor,
                expected_version=form.cleaned_data["version"],
                base=form.base_values(),
                **_factor_values(form),
            )
        except EditConflict as error:
            conflict = error
            form = form_of(conflict_form_data(form, error))
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            if request.htmx:
                return render(
                    request,
                    "fieldwork/_factor_item.html",
                    {
                        "factor": saved.obj,
                        "editable": True,
                        "editable_factor_ids": {saved.obj.pk},
                        "notice": _masked_notice(saved.masked) if saved.masked else "",
                    },
                )
            return _back_to_owner(factor)
    context = {
        "factor": factor,
        "form": form,
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
    }
    # htmx swaps only 2xx answers: an htmx conflict comes back as 200 with the conflict fragment.
    return render(request, "fieldwork/_factor_edit.html", context, status=409 if conflict and not request.htmx else 200)


@login_required
@require_POST
def factor_delete(request, pk):
    factor = _factor_source_or_404(request.user, pk)
    services.factor_delete(factor=factor)
    if request.htmx:
        return render(request, "fieldwork/_empty.html")
    messages.success(request, _("Fremmeren/hæmmeren er slettet."))
    return _back_to_owner(factor)
