"""The demo's fictional names and sentence banks, kept as data files in demo/data/.

- `names` (names.json): sites, staff, young people, consultants and addresses.
- `report` (texts_report.json): openings, phase activities, the team, anchoring, trial actions and
  their follow-up, joint-meeting minutes and evaluator notes. Placeholders as in the signals, plus
  {date}, {participants}, {size}, {aim} (a trial action's aim, infinitive without "at"), {carrier}.
- the signals (texts_factors.json): each is one kind of promoter or inhibitor the evaluation describes
  (DESIGN.md 1b), with its coding (driver, mechanism, valence), the report theme where consultants
  usually write about it, the attention point it shows work on (for promoters), and many sentence
  variants written for this project. Placeholders: {site} short name, {programme}, {provider},
  {element}, {tool}, {staff}, {staff2}, {lead}, {manager}, {youth}, {dept}. The signals tied to a
  hidden profile attribute (docs/demo-data.md) carry the contract's keywords; no other signal may use
  them (demo/tests/test_demo_texts.py checks that).

JSON has no tuples and only string keys: this module gives back the tuples and the int and bool keys
the generator indexes with, so the generated data are the same as when the texts were Python.
"""

import json
from pathlib import Path
from types import SimpleNamespace

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _bool_keys(mapping: dict) -> dict:
    return {key == "true": value for key, value in mapping.items()}


def _names() -> SimpleNamespace:
    data = _load("names")
    data["CONSULTANTS"] = [tuple(consultant) for consultant in data["CONSULTANTS"]]
    return SimpleNamespace(**data)


def _report() -> SimpleNamespace:
    data = _load("texts_report")
    data["ANCHORING"] = {int(rating): texts for rating, texts in data["ANCHORING"].items()}
    data["SITE_KINDS"] = {kind: tuple(words) for kind, words in data["SITE_KINDS"].items()}
    data["TRIAL_ACTIONS"] = {
        driver: [tuple(action) for action in actions] for driver, actions in data["TRIAL_ACTIONS"].items()
    }
    return SimpleNamespace(**data)


names = _names()
report = _report()

_factors = _load("texts_factors")
SIGNALS: dict[str, dict] = _factors["SIGNALS"]
# Which signals express each profile attribute, as (promoter signal, inhibitor signal) pairs.
ATTRIBUTE_SIGNALS: dict[str, dict[bool, list[str]]] = {
    attribute: _bool_keys(signals) for attribute, signals in _factors["ATTRIBUTE_SIGNALS"].items()
}
STYLE_SIGNALS: dict[str, str] = _factors["STYLE_SIGNALS"]
CULTURE_SIGNALS: dict[str, str] = _factors["CULTURE_SIGNALS"]
# Leadership factors whose valence follows management backing.
BACKING_SIGNALS: dict[bool, list[str]] = _bool_keys(_factors["BACKING_SIGNALS"])
# Competence and organisation factors whose valence follows the site's overall promoter share.
GENERAL_SIGNALS: dict[str, list[str]] = _factors["GENERAL_SIGNALS"]
EVENT_SIGNALS: dict[str, str] = _factors["EVENT_SIGNALS"]
# Signals that show work on each attention point (used to plant the points a site worked with).
ATTENTION_POINT_SIGNALS: dict[str, list[str]] = {}
for _key, _signal in SIGNALS.items():
    if _signal.get("attention_point"):
        ATTENTION_POINT_SIGNALS.setdefault(_signal["attention_point"], []).append(_key)
