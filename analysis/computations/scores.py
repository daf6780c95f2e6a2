"""Fidelity and outcome scores against the driver balance and the degree of goal-directedness.

A correlation (Pearson's r) is given only with at least `min_points` sites having both values;
otherwise `note` says there are too few points.
"""

import math
from dataclasses import dataclass, field

from analysis.computations.phrase import Phrase
from analysis.computations.sitedata import SiteData

DEGREE_VALUE = {"low": 0, "some": 1, "high": 2}


@dataclass(frozen=True)
class ScorePoint:
    site: str
    programme: str
    kind: str
    value: float
    scores: int
    balance: float | None
    degree: str | None


@dataclass(frozen=True)
class Correlation:
    kind: str
    against: str
    n: int
    r: float | None
    note: str


@dataclass
class ScoreRelation:
    """`points` per site and score kind (mean of its scores); `by_degree[kind][degree]` mean score."""

    points: list[ScorePoint] = field(default_factory=list)
    correlations: list[Correlation] = field(default_factory=list)
    by_degree: dict[str, dict[str, float]] = field(default_factory=dict)


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return round(sxy / math.sqrt(sxx * syy), 3)


def _correlation(kind: str, against: str, pairs: list[tuple[float, float]], min_points: int) -> Correlation:
    n = len(pairs)
    if n < min_points:
        note = Phrase(
            "For få steder med både score og %(against)s (n=%(n)s, kræver %(needed)s).",
            against=against,
            n=n,
            needed=min_points,
        )
        return Correlation(kind, against, n, None, note)
    r = pearson([p[0] for p in pairs], [p[1] for p in pairs])
    note = Phrase("Ingen variation at korrelere.") if r is None else ""
    return Correlation(kind, against, n, r, note)


def score_relation(
    grouped: dict[str, SiteData],
    balances: dict[str, float | None],
    degrees: dict[str, str | None],
    min_points: int,
) -> ScoreRelation:
    relation = ScoreRelation()
    for code, site in grouped.items():
        by_kind: dict[str, list[float]] = {}
        for score in site.scores:
            by_kind.setdefault(score.kind, []).append(score.value)
        for kind, values in sorted(by_kind.items()):
            relation.points.append(
                ScorePoint(
                    code,
                    site.site.programme,
                    kind,
                    round(sum(values) / len(values), 3),
                    len(values),
                    balances.get(code),
                    degrees.get(code),
                )
            )
    for kind in sorted({p.kind for p in relation.points}):
        points = [p for p in relation.points if p.kind == kind]
        with_balance = [(p.value, p.balance) for p in points if p.balance is not None]
        with_degree = [(p.value, float(DEGREE_VALUE[p.degree])) for p in points if p.degree in DEGREE_VALUE]
        relation.correlations.append(_correlation(kind, "driver_balance", with_balance, min_points))
        relation.correlations.append(_correlation(kind, "degree", with_degree, min_points))
        means = {}
        for degree in DEGREE_VALUE:
            values = [p.value for p in points if p.degree == degree]
            if values:
                means[degree] = round(sum(values) / len(values), 3)
        relation.by_degree[kind] = means
    return relation
