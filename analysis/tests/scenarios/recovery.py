"""Degree recovery on the second scenario, and the sensitivity table of docs/analysis.md.

    /work/main/.venv/bin/python -m analysis.tests.scenarios.recovery

prints, for each family member (proportions moved one way at a time), how many planted degrees the
default rule recovers over the seeds, and per planted degree. Pure computation, no database.
"""

import dataclasses
from collections import Counter

from analysis.computations.config import resolve_config
from analysis.computations.result import run_analysis
from analysis.tests.scenarios.generator import PROPORTIONS, Options, contrasted, scenario, to_input

SEEDS = (1, 2, 3, 4, 5, 6)


def recovery(seed: int, proportions=None, options=None, config=None) -> tuple[int, Counter, list[str]]:
    """(hits of 14, Counter of (planted, got), misses as text)."""
    dataset, truth = scenario(seed, proportions, options)
    result = run_analysis(to_input(dataset), config or resolve_config())
    pairs = Counter((truth[s.code], s.degree) for s in result.sites)
    misses = [f"{s.code}: planted {truth[s.code]}, got {s.degree} ({s.classification.score})"
              for s in result.sites if s.degree != truth[s.code]]  # fmt: skip
    return len(result.sites) - len(misses), pairs, misses


def _moved(degree: str, **changes) -> dict:
    return {**PROPORTIONS, degree: dataclasses.replace(PROPORTIONS[degree], **changes)}


def _flat() -> dict:
    """Team and site assessments alike at every degree; "some" with phases nearly as fast as "high"."""
    flat = {
        degree: dataclasses.replace(
            p, manager_from_start=0.7, leavers=(1, 2), democratic=0.5, collaboration=0.5, points=(3, 6)
        )
        for degree, p in PROPORTIONS.items()
    }
    flat["some"] = dataclasses.replace(flat["some"], forward=0.6, back=0.08)
    return flat


FAMILY = [
    ("standard (80/50/20 % promoters)", None, None),
    ("contrast 0.8 (high and low pulled towards some)", contrasted(0.8), None),
    ("contrast 0.6", contrasted(0.6), None),
    ("contrast 0.4", contrasted(0.4), None),
    ("contrast 1.2 (pushed apart)", contrasted(1.2), None),
    ("some: 40 % promoters", _moved("some", promoters=0.4), None),
    ("some: 60 % promoters", _moved("some", promoters=0.6), None),
    ("some: 65 % promoters, 60 % done", _moved("some", promoters=0.65, done=0.6), None),
    ("high: 70 % promoters", _moved("high", promoters=0.7), None),
    ("high: 65 % promoters, 65 % done", _moved("high", promoters=0.65, done=0.65), None),
    ("low: 35 % promoters", _moved("low", promoters=0.35), None),
    ("some: fast phases (as high)", _moved("some", forward=0.6, back=0.03), None),
    ("statements uncoded", None, Options(coded=0.0)),
    ("half the statements coded", None, Options(coded=0.5)),
    ("no site assessments", None, Options(assessments=False)),
    ("uncoded and no site assessments", None, Options(coded=0.0, assessments=False)),
    ("team and assessments carry no signal, some as fast as high", _flat(), None),
    ("the same, no site assessments", _flat(), Options(assessments=False)),
    ("the same, uncoded and no site assessments", _flat(), Options(coded=0.0, assessments=False)),
]


def table(seeds=SEEDS) -> list[str]:
    lines = [
        "| scenario | recovered | high | some | low | lowest per seed |",
        "|---|---|---|---|---|---|",
    ]
    for label, proportions, options in FAMILY:
        total, pairs, worst = 0, Counter(), 14
        for seed in seeds:
            hits, found, _misses = recovery(seed, proportions, options)
            total, worst = total + hits, min(worst, hits)
            pairs.update(found)
        cells = []
        for degree in ("high", "some", "low"):
            planted = sum(n for (p, _g), n in pairs.items() if p == degree)
            cells.append(f"{pairs[degree, degree]}/{planted}")
        lines.append(f"| {label} | {total}/{14 * len(seeds)} | {' | '.join(cells)} | {worst}/14 |")
    return lines


if __name__ == "__main__":
    print("\n".join(table()))
