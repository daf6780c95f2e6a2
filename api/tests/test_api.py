import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.privacy import CPR_MASK
from audit.models import AuditEntry
from codebook.models import CodebookVersion
from coding.models import CodedPassage, CodingRound
from fieldwork.models import ImplementationReport, JointMeeting, ReportSection, Visit
from fieldwork.tests.factories import FactorFactory, VisitFactory
from registry.tests.factories import ProgrammeFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_token_command_prints_a_working_bearer_token(world):
    out = StringIO()
    call_command("token", "t-evaluator", stdout=out)
    key = out.getvalue().strip()
    assert Token.objects.get(user=world.users["evaluator"]).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/sites/").status_code == 200
    again = StringIO()
    call_command("token", "t-evaluator", stdout=again)
    assert again.getvalue().strip() == key


def test_token_command_refuses_unknown_user(world):
    with pytest.raises(CommandError, match="Ingen bruger"):
        call_command("token", "nobody")


def test_anonymous_and_wrong_token_get_json_401(world):
    response = APIClient().get("/api/sites/")
    assert response.status_code == 401
    assert response.json()["status"] == 401 and response.json()["error"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert client.get("/api/sites/").status_code == 401


def test_consultant_sees_only_assigned_site(world, as_role):
    client = as_role("consultant")
    codes = [row["code"] for row in client.get("/api/sites/").json()["results"]]
    assert codes == ["ALW"]
    response = client.get(f"/api/sites/{world.sites['forbidden'].pk}/")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Ikke fundet."}
    report_sites = {row["site"] for row in client.get("/api/reports/").json()["results"]}
    assert report_sites == {"ALW"}


def test_provider_sees_no_rows_but_aggregates(world, as_role):
    client = as_role("provider")
    for url in ("/api/sites/", "/api/reports/", "/api/visits/", "/api/factors/", "/api/codings/"):
        assert client.get(url).json()["count"] == 0, url
    profile = client.get("/api/analyses/driver-profile/").json()
    assert profile["sites"] == 2 and profile["suppressed"] is True and profile["rows"] == []
    summary = client.get("/api/analyses/trial-actions/").json()
    assert summary["rows"] == [] or summary["suppressed"] is False


def test_aggregates_of_fewer_than_three_sites_are_withheld_from_providers(world, as_role):
    """Two sites with statements: withheld; a third with a joint-meeting statement: shown, and the
    meeting statement is counted as the analysis counts it."""
    assert as_role("provider").get("/api/analyses/driver-profile/").json()["suppressed"] is True
    third = SiteFactory(code="THR", programme=world.sites["allowed"].programme)
    meeting = JointMeeting.objects.create(held_on=datetime.date(2019, 3, 1), title="Fællesmøde")
    meeting.sites.add(third)
    FactorFactory(report=None, joint_meeting=meeting, site=third, valence="inhibitor")
    profile = as_role("provider").get("/api/analyses/driver-profile/").json()
    assert profile["suppressed"] is False and sum(row["factors"] for row in profile["rows"]) == 3
    evaluator = as_role("evaluator").get(f"/api/analyses/driver-profile/?site={third.code}").json()
    assert evaluator["suppressed"] is False and sum(row["factors"] for row in evaluator["rows"]) == 1


def test_filters_by_site_programme_and_period(world, as_role):
    client = as_role("evaluator")
    rp_site = SiteFactory(code="RP01", programme=ProgrammeFactory(code="RP", name="Robusthedsprogrammet"))
    VisitFactory(site=rp_site, planned_on=datetime.date(2019, 5, 2))
    assert [r["code"] for r in client.get("/api/sites/?programme=RP").json()["results"]] == ["RP01"]
    visits = client.get("/api/visits/?site=RP01").json()
    assert visits["count"] == 1
    in_2019 = client.get("/api/visits/?from=2019-01-01&to=2019-12-31").json()
    assert [v["site_code"] for v in in_2019["results"]] == ["RP01"]
    assert client.get("/api/visits/?from=2019-06-01&to=2019-12-31").json()["count"] == 0


def test_bad_filter_is_a_json_400_naming_the_field(world, as_role):
    response = as_role("evaluator").get("/api/visits/?from=1.2.2019")
    assert response.status_code == 400
    body = response.json()
    assert "from" in body["fields"] and body["error"].startswith("Ugyldige data: from:")
    reversed_period = as_role("evaluator").get("/api/visits/?from=2020-01-01&to=2019-01-01")
    assert reversed_period.status_code == 400 and "to" in reversed_period.json()["fields"]


def test_pagination(world, as_role):
    for day in range(1, 8):
        VisitFactory(site=world.sites["allowed"], planned_on=datetime.date(2019, 1, day))
    page = as_role("evaluator").get("/api/visits/?page_size=3&page=2").json()
    assert page["count"] == 11 and len(page["results"]) == 3 and page["next"] and page["previous"]


def test_consultant_creates_report_with_sections_and_cpr_is_masked(world, as_role):
    visit = VisitFactory(site=world.sites["allowed"], planned_on=datetime.date(2024, 2, 1))
    response = as_role("consultant").post(
        "/api/reports/",
        {
            "visit": visit.pk,
            "introduction": "Drengen (010203-1234) var med.",
            "anchoring": 3,
            "sections": [{"theme": "leadership", "text": "Lederen går forrest."}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response["X-Drivkraft-CPR-Masked"] == "1"
    report = ImplementationReport.objects.get(visit=visit)
    assert CPR_MASK in report.introduction and "1234" not in report.introduction
    assert report.author == world.users["consultant"]
    sections = {entry["theme"]: entry["text"] for entry in response.json()["sections"]}
    assert len(sections) == 6 and sections["leadership"] == "Lederen går forrest."
    entry = AuditEntry.objects.filter(
        model="fieldwork.ImplementationReport", object_pk=str(report.pk)
    ).first()
    assert entry.actor == world.users["consultant"]


def test_report_write_is_atomic_and_errors_name_the_field(world, as_role):
    visit = VisitFactory(site=world.sites["allowed"], planned_on=datetime.date(2024, 2, 1))
    response = as_role("consultant").post(
        "/api/reports/",
        {"visit": visit.pk, "anchoring": 9, "sections": [{"theme": "leadership", "text": "x"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "anchoring" in response.json()["fields"]
    assert not ImplementationReport.objects.filter(visit=visit).exists()
    bad_theme = as_role("consultant").post(
        "/api/reports/", {"visit": visit.pk, "sections": [{"theme": "weather", "text": "x"}]}, format="json"
    )
    assert bad_theme.status_code == 400 and "sections.0.theme" in bad_theme.json()["fields"]
    assert not ReportSection.objects.filter(report__visit=visit).exists()


def test_report_for_a_planned_visit_is_refused(world, as_role):
    planned = Visit.objects.get(site=world.sites["allowed"], status="planned")
    response = as_role("consultant").post("/api/reports/", {"visit": planned.pk}, format="json")
    assert response.status_code == 400 and "visit" in response.json()["fields"]


def test_report_update_checks_version(world, as_role):
    report = world.reports["allowed"]
    client = as_role("consultant")
    ok = client.patch(f"/api/reports/{report.pk}/", {"version": 1, "introduction": "Ny"}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(
        f"/api/reports/{report.pk}/", {"version": 1, "introduction": "Gammel"}, format="json"
    )
    assert stale.status_code == 409
    report.refresh_from_db()
    assert report.introduction == "Ny"


def test_visit_model_constraints_come_back_as_field_errors(world, as_role):
    response = as_role("consultant").post(
        "/api/visits/",
        {"site": world.sites["allowed"].pk, "planned_on": "2024-01-01", "status": "cancelled"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]


def test_team_member_follows_up_trial_action_but_cannot_create(world, as_role):
    action = world.trial_actions["allowed"]
    later = VisitFactory(site=world.sites["allowed"], planned_on=datetime.date.today())
    client = as_role("team_member")
    response = client.patch(
        f"/api/trial-actions/{action.pk}/",
        {
            "followed_up_at": later.pk,
            "outcome": "done",
            "learning": "Det virkede.",
            "version": action.version,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    created = client.post("/api/trial-actions/", {"agreed_at": later.pk, "aim": "x"}, format="json")
    assert created.status_code == 403


def test_trial_action_follow_up_before_agreement_is_refused(world, as_role):
    action = world.trial_actions["allowed"]
    earlier = VisitFactory(site=world.sites["allowed"], planned_on=datetime.date(2018, 1, 1))
    response = as_role("consultant").patch(
        f"/api/trial-actions/{action.pk}/",
        {"followed_up_at": earlier.pk, "outcome": "done", "version": action.version},
        format="json",
    )
    assert response.status_code == 400 and "followed_up_at" in response.json()["fields"]


def test_factor_mechanism_must_belong_to_driver(world, as_role):
    response = as_role("consultant").post(
        "/api/factors/",
        {
            "report": world.reports["allowed"].pk,
            "valence": "promoter",
            "statement": "Supervision",
            "driver": "leadership",
            "mechanism": "coaching",
        },
        format="json",
    )
    assert response.status_code == 400 and "mechanism" in response.json()["fields"]


def test_open_blind_round_hides_other_coders_passages(world, as_role):
    version = CodebookVersion.objects.get(number=1)
    blind = CodingRound.objects.create(name="Runde 1", codebook_version=version, is_blind=True)
    section = world.sections["allowed"]
    other = CodedPassage.objects.create(
        section=section,
        start=0,
        end=7,
        text=section.text[:7],
        codebook_version=version,
        coder=world.users["administrator"],
        coding_round=blind,
        driver=world.code,
    )
    own = CodedPassage.objects.create(
        section=section,
        start=0,
        end=7,
        text=section.text[:7],
        codebook_version=version,
        coder=world.users["evaluator"],
        coding_round=blind,
        driver=world.code,
    )
    ids = {row["id"] for row in as_role("evaluator").get("/api/codings/").json()["results"]}
    assert own.pk in ids and other.pk not in ids
    blind.closed_at = datetime.datetime.now(datetime.UTC)
    blind.save()
    ids = {row["id"] for row in as_role("evaluator").get("/api/codings/").json()["results"]}
    assert {own.pk, other.pk} <= ids


def test_schema_is_served_and_lists_the_resources(world):
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/sites/",
        "/api/visits/",
        "/api/reports/",
        "/api/factors/",
        "/api/trial-actions/",
        "/api/codings/",
        "/api/joint-meetings/",
        "/api/analyses/driver-profile/",
    ):
        assert path in paths


def test_whole_analysis_for_evaluators_degree_counts_for_providers(world, as_role):
    full = as_role("evaluator").get("/api/analyses/")
    assert full.status_code == 200
    assert {"sites", "degree_counts", "profiles"} <= set(full.json())
    provider = as_role("provider").get("/api/analyses/?programme=MG").json()
    assert set(provider) == {"programme", "degree_counts", "suppressed"}
    assert as_role("consultant").get("/api/analyses/").status_code == 403


def test_unknown_api_path_and_non_numeric_id_are_json_404(world, as_role):
    for url in ("/api/nothing-here/", "/api/sites/abc/"):
        response = as_role("evaluator").get(url)
        assert response.status_code == 404 and response.json()["error"], url


@pytest.mark.parametrize(
    ("endpoint", "objects", "change"),
    [
        ("reports", "reports", {"introduction": "Ny indledning"}),
        ("factors", "factors", {"statement": "Nyt udsagn"}),
        ("trial-actions", "trial_actions", {"aim": "Nyt formål"}),
    ],
)
def test_a_change_without_version_is_refused_and_a_stale_one_conflicts(
    world, as_role, endpoint, objects, change
):
    obj = getattr(world, objects)["allowed"]
    client = as_role("consultant")
    url = f"/api/{endpoint}/{obj.pk}/"
    missing = client.patch(url, change, format="json")
    assert missing.status_code == 400 and "version" in missing.json()["fields"]
    obj.refresh_from_db()
    first = client.patch(url, {**change, "version": obj.version}, format="json")
    assert first.status_code == 200 and first.json()["version"] == obj.version + 1
    stale = client.patch(url, {**change, "version": obj.version}, format="json")
    assert stale.status_code == 409 and stale.json()["status"] == 409
