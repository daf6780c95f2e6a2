import copy
import json
import pickle

from analysis.computations.phrase import Number, Phrase, danish


def _reason():
    return Phrase(
        "scoren %(score)s ligger tæt på grænsen til %(degree)s (%(cut)s)",
        score=Number(0.645, 2),
        degree=Phrase("høj"),
        cut=Number(2 / 3, 2),
    )


def test_a_phrase_is_its_danish_text():
    assert _reason() == "scoren 0,65 ligger tæt på grænsen til høj (0,67)"
    assert Phrase("Fremmere/hæmmere pr. driver: %(parts)s", parts=["ledelse 2/1", "kompetence 1/0"]) == (
        "Fremmere/hæmmere pr. driver: ledelse 2/1, kompetence 1/0"
    )
    assert json.dumps(Phrase("Ingen ledere i teamet")) == '"Ingen ledere i teamet"'


def test_a_phrase_keeps_its_template_through_pickle_and_copy():
    for copied in (pickle.loads(pickle.dumps(_reason())), copy.deepcopy(_reason())):
        assert isinstance(copied, Phrase) and copied == _reason()
        assert copied.template == _reason().template and copied.params == _reason().params


def test_every_kind_of_value_is_written_as_danish_writes_it():
    values = [3, 0.5, True, None, Number(1 / 3, 2), Phrase("høj"), ("a", 2), ["b", Number(0.25, 1)], {"x": 1}]
    for value in values:
        assert Phrase("%(value)s.", value=value) == f"{danish(value)}.", value
