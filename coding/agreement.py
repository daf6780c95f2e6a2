"""Agreement between coders: Krippendorff's alpha (nominal), percent agreement, Cohen's kappa.

Pure functions over plain data; no Django. Reliability data are {unit: {coder: code}}: a coder
without a code for a unit is a missing value. Figures that are undefined (fewer than two pairable
values, or no variation at all, so chance agreement is 1) are None.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from itertools import combinations

ReliabilityData = dict[Hashable, dict[Hashable, Hashable]]


class ConflictingCodes(ValueError):
    """One coder gave one unit two different codes."""


def reliability_data(rows: Iterable[tuple[Hashable, Hashable, Hashable]]) -> ReliabilityData:
    """(unit, coder, code) triples to {unit: {coder: code}}; empty codes are missing values."""
    data: ReliabilityData = defaultdict(dict)
    for unit, coder, code in rows:
        if code is None or code == "":
            continue
        previous = data[unit].get(coder)
        if previous is not None and previous != code:
            raise ConflictingCodes(f"Koder {coder} har givet enhed {unit} to koder: {previous} og {code}.")
        data[unit][coder] = code
    return dict(data)


def coincidences(data: ReliabilityData) -> Counter:
    """Krippendorff's coincidence matrix o[c, k]: each pairable unit weighs 1 / (m_u - 1)."""
    matrix: Counter = Counter()
    for values in data.values():
        codes = list(values.values())
        m = len(codes)
        if m < 2:
            continue
        for i, c in enumerate(codes):
            for j, k in enumerate(codes):
                if i != j:
                    matrix[(c, k)] += 1 / (m - 1)
    return matrix


def krippendorff_alpha_nominal(data: ReliabilityData) -> float | None:
    """alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k (Krippendorff 2011)."""
    matrix = coincidences(data)
    marginals: Counter = Counter()
    for (c, _k), weight in matrix.items():
        marginals[c] += weight
    n = sum(marginals.values())
    if n <= 1:
        return None
    observed = sum(w for (c, k), w in matrix.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def percent_agreement(data: ReliabilityData) -> float | None:
    """The share of agreeing pairs among all pairs of codes given to the same unit by two coders."""
    agreeing = pairs = 0
    for values in data.values():
        for a, b in combinations(values.values(), 2):
            pairs += 1
            agreeing += a == b
    return agreeing / pairs if pairs else None


def cohen_kappa(first: list[Hashable], second: list[Hashable]) -> float | None:
    """Cohen's kappa for two coders' codes of the same units (paired lists)."""
    if len(first) != len(second):
        raise ValueError("Cohens kappa kræver lige mange koder fra de to kodere.")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def pairwise_kappa(data: ReliabilityData) -> list[dict]:
    """Cohen's kappa for every pair of coders, over the units both coded."""
    coders = sorted({coder for values in data.values() for coder in values}, key=str)
    result = []
    for a, b in combinations(coders, 2):
        shared = [values for values in data.values() if a in values and b in values]
        kappa = cohen_kappa([v[a] for v in shared], [v[b] for v in shared])
        result.append({"coders": [a, b], "kappa": _round(kappa), "units": len(shared)})
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def agreement_summary(data: ReliabilityData) -> dict:
    """The figures the `agreement` command and the round pages show."""
    coders = sorted({coder for values in data.values() for coder in values}, key=str)
    return {
        "units": len(data),
        "pairable_units": sum(len(values) >= 2 for values in data.values()),
        "coders": coders,
        "krippendorff_alpha": _round(krippendorff_alpha_nominal(data)),
        "percent_agreement": _round(percent_agreement(data)),
        "cohen_kappa": pairwise_kappa(data),
    }
