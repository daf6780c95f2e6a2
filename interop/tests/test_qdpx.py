import datetime
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import Code, CodebookVersion, CodeKind
from coding.models import CodedPassage
from fieldwork.models import JointMeeting
from fieldwork.tests.factories import ReportFactory, VisitFactory
from interop.qdpx.export import NS, guid
from interop.qdpx.importer import _passage_fields
from registry.tests.factories import ProgrammeFactory, SiteFactory

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent / "data" / "Project.xsd"  # REFI-QDA QDA-XML 1.0, MIT licence (in the file)
LEADERSHIP = "Ledelsen går forrest og sætter klare rammer for implementeringen."
COMPETENCE = "Der er ikke tid til supervision, og vikarerne kender ikke metoden."


def code(kind, key):
    return Code.objects.get(kind=kind, key=key)


def passage(section, needle, coder, **codes):
    start = section.text.index(needle)
    return CodedPassage.objects.create(
        section=section,
        start=start,
        end=start + len(needle),
        text=needle,
        coder=coder,
        codebook_version=CodebookVersion.objects.get(number=1),
        **codes,
    )


@pytest.fixture
def coded():
    evaluator = UserFactory(username="eva", first_name="Eva", last_name="Evaluator", role=Role.EVALUATOR)
    other = UserFactory(username="ole", role=Role.EVALUATOR)
    site = SiteFactory(code="MG01", name="Skovhuset")
    first = ReportFactory(
        visit=VisitFactory(site=site, planned_on=datetime.date(2018, 3, 1)),
        introduction="Hele teamet var med.",
        sections={"leadership": LEADERSHIP, "promoters_inhibitors": COMPETENCE},
    )
    second = ReportFactory(
        visit=VisitFactory(site=site, planned_on=datetime.date(2018, 9, 1)),
        sections={"anchoring": "Følelseskompasset bruges nu ved alle morgenmøder."},
    )
    leadership = first.sections.get(theme="leadership")
    inhibitors = first.sections.get(theme="promoters_inhibitors")
    anchoring = second.sections.get(theme="anchoring")
    passage(
        leadership,
        "sætter klare rammer",
        evaluator,
        driver=code("driver", "leadership"),
        mechanism=code("mechanism", "technical_leadership"),
        valence="promoter",
    )
    passage(leadership, "sætter klare rammer", other, driver=code("driver", "leadership"), valence="promoter")
    passage(
        inhibitors,
        "ikke tid til supervision",
        evaluator,
        driver=code("driver", "competence"),
        mechanism=code("mechanism", "coaching"),
        valence="inhibitor",
        attention_point=code("attention_point", "ongoing_supervision"),
    )
    passage(
        anchoring, "Følelseskompasset", evaluator, driver=code("driver", "organisation"), valence="promoter"
    )
    meeting = JointMeeting.objects.create(
        held_on=datetime.date(2019, 5, 14),
        title="Erfaringsmøde 1",
        minutes="Alle steder savner tid til sparring.",
    )
    meeting.sites.set([site])
    CodedPassage.objects.create(
        joint_meeting=meeting,
        start=19,
        end=35,
        text=meeting.minutes[19:35],
        coder=evaluator,
        codebook_version=CodebookVersion.objects.get(number=1),
        driver=code("driver", "competence"),
        valence="inhibitor",
    )
    return {"site": site, "reports": [first, second], "meeting": meeting, "evaluator": evaluator}


def export(tmp_path, *args) -> Path:
    out = tmp_path / "projekt.qdpx"
    call_command("export_qdpx", "--out", str(out), *args, stdout=StringIO())
    return out


def codings_now() -> set:
    return {
        (
            p.section_id,
            p.joint_meeting_id,
            p.start,
            p.end,
            p.text,
            p.coder_id,
            p.driver_id,
            p.mechanism_id,
            p.valence,
            p.attention_point_id,
            p.extra_code_id,
        )
        for p in CodedPassage.objects.all()
    }


