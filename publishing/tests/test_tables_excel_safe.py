"""CSV and XLSX that Excel opens safely: no live formulas from free text, real dates and numbers,
sheet names readable and unique."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from publishing.document import Document, Table
from publishing.renderers import get
from publishing.renderers.tables import sheet_title

HOSTILE = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def document(rows, caption="Prøvehandlinger og deres mål pr. sted og besøg", language="da"):
    doc = Document(stem="rapport", title="T", subtitle="", language=language, generated_on="")
    doc.section("Afsnit").add(
        Table(key="trial-actions", caption=caption, columns=["Mål", "Aftalt", "Antal"], rows=rows)
    )
    doc.number()
    return doc


def render(doc, format):
    outputs = list(get(format).outputs(doc))
    buffer = io.BytesIO()
    outputs[0].write(buffer)
    return buffer.getvalue()


def test_csv_escapes_text_that_starts_a_formula():
    raw = render(document([[text, "14.05.2019", 3] for text in HOSTILE]), "csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [f"'{text}" for text in HOSTILE]
    assert rows[1][1:] == ["14.05.2019", "3"]


def test_csv_leaves_ordinary_text_and_dashes_alone():
    raw = render(document([["Ledelsen – går forrest", "–", 1.5]]), "csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["Ledelsen – går forrest", "–", "1,5"]


def test_xlsx_stores_formula_text_as_text_dates_as_dates_numbers_as_numbers(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(document([[HOSTILE[0], "14.05.2019", 3], ["Tekst", "2020-10-08", 2.5]]), "xlsx"))
    workbook = load_workbook(path)
    sheet = workbook[workbook.sheetnames[1]]
    first, second = list(sheet.iter_rows(min_row=2, values_only=False))
    assert first[0].data_type == "s" and first[0].value == HOSTILE[0] and first[0].quotePrefix
    assert first[1].value == datetime.datetime(2019, 5, 14) and first[1].is_date
    assert first[2].value == 3 and first[2].data_type == "n"
    assert second[1].value == datetime.datetime(2020, 10, 8) and second[2].value == 2.5


def test_xlsx_sheet_name_is_the_caption_cut_at_a_word(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(document([["a", "b", 1]]), "xlsx"))
    assert load_workbook(path, read_only=True).sheetnames == ["Indhold", "01 Prøvehandlinger og deres mål"]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Drivere pr. sted: fremmere/hæmmere [alle]", "01 Drivere pr. sted fremmere"),
        ("Implementeringsforløbetsallerlængsteordoverhovedet", "01 Implementeringsforløbetsalle"),
        ("Indhold", "01 Indhold"),
    ],
)
def test_sheet_titles_fit_excel(caption, expected):
    title = sheet_title(1, caption, set())
    assert title == expected and len(title) <= 31


def test_sheet_titles_are_unique_ignoring_case():
    taken: set[str] = set()
    assert sheet_title(1, "Faser", taken) == "01 Faser"
    assert sheet_title(1, "faser", taken) == "01 faser (2)"
