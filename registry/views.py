"""The registry pages: a site's profile, membership, departments, team and consultants.

Thin views: each asks accounts.permissions for the site (404 outside what the user may change),
validates a form and calls one service; a service's ValidationError goes back onto the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from registry import services
from registry.forms import (
    AssignmentForm,
    DepartmentForm,
    MembershipForm,
    SiteCreateForm,
    SiteProfileForm,
    TeamMemberForm,
)
from registry.models import ConsultantAssignment, Department, TeamMember


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to its field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _profile_initial(site) -> dict:
    return {name: getattr(site, name) for name in services.PROFILE_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def site_create(request):
    if not permissions.can_manage_sites(request.user):
        raise Http404("Ingen side her.")
    form = SiteCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_create(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Stedet er oprettet."))
            return redirect("registry:site_detail", pk=site.pk)
    return render(request, "registry/site_form.html", {"form": form, "site": None})


@login_required
@require_http_methods(["GET", "POST"])
def site_update(request, pk):
    site = permissions.get_registry_editable_site_or_404(request.user, pk=pk)
    form = SiteProfileForm(request.POST or None, initial=_profile_initial(site))
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(site=site, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Profilen er gemt."))
            return redirect("registry:site_detail", pk=site.pk)
    return render(request, "registry/site_form.html", {"form": form, "site": site})


@login_required
@require_http_methods(["GET", "POST"])
def site_membership(request, pk):
    site = permissions.get_managed_site_or_404(request.user, pk=pk)
    initial = {"joined_on": site.joined_on, "left_on": site.left_on, "left_reason": site.left_reason}
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_membership_set(site=site, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Medlemskabet er gemt."))
            return redirect("registry:site_detail", pk=site.pk)
    return render(request, "registry/membership_form.html", {"form": form, "site": site})


@login_required
@require_http_methods(["GET", "POST"])
def department_list(request, pk):
    """The site's departments with their addresses, and a form to add one."""
    site = permissions.get_registry_editable_site_or_404(request.user, pk=pk)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_save(site=site, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Afdelingen er gemt."))
            return redirect("registry:department_list", pk=site.pk)
    return render(
        request,
        "registry/department_list.html",
        {"site": site, "form": form, "departments": Department.objects.filter(site=site).order_by("name")},
    )


def _department_or_404(user, pk):
    sites = permissions.registry_editable_sites(user)
    return get_object_or_404(Department.objects.select_related("site"), pk=pk, site__in=sites)


@login_required
@require_http_methods(["GET", "POST"])
def department_update(request, pk):
    department = _department_or_404(request.user, pk)
    site = department.site
    initial = {
        "name": department.name,
        "address": department.address,
        "separate_address": department.separate_address,
    }
    form = DepartmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_save(site=site, department=department, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Afdelingen er gemt."))
            return redirect("registry:department_list", pk=site.pk)
    return render(
        request, "registry/department_form.html", {"site": site, "form": form, "department": department}
    )


@login_required
@require_POST
def department_delete(request, pk):
    department = _department_or_404(request.user, pk)
    services.department_delete(department=department)
    messages.success(request, _("Afdelingen er slettet."))
    return redirect("registry:department_list", pk=department.site_id)


@login_required
@require_http_methods(["GET", "POST"])
def team_list(request, pk):
    """The implementation team over time (current and former members), and a form to add one."""
    site = permissions.get_registry_editable_site_or_404(request.user, pk=pk)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_save(site=site, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Teammedlemmet er gemt."))
            return redirect("registry:team_list", pk=site.pk)
    members = TeamMember.objects.filter(site=site).order_by("-ends_on", "starts_on", "name")
    return render(request, "registry/team_list.html", {"site": site, "form": form, "members": members})


@login_required
@require_http_methods(["GET", "POST"])
def team_member_update(request, pk):
    sites = permissions.registry_editable_sites(request.user)
    member = get_object_or_404(TeamMember.objects.select_related("site"), pk=pk, site__in=sites)
    site = member.site
    initial = {
        "name": member.name,
        "role": member.role,
        "is_lead": member.is_lead,
        "starts_on": member.starts_on,
        "ends_on": member.ends_on,
    }
    form = TeamMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_save(site=site, member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Teammedlemmet er gemt."))
            return redirect("registry:team_list", pk=site.pk)
    return render(request, "registry/team_member_form.html", {"site": site, "form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_list(request, pk):
    """The site's consultants over time with the reasons; evaluators and administrators change it."""
    site = permissions.get_registry_editable_site_or_404(request.user, pk=pk)
    can_change = permissions.can_manage_sites(request.user)
    if request.method == "POST" and not can_change:
        raise Http404("Ingen side her.")
    form = AssignmentForm(request.POST or None, site=site) if can_change else None
    if request.method == "POST" and form.is_valid():
        try:
            services.consultant_assign(site=site, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Konsulenten er skiftet."))
            return redirect("registry:assignment_list", pk=site.pk)
    assignments = (
        ConsultantAssignment.objects.filter(site=site).select_related("consultant").order_by("starts_on")
    )
    return render(
        request, "registry/assignment_list.html", {"site": site, "form": form, "assignments": assignments}
    )
