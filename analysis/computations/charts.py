"""The geometry of the balance charts, computed once from the analysis and drawn by every renderer:
the site page's bars, the dashboard's panels per driver (both inline SVG) and the reports' lines
(matplotlib). Each renderer takes its periods, counts, scale and bar positions from here and only
adds its own frame and styling.

Balance has one definition, `Tally.balance` (analysis.computations.profiles): (promoters −
inhibitors) / (promoters + inhibitors) per driver and period, over the statements of the site's
reports and of the joint meetings attributed to it.
"""

import math
from dataclasses import dataclass

from analysis.computations.profiles import Tally
from analysis.computations.records import DRIVERS

LABEL_WIDTH = 34  # px a four-digit year takes at the charts' 11 px font, with a gap


@dataclass(frozen=True)
class Bar:
    """One period's pair of bars: promoters rise `up` px from the zero line, inhibitors fall `down`."""

    label: str
    x: float
    width: float
    up: float
    down: float
    promoters: int
    inhibitors: int
    show_label: bool = True

    @property
    def centre(self) -> float:
        """The middle of the bar: labels are centred under it, so neighbours never overlap."""
        return self.x + self.width / 2


@dataclass(frozen=True)
class BalanceChart:
    """A site's (or any unit's) promoters and inhibitors per period and driver, periods in order."""

    periods: tuple[str, ...]
    drivers: tuple[str, ...]
    tallies: dict[str, dict[str, Tally]]

    def tally(self, period: str, driver: str | None = None) -> Tally:
        """One driver's tally in a period, or (driver None) all drivers together."""
        cells = self.tallies.get(period, {})
        if driver is not None:
            return cells.get(driver) or Tally()
        return Tally(sum(t.promoters for t in cells.values()), sum(t.inhibitors for t in cells.values()))

    def series(self, driver: str) -> list[float | None]:
        """The driver's balance per period (None where it has no statements), for line charts."""
        return [self.tally(period, driver).balance for period in self.periods]

    def peak(self, *, per_driver: bool) -> int:
        """The largest count one bar shows (at least 1), so that every panel shares one scale."""
        keys = self.drivers if per_driver else (None,)
        counts = [
            max(self.tally(p, d).promoters, self.tally(p, d).inhibitors) for p in self.periods for d in keys
        ]
        return max([*counts, 1])

    def bars(
        self,
        *,
        width: float,
        half: float,
        driver: str | None = None,
        left: float = 0.0,
        share: float = 0.6,
        max_bar: float = 48.0,
    ) -> list[Bar]:
        """One bar pair per period across `width` px from `left`; a count of `peak` is `half` px tall
        (the peak over drivers when drawing one driver's panel, else over the totals)."""
        if not self.periods:
            return []
        peak = self.peak(per_driver=driver is not None)
        slot = width / len(self.periods)
        bar_width = min(max_bar, slot * share)
        every = max(1, math.ceil(LABEL_WIDTH / slot))
        bars = []
        for index, period in enumerate(self.periods):
            tally = self.tally(period, driver)
            bars.append(
                Bar(
                    label=period,
                    x=left + index * slot + (slot - bar_width) / 2,
                    width=bar_width,
                    up=half * tally.promoters / peak,
                    down=half * tally.inhibitors / peak,
                    promoters=tally.promoters,
                    inhibitors=tally.inhibitors,
                    show_label=index % every == 0,
                )
            )
        return bars


def balance_chart(by_period: dict[str, dict[str, Tally]], drivers: tuple[str, ...] = DRIVERS) -> BalanceChart:
    """The chart of `SiteStatus.balance_over_time` (or any {period: {driver: Tally}}); periods
    without any statement are left out."""
    periods = tuple(
        period
        for period in sorted(by_period)
        if any((by_period[period].get(d) or Tally()).total for d in drivers)
    )
    return BalanceChart(periods=periods, drivers=tuple(drivers), tallies={p: by_period[p] for p in periods})
