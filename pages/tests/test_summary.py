"""`drivkraft summary`: counts from the database, as JSON and as a Danish table."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from fieldwork.tests.factories import FactorFactory, TrialActionFactory
from registry.tests.factories import ProgrammeFactory, SiteFactory

pytestmark = pytest.mark.django_db


def summary(*args) -> str:
    out = StringIO()
    call_command("summary", *args, stdout=out)
    return out.getvalue()


def test_empty_database():
    data = json.loads(summary("--json"))
    assert data["sites"] == 0 and data["sites_by_programme"] == {} and data["factors"] == 0


def test_counts_by_programme():
    rp = ProgrammeFactory(code="RP", name="Robusthedsprogrammet")
    site = SiteFactory()
    SiteFactory(programme=rp)
    factor = FactorFactory(report__visit__site=site)
    TrialActionFactory(agreed_at=factor.report.visit)
    data = json.loads(summary("--json"))
    assert data["sites_by_programme"] == {"MG": 1, "RP": 1}
    assert data["reports_by_programme"] == {"MG": 1, "RP": 0}
    assert data["visits_held"] == 1 and data["factors"] == 1 and data["trial_actions"] == 1
    for key in ("visits_planned", "joint_meetings", "promoters", "inhibitors"):
        assert key in data
    table = summary()
    assert "Anbringelsessteder" in table and "(MG: 1, RP: 1)" in table


def test_summary_of_the_demo(settings):
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    data = json.loads(summary("--json"))
    assert data["sites_by_programme"] == {"MG": 11, "RP": 3}
    assert data["reports_by_programme"] == {"MG": 88, "RP": 20}
    assert data["visits_planned"] == 112 and data["visits_held"] == 108
    assert data["joint_meetings"] == 3
    assert data["factors"] > 500 and data["trial_actions"] > 80
