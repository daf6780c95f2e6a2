"""Every table of a report as CSV (one file per table) and as one XLSX workbook (one sheet per table).

CSV is UTF-8 with a byte-order mark so Excel detects the encoding; Danish output uses the Danish
Excel conventions (semicolon between fields, decimal comma), English output comma and point.
"""

import csv
import io
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from publishing.document import Cell, Document, Table
from publishing.renderers import Output, register


def _csv_value(value: Cell, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(round(value, 6))
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def table_csv(table: Table, language: str) -> bytes:
    danish = language == "da"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if danish else ",", lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_value(value, danish) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _unique_keys(document: Document) -> list[tuple[str, Table]]:
    seen: dict[str, int] = {}
    result = []
    for table in document.tables():
        key = re.sub(r"[^a-z0-9-]+", "-", table.key.lower()).strip("-") or "tabel"
        seen[key] = seen.get(key, 0) + 1
        result.append((key if seen[key] == 1 else f"{key}-{seen[key]}", table))
    return result


@register("csv", "text/csv; charset=utf-8")
def csv_outputs(document: Document) -> Iterator[Output]:
    for key, table in _unique_keys(document):

        def write(out, table=table) -> None:
            out.write(table_csv(table, document.language))

        yield Output(f"{document.stem}-{key}.csv", write)


def _sheet_title(number: int, key: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", f"{number:02d} {key}")[:31]


@register("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
def xlsx_outputs(document: Document) -> Iterator[Output]:
    def write(out) -> None:

        workbook = Workbook(write_only=True)
        bold = Font(bold=True)
        tables = _unique_keys(document)
        index = workbook.create_sheet(_("Indhold"))
        index.append([WriteOnlyCell(index, value=_("Ark")), WriteOnlyCell(index, value=_("Tabel"))])
        titles = []
        for number, (key, table) in enumerate(tables, start=1):
            title = _sheet_title(number, key)
            titles.append(title)
            index.append([title, f"{_('Tabel')} {table.number}. {table.caption}"])
        for title, (_key, table) in zip(titles, tables, strict=True):
            sheet = workbook.create_sheet(title)
            sheet.freeze_panes = "A2"
            header = []
            for column in table.columns:
                cell = WriteOnlyCell(sheet, value=column)
                cell.font = bold
                header.append(cell)
            sheet.append(header)
            for row in table.rows:
                sheet.append(list(row))
        workbook.save(out)

    yield Output(f"{document.stem}.xlsx", write)
