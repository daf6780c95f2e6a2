"""Every change with its real actor (many-to-many included), and every path that shows report text or
statements to others than the site's consultant and team records the read."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.url_table import build_world
from audit.models import AuditEntry
from audit.reads import reading_for, reads_captured, record_reads, stop_reading
from audit.services import acting_as
from coding.models import CodedPassage
from coding.tests.url_permissions_rounds import _round
from fieldwork import search
from fieldwork.models import ImplementationReport, JointMeeting
from fieldwork.tests.factories import VisitFactory
from registry.tests.factories import SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
PASSWORD = "korrekt-hest-batteri"


@pytest.fixture
def world():
    with acting_as(None, name="test"):
        built = build_world()
        search.search_rebuild()
    return built


def _api(world, role: str):
    out = StringIO()
    call_command("token", world.users[role].username, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")
    return client


def test_a_login_is_recorded_as_the_person_not_as_system(world):
    user = world.users["evaluator"]
    Client().post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    entry = AuditEntry.objects.filter(model="accounts.User", object_pk=str(user.pk)).latest("id")
    assert entry.actor == user and entry.actor_name == user.username
    assert "last_login" in entry.after


def test_a_change_through_the_api_token_is_recorded_as_its_user(world):
    factor = world.factors["allowed"]
    response = _api(world, "consultant").patch(
        f"/api/factors/{factor.pk}/",
        {"statement": "Ny formulering", "version": factor.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.filter(model="fieldwork.Factor", object_pk=str(factor.pk)).latest("id")
    assert entry.actor_name == world.users["consultant"].username


def test_many_to_many_changes_are_recorded_from_either_side():
    with acting_as(None, name="tester"):
        site, other = SiteFactory(), SiteFactory()
        visit = VisitFactory(site=site)
        member = TeamMemberFactory(site=site)
        visit.participants.add(member)
        visit.participants.remove(member)
        meeting = JointMeeting.objects.create(held_on=visit.held_on, title="Møde", minutes="")
        meeting.sites.set([site])
        other.joint_meetings.add(meeting)
    participants = AuditEntry.objects.filter(
        model="fieldwork.Visit", object_pk=str(visit.pk), action="update"
    )
    changes = [(e.before, e.after) for e in participants.order_by("id")]
    assert ({"participants": []}, {"participants": [member.pk]}) in changes
    assert ({"participants": [member.pk]}, {"participants": []}) in changes
    assert AuditEntry.objects.filter(
        model="fieldwork.JointMeeting", after={"sites": [site.pk]}, actor_name="tester"
    ).exists()
    assert AuditEntry.objects.filter(
        model="registry.Site", object_pk=str(other.pk), after={"joint_meetings": [meeting.pk]}
    ).exists()


def _paths(world) -> dict[str, str]:
    """Every page, download and API list that shows report text or statements of the site."""
    report, site, meeting = world.reports["forbidden"], world.sites["forbidden"], world.joint_meeting
    coding_round = _round(world, "forbidden")
    return {
        "report page": reverse("fieldwork:report_detail", kwargs={"pk": report.pk}),
        "coding workspace": reverse("coding:report", kwargs={"report_id": report.pk}),
        "round coding": reverse(
            "coding_rounds:code_report", kwargs={"pk": coding_round.pk, "report_id": report.pk}
        ),
        "search hits": reverse("fieldwork:search") + "?q=ledelsen",
        "passage list": reverse("coding:passages"),
        "matrix evidence": reverse(
            "analysis:matrix_evidence", kwargs={"site_id": site.pk, "code_id": world.code.pk}
        ),
        "status report download": reverse("publishing:status_report", kwargs={"pk": site.pk, "fmt": "html"}),
        "meeting page": reverse("fieldwork:meeting_detail", kwargs={"pk": meeting.pk}),
        "api reports": "/api/reports/",
        "api report": f"/api/reports/{report.pk}/",
        "api factors": "/api/factors/",
        "api trial actions": "/api/trial-actions/",
        "api codings": "/api/codings/",
        "api joint meetings": "/api/joint-meetings/",
    }


def test_every_path_showing_text_records_the_read(world):
    section = world.sections["forbidden"]
    CodedPassage.objects.create(
        section=section,
        start=0,
        end=8,
        text=section.text[:8],
        codebook_version=_round(world, "forbidden").codebook_version,
        driver=world.code,
        valence="promoter",
    )
    evaluator = world.users["evaluator"]
    web = Client()
    web.force_login(evaluator)
    api = _api(world, "evaluator")
    site_code = world.sites["forbidden"].code
    unrecorded = []
    for name, url in _paths(world).items():
        before = AuditEntry.objects.filter(action="read").count()
        response = (api if url.startswith("/api/") else web).get(url)
        assert response.status_code == 200, (name, response.status_code)
        reads = AuditEntry.objects.filter(action="read").order_by("id")[before:]
        if not any(entry.site_code == site_code and entry.actor == evaluator for entry in reads):
            unrecorded.append(name)
    assert unrecorded == []
    assert len(_paths(world)) == 14


def test_the_sites_own_team_and_consultant_read_without_a_record(world):
    report = world.reports["allowed"]
    for role in ("team_member", "consultant"):
        client = Client()
        client.force_login(world.users[role])
        assert client.get(reverse("fieldwork:report_detail", kwargs={"pk": report.pk})).status_code == 200
        assert (
            client.get(reverse("fieldwork:meeting_detail", kwargs={"pk": world.joint_meeting.pk})).status_code
            == 200
        )
    own = AuditEntry.objects.filter(action="read", site_code=world.sites["allowed"].code)
    assert not own.exists()


def test_one_record_per_text_and_site_in_a_request(world):
    client = Client()
    client.force_login(world.users["evaluator"])
    client.get(reverse("fieldwork:report_detail", kwargs={"pk": world.reports["forbidden"].pk}))
    reads = AuditEntry.objects.filter(action="read", site_code=world.sites["forbidden"].code)
    models_read = list(reads.values_list("model", flat=True))
    assert len(models_read) == len(set(models_read)) and "fieldwork.ReportSection" in models_read


def test_a_site_page_shown_from_the_cache_records_the_same_reads(world):
    """The site page's records (its joint meetings' titles among them) are kept per site version;
    a second reader shown them from the cache has read them too."""
    site = world.sites["forbidden"]
    url = reverse("registry:site_detail", kwargs={"pk": site.pk})
    readers = [world.users["evaluator"], world.users["administrator"]]
    for reader in readers:
        client = Client()
        client.force_login(reader)
        assert client.get(url).status_code == 200
    meeting_reads = AuditEntry.objects.filter(action="read", model="fieldwork.JointMeeting", site_code=site.code)
    assert {entry.actor for entry in meeting_reads} == set(readers)


def test_reads_are_captured_for_a_cache_even_when_built_without_a_reader(world):
    """Records built by a command or job and cached are recorded for whoever is shown them later."""
    with reads_captured() as captured:
        list(JointMeeting.objects.filter(pk=world.joint_meeting.pk))
    assert [label for label, *_rest in captured] == ["fieldwork.JointMeeting"]
    assert not AuditEntry.objects.filter(action="read").exists()


def test_a_cached_part_shown_inside_another_being_captured_is_captured_with_it(world):
    """A part rendered from records that come from the cache has read what those records read."""
    with reads_captured() as records:
        list(JointMeeting.objects.filter(pk=world.joint_meeting.pk))
    with reads_captured() as page:
        record_reads(records)
    assert page == records


def _sections_read_by(reader, report_pk):
    report = ImplementationReport.objects.select_related("visit").get(pk=report_pk)
    tokens = reading_for(SimpleNamespace(user=reader))
    with CaptureQueriesContext(connection) as queries:
        sections = list(report.sections.all())
    stop_reading(tokens)
    return sections, [q["sql"] for q in queries]


def test_rows_whose_site_is_loaded_record_the_same_read_without_asking_for_their_site(world):
    """A report's sections loaded through the report (with its visit) know their site: the read is
    recorded as when the site is looked up, and the site's own consultant reads them with no query
    beyond the sections'."""
    sections, _queries = _sections_read_by(world.users["evaluator"], world.reports["forbidden"].pk)
    entry = AuditEntry.objects.get(action="read", model="fieldwork.ReportSection")
    assert entry.site_code == world.sites["forbidden"].code and entry.actor == world.users["evaluator"]
    assert entry.after == {"ids": sorted(section.pk for section in sections)}
    _sections, queries = _sections_read_by(world.users["consultant"], world.reports["allowed"].pk)
    assert len(queries) <= 2, queries  # the sections, and the consultant's own sites
    assert AuditEntry.objects.filter(action="read").count() == 1
