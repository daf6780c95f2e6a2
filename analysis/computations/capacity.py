"""Driver capacity per site and period in the manner of NIRN's Drivers Best Practices Assessment:
each mechanism in place / partly in place / not in place, proposed from the statements of the
period (config `capacity`: promoter share at least `in_place` → in place, at least `partly` →
partly, else not in place; fewer than `min_statements` → no data, shown as missing)."""

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

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
    data: AnalysisInput, rule: dict, confirmations: list[CapacityConfirmation] | None = None
) -> CapacityTable:
    mechanisms = [key for key, _ in data.mechanisms()]
    coded = [
        factor
        for factor in data.factors
        if factor.site and factor.mechanism and factor.valence in ("promoter", "inhibitor")
    ]
    held = [visit.held_on for visit in data.visits if visit.status == "held" and visit.held_on]
    period_on = {day: period_of(day) for day in {*map(attrgetter("date"), coded), *held}}
    counts = Counter((f.site, period_on[f.date], f.mechanism, f.valence) for f in coded)
    confirmed = {(c.site, c.period, c.mechanism): c for c in confirmations or []}
    ordered = sorted(set(period_on.values()))
    statuses: dict[tuple[int, int], str | None] = {}  # (promoters, inhibitors) → proposed status
    cells: dict[str, dict[str, dict[str, CapacityCell]]] = {}
    for site in data.sites:
        code = site.code
        cells[code] = {}
        for period in ordered:
            row = {}
            for mechanism in mechanisms:
                promoters = counts.get((code, period, mechanism, "promoter"), 0)
                inhibitors = counts.get((code, period, mechanism, "inhibitor"), 0)
                proposed = statuses.get((promoters, inhibitors), "")
                if proposed == "":
                    proposed = statuses[(promoters, inhibitors)] = capacity_status(
                        promoters, inhibitors, rule
                    )
                row[mechanism] = CapacityCell(
                    site=code,
                    period=period,
                    mechanism=mechanism,
                    proposed=proposed,
                    promoters=promoters,
                    inhibitors=inhibitors,
                    confirmation=confirmed.get((code, period, mechanism)),
                )
            cells[code][period] = row
    return CapacityTable(periods=ordered, mechanisms=mechanisms, cells=cells)
