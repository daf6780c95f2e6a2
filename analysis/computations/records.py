"""The plain input records of the analysis, one per kind of recorded fact.

The selectors build them from the database with `.values_list()`; tests build them by hand.
Codes are referred to by their codebook key (driver "competence", mechanism "coaching"), attention
points by their number 1-10, phases and outcomes by their choice values.
"""

import datetime
from dataclasses import dataclass, field

DRIVERS = ("competence", "organisation", "leadership")
PHASES = ("preparation", "prerequisite_analysis", "capacity_building", "adaptation_anchoring")
PHASE_ORDER = {phase: index for index, phase in enumerate(PHASES)}
OUTCOMES = ("done", "partly", "not_done", "dropped")


@dataclass(slots=True)
class CodeRecord:
    """A codebook entry: driver, mechanism (with its driver as parent) or attention point (with number)."""

    kind: str
    key: str
    label: str
    parent: str = ""
    number: int | None = None


@dataclass(slots=True)
class SiteRecord:
    code: str
    name: str
    programme: str
    region: str = ""
    ownership: str = ""
    places: int = 0
    permanent_staff: int = 0
    internal_school: bool = False
    departments: int = 0
    separate_departments: int = 0
    joined_on: datetime.date | None = None
    left_on: datetime.date | None = None
    left_reason: str = ""
    is_fictional: bool = False


@dataclass(slots=True)
class VisitRecord:
    """A visit; `report_id`/`anchoring` come from its implementation report when one exists."""

    id: int
    site: str
    planned_on: datetime.date
    held_on: datetime.date | None
    status: str
    phase: str = ""
    consultant_id: int | None = None
    report_id: int | None = None
    anchoring: int | None = None

    @property
    def date(self) -> datetime.date:
        return self.held_on or self.planned_on


@dataclass(slots=True)
class FactorRecord:
    """A promoter or inhibitor from a report (`report_id`) or a joint meeting (`meeting_id`).

    `date` is the visit's held date or the meeting's date; `site` is empty for a meeting statement
    whose site is not known.
    """

    id: int
    site: str
    valence: str
    statement: str
    date: datetime.date
    driver: str = ""
    mechanism: str = ""
    theme: str = ""
    quote: str = ""
    report_id: int | None = None
    meeting_id: int | None = None

    @property
    def source(self) -> str:
        return f"report:{self.report_id}" if self.report_id is not None else f"meeting:{self.meeting_id}"


@dataclass(slots=True)
class PassageRecord:
    """A coded passage of report or minutes text (the evaluators' second condensation);
    `extra_kind`/`extra_key` name a code outside the drivers (e.g. leadership_style/democratic)."""

    id: int
    site: str
    date: datetime.date
    text: str = ""
    driver: str = ""
    mechanism: str = ""
    valence: str = ""
    attention_point: int | None = None
    report_id: int | None = None
    meeting_id: int | None = None
    extra_kind: str = ""
    extra_key: str = ""


@dataclass(slots=True)
class TrialActionRecord:
    id: int
    site: str
    agreed_on: datetime.date
    aim: str
    driver: str = ""
    followed_up_on: datetime.date | None = None
    outcome: str = ""
    agreed_visit_id: int | None = None
    followed_up_visit_id: int | None = None
    description: str = ""


@dataclass(slots=True)
class ReportTextRecord:
    """The text of one theme of an implementation report (read for one site's records only)."""

    report_id: int
    theme: str
    text: str


@dataclass(slots=True)
class EventRecord:
    """An external event; `site` empty means it touched every site (e.g. the pandemic)."""

    id: int
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    site: str = ""
    description: str = ""


@dataclass(slots=True)
class AssessmentRecord:
    site: str
    assessed_on: datetime.date
    leadership_style: str = ""
    culture_type: str = ""
    attention_points: tuple[int, ...] = ()


@dataclass(slots=True)
class ScoreRecord:
    site: str
    kind: str
    value: float
    period_start: datetime.date
    period_end: datetime.date
    instrument: str = ""


@dataclass(slots=True)
class TeamMemberRecord:
    site: str
    role: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    is_lead: bool = False


@dataclass(slots=True)
class AssignmentRecord:
    """A consultant's assignment to a site; more than one per site means a consultant change."""

    site: str
    consultant_id: int
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    reason: str = ""


@dataclass(slots=True)
class JointMeetingRecord:
    id: int
    held_on: datetime.date
    title: str
    sites: tuple[str, ...] = ()


@dataclass(slots=True)
class MatrixConfirmation:
    """An evaluator's confirmed rating of one matrix cell (driver or mechanism key)."""

    site: str
    code: str
    rating: int | None
    summary: str = ""
    proposed: int | None = None
    confirmed_by: str = ""
    confirmed_at: datetime.datetime | None = None


@dataclass(slots=True)
class CapacityConfirmation:
    site: str
    period: str
    mechanism: str
    status: str
    note: str = ""
    confirmed_by: str = ""
    confirmed_at: datetime.datetime | None = None


@dataclass(slots=True)
class DegreeOverrideRecord:
    site: str
    degree: str
    reason: str
    by: str = ""
    at: datetime.datetime | None = None


@dataclass
class AnalysisInput:
    """Everything the analysis reads, for one programme, one site or all; `report_texts` only for
    one site (the decision rules search them; the cross-site analysis reads coded passages)."""

    sites: list[SiteRecord]
    visits: list[VisitRecord] = field(default_factory=list)
    factors: list[FactorRecord] = field(default_factory=list)
    passages: list[PassageRecord] = field(default_factory=list)
    trial_actions: list[TrialActionRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    assessments: list[AssessmentRecord] = field(default_factory=list)
    scores: list[ScoreRecord] = field(default_factory=list)
    team_members: list[TeamMemberRecord] = field(default_factory=list)
    assignments: list[AssignmentRecord] = field(default_factory=list)
    joint_meetings: list[JointMeetingRecord] = field(default_factory=list)
    codes: list[CodeRecord] = field(default_factory=list)
    matrix_confirmations: list[MatrixConfirmation] = field(default_factory=list)
    capacity_confirmations: list[CapacityConfirmation] = field(default_factory=list)
    degree_overrides: list[DegreeOverrideRecord] = field(default_factory=list)
    report_texts: list[ReportTextRecord] = field(default_factory=list)

    def labels(self) -> dict[str, str]:
        """Code key → label (drivers, mechanisms); attention points as 'ap<number>'."""
        labels = {}
        for code in self.codes:
            key = f"ap{code.number}" if code.kind == "attention_point" else code.key
            labels[key] = code.label
        return labels

    def mechanisms(self) -> list[tuple[str, str]]:
        """(mechanism, driver) pairs in codebook order."""
        return [(c.key, c.parent) for c in self.codes if c.kind == "mechanism"]

    def attention_points(self) -> list[CodeRecord]:
        return sorted((c for c in self.codes if c.kind == "attention_point"), key=lambda c: c.number or 0)


def period_of(day: datetime.date) -> str:
    """The analysis period of a date: the calendar year, as the visit plan counts visits per year."""
    return str(day.year)


def half_year_of(day: datetime.date) -> str:
    """A finer period for timelines: '2020-H1'."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"
