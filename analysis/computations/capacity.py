"""Driver capacity per site and period in the manner of NIRN's Drivers Best Practices Assessment:
each mechanism in place / partly in place / not in place, proposed from the statements of the
period (config `capacity`: promoter share at least `in_place` → in place, at least `partly` →
partly, else not in place; fewer than `min_statements` → no data, shown as missing)."""

from collections import Counter
from dataclasses import dataclass

from analysis.computations.profiles import factor_counts
from analysis.computations.records import AnalysisInput, CapacityConfirmation, period_of

STATUSES = ("in_place", "partly", "not_in_place")
_NONE = (0, 0)


@dataclass
class CapacityCell:
    """`status` is what to show: the confirmed status when the evaluator confirmed one, else
    `proposed`; None means no statements in the period."""

    site: str
    period: str
    mechanism: str
    proposed: str | None
    promoters: int
    inhibitors: int
    confirmation: CapacityConfirmation | None = None

    @property
    def status(self) -> str | None:
        return self.confirmation.status if self.confirmation else self.proposed


@dataclass
class CapacityTable:
    """`cells[site][period][mechanism]`, periods in order, for every site, period and mechanism."""

    periods: list[str]
    mechanisms: list[str]
    cells: dict[str, dict[str, dict[str, CapacityCell]]]


def capacity_status(promoters: int, inhibitors: int, rule: dict) -> str | None:
    total = promoters + inhibitors
    if total < max(1, int(rule["min_statements"])):
        return None
    share = promoters / total
    if share >= rule["in_place"]:
        return "in_place"
    return "partly" if share >= rule["partly"] else "not_in_place"


def driver_capacity(
    data: AnalysisInput,
    rule: dict,
    confirmations: list[CapacityConfirmation] | None = None,
    counts: Counter | None = None,
) -> CapacityTable:
    """`counts` from profiles.factor_counts(data) may be passed to share them."""
    mechanisms = [key for key, _ in data.mechanisms()]
    counts = factor_counts(data) if counts is None else counts
    tallies: dict[
        tuple[str, str, str], tuple[int, int]
    ] = {}  # (site, period, mechanism) → (promoters, inhibitors)
    for (site, period, _driver, mechanism, valence), count in counts.items():
        if site and mechanism:
            key = (site, period, mechanism)
            promoters, inhibitors = tallies.get(key, _NONE)
            tallies[key] = (
                (promoters + count, inhibitors) if valence == "promoter" else (promoters, inhibitors + count)
            )
    held = [visit.held_on for visit in data.visits if visit.status == "held" and visit.held_on]
    periods = {period for _site, period, _mechanism in tallies} | {period_of(day) for day in set(held)}
    confirmed = {(c.site, c.period, c.mechanism): c for c in confirmations or []}
    ordered = sorted(periods)
    # One proposed status per distinct (promoters, inhibitors), the empty cell's included.
    status_of = {tally: capacity_status(*tally, rule) for tally in {_NONE, *tallies.values()}}
    cells: dict[str, dict[str, dict[str, CapacityCell]]] = {}
    for site in data.sites:
        code = site.code
        cells[code] = {}
        for period in ordered:
            row = {}
            for mechanism in mechanisms:
                key = (code, period, mechanism)
                tally = tallies.get(key, _NONE)
                row[mechanism] = CapacityCell(
                    code, period, mechanism, status_of[tally], tally[0], tally[1], confirmed.get(key)
                )
            cells[code][period] = row
    return CapacityTable(periods=ordered, mechanisms=mechanisms, cells=cells)
