import copy
import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from codebook.models import Code, CodebookVersion
from coding.models import CodedPassage, Memo
from fieldwork.models import ExternalEvent, Factor, JointMeeting, Score, SiteAssessment, Visit
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from interop.jsonio.checking import DatasetImportError, parse_document
from interop.jsonio.exporter import export_dataset
from interop.jsonio.importer import import_dataset
from registry.models import Consultant, Programme, Site
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def build_dataset():
    evaluator = UserFactory(username="eva", role=Role.EVALUATOR)
    site = SiteFactory(code="LB", left_on=datetime.date(2019, 12, 31), left_reason="Lukket")
    other = SiteFactory(code="SK")
    UserFactory(username="team-lb", role=Role.TEAM_MEMBER, site=site)
    AssignmentFactory(
        site=site, consultant=ConsultantFactory(name="Konsulent A"), ends_on=datetime.date(2019, 6, 30)
    )
    member = TeamMemberFactory(site=site, name="Hanne", role="manager", is_lead=True)
    first = VisitFactory(site=site, planned_on=datetime.date(2018, 3, 1))
    first.participants.set([member])
    later = VisitFactory(site=site, planned_on=datetime.date(2018, 6, 1), phase="capacity_building")
    Visit.objects.create(
        site=site, planned_on=datetime.date(2018, 9, 1), status="cancelled", cancel_reason="Sygdom"
    )
    text = "Ledelsen går forrest. Der er ikke tid til supervision."
    report = ReportFactory(visit=first, sections={"leadership": text}, author=evaluator)
    competence = Code.objects.get(kind="driver", key="competence")
    FactorFactory(
        report=report,
        valence="inhibitor",
        statement="Ingen tid",
        driver=competence,
        mechanism=Code.objects.get(key="coaching"),
    )
    TrialActionFactory(agreed_at=first, followed_up_at=later, outcome="partly", learning="Svært i weekenden")
    TrialActionFactory(agreed_at=later)
    ReportFactory(visit=later)
    meeting = JointMeeting.objects.create(
        held_on=datetime.date(2019, 5, 14), title="Møde 1", minutes="Vi delte erfaringer."
    )
    meeting.sites.set([site, other])
    Factor.objects.create(joint_meeting=meeting, site=site, valence="promoter", statement="Sparring hjælper")
    ExternalEvent.objects.create(kind="pandemic", starts_on=datetime.date(2020, 3, 11))
    ExternalEvent.objects.create(site=site, kind="savings", starts_on=datetime.date(2019, 1, 1))
    assessment = SiteAssessment.objects.create(
        site=site,
        assessed_on=datetime.date(2019, 6, 1),
        leadership_style="democratic",
        culture_type="collaboration",
    )
    assessment.attention_points_worked.set(Code.objects.filter(kind="attention_point", number__in=[1, 4]))
    Score.objects.create(
        site=site,
        kind="fidelity",
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        value=3.5,
    )
    section = report.sections.get(theme="leadership")
    version = CodebookVersion.objects.get(number=1)
    a = CodedPassage.objects.create(
        section=section,
        start=0,
        end=21,
        text=text[0:21],
        coder=evaluator,
        codebook_version=version,
        driver=Code.objects.get(key="leadership", kind="driver"),
        valence="promoter",
    )
    b = CodedPassage.objects.create(
        joint_meeting=meeting,
        start=3,
        end=9,
        text="delte ",
        codebook_version=version,
        model_version="m1",
        origin="model",
        valence="neutral",
    )
    consensus = CodedPassage.objects.create(
        section=section,
        start=0,
        end=21,
        text=text[0:21],
        coder=evaluator,
        codebook_version=version,
        origin="consensus",
        valence="promoter",
    )
    consensus.consensus_of.set([a, b])
    Memo.objects.create(author=evaluator, title="Note", text="Stærk ledelse", target="site", site=site)


def wipe():
    Memo.objects.all().delete()
    CodedPassage.objects.all().delete()
    JointMeeting.objects.all().delete()
    ExternalEvent.objects.all().delete()
    User.objects.all().delete()
    Site.objects.all().delete()
    Consultant.objects.all().delete()
    Programme.objects.all().delete()


