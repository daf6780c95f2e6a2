"""The rules of the degree classification changed in the application: stored as a new active
configuration with its reason, refused with the reason when they cannot be used, and a
configuration saved meanwhile by someone else is shown before it is replaced."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis import selectors
from analysis.models import DegreeRuleConfig

BACKEND = "django.contrib.auth.backends.ModelBackend"
URL = reverse("analysis:degree_rules")
pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _post(client, high: float, based_on: int, name: str = "Strengere krav"):
    rules = json.dumps({"degree": {"thresholds": {"high": high}}})
    return client.post(URL, {"name": name, "rules": rules, "note": "Følsomhed", "based_on": based_on})


def test_an_evaluator_changes_the_rules_and_the_analysis_uses_them():
    evaluator = UserFactory(role=Role.EVALUATOR)
    client = login(evaluator)
    assert "Standardreglerne" in client.get(URL).content.decode()
    assert _post(client, 0.7, 0).status_code == 302
    assert selectors.active_config()["degree"]["thresholds"]["high"] == 0.7
    first = DegreeRuleConfig.objects.get()
    assert first.updated_by == evaluator and first.note == "Følsomhed"
    assert _post(client, 0.75, first.pk, name="Endnu strengere").status_code == 302
    assert selectors.active_config()["degree"]["thresholds"]["high"] == 0.75
    assert list(DegreeRuleConfig.objects.values_list("name", "is_active")) == [
        ("Endnu strengere", True),
        ("Strengere krav", False),
    ]
    page = client.get(URL).content.decode()
    assert "Endnu strengere" in page and "Strengere krav" in page


def test_rules_that_cannot_be_used_are_refused_and_nothing_is_stored():
    client = login(UserFactory(role=Role.EVALUATOR))
    response = _post(client, 0.2, 0)  # "high" below "low"
    assert response.status_code == 400 and "degree.thresholds" in response.content.decode()
    response = client.post(
        URL, {"name": "x", "rules": '{"degree": {"nonsense": 1}}', "note": "y", "based_on": 0}
    )
    assert response.status_code == 400 and "unknown setting" in response.content.decode()
    assert not DegreeRuleConfig.objects.exists()


def test_a_configuration_saved_meanwhile_is_shown_before_it_is_replaced():
    first, second = login(UserFactory(role=Role.EVALUATOR)), login(UserFactory(role=Role.EVALUATOR))
    assert _post(first, 0.7, 0, name="Den første").status_code == 302
    stale = _post(second, 0.8, 0, name="Den anden")
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Den første" in page and "0.8" in page  # theirs shown, mine still in the form
    assert selectors.active_config()["degree"]["thresholds"]["high"] == 0.7
    assert _post(second, 0.8, DegreeRuleConfig.objects.get().pk, name="Den anden").status_code == 302
    assert selectors.active_config()["degree"]["thresholds"]["high"] == 0.8
    assert DegreeRuleConfig.objects.count() == 2


def test_other_roles_do_not_change_the_rules():
    for role in (Role.CONSULTANT, Role.PROVIDER):
        client = login(UserFactory(role=role))
        assert client.get(URL).status_code == 403
        assert _post(client, 0.7, 0).status_code == 403
    assert not DegreeRuleConfig.objects.exists()