def test_export_validates_against_the_refi_qda_schema(coded, tmp_path):
    out = export(tmp_path)
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    if not XSD.is_file():
        pytest.skip(f"REFI-QDA Project.xsd not found: put it at {XSD} (qdasoftware.org, QDA-XML 1.0)")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(root), schema.error_log
    ns = {"q": NS}
    assert len(root.findall(".//q:TextSource", ns)) == 3
    users = {u.get("id") for u in root.findall(".//q:User", ns)}
    assert users == {"eva", "ole"}
    branches = [c.get("name") for c in root.findall("q:CodeBook/q:Codes/q:Code", ns)]
    assert branches[:3] == ["Drivere", "Valens", "Opmærksomhedspunkter"]
    competence = root.find(".//q:Code[@name='Kompetence']", ns)
    assert {c.get("name") for c in competence.findall("q:Code", ns)} >= {"Coaching og supervision"}
    case = root.find(".//q:Case", ns)
    assert case.get("name") == "MG01 Skovhuset"
    assert "MG" in [v.text for v in case.findall(".//q:TextValue", ns)]
    assert len(case.findall("q:SourceRef", ns)) == 2


def test_every_selection_points_at_exactly_the_coded_passage(coded, tmp_path):
    out = export(tmp_path)
    ns = {"q": NS}
    passages = {guid("passage", p.pk): p for p in CodedPassage.objects.all()}
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        checked = 0
        for source in root.findall(".//q:TextSource", ns):
            text = archive.read("sources/" + source.get("plainTextPath").removeprefix("internal://")).decode()
            for selection in source.findall("q:PlainTextSelection", ns):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                assert text[start:end] == passages[selection.get("guid")].text
                checked += 1
    assert checked == CodedPassage.objects.count() == 5


def test_export_of_one_programme(coded, tmp_path):

    rp = SiteFactory(code="RP01", programme=ProgrammeFactory(code="RP", name="Robusthedsprogrammet"))
    ReportFactory(visit=VisitFactory(site=rp))
    with zipfile.ZipFile(export(tmp_path, "--programme", "RP")) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    assert [c.get("name").split()[0] for c in root.iter(f"{{{NS}}}Case")] == ["RP01"]
    assert len(list(root.iter(f"{{{NS}}}TextSource"))) == 1


def test_round_trip_gives_the_same_codings(coded, tmp_path):
    before = codings_now()
    out = export(tmp_path)
    CodedPassage.objects.all().delete()
    codes_before = Code.objects.count()
    stdout = StringIO()
    call_command("import_qdpx", str(out), stdout=stdout)
    assert codings_now() == before
    assert Code.objects.count() == codes_before, "every exported code maps onto the codebook"
    assert "Kodede passager oprettet: 5" in stdout.getvalue()
    again = StringIO()
    call_command("import_qdpx", str(out), stdout=again)
    assert "fandtes allerede: 5" in again.getvalue()
    assert codings_now() == before


