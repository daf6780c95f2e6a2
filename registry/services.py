"""Writes of the registry: sites, departments, team members, consultant assignments, visit plans.

Every function validates the whole object (`full_clean`) inside one transaction, masks CPR numbers
in the free text it stores and raises a ValidationError with a Danish message on bad input, so
nothing is half-written. Periods end; they are never deleted, so the history stays visible.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.privacy import mask_cpr
from audit import guard
from registry.dates import date_problem
from registry.models import ConsultantAssignment, Department, Site, TeamMember, VisitPlan

PROFILE_FIELDS = (
    "name",
    "programme",
    "region",
    "ownership",
    "places",
    "permanent_staff",
    "age_min",
    "age_max",
    "internal_school",
    "target_group_notes",
)


def _masked(text: str) -> str:
    return mask_cpr(text or "").text


def _check_date(field: str, date, site=None) -> None:
    problem = date_problem(date, site=site)
    if problem:
        raise ValidationError({field: problem})


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


# Sites ----------------------------------------------------------------------------------------


@transaction.atomic
def site_create(*, code: str, joined_on: datetime.date, **profile) -> Site:
    """A new site joins the project on `joined_on` with its profile."""
    guard.require("manage", "site")
    _check_date("joined_on", joined_on)
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("Ukendte felter: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    profile["target_group_notes"] = _masked(profile.get("target_group_notes", ""))
    return _save(Site(code=code, joined_on=joined_on, **profile))


@transaction.atomic
def site_update(*, site: Site, **profile) -> Site:
    """Change a site's profile: programme, ownership, places, staff, ages, school, target group."""
    guard.require("change", "site_profile", site)
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("Ukendte felter: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if "target_group_notes" in profile:
        profile["target_group_notes"] = _masked(profile["target_group_notes"])
    site = Site.objects.select_for_update().get(pk=site.pk)
    for name, value in profile.items():
        setattr(site, name, value)
    return _save(site)


@transaction.atomic
def site_membership_set(
    *, site: Site, joined_on: datetime.date, left_on: datetime.date | None = None, left_reason: str = ""
) -> Site:
    """Record when a site joined and, with the reason, when it left (no date: it is still in)."""
    guard.require("manage", "site")
    _check_date("joined_on", joined_on)
    _check_date("left_on", left_on)
    if left_on is not None and not (left_reason or "").strip():
        raise ValidationError({"left_reason": _("Angiv årsagen til, at stedet forlod projektet.")})
    if left_on is not None and left_on < joined_on:
        raise ValidationError({"left_on": _("Stedet kan ikke forlade projektet, før det kom med.")})
    site = Site.objects.select_for_update().get(pk=site.pk)
    last_visit = (
        site.visits.filter(status="held").order_by("-held_on").values_list("held_on", flat=True).first()
    )
    if left_on is not None and last_visit and left_on < last_visit:
        raise ValidationError(
            {
                "left_on": _("Stedet havde besøg %(date)s, efter den dato.")
                % {"date": last_visit.strftime("%d.%m.%Y")}
            }
        )
    site.joined_on = joined_on
    site.left_on = left_on
    site.left_reason = _masked(left_reason) if left_on else ""
    return _save(site)


# Departments ----------------------------------------------------------------------------------


@transaction.atomic
def department_save(
    *, site: Site, name: str, address: str = "", separate_address: bool = False, department=None
) -> Department:
    """Add a department of the site, or change one (name, address, separate address)."""
    guard.require("change", "site_profile", site)
    department = department or Department(site=site)
    if department.site_id != site.pk:
        raise ValidationError(_("Afdelingen hører til et andet sted."))
    department.name = name
    department.address = address
    department.separate_address = separate_address
    return _save(department)


@transaction.atomic
def department_delete(*, department: Department) -> None:
    guard.require("change", "site_profile", department.site_id)
    department.delete()


# Team members ---------------------------------------------------------------------------------


@transaction.atomic
def team_member_save(
    *,
    site: Site,
    name: str,
    role: str,
    is_lead: bool,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    member: TeamMember | None = None,
) -> TeamMember:
    """Add a member to the site's implementation team, or change one; ending sets `ends_on`."""
    guard.require("change", "site_profile", site)
    _check_date("starts_on", starts_on)
    _check_date("ends_on", ends_on)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("Slutdatoen ligger før startdatoen.")})
    member = member or TeamMember(site=site)
    if member.site_id != site.pk:
        raise ValidationError(_("Teammedlemmet hører til et andet sted."))
    member.name = name
    member.role = role
    member.is_lead = is_lead
    member.starts_on = starts_on
    member.ends_on = ends_on
    return _save(member)


def team_on(site: Site, date: datetime.date):
    """The site's team members on `date`: the people a visit that day could have met."""
    return (
        TeamMember.objects.filter(site=site, starts_on__lte=date).exclude(ends_on__lt=date).order_by("name")
    )


# Consultants ----------------------------------------------------------------------------------


@transaction.atomic
def consultant_assign(
    *, site: Site, consultant, starts_on: datetime.date, reason: str = ""
) -> ConsultantAssignment:
    """Give the site a new consultant from `starts_on`; the current assignment ends the day before.

    A change of consultant needs its reason; the earlier assignments stay as they were.
    """
    guard.require("change", "site_consultant")
    _check_date("starts_on", starts_on, site=site)
    current = (
        ConsultantAssignment.objects.select_for_update()
        .filter(site=site, ends_on__isnull=True)
        .order_by("-starts_on")
        .first()
    )
    if current is not None:
        if current.consultant_id == consultant.pk:
            raise ValidationError({"consultant": _("Konsulenten er allerede tilknyttet stedet.")})
        if starts_on <= current.starts_on:
            raise ValidationError(
                {
                    "starts_on": _(
                        "Skiftet skal ligge efter den nuværende tilknytning, der begyndte %(date)s."
                    )
                    % {"date": current.starts_on.strftime("%d.%m.%Y")}
                }
            )
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Angiv årsagen til skiftet af konsulent.")})
        current.ends_on = starts_on - datetime.timedelta(days=1)
        _save(current)
    later = ConsultantAssignment.objects.filter(site=site, starts_on__gte=starts_on).exists()
    if later:
        raise ValidationError(
            {"starts_on": _("Der findes allerede en tilknytning fra den dato eller senere.")}
        )
    return _save(
        ConsultantAssignment(site=site, consultant=consultant, starts_on=starts_on, reason=_masked(reason))
    )


# Visit plans ----------------------------------------------------------------------------------


@transaction.atomic
def visit_plan_set(*, site: Site, year: int, planned_visits: int) -> VisitPlan:
    """How many visits the site is planned to have in `year` (3/3/2 in the evaluation)."""
    guard.require("change", "visit_plan", site)
    _check_date("year", datetime.date(year, 12, 31) if 1 <= year <= 9999 else None)
    if not 1 <= year <= 9999:
        raise ValidationError({"year": _("Angiv et år.")})
    if planned_visits > 24:
        raise ValidationError({"planned_visits": _("Mere end 24 besøg på et år er ikke en plan.")})
    plan = VisitPlan.objects.select_for_update().filter(site=site, year=year).first() or VisitPlan(
        site=site, year=year
    )
    plan.planned_visits = planned_visits
    return _save(plan)
