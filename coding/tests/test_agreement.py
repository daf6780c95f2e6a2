"""The agreement statistics against published worked examples and independent implementations."""

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from coding.agreement import (
    ConflictingCodes,
    agreement_summary,
    cohen_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
    reliability_data,
)

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": four observers, twelve units,
# missing values marked None. Nominal alpha = 0.743.
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def rows_of(table: dict[str, list]) -> list[tuple]:
    return [(unit, coder, value) for coder, values in table.items() for unit, value in enumerate(values)]


def test_krippendorff_published_four_coder_example():
    data = reliability_data(rows_of(KRIPPENDORFF_2011))
    assert krippendorff_alpha_nominal(data) == pytest.approx(0.743, abs=0.0005)
    # unit 12 has a single value and is not pairable
    assert agreement_summary(data)["pairable_units"] == 11


def test_two_coder_textbook_kappa():
    # Cohen's kappa of the classic 2x2 table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> 0.4
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_perfect_and_undefined_agreement():
    data = reliability_data([(1, "a", "x"), (1, "b", "x"), (2, "a", "y"), (2, "b", "y")])
    assert krippendorff_alpha_nominal(data) == pytest.approx(1.0)
    assert percent_agreement(data) == 1.0
    same = reliability_data([(1, "a", "x"), (1, "b", "x"), (2, "a", "x"), (2, "b", "x")])
    assert krippendorff_alpha_nominal(same) is None
    assert cohen_kappa(["x", "x"], ["x", "x"]) is None
    assert krippendorff_alpha_nominal(reliability_data([(1, "a", "x")])) is None


def test_missing_rows_are_missing_values_and_conflicts_are_refused():
    data = reliability_data([(1, "a", "x"), (1, "b", ""), (2, "a", "y"), (2, "b", "y")])
    assert data == {1: {"a": "x"}, 2: {"a": "y", "b": "y"}}
    with pytest.raises(ConflictingCodes):
        reliability_data([(1, "a", "x"), (1, "a", "y")])


def test_pairwise_kappa_lists_every_pair_over_shared_units():
    summary = agreement_summary(reliability_data(rows_of(KRIPPENDORFF_2011)))
    pairs = {tuple(entry["coders"]): entry for entry in summary["cohen_kappa"]}
    assert set(pairs) == {("A", "B"), ("A", "C"), ("A", "D"), ("B", "C"), ("B", "D"), ("C", "D")}
    assert pairs[("A", "B")]["units"] == 9
    shared = [u for u in range(12) if KRIPPENDORFF_2011["A"][u] and KRIPPENDORFF_2011["B"][u]]
    expected = cohen_kappa_score(
        [KRIPPENDORFF_2011["A"][u] for u in shared], [KRIPPENDORFF_2011["B"][u] for u in shared]
    )
    assert pairs[("A", "B")]["kappa"] == pytest.approx(expected, abs=1e-4)


reliability_tables = st.integers(min_value=2, max_value=5).flatmap(
    lambda coders: st.lists(
        st.lists(
            st.one_of(st.none(), st.integers(min_value=1, max_value=4)), min_size=coders, max_size=coders
        ),
        min_size=2,
        max_size=25,
    )
)


@settings(max_examples=150, deadline=None)
@given(reliability_tables)
def test_alpha_matches_the_krippendorff_package(units):
    coders = len(units[0])
    table = {f"c{j}": [unit[j] for unit in units] for j in range(coders)}
    ours = krippendorff_alpha_nominal(reliability_data(rows_of(table)))
    matrix = np.array(
        [[np.nan if v is None else v for v in values] for values in table.values()], dtype=float
    )
    pairable = sum(sum(v is not None for v in unit) >= 2 for unit in units)
    values = {v for unit in units if sum(x is not None for x in unit) >= 2 for v in unit if v is not None}
    if pairable == 0 or len(values) < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.sampled_from("abc")),
        min_size=1,
        max_size=40,
    )
)
def test_kappa_matches_scikit_learn(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    ours = cohen_kappa(first, second)
    if ours is None:
        assert len(set(first) | set(second)) == 1
        return
    theirs = cohen_kappa_score(first, second)
    assert not math.isnan(theirs)
    assert ours == pytest.approx(theirs, abs=1e-9)
