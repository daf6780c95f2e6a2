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
    factor = Factor.objects.select_related("report__visit", "joint_meeting").filter(pk=factor_pk).first()
    if factor is None:
        raise Http404
    if factor.report_id:
        allowed = permissions.editable_sites(user).filter(pk=factor.report.visit.site_id).exists()
    else:
        allowed = permissions.editable_joint_meetings(user).filter(pk=factor.joint_meeting_id).exists()
    if not allowed:
        raise Http404
    return factor


def _factors_fragment(request, *, report=None, meeting=None, form=None, notice="", status=200):
    owner = report or meeting
    factors = owner.factors.select_related("driver", "mechanism", "site")
    sites = meeting.sites.all() if meeting else None
    return render(
        request,
        "fieldwork/_factors.html",
        {
            "factors": factors,
            "factor_form": form or FactorForm(meeting_sites=sites, prefix="factor"),
            "add_url": reverse("fieldwork:factor_create", kwargs={"pk": report.pk})
            if report
            else reverse("fieldwork:meeting_factor_create", kwargs={"pk": meeting.pk}),
            "editable": True,
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
    form = FactorForm(request.POST, meeting_sites=meeting.sites.all() if meeting else None, prefix="factor")
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
    sites = factor.joint_meeting.sites.all() if factor.joint_meeting_id else None
    prefix = f"factor{factor.pk}"
    conflict = None
    if request.method == "GET":
        initial = versioned_initial(factor.version, services.factor_values(factor))
        form = FactorEditForm(initial=initial, meeting_sites=sites, prefix=prefix)
        return render(request, "fieldwork/_factor_edit.html", {"factor": factor, "form": form})
    form = FactorEditForm(request.POST, meeting_sites=sites, prefix=prefix)
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
            form = FactorEditForm(conflict_form_data(form, error), meeting_sites=sites, prefix=prefix)
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
