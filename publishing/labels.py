"""Labels in the active language for the analysis's keys (drivers, phases, degrees, outcomes, ...).

Domain choices reuse the models' TextChoices labels (Danish msgids, English through the catalogue);
codebook entries use `label_da` or `name_en` from the codebook itself.
"""

import re
from dataclasses import dataclass

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from codebook.models import Code
from fieldwork.models import CultureType, EventKind, LeadershipStyle, Phase, TrialOutcome

DEGREE_LABELS = {
    "high": gettext_lazy("I høj grad"),
    "some": gettext_lazy("I nogen grad"),
    "low": gettext_lazy("I lav grad eller ikke"),
    "unclassified": gettext_lazy("Ikke klassificeret"),
}
STRENGTH_LABELS = {
    "strong": gettext_lazy("Stærkt"),
    "weak": gettext_lazy("Svagt"),
    "none": gettext_lazy("Ikke"),
}
SOURCE_LABELS = {
    "team_members": gettext_lazy("teammedlemmer"),
    "factors": gettext_lazy("fremmere og hæmmere"),
    "site_assessments": gettext_lazy("stedsvurderinger"),
    "reports": gettext_lazy("rapporter"),
    "visits": gettext_lazy("besøg"),
    "trial_actions": gettext_lazy("prøvehandlinger"),
    "passages": gettext_lazy("kodede passager"),
    "site_assessments+passages": gettext_lazy("stedsvurderinger og kodede passager"),
}
CRITERION_LABELS = {
    "clear_goals": gettext_lazy("Klare mål fra starten"),
    "team_with_management": gettext_lazy("Team med ledere og medarbejdere fra starten"),
    "team_persists": gettext_lazy("Teamet består"),
    "all_staff": gettext_lazy("Alle medarbejdere deltager"),
    "management_backing": gettext_lazy("Ledelsens opbakning"),
    "compatible_practice": gettext_lazy("Praksis forenelig med programmet"),
    "collaboration_culture": gettext_lazy("Samarbejdsorienteret kultur"),
    "democratic_leadership": gettext_lazy("Demokratisk ledelse"),
    "rising_anchoring": gettext_lazy("Stigende forankring"),
    "phase_progress": gettext_lazy("Fremdrift i faserne"),
    "steady_progress": gettext_lazy("Kommer videre efter tilbagefald"),
    "anchoring": gettext_lazy("Forankring"),
    "driver_balance": gettext_lazy("Flere fremmere end hæmmere i hver driver"),
    "trial_follow_through": gettext_lazy("Prøvehandlinger fulgt op og gennemført"),
    "promoter_share": gettext_lazy("Andel fremmere"),
    "attention_points": gettext_lazy("Opmærksomhedspunkter arbejdet med"),
}


def degree(key: str | None) -> str:
    return str(DEGREE_LABELS[key or "unclassified"])


def phase(key: str | None) -> str:

    return str(Phase(key).label) if key else "–"


def phases() -> list[str]:

    return [str(item.label) for item in Phase]


def event_kind(key: str) -> str:

    return str(EventKind(key).label) if key in EventKind.values else key


def readable(text: str) -> str:
    """Text from the analysis (a criterion's evidence, a provisional classification's reasons) with any
    phase, outcome, leadership-style, culture or criterion key replaced by its label, so no internal
    value reaches the reader."""
    words = {}
    for choices in (Phase, TrialOutcome, LeadershipStyle, CultureType):
        words.update(
            {
                str(value): str(label).lower()
                for value, label in zip(choices.values, choices.labels, strict=True)
            }
        )
    words.update({key: f"»{label}«" for key, label in CRITERION_LABELS.items()})
    if not text or not words:
        return text
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(key) for key in sorted(words, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return pattern.sub(lambda match: words[match.group(1)], text)


def criterion(key: str) -> str:
    return str(CRITERION_LABELS.get(key, key))


def source(key: str) -> str:
    return str(SOURCE_LABELS.get(key, key))


def choice(model_choices, key: str) -> str:
    return str(model_choices(key).label) if key in model_choices.values else key


def rating(value: int | None) -> str:
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


@dataclass(frozen=True)
class CodeText:
    kind: str
    key: str
    number: int | None
    parent: str
    label_da: str
    name_en: str
    description_da: str
    description_en: str


class Codebook:
    """The drivers, mechanisms and attention points of the codebook, labelled in the active language."""

    def __init__(self, codes: list[CodeText]):
        self.codes = {(code.kind, code.key): code for code in codes}
        self.points = sorted(
            (code for code in codes if code.kind == "attention_point"), key=lambda c: c.number or 0
        )
        self.mechanisms = [code for code in codes if code.kind == "mechanism"]

    @classmethod
    def load(cls) -> "Codebook":

        rows = Code.objects.filter(kind__in=("driver", "mechanism", "attention_point")).values_list(
            "kind", "key", "number", "parent__key", "label_da", "name_en", "description_da", "description_en"
        )
        return cls(
            [CodeText(kind, key, number, parent or "", *texts) for kind, key, number, parent, *texts in rows]
        )

    def label(self, kind: str, key: str) -> str:
        code = self.codes.get((kind, key))
        if code is None:
            return key or _("Ikke kodet")
        return code.name_en if get_language() == "en" and code.name_en else code.label_da

    def driver(self, key: str) -> str:
        return self.label("driver", key)

    def mechanism(self, key: str) -> str:
        return self.label("mechanism", key)

    def point(self, number: int) -> CodeText | None:
        return next((code for code in self.points if code.number == number), None)

    def point_label(self, number: int) -> str:
        code = self.point(number)
        return self.label("attention_point", code.key) if code else str(number)

    def point_advice(self, number: int) -> str:
        """The attention point's description from the codebook, English where the codebook has it."""
        code = self.point(number)
        if code is None:
            return ""
        return code.description_en if get_language() == "en" and code.description_en else code.description_da

    def mechanisms_of(self, driver: str) -> list[str]:
        return [code.key for code in self.mechanisms if code.parent == driver]
