"""Driver capacity per site and period in the manner of NIRN's Drivers Best Practices Assessment:
each mechanism in place / partly in place / not in place, proposed from the statements of the
period (config `capacity`: promoter share at least `in_place` → in place, at least `partly` →
partly, else not in place; fewer than `min_statements` → no data, shown as missing)."""

from dataclasses import dataclass

import numpy as np

from analysis.computations.counts import FactorCounts
from analysis.computations.records import AnalysisInput, CapacityConfirmation, period_of

STATUSES = ("in_place", "partly", "not_in_place")


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
    counts: FactorCounts | None = None,
) -> CapacityTable:
    """The cells read their tallies from the counts per site × period × mechanism (`counts`,
    FactorCounts(data), may be passed to share them); the periods are those with statements
    coded to a mechanism at any site and those with held visits."""
    mechanisms = [key for key, _ in data.mechanisms()]
    counts = FactorCounts(data) if counts is None else counts
    coded = counts.mechanisms[:, :, 1:].sum((2, 3))  # site × period: statements coded to a mechanism
    if "" in counts.site_index:
        coded[counts.site_index[""]] = 0
    held = [visit.held_on for visit in data.visits if visit.status == "held" and visit.held_on]
    periods = {counts.periods[index] for index in np.nonzero(coded.sum(0))[0].tolist()}
    ordered = sorted(periods | {period_of(day) for day in set(held)})
    confirmed = {(c.site, c.period, c.mechanism): c for c in confirmations or []}
    column_of = {key: position for position, key in enumerate(counts.mechanism_keys)}
    columns = [(mechanism, column_of[mechanism]) for mechanism in mechanisms]
    promoters_at, inhibitors_at = (counts.mechanisms[..., side].tolist() for side in (0, 1))
    empty = [0] * len(counts.mechanism_keys)
    # One proposed status per distinct (promoters, inhibitors), the empty cell's included.
    status_of: dict[tuple[int, int], str | None] = {}
    cells: dict[str, dict[str, dict[str, CapacityCell]]] = {}
    for site in data.sites:
        code = site.code
        cells[code] = {}
        position = counts.site_index[code]
        promoters_in, inhibitors_in = promoters_at[position], inhibitors_at[position]
        for period in ordered:
            index = counts.period_index.get(period)
            promoters, inhibitors = (
                (empty, empty) if index is None else (promoters_in[index], inhibitors_in[index])
            )
            cells[code][period] = row = {}
            for mechanism, column in columns:
                tally = (promoters[column], inhibitors[column])
                if tally not in status_of:
                    status_of[tally] = capacity_status(*tally, rule)
                row[mechanism] = CapacityCell(
                    code,
                    period,
                    mechanism,
                    status_of[tally],
                    *tally,
                    confirmed.get((code, period, mechanism)),
                )
    return CapacityTable(periods=ordered, mechanisms=mechanisms, cells=cells)
