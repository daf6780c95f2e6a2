"""Advice per driver: the practices that worked at the sites in the high group (pure; no Django).

The input is every promoter recorded at a high-group site. The output counts them per mechanism and
per practice (a statement, compared case- and space-insensitively). A site is never named to a
viewer who may not see it: a practice's wording is quoted only when at least `min_sites` sites
(the disclosure rule, 3) reported it or the viewer may see every site it came from, and only visible
site codes are listed. Statements come in with person names already removed (decisions.selectors).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from analysis.computations.disclosure import MIN_SITES
from decisions.history import stem_pattern


@dataclass(frozen=True)
class PromoterRecord:
    site: str
    driver: str
    mechanism: str
    statement: str


@dataclass(frozen=True)
class Practice:
    statement: str
    mentions: int
    sites: int
    visible_sites: tuple[str, ...] = ()


@dataclass(frozen=True)
class MechanismAdvice:
    mechanism: str
    mentions: int
    sites: int
    practices: tuple[Practice, ...] = ()
    unquoted: int = 0


@dataclass(frozen=True)
class DriverAdvice:
    driver: str
    mentions: int
    sites: int
    mechanisms: tuple[MechanismAdvice, ...] = field(default_factory=tuple)


def normalise(statement: str) -> str:
    return re.sub(r"\s+", " ", statement).strip().rstrip(".!").lower()


def driver_advice(
    promoters: list[PromoterRecord],
    *,
    drivers: tuple[str, ...],
    visible: set[str],
    hidden_names: set[str] = frozenset(),
    min_sites: int = MIN_SITES,
    top: int = 5,
) -> tuple[DriverAdvice, ...]:
    """Counts per driver and mechanism with the `top` most reported practices that may be quoted.

    `hidden_names` are the codes and names of sites the viewer may not see: a statement containing
    one is never quoted unless the viewer may see every site it came from.
    """
    hidden = stem_pattern(sorted(hidden_names))
    result = []
    for driver in drivers:
        rows = [row for row in promoters if row.driver == driver]
        by_mechanism: dict[str, list[PromoterRecord]] = defaultdict(list)
        for row in rows:
            by_mechanism[row.mechanism].append(row)
        mechanisms = []
        for mechanism, mechanism_rows in by_mechanism.items():
            grouped: dict[str, list[PromoterRecord]] = defaultdict(list)
            for row in mechanism_rows:
                grouped[normalise(row.statement)].append(row)
            quoted, unquoted = [], 0
            for group in grouped.values():
                sites = {row.site for row in group}
                named = hidden is not None and hidden.search(group[0].statement) is not None
                if sites <= visible or (len(sites) >= min_sites and not named):
                    quoted.append(
                        Practice(
                            statement=group[0].statement.strip(),
                            mentions=len(group),
                            sites=len(sites),
                            visible_sites=tuple(sorted(sites & visible)),
                        )
                    )
                else:
                    unquoted += len(group)
            quoted.sort(key=lambda practice: (-practice.sites, -practice.mentions, practice.statement))
            unquoted += sum(practice.mentions for practice in quoted[top:])
            mechanisms.append(
                MechanismAdvice(
                    mechanism=mechanism,
                    mentions=len(mechanism_rows),
                    sites=len({row.site for row in mechanism_rows}),
                    practices=tuple(quoted[:top]),
                    unquoted=unquoted,
                )
            )
        mechanisms.sort(key=lambda item: (-item.sites, -item.mentions, item.mechanism))
        result.append(
            DriverAdvice(
                driver=driver,
                mentions=len(rows),
                sites=len({row.site for row in rows}),
                mechanisms=tuple(mechanisms),
            )
        )
    return tuple(result)