def test_dry_run_changes_nothing(coded, tmp_path):
    out = export(tmp_path)
    CodedPassage.objects.all().delete()
    stdout = StringIO()
    call_command("import_qdpx", str(out), "--dry-run", stdout=stdout)
    assert CodedPassage.objects.count() == 0
    assert "PRØVEKØRSEL" in stdout.getvalue() and "oprettet: 5" in stdout.getvalue()


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="NVivo-projekt" origin="NVivo">
  <Users>
    <User guid="{{AAAAAAAA-0000-0000-0000-000000000001}}" name="Eva Evaluator"/>
    <User guid="{{AAAAAAAA-0000-0000-0000-000000000002}}" name="Gæst"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="{{BBBBBBBB-0000-0000-0000-000000000001}}" name="Mine koder" isCodable="false">
      <Code guid="{{BBBBBBBB-0000-0000-0000-000000000002}}" name="LEADERSHIP" isCodable="true">
        <Code guid="{{BBBBBBBB-0000-0000-0000-000000000003}}" name="Coaching and supervision" isCodable="true"/>
      </Code>
      <Code guid="{{BBBBBBBB-0000-0000-0000-000000000004}}" name="Tillid" isCodable="true">
        <Description>Udsagn om tillid mellem ledelse og medarbejdere</Description>
        <Code guid="{{BBBBBBBB-0000-0000-0000-000000000005}}" name="Mistillid" isCodable="true"/>
      </Code>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{{CCCCCCCC-0000-0000-0000-000000000001}}" name="Interview-udskrift 3">
      <PlainTextContent>{text}</PlainTextContent>
      <PlainTextSelection guid="{{DDDDDDDD-0000-0000-0000-000000000001}}" startPosition="{s1}" endPosition="{e1}"
          creatingUser="{{AAAAAAAA-0000-0000-0000-000000000001}}">
        <Coding guid="{{EEEEEEEE-0000-0000-0000-000000000001}}" creatingUser="{{AAAAAAAA-0000-0000-0000-000000000001}}">
          <CodeRef targetGUID="{{BBBBBBBB-0000-0000-0000-000000000002}}"/>
        </Coding>
        <Coding guid="{{EEEEEEEE-0000-0000-0000-000000000002}}" creatingUser="{{AAAAAAAA-0000-0000-0000-000000000001}}">
          <CodeRef targetGUID="{{BBBBBBBB-0000-0000-0000-000000000004}}"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{{DDDDDDDD-0000-0000-0000-000000000002}}" startPosition="{s2}" endPosition="{e2}"
          creatingUser="{{AAAAAAAA-0000-0000-0000-000000000002}}">
        <Coding guid="{{EEEEEEEE-0000-0000-0000-000000000003}}">
          <CodeRef targetGUID="{{BBBBBBBB-0000-0000-0000-000000000003}}"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{{DDDDDDDD-0000-0000-0000-000000000003}}" startPosition="0" endPosition="9">
        <Coding guid="{{EEEEEEEE-0000-0000-0000-000000000004}}">
          <CodeRef targetGUID="{{BBBBBBBB-0000-0000-0000-000000000005}}"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="{{CCCCCCCC-0000-0000-0000-000000000002}}" name="Andet" plainTextPath="internal://andet.txt"/>
    <PictureSource guid="{{CCCCCCCC-0000-0000-0000-000000000003}}" name="Foto" path="internal://foto.jpg">
      <PictureSelection guid="{{DDDDDDDD-0000-0000-0000-000000000009}}" firstX="1" firstY="1" secondX="5" secondY="5"/>
    </PictureSource>
    <PDFSource guid="{{CCCCCCCC-0000-0000-0000-000000000004}}" name="Notat" path="internal://notat.pdf"/>
  </Sources>
