"""Every table of a report as CSV (one file per table) and as one XLSX workbook (one sheet per table).

CSV is UTF-8 with a byte-order mark so Excel detects the encoding; Danish output uses the Danish
Excel conventions (semicolon between fields, decimal comma), English output comma and point.
Free text that Excel would read as a formula (it starts with =, +, -, @, a tab or a carriage
return) is escaped: prefixed with ' in CSV, stored as quoted text in XLSX. In XLSX, dates are dates
(so they sort by date) and numbers numbers; sheet names are the table's caption cut at a word.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from audit.spreadsheet import escape_formula, starts_formula
from publishing.document import Cell, Document, Table
from publishing.renderers import Output, register

SHEET_TITLE_LENGTH = 31  # Excel's limit
_DATE = re.compile(
    r"^(?:(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))$"
)


def as_date(text: str) -> datetime.date | None:
    match = _DATE.match(text)
    if match is None:
        return None
    if match["d"]:
        day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    else:
        day, month, year = int(match["id"]), int(match["im"]), int(match["iy"])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _csv_value(value: Cell, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, float):
        text = repr(round(value, 6))
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, str):
        return escape_formula(value)
    return str(value)


def table_csv(table: Table, language: str) -> bytes:
    danish = language == "da"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if danish else ",", lineterminator="\r\n")
    writer.writerow([escape_formula(column) for column in table.columns])
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


def sheet_title(number: int, caption: str, taken: set[str]) -> str:
    """'03 Drivere pr. sted': the number and as many whole words of the caption as fit in 31 characters."""
    words = re.sub(r"[\[\]:*?/\\']+", " ", caption).split()
    title = f"{number:02d}"
    for word in words:
        if len(title) + 1 + len(word) > SHEET_TITLE_LENGTH:
            break
        title = f"{title} {word}"
    if title == f"{number:02d}" and words:
        title = f"{title} {words[0]}"[:SHEET_TITLE_LENGTH]
    title = title.rstrip(" .,;-–")
    base, suffix = title, 2
    while title.casefold() in taken:  # Excel compares sheet names without regard to case
        tail = f" ({suffix})"
        title, suffix = base[: SHEET_TITLE_LENGTH - len(tail)] + tail, suffix + 1
    taken.add(title.casefold())
    return title


def _xlsx_cell(sheet, value: Cell, date_format: str):
    if isinstance(value, list):
        value = "; ".join(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        date = as_date(value)
        if date is not None:
            cell.value, cell.number_format = date, date_format
        elif starts_formula(value):
            cell.data_type, cell.quotePrefix = "s", True
    return cell


@register("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
def xlsx_outputs(document: Document) -> Iterator[Output]:
    def write(out) -> None:
        workbook = Workbook(write_only=True)
        date_format = "dd.mm.yyyy" if document.language == "da" else "yyyy-mm-dd"
        bold = Font(bold=True)
        tables = _unique_keys(document)
        index = workbook.create_sheet(_("Indhold"))
        index.append([WriteOnlyCell(index, value=_("Ark")), WriteOnlyCell(index, value=_("Tabel"))])
        titles, taken = [], {index.title.casefold()}
        for number, (_key, table) in enumerate(tables, start=1):
            title = sheet_title(number, table.caption or table.key, taken)
            titles.append(title)
            index.append(
                [title, _xlsx_cell(index, f"{_('Tabel')} {table.number}. {table.caption}", date_format)]
            )
        for title, (_key, table) in zip(titles, tables, strict=True):
            sheet = workbook.create_sheet(title)
            sheet.freeze_panes = "A2"
            header = []
            for column in table.columns:
                cell = _xlsx_cell(sheet, column, date_format)
                cell.font = bold
                header.append(cell)
            sheet.append(header)
            for row in table.rows:
                sheet.append([_xlsx_cell(sheet, value, date_format) for value in row])
        workbook.save(out)

    yield Output(f"{document.stem}.xlsx", write)
