"""Plain data about one site's implementation, the input of the alert rules and the dashboard.

No Django here: `decisions.selectors.site_history` builds a `SiteHistory` from the database, and
tests build one by hand.
"""

import datetime
import re
from dataclasses import dataclass


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
