"""Joint meetings: list, detail, create, update, and their promoters and inhibitors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts.paging import paginate
from audit.forms import conflict_form_data, conflict_rows, versioned_initial
from audit.versions import EditConflict
from fieldwork import selectors, services
from fieldwork.forms import (
    JointMeetingEditForm,
    JointMeetingForm,
)
from fieldwork.models import (
    JointMeeting,
)
from fieldwork.views._common import (
    _apply_errors,
    _tell_masked,
)
from fieldwork.views.factors import _add_factor, editable_factor_ids, meeting_factor_form

# Joint meetings ------------------------------------------------------------------------------


@login_required
def meeting_list(request):
    if not permissions.can_see_free_text(request.user):
        raise Http404
    meetings = (
        permissions.visible_joint_meetings(request.user).prefetch_related("sites").order_by("-held_on", "pk")
    )
    page, query_string = paginate(request, meetings, per_page=20)
    selectors.show_meeting_titles(request.user, page)
    return render(
        request,
        "fieldwork/meeting_list.html",
        {
            "page_obj": page,
            "query_string": query_string,
            "can_create": permissions.can_create_joint_meetings(request.user),
        },
    )


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(permissions.visible_joint_meetings(request.user), pk=pk)
    meeting = selectors.meeting_with_everything(meeting.pk, JointMeeting.objects.all())
    visible_ids = set(
        permissions.visible_sites(request.user).filter(joint_meetings=meeting).values_list("pk", flat=True)
    )
    editable = permissions.editable_joint_meetings(request.user).filter(pk=meeting.pk).exists()
    minutes_editable = permissions.can_edit_minutes(request.user, meeting)
    factors = (
        permissions.visible_factors(request.user)
        .filter(joint_meeting=meeting)
        .select_related("driver", "mechanism", "site")
    )
    return render(
        request,
        "fieldwork/meeting_detail.html",
        {
            "meeting": meeting,
            "minutes": selectors.meeting_minutes_for(request.user, meeting),
            "title": selectors.meeting_title_for(request.user, meeting),
            "factors": factors,
            "factor_form": meeting_factor_form(request.user, meeting),
            "add_url": reverse("fieldwork:meeting_factor_create", kwargs={"pk": meeting.pk}),
            "visible_site_ids": visible_ids,
            "editable": editable,
            "minutes_editable": minutes_editable,
            "whole": permissions.sees_whole_joint_meetings(request.user),
            "editable_factor_ids": editable_factor_ids(request.user, factors),
        },
    )


def _save_meeting(request, form, meeting=None):
    data = form.cleaned_data
    sites = list(data["sites"])
    if meeting is not None:
        chosen_from = set(form.fields["sites"].queryset.values_list("pk", flat=True))
        sites += [s for s in meeting.sites.all() if s.pk not in chosen_from]
    return services.joint_meeting_save(
        meeting=meeting,
        held_on=data["held_on"],
        title=data["title"],
        minutes=data["minutes"],
        sites=sites,
        expected_version=data.get("version"),
        base=form.base_values() if meeting is not None else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not permissions.can_create_joint_meetings(request.user):
        raise Http404
    form = JointMeetingForm(request.POST or None, sites=permissions.editable_sites(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_meeting(request, form)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(request, _("Mødet er gemt."))
            return redirect("fieldwork:meeting_detail", pk=saved.obj.pk)
    return render(request, "fieldwork/meeting_form.html", {"form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request, pk):
    meeting = get_object_or_404(permissions.editable_joint_meetings(request.user), pk=pk)
    if not permissions.can_edit_minutes(request.user, meeting):
        raise Http404
    sites = permissions.editable_sites(request.user)
    initial = versioned_initial(meeting.version, services.joint_meeting_values(meeting))
    initial["sites"] = list(meeting.sites.filter(pk__in=sites.values("pk")))
    form = JointMeetingEditForm(request.POST or None, sites=sites, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_meeting(request, form, meeting)
        except EditConflict as error:
            conflict = error
            form = JointMeetingEditForm(conflict_form_data(form, error), sites=sites)
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(request, _("Mødet er gemt."))
            return redirect("fieldwork:meeting_detail", pk=meeting.pk)
    context = {
        "form": form,
        "meeting": meeting,
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
    }
    return render(request, "fieldwork/meeting_form.html", context, status=409 if conflict else 200)


@login_required
@require_POST
def meeting_factor_create(request, pk):
    meeting = get_object_or_404(permissions.editable_joint_meetings(request.user), pk=pk)
    return _add_factor(request, meeting=meeting)