</Project>
"""


def foreign_file(tmp_path, text: str, first: str, second: str) -> Path:
    s1 = text.index(first)
    s2 = text.index(second)
    xml = FOREIGN.format(text=text, s1=s1, e1=s1 + len(first), s2=s2, e2=s2 + len(second))
    path = tmp_path / "nvivo.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml.encode("utf-8"))
        archive.writestr("sources/andet.txt", b"En tekst der ikke findes i nogen rapport.")
    return path


def test_import_from_another_tool(coded, tmp_path):
    CodedPassage.objects.all().delete()
    # The interview holds a CPR number before the coded text: masking shifts the offsets.
    text = f"Samtale med 010203-1234 om forløbet.\n{LEADERSHIP}\n{COMPETENCE}\n"
    path = foreign_file(tmp_path, text, "klare rammer", "vikarerne kender ikke metoden")
    stdout = StringIO()
    call_command("import_qdpx", str(path), stdout=stdout)
    output = stdout.getvalue()
    first = coded["reports"][0]
    leadership = first.sections.get(theme="leadership")
    inhibitors = first.sections.get(theme="promoters_inhibitors")

    root = Code.objects.get(kind=CodeKind.IMPORTED, label_da="Importeret fra nvivo.qdpx")
    tillid = Code.objects.get(kind=CodeKind.IMPORTED, label_da="Tillid")
    assert tillid.parent.label_da == "Mine koder" and tillid.parent.parent == root, "the tree is kept"
    assert tillid.description_da.startswith("Udsagn om tillid")
    assert Code.objects.get(kind=CodeKind.IMPORTED, label_da="Mistillid").parent == tillid

    on_leadership = CodedPassage.objects.get(section=leadership, driver__isnull=False)
    assert on_leadership.text == "klare rammer"
    assert leadership.text[on_leadership.start : on_leadership.end] == "klare rammer"
    assert on_leadership.driver == code("driver", "leadership")
    assert on_leadership.extra_code == tillid
    assert on_leadership.coder == coded["evaluator"]
    assert on_leadership.origin == "imported"
    coaching = CodedPassage.objects.get(section=inhibitors)
    assert coaching.mechanism == code("mechanism", "coaching") and coaching.driver == code(
        "driver", "competence"
    )
    assert coaching.coder is None
    assert "Gæst" in output
    assert "Understøttes ikke – billeder: 1" in output and "PDF-kilder: 1" in output
    assert "markeringer i billeder: 1" in output
    assert "Andet" in output and "uden matchende rapport" in output
    assert "1 CPR-numre" in output
    assert "markeringer hvis tekst ikke findes i rapporten: 1" in output


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", None],
    ids=["not-a-zip", "no-project-qde"],
)
def test_bad_file_is_refused_and_changes_nothing(coded, tmp_path, content):
    path = tmp_path / "bad.qdpx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("sources/x.txt", "x")
    else:
        path.write_bytes(content)
    before = (codings_now(), Code.objects.count())
    with pytest.raises(CommandError, match="Intet er ændret"):
        call_command("import_qdpx", str(path), stdout=StringIO())
    assert (codings_now(), Code.objects.count()) == before


def test_error_midway_rolls_back_everything(coded, tmp_path):
    CodedPassage.objects.all().delete()
    text = f"{LEADERSHIP}\n{COMPETENCE}\n"
    path = foreign_file(tmp_path, text, "klare rammer", "vikarerne kender ikke metoden")
    xml = (
        zipfile.ZipFile(path)
        .read("project.qde")
        .decode()
        .replace(
            'name="Andet" plainTextPath="internal://andet.txt"',
            'name="Andet" plainTextPath="internal://mangler.txt"',
        )
    )
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("project.qde", xml)
    codes = Code.objects.count()
    with pytest.raises(CommandError, match="mangler.txt"):
        call_command("import_qdpx", str(broken), stdout=StringIO())
    assert CodedPassage.objects.count() == 0 and Code.objects.count() == codes


def test_codes_of_one_selection_make_consistent_passages():

    leadership, coaching = code("driver", "leadership"), code("mechanism", "coaching")
    theme, phase = code("theme", "anchoring"), code("phase", "preparation")
    first, second, third = _passage_fields([leadership, coaching, code("valence", "promoter"), theme, phase])
    assert (first["driver"], first["mechanism"], first["valence"], first["extra_code"]) == (
        leadership,
        None,
        "promoter",
        theme,
    )
    assert (second["driver"], second["mechanism"]) == (code("driver", "competence"), coaching)
    assert third == {
        "driver": None,
        "mechanism": None,
        "valence": "",
        "attention_point": None,
        "extra_code": phase,
    }


def test_export_refuses_unknown_programme(tmp_path):
    with pytest.raises(CommandError, match="Ukendt program"):
        call_command("export_qdpx", "--out", str(tmp_path / "x.qdpx"), "--programme", "ZZ", stdout=StringIO())
