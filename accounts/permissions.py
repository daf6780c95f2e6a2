"""The one place that decides who may see and change what (DESIGN.md section 2).

Views, API, downloads, htmx fragments and commands ask these functions; nothing else decides.
A site or report outside what a user may see answers 404, never 403, so ids leak nothing.

accounts is the bottom layer: it names the domain models above it by label (`apps.get_model`, as a
ForeignKey string does) and never imports them, so the import-linter layers contract holds.
"""

import datetime

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role


def _today() -> datetime.date:
    return timezone.localdate()


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return user.role


def _current_assignment_q(user, on: datetime.date) -> Q:
    return Q(
        assignments__consultant__user=user,
        assignments__starts_on__lte=on,
    ) & (Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=on))


def visible_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose data the user may read (providers see none: only aggregates)."""
    Site = apps.get_model("registry", "Site")

    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.EVALUATOR):
        return Site.objects.all()
    if role == Role.CONSULTANT:
        ids = Site.objects.filter(_current_assignment_q(user, on or _today())).values("pk")
        return Site.objects.filter(pk__in=ids)
    if role == Role.TEAM_MEMBER:
        return Site.objects.filter(pk=user.site_id)
    return Site.objects.none()


def editable_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose fieldwork (visits, reports, factors, trial actions) the user may write."""
    Site = apps.get_model("registry", "Site")

    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return Site.objects.all()
    if role == Role.CONSULTANT:
        return visible_sites(user, on)
    return Site.objects.none()


def visible_reports(user, on: datetime.date | None = None) -> QuerySet:
    """Reports whose free text the user may read.

    A consultant reads the reports of the sites assigned to them now, and keeps read access to the
    reports they wrote after a change of consultant — nothing newer.
    """
    ImplementationReport = apps.get_model("fieldwork", "ImplementationReport")

    role = role_of(user)
    reports = ImplementationReport.objects.all()
    if role in (Role.ADMINISTRATOR, Role.EVALUATOR):
        return reports
    if role == Role.CONSULTANT:
        site_ids = visible_sites(user, on).values("pk")
        return reports.filter(Q(visit__site__in=site_ids) | Q(author=user) | Q(visit__consultant__user=user))
    if role == Role.TEAM_MEMBER:
        return reports.filter(visit__site_id=user.site_id)
    return reports.none()


def can_see_free_text(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR, Role.CONSULTANT, Role.TEAM_MEMBER)


def can_see_all_sites(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR)


def can_code(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR)


def can_edit_codebook(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR)


def can_publish(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR)


def can_see_aggregates(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR, Role.PROVIDER)


def can_update_trial_actions(user, site) -> bool:
    """Teams update their own trial actions; consultants those of sites assigned to them."""
    role = role_of(user)
    if role == Role.TEAM_MEMBER:
        return user.site_id == site.pk
    return editable_sites(user).filter(pk=site.pk).exists()


def can_administer(user) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def get_visible_site_or_404(user, **lookup):
    try:
        return visible_sites(user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Intet sted med det id.") from exc


def get_editable_site_or_404(user, **lookup):
    try:
        return editable_sites(user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Intet sted med det id.") from exc


def get_visible_report_or_404(user, **lookup):
    try:
        return visible_reports(user).select_related("visit__site").get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Ingen rapport med det id.") from exc


def visible_joint_meetings(user, on: datetime.date | None = None) -> QuerySet:
    """Joint meetings whose minutes the user may read: those a visible site took part in."""
    JointMeeting = apps.get_model("fieldwork", "JointMeeting")

    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.EVALUATOR):
        return JointMeeting.objects.all()
    if role in (Role.CONSULTANT, Role.TEAM_MEMBER):
        ids = JointMeeting.objects.filter(sites__in=visible_sites(user, on)).values("pk")
        return JointMeeting.objects.filter(pk__in=ids)
    return JointMeeting.objects.none()


def visible_coded_passages(user, on: datetime.date | None = None) -> QuerySet:
    """Coded passages of visible reports and meetings; an open blind round hides other coders' work."""
    CodedPassage = apps.get_model("coding", "CodedPassage")

    passages = CodedPassage.objects.all()
    if not can_see_free_text(user):
        return passages.none()
    if not can_see_all_sites(user):
        passages = passages.filter(
            Q(section__report__in=visible_reports(user, on).values("pk"))
            | Q(joint_meeting__in=visible_joint_meetings(user, on).values("pk"))
        )
    open_blind = Q(coding_round__is_blind=True, coding_round__closed_at__isnull=True)
    return passages.exclude(open_blind & ~Q(coder=user))


def editable_joint_meetings(user, on: datetime.date | None = None) -> QuerySet:
    """Joint meetings whose minutes and factors the user may write: those of a site they edit."""
    JointMeeting = apps.get_model("fieldwork", "JointMeeting")

    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return JointMeeting.objects.all()
    if role == Role.CONSULTANT:
        ids = JointMeeting.objects.filter(sites__in=editable_sites(user, on)).values("pk")
        return JointMeeting.objects.filter(pk__in=ids)
    return JointMeeting.objects.none()


def can_create_joint_meetings(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.CONSULTANT)


# Registry and planning (issue 14) ------------------------------------------------------------


def registry_editable_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose profile, departments and team the user may keep up to date.

    Evaluators and administrators every site, a consultant the sites assigned now, a team member
    (the site's manager among them) their own site.
    """
    Site = apps.get_model("registry", "Site")

    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.EVALUATOR):
        return Site.objects.all()
    if role == Role.CONSULTANT:
        return visible_sites(user, on)
    if role == Role.TEAM_MEMBER:
        return Site.objects.filter(pk=user.site_id)
    return Site.objects.none()


def planning_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose visit plan and external events the user may change (not the team itself)."""
    Site = apps.get_model("registry", "Site")

    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.EVALUATOR):
        return Site.objects.all()
    if role == Role.CONSULTANT:
        return visible_sites(user, on)
    return Site.objects.none()


def can_manage_sites(user) -> bool:
    """Create sites, record joining and leaving, change a site's consultant, events for all sites."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR)


def can_assess_sites(user) -> bool:
    """Site assessments (leadership, culture, attention points) and fidelity and outcome scores."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.EVALUATOR)


def get_registry_editable_site_or_404(user, **lookup):
    try:
        return registry_editable_sites(user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Intet sted med det id.") from exc


def get_planning_site_or_404(user, **lookup):
    try:
        return planning_sites(user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Intet sted med det id.") from exc


def get_managed_site_or_404(user, **lookup):
    if not can_manage_sites(user):
        raise Http404("Intet sted med det id.")
    return get_visible_site_or_404(user, **lookup)


def get_assessable_site_or_404(user, **lookup):
    if not can_assess_sites(user):
        raise Http404("Intet sted med det id.")
    return get_visible_site_or_404(user, **lookup)
