"""The report editor (optimistic locking, conflict view) and the read-only report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from audit.forms import conflict_form_data, conflict_rows, versioned_initial
from audit.versions import EditConflict
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
    blank_code_form_fields,
)

# Reports -------------------------------------------------------------------------------------


def _report_of(visit):
    """The visit's report with the visit it belongs to loaded (its rows' reads need its site)."""
    return ImplementationReport.objects.select_related("visit").filter(visit=visit).first()


def _editor_context(request, visit, report, form, conflict=None):
    factors = list(report.factors.select_related("driver", "mechanism")) if report else []
    return {
        "visit": visit,
        "site": visit.site,
        "report": report,
        "form": form,
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
        "factors": factors,
        "editable_factor_ids": {factor.pk for factor in factors},
        "factor_fields": blank_code_form_fields(FactorForm(prefix="factor")),
        "agreed": visit.trial_actions_agreed.select_related("driver"),
        "action_fields": blank_code_form_fields(TrialActionForm(prefix="action")),
        "follow_ups": _follow_up_items(visit),
    }


def _follow_up_items(visit):
    return [
        {
            "action": action,
            "form": FollowUpForm(
                visits=Visit.objects.filter(pk=visit.pk),
                prefix=f"fu{action.pk}",
                initial=versioned_initial(
                    action.version, {**services.follow_up_values(action), "visit": visit}
                ),
            ),
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
    report = _report_of(visit)
    if request.method == "GET":
        if report is None:
            initial = versioned_initial(0, services.empty_report_values())
        else:
            initial = versioned_initial(report.version, services.report_values(report))
        initial["validated_on"] = report.validated_on if report else None
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
                base=form.base_values(),
            )
        except EditConflict as error:
            conflict = error
            form = ReportForm(conflict_form_data(form, error))
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(
                request, _("Rapporten er valideret.") if validate else _("Rapporten er gemt som kladde.")
            )
            return redirect("fieldwork:report_edit", pk=visit.pk)
    report = _report_of(visit)
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
