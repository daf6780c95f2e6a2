"""The one rule for figures shown to aggregate readers (providers, decision makers): no figure
describes fewer than MIN_SITES sites (DESIGN.md §1, the usual rule of Danish statistics). A cell
about too few sites is replaced by SUPPRESSED and the table says so."""

from dataclasses import dataclass

MIN_SITES = 3


@dataclass(frozen=True)
class Suppressed:
    """A cell left out because it describes fewer than MIN_SITES sites."""

    sites: int

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return "–"


def too_few(sites: int) -> bool:
    """A figure about 1 or 2 sites identifies them; 0 sites (nothing to describe) is shown."""
    return 0 < sites < MIN_SITES


def disclose(value, sites: int):
    """`value`, or Suppressed when it describes too few sites."""
    return Suppressed(sites) if too_few(sites) else value


def disclose_counts(counts: dict, selection_sites: int) -> dict:
    """Counts of sites (per degree, per phase, per attention point): each count is its own group
    of sites; a selection of too few sites hides every count."""
    if too_few(selection_sites):
        return {key: Suppressed(selection_sites) for key in counts}
    return {key: disclose(count, count) for key, count in counts.items()}


def any_suppressed(*groups) -> bool:
    """Whether a table built from these cells (values, lists, dicts) left anything out."""
    for group in groups:
        values = (
            group.values()
            if isinstance(group, dict)
            else group
            if isinstance(group, list | tuple)
            else [group]
        )
        if any(
            isinstance(value, Suppressed)
            or (isinstance(value, list | tuple | dict) and any_suppressed(value))
            for value in values
        ):
            return True
    return False
