"""From a document's blocks to the parts of an implementation report (pure: no Django models).

- site, visit date and phase: the first table (two columns: field, value) or header lines
  "Sted: …", "Dato: …", "Fase: …" before the first theme heading;
- the six theme sections: headings matched to the Danish theme names by meaning: a table of
  synonyms, then small spelling differences (difflib ratio), then the theme's key words when they
  point to exactly one theme; numbering and case do not matter;
- text before the first theme heading: the introduction; header lines ("Sted: …", "Konsulent: …")
  are read there, bold or not, and never become introduction text;
- a later heading that is no theme and no sub-heading (deeper than the theme headings) is
  *unplaced*: it is reported, and its text goes to the introduction only when asked;
- the language: the share of common Danish words.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from interop.docx_import.reading import Block

THEME_NAMES = {
    "promoters_inhibitors": "Arbejde med fremmere og hæmmere",
    "organisation_culture": "Organisatoriske forhold og kultur",
    "implementation_process": "Implementeringsprocessen",
    "implementation_team": "Implementeringsteamet",
    "leadership": "Ledelse",
    "anchoring": "Graden af forankring",
}
PHASE_NAMES = {
    "preparation": "Forberedelse",
    "prerequisite_analysis": "Forudsætningsanalyse",
    "capacity_building": "Kapacitetsopbygning",
    "adaptation_anchoring": "Tilpasning og forankring",
}
FIELD_NAMES = {
    "site": ("sted", "anbringelsessted", "opholdssted", "institution", "stedets kode", "kortkode"),
    "date": ("dato", "besøgsdato", "dato for besøg", "mødedato", "samtaledato"),
    "phase": ("fase", "implementeringsfase"),
}
OTHER_FIELD_LABELS = {
    "konsulent",
    "implementeringskonsulent",
    "deltagere",
    "forfatter",
}  # read past, not kept
DANISH_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan"),
            ("februar", "feb"),
            ("marts", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
DANISH_STOP_WORDS = set(
    "og i at det er en til på med for af de den som der ikke har vi var et om men så kan også skal blev "
    "meget de deres vores sig hun han jeg du man når hvor hvad hvordan efter over under mere nogle alle "
    "være været bliver få får fik godt mellem både eller fra ud op sammen hele hver være".split()
)
THEME_SYNONYMS = {
    "promoters_inhibitors": (
        "fremmere og hæmmere",
        "fremmende og hæmmende faktorer",
        "fremmere og barrierer",
        "drivere og barrierer",
    ),
    "organisation_culture": (
        "organisation og kultur",
        "organisatoriske forhold",
        "kultur og organisation",
        "organisationen",
        "kulturen",
    ),
    "implementation_process": (
        "processen",
        "implementeringsproces",
        "forløbet",
        "status på implementeringen",
    ),
    "implementation_team": ("teamet", "implementeringsteam", "implementeringsgruppen", "nøglepersonerne"),
    "leadership": ("ledelsens rolle", "ledelsen", "lederen", "ledelse og ledelsesstil", "ledelsesstil"),
    "anchoring": ("forankring", "forankringen", "forankring i hverdagen", "grad af forankring"),
}
THEME_KEY_WORDS = {
    "promoters_inhibitors": ("fremme", "hæmme", "barriere"),
    "organisation_culture": ("organisat", "kultur"),
    "implementation_process": ("proces", "forløb"),
    "implementation_team": ("team", "nøgleperson"),
    "leadership": ("ledelse", "leder"),
    "anchoring": ("forankr",),
}
MAX_KEY_WORD_HEADING = 6  # words; a longer heading is a sentence, not a theme
THEME_THRESHOLD = 0.85
_NUMBERING = re.compile(r"^\s*(?:tema\s*)?(?:\d+(?:\.\d+)*|[ivx]+|[a-f])\s*[.):-]?\s+", re.IGNORECASE)
_WORD = re.compile(r"[a-zæøåé]+", re.IGNORECASE)


@dataclass
class ParsedReport:
    site: str = ""
    visit_date: datetime.date | None = None
    date_text: str = ""
    phase: str = ""
    phase_text: str = ""
    introduction: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # headings placed under no theme
    introduction_headings: list[str] = field(default_factory=list)  # headings before the first theme
    danish_share: float = 1.0
    words: int = 0

    @property
    def missing_themes(self) -> list[str]:
        return [key for key in THEME_NAMES if key not in self.sections]


def _normalise(text: str) -> str:
    """Lower case, without leading numbering ("2.", "II)", "Tema 3 -") and punctuation."""
    text = _NUMBERING.sub("", text.strip())
    return " ".join(re.sub(r"[^\wæøå ]+", " ", text.lower()).split())


def _best_match(text: str, names: dict[str, str], threshold: float) -> str | None:
    wanted = _normalise(text)
    best, best_ratio = None, 0.0
    for key, name in names.items():
        ratio = difflib.SequenceMatcher(None, wanted, name.lower()).ratio()
        if ratio > best_ratio:
            best, best_ratio = key, ratio
    return best if best_ratio >= threshold else None


def match_theme(heading: str) -> str | None:
    wanted = _normalise(heading)
    for key, synonyms in THEME_SYNONYMS.items():
        if wanted in synonyms:
            return key
    names = {
        **THEME_NAMES,
        **{f"{key}#{n}": s for key, ss in THEME_SYNONYMS.items() for n, s in enumerate(ss)},
    }
    close = _best_match(heading, names, THEME_THRESHOLD)
    if close is not None:
        return close.split("#")[0]
    if len(wanted.split()) > MAX_KEY_WORD_HEADING:
        return None
    themes = {key for key, words in THEME_KEY_WORDS.items() if any(word in wanted for word in words)}
    return themes.pop() if len(themes) == 1 else None


def match_phase(text: str) -> str | None:
    return _best_match(text, PHASE_NAMES, 0.7) if text.strip() else None


def parse_date(text: str) -> datetime.date | None:
    text = text.strip().lower()
    for pattern, order in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", "dmy"),
        (r"(\d{1,2})[./-](\d{1,2})[./-](\d{2})\b", "dmy2"),
    ):
        match = re.search(pattern, text)
        if match:
            a, b, c = (int(part) for part in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c if order == "dmy" else 2000 + c, b, a)
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    match = re.search(r"(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})", text)
    if match and match.group(2) in DANISH_MONTHS:
        try:
            return datetime.date(int(match.group(3)), DANISH_MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            return None
    return None


def _clean_label(label: str) -> str:
    return label.strip().rstrip(":").strip().lower()


def _field_of(label: str) -> str | None:
    label = _clean_label(label)
    for name, labels in FIELD_NAMES.items():
        if label in labels:
            return name
    return None


def _take_fields(pairs: list[tuple[str, str]], report: ParsedReport) -> set[str]:
    taken = set()
    for label, value in pairs:
        name = _field_of(label)
        if name is None or not value.strip() or name in taken:
            continue
        taken.add(name)
        if name == "site":
            report.site = value.strip()
        elif name == "date":
            report.date_text = value.strip()
            report.visit_date = parse_date(value)
        else:
            report.phase_text = value.strip()
            report.phase = match_phase(value) or ""
    return taken


def _header_line(text: str) -> tuple[str, str] | None:
    """A line "Label: value" whose label is a header field (kept) or another known one (read past)."""
    if ":" not in text:
        return None
    label, value = text.split(":", 1)
    return (label, value) if _field_of(label) or _clean_label(label) in OTHER_FIELD_LABELS else None


def _is_title(block: Block, report: ParsedReport, introduction: list[str]) -> bool:
    if block.kind != "heading":
        return False
    first = not introduction and report.site == ""
    return first or _normalise(block.text) in ("indledning", "introduktion")


def parse_blocks(blocks: list[Block], *, unplaced_to_introduction: bool = False) -> ParsedReport:
    report = ParsedReport()
    current: str | None = None
    theme_level: int | None = None
    introduction: list[str] = []
    sections: dict[str, list[str]] = {}
    first_table_seen = False
    for block in blocks:
        if block.kind == "heading":
            theme = match_theme(block.text)
            if theme is not None and theme not in sections:
                current = theme
                theme_level = block.level if theme_level is None else min(theme_level, block.level)
                sections[theme] = []
                continue
            if block.weak:
                block = Block("paragraph", block.text)
        if current is None:
            if block.kind == "table" and not first_table_seen:
                first_table_seen = True
                pairs = [(row[0], row[1] if len(row) > 1 else "") for row in block.rows if row]
                if any(
                    _field_of(label) or _clean_label(label) in OTHER_FIELD_LABELS for label, _value in pairs
                ):
                    _take_fields(pairs, report)
                    continue
            line = _header_line(block.text) if block.kind != "table" else None
            if line is not None:
                _take_fields([line], report)
                continue
            if _is_title(block, report, introduction):
                continue
            if block.kind == "heading":
                report.introduction_headings.append(block.text)
            introduction.append(block.text)
        elif block.kind == "heading" and not block.weak and block.level <= (theme_level or 0):
            report.unplaced.append(block.text)
            current = "" if unplaced_to_introduction else current
            if unplaced_to_introduction:
                introduction.append(block.text)
        elif current == "":
            introduction.append(block.text)
        else:
            sections[current].append(block.text)
    report.introduction = "\n\n".join(introduction)
    report.sections = {theme: "\n\n".join(parts) for theme, parts in sections.items()}
    words = [w.lower() for w in _WORD.findall(" ".join([report.introduction, *report.sections.values()]))]
    report.words = len(words)
    report.danish_share = sum(1 for w in words if w in DANISH_STOP_WORDS) / len(words) if words else 1.0
    return report
