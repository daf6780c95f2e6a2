"""Promoters and inhibitors counted per site × period × code once per analysis, in numpy: the
records are encoded as integer columns and counted with `np.bincount`, so the driver profiles and
the capacity table read their tallies from two arrays instead of adding up Python dicts per level
(the level sums are array sums, not 330,000 dict updates)."""

from operator import attrgetter

import numpy as np

from analysis.computations.records import DRIVERS, AnalysisInput, period_of

SIDES = ("promoter", "inhibitor")


def _encode(values: list, known: list) -> tuple[list, np.ndarray]:
    """The distinct values (`known` first, the others in the order they first occur) and each
    value's index among them; the order of the others is sought only when there are any."""
    index = {value: position for position, value in enumerate(dict.fromkeys(known))}
    try:
        return list(index), np.fromiter(map(index.__getitem__, values), np.intp, len(values))
    except KeyError:
        for value in dict.fromkeys(values):
            index.setdefault(value, len(index))
        return list(index), np.fromiter(map(index.__getitem__, values), np.intp, len(values))


class FactorCounts:
    """`drivers[s, p, d, side]` and `mechanisms[s, p, m, side]` count the factors of site
    `sites[s]` in period `periods[p]` coded to driver `driver_keys[d]` and mechanism
    `mechanism_keys[m]`, side 0 promoters and 1 inhibitors (other valences are not counted).

    Sites are `data.sites` first, "" (a meeting statement without site), then the other sites of
    the factors; periods are in order; `driver_keys` are "" (no driver), DRIVERS, then other
    drivers, `mechanism_keys` "" (none), the codebook's mechanisms, then others (from index
    `usual_drivers` and `usual_mechanisms`). `unusual` lists the (site, period, driver, mechanism)
    indices of the factors with such another code, in record order, as they are shown in the
    order they first occur.
    """

    def __init__(self, data: AnalysisInput):
        sites, dates, drivers, mechanisms, valences = (
            list(map(attrgetter(name), data.factors))
            for name in ("site", "date", "driver", "mechanism", "valence")
        )
        _, side = _encode(valences, list(SIDES))
        counted = side < len(SIDES)
        self.sites, site = _encode(sites, [*(s.code for s in data.sites), ""])
        self.site_index = {code: position for position, code in enumerate(self.sites)}
        period_on = {day: period_of(day) for day in set(dates)}
        self.periods = sorted(set(period_on.values()))
        self.period_index = {period: position for position, period in enumerate(self.periods)}
        position_on = {day: self.period_index[period] for day, period in period_on.items()}
        period = np.fromiter(map(position_on.__getitem__, dates), np.intp, len(dates))
        codebook = [key for key, _ in data.mechanisms()]
        self.driver_keys, driver = _encode(drivers, ["", *DRIVERS])
        self.mechanism_keys, mechanism = _encode(mechanisms, ["", *codebook])
        self.usual_drivers, self.usual_mechanisms = 1 + len(DRIVERS), 1 + len(dict.fromkeys(codebook))
        site, period, driver, mechanism, side = (
            column[counted] for column in (site, period, driver, mechanism, side)
        )
        shape = (len(self.sites), len(self.periods))
        self.drivers = self._count(site, period, driver, side, shape, len(self.driver_keys))
        self.mechanisms = self._count(site, period, mechanism, side, shape, len(self.mechanism_keys))
        unusual = (driver >= self.usual_drivers) | (mechanism >= self.usual_mechanisms)
        self.unusual = list(
            zip(*(column[unusual].tolist() for column in (site, period, driver, mechanism)), strict=True)
        )

    @staticmethod
    def _count(site, period, code, side, shape: tuple[int, int], codes: int) -> np.ndarray:
        sites, periods = shape
        cells = ((site * periods + period) * codes + code) * 2 + side
        return np.bincount(cells, minlength=sites * periods * codes * 2).reshape(sites, periods, codes, 2)
