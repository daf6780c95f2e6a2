"""Composing report sections from sentences while keeping each sentence's exact offsets.

A section is a list of paragraphs of `Sentence`s; `render` joins them and returns the text with
(start, end) for every sentence, so coded passages point exactly into ReportSection.text.
"""

import random
from dataclasses import dataclass, field

from demo.texts import SIGNALS


@dataclass
class Codes:
    driver: str
    mechanism: str
    valence: str
    attention_point: str = ""


@dataclass
class Sentence:
    text: str
    codes: Codes | None = None
    factor: object = None  # the Factor instance the sentence states, when it states one
    always_code: bool = False


@dataclass
class Section:
    theme: str
    paragraphs: list[list[Sentence]] = field(default_factory=lambda: [[]])
    pending: dict[str, list[list[Sentence]]] = field(default_factory=dict)

    def add(self, sentence: Sentence) -> None:
        self.paragraphs[-1].append(sentence)

    def new_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def is_empty(self) -> bool:
        return not any(self.paragraphs)

    def render(self) -> tuple[str, list[tuple[Sentence, int, int]]]:
        text = ""
        spans = []
        for paragraph in (p for p in self.paragraphs if p):
            if text:
                text += "\n\n"
            for index, sentence in enumerate(paragraph):
                if index:
                    text += " "
                start = len(text)
                text += sentence.text
                spans.append((sentence, start, len(text)))
        return text, spans


class Voice:
    """Fills placeholders with this site's names; a new draw for every sentence keeps texts varied."""

    def __init__(
        self, rng: random.Random, fixed: dict, staff: list[str], youth: list[str], elements: list[str]
    ):
        self.rng = rng
        self.fixed = fixed
        self.staff = staff
        self.youth = youth
        self.elements = elements

    def context(self) -> dict:
        staff = self.rng.sample(self.staff, 2) if len(self.staff) >= 2 else self.staff * 2
        return {
            **self.fixed,
            "staff": staff[0],
            "staff2": staff[1],
            "youth": self.rng.choice(self.youth),
            "element": self.rng.choice(self.elements),
        }

    def fill(self, template: str, **extra) -> str:
        text = template.format_map({**self.context(), **extra})
        return text[0].upper() + text[1:]


class SignalPicker:
    """Chooses sentence variants of a site's signals, avoiding repeats until a signal's bank is used up."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: dict[str, set[int]] = {}
        self.in_report: dict[str, set[int]] = {}

    def start_report(self) -> None:
        """A new report begins: no variant may appear twice within one report."""
        self.in_report = {}

    def sentence(self, key: str) -> str:
        variants = SIGNALS[key]["sentences"]
        used = self.used.setdefault(key, set())
        fresh = [i for i in range(len(variants)) if i not in used] or list(range(len(variants)))
        if len(used) >= len(variants):
            used.clear()
        index = not_again(self.rng.choice(fresh), len(variants), self.in_report.setdefault(key, set()))
        used.add(index)
        return variants[index]

    def quote(self, key: str) -> str | None:
        quotes = SIGNALS[key].get("quotes") or []
        return self.rng.choice(quotes) if quotes else None


def not_again(index: int, size: int, taken: set[int]) -> int:
    """`index`, or when it is taken the next free one after it (no new random draw, so the rest of the
    demo stays as it was); the result is marked taken."""
    for step in range(size):
        candidate = (index + step) % size
        if candidate not in taken:
            index = candidate
            break
    taken.add(index)
    return index


# Placeholders that fill with a lower-case word (a title before a name: "forstander Jens").
LOWER_CASE_PLACEHOLDERS = ("{manager}",)


def lower_first(text: str, template: str) -> str:
    """Lower-case a sentence's first letter to continue another sentence, unless it starts with a name."""
    if (template.startswith("{") and not template.startswith(LOWER_CASE_PLACEHOLDERS)) or text[:2].isupper():
        return text
    return text[0].lower() + text[1:]
