import random
from collections import Counter, defaultdict
from itertools import combinations

from analysis.computations.config import DEFAULT_MATRIX_RULE
from analysis.computations.matrix import co_occurrence, cross_case_matrix, distinguishing, rate_cell
from analysis.computations.records import FactorRecord, MatrixConfirmation, PassageRecord
from analysis.tests.computations.builders import MECHANISMS, D, data, factor, site

RULE = DEFAULT_MATRIX_RULE


def test_rate_cell_follows_cfir_rules():
    assert rate_cell(0, 0, 0, 0, RULE) is None
    assert rate_cell(0, 0, 0, 2, RULE) == 0
    assert rate_cell(3, 0, 2, 0, RULE) == 2
    assert rate_cell(3, 0, 1, 0, RULE) == 1  # explicit but from one source only
    assert rate_cell(2, 2, 2, 0, RULE) == 0  # mixed
    assert rate_cell(3, 2, 2, 0, RULE) == 1  # 60 % promoters: weak
    assert rate_cell(0, 4, 3, 0, RULE) == -2
    assert rate_cell(1, 3, 2, 0, RULE) == -2
    assert rate_cell(1, 2, 2, 0, RULE) == -1


def test_matrix_cells_keep_statements_and_confirmations():
    factors = [
        factor("A", "promoter", "Sparring i teamet", D(2018, 3, 1), "competence", "coaching", report_id=1),
        factor("A", "promoter", "Supervision virker", D(2018, 9, 1), "competence", "coaching", report_id=2),
        factor("A", "inhibitor", "Ledelsen er fraværende", D(2018, 9, 1), "leadership", report_id=2),
        factor("B", "promoter", "Studiegruppe", D(2018, 3, 1), "competence", "training", report_id=3),
        factor("B", "inhibitor", "Travl drift", D(2018, 3, 1), "competence", "training", report_id=3),
    ]
    confirmation = MatrixConfirmation("B", "competence", -1, "Driften fylder mest", proposed=0)
    matrix = cross_case_matrix(
        data(sites=[site("A"), site("B")], factors=factors), "driver", RULE, [confirmation]
    )
    assert matrix.rating("A", "competence") == 2
    assert matrix.rating("A", "leadership") == -1
    assert matrix.rating("A", "organisation") is None
    assert [s.text for s in matrix.cells["A"]["competence"].statements] == [
        "Sparring i teamet",
        "Supervision virker",
    ]
    cell = matrix.cells["B"]["competence"]
    assert (cell.proposed, cell.rating, cell.confirmed) == (0, -1, True)
    mechanisms = cross_case_matrix(data(sites=[site("A"), site("B")], factors=factors), "mechanism", RULE)
    assert mechanisms.rating("A", "coaching") == 2
    assert mechanisms.rating("B", "training") == 0
    assert mechanisms.rating("A", "training") is None


def test_neutral_passages_make_a_zero_cell():
    passage = PassageRecord(1, "A", D(2018, 3, 1), "Beskrivelse", "organisation", "", "neutral", report_id=1)
    matrix = cross_case_matrix(data(sites=[site("A")], passages=[passage]), "driver", RULE)
    assert matrix.rating("A", "organisation") == 0


def test_distinguishing_strong_weak_and_none():
    factors = []
    for code, valence in (("H1", "promoter"), ("H2", "promoter"), ("L1", "inhibitor"), ("L2", "inhibitor")):
        for report in (1, 2):
            factors.append(
                factor(code, valence, "x", D(2018, 3, report), "leadership", report_id=hash((code, report)))
            )
    factors.append(factor("H1", "promoter", "x", D(2018, 3, 1), "competence", report_id=1))
    factors.append(factor("L1", "inhibitor", "x", D(2018, 3, 1), "competence", report_id=9))
    factors.append(factor("L1", "promoter", "y", D(2018, 3, 1), "competence", report_id=9))
    sites = [site(c) for c in ("H1", "H2", "L1", "L2")]
    matrix = cross_case_matrix(data(sites=sites, factors=factors), "driver", RULE)
    degrees = {"H1": "high", "H2": "high", "L1": "low", "L2": "low"}
    result = {d.code: d for d in distinguishing(matrix, degrees, RULE)}
    assert result["leadership"].strength == "strong"
    assert (result["leadership"].high_mean, result["leadership"].low_mean) == (2.0, -2.0)
    assert result["leadership"].high_counts == {
        "sites": 2,
        "positive": 2,
        "zero": 0,
        "negative": 0,
        "missing": 0,
    }
    assert result["competence"].strength == "weak"  # +1 against 0 (mixed), one site missing in each group
    assert result["competence"].low_counts["missing"] == 1
    assert result["organisation"].strength == "none"


def test_co_occurrence_within_reports():
    factors = [
        factor("A", "promoter", "x", D(2018, 3, 1), "competence", "coaching", report_id=1),
        factor("A", "inhibitor", "x", D(2018, 3, 1), "leadership", "technical_leadership", report_id=1),
        factor("A", "promoter", "x", D(2018, 6, 1), "competence", "coaching", report_id=2),
    ]
    passages = [PassageRecord(1, "A", D(2018, 6, 1), "t", "", "", "", attention_point=4, report_id=2)]
    result = co_occurrence(data(sites=[site("A")], factors=factors, passages=passages))
    assert result.totals == {"coaching": 2, "technical_leadership": 1, "ap4": 1}
    assert result.pairs == {("coaching", "technical_leadership"): 1, ("ap4", "coaching"): 1}
    assert result.codes == ["coaching", "technical_leadership", "ap4"]


