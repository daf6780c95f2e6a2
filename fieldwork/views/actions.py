"""Trial actions: agree at a visit, follow up at a later one, update."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from audit.forms import conflict_form_data, conflict_rows, versioned_initial
from audit.versions import EditConflict
from fieldwork import selectors, services
from fieldwork.forms import (
    FollowUpForm,
    TrialActionEditForm,
    TrialActionForm,
)
from fieldwork.models import (
    TrialAction,
)
from fieldwork.views._common import (
    _apply_errors,
    _editable_visit_or_404,
    _masked_notice,
    _tell_masked,
)

# Trial actions -------------------------------------------------------------------------------


@login_required
@require_POST
def trial_action_create(request, pk):
    visit = _editable_visit_or_404(request.user, pk)
    form = TrialActionForm(request.POST, prefix="action")
    notice = ""
    if form.is_valid():
        try:
            saved = services.trial_action_agree(visit=visit, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            notice = _masked_notice(saved.masked) if saved.masked else ""
            _tell_masked(request, 0 if request.htmx else saved.masked)
            form = TrialActionForm(prefix="action")
    if not request.htmx:
        if form.errors:
            messages.error(
                request, _("Prøvehandlingen blev ikke gemt: %(errors)s") % {"errors": form.errors.as_text()}
            )
        return redirect("fieldwork:report_edit", pk=visit.pk)
    return render(
        request,
        "fieldwork/_trial_actions.html",
        {
            "visit": visit,
            "agreed": visit.trial_actions_agreed.select_related("driver"),
            "action_form": form,
            "notice": notice,
        },
    )


def _updatable_action_or_404(user, pk) -> TrialAction:
    action = get_object_or_404(
        TrialAction.objects.select_related("agreed_at__site", "followed_up_at", "driver"),
        pk=pk,
        agreed_at__site__in=permissions.visible_sites(user),
    )
    if not permissions.can_update_trial_actions(user, action.agreed_at.site):
        raise Http404
    return action


@login_required
@require_http_methods(["GET", "POST"])
def trial_action_follow_up(request, pk):
    """Follow an open trial action up at a later held visit (consultant or the site's own team)."""
    action = _updatable_action_or_404(request.user, pk)
    visits = selectors.later_held_visits(action)
    prefix = f"fu{action.pk}"
    form = FollowUpForm(request.POST or None, visits=visits, prefix=prefix)
    conflict = None
    if request.method == "GET":
        values = services.follow_up_values(action)
        if values["visit"] is None and visits.exists():
            values["visit"] = visits.first()
        form = FollowUpForm(visits=visits, prefix=prefix, initial=versioned_initial(action.version, values))
    elif form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.trial_action_follow_up(
                trial_action=action,
                expected_version=data["version"],
                visit=data["visit"],
                outcome=data["outcome"],
                learning=data["learning"],
                base=form.base_values(),
            )
        except EditConflict as error:
            conflict = error
            form = FollowUpForm(conflict_form_data(form, error), visits=visits, prefix=prefix)
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, 0 if request.htmx else saved.masked)
            if request.htmx:
                notice = _masked_notice(saved.masked) if saved.masked else ""
                return render(
                    request,
                    "fieldwork/_follow_up_item.html",
                    {"action": saved.obj, "notice": notice, "done": True},
                )
            messages.success(request, _("Opfølgningen er gemt."))
            return redirect("fieldwork:visit_detail", pk=saved.obj.followed_up_at_id)
    template = "fieldwork/_follow_up_item.html" if request.htmx else "fieldwork/follow_up.html"
    context = {
        "action": action,
        "form": form,
        "no_visit": not visits.exists(),
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
    }
    # htmx swaps only 2xx answers: an htmx conflict comes back as 200 with the conflict fragment.
    return render(request, template, context, status=409 if conflict and not request.htmx else 200)


@login_required
@require_http_methods(["GET", "POST"])
def trial_action_update(request, pk):
    action = _updatable_action_or_404(request.user, pk)
    initial = versioned_initial(action.version, services.trial_action_values(action))
    form = TrialActionEditForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.trial_action_update(
                trial_action=action,
                expected_version=data["version"],
                aim=data["aim"],
                description=data["description"],
                driver=data["driver"],
                carried_by=data["carried_by"],
                base=form.base_values(),
            )
        except EditConflict as error:
            conflict = error
            form = TrialActionEditForm(conflict_form_data(form, error))
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(request, _("Prøvehandlingen er gemt."))
            return redirect("fieldwork:visit_detail", pk=action.agreed_at_id)
    context = {
        "action": action,
        "form": form,
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
    }
    return render(request, "fieldwork/trial_action_form.html", context, status=409 if conflict else 200)
