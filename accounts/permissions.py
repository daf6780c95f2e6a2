"""The one table of who may see and do what (DESIGN.md section 2), and the functions that read it.

`TABLE` maps (object kind, action) to the scope each role has; a role not listed may not. Views, the
API, downloads, htmx fragments and commands ask `can()` or a `visible_*`/`editable_*` queryset built
from the table; nothing else decides. A site or report outside what a user may see answers 404,
never 403, so ids leak nothing. accounts is the bottom layer: it names the domain models above it
by label (`apps.get_model`, as a ForeignKey string does) and never imports them, so the
import-linter layers contract holds.
"""

import datetime
from enum import StrEnum

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role
from accounts.per_request import PerRequest


class Scope(StrEnum):
    ALL = "all"  # every site
    ASSIGNED = "assigned"  # the sites assigned to the consultant on the day (assignments over time)
    OWN_SITE = "own_site"  # the team member's own site
    AGGREGATE = "aggregate"  # figures over at least MIN_SITES sites, no free text, no site named


ADMIN, EVALUATOR, CONSULTANT, TEAM, PROVIDER = (
    Role.ADMINISTRATOR,
    Role.EVALUATOR,
    Role.CONSULTANT,
    Role.TEAM_MEMBER,
    Role.PROVIDER,
)
READERS = {ADMIN: Scope.ALL, EVALUATOR: Scope.ALL, CONSULTANT: Scope.ASSIGNED, TEAM: Scope.OWN_SITE}
STAFF = {ADMIN: Scope.ALL, EVALUATOR: Scope.ALL}

# (kind, action) -> {role: scope}. "fieldwork" covers visits, reports, factors and their free text.
TABLE: dict[tuple[str, str], dict[str, Scope]] = {
    ("site", "view"): READERS,
    ("site_consultant", "change"): STAFF,  # who is a site's consultant: assignments, a visit's consultant
    ("fieldwork", "view"): READERS,
    ("fieldwork", "change"): {ADMIN: Scope.ALL, CONSULTANT: Scope.ASSIGNED},
    ("trial_action", "change"): {ADMIN: Scope.ALL, CONSULTANT: Scope.ASSIGNED, TEAM: Scope.OWN_SITE},
    ("joint_meeting", "view"): READERS,  # a partial reader sees only their sites' part
    ("joint_meeting", "view_whole"): STAFF,  # every home's statements and names in the minutes
    ("joint_meeting", "change"): {ADMIN: Scope.ALL, CONSULTANT: Scope.ASSIGNED},
    # the site's profile, departments and team over time
    ("site_profile", "change"): {**STAFF, CONSULTANT: Scope.ASSIGNED, TEAM: Scope.OWN_SITE},
    ("visit_plan", "change"): {**STAFF, CONSULTANT: Scope.ASSIGNED},  # the plan and the site's events
    ("site", "manage"): STAFF,  # create sites, joining and leaving, events for all sites
    ("assessment", "change"): STAFF,  # site assessments, fidelity and outcome scores
    ("dashboard", "view"): READERS,
    ("coding", "change"): STAFF,
    ("codebook", "change"): STAFF,
    ("publication", "create"): STAFF,
    ("analysis", "view"): {**STAFF, PROVIDER: Scope.AGGREGATE},
    ("analysis", "view_sites"): STAFF,  # per-site figures and quotes across all sites
    ("degree_rules", "change"): STAFF,  # the rules of the degree classification
    ("alert_rule", "change"): STAFF,  # the alert table of decision support
    ("user", "change"): {ADMIN: Scope.ALL},
    ("audit", "view"): {ADMIN: Scope.ALL},
}

# The smallest number of sites a figure shown to an aggregate reader may describe (DESIGN.md §1).
MIN_SITES = 3


def _model(label: str):
    return apps.get_model(label)


def _today() -> datetime.date:
    return timezone.localdate()


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return user.role