def comparable(data):
    data = copy.deepcopy(data)
    data.pop("exported_at")
    return data


def test_round_trip_is_lossless():
    build_dataset()
    first = export_dataset()
    wipe()
    summary = import_dataset(json.loads(json.dumps(first)))
    assert summary.counts["steder"] == 2
    second = export_dataset()
    assert comparable(second) == comparable(first)


def test_command_round_trip_through_files(tmp_path):
    build_dataset()
    out = tmp_path / "data.json"
    call_command("export", out=str(out))
    before = comparable(json.loads(out.read_text(encoding="utf-8")))
    wipe()
    call_command("import", str(out))
    assert comparable(export_dataset()) == before


def _broken(mutate):
    build_dataset()
    data = export_dataset()
    wipe()
    mutate(data)
    return data


def _problems(data):
    with pytest.raises(DatasetImportError) as info:
        import_dataset(data)
    return [str(p) for p in info.value.problems]


def test_every_problem_is_reported_with_its_place_and_nothing_is_written():
    def mutate(data):
        data["sites"][0]["joined_on"] = "2018-02-30"
        data["sites"][0]["programme"] = "XX"
        data["joint_meetings"][0]["sites"].append("NOPE")

    data = _broken(mutate)
    problems = _problems(data)
    assert any("$.sites[0].joined_on" in p for p in problems)
    assert Site.objects.count() == 0 and Programme.objects.count() == 0


def test_semantic_problems_are_all_reported():
    def mutate(data):
        site = next(s for s in data["sites"] if s["code"] == "LB")
        site["programme"] = "XX"
        action = next(a for a in site["trial_actions"] if a["followed_up_at"])
        action["agreed_at"], action["followed_up_at"] = action["followed_up_at"], action["agreed_at"]
        data["joint_meetings"][0]["sites"].append("NOPE")

    problems = _problems(_broken(mutate))
    assert any("programme" in p and "ukendt program 'XX'" in p for p in problems)
    assert any("followed_up_at" in p and "før" in p for p in problems)
    assert any("joint_meetings[0].sites[2]" in p and "NOPE" in p for p in problems)
    assert Site.objects.count() == 0 and JointMeeting.objects.count() == 0


def test_malformed_json_names_line_and_column():
    with pytest.raises(DatasetImportError) as info:
        parse_document(b'{"format": "drivkraft-dataset",\n "sites": [}')
    assert "linje 2" in str(info.value)


def test_import_command_refuses_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "drivkraft-dataset", "version": 1, "programmes": [], "sites": [{"code": 1}]}')
    with pytest.raises(CommandError, match="intet er indlæst"):
        call_command("import", str(path))
    assert Site.objects.count() == 0


def test_cpr_numbers_are_masked_on_import():
    def mutate(data):
        data["sites"][0]["visits"][0]["report"]["introduction"] = "Ung med cpr 010203-1234 flyttet."

    summary = import_dataset(_broken(mutate))
    assert summary.cpr_masked == 1
    assert "010203-1234" not in json.dumps(export_dataset(), ensure_ascii=False)


def test_dry_run_writes_nothing():
    build_dataset()
    data = export_dataset()
    wipe()
    summary = import_dataset(data, dry_run=True)
    assert summary.counts["steder"] == 2
    assert Site.objects.count() == 0


def test_codes_carry_their_english_description_and_older_files_without_it_still_import():
    build_dataset()
    data = export_dataset()
    shipped = {(c["kind"], c["key"]): c for c in data["codebook"]["codes"]}
    assert shipped[("valence", "promoter")]["description_en"] == "Conditions that promote the implementation."
    wipe()
    new = {"kind": "imported", "key": "tillid", "label_da": "Tillid", "name_en": "Trust"}
    data["codebook"]["codes"] += [
        {**new, "description_da": "Om tillid.", "description_en": "On trust."},
        {**new, "key": "ro", "label_da": "Ro", "name_en": "Calm", "description_da": "Om ro."},  # before the field
    ]
    import_dataset(data)
    assert Code.objects.get(key="tillid").description_en == "On trust."
    assert Code.objects.get(key="ro").description_en == ""
