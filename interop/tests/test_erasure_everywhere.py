"""After `erase-site`, no name, title or sentence of the site is found in any table, in the audit log,
in other sites' joint-meeting minutes and titles, or by search."""

import datetime
import json

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from accounts.tests.test_cpr_everywhere import FIELDS
from analysis.models import CapacityRating, DegreeOverride, MatrixRating
from audit.models import AuditEntry
from audit.services import acting_as
from coding.models import Code, CodebookVersion, CodedPassage, Memo
from decisions.models import ReadinessAssessment
from decisions.tests.factories import saved_assessment
from fieldwork import search
from fieldwork.models import ExternalEvent, Factor, JointMeeting
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory
from interop.erasure_text import apply_cuts, cuts_for, moved_span
from registry.models import Department
from registry.tests.factories import SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
D = datetime.date(2019, 5, 14)
ERASED_NAMES = ["Solsikkehuset", "Hanne Fjordholm", "Fjordholm", "Bakkehuset", "Kløvervej 7", "Sigrid Lyngby"]
ERASED_SENTENCES = [
    "Zebrametoden bruges ved hvert morgenmøde i huset.",
    "Papegøjeskemaet hænger nu i alle fællesrum.",
    "Vi prøver flamingosamtaler om aftenen.",
    "Hun fortalte om giraffrunderne med de unge.",
    "Pelikanlisten blev droppet efter to uger.",
]
KEPT = "Birkely fortalte om kaffemøderne med tydelige roller."


def _site_with_everything(code: str, name: str, member: str, sentences: list[str]):
    site = SiteFactory(code=code, name=name, target_group_notes=sentences[0], left_reason="")
    TeamMemberFactory(site=site, name=member)
    user = UserFactory(username=f"team-{code}", role=Role.TEAM_MEMBER, site=site)
    report = ReportFactory(visit__site=site, sections={"leadership": sentences[0], "staff": sentences[1]})
    FactorFactory(report=report, statement=sentences[2], quote=sentences[3])
    TrialActionFactory(agreed_at=report.visit, aim=sentences[4], carried_by=member)
    return site, user, report


def _world():
    with acting_as(None, name="test"):
        site, user, report = _site_with_everything(
            "SOL", "Solsikkehuset", "Hanne Fjordholm", ERASED_SENTENCES
        )
        User.objects.filter(pk=user.pk).update(first_name="Sigrid", last_name="Lyngby")
        Department.objects.create(site=site, name="Bakkehuset", address="Kløvervej 7")
        other, _, _ = _site_with_everything("BIR", "Birkely", "Jens Krog", [KEPT] * 5)
        meeting = JointMeeting.objects.create(
            held_on=D,
            title="Møde mellem Solsikkehuset og Birkely",
            minutes=(
                "Til stede var Solsikkehuset og Birkely.\n\n"
                f"Fra Solsikkehuset fortalte Hanne Fjordholm: {ERASED_SENTENCES[1].lower()}\n\n"
                f"{KEPT}"
            ),
        )
        meeting.sites.set([site, other])
        Factor.objects.create(
            joint_meeting=meeting, site=site, valence="promoter", statement=ERASED_SENTENCES[1]
        )
        Factor.objects.create(joint_meeting=meeting, site=other, valence="promoter", statement=KEPT)
        version = CodebookVersion.objects.get(number=1)
        start = meeting.minutes.index(KEPT)
        kept_passage = CodedPassage.objects.create(
            joint_meeting=meeting,
            start=start,
            end=start + len(KEPT),
            text=KEPT,
            codebook_version=version,
            valence="promoter",
        )
        code = Code.objects.get(kind="driver", key="competence")
        Memo.objects.create(
            author=UserFactory(), title="Om Solsikkehuset", text=ERASED_SENTENCES[2], target="site", site=site
        )
        MatrixRating.objects.create(site=site, code=code, rating=1, summary=ERASED_SENTENCES[3])
        mechanism = Code.objects.filter(kind="mechanism").first()
        CapacityRating.objects.create(
            site=site, period="2019", mechanism=mechanism, status="in_place", note=ERASED_SENTENCES[4]
        )
        DegreeOverride.objects.create(site=site, degree="high", reason=ERASED_SENTENCES[0])
        ExternalEvent.objects.create(site=site, kind="savings", starts_on=D, description=ERASED_SENTENCES[2])
        saved_assessment(site=site)
        ReadinessAssessment.objects.filter(site=site).update(label="Solsikkehuset")
    search.search_rebuild()
    return site, meeting, kept_passage


def _found(strings: list[str]) -> list[str]:
    found = []
    for model, field in FIELDS:
        for value in model._default_manager.values_list(field.name, flat=True):
            for string in strings:
                if value and string.lower() in value.lower():
                    found.append(f"{model._meta.label}.{field.name}: {string}")
    for entry in AuditEntry.objects.all():
        blob = json.dumps(
            [entry.before, entry.after, entry.object_repr, entry.note], ensure_ascii=False
        ).lower()
        found += [f"audit {entry.model}: {s}" for s in strings if s.lower() in blob]
    admin = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    for string in strings:
        word = max(string.split(), key=len).strip(".:")
        found += [f"search: {word}" for hit in search.search_texts(admin, word)]
    return found


def test_erase_site_leaves_no_name_title_or_sentence_anywhere():
    site, meeting, kept_passage = _world()
    assert len(_found(ERASED_NAMES + ERASED_SENTENCES)) > 20  # the strings are there to be found
    call_command("erase_site", site.code, confirm=True)
    assert _found(ERASED_NAMES + ERASED_SENTENCES) == []
    meeting.refresh_from_db()
    assert KEPT in meeting.minutes and "Birkely" in meeting.title
    kept_passage.refresh_from_db()
    assert meeting.minutes[kept_passage.start : kept_passage.end] == KEPT
    assert search.search_texts(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True), "kaffemøderne")


def test_cuts_keep_other_text_and_move_passages():
    text = "Til stede var Sol og Bir.\n\nFra Sol: vi gør det.\n\nBir: godt."
    cuts = cuts_for(text, statements=["Vi gør det."], tokens={"Sol"})
    assert apply_cuts(text, cuts) == "Til stede var [slettet] og Bir.\n\n[slettet]\n\nBir: godt."
    start = text.index("Bir: godt.")
    new_start, new_end = moved_span(start, start + 10, cuts)
    assert apply_cuts(text, cuts)[new_start:new_end] == "Bir: godt."
    assert moved_span(text.index("vi gør"), text.index("vi gør") + 6, cuts) is None
