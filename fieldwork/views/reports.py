"""The report editor (optimistic locking, conflict view) and the read-only report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from audit.services import record_report_read
from fieldwork import selectors, services
from fieldwork.forms import (
    FactorForm,
    FollowUpForm,
    ReportForm,
    TrialActionForm,
)
from fieldwork.models import (
    ImplementationReport,
    ReportStatus,
    Theme,
    Visit,
    VisitStatus,
)
from fieldwork.views._common import (
    _apply_errors,
    _editable_visit_or_404,
    _tell_masked,
)

# Reports -------------------------------------------------------------------------------------


def _editor_context(request, visit, report, form, conflict=None):
    return {
        "visit": visit,
        "site": visit.site,
        "report": report,
        "form": form,
        "conflict": conflict,
        "conflict_rows": _conflict_rows(conflict, form) if conflict else [],
        "factors": report.factors.select_related("driver", "mechanism") if report else [],
        "factor_form": FactorForm(prefix="factor"),
        "agreed": visit.trial_actions_agreed.select_related("driver"),
        "action_form": TrialActionForm(prefix="action"),
        "follow_ups": _follow_up_items(visit),
    }


def _conflict_rows(conflict, form):
    mine = {theme.value: form.data.get(f"section_{theme.value}", "") for theme in Theme}
    rows = [
        ("introduction", _("Indledning"), conflict.current.introduction, form.data.get("introduction", ""))
    ]
    rows += [(t.value, t.label, conflict.current.sections.get(t.value, ""), mine[t.value]) for t in Theme]
    return [
        {"key": key, "label": label, "theirs": theirs, "yours": yours, "differs": theirs != yours}
        for key, label, theirs, yours in rows
    ]


def _follow_up_items(visit):
    return [
        {
            "action": action,
            "form": FollowUpForm(visits=Visit.objects.filter(pk=visit.pk), prefix=f"fu{action.pk}"),
        }
        for action in selectors.actions_to_follow_up(visit)
    ]


def _needs_draft_confirmation(report, validate: bool, post) -> bool:
    """Saving a validated report as a draft undoes the validation: only after the user says yes."""
    return (
        report is not None
        and report.status == ReportStatus.VALIDATED
        and not validate
        and post.get("confirm_draft") != "1"
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    visit = _editable_visit_or_404(request.user, pk)
    if visit.status != VisitStatus.HELD:
        messages.info(request, _("Registrér først besøget som afholdt; så kan rapporten skrives."))
        return redirect("fieldwork:visit_update", pk=visit.pk)
    report = ImplementationReport.objects.filter(visit=visit).first()
    if request.method == "GET":
        initial = {
            "version": report.version if report else 0,
            "introduction": report.introduction if report else "",
            "anchoring": report.anchoring if report else None,
            "validated_on": report.validated_on if report else None,
        }
        initial.update({f"section_{k}": v for k, v in selectors.sections_by_theme(report).items()})
        form = ReportForm(initial=initial)
        return render(request, "fieldwork/report_edit.html", _editor_context(request, visit, report, form))
    form = ReportForm(request.POST)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        validate = request.POST.get("action") == "validate"
        if _needs_draft_confirmation(report, validate, request.POST):
            context = _editor_context(request, visit, report, form) | {"confirm_draft": True}
            return render(request, "fieldwork/report_edit.html", context)
        try:
            saved = services.report_save(
                visit=visit,
                expected_version=data["version"],
                introduction=data["introduction"],
                sections=form.sections(),
                anchoring=data["anchoring"],
                author=request.user,
                validated_on=data["validated_on"] if validate else None,
            )
        except services.ReportConflict as error:
            conflict = error
            form = ReportForm(request.POST.copy())
            form.data["version"] = str(error.current.version)
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(
                request, _("Rapporten er valideret.") if validate else _("Rapporten er gemt som kladde.")
            )
            return redirect("fieldwork:report_edit", pk=visit.pk)
    report = ImplementationReport.objects.filter(visit=visit).first()
    status = 409 if conflict else 200
    return render(
        request,
        "fieldwork/report_edit.html",
        _editor_context(request, visit, report, form, conflict),
        status=status,
    )


@login_required
def report_detail(request, pk):
    report = permissions.get_visible_report_or_404(request.user, pk=pk)
    record_report_read(request.user, report)
    report = selectors.report_with_everything(report.pk)
    return render(
        request,
        "fieldwork/report_detail.html",
        {
            "report": report,
            "visit": report.visit,
            "sections": [(t, selectors.sections_by_theme(report)[t.value]) for t in Theme],
            "participants": report.visit.participants.order_by("name"),
            "agreed": report.visit.trial_actions_agreed.select_related("driver", "followed_up_at"),
            "followed_up": report.visit.trial_actions_followed_up.select_related("agreed_at"),
            "can_edit": permissions.editable_sites(request.user).filter(pk=report.visit.site_id).exists(),
        },
    )
