"""The data overview: what was collected, when, from whom (the report's Method chapter)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from analysis.computations.records import AnalysisInput

_SITE = attrgetter("site")


@dataclass(frozen=True)
class Range:
    minimum: int | None
    maximum: int | None


@dataclass
class ProgrammeBackground:
    """Background of a programme's sites: ranges, counts per ownership and region, and counts of
    sites with several departments, departments at separate addresses, internal schools, and
    teams with management."""

    programme: str
    sites: int
    places: Range
    staff: Range
    team_size: Range
    ownership: dict[str, int]
    regions: dict[str, int]
    several_departments: int
    separate_addresses: int
    internal_schools: int
    teams_with_management: int


@dataclass(frozen=True)
class ConsultantChange:
    site: str
    on: datetime.date
    reason: str


@dataclass(frozen=True)
class SiteLeft:
    site: str
    programme: str
    left_on: datetime.date
    reason: str


@dataclass
class DataOverview:
    """`visits_per_year[year] = {"held", "planned", "cancelled"}`; `reports_per_programme` counts
    implementation reports; `period` is (first, last) held visit."""

    sites_per_programme: dict[str, int]
    visits_per_year: dict[int, dict[str, int]]
    reports_per_programme: dict[str, int]
    factors_per_programme: dict[str, int]
    joint_meetings: int
    period: tuple[datetime.date | None, datetime.date | None]
    consultant_changes: list[ConsultantChange] = field(default_factory=list)
    sites_left: list[SiteLeft] = field(default_factory=list)
    background: dict[str, ProgrammeBackground] = field(default_factory=dict)
    fictional: bool = False


def _range(values: list[int]) -> Range:
    return Range(min(values), max(values)) if values else Range(None, None)


def data_overview(data: AnalysisInput) -> DataOverview:
    programme_of = {site.code: site.programme for site in data.sites}
    sites_per_programme = Counter(site.programme for site in data.sites)
    visits_per_year: dict[int, dict[str, int]] = defaultdict(
        lambda: {"held": 0, "planned": 0, "cancelled": 0}
    )
    reports = Counter()
    held_dates = []
    for visit in data.visits:
        if visit.site not in programme_of:
            continue
        visits_per_year[visit.date.year][visit.status] = (
            visits_per_year[visit.date.year].get(visit.status, 0) + 1
        )
        if visit.report_id is not None:
            reports[programme_of[visit.site]] += 1
        if visit.status == "held" and visit.held_on:
            held_dates.append(visit.held_on)
    factors = Counter(map(programme_of.get, map(_SITE, data.factors)))
    factors.pop(None, None)  # statements of sites outside the analysis, or without site
    by_site = defaultdict(list)
    for assignment in data.assignments:
        by_site[assignment.site].append(assignment)
    changes = []
    for site, assignments in by_site.items():
        assignments.sort(key=lambda a: a.starts_on)
        for previous, current in zip(assignments, assignments[1:], strict=False):
            if current.consultant_id != previous.consultant_id and site in programme_of:
                changes.append(ConsultantChange(site, current.starts_on, current.reason or previous.reason))
    changes.sort(key=lambda c: (c.on, c.site))
    team_by_site = defaultdict(list)
    for member in data.team_members:
        team_by_site[member.site].append(member)
    background = {}
    for programme in sorted(sites_per_programme):
        sites = [s for s in data.sites if s.programme == programme]
        background[programme] = ProgrammeBackground(
            programme=programme,
            sites=len(sites),
            places=_range([s.places for s in sites]),
            staff=_range([s.permanent_staff for s in sites]),
            team_size=_range([len(team_by_site[s.code]) for s in sites if team_by_site[s.code]]),
            ownership=dict(Counter(s.ownership for s in sites)),
            regions=dict(Counter(s.region for s in sites)),
            several_departments=sum(1 for s in sites if s.departments > 1),
            separate_addresses=sum(1 for s in sites if s.separate_departments > 0),
            internal_schools=sum(1 for s in sites if s.internal_school),
            teams_with_management=sum(
                1
                for s in sites
                if any(m.role in ("manager", "department_manager") for m in team_by_site[s.code])
            ),
        )
    meeting_sites = set(programme_of)
    meetings = [m for m in data.joint_meetings if not m.sites or meeting_sites & set(m.sites)]
    return DataOverview(
        sites_per_programme=dict(sorted(sites_per_programme.items())),
        visits_per_year={year: dict(counts) for year, counts in sorted(visits_per_year.items())},
        reports_per_programme=dict(sorted(reports.items())),
        factors_per_programme=dict(sorted(factors.items())),
        joint_meetings=len(meetings),
        period=(min(held_dates, default=None), max(held_dates, default=None)),
        consultant_changes=changes,
        sites_left=sorted(
            (SiteLeft(s.code, s.programme, s.left_on, s.left_reason) for s in data.sites if s.left_on),
            key=lambda s: (s.left_on, s.site),
        ),
        background=background,
        fictional=any(s.is_fictional for s in data.sites),
    )
