from analysis.computations.config import DEFAULT_MATRIX_RULE
from analysis.computations.matrix import co_occurrence, cross_case_matrix, distinguishing, rate_cell
from analysis.computations.records import MatrixConfirmation, PassageRecord
from analysis.tests.computations.builders import D, data, factor, site

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
