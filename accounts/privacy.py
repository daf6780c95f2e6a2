"""Personal data in free text: CPR numbers masked (accounts.masking) and person names pseudonymised."""

import re
from dataclasses import dataclass

from faker.providers.person.da_DK import Provider

from accounts.masking import CPR_MASK, Masked, mask_cpr
from accounts.models import PseudonymKind

__all__ = ["CPR_MASK", "Masked", "mask_cpr"]  # the CPR rules live in accounts.masking

# --- Pseudonymisation -------------------------------------------------------------------------
# Person names are found from Faker's Danish name lists (da_DK) plus the site's registered team
# members, and replaced by a stable label per site. The original text is never changed in the
# database; pseudonyms are applied where text is shown to those who may not see names.

_NAME_TOKEN = re.compile(r"\b[A-ZÆØÅ][a-zæøåéüö]+(?:-[A-ZÆØÅ][a-zæøåéüö]+)?\b")
# First names that are also ordinary Danish words: a person only with a surname or a cue before them.
_AMBIGUOUS = {
    "Per",
    "Bo",
    "Tage",
    "Lykke",
    "Storm",
    "Sol",
    "Mark",
    "Have",
    "Dan",
    "Vibe",
    "Hans",
    "Max",
    "Ask",
    "Bent",
}
_YOUNG_CUES = {"ung", "unge", "pigen", "drengen", "barnet", "anbragte", "beboeren", "teenageren", "eleven"}
_STAFF_CUES = {
    "medarbejder",
    "medarbejderen",
    "pædagog",
    "pædagogen",
    "kollega",
    "kollegaen",
    "leder",
    "lederen",
    "afdelingsleder",
    "afdelingslederen",
    "forstander",
    "forstanderen",
    "kontaktpædagog",
    "konsulent",
    "implementeringsansvarlig",
    "implementeringsansvarlige",
}


def _danish_name_lists() -> tuple[frozenset[str], frozenset[str]]:

    first = frozenset(Provider.first_names_male) | frozenset(Provider.first_names_female)
    return first, frozenset(Provider.last_names)


FIRST_NAMES, SURNAMES = _danish_name_lists()


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    key: str
    kind: str


def _is_surname(token: str) -> bool:
    return token in SURNAMES or (token.endswith("sen") and len(token) > 4)


def _cue_kind(text: str, start: int) -> str | None:
    before = re.findall(r"[a-zæøåA-ZÆØÅ]+", text[max(0, start - 40) : start].lower())[-3:]
    if any(word in _YOUNG_CUES for word in before):
        return "young_person"
    if any(word in _STAFF_CUES for word in before):
        return "staff"
    return None


def find_person_names(text: str, known_staff: dict[str, str] | None = None) -> list[NameSpan]:
    """Spans of person names in `text`.

    `known_staff` maps a registered team member's full name and first name to the key of that person
    (their full name), so "Hanne" and "Hanne Holm" get the same pseudonym.
    """
    known_staff = known_staff or {}
    spans: list[NameSpan] = []
    tokens = list(_NAME_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.group(0)
        end, j = token.end(), i + 1
        while j < len(tokens) and tokens[j].start() == end + 1 and _is_surname(tokens[j].group(0)):
            end, j = tokens[j].end(), j + 1
        full = text[token.start() : end]
        has_surname = j > i + 1
        cue = _cue_kind(text, token.start())
        if full in known_staff or word in known_staff:
            key = known_staff.get(full) or known_staff[word]
            after = token.start() + len(key)
            if text.startswith(key, token.start()) and after > end and not text[after : after + 1].isalnum():
                end = after  # the registered surname, even one the heuristic misses
                while j < len(tokens) and tokens[j].start() < end:
                    j += 1
            spans.append(NameSpan(token.start(), end, key, "staff"))
        elif word in FIRST_NAMES and (word not in _AMBIGUOUS or has_surname or cue):
            spans.append(NameSpan(token.start(), end, full, cue or "person"))
        else:
            j = i + 1
        i = j
    return spans


def apply_pseudonyms(text: str, spans: list[NameSpan], labels: dict[str, str]) -> str:
    parts, last = [], 0
    for span in spans:
        parts.append(text[last : span.start])
        parts.append(labels[span.key])
        last = span.end
    parts.append(text[last:])
    return "".join(parts)


def pseudonym_label(kind: str, index: int) -> str:
    """'Medarbejder A', 'Ung B', ... 'Person AA' — letters run per site and kind."""

    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"{PseudonymKind(kind).label} {letters}"
