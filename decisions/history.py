"""Plain data about one site's implementation, the input of the alert rules and the dashboard.

No Django here: `history_from_records` builds a `SiteHistory` from the analysis's records of the
site (`analysis.results.site_input`), so decision support reads what the analysis reads; tests
build one by hand.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from analysis.computations import records


@dataclass(frozen=True)
class VisitRecord:
    """A held visit with everything said at it (report sections, factors, trial actions agreed)."""

    visit_id: int
    held_on: datetime.date
    phase: str = ""
    phase_rank: int | None = None
    anchoring: int | None = None
    text: str = ""


@dataclass(frozen=True)
class FactorRecord:
    visit_id: int
    valence: str
    statement: str
    driver: str = ""
    mechanism: str = ""


@dataclass(frozen=True)
class TrialRecord:
    agreed_visit_id: int
    aim: str
    followed_up_visit_id: int | None = None
    outcome: str = ""
    driver: str = ""
    trial_id: int | None = None
    agreed_on: datetime.date | None = None


@dataclass(frozen=True)
class TeamRecord:
    role: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None

    def serves_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


@dataclass(frozen=True)
class EventRecord:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    description: str = ""


@dataclass(frozen=True)
class AssessmentRecord:
    assessed_on: datetime.date
    leadership_style: str = ""
    culture_type: str = ""


@dataclass(frozen=True)
class SiteHistory:
    """One site's record; `visits` are the held visits in date order, `closed` the cancelled ones."""

    visits: tuple[VisitRecord, ...] = ()
    factors: tuple[FactorRecord, ...] = ()
    trial_actions: tuple[TrialRecord, ...] = ()
    team: tuple[TeamRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    assessments: tuple[AssessmentRecord, ...] = ()
    cancelled: tuple[datetime.date, ...] = ()
    next_planned: datetime.date | None = None

    def factors_at(self, visit_ids: set[int]) -> list[FactorRecord]:
        return [factor for factor in self.factors if factor.visit_id in visit_ids]

    def visit_by_id(self, visit_id: int) -> VisitRecord | None:
        return next((visit for visit in self.visits if visit.visit_id == visit_id), None)


def history_from_records(data: records.AnalysisInput, code: str, today: datetime.date) -> SiteHistory:
    """The site's history from its analysis records: held visits with everything said at them
    (report texts, report statements, trial actions agreed), and `next_planned` from `today` on."""
    visits = sorted((v for v in data.visits if v.site == code), key=lambda v: (v.date, v.id))
    held = [v for v in visits if v.status == "held" and v.held_on]
    visit_of_report = {v.report_id: v.id for v in held if v.report_id is not None}
    texts: dict[int, list[str]] = defaultdict(list)
    for section in data.report_texts:
        if section.report_id in visit_of_report:
            texts[visit_of_report[section.report_id]].append(section.text)
    factors = []
    for factor in sorted(data.factors, key=lambda f: f.id):
        visit_id = visit_of_report.get(factor.report_id)
        if factor.site != code or visit_id is None:
            continue
        texts[visit_id].extend([factor.statement, factor.quote])
        factors.append(
            FactorRecord(visit_id, factor.valence, factor.statement, factor.driver, factor.mechanism)
        )
    trials = []
    for action in sorted(
        (a for a in data.trial_actions if a.site == code), key=lambda a: (a.agreed_on, a.id)
    ):
        texts[action.agreed_visit_id].extend([action.aim, action.description])
        trials.append(
            TrialRecord(
                agreed_visit_id=action.agreed_visit_id,
                aim=action.aim,
                followed_up_visit_id=action.followed_up_visit_id,
                outcome=action.outcome,
                driver=action.driver,
                trial_id=action.id,
                agreed_on=action.agreed_on,
            )
        )
    upcoming = sorted(v.planned_on for v in visits if v.status == "planned" and v.planned_on >= today)
    return SiteHistory(
        visits=tuple(
            VisitRecord(
                visit_id=v.id,
                held_on=v.held_on,
                phase=v.phase,
                phase_rank=records.PHASE_ORDER.get(v.phase),
                anchoring=v.anchoring,
                text="\n".join(text for text in texts.get(v.id, []) if text),
            )
            for v in held
        ),
        factors=tuple(factors),
        trial_actions=tuple(trials),
        team=tuple(TeamRecord(m.role, m.starts_on, m.ends_on) for m in data.team_members if m.site == code),
        events=tuple(
            EventRecord(e.kind, e.starts_on, e.ends_on, e.description)
            for e in data.events
            if e.site in ("", code)
        ),
        assessments=tuple(
            AssessmentRecord(a.assessed_on, a.leadership_style, a.culture_type)
            for a in data.assessments
            if a.site == code
        ),
        cancelled=tuple(sorted(v.planned_on for v in visits if v.status == "cancelled")),
        next_planned=upcoming[0] if upcoming else None,
    )


def stem_pattern(stems: list[str] | tuple[str, ...]) -> re.Pattern | None:
    """A pattern matching any stem at the start of a word, case-insensitively ("supervis" → "supervisionen")."""
    cleaned = [stem.strip().lower() for stem in stems if stem and stem.strip()]
    if not cleaned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(stem) for stem in cleaned) + ")", re.IGNORECASE)


def snippet(text: str, match: re.Match, width: int = 70) -> str:
    """The words around a match, for showing what triggered a rule."""
    start = max(0, match.start() - width)
    end = min(len(text), match.end() + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + " ".join(text[start:end].split()) + suffix
