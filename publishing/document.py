"""The plain context every renderer reads: a document of numbered sections, paragraphs, tables and figures.

The context builders (publishing.contexts) turn analysis results into a `Document`; the one HTML
template and the DOCX, CSV and XLSX renderers walk the same structure, so the formats cannot drift.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import get_language

from publishing.figures import to_png, to_svg

Cell = str | int | float | list[str] | None
MISSING = "–"
LIST_SEPARATOR = "\n"  # a list cell is shown one item a line (a bullet each in HTML, PDF and Word)
SIGNED = re.compile(r"[+−-]?\d{1,2}\*?")  # a rating such as "+2", "−1*": a number, aligned right
LANDSCAPE_COLUMNS = 8  # from this many columns a printed table gets a landscape page


@functools.lru_cache(maxsize=8)
def _decimal_separator(language: str) -> str:

    return formats.get_format("DECIMAL_SEPARATOR", language)


def decimal_separator() -> str:

    return _decimal_separator(get_language() or "da")


def display_cell(value: Cell, separator: str | None = None) -> tuple[str, bool]:
    """A cell as text in the active language (decimal comma in Danish); missing shown as a dash."""
    if value is None or value == "" or value == []:
        return MISSING, False
    if isinstance(value, list):
        return LIST_SEPARATOR.join(f"• {item}" for item in value), False
    if isinstance(value, str) and SIGNED.fullmatch(value):
        return value.replace("-", "−"), True
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int):
        return str(value).replace("-", "−"), True
    if isinstance(value, float):
        return str(value).replace(".", separator or decimal_separator()).replace("-", "−"), True
    return str(value), False


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False
    kind: str = "paragraph"


@dataclass
class BulletList:
    items: list[str]
    kind: str = "bullets"


@dataclass
class Table:
    """A table with a caption; `key` names its CSV file and XLSX sheet."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    number: int = 0
    kind: str = "table"
    data_only: bool = False
    landscape: bool = False

    @property
    def wide(self) -> bool:
        """Printed on a landscape page: asked for, or too many columns for a portrait page."""
        return self.landscape or len(self.columns) >= LANDSCAPE_COLUMNS

    @property
    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """Cells as localized text, each with whether it is a number (aligned right)."""
        separator = decimal_separator()
        return [[display_cell(value, separator) for value in row] for row in self.rows]

    @property
    def printed(self) -> bool:
        """A data-only table (too long to print) goes to CSV and XLSX but not to HTML, Word or PDF."""
        return not self.data_only


@dataclass
class Figure:
    """A figure drawn on demand (SVG for HTML, PNG for Word and PDF), with its numbers in `table`."""

    key: str
    caption: str
    draw: Callable[[], Any]
    table: Table | None = None
    note: str = ""
    number: int = 0
    kind: str = "figure"
    _cache: dict = field(default_factory=dict, repr=False)

    def _drawn(self):
        if "figure" not in self._cache:
            self._cache["figure"] = self.draw()
        return self._cache["figure"]

    def svg(self) -> str:

        if "svg" not in self._cache:
            self._cache["svg"] = to_svg(self._drawn())
        return self._cache["svg"]

    @property
    def width_cm(self) -> str:
        """The figure's natural width, so small figures are not blown up to the full page width."""
        return f"{self._drawn().get_figwidth() * 2.54:.1f}"

    @property
    def png_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png()).decode("ascii")

    def png(self) -> bytes:

        if "png" not in self._cache:
            self._cache["png"] = to_png(self._drawn())
        return self._cache["png"]


Block = Paragraph | BulletList | Table | Figure


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    level: int = 1
    anchor: str = ""

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self

    def subsection(self, title: str, anchor: str = "") -> Section:
        child = Section(title=title, level=self.level + 1, anchor=anchor)
        self.subsections.append(child)
        return child


@dataclass
class Document:
    """A whole report: `stem` is the file name without extension (report-all, status-a01)."""

    stem: str
    title: str
    subtitle: str
    language: str
    generated_on: str
    sections: list[Section] = field(default_factory=list)
    notice: str = ""
    chapter_pages: bool = True

    def section(self, title: str, anchor: str = "") -> Section:
        child = Section(title=title, level=1, anchor=anchor)
        self.sections.append(child)
        return child

    def walk(self) -> Iterator[Section]:
        """Every section in reading order, depth first."""

        def visit(sections: list[Section]) -> Iterator[Section]:
            for section in sections:
                yield section
                yield from visit(section.subsections)

        return visit(self.sections)

    def tables(self) -> Iterator[Table]:
        """Every table in reading order, a figure's number table included."""
        for section in self.walk():
            for block in section.blocks:
                if isinstance(block, Table):
                    yield block
                elif isinstance(block, Figure) and block.table is not None:
                    yield block.table

    def headings(self) -> list[tuple[int, str]]:
        return [(section.level, section.title) for section in self.walk()]

    def number(self) -> None:
        """Give tables and figures their running numbers in reading order."""
        tables = figures = 0
        for section in self.walk():
            for block in section.blocks:
                if isinstance(block, Figure):
                    figures += 1
                    block.number = figures
                    if block.table is not None:
                        tables += 1
                        block.table.number = tables
                elif isinstance(block, Table):
                    tables += 1
                    block.number = tables
