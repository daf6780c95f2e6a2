"""Driver profiles: promoters and inhibitors by driver and mechanism, per site, programme and
period, and the most frequent statements per driver with example quotes."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from analysis.computations.records import DRIVERS, AnalysisInput, FactorRecord, period_of


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


def _add(profile: DriverProfile, driver: str, mechanism: str, valence: str, count: int) -> None:
    if driver:
        tally = profile.drivers.setdefault(driver, Tally())
    else:
        tally = profile.uncoded
    if valence == "promoter":
        tally.promoters += count
    else:
        tally.inhibitors += count
    if mechanism:
        mech = profile.mechanisms.setdefault(mechanism, Tally())
        if valence == "promoter":
            mech.promoters += count
        else:
            mech.inhibitors += count


def _empty(scope: str, key: str, period: str | None, mechanisms: list[str]) -> DriverProfile:
    return DriverProfile(
        scope=scope,
        key=key,
        period=period,
        drivers={driver: Tally() for driver in DRIVERS},
        mechanisms={mechanism: Tally() for mechanism in mechanisms},
    )


def driver_profile(
    factors: list[FactorRecord],
    mechanisms: list[str],
    scope: str = "all",
    key: str = "",
    period: str | None = None,
) -> DriverProfile:
    """One profile over the given factors (filter them first for a site, programme or period)."""
    profile = _empty(scope, key, period, mechanisms)
    for factor in factors:
        if factor.valence in ("promoter", "inhibitor"):
            _add(profile, factor.driver, factor.mechanism, factor.valence, 1)
    return profile


def frequent_statements(factors: list[FactorRecord], top: int = 5) -> dict[str, list[FrequentStatement]]:
    """Per driver, the `top` most frequent statements of each valence (same wording, case-folded)."""
    counts: Counter = Counter()
    sites: dict[tuple, set] = defaultdict(set)
    quotes: dict[tuple, list] = defaultdict(list)
    wording: dict[tuple, str] = {}
    normalised: dict[str, str] = {}
    for factor in factors:
        if not factor.driver or factor.valence not in ("promoter", "inhibitor"):
            continue
        norm = normalised.get(factor.statement)
        if norm is None:
            norm = normalised[factor.statement] = " ".join(factor.statement.lower().split())
        key = (factor.driver, factor.valence, norm)
        counts[key] += 1
        wording.setdefault(key, factor.statement)
        if factor.site:
            sites[key].add(factor.site)
        if factor.quote and len(quotes[key]) < 3 and factor.quote not in quotes[key]:
            quotes[key].append(factor.quote)
    result: dict[str, list[FrequentStatement]] = {driver: [] for driver in DRIVERS}
    for (driver, valence, norm), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        same = [s for s in result.setdefault(driver, []) if s.valence == valence]
        if len(same) < top:
            key = (driver, valence, norm)
            result[driver].append(
                FrequentStatement(driver, valence, wording[key], count, len(sites[key]), tuple(quotes[key]))
            )
    return result


def driver_profiles(data: AnalysisInput, top: int = 5) -> DriverProfiles:
    """All profiles in one pass over the factors."""
    mechanisms = [key for key, _ in data.mechanisms()]
    programme_of = {site.code: site.programme for site in data.sites}
    counts: Counter = Counter()
    for factor in data.factors:
        if factor.valence in ("promoter", "inhibitor"):
            counts[
                (factor.site, period_of(factor.date), factor.driver, factor.mechanism, factor.valence)
            ] += 1
    overall = _empty("all", "", None, mechanisms)
    per_programme = {p: _empty("programme", p, None, mechanisms) for p in sorted(set(programme_of.values()))}
    per_site = {code: _empty("site", code, None, mechanisms) for code in programme_of}
    per_period: dict[str, DriverProfile] = {}
    per_programme_period: dict[str, DriverProfile] = {}
    per_site_period: dict[str, DriverProfile] = {}
    # Sum the counts up to each level first, then add each level's distinct keys once.
    levels: dict[tuple, Counter] = defaultdict(Counter)
    for (site, period, driver, mechanism, valence), count in counts.items():
        programme = programme_of.get(site)
        if site and programme is None:
            continue
        code = (driver, mechanism, valence)
        levels[("all", "")][code] += count
        levels[("period", period)][code] += count
        if programme:
            levels[("programme", programme)][code] += count
            levels[("programme_period", programme, period)][code] += count
            levels[("site", site)][code] += count
            levels[("site_period", site, period)][code] += count
    for level, tallies in levels.items():
        kind = level[0]
        if kind == "all":
            target = overall
        elif kind == "period":
            target = per_period.setdefault(level[1], _empty("period", "", level[1], mechanisms))
        elif kind == "programme":
            target = per_programme[level[1]]
        elif kind == "site":
            target = per_site[level[1]]
        elif kind == "programme_period":
            target = per_programme_period.setdefault(
                f"{level[1]}|{level[2]}", _empty("programme", level[1], level[2], mechanisms)
            )
        else:
            target = per_site_period.setdefault(
                f"{level[1]}|{level[2]}", _empty("site", level[1], level[2], mechanisms)
            )
        for (driver, mechanism, valence), count in tallies.items():
            _add(target, driver, mechanism, valence, count)
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
