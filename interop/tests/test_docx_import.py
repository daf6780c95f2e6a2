import datetime
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from fieldwork.models import ImplementationReport, Visit
from interop.docx_import.importing import IMPORTED, REFUSED, SKIPPED, import_file
from interop.docx_import.parsing import match_theme, parse_blocks, parse_date
from interop.docx_import.reading import read_blocks
from interop.docx_import.template import build_template
from registry.tests.factories import AssignmentFactory, SiteFactory

pytestmark = pytest.mark.django_db

THEMES = [
    "Arbejde med fremmere og hæmmere",
    "Organisatoriske forhold og kultur",
    "Implementeringsprocessen",
    "Implementeringsteamet",
    "Ledelse",
    "Graden af forankring",
]
TEXT = {
    0: "Teamet oplever, at den kollegiale sparring er en fremmer, men vikarerne kender ikke metoden.",
    1: "Der er en samarbejdsorienteret kultur, og personalet mødes hver uge om børnene.",
    2: "Stedet er i gang med at afprøve følelseskompasset ved morgenmøderne og i logbogen.",
    3: "Teamet har fået et klart mandat fra ledelsen og mødes hver fjortende dag.",
    4: "Lederen går forrest og har besluttet, at programmet er stedets tilgang.",
    5: "Programmet er skrevet ind i handleplanerne, men ikke i statusrapporterne endnu.",
}


@pytest.fixture
def site():
    site = SiteFactory(code="MG03", name="Engly")
    AssignmentFactory(site=site)
    return site


def standard(
    path: Path, *, site="MG03", date="14.05.2019", phase="Kapacitetsopbygning", themes=range(6)
) -> Path:
    document = docx.Document()
    document.add_heading("Implementeringsrapport", level=0)
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows, (("Sted", site), ("Dato", date), ("Fase", phase)), strict=True
    ):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Samtalen blev holdt med hele teamet, og lederen (CPR 010203-1234) var med.")
    for index in themes:
        document.add_heading(f"{index + 1}. {THEMES[index]}", level=1)
        document.add_paragraph(TEXT[index])
    document.save(str(path))
    return path


def test_standard_document_is_imported_whole(site, tmp_path):
    result = import_file(standard(tmp_path / "rapport.docx"))
    assert result.outcome == IMPORTED, result.reason
    report = ImplementationReport.objects.get(pk=result.report_id)
    assert report.visit.site == site and report.visit.held_on == datetime.date(2019, 5, 14)
    assert report.visit.status == "held" and report.visit.phase == "capacity_building"
    assert report.visit.consultant is not None
    texts = {s.theme: s.text for s in report.sections.all()}
    assert texts["leadership"] == TEXT[4] and texts["anchoring"] == TEXT[5]
    assert "010203-1234" not in report.introduction and "[CPR-nummer fjernet]" in report.introduction
    assert "1 CPR-numre maskeret" in result.notes


def test_bold_paragraphs_header_lines_and_sloppy_headings(site, tmp_path):
    document = docx.Document()
    document.add_paragraph("Sted: Engly")
    document.add_paragraph("Dato: 3. marts 2019")
    document.add_paragraph("Fase: forudsætnings-analyse")
    document.add_paragraph("Kort indledning om besøget hos teamet på stedet.")
    headings = [
        "I) ARBEJDE MED FREMMERE OG HÆMMERE",
        "2 - Organisatoriske forhold og kulture",
        "Tema 3: Implementerings processen",
        "4. implementeringsteamet",
        "5. Ledelsen",
        "6. Graden af forankering",
    ]
    for index, heading in enumerate(headings):
        document.add_paragraph().add_run(heading).bold = True
        document.add_paragraph(TEXT[index])
    path = tmp_path / "fed.docx"
    document.save(str(path))
    result = import_file(path)
    assert result.outcome == IMPORTED, result.reason
    report = ImplementationReport.objects.get(pk=result.report_id)
    assert report.visit.held_on == datetime.date(2019, 3, 3) and report.visit.phase == "prerequisite_analysis"
    assert {s.theme: s.text for s in report.sections.all()} == {
        key: TEXT[index]
        for index, key in enumerate(
            [
                "promoters_inhibitors",
                "organisation_culture",
                "implementation_process",
                "implementation_team",
                "leadership",
                "anchoring",
            ]
        )
    }
    assert report.introduction == "Kort indledning om besøget hos teamet på stedet."
    assert not [note for note in result.notes if "mangler" in note]


def test_table_inside_a_section_is_kept_as_text(site, tmp_path):
    path = standard(tmp_path / "tabel.docx", themes=range(6))
    document = docx.Document(str(path))
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Prøvehandling", "Ansvarlig"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Følelseskompas ved aftensmad", "Hanne"
    document.save(str(path))
    result = import_file(path)
    assert result.outcome == IMPORTED
    anchoring = ImplementationReport.objects.get(pk=result.report_id).sections.get(theme="anchoring").text
    assert anchoring == TEXT[5] + "\n\nPrøvehandling | Ansvarlig\nFølelseskompas ved aftensmad | Hanne"


