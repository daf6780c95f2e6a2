"""Plan and record visits, and the visit page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from fieldwork import services
from fieldwork.forms import (
    VisitForm,
)
from fieldwork.models import (
    VisitStatus,
)
from fieldwork.views._common import (
    _apply_errors,
    _current_consultant,
    _editable_visit_or_404,
    _tell_masked,
    _visible_visit_or_404,
)
from registry.dates import left_notice

# Visits --------------------------------------------------------------------------------------


def _save_visit(request, form, site, visit=None):
    data = form.cleaned_data
    common = {
        "site": site,
        "phase": data["phase"],
        "participants": data["participants"],
        "other_participants": data["other_participants"],
        # A visit keeps the consultant it has: only evaluators and administrators change it (API).
        "consultant": None
        if visit is not None and visit.consultant_id
        else _current_consultant(request.user),
        "visit": visit,
    }
    if data["status"] == VisitStatus.HELD:
        return services.visit_record(held_on=data["date"], **common)
    return services.visit_plan(planned_on=data["date"], **common)


@login_required
@require_http_methods(["GET", "POST"])
def visit_create(request, site_pk):
    site = permissions.get_editable_site_or_404(request.user, pk=site_pk)
    if left_notice(site):
        messages.error(request, left_notice(site))
        return redirect("registry:site_detail", pk=site.pk)
    form = VisitForm(request.POST or None, site=site, initial={"status": VisitStatus.PLANNED})
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_visit(request, form, site)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(request, _("Besøget er gemt."))
            if saved.obj.status == VisitStatus.HELD:
                return redirect("fieldwork:report_edit", pk=saved.obj.pk)
            return redirect("fieldwork:visit_detail", pk=saved.obj.pk)
    return render(request, "fieldwork/visit_form.html", {"form": form, "site": site, "visit": None})


@login_required
@require_http_methods(["GET", "POST"])
def visit_update(request, pk):
    visit = _editable_visit_or_404(request.user, pk)
    initial = {
        "status": VisitStatus.HELD if visit.status == VisitStatus.HELD else VisitStatus.PLANNED,
        "date": visit.date,
        "phase": visit.phase,
        "participants": list(visit.participants.all()),
        "other_participants": visit.other_participants,
    }
    form = VisitForm(request.POST or None, site=visit.site, on=visit.date, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_visit(request, form, visit.site, visit)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(request, _("Besøget er gemt."))
            return redirect("fieldwork:visit_detail", pk=visit.pk)
    return render(request, "fieldwork/visit_form.html", {"form": form, "site": visit.site, "visit": visit})


@login_required
def visit_detail(request, pk):
    visit = _visible_visit_or_404(request.user, pk)
    report = permissions.visible_reports(request.user).filter(visit=visit).first()
    site = visit.site
    return render(
        request,
        "fieldwork/visit_detail.html",
        {
            "visit": visit,
            "site": site,
            "report": report,
            "participants": visit.participants.all(),
            "agreed": visit.trial_actions_agreed.select_related("driver", "followed_up_at"),
            "followed_up": visit.trial_actions_followed_up.select_related("driver", "agreed_at"),
            "can_edit": permissions.editable_sites(request.user).filter(pk=site.pk).exists(),
            "can_update_actions": permissions.can_update_trial_actions(request.user, site),
        },
    )
