"""The defects of issue #11 seen through the permission table: shared joint meetings, statements
attributed to another consultant's site, and who names a visit's consultant."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.relations import ManyRelatedField, RelatedField
from rest_framework.test import APIClient

from accounts import permissions
from accounts.models import Role
from accounts.tests.factories import UserFactory
from api.serializers import FactorSerializer, ReportSerializer, TrialActionSerializer, VisitSerializer
from fieldwork import search
from fieldwork.models import Factor, JointMeeting
from fieldwork.tests.factories import ReportFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
OTHER_STATEMENT = "Lederen på Bakkehuset bakker ikke op om programmet."
OWN_STATEMENT = "Teamet på Engly bruger redskaberne hver dag."


@pytest.fixture
def shared():
    """Two homes at one joint meeting, each with its own consultant; a team member of the first."""
    own = SiteFactory(code="ENG", name="Engly")
    other = SiteFactory(code="BAK", name="Bakkehuset")
    TeamMemberFactory(site=own, name="Hanne Holm")
    TeamMemberFactory(site=other, name="Jesper Lund")
    consultant = UserFactory(role=Role.CONSULTANT)
    colleague = UserFactory(role=Role.CONSULTANT)
    AssignmentFactory(site=own, consultant=ConsultantFactory(user=consultant))
    colleague_consultant = ConsultantFactory(user=colleague)
    AssignmentFactory(site=other, consultant=colleague_consultant)
    meeting = JointMeeting.objects.create(
        held_on=datetime.date(2019, 5, 14),
        title="Erfaringsopsamling maj",
        minutes="Hanne Holm fra Engly fortalte om morgenmøder. Jesper Lund fra Bakkehuset (BAK) "
        "sagde, at lederen ikke bakker op.",
    )
    meeting.sites.set([own, other])
    own_factor = Factor.objects.create(
        joint_meeting=meeting, site=own, valence="promoter", statement=OWN_STATEMENT
    )
    other_factor = Factor.objects.create(
        joint_meeting=meeting, site=other, valence="inhibitor", statement=OTHER_STATEMENT
    )
    return {
        "own": own,
        "other": other,
        "meeting": meeting,
        "own_factor": own_factor,
        "other_factor": other_factor,
        "team": UserFactory(role=Role.TEAM_MEMBER, site=own),
        "consultant": consultant,
        "colleague": colleague_consultant,
    }


def web(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", ["team", "consultant"])
def test_joint_meeting_page_shows_only_the_readers_sites_part(shared, role):
    page = web(shared[role]).get(reverse("fieldwork:meeting_detail", kwargs={"pk": shared["meeting"].pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert OWN_STATEMENT in text and OTHER_STATEMENT not in text
    assert "Bakkehuset" not in text and "Jesper" not in text and "(BAK)" not in text
    assert "Hanne Holm fra Engly" in text


@pytest.mark.parametrize("role", ["team", "consultant"])
def test_joint_meetings_api_shows_only_the_readers_sites_part(shared, role):
    client = api(shared[role])
    minutes = client.get("/api/joint-meetings/").json()["results"][0]["minutes"]
    assert "Bakkehuset" not in minutes and "Jesper" not in minutes and "BAK" not in minutes
    assert "Hanne Holm fra Engly" in minutes
    statements = [row["statement"] for row in client.get("/api/factors/").json()["results"]]
    assert statements == [OWN_STATEMENT]
    detail = client.get(f"/api/factors/{shared['other_factor'].pk}/")
    assert detail.status_code == 404


def test_evaluator_reads_the_whole_meeting(shared):
    evaluator = UserFactory(role=Role.EVALUATOR)
    page = web(evaluator).get(reverse("fieldwork:meeting_detail", kwargs={"pk": shared["meeting"].pk}))
    assert OTHER_STATEMENT in page.content.decode() and "Jesper Lund fra Bakkehuset" in page.content.decode()
    minutes = api(evaluator).get("/api/joint-meetings/").json()["results"][0]["minutes"]
    assert minutes == shared["meeting"].minutes


def test_consultant_cannot_edit_or_delete_another_consultants_sites_statement(shared):
    client = web(shared["consultant"])
    other = shared["other_factor"]
    edit = client.post(
        reverse("fieldwork:factor_update", kwargs={"pk": other.pk}),
        {f"factor{other.pk}-valence": "promoter", f"factor{other.pk}-statement": "Ændret"},
    )
    delete = client.post(reverse("fieldwork:factor_delete", kwargs={"pk": other.pk}))
    assert (edit.status_code, delete.status_code) == (404, 404)
    other.refresh_from_db()
    assert other.statement == OTHER_STATEMENT


def test_consultant_cannot_add_a_statement_for_another_site_or_without_a_site(shared):
    client = web(shared["consultant"])
    url = reverse("fieldwork:meeting_factor_create", kwargs={"pk": shared["meeting"].pk})
    base = {"factor-valence": "inhibitor", "factor-statement": "Tilføjet af konsulenten."}
    client.post(url, {**base, "factor-site": shared["other"].pk})
    client.post(url, base)
    assert not Factor.objects.filter(statement="Tilføjet af konsulenten.").exists()
    client.post(url, {**base, "factor-site": shared["own"].pk})
    assert Factor.objects.get(statement="Tilføjet af konsulenten.").site == shared["own"]


def test_consultant_cannot_move_own_statement_to_another_site(shared):
    client = web(shared["consultant"])
    own = shared["own_factor"]
    client.post(
        reverse("fieldwork:factor_update", kwargs={"pk": own.pk}),
        {
            f"factor{own.pk}-valence": "promoter",
            f"factor{own.pk}-statement": OWN_STATEMENT,
            f"factor{own.pk}-site": shared["other"].pk,
        },
    )
    own.refresh_from_db()
    assert own.site == shared["own"]


def test_consultant_still_edits_own_sites_statement(shared):
    client = web(shared["consultant"])
    own = shared["own_factor"]
    response = client.post(
        reverse("fieldwork:factor_update", kwargs={"pk": own.pk}),
        {
            f"factor{own.pk}-valence": "promoter",
            f"factor{own.pk}-statement": "Nyt udsagn",
            f"factor{own.pk}-site": shared["own"].pk,
            f"factor{own.pk}-version": own.version,
        },
    )
    own.refresh_from_db()
    assert response.status_code == 302 and own.statement == "Nyt udsagn"


def test_consultant_cannot_patch_a_visits_consultant_to_a_colleague(shared):
    visit = VisitFactory(site=shared["own"])
    response = api(shared["consultant"]).patch(
        f"/api/visits/{visit.pk}/", {"consultant": shared["colleague"].pk}, format="json"
    )
    assert response.status_code == 400
    assert "konsulent" in response.content.decode()
    visit.refresh_from_db()
    assert visit.consultant is None
    assert not permissions.visible_sites(shared["colleague"].user).filter(pk=shared["own"].pk).exists()


def test_consultant_cannot_create_a_visit_naming_a_colleague(shared):
    response = api(shared["consultant"]).post(
        "/api/visits/",
        {
            "site": shared["own"].pk,
            "planned_on": "2024-05-01",
            "status": "planned",
            "consultant": shared["colleague"].pk,
        },
        format="json",
    )
    assert response.status_code == 400


def test_administrator_changes_a_visits_consultant(shared):
    visit = VisitFactory(site=shared["own"])
    admin = UserFactory(role=Role.ADMINISTRATOR)
    response = api(admin).patch(
        f"/api/visits/{visit.pk}/", {"consultant": shared["colleague"].pk}, format="json"
    )
    visit.refresh_from_db()
    assert response.status_code == 200 and visit.consultant == shared["colleague"]


SHARED = {"driver", "mechanism"}  # codebook entries belong to no site
WRITABLE = {
    "/api/visits/": VisitSerializer,
    "/api/reports/": ReportSerializer,
    "/api/factors/": FactorSerializer,
    "/api/trial-actions/": TrialActionSerializer,
}


def _forged(shared):
    """For each writable field naming another object: a valid payload but for that field's object,
    which belongs to the other consultant's home (or to a colleague)."""
    own_visit = VisitFactory(site=shared["own"], planned_on=datetime.date(2019, 1, 1))
    other_visit = VisitFactory(site=shared["other"], planned_on=datetime.date(2019, 1, 1))
    other_report = ReportFactory(
        visit=VisitFactory(site=shared["other"], planned_on=datetime.date(2019, 2, 1))
    )
    stranger = TeamMemberFactory(site=shared["other"])
    planned = {"site": shared["own"].pk, "planned_on": "2024-05-01", "status": "planned"}
    return {
        ("/api/visits/", "site"): {**planned, "site": shared["other"].pk},
        ("/api/visits/", "consultant"): {**planned, "consultant": shared["colleague"].pk},
        ("/api/visits/", "participants"): {**planned, "participants": [stranger.pk]},
        ("/api/reports/", "visit"): {"visit": other_visit.pk, "sections": []},
        ("/api/factors/", "report"): {"report": other_report.pk, "valence": "promoter", "statement": "x"},
        ("/api/trial-actions/", "agreed_at"): {"agreed_at": other_visit.pk, "aim": "Prøve"},
        ("/api/trial-actions/", "followed_up_at"): {
            "agreed_at": own_visit.pk,
            "aim": "Prøve",
            "followed_up_at": other_visit.pk,
            "outcome": "done",
        },
    }


