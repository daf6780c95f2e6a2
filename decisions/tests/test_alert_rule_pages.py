"""The alert table in the application: evaluators tune rules; bad parameters change nothing; two
people editing one rule lose nothing; what they change is audited and changes what fires."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from decisions.models import AlertRule
from decisions.selectors import enabled_rules
from decisions.tests.factories import alert_rule_form_data
from registry.tests.factories import SiteFactory

BACKEND = "django.contrib.auth.backends.ModelBackend"
pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def rule():
    return AlertRule.objects.get(key="no-supervision")


def _edit_url(rule) -> str:
    return reverse("decisions:alert_rule_edit", kwargs={"pk": rule.pk})


def test_an_evaluator_lists_the_rules_and_tunes_one(rule):
    evaluator = UserFactory(role=Role.EVALUATOR, username="evi")
    client = login(evaluator)
    listing = client.get(reverse("decisions:alert_rules")).content.decode()
    assert rule.title_da in listing and _edit_url(rule) in listing
    response = client.post(
        _edit_url(rule),
        alert_rule_form_data(rule, severity="low", parameters='{"stems": ["supervis"], "visits": 4}'),
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.severity, rule.parameters, rule.version) == ("low", {"stems": ["supervis"], "visits": 4}, 2)
    assert rule.updated_by == evaluator
    entry = AuditEntry.objects.filter(model="decisions.AlertRule", object_pk=str(rule.pk)).latest("at")
    assert entry.actor == evaluator and entry.after["severity"] == "low"


def test_bad_parameters_are_refused_with_the_reason_and_change_nothing(rule):
    client = login(UserFactory(role=Role.EVALUATOR))
    before = (rule.parameters, rule.version)
    response = client.post(_edit_url(rule), alert_rule_form_data(rule, parameters='{"visits": 0}'))
    assert response.status_code == 400 and "visits skal være mindst 1" in response.content.decode()
    response = client.post(_edit_url(rule), alert_rule_form_data(rule, parameters="[1, 2"))
    assert response.status_code == 400
    rule.refresh_from_db()
    assert (rule.parameters, rule.version) == before


def test_a_switched_off_rule_is_left_out_of_the_rules_the_dashboards_check(rule):
    client = login(UserFactory(role=Role.EVALUATOR))
    assert rule.pk in [r.pk for r in enabled_rules()]
    assert client.post(_edit_url(rule), alert_rule_form_data(rule, enabled="")).status_code == 302
    rule.refresh_from_db()
    assert rule.enabled is False
    assert rule.pk not in [r.pk for r in enabled_rules()]


def test_two_evaluators_editing_one_rule_lose_nothing(rule):
    first, second = login(UserFactory(role=Role.EVALUATOR)), login(UserFactory(role=Role.EVALUATOR))
    opened = AlertRule.objects.get(pk=rule.pk)
    assert first.post(_edit_url(rule), alert_rule_form_data(opened, severity="low")).status_code == 302
    # The second opened the same version and changed another field: merged, both kept.
    merged = second.post(
        _edit_url(rule), alert_rule_form_data(opened, finding="Et nyt fund fra evalueringen.")
    )
    assert merged.status_code == 302
    rule.refresh_from_db()
    assert rule.severity == "low" and rule.finding == "Et nyt fund fra evalueringen."
    # Both changed the same field: the conflict view shows both, nothing is written.
    other = next(value for value in ("high", "medium") if value != opened.severity)
    stale = alert_rule_form_data(opened, severity=other)
    conflict = second.post(_edit_url(rule), stale)
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Brug deres version" in page and "Et nyt fund fra evalueringen." in page
    rule.refresh_from_db()
    assert rule.severity == "low"


def test_only_evaluators_and_administrators_tune_rules(rule):
    for user in (
        UserFactory(role=Role.CONSULTANT),
        UserFactory(role=Role.TEAM_MEMBER, site=SiteFactory()),
        UserFactory(role=Role.PROVIDER),
    ):
        client = login(user)
        assert client.get(reverse("decisions:alert_rules")).status_code == 403
        assert client.post(_edit_url(rule), alert_rule_form_data(rule, severity="low")).status_code == 403
    assert AlertRule.objects.get(pk=rule.pk).version == rule.version
