"""What a site's dashboard shows, computed from its `SiteHistory` (pure; no Django)."""

import datetime
from dataclasses import dataclass, field

from decisions.history import EventRecord, SiteHistory, TrialRecord

DRIVERS = ("competence", "organisation", "leadership")


@dataclass(frozen=True)
class Standing:
    """Where the site stands: its phase and anchoring at the latest visit, and the anchoring trend."""

    visits_held: int
    last_visit: datetime.date | None
    phase: str
    anchoring: int | None
    anchoring_series: tuple[tuple[datetime.date, int], ...]
    trend: str  # "rising", "falling", "flat" or "unknown"


def anchoring_trend(ratings: list[int]) -> str:
    """Mean of the last two ratings against the mean of the two before them."""
    if len(ratings) < 2:
        return "unknown"
    recent = ratings[-2:]
    earlier = ratings[-4:-2] or ratings[:1]
    difference = sum(recent) / len(recent) - sum(earlier) / len(earlier)
    if difference >= 0.5:
        return "rising"
    if difference <= -0.5:
        return "falling"
    return "flat"


def standing(history: SiteHistory) -> Standing:
    series = tuple(
        (visit.held_on, visit.anchoring) for visit in history.visits if visit.anchoring is not None
    )
    last = history.visits[-1] if history.visits else None
    return Standing(
        visits_held=len(history.visits),
        last_visit=last.held_on if last else None,
        phase=last.phase if last else "",
        anchoring=series[-1][1] if series else None,
        anchoring_series=series,
        trend=anchoring_trend([rating for _, rating in series]),
    )


@dataclass(frozen=True)
class DriverCount:
    driver: str
    promoters: int = 0
    inhibitors: int = 0


@dataclass(frozen=True)
class Changes:
    """What moved between the previous visit and the latest one; `events` are the external events
    that began after the previous visit."""

    previous: datetime.date | None
    latest: datetime.date | None
    phase_before: str = ""
    phase_after: str = ""
    anchoring_before: int | None = None
    anchoring_after: int | None = None
    factors: tuple[DriverCount, ...] = ()
    factors_before: tuple[DriverCount, ...] = ()
    followed_up: tuple[TrialRecord, ...] = ()
    agreed: tuple[TrialRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()

    @property
    def phase_moved(self) -> bool:
        return bool(self.phase_before and self.phase_after and self.phase_before != self.phase_after)


def _counts(history: SiteHistory, visit_ids: set[int]) -> tuple[DriverCount, ...]:
    factors = history.factors_at(visit_ids)
    return tuple(
        DriverCount(
            driver,
            promoters=sum(f.driver == driver and f.valence == "promoter" for f in factors),
            inhibitors=sum(f.driver == driver and f.valence == "inhibitor" for f in factors),
        )
        for driver in DRIVERS
    )


def changes_since_last_visit(history: SiteHistory) -> Changes:
    if not history.visits:
        return Changes(previous=None, latest=None)
    latest = history.visits[-1]
    previous = history.visits[-2] if len(history.visits) > 1 else None
    return Changes(
        previous=previous.held_on if previous else None,
        latest=latest.held_on,
        phase_before=previous.phase if previous else "",
        phase_after=latest.phase,
        anchoring_before=previous.anchoring if previous else None,
        anchoring_after=latest.anchoring,
        factors=_counts(history, {latest.visit_id}),
        factors_before=_counts(history, {previous.visit_id}) if previous else (),
        followed_up=tuple(a for a in history.trial_actions if a.followed_up_visit_id == latest.visit_id),
        agreed=tuple(a for a in history.trial_actions if a.agreed_visit_id == latest.visit_id),
        events=tuple(
            sorted(
                (e for e in history.events if previous is None or e.starts_on > previous.held_on),
                key=lambda event: event.starts_on,
            )
        ),
    )


@dataclass(frozen=True)
class DueAction:
    action: TrialRecord
    agreed_on: datetime.date | None
    due_on: datetime.date | None
    visits_waiting: int = field(default=0)


def trial_actions_due(history: SiteHistory) -> tuple[DueAction, ...]:
    """Trial actions not yet followed up (the open trial actions as the analysis counts them,
    `TrialCounts.not_followed_up`), due at the next planned visit; `visits_waiting` counts the held
    visits since they were agreed that did not follow them up."""
    position = {visit.visit_id: index for index, visit in enumerate(history.visits)}
    due = []
    for action in history.trial_actions:
        if action.followed_up_visit_id is not None:
            continue
        if action.agreed_visit_id in position:
            index = position[action.agreed_visit_id]
            agreed_on, waiting = history.visits[index].held_on, len(history.visits) - 1 - index
        else:
            agreed_on = action.agreed_on
            waiting = sum(agreed_on is not None and visit.held_on > agreed_on for visit in history.visits)
        due.append(
            DueAction(action=action, agreed_on=agreed_on, due_on=history.next_planned, visits_waiting=waiting)
        )
    return tuple(sorted(due, key=lambda item: (item.visits_waiting, item.agreed_on or datetime.date.min)))
