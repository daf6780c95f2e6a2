"""Advice quotes no names and no text the reader's role may not see: a practice shared by three
high-group sites is quoted to a team member of another home with registered people's names (even
those the name heuristic misses) replaced, another home's name never, and a provider gets counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.services import degree_override_create
from codebook.models import Code
from fieldwork.models import Factor, JointMeeting
from fieldwork.tests.factories import FactorFactory, ReportFactory, VisitFactory
from registry.tests.factories import SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
SHARED = "Supervision hver uge med Xerxes Quist."
NAMED_SITE = "Som på Solbakken: sparring ved vagtskiftet."
MEETING_ONLY = "Ved mødet sagde de, at Xerxes Quist holder fast."


@pytest.fixture
def high_group():
    competence = Code.objects.get(kind="driver", key="competence")
    coaching = Code.objects.get(kind="mechanism", key="coaching")
    sites = [
        SiteFactory(code=f"HG{n}", name=name) for n, name in enumerate(("Solbakken", "Lyngly", "Kastanje"))
    ]
    TeamMemberFactory(site=sites[0], name="Xerxes Quist")
    meeting = JointMeeting.objects.create(held_on=datetime.date(2019, 5, 1), title="Møde", minutes="")
    meeting.sites.set(sites)
    for site in sites:
        degree_override_create(site=site, degree="high", reason="Testens højgruppe.")
        report = ReportFactory(visit=VisitFactory(site=site))
        for statement in (SHARED, NAMED_SITE):
            FactorFactory(report=report, statement=statement, driver=competence, mechanism=coaching)
    Factor.objects.create(
        joint_meeting=meeting, site=sites[0], valence="promoter", statement=MEETING_ONLY, driver=competence
    )
    return sites


def _advice(user) -> str:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client.get(reverse("decisions:advice", kwargs={"driver": "competence"})).content.decode()


def test_a_team_member_of_another_home_reads_shared_practices_without_names(high_group):
    page = _advice(UserFactory(role=Role.TEAM_MEMBER, site=SiteFactory(code="OWN")))
    assert "»Supervision hver uge med [navn].«" in page
    assert "Xerxes" not in page and "Quist" not in page
    assert "Solbakken" not in page and "HG0" not in page
    assert "holder fast" not in page  # one home's joint-meeting statement: theirs, not quoted


def test_a_provider_reads_counts_and_no_text(high_group):
    page = _advice(UserFactory(role=Role.PROVIDER))
    assert "Supervision hver uge" not in page and "holder fast" not in page and "Solbakken" not in page
    assert "6 fremmere · 3 steder" in page