def _relations(serializer_class) -> set[str]:
    fields = serializer_class().fields
    return {
        name
        for name, field in fields.items()
        if not field.read_only and isinstance(field, RelatedField | ManyRelatedField)
    }


def test_every_field_naming_another_object_has_a_forged_id_case(shared):
    forged = _forged(shared)
    missing = [
        f"{url} {name}"
        for url, serializer_class in WRITABLE.items()
        for name in _relations(serializer_class) - SHARED
        if (url, name) not in forged
    ]
    assert not missing, "Writable relations without a forged-id case: " + ", ".join(missing)


def test_forged_ids_of_another_home_are_refused_in_api_payloads(shared):
    client = api(shared["consultant"])
    accepted = []
    for (url, name), payload in _forged(shared).items():
        response = client.post(url, payload, format="json")
        if response.status_code != 400 or name not in response.json().get("fields", response.json()):
            accepted.append(f"{url} {name}: {response.status_code} {response.content[:120]}")
    assert not accepted, accepted


@pytest.mark.parametrize(
    ("role", "kind", "action", "allowed"),
    [
        (Role.EVALUATOR, "site_consultant", "change", True),
        (Role.ADMINISTRATOR, "site_consultant", "change", True),
        (Role.CONSULTANT, "site_consultant", "change", False),
        (Role.TEAM_MEMBER, "fieldwork", "change", False),
        (Role.PROVIDER, "fieldwork", "view", False),
        (Role.PROVIDER, "analysis", "view", True),
        (Role.PROVIDER, "analysis", "view_sites", False),
    ],
)
def test_the_table_answers_for_kinds(role, kind, action, allowed):
    site = SiteFactory() if role == Role.TEAM_MEMBER else None
    assert permissions.can(UserFactory(role=role, site=site), action, kind) is allowed


