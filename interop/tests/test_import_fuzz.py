"""Generated bad input for the Word and REFI-QDA importers: a clear refusal or a clean import, never a
crash with a traceback, never a partial write. FUZZ_EXAMPLES sets the number of cases per property."""

import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from codebook.models import Code
from coding.models import CodedPassage
from fieldwork.models import ImplementationReport, ReportSection, Visit
from fieldwork.tests.factories import ReportFactory
from interop.docx_import.importing import IMPORTED, REFUSED, SKIPPED, import_file
from interop.qdpx.export import export_qdpx
from interop.qdpx.importer import import_qdpx
from interop.qdpx.reader import QdpxError
from registry.models import Site
from registry.tests.factories import SiteFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADINGS = [
    "Arbejde med fremmere og hæmmere",
    "1. Organisatoriske forhold og kultur",
    "IMPLEMENTERINGSPROCESSEN",
    "Implementerings teamet",
    "Ledelse",
    "Graden af forankring",
    "Sted:",
    "Dato:",
    "Fase:",
    "Random",
]
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


def _counts():
    return (Visit.objects.count(), ImplementationReport.objects.count(), ReportSection.objects.count())


@pytest.mark.django_db
@FUZZ
@given(
    blocks=st.lists(
        st.tuples(
            st.sampled_from(["heading1", "heading2", "bold", "plain", "table"]),
            st.sampled_from(HEADINGS),
            words,
        ),
        max_size=14,
    ),
    site_line=st.sampled_from(["Sted: FZ1", "Sted: ukendt", "", "Sted: Opholdsstedet Fuzz"]),
    date_line=st.sampled_from(
        ["Dato: 12.03.2019", "Dato: 31.02.2019", "Dato: i går", "", "Dato: 2019-03-12"]
    ),
)
def test_generated_word_documents_are_imported_whole_or_refused(
    tmp_path_factory, blocks, site_line, date_line
):
    _ensure_site()
    document = Document()
    for line in (site_line, date_line):
        if line:
            document.add_paragraph(line)
    for kind, heading, text in blocks:
        if kind.startswith("heading"):
            document.add_heading(heading, level=int(kind[-1]))
        elif kind == "bold":
            document.add_paragraph().add_run(heading).bold = True
        elif kind == "table":
            table = document.add_table(rows=1, cols=2)
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = heading, text
        document.add_paragraph(text)
    path = tmp_path_factory.mktemp("docx") / "rapport.docx"
    document.save(path)
    before = _counts()
    result = import_file(path)
    assert result.outcome in (IMPORTED, SKIPPED, REFUSED)
    if result.outcome != IMPORTED:
        assert result.reason
        assert _counts() == before


def _ensure_site():

    if not Site.objects.filter(code="FZ1").exists():
        SiteFactory(code="FZ1", name="Opholdsstedet Fuzz")


@pytest.mark.django_db
@FUZZ
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_word_files_are_refused(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("docx") / "skrald.docx"
    path.write_bytes(raw)
    result = import_file(path)
    assert result.outcome == REFUSED and result.reason


@pytest.fixture
def exported_qdpx(tmp_path):
    report = ReportFactory(sections={"leadership": "Ledelsen bakker op. Der er ikke tid til supervision."})
    section = report.sections.get(theme="leadership")
    CodedPassage.objects.create(
        section=section,
        start=0,
        end=19,
        text=section.text[:19],
        codebook_version_id=1,
        driver=Code.objects.get(kind="driver", key="leadership"),
        valence="promoter",
    )
    path = tmp_path / "projekt.qdpx"
    export_qdpx(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return members


def _write(members: dict[str, bytes], path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _mutated_project(xml: bytes, choices: list[int], value: str) -> bytes:
    root = etree.fromstring(xml)
    elements = list(root.iter())
    target = elements[choices[0] % len(elements)]
    action = choices[1] % 4
    if action == 0 and target.getparent() is not None:
        target.getparent().remove(target)
    elif action == 1 and target.attrib:
        name = sorted(target.attrib)[choices[2] % len(target.attrib)]
        target.attrib[name] = value
    elif action == 2 and target.attrib:
        del target.attrib[sorted(target.attrib)[choices[2] % len(target.attrib)]]
    else:
        target.text = value
    return etree.tostring(root)


@pytest.mark.django_db
@FUZZ
@given(
    choices=st.lists(st.integers(0, 10_000), min_size=3, max_size=3),
    value=st.one_of(words, st.integers(-5, 10_000).map(str), st.just("not-a-guid")),
)
def test_mutated_qdpx_projects_are_refused_or_imported_whole(exported_qdpx, tmp_path_factory, choices, value):
    members = dict(exported_qdpx)
    members["project.qde"] = _mutated_project(members["project.qde"], choices, value)
    path = tmp_path_factory.mktemp("qdpx") / "mutated.qdpx"
    _write(members, path)
    before = (CodedPassage.objects.count(), Code.objects.count())
    try:
        import_qdpx(path)
    except (QdpxError, ValidationError) as error:
        assert str(error)
        assert (CodedPassage.objects.count(), Code.objects.count()) == before


@pytest.mark.django_db
@FUZZ
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_qdpx_are_refused(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("qdpx") / "skrald.qdpx"
    path.write_bytes(raw)
    with pytest.raises(QdpxError):
        import_qdpx(path)


def test_mutation_helper_changes_the_document():
    xml = b'<Project xmlns="urn:x"><A name="a"/><B/></Project>'
    assert b'name="z"' in _mutated_project(xml, [1, 1, 0], "z")
