"""Driver profiles: promoters and inhibitors by driver and mechanism, per site, programme and
period, and the most frequent statements per driver with example quotes."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter

import numpy as np

from analysis.computations.counts import FactorCounts
from analysis.computations.records import DRIVERS, AnalysisInput, FactorRecord

_STATEMENT_KEY = attrgetter("driver", "valence", "statement")
_STATEMENT, _DRIVER, _VALENCE = attrgetter("statement"), attrgetter("driver"), attrgetter("valence")
_SITE = attrgetter("site")
_SIDES = ("promoter", "inhibitor")


@dataclass
class Tally:
    promoters: int = 0
    inhibitors: int = 0

    @property
    def total(self) -> int:
        return self.promoters + self.inhibitors

    @property
    def balance(self) -> float | None:
        """(promoters − inhibitors) / (promoters + inhibitors), from −1 to +1; None without statements."""
        return round((self.promoters - self.inhibitors) / self.total, 3) if self.total else None

    @property
    def promoter_share(self) -> float | None:
        return round(self.promoters / self.total, 3) if self.total else None


@dataclass
class DriverProfile:
    """Tallies for one scope: `drivers[key]`, `mechanisms[key]`, and `uncoded` (no driver yet)."""

    scope: str
    key: str
    period: str | None
    drivers: dict[str, Tally] = field(default_factory=dict)
    mechanisms: dict[str, Tally] = field(default_factory=dict)
    uncoded: Tally = field(default_factory=Tally)

    @property
    def total(self) -> Tally:
        tally = Tally(self.uncoded.promoters, self.uncoded.inhibitors)
        for item in self.drivers.values():
            tally.promoters += item.promoters
            tally.inhibitors += item.inhibitors
        return tally


@dataclass(frozen=True)
class FrequentStatement:
    """A statement made `count` times at `sites` sites, with up to three example quotes."""

    driver: str
    valence: str
    statement: str
    count: int
    sites: int
    quotes: tuple[str, ...] = ()


@dataclass
class DriverProfiles:
    """`per_programme_period` and `per_site_period` are keyed "<programme or site>|<period>"."""

    overall: DriverProfile
    per_programme: dict[str, DriverProfile]
    per_site: dict[str, DriverProfile]
    per_period: dict[str, DriverProfile]
    per_programme_period: dict[str, DriverProfile]
    per_site_period: dict[str, DriverProfile]
    frequent: dict[str, list[FrequentStatement]]
    periods: list[str]


def _profile(
    scope: str, key: str, period: str | None, mechanisms: list[str], counts: dict[tuple, int]
) -> DriverProfile:
    """The profile of one level from its counts per (driver, mechanism, valence): every driver and
    codebook mechanism, then any other code in the order it first occurs (as `_add` would)."""
    drivers = {driver: Tally() for driver in DRIVERS}
    by_mechanism = {mechanism: Tally() for mechanism in mechanisms}
    uncoded = Tally()
    for (driver, mechanism, valence), count in counts.items():
        promoter = valence == "promoter"
        if driver:
            tally = drivers.get(driver)
            if tally is None:
                tally = drivers[driver] = Tally()
        else:
            tally = uncoded
        if promoter:
            tally.promoters += count
        else:
            tally.inhibitors += count
        if mechanism:
            tally = by_mechanism.get(mechanism)
            if tally is None:
                tally = by_mechanism[mechanism] = Tally()
            if promoter:
                tally.promoters += count
            else:
                tally.inhibitors += count
    return DriverProfile(
        scope=scope, key=key, period=period, drivers=drivers, mechanisms=by_mechanism, uncoded=uncoded
    )


def driver_profile(
    factors: list[FactorRecord],
    mechanisms: list[str],
    scope: str = "all",
    key: str = "",
    period: str | None = None,
) -> DriverProfile:
    """One profile over the given factors (filter them first for a site, programme or period)."""
    counts = Counter(
        (factor.driver, factor.mechanism, factor.valence)
        for factor in factors
        if factor.valence in ("promoter", "inhibitor")
    )
    return _profile(scope, key, period, mechanisms, counts)


def _wording_counts(factors: list[FactorRecord], statements: list[str]) -> dict[tuple, int]:
    """(driver, valence, statement) → how many factors, in the order the keys first occur.

    Counted per wording alone when no wording occurs under two drivers or valences (the usual
    case: 3,500 wordings in 115,000 statements), which spares a tuple per statement."""
    per_wording = Counter(statements)
    combinations = set(zip(statements, map(_DRIVER, factors), map(_VALENCE, factors), strict=True))
    if len(combinations) != len(per_wording):
        return Counter(map(_STATEMENT_KEY, factors))
    combination_of = {statement: (driver, valence) for statement, driver, valence in combinations}
    return {(*combination_of[statement], statement): count for statement, count in per_wording.items()}


def frequent_statements(factors: list[FactorRecord], top: int = 5) -> dict[str, list[FrequentStatement]]:
    """Per driver, the `top` most frequent statements of each valence (same wording, case-folded).

    The statements are counted per exact wording first; sites and quotes are then gathered only
    for the statements that are shown."""
    normalised: dict[str, str] = {}
    counts: Counter = Counter()
    wording: dict[tuple, str] = {}
    key_of: dict[tuple, tuple] = {}  # (driver, valence, statement) → (driver, valence, wording folded)
    statements = list(map(_STATEMENT, factors))
    for raw, count in _wording_counts(factors, statements).items():
        driver, valence, statement = raw
        if not driver or valence not in _SIDES:
            continue
        norm = normalised.get(statement)
        if norm is None:
            norm = normalised[statement] = " ".join(statement.lower().split())
        key = key_of[raw] = (driver, valence, norm)
        counts[key] += count
        wording.setdefault(key, statement)
    result: dict[str, list[FrequentStatement]] = {driver: [] for driver in DRIVERS}
    chosen: list[tuple[tuple, int]] = []
    taken: Counter = Counter()
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        result.setdefault(key[0], [])
        if taken[key[:2]] < top:
            taken[key[:2]] += 1
            chosen.append((key, count))
    shown = {key for key, _ in chosen}
    shown_raw = {raw for raw, key in key_of.items() if key in shown}
    shown_wording = {raw[2] for raw in shown_raw}  # a str keeps its hash; a tuple does not
    sites: dict[tuple, set] = defaultdict(set)
    quotes: dict[tuple, list] = defaultdict(list)
    for factor in compress(factors, map(shown_wording.__contains__, statements)):
        key = key_of.get((factor.driver, factor.valence, factor.statement))
        if key is None:  # not coded
            continue
        if factor.site:
            sites[key].add(factor.site)
        if factor.quote and len(quotes[key]) < 3 and factor.quote not in quotes[key]:
            quotes[key].append(factor.quote)
    for key, count in chosen:
        driver, valence, _norm = key
        result[driver].append(
            FrequentStatement(driver, valence, wording[key], count, len(sites[key]), tuple(quotes[key]))
        )
    return result


class _Levels:
    """Which levels the factors of each counted site add to (`counted`: a known site or a
    statement without site; `group`: the index of its programme when it has one, else -1), and
    per level the indices of the other drivers and mechanisms in the order they first occur."""

    def __init__(self, counts: FactorCounts, programme_of: dict[str, str], programmes: list[str]):
        position = {programme: index for index, programme in enumerate(programmes)}
        self.counted = np.array([not code or code in programme_of for code in counts.sites], bool)
        self.group = np.array(
            [position[programme_of[code]] if programme_of.get(code) else -1 for code in counts.sites],
            np.intp,
        )
        self.others: dict[tuple, tuple[dict, dict]] = {}
        for site, period, driver, mechanism in counts.unusual:
            if not self.counted[site]:
                continue
            keys = [("all",), ("period", period)]
            group = int(self.group[site])
            if group >= 0:
                keys += [("programme", group), ("programme_period", group, period)]
                keys += [("site", site), ("site_period", site, period)]
            for key in keys:
                drivers, mechanisms = self.others.setdefault(key, ({}, {}))
                if driver >= counts.usual_drivers:
                    drivers[driver] = None
                if mechanism >= counts.usual_mechanisms:
                    mechanisms[mechanism] = None


class _Maker:
    """Builds one level's profile from its rows of [promoters, inhibitors] per driver and per
    mechanism index of FactorCounts."""

    def __init__(self, counts: FactorCounts, mechanisms: list[str], others: dict[tuple, tuple[dict, dict]]):
        self.driver_keys, self.mechanism_keys = counts.driver_keys, counts.mechanism_keys
        self.drivers = list(enumerate(DRIVERS, 1))
        index = {key: position for position, key in enumerate(counts.mechanism_keys)}
        self.mechanisms = [(mechanism, index[mechanism]) for mechanism in mechanisms]
        self.others = others

    def __call__(self, scope: str, key: str, period: str | None, level: tuple, drivers, mechanisms):
        by_driver = {driver: Tally(*drivers[index]) for index, driver in self.drivers}
        by_mechanism = {mechanism: Tally(*mechanisms[index]) for mechanism, index in self.mechanisms}
        other_drivers, other_mechanisms = self.others.get(level, ((), ()))
        for index in other_drivers:
            by_driver[self.driver_keys[index]] = Tally(*drivers[index])
        for index in other_mechanisms:
            by_mechanism[self.mechanism_keys[index]] = Tally(*mechanisms[index])
        return DriverProfile(scope, key, period, by_driver, by_mechanism, Tally(*drivers[0]))


def driver_profiles(data: AnalysisInput, top: int = 5, counts: FactorCounts | None = None) -> DriverProfiles:
    """All profiles as sums of the counts per site × period × code (`counts`, FactorCounts(data),
    may be passed to share them): per period over the counted sites, per programme through a
    programme × site membership matrix; a level exists where it counts any factor."""
    mechanisms = [key for key, _ in data.mechanisms()]
    programme_of = {site.code: site.programme for site in data.sites}
    counts = FactorCounts(data) if counts is None else counts
    programmes = sorted(set(programme_of.values()))
    levels = _Levels(counts, programme_of, programmes)
    make = _Maker(counts, mechanisms, levels.others)
    arrays = (counts.drivers, counts.mechanisms)
    members = (levels.group[None, :] == np.arange(len(programmes))[:, None]).astype(counts.drivers.dtype)
    in_period = [array[levels.counted].sum(0) for array in arrays]
    in_programme_period = [np.tensordot(members, array, axes=(1, 0)) for array in arrays]
    overall = make("all", "", None, ("all",), *(array.sum(0).tolist() for array in in_period))
    programme_rows = [array.sum(1).tolist() for array in in_programme_period]
    per_programme = {
        programme: make(
            "programme", programme, None, ("programme", group), *(rows[group] for rows in programme_rows)
        )
        for group, programme in enumerate(programmes)
    }
    site_rows = [array.sum(1).tolist() for array in arrays]
    none = [[[0, 0]] * len(counts.driver_keys), [[0, 0]] * len(counts.mechanism_keys)]
    per_site = {}
    for code in programme_of:
        site = counts.site_index[code]
        rows = [rows[site] for rows in site_rows] if levels.group[site] >= 0 else none
        per_site[code] = make("site", code, None, ("site", site), *rows)
    period_rows = [array.tolist() for array in in_period]
    present = in_period[0].sum((1, 2)) > 0
    per_period = {
        period: make("period", "", period, ("period", index), *(rows[index] for rows in period_rows))
        for index, period in enumerate(counts.periods)
        if present[index]
    }
    programme_period_rows = [array.tolist() for array in in_programme_period]
    per_programme_period = {}
    for group, index in zip(
        *(np.nonzero(in_programme_period[0].sum((2, 3)) > 0)[axis].tolist() for axis in (0, 1)), strict=True
    ):
        programme, period = programmes[group], counts.periods[index]
        per_programme_period[f"{programme}|{period}"] = make(
            "programme",
            programme,
            period,
            ("programme_period", group, index),
            *(rows[group][index] for rows in programme_period_rows),
        )
    present = (counts.drivers.sum((2, 3)) > 0) & (levels.group >= 0)[:, None]
    sites, periods = np.nonzero(present)
    per_site_period = {}
    for site, index, driver_rows, mechanism_rows in zip(
        sites.tolist(), periods.tolist(), *(array[sites, periods].tolist() for array in arrays), strict=True
    ):
        code, period = counts.sites[site], counts.periods[index]
        per_site_period[f"{code}|{period}"] = make(
            "site", code, period, ("site_period", site, index), driver_rows, mechanism_rows
        )
    known = data.factors
    if not set(map(_SITE, known)) <= {"", *programme_of}:
        known = [f for f in known if not f.site or f.site in programme_of]
    return DriverProfiles(
        overall=overall,
        per_programme=per_programme,
        per_site=per_site,
        per_period=per_period,
        per_programme_period=dict(sorted(per_programme_period.items())),
        per_site_period=dict(sorted(per_site_period.items())),
        frequent=frequent_statements(known, top),
        periods=list(per_period),
    )
