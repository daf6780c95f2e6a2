"""Word reports as people really write them: LibreOffice's "Strong" headings, bold header lines,
headings worded their own way, tables with empty cells, an OpenDocument file renamed, a ZIP bomb."""

import datetime
import zipfile
from io import StringIO

import docx
import pytest
from django.core.management import CommandError, call_command
from docx.enum.style import WD_STYLE_TYPE

from fieldwork.models import ImplementationReport
from interop.docx_import.importing import IMPORTED, REFUSED, import_file
from interop.docx_import.parsing import match_theme
from registry.tests.factories import AssignmentFactory, SiteFactory

pytestmark = pytest.mark.django_db

BODY = "Personalet arbejder med metoden hver dag, og det er en stor del af hverdagen på stedet."


@pytest.fixture
def site():
    site = SiteFactory(code="MG03", name="Engly")
    AssignmentFactory(site=site, starts_on=datetime.date(2015, 1, 1))
    return site


def strong(document, text: str) -> None:
    """A paragraph whose only run has the character style "Strong", as LibreOffice writes bold headings."""
    document.add_paragraph().add_run(text, style="Strong")


def bold(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def libreoffice_report(path, headings=None, extra=None):
    document = docx.Document()
    bold(document, "Sted: MG03")
    bold(document, "Besøgsdato: 8. oktober 2020")
    bold(document, "Fase: Kapacitetsopbygning")
    document.add_paragraph("Konsulent: Anne Holm")
    document.add_paragraph("Vi talte med hele teamet om det forløbne halvår.")
    headings = headings or [
        "Arbejde med fremmere og hæmmere",
        "Organisation og kultur",
        "Implementeringsprocessen",
        "Implementeringsteamet",
        "Ledelsens rolle",
        "Forankring",
    ]
    for number, heading in enumerate(headings):
        strong(document, heading)
        document.add_paragraph(f"{BODY} ({number})")
        if extra and number in extra:
            extra[number](document)
    document.save(str(path))
    return path


def test_strong_headings_bold_header_lines_and_synonyms(site, tmp_path):
    result = import_file(libreoffice_report(tmp_path / "lo.docx"))
    assert result.outcome == IMPORTED, result.reason
    report = ImplementationReport.objects.get(pk=result.report_id)
    assert report.visit.held_on == datetime.date(2020, 10, 8)
    assert report.introduction == "Vi talte med hele teamet om det forløbne halvår."
    sections = {s.theme: s.text for s in report.sections.all()}
    assert sections["leadership"] == f"{BODY} (4)"
    assert sections["anchoring"] == f"{BODY} (5)"
    assert sections["organisation_culture"] == f"{BODY} (1)"


@pytest.mark.parametrize(
    ("heading", "theme"),
    [
        ("Ledelsens rolle", "leadership"),
        ("Forankring", "anchoring"),
        ("Organisation og kultur", "organisation_culture"),
        ("3) Teamets sammensætning", "implementation_team"),
        ("Fremmende og hæmmende faktorer", "promoters_inhibitors"),
        ("Næste besøg", None),
        ("Ledelsens rolle i implementeringsprocessen", None),
    ],
)
def test_theme_headings_are_matched_by_meaning(heading, theme):
    assert match_theme(heading) == theme


def test_a_heading_under_no_theme_refuses_the_file_unless_told(site, tmp_path):
    def next_visit(document):
        strong(document, "Aftaler til næste besøg")
        document.add_paragraph("Vi ses igen i foråret.")

    path = libreoffice_report(tmp_path / "lo.docx", extra={5: next_visit})
    refused = import_file(path)
    assert refused.outcome == REFUSED
    assert "«Aftaler til næste besøg»" in refused.reason and "--unplaced-to-introduction" in refused.reason
    assert not ImplementationReport.objects.exists()

    accepted = import_file(path, unplaced_to_introduction=True)
    assert accepted.outcome == IMPORTED, accepted.reason
    report = ImplementationReport.objects.get(pk=accepted.report_id)
    assert "Aftaler til næste besøg\n\nVi ses igen i foråret." in report.introduction
    assert report.sections.get(theme="anchoring").text == f"{BODY} (5)"


def test_headings_before_the_first_theme_are_named_in_the_remarks(site, tmp_path):
    path = libreoffice_report(tmp_path / "lo.docx")
    document = docx.Document(str(path))
    introduction = document.paragraphs[4]
    introduction.insert_paragraph_before().add_run("Baggrund for besøget").bold = True
    document.save(str(path))
    result = import_file(path)
    assert result.outcome == IMPORTED, result.reason
    assert "overskrifter før første tema, i indledningen: «Baggrund for besøget»" in result.notes
    assert ImplementationReport.objects.get().introduction.startswith("Baggrund for besøget\n\n")


def test_sub_headings_deeper_than_the_themes_stay_in_their_section(site, tmp_path):
    document = docx.Document()
    document.add_paragraph("Sted: MG03")
    document.add_paragraph("Dato: 2020-10-08")
    document.add_paragraph("Fase: Kapacitetsopbygning")
    document.add_heading("1. Ledelse", level=1)
    document.add_heading("Prøvehandlinger", level=2)
    document.add_paragraph(BODY)
    document.add_paragraph("1. Næste skridt")
    document.save(str(tmp_path / "sub.docx"))
    result = import_file(tmp_path / "sub.docx")
    assert result.outcome == IMPORTED, result.reason
    text = ImplementationReport.objects.get().sections.get(theme="leadership").text
    assert text == f"Prøvehandlinger\n\n{BODY}\n\n1. Næste skridt"


def test_numbered_lines_are_theme_headings(site, tmp_path):
    document = docx.Document()
    document.add_paragraph("Sted: MG03")
    document.add_paragraph("Dato: 2020-10-08")
    document.add_paragraph("Fase: Kapacitetsopbygning")
    document.add_paragraph("5. Ledelse")
    document.add_paragraph(BODY)
    document.save(str(tmp_path / "numbered.docx"))
    result = import_file(tmp_path / "numbered.docx")
    assert result.outcome == IMPORTED, result.reason
    assert ImplementationReport.objects.get().sections.get(theme="leadership").text == BODY


def test_table_columns_keep_their_empty_cells(site, tmp_path):
    def factors(document):
        table = document.add_table(rows=3, cols=2)
        for row, (promoter, inhibitor) in zip(
            table.rows,
            [("Fremmer", "Hæmmer"), ("Kollegial sparring", "Vikarer"), ("", "Kun en hæmmer her")],
            strict=True,
        ):
            row.cells[0].text, row.cells[1].text = promoter, inhibitor

    result = import_file(libreoffice_report(tmp_path / "lo.docx", extra={0: factors}))
    assert result.outcome == IMPORTED, result.reason
    text = ImplementationReport.objects.get().sections.get(theme="promoters_inhibitors").text
    assert text.endswith("Fremmer | Hæmmer\nKollegial sparring | Vikarer\n| Kun en hæmmer her")


def test_an_opendocument_file_renamed_docx_says_how_to_convert_it(site, tmp_path):
    path = tmp_path / "rapport.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored first, uncompressed, as ODF requires
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    result = import_file(path)
    assert result.outcome == REFUSED
    assert "OpenDocument" in result.reason and "soffice --headless --convert-to docx" in result.reason


def test_a_docx_bomb_is_refused_before_it_is_unpacked(site, tmp_path):
    path = libreoffice_report(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(200):
                member.write(chunk)
    result = import_file(path)
    assert result.outcome == REFUSED
    assert "zeros.bin" in result.reason and "ZIP-bombe" in result.reason


def test_the_command_exits_non_zero_when_a_file_was_refused(site, tmp_path):
    libreoffice_report(tmp_path / "god.docx")
    (tmp_path / "ødelagt.docx").write_bytes(b"junk")
    out = StringIO()
    with pytest.raises(CommandError, match="1 af 2 filer blev afvist"):
        call_command("import_docx", str(tmp_path), stdout=out)
    assert "1 importeret, 0 sprunget over, 1 afvist." in out.getvalue()


def test_character_style_bold_through_its_base_style(site, tmp_path):
    document = docx.Document()
    style = document.styles.add_style("Fremhævet overskrift", WD_STYLE_TYPE.CHARACTER)
    style.base_style = document.styles["Strong"]
    document.add_paragraph("Sted: MG03")
    document.add_paragraph("Dato: 2020-10-08")
    document.add_paragraph("Fase: Kapacitetsopbygning")
    document.add_paragraph().add_run("Graden af forankring", style="Fremhævet overskrift")
    document.add_paragraph(BODY)
    document.save(str(tmp_path / "style.docx"))
    result = import_file(tmp_path / "style.docx")
    assert result.outcome == IMPORTED, result.reason
    assert ImplementationReport.objects.get().sections.get(theme="anchoring").text == BODY
