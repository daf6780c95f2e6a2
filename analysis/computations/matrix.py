"""The cross-case matrix (sites × drivers and × mechanisms) rated in the manner of CFIR's rules,
the drivers and mechanisms that distinguish the high group from the low group, and the
co-occurrence of codes within reports.

CFIR-style rating of a cell from its statements (config `matrix`):
- missing (None) when nothing was said;
- the sign is the valence of the dominant side; a side dominates when its share of the cell's
  promoters and inhibitors is at least `weak_share`, otherwise the cell is 0 (mixed);
- ±2 when the dominant share is at least `strong_share` and its statements come from at least
  `strong_min_sources` different visits or joint meetings, else ±1;
- neutral statements only (coded passages with valence neutral): 0.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations, compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

from analysis.computations.records import DRIVERS, AnalysisInput, MatrixConfirmation


class Statement(NamedTuple):
    """A statement behind a matrix cell (free text: show only to those who may read it)."""

    id: int
    date: datetime.date
    valence: str
    text: str
    source: str


@dataclass
class MatrixCell:
    """`rating` is what to show (the evaluator's confirmed rating when confirmed, else `proposed`)."""

    site: str
    code: str
    proposed: int | None
    promoters: int = 0
    inhibitors: int = 0
    neutral: int = 0
    sources: int = 0
    statements: list[Statement] = field(default_factory=list)
    confirmation: MatrixConfirmation | None = None

    @property
    def rating(self) -> int | None:
        return self.confirmation.rating if self.confirmation else self.proposed

    @property
    def confirmed(self) -> bool:
        return self.confirmation is not None


@dataclass
class CrossCaseMatrix:
    """`cells[site][code]`; `codes` are the columns (drivers or mechanisms) in codebook order."""

    kind: str
    codes: list[str]
    sites: list[str]
    cells: dict[str, dict[str, MatrixCell]]

    def rating(self, site: str, code: str) -> int | None:
        return self.cells[site][code].rating


@dataclass(frozen=True)
class Distinction:
    """How a driver or mechanism separates the high group from the low group.

    `strength`: "strong", "weak" or "none"; the means are over rated (non-missing) cells and the
    counts say how many sites in each group rated positive, negative, zero or missing.
    """

    code: str
    strength: str
    high_mean: float | None
    low_mean: float | None
    high_counts: dict
    low_counts: dict


@dataclass
class CoOccurrence:
    """`pairs[(a, b)]` = number of reports in which codes a and b both occur; `totals[a]` = reports with a."""

    codes: list[str]
    totals: dict[str, int]
    pairs: dict[tuple[str, str], int]


def rate_cell(promoters: int, inhibitors: int, dominant_sources: int, neutral: int, rule: dict) -> int | None:
    if promoters + inhibitors == 0:
        return 0 if neutral else None
    dominant = max(promoters, inhibitors)
    share = dominant / (promoters + inhibitors)
    if promoters == inhibitors or share < rule["weak_share"]:
        return 0
    sign = 1 if promoters > inhibitors else -1
    strong = share >= rule["strong_share"] and dominant_sources >= rule["strong_min_sources"]
    return sign * (2 if strong else 1)


Buckets = dict[str, dict[str, dict[str, list[Statement]]]]
_VALENCE, _SOURCE = itemgetter(2), itemgetter(4)
_new = tuple.__new__
# One object per valence, so that the cells count their statements' valences by identity.
_FACTOR_VALENCES = {"promoter": "promoter", "inhibitor": "inhibitor"}
_PASSAGE_VALENCES = {**_FACTOR_VALENCES, "neutral": "neutral"}


def coded_statements(data: AnalysisInput) -> Buckets:
    """Factors and coded passages with a site, a code and a valence, as matrix statements in one
    pass: `buckets["driver"][site][driver]` and `buckets["mechanism"][site][mechanism]` (keyed per
    site, then per code: two lookups by text are cheaper than a (site, code) key per record).
    Statements are made with `tuple.__new__` (the NamedTuple's own constructor is a Python call)
    and each report's or meeting's source text once, looked up by the report id (or, without a
    report, the meeting id) rather than by an (id, id) key built per record; the valence is the
    shared object from `_FACTOR_VALENCES`/`_PASSAGE_VALENCES`, not the record's own copy."""
    by_driver: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    by_mechanism: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    reports: dict[int, str] = {}
    meetings: dict[int | None, str] = {}
    kinds = (
        (data.factors, _FACTOR_VALENCES.get, attrgetter("statement")),
        (data.passages, _PASSAGE_VALENCES.get, attrgetter("text")),
    )
    for records, valence_of, text_of in kinds:
        for record, text in zip(records, map(text_of, records), strict=True):
            valence = valence_of(record.valence)
            if valence and record.site and record.driver:
                report = record.report_id
                if report is not None:
                    source = reports.get(report) or reports.setdefault(report, f"report:{report}")
                else:
                    meeting = record.meeting_id
                    source = meetings.get(meeting) or meetings.setdefault(meeting, f"meeting:{meeting}")
                statement = _new(Statement, (record.id, record.date, valence, text, source))
                by_driver[record.site][record.driver].append(statement)
                if record.mechanism:
                    by_mechanism[record.site][record.mechanism].append(statement)
    return {"driver": by_driver, "mechanism": by_mechanism}


def _cell(site: str, code: str, statements: list[Statement], rule: dict, confirmation) -> MatrixCell:
    """The sources behind the dominant side are counted only when `rate_cell` reads them (a
    dominant share of at least `strong_share`), and then from the valences already listed."""
    valences = list(map(_VALENCE, statements))
    promoters, inhibitors = valences.count("promoter"), valences.count("inhibitor")
    neutral = len(statements) - promoters - inhibitors
    sources = list(map(_SOURCE, statements))
    distinct_sources = len(set(sources))
    dominant_sources = 0
    larger = max(promoters, inhibitors)
    if promoters != inhibitors and larger / (promoters + inhibitors) >= rule["strong_share"]:
        dominant = "promoter" if promoters > inhibitors else "inhibitor"
        if valences.count(dominant) == len(valences):
            dominant_sources = distinct_sources
        else:
            dominant_sources = len(set(compress(sources, map(dominant.__eq__, valences))))
    return MatrixCell(  # positionally: site, code, proposed, promoters, inhibitors, neutral, sources, ...
        site,
        code,
        rate_cell(promoters, inhibitors, dominant_sources, neutral, rule),
        promoters,
        inhibitors,
        neutral,
        distinct_sources,
        statements,
        confirmation,
    )


def cross_case_matrix(
    data: AnalysisInput,
    kind: str,
    rule: dict,
    confirmations: list[MatrixConfirmation] | None = None,
    statements: Buckets | None = None,
) -> CrossCaseMatrix:
    """`kind` "driver" or "mechanism"; factors and coded passages (with a valence) are the
    statements (`statements` from coded_statements(data) may be passed to share them)."""
    codes = list(DRIVERS) if kind == "driver" else [key for key, _ in data.mechanisms()]
    site_codes = [site.code for site in data.sites]
    buckets = (statements if statements is not None else coded_statements(data))[kind]
    confirmed = {(c.site, c.code): c for c in confirmations or []}
    cells: dict[str, dict[str, MatrixCell]] = {}
    for site in site_codes:
        cells[site] = row = {}
        found = buckets.get(site, {})
        for code in codes:
            statements = found.get(code)
            confirmation = confirmed.get((site, code)) if confirmed else None
            if statements:
                row[code] = _cell(site, code, sorted(statements), rule, confirmation)
            else:  # nothing said: missing, whatever the rule
                row[code] = MatrixCell(site, code, None, 0, 0, 0, 0, [], confirmation)
    return CrossCaseMatrix(kind=kind, codes=codes, sites=site_codes, cells=cells)


def _group_counts(ratings: list[int | None]) -> dict:
    return {
        "sites": len(ratings),
        "positive": sum(1 for r in ratings if r is not None and r > 0),
        "zero": sum(1 for r in ratings if r == 0),
        "negative": sum(1 for r in ratings if r is not None and r < 0),
        "missing": sum(1 for r in ratings if r is None),
    }


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def distinguishing(matrix: CrossCaseMatrix, degrees: dict[str, str | None], rule: dict) -> list[Distinction]:
    """Compare the high group with the low group cell by cell (CFIR's distinguishing constructs).

    Strong: the mean ratings differ by at least `distinguish_strong`; weak: by at least
    `distinguish_weak`. Without rated sites in both groups the strength is "none".
    """
    high = [site for site in matrix.sites if degrees.get(site) == "high"]
    low = [site for site in matrix.sites if degrees.get(site) == "low"]
    result = []
    for code in matrix.codes:
        high_ratings = [matrix.rating(site, code) for site in high]
        low_ratings = [matrix.rating(site, code) for site in low]
        high_mean = _mean([r for r in high_ratings if r is not None])
        low_mean = _mean([r for r in low_ratings if r is not None])
        strength = "none"
        if high_mean is not None and low_mean is not None:
            difference = high_mean - low_mean
            if difference >= rule["distinguish_strong"]:
                strength = "strong"
            elif difference >= rule["distinguish_weak"]:
                strength = "weak"
        result.append(
            Distinction(
                code, strength, high_mean, low_mean, _group_counts(high_ratings), _group_counts(low_ratings)
            )
        )
    return result


def _first_report(mask: int) -> int:
    """The index of the first report in a mask of `co_occurrence` (a byte per report)."""
    return ((mask & -mask).bit_length() - 1) >> 3


def _report_counts(masks: dict[str, int]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """How many reports hold each code and each pair of codes (a < b), from a mask per code, in
    the order a count report by report (codes sorted) would first meet them: by first report,
    then by code. A pair's reports are the set bits of one `&`: a few hundred big-number
    operations instead of a tuple per pair in every report."""
    masks = dict(sorted(masks.items()))
    firsts = sorted((_first_report(mask), code) for code, mask in masks.items())
    totals = {code: masks[code].bit_count() for _, code in firsts}
    found = []
    for (a, mask_a), (b, mask_b) in combinations(masks.items(), 2):
        both = mask_a & mask_b
        if both:
            found.append((_first_report(both), a, b, both.bit_count()))
    found.sort()
    return totals, {(a, b): count for _, a, b, count in found}


def co_occurrence(data: AnalysisInput) -> CoOccurrence:
    """Codes (mechanisms, or the driver where no mechanism was coded, and attention points as
    'ap<n>') that occur together in the same report, from factors and coded passages.

    Reports are numbered in the order their first code is met; each code gets a byte per report
    (1 where the report holds it), read as one big number per code by `_report_counts`. Records
    of one report usually follow each other, so the number is looked up when the report changes;
    attention points are kept by number and named once at the end."""
    size = len(data.factors) + len(data.passages)
    positions: dict[int, int] = {}
    flags: dict[str, bytearray] = defaultdict(lambda: bytearray(size))
    points: dict[int, bytearray] = defaultdict(lambda: bytearray(size))
    report, index = None, 0
    for factor in data.factors:
        code = factor.mechanism or factor.driver
        if code and factor.report_id is not None:
            if factor.report_id != report:
                report = factor.report_id
                index = positions.setdefault(report, len(positions))
            flags[code][index] = 1
    for passage in data.passages:
        if passage.report_id is None:
            continue
        code = passage.mechanism or passage.driver
        point = passage.attention_point
        if code or point is not None:
            if passage.report_id != report:
                report = passage.report_id
                index = positions.setdefault(report, len(positions))
            if code:
                flags[code][index] = 1
            if point is not None:
                points[point][index] = 1
    masks = {code: int.from_bytes(row, "little") for code, row in flags.items()}
    for point, row in points.items():
        masks[f"ap{point}"] = masks.get(f"ap{point}", 0) | int.from_bytes(row, "little")
    totals, pairs = _report_counts(masks)
    known = [*DRIVERS, *(key for key, _ in data.mechanisms())]
    known += [f"ap{c.number}" for c in data.attention_points()]
    codes = [code for code in known if code in totals] + sorted(set(totals) - set(known))
    return CoOccurrence(codes=codes, totals=totals, pairs=pairs)
