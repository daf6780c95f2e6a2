"""Cutting one site out of text shared with other sites (joint-meeting minutes and titles).

Pure functions on strings and spans, so the rules can be read and tested without a database: a
paragraph that carries one of the site's statements is the site's contribution and goes; in what
remains, every name of the site (its distinctive name words, team members, departments, users) is
replaced. Coded passages on the changed text keep their place (shifted) unless they touched a cut.
"""

import re
from dataclasses import dataclass

ERASED = "[slettet]"
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Cut:
    start: int
    end: int
    replacement: str


def name_tokens(names: list[str], others: set[str]) -> set[str]:
    """Whole names and their capitalised words (3+ letters) that no other site also uses."""
    tokens = set()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        tokens.add(name)
        for word in re.findall(r"\b[A-ZÆØÅ][\wæøåÆØÅ-]{2,}\b", name):
            if word not in others:
                tokens.add(word)
    return tokens


def _paragraph_cuts(text: str, statements: list[str]) -> list[Cut]:
    needles = [s.strip()[1:].lower() for s in statements if len((s or "").strip()) > 8]
    cuts, start = [], 0
    for separator in [*_PARAGRAPH.finditer(text), None]:
        end = separator.start() if separator else len(text)
        if any(needle in text[start:end].lower() for needle in needles):
            cuts.append(Cut(start, end, ERASED))
        start = separator.end() if separator else end
    return cuts


def _name_cuts(text: str, tokens: set[str], taken: list[Cut]) -> list[Cut]:
    if not tokens:
        return []
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + r")\b"
    )
    cuts = []
    for match in pattern.finditer(text):
        if not any(c.start <= match.start() < c.end for c in taken):
            cuts.append(Cut(match.start(), match.end(), ERASED))
    return cuts


def cuts_for(text: str, *, statements: list[str], tokens: set[str]) -> list[Cut]:
    paragraphs = _paragraph_cuts(text, statements)
    return sorted(paragraphs + _name_cuts(text, tokens, paragraphs), key=lambda c: c.start)


def apply_cuts(text: str, cuts: list[Cut]) -> str:
    parts, last = [], 0
    for cut in cuts:
        parts.append(text[last : cut.start])
        parts.append(cut.replacement)
        last = cut.end
    parts.append(text[last:])
    return "".join(parts)


def moved_span(start: int, end: int, cuts: list[Cut]) -> tuple[int, int] | None:
    """Where a passage [start, end) lands after the cuts, or None when it touched one."""
    shift = 0
    for cut in cuts:
        if cut.start < end and start < cut.end:
            return None
        if cut.end <= start:
            shift += len(cut.replacement) - (cut.end - cut.start)
    return start + shift, end + shift
