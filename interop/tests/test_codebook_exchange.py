"""REFI-QDA codebooks (.qdc): Taguette's come in, ours go out with the GUIDs of our .qdpx."""

import uuid
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from codebook.models import Code, CodeKind
from interop.qdpx.codebook import CODEBOOK_NS
from interop.qdpx.export import NS, code_guid

pytestmark = pytest.mark.django_db
TAGUETTE = uuid.UUID("51B2B2B7-27EB-4ECB-9D56-E75B0A0496C2")  # Taguette derives its tag GUIDs from it


def taguette_qdc(path, tags):
    """A codebook as Taguette 1.4 writes it: flat, upper-case uuid5 GUIDs, no descriptions, empty Sets."""
    codes = "".join(
        f'<Code guid="{str(uuid.uuid5(TAGUETTE, tag)).upper()}" name="{tag}" isCodable="true"/>'
        for tag in tags
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>{codes}</Codes>'
        "<Sets/></CodeBook>",
        encoding="utf-8",
    )
    return path


def test_taguette_codebook_maps_known_codes_and_adds_the_rest(tmp_path):
    path = taguette_qdc(tmp_path / "taguette.qdc", ["Kompetence", "Hæmmer", "tillid", "tillid.mistillid"])
    before = Code.objects.count()
    out = StringIO()
    call_command("import_codebook", str(path), stdout=out)
    assert "Genkendt i kodebogen: 2" in out.getvalue()
    added = set(Code.objects.filter(kind=CodeKind.IMPORTED).values_list("label_da", flat=True))
    assert added == {"Importeret fra taguette.qdc", "tillid", "tillid.mistillid"}
    assert Code.objects.count() == before + 3
    call_command("import_codebook", str(path), stdout=StringIO())
    assert Code.objects.count() == before + 3, "a second import adds nothing"


def test_dry_run_adds_nothing(tmp_path):
    before = Code.objects.count()
    out = StringIO()
    call_command("import_codebook", str(taguette_qdc(tmp_path / "t.qdc", ["ny"])), "--dry-run", stdout=out)
    assert "PRØVEKØRSEL" in out.getvalue() and "+ ny" in out.getvalue()
    assert Code.objects.count() == before


def test_our_codebook_goes_out_with_the_guids_of_our_project_files(tmp_path):
    out = tmp_path / "kodebog.qdc"
    call_command("export_codebook", "--out", str(out), stdout=StringIO())
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook" and root.get("origin") == "Drivkraft"
    codes = root.findall(".//c:Code", {"c": CODEBOOK_NS})
    leadership = Code.objects.get(kind=CodeKind.DRIVER, key="leadership")
    assert any(c.get("guid") == code_guid(leadership) and c.get("name") == leadership.label_da for c in codes)
    assert not root.findall(f".//{{{NS}}}Code"), "no element left in the project namespace"

    project = tmp_path / "projekt.qdpx"
    call_command("export_qdpx", "--out", str(project), stdout=StringIO())
    with zipfile.ZipFile(project) as archive:
        in_project = etree.fromstring(archive.read("project.qde")).findall(".//p:Code", {"p": NS})
    assert [c.get("guid") for c in codes] == [c.get("guid") for c in in_project]


def test_our_codebook_comes_back_without_new_codes(tmp_path):
    out = tmp_path / "kodebog.qdc"
    call_command("export_codebook", "--out", str(out), stdout=StringIO())
    before = Code.objects.count()
    report = StringIO()
    call_command("import_codebook", str(out), stdout=report)
    assert Code.objects.count() == before
    assert "Tilføjet under «Importeret fra kodebog.qdc»: 0" in report.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ikke xml", "ikke gyldig XML"),
        ('<Project xmlns="urn:QDA-XML:project:1.0"/>', "ikke en REFI-QDA-kodebog"),
        ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "ingen koder"),
    ],
)
def test_a_bad_codebook_is_refused_and_changes_nothing(tmp_path, content, message):
    path = tmp_path / "daarlig.qdc"
    path.write_text(content, encoding="utf-8")
    before = Code.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_codebook", str(path), stdout=StringIO())
    assert Code.objects.count() == before


def test_our_codebook_has_the_structure_of_the_refi_codebook_type(tmp_path):
    """No Codebook.xsd is kept here; its CodeBookType is the one of Project.xsd, so the codebook,
    moved into the project namespace inside a Project, must validate against that."""
    xsd = Path(__file__).parent / "data" / "Project.xsd"
    if not xsd.is_file():
        pytest.skip(f"REFI-QDA Project.xsd not found: put it at {xsd} (qdasoftware.org, QDA-XML 1.0)")
    out = tmp_path / "kodebog.qdc"
    call_command("export_codebook", "--out", str(out), stdout=StringIO())
    codebook = etree.parse(str(out)).getroot()
    for element in codebook.iter():
        element.tag = element.tag.replace(CODEBOOK_NS, NS)
    for attribute in ("origin", "creationDateTime"):
        codebook.attrib.pop(attribute, None)
    project = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name="Kodebog")
    project.append(codebook)
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(project), schema.error_log
