from django.template import Context, Template
from django.utils import translation

from analysis.computations.phrase import Number, Phrase
from analysis.phrases import render, rendered_config


def _evidence():
    return Phrase(
        "%(label)s i stedsvurderingerne: %(values)s", label=Phrase("Ledelsesstil"), values=["democratic"]
    )


def test_render_gives_the_active_language_with_its_decimal_sign():
    reason = Phrase(
        "scoren %(score)s ligger tæt på grænsen til %(degree)s (%(cut)s)",
        score=Number(0.645, 2),
        degree=Phrase("høj"),
        cut=Number(0.67, 2),
    )
    assert render(reason) == str(reason)
    with translation.override("en"):
        assert render(reason) == "the score 0.65 is close to the threshold for high (0.67)"
        assert render(_evidence()) == "Leadership style in the site assessments: democratic"
        assert render("fri tekst") == "fri tekst"


def test_plain_rewrites_only_the_values():
    with translation.override("en"):
        assert render(_evidence(), str.upper) == "Leadership style in the site assessments: DEMOCRATIC"


def test_the_filter_renders_a_sentence_or_a_list():
    template = Template('{% load phrases %}{{ one|rendered }} | {{ many|rendered|join:"; " }}')
    context = Context({"one": Phrase("Ingen ledere i teamet"), "many": [Phrase("høj"), Phrase("lav")]})
    with translation.override("en"):
        assert template.render(context) == "No managers in the team | high; low"


def test_the_default_rules_show_their_sentences_translated():
    with translation.override("en"):
        config = rendered_config({"a": {"label": Phrase("Uddannelse planlagt"), "stems": ["kursus"]}})
    assert config == {"a": {"label": "Training planned", "stems": ["kursus"]}}