def scope(user, action: str, kind: str) -> Scope | None:
    """The user's scope for an action on a kind of object, or None where the table does not allow it."""
    return TABLE[(kind, action)].get(role_of(user))


def _current_assignment_q(user, on: datetime.date) -> Q:
    return Q(
        assignments__consultant__user=user,
        assignments__starts_on__lte=on,
    ) & (Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=on))


# The sites assigned to each consultant on a day, read once per request (the audit middleware
# wraps each request in `assigned_sites.within()`): a page asks the table several times, and each
# query of the consultant's data names the sites. Any write in the request forgets them.
assigned_sites = PerRequest("permissions_assigned_sites")


def forget(**kwargs) -> None:
    """A write may have changed an assignment (connected to every save and delete)."""
    assigned_sites.forget()


def _assigned_site_ids(user, on: datetime.date) -> set[int]:
    def read() -> set[int]:
        sites = _model("registry.Site").objects
        return set(sites.filter(_current_assignment_q(user, on)).values_list("pk", flat=True))

    return assigned_sites.get((user.pk, on), read)


def allows_on_site(user, action: str, kind: str, site) -> bool:
    """May the user do `action` to objects of `kind` on this one site? The table's answer without a
    query for every-site and own-site scopes."""
    found = scope(user, action, kind)
    if found == Scope.ALL:
        return True
    if found == Scope.OWN_SITE:
        return site.pk == user.site_id
    if found == Scope.ASSIGNED:
        return site.pk in _assigned_site_ids(user, _today())
    return False


def sites_in_scope(user, action: str, kind: str, on: datetime.date | None = None) -> QuerySet:
    """The sites on which the user may do `action` to objects of `kind`."""
    sites = _model("registry.Site").objects
    found = scope(user, action, kind)
    if found == Scope.ALL:
        return sites.all()
    if found == Scope.ASSIGNED:
        # The ids themselves rather than a subquery: a consultant has a handful of sites, and
        # PostgreSQL planned every query that nested the assignments at over a millisecond.
        return sites.filter(pk__in=sorted(_assigned_site_ids(user, on or _today())))
    if found == Scope.OWN_SITE:
        return sites.filter(pk=user.site_id)
    return sites.none()


def site_ids_in_scope(user, action: str, kind: str) -> frozenset[int] | None:
    """The ids of today's `sites_in_scope`, None for every site: what a page kept per reader is
    keyed on. No query beyond the consultant's assigned sites, which are read once per request."""
    found = scope(user, action, kind)
    if found == Scope.ALL:
        return None
    if found == Scope.ASSIGNED:
        return frozenset(_assigned_site_ids(user, _today()))
    if found == Scope.OWN_SITE:
        return frozenset({user.site_id} if user.site_id else ())
    return frozenset()


def site_ids_of(obj) -> set[int]:
    """The sites an object belongs to; a joint-meeting statement without a site belongs to every site
    of the meeting, so only someone who covers them all may change it."""
    name = obj._meta.model_name
    if name == "site":
        return {obj.pk}
    if name == "visit":
        return {obj.site_id}
    if name == "implementationreport":
        return {obj.visit.site_id}
    if name == "trialaction":
        return {obj.agreed_at.site_id}
    if name == "factor":
        if obj.report_id:
            return {obj.report.visit.site_id}
        if obj.site_id:
            return {obj.site_id}
        return set(obj.joint_meeting.sites.values_list("pk", flat=True))
    if name == "jointmeeting":
        return set(obj.sites.values_list("pk", flat=True))
    raise TypeError(f"No site for {obj._meta.label}")


