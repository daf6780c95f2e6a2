"""Reads of the fieldwork for the pages: a fixed number of queries whatever the number of sites."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.privacy import apply_pseudonyms, find_person_names, mask_cpr
from fieldwork.models import (
    PHASE_ORDER,
    ExternalEvent,
    Factor,
    ImplementationReport,
    JointMeeting,
    Phase,
    Theme,
    TrialAction,
    Visit,
    VisitStatus,
)
from registry.models import TeamMember

OVERVIEW_ORDERS = {
    "code": ("code",),
    "name": ("name",),
    "programme": ("programme__code", "code"),
    "region": ("region", "code"),
    "phase": ("current_phase", "code"),
    "last_visit": ("last_visit", "code"),
    "next_visit": ("next_visit", "code"),
    "open_actions": ("open_actions", "code"),
}


def _open_actions_of_site() -> Subquery:
    return Subquery(
        TrialAction.objects.filter(agreed_at__site=OuterRef("pk"), followed_up_at__isnull=True)
        .order_by()
        .values("agreed_at__site")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def site_overview(
    sites: QuerySet,
    *,
    programme: str = "",
    region: str = "",
    phase: str = "",
    query: str = "",
    order: str = "code",
    descending: bool = False,
    today: datetime.date | None = None,
) -> QuerySet:
    """Sites with programme, current phase, last and next visit and open trial actions, in one query."""
    today = today or timezone.localdate()
    held = Visit.objects.filter(site=OuterRef("pk"), status=VisitStatus.HELD)
    sites = sites.select_related("programme").annotate(
        current_phase=Subquery(held.exclude(phase="").order_by("-held_on", "-pk").values("phase")[:1]),
        last_visit=Subquery(held.order_by("-held_on", "-pk").values("held_on")[:1]),
        next_visit=Subquery(
            Visit.objects.filter(site=OuterRef("pk"), status=VisitStatus.PLANNED, planned_on__gte=today)
            .order_by("planned_on", "pk")
            .values("planned_on")[:1]
        ),
        open_actions=Coalesce(_open_actions_of_site(), Value(0)),
    )
    if programme:
        sites = sites.filter(programme__code=programme)
    if region:
        sites = sites.filter(region=region)
    if phase:
        sites = sites.filter(current_phase=phase)
    if query:
        sites = sites.filter(Q(name__icontains=query) | Q(code__icontains=query))
    fields = OVERVIEW_ORDERS.get(order, OVERVIEW_ORDERS["code"])
    if descending:
        fields = tuple(f"-{name}" for name in fields)
    return sites.order_by(*fields)


def coming_visits(sites: QuerySet, *, today: datetime.date | None = None) -> QuerySet:
    """Planned visits from today on at the given sites, soonest first."""
    today = today or timezone.localdate()
    return (
        Visit.objects.filter(site__in=sites, status=VisitStatus.PLANNED, planned_on__gte=today)
        .select_related("site")
        .order_by("planned_on", "pk")
    )


# The site page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One dated item on a site's timeline: a visit, a joint meeting or an external event."""

    date: datetime.date
    kind: str
    obj: object


def site_timeline(site) -> list[TimelineEntry]:
    """Visits (with their phase and report), joint meetings and events of a site, by date."""
    visits = (
        Visit.objects.filter(site=site)
        .select_related("consultant", "report")
        .annotate(factor_count=Count("report__factors"))
        .order_by("planned_on")
    )
    meetings = JointMeeting.objects.filter(sites=site).annotate(site_count=Count("sites"))
    events = ExternalEvent.objects.filter(Q(site=site) | Q(site__isnull=True))
    _mark_relapses(visits)
    entries = [TimelineEntry(v.date, "visit", v) for v in visits]
    entries += [TimelineEntry(m.held_on, "meeting", m) for m in meetings]
    entries += [TimelineEntry(e.starts_on, "event", e) for e in events]
    return sorted(entries, key=lambda e: (e.date, e.kind))


def _mark_relapses(visits) -> None:
    """`relapse` on each visit: held in an earlier phase than the site's previous held visit (as the
    analysis counts them, analysis.computations.phases)."""
    previous = None
    for visit in sorted(visits, key=lambda v: (v.held_on or v.planned_on, v.pk)):
        visit.relapse = False
        if visit.status != VisitStatus.HELD or visit.phase not in PHASE_ORDER:
            continue
        visit.relapse = previous is not None and PHASE_ORDER[visit.phase] < PHASE_ORDER[previous]
        previous = visit.phase


