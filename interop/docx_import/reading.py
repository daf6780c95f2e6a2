"""Turn a .docx into an ordered list of blocks (headings, paragraphs, tables) with python-docx.

A heading is a paragraph in a heading style (any language: Heading 1, Overskrift 1, Titel …) or a
short paragraph set wholly in bold, as people often make headings by hand.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

GUIDANCE_STYLE = "Vejledning"  # the template's guidance paragraphs; never imported


class UnreadableDocument(Exception):
    pass


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str
    rows: tuple[tuple[str, ...], ...] = ()


def _is_heading(paragraph: Paragraph, text: str) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style.startswith(("heading", "overskrift", "title", "titel")):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs or len(text) > 80 or text.endswith((".", ":")) and len(text) > 40:
        return False
    paragraph_bold = paragraph.style is not None and paragraph.style.font.bold
    return all(run.bold or (run.bold is None and paragraph_bold) for run in runs)


def _table_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            value = "\n".join(
                p.text for p in cell.paragraphs if p.style is None or p.style.name != GUIDANCE_STYLE
            ).strip()
            if not cells or cells[-1] != value:  # merged cells repeat their text
                cells.append(value)
        rows.append(tuple(cells))
    return tuple(rows)


def read_blocks(path: Path) -> list[Block]:
    if not zipfile.is_zipfile(path):
        raise UnreadableDocument("filen er ikke et Word-dokument (.docx er en ZIP-fil)")
    try:
        document: Document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise UnreadableDocument(f"Word-dokumentet kan ikke læses ({exc.__class__.__name__})") from exc
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = _table_rows(item)
            text = "\n".join(" | ".join(cell for cell in row if cell) for row in rows)
            blocks.append(Block("table", text, rows))
            continue
        text = item.text.strip()
        if not text or (item.style is not None and item.style.name == GUIDANCE_STYLE):
            continue
        blocks.append(Block("heading" if _is_heading(item, text) else "paragraph", text))
    return blocks
