"""The evaluation and status reports end to end on a small hand-built world: every format re-opens
with its own reader, the Word headings are the report's sections, the PDF has page numbers."""

import csv
import io
import shutil
import subprocess

import docx
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from openpyxl import load_workbook

from publishing.tests.factories import build_report_world

pytestmark = pytest.mark.django_db

SECTIONS_DA = [
    "Indledning og sammenfatning",
    "1 Metode",
    "2 Resultater",
    "3 Diskussion og perspektiver",
    "4 Opmærksomhedspunkter",
    "Bilag: tabeller",
]
SECTIONS_EN = [
    "Introduction and summary",
    "1 Method",
    "2 Results",
    "3 Discussion and perspectives",
    "4 Attention points",
    "Appendix: tables",
]


@pytest.fixture(scope="module")
def out(django_db_setup, django_db_blocker, tmp_path_factory):
    """Write every report once for the module; the data are rolled back afterwards."""
    directory = tmp_path_factory.mktemp("reports")

    def report(*args):
        call_command("report", *args, verbosity=0)

    with django_db_blocker.unblock(), transaction.atomic():
        build_report_world()
        report("--programme", "all", "--format", "html,docx,pdf,csv,xlsx", "--out", str(directory))
        report("--programme", "all", "--format", "docx", "--lang", "en", "--out", str(directory / "en"))
        report(
            "--programme",
            "MG",
            "--format",
            "html",
            "--audience",
            "aggregate",
            "--out",
            str(directory / "agg"),
        )
        report("--site", "MG1", "--format", "html,docx", "--out", str(directory))
        report("--site", "RP2", "--format", "docx", "--lang", "en", "--out", str(directory / "en"))
        transaction.set_rollback(True)
    return directory


def headings(path, level):
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == f"Heading {level}"]


def test_docx_headings_are_the_report_sections(out):
    document = docx.Document(str(out / "report-all.docx"))
    assert headings(out / "report-all.docx", 1) == SECTIONS_DA
    level2 = headings(out / "report-all.docx", 2)
    assert "2.1 MG – Mentaliseringsguiden" in level2 and "2.2 RP – Robusthedsprogrammet" in level2
    assert "2.1.1 Kompetence" in headings(out / "report-all.docx", 3)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert any(c.startswith("Tabel 1.") for c in captions) and any(c.startswith("Figur 1.") for c in captions)
    assert len(document.tables) >= 20 and len(document.inline_shapes) >= 6


def test_english_report_has_english_headings(out):
    assert headings(out / "en" / "report-all.docx", 1) == SECTIONS_EN
    text = "\n".join(p.text for p in docx.Document(str(out / "en" / "report-all.docx")).paragraphs)
    assert "Promoters stand on the left" in text and "Fremmere står" not in text


def test_pdf_has_page_numbers(out):
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "report-all.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.count("\f")
    assert pages > 3
    assert "Side 1 af" in text and f"Side {pages} af {pages}" in text


def test_libreoffice_converts_the_docx(out, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) er ikke installeret; .ci/run installerer libreoffice-writer-nogui")
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out / "report-all.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report-all.pdf").stat().st_size > 10_000


def test_csv_has_bom_and_parses(out):
    files = sorted(out.glob("report-all-*.csv"))
    assert len(files) >= 20
    raw = (out / "report-all-matrix-mg.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Sted", "Grad"] and {row[0] for row in rows[1:]} == {"MG1", "MG2", "MG3"}


def test_xlsx_has_a_sheet_per_table(out):
    workbook = load_workbook(out / "report-all.xlsx", read_only=True)
    csv_count = len(list(out.glob("report-all-*.csv")))
    assert workbook.sheetnames[0] == "Indhold" and len(workbook.sheetnames) == csv_count + 1
    names = workbook.sheetnames
    assert all(len(name) <= 31 and name[:2].isdigit() for name in names[1:]), names
    assert len({name.casefold() for name in names}) == len(names)
    rows = [list(workbook[name].iter_rows(values_only=True)) for name in names[1:]]
    matrix = [sheet for sheet in rows if sheet[0][:2] == ("Sted", "Grad")]
    assert matrix and len(matrix[0]) == 4


def test_html_is_self_contained_and_masks_cpr(out):
    html = (out / "report-all.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<style>" in html
    assert "<link" not in html and "<script" not in html and 'src="http' not in html
    assert "010203-1234" not in html and "[CPR-nummer fjernet]" in html


def test_aggregate_edition_has_no_site_rows_or_free_text(out):
    html = (out / "agg" / "report-mg.html").read_text(encoding="utf-8")
    assert "Samlet udgave" in html
    for private in ("MG1", "MG2", "Kollegial sparring", "Vi taler mere om mentalisering", "Ungeafdelingen"):
        assert private not in html
    assert "Coaching og supervision" in html


def test_status_report_for_one_site(out):
    path = out / "status-mg1.docx"
    assert headings(path, 1) == [
        "1 Overblik",
        "2 Faseforløb",
        "3 Balancen mellem fremmere og hæmmere over tid",
        "4 Åbne prøvehandlinger",
        "5 Opmærksomhedspunkter, der endnu ikke er arbejdet med",
    ]
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Punkt 8: Demokratisk ledelsesstil" in text
    assert "Hold fast i en demokratisk ledelsesstil" in text
    tables = docx.Document(str(path)).tables
    assert any("Skrive STORM-modellen ind i behandlingsplanerne" in c.text for t in tables for c in t._cells)
    english = "\n".join(p.text for p in docx.Document(str(out / "en" / "status-rp2.docx")).paragraphs)
    assert "4 Open trial actions" in english and "Hold on to a democratic leadership style" in english


def test_unknown_site_programme_and_format_are_refused(tmp_path):
    target = tmp_path / "out"
    with pytest.raises(CommandError, match="Intet sted"):
        call_command("report", "--site", "NOPE", "--out", str(target), verbosity=0)
    with pytest.raises(CommandError, match="Ukendt program"):
        call_command("report", "--programme", "XX", "--out", str(target), verbosity=0)
    with pytest.raises(CommandError, match="Ukendt format"):
        call_command("report", "--programme", "all", "--format", "rtf", "--out", str(target), verbosity=0)
    assert not target.exists()