def trial_actions_of(site, ids) -> QuerySet:
    """The site's trial actions with the given ids (which are open is the analysis's to say)."""
    return (
        TrialAction.objects.filter(agreed_at__site=site, pk__in=list(ids))
        .select_related("agreed_at", "driver")
        .order_by("agreed_at__planned_on", "pk")
    )


def phase_choices() -> list[tuple[str, str]]:
    return sorted(Phase.choices, key=lambda c: PHASE_ORDER[c[0]])


# Visits and reports ----------------------------------------------------------------------------


def report_with_everything(report_pk: int) -> ImplementationReport:
    return (
        ImplementationReport.objects.select_related("visit__site__programme", "visit__consultant", "author")
        .prefetch_related(
            "sections",
            Prefetch("factors", queryset=Factor.objects.select_related("driver", "mechanism")),
        )
        .get(pk=report_pk)
    )


def sections_by_theme(report: ImplementationReport | None) -> dict[str, str]:
    stored = {s.theme: s.text for s in report.sections.all()} if report else {}
    return {theme.value: stored.get(theme.value, "") for theme in Theme}


def actions_to_follow_up(visit: Visit) -> QuerySet:
    """Trial actions agreed at earlier visits of the site that are open, or followed up at this one."""
    return (
        TrialAction.objects.filter(agreed_at__site_id=visit.site_id, agreed_at__held_on__lt=visit.date)
        .filter(Q(followed_up_at__isnull=True) | Q(followed_up_at=visit))
        .exclude(agreed_at=visit)
        .select_related("agreed_at", "driver")
        .order_by("agreed_at__planned_on", "pk")
    )


def later_held_visits(action: TrialAction) -> QuerySet:
    return Visit.objects.filter(
        site_id=action.agreed_at.site_id, status=VisitStatus.HELD, held_on__gt=action.agreed_at.date
    ).order_by("held_on")


def meeting_with_everything(meeting_pk: int, meetings: QuerySet) -> JointMeeting:
    return meetings.prefetch_related(
        "sites",
        Prefetch("factors", queryset=Factor.objects.select_related("driver", "mechanism", "site")),
    ).get(pk=meeting_pk)


def meeting_texts_for(user, meetings, field: str) -> dict[int, str]:
    """Each meeting's `field` ("title" or "minutes") as the user may read it, by meeting id: whole for
    evaluators and administrators; for everyone else other homes' names become "[andet sted]" and
    every person not on the reader's own sites' teams becomes "[navn]" (a reader of one home sees
    only that home's part). Three queries for any number of meetings."""
    meetings = list(meetings)
    if permissions.sees_whole_joint_meetings(user):
        return {meeting.pk: getattr(meeting, field) for meeting in meetings}
    sites_of: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for meeting_id, site_id, name, code in JointMeeting.sites.through.objects.filter(
        jointmeeting_id__in=[m.pk for m in meetings]
    ).values_list("jointmeeting_id", "site_id", "site__name", "site__code"):
        sites_of[meeting_id].append((site_id, name, code))
    site_ids = {site_id for rows in sites_of.values() for site_id, _name, _code in rows}
    own = set(permissions.visible_sites(user).filter(pk__in=site_ids).values_list("pk", flat=True))
    members = defaultdict(list)
    for site_id, name in TeamMember.objects.filter(site_id__in=site_ids).values_list("site_id", "name"):
        members[site_id].append(name)
    shown = {}
    for meeting in meetings:
        text = mask_cpr(getattr(meeting, field)).text
        known: dict[str, str] = {}
        own_names: set[str] = set()
        for site_id, name, code in sites_of[meeting.pk]:
            if site_id not in own:
                pattern = rf"\b({re.escape(name)}|{re.escape(code)})\b"
                text = re.sub(pattern, _("[andet sted]"), text, flags=re.I)
            for person in members[site_id]:
                known[person] = person
                known.setdefault(person.split()[0], person)
                if site_id in own:
                    own_names.add(person)
        spans = [span for span in find_person_names(text, known) if span.key not in own_names]
        shown[meeting.pk] = apply_pseudonyms(
            text, spans, dict.fromkeys((span.key for span in spans), _("[navn]"))
        )
    return shown


def meeting_minutes_for(user, meeting: JointMeeting) -> str:
    return meeting_texts_for(user, [meeting], "minutes")[meeting.pk]


def meeting_title_for(user, meeting: JointMeeting) -> str:
    return meeting_texts_for(user, [meeting], "title")[meeting.pk]


def show_meeting_titles(user, meetings) -> None:
    """Set `shown_title` on each meeting, the title as the user may read it (for lists)."""
    meetings = list(meetings)
    titles = meeting_texts_for(user, meetings, "title")
    for meeting in meetings:
        meeting.shown_title = titles[meeting.pk]