def _random_input(seed: int):
    """Factors and passages with clashing ids, reports out of order, missing codes, sites and
    valences, meetings and attention points: the cases the fast paths must agree on."""
    rng = random.Random(seed)
    sites = ["A", "B", "C"]
    mechanisms = [key for key, _ in MECHANISMS]
    factors = [
        FactorRecord(
            rng.randint(1, 30),
            rng.choice([*sites, ""]),
            rng.choice(["promoter", "inhibitor", "other"]),
            rng.choice(["x", "y"]),
            D(2018, rng.randint(1, 3), 1),
            rng.choice(["competence", "organisation", "leadership", ""]),
            rng.choice([*mechanisms, ""]),
            report_id=rng.choice([1, 2, 3, 4, None]),
            meeting_id=rng.choice([7, 8]),
        )
        for _ in range(rng.randint(0, 60))
    ]
    passages = [
        PassageRecord(
            rng.randint(1, 30),
            rng.choice([*sites, ""]),
            D(2018, rng.randint(1, 3), 1),
            rng.choice(["x", "z"]),
            rng.choice(["competence", "leadership", ""]),
            rng.choice([*mechanisms, ""]),
            rng.choice(["promoter", "inhibitor", "neutral", ""]),
            attention_point=rng.choice([None, 1, 4, 10]),
            report_id=rng.choice([2, 3, 5, None]),
            meeting_id=rng.choice([7, None]),
        )
        for _ in range(rng.randint(0, 60))
    ]
    confirmations = [MatrixConfirmation("A", "competence", 1, "", proposed=0)] if seed % 2 else []
    return data(sites=[site(code) for code in sites], factors=factors, passages=passages), confirmations


def _plain_cells(records, kind: str, site_codes, codes, rule, confirmations) -> dict:
    """The matrix by its definition: every cell's statements sorted, counted and rated."""
    found = defaultdict(list)
    for record in records:
        text = record.statement if isinstance(record, FactorRecord) else record.text
        valences = (
            ("promoter", "inhibitor")
            if isinstance(record, FactorRecord)
            else ("promoter", "inhibitor", "neutral")
        )
        code = record.driver if kind == "driver" else record.mechanism
        if record.site and record.driver and code and record.valence in valences:
            source = (
                f"report:{record.report_id}"
                if record.report_id is not None
                else f"meeting:{record.meeting_id}"
            )
            found[record.site, code].append((record.id, record.date, record.valence, text, source))
    confirmed = {(c.site, c.code): c for c in confirmations}
    cells = {}
    for site_code in site_codes:
        for code in codes:
            statements = sorted(found[site_code, code])
            valences = Counter(s[2] for s in statements)
            dominant = "promoter" if valences["promoter"] >= valences["inhibitor"] else "inhibitor"
            dominant_sources = len({s[4] for s in statements if s[2] == dominant})
            proposed = rate_cell(
                valences["promoter"], valences["inhibitor"], dominant_sources, valences["neutral"], rule
            )
            cells[site_code, code] = (
                proposed,
                valences["promoter"],
                valences["inhibitor"],
                valences["neutral"],
                len({s[4] for s in statements}),
                statements,
                confirmed.get((site_code, code)),
            )
    return cells


def test_matrix_cells_agree_with_the_plain_definition():
    for seed in range(60):
        analysis_input, confirmations = _random_input(seed)
        rule = {
            **RULE,
            "strong_share": random.Random(seed).choice([0.5, 0.75, 1.0]),
            "strong_min_sources": 1 + seed % 3,
        }
        for kind in ("driver", "mechanism"):
            matrix = cross_case_matrix(analysis_input, kind, rule, confirmations)
            cells = {
                (site_code, code): (
                    c.proposed,
                    c.promoters,
                    c.inhibitors,
                    c.neutral,
                    c.sources,
                    [tuple(s) for s in c.statements],
                    c.confirmation,
                )
                for site_code, row in matrix.cells.items()
                for code, c in row.items()
            }
            records = [*analysis_input.factors, *analysis_input.passages]
            assert cells == _plain_cells(records, kind, matrix.sites, matrix.codes, rule, confirmations), (
                seed,
                kind,
            )


def test_co_occurrence_agrees_with_a_count_report_by_report():
    for seed in range(60):
        analysis_input, _ = _random_input(seed)
        per_report = defaultdict(set)
        for record in [*analysis_input.factors, *analysis_input.passages]:
            if record.report_id is not None and (record.mechanism or record.driver):
                per_report[record.report_id].add(record.mechanism or record.driver)
            if getattr(record, "attention_point", None) is not None and record.report_id is not None:
                per_report[record.report_id].add(f"ap{record.attention_point}")
        totals, pairs = Counter(), Counter()
        for codes in per_report.values():
            totals.update(sorted(codes))
            pairs.update(combinations(sorted(codes), 2))
        result = co_occurrence(analysis_input)
        assert list(result.totals.items()) == list(totals.items()), seed
        assert list(result.pairs.items()) == list(pairs.items()), seed
