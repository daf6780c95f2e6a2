"""Word: real heading styles, real tables with repeating header rows, Caption-style captions with SEQ
fields, a table-of-contents field and page numbers, so Word's navigation pane and TOC work.

Tables are written as WordprocessingML directly (one lxml parse per table) because python-docx's
cell-by-cell API is far too slow for the appendix tables at a few thousand sites.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from xml.sax.saxutils import escape

import docx
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from publishing.document import (
    LIST_SEPARATOR,
    Document,
    Figure,
    Paragraph,
    Table,
    decimal_separator,
    display_cell,
)
from publishing.renderers import Output, register

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
TEXT_WIDTH_TWIPS = 9638  # A4 with 2 cm margins
LANDSCAPE_TEXT_WIDTH_TWIPS = 14570  # A4 landscape with 2 cm margins
WIDTH_SAMPLE_ROWS = 50  # rows read to size the columns
WIDTH_CAP = 40  # characters: text longer than this wraps rather than widening its column further
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}
PLACEHOLDER = "§DRIVKRAFT-TABEL§"


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("", value))


def _run(text: str, *, bold: bool = False, size: int | None = None) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _field(instruction: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(shown)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _caption_xml(word: str, number: int, caption: str, keep_next: bool) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    sequence = _field("SEQ " + word + " \\* ARABIC", str(number))
    return (
        f'<w:p {W}><w:pPr><w:pStyle w:val="Caption"/>{keep}</w:pPr>'
        f"{_run(word + ' ')}{sequence}{_run('. ' + caption)}</w:p>"
    )


TABLE_TEXT_STYLE = "TableText"


def _cell(text: str, *, numeric: bool, header: bool) -> str:
    """A cell; a list cell (one item a line) becomes one paragraph per item."""
    justify = '<w:jc w:val="right"/>' if numeric else ""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{TABLE_TEXT_STYLE}"/>{justify}</w:pPr>{_run(line, bold=header)}</w:p>'
        for line in text.split(LIST_SEPARATOR)
    )
    return f"<w:tc>{paragraphs}</w:tc>"


def column_widths(table: Table, total: int) -> list[int]:
    """Widths in proportion to each column's text (its longest word at least, long text capped), so a
    column of statements gets room and a column of counts does not take a share it does not need."""
    if not table.columns:
        return [total]
    sample = table.rows[:WIDTH_SAMPLE_ROWS]
    weights = []
    for index, column in enumerate(table.columns):
        texts = [column] + [str(row[index]) for row in sample if index < len(row) and row[index] is not None]
        longest_word = max((len(word) for text in texts for word in text.split()), default=1)
        typical = max(len(text) for text in texts)
        weights.append(max(longest_word + 2, min(typical, WIDTH_CAP)))
    return [total * weight // sum(weights) for weight in weights]


def table_xml(table: Table, namespace: bool = True) -> str:
    """The table as a `w:tbl` element; without `namespace` for splicing into document.xml."""
    widths = column_widths(table, LANDSCAPE_TEXT_WIDTH_TWIPS if table.wide else TEXT_WIDTH_TWIPS)
    separator = decimal_separator()
    parts = [
        f'<w:tbl{" " + W if namespace else ""}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(_cell(column, numeric=False, header=True) for column in table.columns),
        "</w:tr>",
    ]
    for row in table.rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for value in row:
            text, numeric = display_cell(value, separator)
            parts.append(_cell(text, numeric=numeric, header=False))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


class _Writer:
    def __init__(self, document: Document):

        self.source = document
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        self.body = self.doc.element.body
        self.tables: list[Table] = []

    def _append(self, xml: str) -> None:
        self.body.sectPr.addprevious(parse_xml(xml))

    def _language(self) -> None:
        tag = LANGUAGE_TAGS.get(self.source.language, self.source.language)
        for lang in self.doc.styles.element.iter(f"{{{W_NS}}}lang"):
            lang.set(f"{{{W_NS}}}val", tag)
        self.doc.core_properties.language = tag
        self.doc.core_properties.title = self.source.title
        self.doc.core_properties.subject = self.source.subtitle

    def _footer(self) -> None:
        footer = self.doc.sections[0].footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]._p
        paragraph.addprevious(
            parse_xml(
                f'<w:p {W}><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
                f"{_run(_('Side') + ' ')}{_field('PAGE', '1')}{_run(' ' + _('af') + ' ')}"
                f"{_field('NUMPAGES', '1')}</w:p>"
            )
        )
        paragraph.getparent().remove(paragraph)

    def _toc(self) -> None:
        self.doc.add_paragraph(_("Indhold"), style="TOC Heading")
        entries = [(level, title) for level, title in self.source.headings() if level <= 3] or [(1, "")]
        xml = []
        for index, (level, title) in enumerate(entries):
            start = (
                '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                if index == 0
                else ""
            )
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
            indent = (level - 1) * 360
            xml.append(
                f'<w:p {W}><w:pPr><w:spacing w:before="0" w:after="40"/><w:ind w:left="{indent}"/></w:pPr>'
                f"{start}{_run(title)}{end}</w:p>"
            )
        for item in xml:
            self._append(item)
        self.doc.add_page_break()

    def _table_style(self) -> None:
        """A compact paragraph style for table cells, so each cell needs no formatting of its own."""

        style = self.doc.styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(f"{{{W_NS}}}styleId", TABLE_TEXT_STYLE)
        style.base_style = self.doc.styles["Normal"]
        style.font.size = Pt(8.5)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0

    def _orientation(self, landscape: bool) -> None:
        """Start a new section on a new page in the given orientation (a wide table gets its own)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Cm(29.7), Cm(21)) if landscape else (Cm(21), Cm(29.7))

    def _table(self, table: Table) -> None:
        if table.data_only:
            return
        if table.wide:
            self._orientation(landscape=True)
            self._table_body(table)
            self._orientation(landscape=False)
        else:
            self._table_body(table)

    def _table_body(self, table: Table) -> None:
        self._append(_caption_xml(_("Tabel"), table.number, table.caption, keep_next=True))
        self.doc.add_paragraph(f"{PLACEHOLDER}{len(self.tables)}{PLACEHOLDER}")
        self.tables.append(table)
        if table.note:
            self._note(table.note)
        else:
            self.doc.add_paragraph()

    def _note(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.italic = True

    def _figure(self, figure: Figure) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(figure.png()), width=Cm(min(16.5, float(figure.width_cm))))
        self._append(_caption_xml(_("Figur"), figure.number, figure.caption, keep_next=False))
        if figure.note:
            self._note(figure.note)
        if figure.table is not None:
            self._table(figure.table)

    def write(self, out) -> None:
        source = self.source
        self._language()
        self._table_style()
        self.doc.add_paragraph(source.title, style="Title")
        self.doc.add_paragraph(source.subtitle, style="Subtitle")
        self.doc.add_paragraph(f"{_('Dannet')} {source.generated_on}")
        if source.notice:
            self.doc.add_paragraph().add_run(source.notice).bold = True
        self._toc()
        self._footer()
        for section in source.walk():
            self.doc.add_heading(section.title, level=min(section.level, 9))
            for block in section.blocks:
                if isinstance(block, Paragraph) and block.kind == "quote":
                    self.doc.add_paragraph(block.text, style="Quote")
                elif isinstance(block, Paragraph):
                    paragraph = self.doc.add_paragraph()
                    paragraph.add_run(block.text).bold = block.emphasis
                elif isinstance(block, Table):
                    self._table(block)
                elif isinstance(block, Figure):
                    self._figure(block)
                else:
                    for item in block.items:
                        self.doc.add_paragraph(item, style="List Bullet")
        buffer = io.BytesIO()
        self.doc.save(buffer)
        self._splice_tables(buffer, out)

    def _splice_tables(self, saved: io.BytesIO, out) -> None:
        """Replace each placeholder paragraph in word/document.xml by its table's XML.

        Building large tables as text and splicing them in after saving avoids moving hundreds of
        thousands of parsed elements between lxml documents, which dominated the time at 2,000 sites.
        """
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "word/document.xml":
                    data = self._spliced(data.decode("utf-8")).encode("utf-8")
                target.writestr(item, data)

    def _spliced(self, xml: str) -> str:
        pieces = []
        position = 0
        for index, table in enumerate(self.tables):
            token = xml.index(f"{PLACEHOLDER}{index}{PLACEHOLDER}", position)
            start = max(xml.rfind("<w:p>", position, token), xml.rfind("<w:p ", position, token))
            end = xml.index("</w:p>", token) + len("</w:p>")
            pieces += [xml[position:start], table_xml(table, namespace=False)]
            position = end
        pieces.append(xml[position:])
        return "".join(pieces)


@register("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
def docx_outputs(document: Document) -> Iterator[Output]:
    def write(out) -> None:
        _Writer(document).write(out)

    yield Output(f"{document.stem}.docx", write)