def can(user, action: str, obj) -> bool:
    """May the user do `action` to `obj` — an object kind (a key of TABLE) or a model instance?

    For an instance every site it belongs to must be in the user's scope; for a joint meeting
    ("change"), one of its sites is enough (the user then writes only their own sites' statements).
    """
    if isinstance(obj, str):
        return scope(user, action, obj) is not None
    kind = KIND_OF_MODEL[obj._meta.model_name]
    if scope(user, action, kind) is None:
        return False
    wanted = site_ids_of(obj)
    allowed = set(sites_in_scope(user, action, kind).filter(pk__in=wanted).values_list("pk", flat=True))
    if obj._meta.model_name == "jointmeeting":
        return bool(allowed)
    return bool(wanted) and wanted <= allowed


KIND_OF_MODEL = {
    "site": "site",
    "visit": "fieldwork",
    "implementationreport": "fieldwork",
    "factor": "fieldwork",
    "trialaction": "trial_action",
    "jointmeeting": "joint_meeting",
}


def visible_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose data the user may read (providers see none: only aggregates)."""
    return sites_in_scope(user, "view", "site", on)


def editable_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose fieldwork (visits, reports, factors, trial actions) the user may write."""
    return sites_in_scope(user, "change", "fieldwork", on)


def visible_reports(user, on: datetime.date | None = None) -> QuerySet:
    """Reports whose free text the user may read.

    A consultant reads the reports of the sites assigned to them now, and keeps read access to the
    reports they wrote after a change of consultant — nothing newer.
    """
    reports = _model("fieldwork.ImplementationReport").objects.all()
    found = scope(user, "view", "fieldwork")
    if found == Scope.ALL:
        return reports
    site_ids = sites_in_scope(user, "view", "fieldwork", on).values("pk")
    if found == Scope.ASSIGNED:
        return reports.filter(Q(visit__site__in=site_ids) | Q(author=user) | Q(visit__consultant__user=user))
    if found == Scope.OWN_SITE:
        return reports.filter(visit__site__in=site_ids)
    return reports.none()


def readable_report_ids(user, report_ids) -> set[int]:
    """Which of these reports the user may read: no query for those who read every report."""
    report_ids = set(report_ids)
    if scope(user, "view", "fieldwork") == Scope.ALL:
        return report_ids
    return set(visible_reports(user).filter(pk__in=report_ids).values_list("pk", flat=True))


def can_see_free_text(user) -> bool:
    return can(user, "view", "fieldwork")


def can_see_all_sites(user) -> bool:
    return scope(user, "view", "site") == Scope.ALL


def can_code(user) -> bool:
    return can(user, "change", "coding")


def coders() -> QuerySet:
    """Active users whose role may code (the choices for a coding round)."""
    roles = [role for role in TABLE[("coding", "change")]]
    return _model("accounts.User").objects.filter(Q(role__in=roles) | Q(is_superuser=True), is_active=True)


def can_edit_codebook(user) -> bool:
    return can(user, "change", "codebook")


def can_publish(user) -> bool:
    return can(user, "create", "publication")


def can_see_aggregates(user) -> bool:
    return can(user, "view", "analysis")


def sees_aggregates_only(user) -> bool:
    """Aggregate readers get no cell about fewer than MIN_SITES sites and no free text."""
    return scope(user, "view", "analysis") == Scope.AGGREGATE


def can_update_trial_actions(user, site) -> bool:
    """Teams update their own trial actions; consultants those of sites assigned to them."""
    return allows_on_site(user, "change", "trial_action", site)


def can_change_consultant(user) -> bool:
    """Only evaluators and administrators decide who is a site's consultant."""
    return can(user, "change", "site_consultant")


def can_administer(user) -> bool:
    return can(user, "change", "user")


def own_site_id(user) -> int | None:
    """The team member's site (their start page and dashboard), None for every other role."""
    return user.site_id if scope(user, "view", "site") == Scope.OWN_SITE else None


def get_visible_site_or_404(user, **lookup):
    try:
        return visible_sites(user).select_related("programme").get(**lookup)
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


def _meetings_of(sites: QuerySet) -> QuerySet:
    meetings = _model("fieldwork.JointMeeting").objects
    return meetings.filter(pk__in=meetings.filter(sites__in=sites).values("pk"))