def test_every_kind_of_the_table_has_valid_roles():
    assert all(set(roles) <= set(Role.values) for roles in permissions.TABLE.values())


def test_a_consultant_editing_a_visit_keeps_its_consultant(shared):
    """The previous consultant keeps reading the report of their visit: no silent take-over."""
    visit = VisitFactory(site=shared["own"], consultant=shared["colleague"], held_on=None, status="planned")
    own_consultant = shared["consultant"].consultant
    web(shared["consultant"]).post(
        reverse("fieldwork:visit_update", kwargs={"pk": visit.pk}),
        {"status": "planned", "date": "2030-01-01", "phase": "", "other_participants": ""},
    )
    assert (
        api(shared["consultant"])
        .patch(f"/api/visits/{visit.pk}/", {"consultant": own_consultant.pk}, format="json")
        .status_code
        == 400
    )
    visit.refresh_from_db()
    assert visit.consultant == shared["colleague"] and visit.planned_on == datetime.date(2030, 1, 1)


@pytest.mark.parametrize("role", ["team", "consultant"])
def test_search_finds_no_other_homes_text_in_a_shared_meeting(shared, role):
    hits = search.search_texts(shared[role], "bakker")
    assert [hit.kind for hit in hits] == []
    own = search.search_texts(shared[role], "redskaberne")
    assert [(hit.kind, hit.obj.pk) for hit in own] == [("factor", shared["own_factor"].pk)]


def test_a_consultant_of_one_home_cannot_open_a_shared_meetings_minutes_for_editing(shared):
    client = web(shared["consultant"])
    url = reverse("fieldwork:meeting_update", kwargs={"pk": shared["meeting"].pk})
    assert client.get(url).status_code == 404
    client.post(
        url, {"held_on": "2019-05-14", "title": "Ny", "minutes": "Slettet", "sites": [shared["own"].pk]}
    )
    shared["meeting"].refresh_from_db()
    assert shared["meeting"].minutes.startswith("Hanne Holm")
    own_meeting = JointMeeting.objects.create(held_on=datetime.date(2019, 6, 1), title="Egen", minutes="x")
    own_meeting.sites.set([shared["own"]])
    edit = reverse("fieldwork:meeting_update", kwargs={"pk": own_meeting.pk})
    assert client.get(edit).status_code == 200


@pytest.mark.parametrize("role", ["team", "consultant", "evaluator", "provider"])
def test_the_ids_in_scope_are_the_sites_in_scope(shared, role):
    user = shared.get(role) or UserFactory(role={"evaluator": Role.EVALUATOR, "provider": Role.PROVIDER}[role])
    ids = permissions.site_ids_in_scope(user, "view", "site")
    sites = set(permissions.sites_in_scope(user, "view", "site").values_list("pk", flat=True))
    if role == "evaluator":
        assert ids is None and sites == {shared["own"].pk, shared["other"].pk}
    else:
        assert ids == sites
        assert bool(sites) == (role != "provider")
