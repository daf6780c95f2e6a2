"""Every refusal as JSON: the database's own (the trial-action trigger), a visit date that would
break a trial action's order, paths that name nothing; and a schema that says so."""

import datetime

import pytest
from django.db import IntegrityError
from rest_framework.test import APIClient

from api.exceptions import database_refusal
from fieldwork import services
from fieldwork.models import Factor, TrialAction, Visit
from fieldwork.tests.factories import VisitFactory

TODAY = datetime.date.today()


@pytest.fixture
def followed_up(world):
    """The allowed site's trial action, agreed at the first visit and followed up at a later one."""
    action = world.trial_actions["allowed"]
    later = VisitFactory(site=world.sites["allowed"], planned_on=TODAY - datetime.timedelta(days=10))
    TrialAction.objects.filter(pk=action.pk).update(followed_up_at=later, outcome="done")
    return action, later


def test_a_held_date_before_the_agreement_is_refused_at_the_visit(world, as_role, followed_up):
    action, later = followed_up
    before_agreement = (action.agreed_at.held_on - datetime.timedelta(days=5)).isoformat()
    response = as_role("consultant").patch(
        f"/api/visits/{later.pk}/", {"held_on": before_agreement, "status": "held"}, format="json"
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert "held_on" in body["fields"] and "Prøvehandlingen" in body["error"]
    later.refresh_from_db()
    assert later.held_on == TODAY - datetime.timedelta(days=10)


def test_moving_the_agreeing_visit_past_its_follow_up_is_refused(world, as_role, followed_up):
    action, later = followed_up
    response = as_role("consultant").patch(
        f"/api/visits/{action.agreed_at.pk}/", {"held_on": TODAY.isoformat()}, format="json"
    )
    assert response.status_code == 400 and "held_on" in response.json()["fields"]


def test_the_database_trigger_answers_a_json_409_naming_the_rule(world, as_role, followed_up, monkeypatch):
    action, later = followed_up
    # Data broken behind the application's back (an old import, a hand edit, a concurrent change
    # between the service's check and the save): the trigger is the last guard. With the service's
    # checks left out, the trigger's own refusal reaches the API.
    Visit.objects.filter(pk=later.pk).update(held_on=action.agreed_at.held_on - datetime.timedelta(days=1))

    def save_unchecked(*, trial_action, visit, outcome, learning="", expected_version=None):
        trial_action.followed_up_at, trial_action.outcome, trial_action.learning = visit, outcome, learning
        trial_action.save()
        return services.Saved(trial_action)

    monkeypatch.setattr(services, "trial_action_follow_up", save_unchecked)
    response = as_role("consultant").patch(
        f"/api/trial-actions/{action.pk}/",
        {"learning": "Det lykkedes delvist.", "version": action.version},
        format="json",
    )
    assert response.status_code == 409, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "status": 409,
        "error": "En prøvehandling skal følges op ved et senere besøg på samme sted end det, hvor den blev aftalt.",
    }


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("UNIQUE constraint failed: fieldwork_visit.site_id, fieldwork_visit.held_on", "Findes allerede"),
        ('duplicate key value violates unique constraint "one_report_per_visit"', "one_report_per_visit"),
        ("CHECK constraint failed: visit_status_consistent", "«visit_status_consistent»"),
        ('new row violates check constraint "ordered_periods"', "«ordered_periods»"),
        ("NOT NULL constraint failed: fieldwork_factor.valence", "fieldwork_factor.valence mangler"),
        ("FOREIGN KEY constraint failed", "ikke findes"),
    ],
)
def test_database_refusals_name_the_rule(message, expected):
    refusal = database_refusal(IntegrityError(message))
    assert refusal.status_code == 409 and expected in str(refusal.detail)


@pytest.mark.parametrize("path", ["/api/sites/%0A/", "/api/%0A", "/api/sites/1%0A/", "/api/x%0D%0Ay/"])
def test_every_path_under_api_is_a_json_404(world, as_role, path):
    response = as_role("evaluator").get(path)
    assert response.status_code == 404, path
    assert response.json()["status"] == 404


def test_a_joint_meeting_statement_has_a_null_report_and_the_schema_says_it_may(world, as_role):
    Factor.objects.create(
        joint_meeting=world.joint_meeting,
        site=world.sites["allowed"],
        valence="inhibitor",
        statement="Travlhed.",
    )
    rows = as_role("evaluator").get("/api/factors/?page_size=100").json()["results"]
    assert any(row["report"] is None and row["joint_meeting"] == world.joint_meeting.pk for row in rows)
    schema = APIClient().get("/api/schema/?format=json").json()
    assert schema["components"]["schemas"]["Factor"]["properties"]["report"]["nullable"] is True


def test_a_new_factor_must_still_name_its_report(world, as_role):
    response = as_role("consultant").post(
        "/api/factors/", {"report": None, "valence": "promoter", "statement": "x"}, format="json"
    )
    assert response.status_code == 400 and "report" in response.json()["fields"]


def test_the_schema_lists_409_for_writes(world):
    paths = APIClient().get("/api/schema/?format=json").json()["paths"]
    assert "409" in paths["/api/reports/{id}/"]["patch"]["responses"]
    assert "409" in paths["/api/trial-actions/{id}/"]["patch"]["responses"]
    assert "409" not in paths["/api/reports/{id}/"]["get"]["responses"]