def visible_joint_meetings(user, on: datetime.date | None = None) -> QuerySet:
    """Joint meetings a visible site took part in (a partial reader sees only their sites' part)."""
    if scope(user, "view", "joint_meeting") == Scope.ALL:
        return _model("fieldwork.JointMeeting").objects.all()
    return _meetings_of(sites_in_scope(user, "view", "joint_meeting", on))


def sees_whole_joint_meetings(user) -> bool:
    return can(user, "view_whole", "joint_meeting")


def visible_factors(user, on: datetime.date | None = None) -> QuerySet:
    """Promoters and inhibitors of visible reports, and of joint meetings only those of visible sites."""
    factors = _model("fieldwork.Factor").objects
    reports = visible_reports(user, on).values("pk")
    if sees_whole_joint_meetings(user):
        from_meetings = Q(joint_meeting__isnull=False)
    else:
        from_meetings = Q(
            joint_meeting__in=visible_joint_meetings(user, on).values("pk"),
            site__in=sites_in_scope(user, "view", "joint_meeting", on).values("pk"),
        )
    return factors.filter(Q(report__in=reports) | from_meetings)


def visible_coded_passages(user, on: datetime.date | None = None) -> QuerySet:
    """Coded passages of visible reports (and of minutes for whole-meeting readers); an open blind
    round hides other coders' work. Minutes passages are raw text of every home, so partial readers
    get none."""
    passages = _model("coding.CodedPassage").objects.all()
    if not can_see_free_text(user):
        return passages.none()
    if not can_see_all_sites(user):
        passages = passages.filter(section__report__in=visible_reports(user, on).values("pk"))
    open_blind = Q(coding_round__is_blind=True, coding_round__closed_at__isnull=True)
    return passages.exclude(open_blind & ~Q(coder=user))


def editable_joint_meetings(user, on: datetime.date | None = None) -> QuerySet:
    """Joint meetings whose minutes the user may write, and add their own sites' statements to."""
    if scope(user, "change", "joint_meeting") == Scope.ALL:
        return _model("fieldwork.JointMeeting").objects.all()
    return _meetings_of(sites_in_scope(user, "change", "joint_meeting", on))


def can_edit_minutes(user, meeting) -> bool:
    """The minutes are every home's text: only someone who writes for every site of the meeting
    edits them (a consultant of one home adds that home's statements instead)."""
    if scope(user, "change", "joint_meeting") == Scope.ALL:
        return True
    wanted = set(meeting.sites.values_list("pk", flat=True))
    return bool(wanted) and wanted <= set(editable_meeting_sites(user, meeting).values_list("pk", flat=True))


def editable_meeting_sites(user, meeting) -> QuerySet:
    """The sites of a joint meeting whose statements the user may write."""
    return meeting.sites.filter(pk__in=sites_in_scope(user, "change", "joint_meeting").values("pk"))


def can_create_joint_meetings(user) -> bool:
    return can(user, "change", "joint_meeting")


# Registry and planning (issue 14) ------------------------------------------------------------


def registry_editable_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose profile, departments and team the user may keep up to date.

    Evaluators and administrators every site, a consultant the sites assigned now, a team member
    (the site's manager among them) their own site.
    """
    return sites_in_scope(user, "change", "site_profile", on)


def planning_sites(user, on: datetime.date | None = None) -> QuerySet:
    """Sites whose visit plan and external events the user may change (not the team itself)."""
    return sites_in_scope(user, "change", "visit_plan", on)


def can_manage_sites(user) -> bool:
    """Create sites, record joining and leaving, change a site's consultant, events for all sites."""
    return can(user, "manage", "site")


def can_assess_sites(user) -> bool:
    """Site assessments (leadership, culture, attention points) and fidelity and outcome scores."""
    return can(user, "change", "assessment")


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
