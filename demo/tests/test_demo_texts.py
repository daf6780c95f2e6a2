"""The demo's sentence banks: every template fills, banks are varied, and the contract's keywords
(docs/demo-data.md) appear only in the signals that carry a profile attribute."""

import re

import pytest

from demo.texts import ATTRIBUTE_SIGNALS, SIGNALS
from demo.texts import report as T

CONTEXT = {
    "site": "Lærkebo",
    "programme": "Mentaliseringsguiden",
    "provider": "Center for Mentalisering",
    "element": "STORM-modellen",
    "tool": "Følelseskompasset",
    "staff": "Anne",
    "staff2": "Lars",
    "lead": "Mette",
    "manager": "forstander Jens",
    "youth": "Emil",
    "dept": "Villaen",
    "date": "den 3. maj 2019",
    "participants": "Anne og Lars",
    "size": 6,
    "aim": "skrive én praksisfortælling om ugen",
    "carrier": "Mette",
    "name": "Sofie",
    "speaker": "Anne",
    "quote": "Det tager tid.",
    "sites": "Lærkebo og Egely",
    "n": 1,
    "theme": "Ledelse",
    "article": "et",
    "owner": "selvejende",
    "noun": "opholdssted",
    "places": 12,
    "age_min": 12,
    "age_max": 18,
    "houses": "Hovedhuset og Villaen",
    "where": "på hver sin adresse",
}

# Stems an analysis may read per attribute, and the signals allowed to use them.
KEYWORDS = {
    "clear_goals": (
        r"(?<!\w)mål",
        {"goals_clear", "goals_clear_lead", "goals_unclear", "goals_unclear_lead"},
    ),
    "all_staff": (
        r"alle medarbejdere|hele personalegruppen|hele medarbejdergruppen|hele personalet|alle ansatte|a-hold|"
        r"b-hold|en del af medarbejderne|del af personalet|nogle af medarbejderne",
        {"staff_all", "staff_part"},
    ),
    "compatible_practice": (
        r"forenelig|passer med|passer til|passer godt|passer ikke|vores praksis|eksisterende praksis|"
        r"nuværende praksis|hidtidige praksis|praksis i forvejen|i tråd med|genkender",
        {"practice_fits", "practice_clash"},
    ),
}
# Stems read only among factors of some drivers (assessments missing): culture and leadership style.
DRIVER_KEYWORDS = {
    "culture": (
        r"(?<!\w)(samarbejd|tillid|lærende|kontrol|regelstyr|regler|konkurren|kultur)",
        {"organisation", "leadership"},
        {"culture_collaboration", "culture_control", "culture_competition", "culture_creative"},
    ),
    "leadership_style": (
        r"(?<!\w)(dialog|demokrati|indflydelse|medbestemmelse|inddrag|top-down|oppefra|autoritær|enerådig|"
        r"påtvunget|tvunget|laissez|ingen tydelig ledelse|ustruktur)",
        {"leadership"},
        {"style_democratic", "style_authoritarian", "style_laissez_faire"},
    ),
}
CONTRACT_PHRASES = {
    "goals_clear": ["klare mål", "målene er afklaret og delt"],
    "goals_clear_lead": ["klare mål", "målene er afklaret og delt"],
    "goals_unclear": ["uklare mål", "målene er ikke afklaret"],
    "goals_unclear_lead": ["uklare mål", "målene er ikke afklaret"],
    "staff_all": ["alle medarbejdere", "hele personalegruppen"],
    "staff_part": ["a-hold og b-hold", "kun en del af medarbejderne"],
    "practice_fits": ["passer med vores praksis", "forenelig"],
    "practice_clash": ["passer ikke med vores praksis", "ikke passer med vores praksis", "forenelig"],
}


def all_templates():
    for key, signal in SIGNALS.items():
        for text in signal["sentences"] + signal.get("quotes", []):
            yield key, text
    for name in (n for n in dir(T) if n.isupper()):
        value = getattr(T, name)
        items = value.values() if isinstance(value, dict) else [value] if isinstance(value, list) else []
        for item in items:
            for text in item if isinstance(item, list) else [item]:
                if isinstance(text, tuple):
                    yield name, text[0]
                    yield name, text[1]
                elif isinstance(text, str):
                    yield name, text


@pytest.mark.parametrize("where,template", list(all_templates()))
def test_every_template_fills(where, template):
    filled = template.format_map(CONTEXT)
    assert "{" not in filled and "}" not in filled and filled.strip()


def test_signals_are_coded_and_varied():
    drivers = {"competence", "organisation", "leadership"}
    attribute_keys = {key for sides in ATTRIBUTE_SIGNALS.values() for keys in sides.values() for key in keys}
    for key, signal in SIGNALS.items():
        assert signal["driver"] in drivers and signal["valence"] in ("promoter", "inhibitor")
        assert len(signal["sentences"]) >= (3 if key in attribute_keys else 2), key
        assert len(set(signal["sentences"])) == len(signal["sentences"])
    assert sum(len(s["sentences"]) for s in SIGNALS.values()) >= 150


def test_contract_phrases_in_every_variant():
    for key, phrases in CONTRACT_PHRASES.items():
        for sentence in SIGNALS[key]["sentences"]:
            assert any(p in sentence.lower() for p in phrases), sentence


@pytest.mark.parametrize("attribute", KEYWORDS)
def test_attribute_keywords_only_in_their_signals(attribute):
    pattern, allowed = KEYWORDS[attribute]
    for key, signal in SIGNALS.items():
        if key in allowed:
            continue
        for sentence in signal["sentences"]:
            assert not re.search(pattern, sentence.lower()), (key, sentence)


@pytest.mark.parametrize("attribute", DRIVER_KEYWORDS)
def test_style_and_culture_keywords_only_in_their_signals(attribute):
    pattern, drivers, allowed = DRIVER_KEYWORDS[attribute]
    for key, signal in SIGNALS.items():
        if key in allowed or signal["driver"] not in drivers:
            continue
        for sentence in signal["sentences"]:
            assert not re.search(pattern, sentence.lower()), (key, sentence)
