"""Driver profiles: promoters and inhibitors by driver and mechanism, per site, programme and
period, and the most frequent statements per driver with example quotes."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter

from analysis.computations.records import DRIVERS, AnalysisInput, FactorRecord, period_of

_STATEMENT_KEY = attrgetter("driver", "valence", "statement")


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


def frequent_statements(factors: list[FactorRecord], top: int = 5) -> dict[str, list[FrequentStatement]]:
    """Per driver, the `top` most frequent statements of each valence (same wording, case-folded).

    The statements are counted per exact wording first; sites and quotes are then gathered only
    for the statements that are shown."""
    coded = [f for f in factors if f.driver and f.valence in ("promoter", "inhibitor")]
    normalised: dict[str, str] = {}
    counts: Counter = Counter()
    wording: dict[tuple, str] = {}
    key_of: dict[tuple, tuple] = {}  # (driver, valence, statement) → (driver, valence, wording folded)
    for raw, count in Counter(map(_STATEMENT_KEY, coded)).items():
        driver, valence, statement = raw
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
    sites: dict[tuple, set] = defaultdict(set)
    quotes: dict[tuple, list] = defaultdict(list)
    for factor in compress(coded, map(shown_raw.__contains__, map(_STATEMENT_KEY, coded))):
        key = key_of[_STATEMENT_KEY(factor)]
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


def driver_profiles(data: AnalysisInput, top: int = 5) -> DriverProfiles:
    """All profiles in one pass over the factors: each distinct (site, period, code) is counted
    once and added to the six levels it belongs to."""
    mechanisms = [key for key, _ in data.mechanisms()]
    programme_of = {site.code: site.programme for site in data.sites}
    period_on = {day: period_of(day) for day in {factor.date for factor in data.factors}}
    counts = Counter(
        (factor.site, period_on[factor.date], factor.driver, factor.mechanism, factor.valence)
        for factor in data.factors
        if factor.valence in ("promoter", "inhibitor")
    )
    # Level key -> counts per (driver, mechanism, valence), in the order the codes first occur.
    levels: dict[tuple, dict[tuple, int]] = {("all",): {}}
    targets: dict[tuple[str, str], tuple[dict, ...]] = {}
    for (site, period, driver, mechanism, valence), count in counts.items():
        found = targets.get((site, period))
        if found is None:
            programme = programme_of.get(site)
            if site and programme is None:
                found = ()
            else:
                keys = [("all",), ("period", period)]
                if programme:
                    keys += [
                        ("programme", programme),
                        ("programme_period", programme, period),
                        ("site", site),
                        ("site_period", site, period),
                    ]
                found = tuple(levels.setdefault(key, {}) for key in keys)
            targets[(site, period)] = found
        code = (driver, mechanism, valence)
        for tallies in found:
            tallies[code] = tallies.get(code, 0) + count
    empty: dict[tuple, int] = {}
    overall = _profile("all", "", None, mechanisms, levels[("all",)])
    per_programme = {
        p: _profile("programme", p, None, mechanisms, levels.get(("programme", p), empty))
        for p in sorted(set(programme_of.values()))
    }
    per_site = {
        code: _profile("site", code, None, mechanisms, levels.get(("site", code), empty))
        for code in programme_of
    }
    per_period: dict[str, DriverProfile] = {}
    per_programme_period: dict[str, DriverProfile] = {}
    per_site_period: dict[str, DriverProfile] = {}
    for level, tallies in levels.items():
        kind = level[0]
        if kind == "period":
            per_period[level[1]] = _profile("period", "", level[1], mechanisms, tallies)
        elif kind == "programme_period":
            per_programme_period[f"{level[1]}|{level[2]}"] = _profile(
                "programme", level[1], level[2], mechanisms, tallies
            )
        elif kind == "site_period":
            per_site_period[f"{level[1]}|{level[2]}"] = _profile(
                "site", level[1], level[2], mechanisms, tallies
            )
    known = [f for f in data.factors if not f.site or f.site in programme_of]
    return DriverProfiles(
        overall=overall,
        per_programme=per_programme,
        per_site=per_site,
        per_period=dict(sorted(per_period.items())),
        per_programme_period=dict(sorted(per_programme_period.items())),
        per_site_period=dict(sorted(per_site_period.items())),
        frequent=frequent_statements(known, top),
        periods=sorted(per_period),
    )
