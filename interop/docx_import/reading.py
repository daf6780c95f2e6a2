"""Turn a .docx into an ordered list of blocks (headings, paragraphs, tables) with python-docx.

People make headings in many ways, so a paragraph is a heading when it has a heading style (any
language: Heading 1, Overskrift 1, Titel …), when it is short and set wholly in bold (direct bold,
a bold paragraph style or a character style such as "Strong"/"Kraftig fremhævning"), or when it is a
short numbered line ("3. Ledelse", or Word's own list numbering). A heading's level says how deep
it sits (style level; 9 for bold and numbered lines), so sub-headings inside a theme can be told
from theme headings.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from interop.archives import ArchiveTooLarge, check_archive

GUIDANCE_STYLE = "Vejledning"  # the template's guidance paragraphs; never imported
HAND_MADE_LEVEL = 9
MAX_HEADING_LENGTH = 80
ODF_CONVERT = (
    "filen er et OpenDocument-dokument ({kind}), ikke et Word-dokument, selv om den hedder .docx: åbn den "
    "i LibreOffice og vælg Filer › Gem som › «Word 2007-365 (.docx)», eller kør "
    "«soffice --headless --convert-to docx {name}», og indlæs den nye fil"
)
_STYLE_LEVEL = re.compile(r"^(?:heading|overskrift)\s*(\d)", re.IGNORECASE)
_NUMBERED_LINE = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[ivx]+|[a-f])\s*[.)]\s+\S", re.IGNORECASE)


class UnreadableDocument(Exception):
    pass


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str
    rows: tuple[tuple[str, ...], ...] = ()
    level: int = 0  # headings only: 0 title, 1-8 heading styles, 9 made by hand
    bold: bool = False  # the paragraph is wholly bold (a header line "Dato: …" may be)
    weak: bool = False  # a plain numbered line: a heading only if it names a theme


def _style_level(paragraph: Paragraph) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "").lower()
    if name.startswith(("title", "titel")):
        return 0
    match = _STYLE_LEVEL.match(name)
    if match:
        return int(match.group(1))
    return 1 if name.startswith(("heading", "overskrift")) else None


def _run_bold(run, paragraph_bold: bool) -> bool:
    if run.bold is not None:
        return run.bold
    style = run.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return paragraph_bold


def _paragraph_bold(paragraph: Paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _wholly_bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    paragraph_bold = _paragraph_bold(paragraph)
    return bool(runs) and all(_run_bold(run, paragraph_bold) for run in runs)


def _list_numbered(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:numPr")) is not None


def _heading_level(paragraph: Paragraph, text: str, bold: bool) -> tuple[int, bool] | None:
    """The heading's level and whether it is weak (a numbered line), or None for body text."""
    level = _style_level(paragraph)
    if level is not None:
        return level, False
    if len(text) > MAX_HEADING_LENGTH or text.endswith((".", ",", ";")):
        return None
    if bold and not (text.endswith(":") and len(text) > 40):
        return HAND_MADE_LEVEL, False
    if _NUMBERED_LINE.match(text) or (_list_numbered(paragraph) and len(text.split()) <= 8):
        return HAND_MADE_LEVEL, True
    return None


def _table_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    """Every column of every row, empty cells included; a merged cell counts once."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(
                "\n".join(
                    p.text for p in cell.paragraphs if p.style is None or p.style.name != GUIDANCE_STYLE
                ).strip()
            )
        rows.append(tuple(cells))
    return tuple(rows)


def _refuse_other_formats(path: Path) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(path):
        raise UnreadableDocument("filen er ikke et Word-dokument (.docx er en ZIP-fil)")
    archive = zipfile.ZipFile(path)
    try:
        check_archive(archive)
    except ArchiveTooLarge as exc:
        archive.close()
        raise UnreadableDocument(str(exc)) from exc
    names = set(archive.namelist())
    if "mimetype" in names and "[Content_Types].xml" not in names:
        kind = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        archive.close()
        if kind.startswith("application/vnd.oasis.opendocument"):
            raise UnreadableDocument(ODF_CONVERT.format(kind=kind, name=path.name))
        raise UnreadableDocument(f"filen er ikke et Word-dokument, men {kind}")
    return archive


def read_blocks(path: Path) -> list[Block]:
    path = Path(path)
    _refuse_other_formats(path).close()
    try:
        document: Document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise UnreadableDocument(f"Word-dokumentet kan ikke læses ({exc.__class__.__name__})") from exc
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = _table_rows(item)
            text = "\n".join(" | ".join(row).strip() for row in rows)
            blocks.append(Block("table", text, rows))
            continue
        text = item.text.strip()
        if not text or (item.style is not None and item.style.name == GUIDANCE_STYLE):
            continue
        bold = _wholly_bold(item)
        heading = _heading_level(item, text, bold)
        if heading is None:
            blocks.append(Block("paragraph", text, bold=bold))
        else:
            blocks.append(Block("heading", text, level=heading[0], bold=bold, weak=heading[1]))
    return blocks
