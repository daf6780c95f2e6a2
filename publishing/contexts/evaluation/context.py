"""What every chapter of the evaluation report reads: the analysis results, the evidence behind the
prose, the codebook's labels, and the one quote ledger of the build."""

from dataclasses import dataclass, field

from django.utils.formats import localize
from django.utils.translation import gettext as _

from fieldwork.models import ScoreKind
from publishing import labels
from publishing.evidence import QuoteLedger, ReportEvidence
from publishing.labels import Codebook

DEGREES = ("high", "some", "low", "unclassified")
SMALLEST_GROUP = 3  # the aggregate edition compares groups of sites only when both have this many


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    name: str
    provider: str
    training_months: float
    training_description: str
    character: str


@dataclass
class ReportContext:
    """`overall` is the analysis of every site in scope; `per_programme[code]` its view of one programme."""

    overall: object
    per_programme: dict
    programmes: dict[str, ProgrammeInfo]
    codebook: Codebook
    evidence: ReportEvidence
    scope: str
    audience: str
    language: str
    today: object
    ledger: QuoteLedger = field(default_factory=QuoteLedger)
    quote_plan: dict = field(default_factory=dict)  # (programme, driver) → its quotes, planned once

    @property
    def full(self) -> bool:
        return self.audience == "full"

    def programme_name(self, code: str) -> str:
        info = self.programmes.get(code)
        return f"{code} – {info.name}" if info else code

    def programme_short(self, code: str) -> str:
        info = self.programmes.get(code)
        return info.name if info else code

    def driver(self, key: str) -> str:
        return self.codebook.driver(key)

    def driver_lower(self, key: str) -> str:
        return self.codebook.driver(key).lower()

    def mechanism_lower(self, key: str) -> str:
        label = self.codebook.mechanism(key)
        return label[:1].lower() + label[1:]

    def few_sites_note(self) -> str:
        return " ".join(
            _(
                "Kun {n} steder i {programme}: tallene bygger på få steder og skal læses med forsigtighed."
            ).format(n=p.sites, programme=p.programme)
            for p in self.overall.programmes.programmes
            if p.few_sites
        )


def degree_row(counts: dict[str, int]) -> list[int]:
    return [counts.get(key, 0) for key in DEGREES]


def degree_columns() -> list[str]:
    return [labels.degree(key) for key in DEGREES]


def number(value) -> str:
    """A number as Danish text: 2.5 → "2,5", 3.0 → "3"."""
    value = float(value)
    return localize(int(value) if value.is_integer() else round(value, 2))


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def cell_text(cell) -> str | None:
    if cell is None or cell.rating is None:
        return None
    return labels.rating(cell.rating) + ("*" if cell.confirmed else "")


def held_text(held: bool | None) -> str | None:
    if held is None:
        return None
    return _("Ja") if held else _("Nej")


def valence(key: str) -> str:
    return _("Fremmer") if key == "promoter" else _("Hæmmer") if key == "inhibitor" else _("Neutral")


def score_kind(kind: str) -> str:
    return labels.choice(ScoreKind, kind)


def range_text(item) -> str | None:
    if item.minimum is None:
        return None
    return str(item.minimum) if item.minimum == item.maximum else f"{item.minimum}–{item.maximum}"
