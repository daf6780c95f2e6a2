"""The wording rules: the quantifier matches the count on each boundary, and phrasings are stable."""

import pytest
from django.utils import translation

from publishing.wording import Quantity, choose, join, quoted


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


@pytest.mark.parametrize(
    ("count", "total", "rule", "word"),
    [
        (0, 11, "none", "ingen steder"),
        (11, 11, "all", "samtlige steder"),
        (6, 11, "most", "de fleste steder"),
        (10, 11, "most", "de fleste steder"),
        (5, 10, "half", "halvdelen af stederne"),
        (4, 10, "under_half", "lidt under halvdelen af stederne"),
        (5, 11, "under_half", "lidt under halvdelen af stederne"),
        (4, 11, "several", "flere steder"),
        (3, 12, "several", "flere steder"),
        (3, 13, "some", "nogle steder"),
        (2, 11, "few", "enkelte steder"),
        (1, 11, "one", "et enkelt sted"),
        (2, 3, "most", "de fleste steder"),
        (1, 3, "one", "et enkelt sted"),
    ],
)
def test_quantifier_matches_the_count(count, total, rule, word):
    quantity = Quantity(count, total)
    assert quantity.rule == rule
    assert quantity.word == word


def test_phrases_carry_the_count():
    assert Quantity(9, 11).at == "på de fleste steder (9 af 11)"
    assert Quantity(9, 11).subject == "De fleste steder (9 af 11)"
    assert Quantity(9, 11).counted == "9 af 11 steder"
    assert Quantity(3, 3).at == "på samtlige 3 steder"
    assert Quantity(3, 3).counted == "alle 3 steder"
    assert Quantity(0, 4).counted == "ingen af de 4 steder"
    assert Quantity(1, 1).counted == "det ene sted"


def test_choose_is_stable_and_rotates_with_the_position():
    options = ["a", "b", "c"]
    assert choose("MG|competence", options) == choose("MG|competence", options)
    assert {choose("MG|competence", options, position) for position in range(3)} == set(options)
    assert len({choose(f"key{n}", options) for n in range(30)}) == 3


def test_danish_lists_and_quotes():
    assert join(["a"]) == "a"
    assert join(["a", "b"]) == "a og b"
    assert join(["a", "b", "c"]) == "a, b og c"
    assert quoted("“Det tager tid.”") == "»Det tager tid.«"
