"""Pressures: external events on a timeline against the share of inhibitors before and after.

For each event the factors of the sites it touched (all sites when the event has no site) are
counted in a window of `pressure_window_days` before its start and the same length from its start.
"""

import datetime
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from analysis.computations.records import AnalysisInput, EventRecord, half_year_of
from analysis.computations.sitedata import SiteData


@dataclass(frozen=True)
class Window:
    promoters: int
    inhibitors: int

    @property
    def inhibitor_share(self) -> float | None:
        total = self.promoters + self.inhibitors
        return round(self.inhibitors / total, 3) if total else None


@dataclass(frozen=True)
class EventEffect:
    """One event with the inhibitor share before and after; `change` is after minus before."""

    event: EventRecord
    sites: int
    before: Window
    after: Window

    @property
    def change(self) -> float | None:
        before, after = self.before, self.after
        if not before.promoters + before.inhibitors or not after.promoters + after.inhibitors:
            return None
        shares = [w.inhibitors / (w.promoters + w.inhibitors) for w in (after, before)]
        return round(shares[0] - shares[1], 3)


@dataclass(frozen=True)
class TimelinePoint:
    period: str
    promoters: int
    inhibitors: int
    events: tuple[str, ...]

    @property
    def inhibitor_share(self) -> float | None:
        total = self.promoters + self.inhibitors
        return round(self.inhibitors / total, 3) if total else None


@dataclass
class PressureAnalysis:
    """`timeline` is per half-year over all sites in scope; `by_kind[kind]` = events of that kind
    and the mean change in inhibitor share where it could be computed."""

    window_days: int
    events: list[EventEffect] = field(default_factory=list)
    timeline: list[TimelinePoint] = field(default_factory=list)
    by_kind: dict[str, dict] = field(default_factory=dict)


def _window(sites: list[SiteData], start: datetime.date, end: datetime.date) -> Window:
    """The promoters and inhibitors dated from `start` up to (not including) `end`."""
    promoters = inhibitors = 0
    for site in sites:
        days = site.days
        promoters += bisect_left(days["promoter"], end) - bisect_left(days["promoter"], start)
        inhibitors += bisect_left(days["inhibitor"], end) - bisect_left(days["inhibitor"], start)
    return Window(promoters, inhibitors)


def event_effect(event: EventRecord, sites: list[SiteData], window_days: int) -> EventEffect:
    """The inhibitor share of `sites` in the window before the event and from its start."""
    span = datetime.timedelta(days=window_days)
    return EventEffect(
        event=event,
        sites=len(sites),
        before=_window(sites, event.starts_on - span, event.starts_on),
        after=_window(sites, event.starts_on, event.starts_on + span),
    )


def _per_half_year(per_day: Counter, half_year_on: dict) -> Counter:
    counts: Counter = Counter()
    for day, count in per_day.items():
        counts[half_year_on[day]] += count
    return counts


def pressures(data: AnalysisInput, grouped: dict[str, SiteData], window_days: int) -> PressureAnalysis:
    scoped = [e for e in data.events if not e.site or e.site in grouped]
    effects = []
    for event in sorted(scoped, key=lambda e: (e.starts_on, e.id)):
        sites = list(grouped.values()) if not event.site else [grouped[event.site]]
        effects.append(event_effect(event, sites, window_days))
    # Per half-year from the sites' dated promoters and inhibitors (SiteData.days, as the windows),
    # counted per day first: a few hundred distinct days recur at every site.
    promoters, inhibitors = (
        Counter(chain.from_iterable(site.days[side] for site in grouped.values()))
        for side in ("promoter", "inhibitor")
    )
    other_days = {  # a statement of another valence still puts its half-year on the timeline
        day
        for site in grouped.values()
        if len(site.days) > 2
        for valence, days in site.days.items()
        if valence not in ("promoter", "inhibitor")
        for day in days
    }
    half_year_on = {day: half_year_of(day) for day in promoters.keys() | inhibitors.keys() | other_days}
    promoters, inhibitors = (_per_half_year(counts, half_year_on) for counts in (promoters, inhibitors))
    event_periods: dict[str, list[str]] = {}
    for event in scoped:
        event_periods.setdefault(half_year_of(event.starts_on), []).append(event.kind)
    periods = sorted(set(half_year_on.values()) | set(event_periods))
    timeline = [
        TimelinePoint(
            period, promoters[period], inhibitors[period], tuple(sorted(set(event_periods.get(period, []))))
        )
        for period in periods
    ]
    by_kind: dict[str, dict] = {}
    for effect in effects:
        entry = by_kind.setdefault(effect.event.kind, {"events": 0, "changes": []})
        entry["events"] += 1
        if effect.change is not None:
            entry["changes"].append(effect.change)
    summary = {
        kind: {
            "events": entry["events"],
            "mean_change": round(sum(entry["changes"]) / len(entry["changes"]), 3)
            if entry["changes"]
            else None,
        }
        for kind, entry in sorted(by_kind.items())
    }
    return PressureAnalysis(window_days=window_days, events=effects, timeline=timeline, by_kind=summary)