def test_missing_theme_is_imported_and_reported(site, tmp_path):
    result = import_file(standard(tmp_path / "mangler.docx", themes=[0, 1, 2, 4, 5]))
    assert result.outcome == IMPORTED
    assert any("Implementeringsteamet" in note for note in result.notes)
    report = ImplementationReport.objects.get(pk=result.report_id)
    assert report.sections.get(theme="implementation_team").text == ""
    assert report.sections.count() == 6


def test_english_document_is_refused(site, tmp_path):
    document = docx.Document()
    document.add_paragraph("Site: MG03")
    document.add_paragraph("Date: 14.05.2019")
    for theme in THEMES:
        document.add_heading(theme, level=1)
        document.add_paragraph(
            "The team says that the supervision is working well and that the staff are using the tools "
            "in their daily work with the young people, which is what the management wanted."
        )
    path = tmp_path / "english.docx"
    document.save(str(path))
    result = import_file(path)
    assert result.outcome == REFUSED and "dansk" in result.reason
    assert not ImplementationReport.objects.exists()


@pytest.mark.parametrize(
    "kwargs, reason",
    [
        ({"site": "Ukendt Hus"}, "ukendt sted"),
        ({"date": ""}, "ingen dato"),
        ({"date": "i foråret"}, "kan ikke læses"),
        ({"phase": ""}, "fasen mangler"),
        ({"date": "01.01.2099"}, "fremtiden"),
    ],
)
def test_refused_with_reason(site, tmp_path, kwargs, reason):
    result = import_file(standard(tmp_path / "x.docx", **kwargs))
    assert result.outcome == REFUSED and reason in result.reason
    assert not ImplementationReport.objects.exists() and not Visit.objects.exists()


def test_malformed_file_is_refused(site, tmp_path):
    path = tmp_path / "ødelagt.docx"
    path.write_bytes(b"this is not a zip file")
    result = import_file(path)
    assert result.outcome == REFUSED and "ZIP" in result.reason


def test_same_site_and_date_is_skipped(site, tmp_path):
    first = import_file(standard(tmp_path / "a.docx"))
    again = import_file(standard(tmp_path / "b.docx"))
    assert first.outcome == IMPORTED and again.outcome == SKIPPED
    assert ImplementationReport.objects.count() == 1


def test_existing_planned_visit_is_used(site, tmp_path):
    visit = Visit.objects.create(site=site, planned_on=datetime.date(2019, 5, 14))
    result = import_file(standard(tmp_path / "a.docx"))
    visit.refresh_from_db()
    assert result.outcome == IMPORTED and visit.report.pk == result.report_id and visit.status == "held"


def test_command_over_a_folder_ends_with_a_table_and_dry_run_saves_nothing(site, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    standard(folder / "1-god.docx")
    standard(folder / "2-ukendt.docx", site="XX99")
    (folder / "3-ødelagt.docx").write_bytes(b"junk")
    out = StringIO()
    with pytest.raises(CommandError, match="2 af 3 filer blev afvist"):
        call_command("import_docx", str(folder), "--dry-run", stdout=out)
    assert not ImplementationReport.objects.exists()
    assert "PRØVEKØRSEL" in out.getvalue()
    out = StringIO()
    with pytest.raises(CommandError, match="2 af 3 filer blev afvist"):
        call_command("import_docx", str(folder), stdout=out)
    text = out.getvalue()
    assert "1 importeret, 0 sprunget over, 2 afvist." in text
    assert "ukendt sted: 'XX99'" in text and "ZIP" in text
    assert ImplementationReport.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("import_docx", str(tmp_path / "findes-ikke.docx"), stdout=StringIO())


def test_filled_in_template_is_imported(site, tmp_path):
    path = build_template(tmp_path / "skabelon.docx")
    document = docx.Document(str(path))
    table = document.tables[0]
    for row, value in zip(table.rows[:3], ("MG03", "2019-10-01", "Tilpasning og forankring"), strict=True):
        row.cells[1].paragraphs[0].text = value
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    for heading, text in zip(headings[1:], TEXT.values(), strict=True):
        heading._p.addnext(document.add_paragraph(text)._p)
    headings[0]._p.addnext(document.add_paragraph("Hele teamet deltog i samtalen.")._p)
    document.save(str(path))
    result = import_file(path)
    assert result.outcome == IMPORTED, result.reason
    report = ImplementationReport.objects.get(pk=result.report_id)
    assert report.introduction == "Hele teamet deltog i samtalen."
    assert report.visit.phase == "adaptation_anchoring"
    assert report.sections.get(theme="leadership").text == TEXT[4]
    assert not result.notes


def test_theme_matching_and_dates():
    assert match_theme("3) IMPLEMENTERINGSPROCESSEN") == "implementation_process"
    assert match_theme("Implementeringsteamet") == "implementation_team"
    assert match_theme("Bilag") is None
    assert parse_date("14.5.2019") == datetime.date(2019, 5, 14)
    assert parse_date("2019-05-14") == datetime.date(2019, 5, 14)
    assert parse_date("14. maj 2019") == datetime.date(2019, 5, 14)
    assert parse_date("31.02.2019") is None


def test_make_report_template_command(tmp_path):

    out = tmp_path / "skabelon.docx"
    call_command("make_report_template", "--out", str(out), stdout=StringIO())
    parsed = parse_blocks(read_blocks(out))
    assert set(parsed.sections) == set(match_theme(name) for name in THEMES)
    assert parsed.introduction == "" and all(text == "" for text in parsed.sections.values())
