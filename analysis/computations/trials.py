"""Trial actions (prøvehandlinger): agreed, followed up, and with what outcome."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from analysis.computations.records import OUTCOMES, TrialActionRecord
from analysis.computations.sitedata import SiteData


@dataclass
class TrialCounts:
    """`never_followed_up`: no follow-up although a later visit was held (or the site left);
    `open`: not followed up yet and no later visit so far."""

    agreed: int = 0
    followed_up: int = 0
    done: int = 0
    partly: int = 0
    not_done: int = 0
    dropped: int = 0
    never_followed_up: int = 0
    open: int = 0

    @property
    def not_followed_up(self) -> int:
        """The open trial actions as every page counts them: agreed and not followed up, whether a
        later visit has passed (`never_followed_up`) or not yet (`open`)."""
        return self.open + self.never_followed_up

    def add(self, other: "TrialCounts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def follow_through(self) -> float | None:
        """(done + half of partly) per action that had a chance of follow-up; None without any."""
        chances = self.agreed - self.open
        return (self.done + 0.5 * self.partly) / chances if chances > 0 else None


@dataclass(frozen=True)
class UnfollowedAction:
    id: int
    site: str
    agreed_on: datetime.date
    aim: str
    driver: str


@dataclass
class TrialActionSummary:
    per_site: dict[str, TrialCounts] = field(default_factory=dict)
    per_programme: dict[str, TrialCounts] = field(default_factory=dict)
    per_driver: dict[str, TrialCounts] = field(default_factory=dict)
    never_followed_up: list[UnfollowedAction] = field(default_factory=list)


def _classify(action: TrialActionRecord, last_held: datetime.date | None, left: bool) -> str:
    if action.followed_up_on is not None and action.outcome:
        return action.outcome
    if left or (last_held is not None and last_held > action.agreed_on):
        return "never"
    return "open"


def _count(counts: TrialCounts, state: str) -> None:
    counts.agreed += 1
    if state in OUTCOMES:
        counts.followed_up += 1
        setattr(counts, state, getattr(counts, state) + 1)
    elif state == "never":
        counts.never_followed_up += 1
    else:
        counts.open += 1


def site_trial_states(site_data: SiteData) -> list[tuple[TrialActionRecord, str]]:
    held = site_data.held
    last_held = held[-1].held_on if held else None
    left = site_data.site.left_on is not None
    return [(action, _classify(action, last_held, left)) for action in site_data.trial_actions]


def trial_action_summary(grouped: dict[str, SiteData]) -> TrialActionSummary:
    summary = TrialActionSummary()
    per_programme: dict[str, TrialCounts] = defaultdict(TrialCounts)
    per_driver: dict[str, TrialCounts] = defaultdict(TrialCounts)
    for code, site_data in grouped.items():
        counts = TrialCounts()
        for action, state in site_trial_states(site_data):
            _count(counts, state)
            _count(per_driver[action.driver or "uncoded"], state)
            if state == "never":
                summary.never_followed_up.append(
                    UnfollowedAction(action.id, code, action.agreed_on, action.aim, action.driver)
                )
        summary.per_site[code] = counts
        per_programme[site_data.site.programme].add(counts)
    summary.per_programme = dict(per_programme)
    summary.per_driver = dict(per_driver)
    return summary
