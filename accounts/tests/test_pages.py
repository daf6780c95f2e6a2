"""The start pages per role, and the query counts of the main pages as the data grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from audit import data_version
from fieldwork.models import JointMeeting
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    ProgrammeFactory,
    SiteFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _grow(n_sites: int, consultant) -> list:
    """n sites, each with visits, a report with factors, trial actions, a team and the joint meeting."""
    today = datetime.date.today()
    sites = []
    meeting = JointMeeting.objects.first() or JointMeeting.objects.create(
        held_on=datetime.date(2019, 5, 1), title="Fællesmøde", minutes="x"
    )
    for n in range(n_sites):
        site = SiteFactory(programme=ProgrammeFactory(code="RP" if n % 2 else "MG"))
        AssignmentFactory(site=site, consultant=consultant, starts_on=datetime.date(2018, 1, 1))
        TeamMemberFactory(site=site)
        first = VisitFactory(site=site, planned_on=datetime.date(2019, 1, 10), phase="capacity_building")
        second = VisitFactory(site=site, planned_on=datetime.date(2019, 4, 10))
        VisitFactory(
            site=site, planned_on=today + datetime.timedelta(days=10 + n), held_on=None, status="planned"
        )
        report = ReportFactory(visit=first)
        FactorFactory(report=report)
        FactorFactory(report=report, valence="inhibitor")
        TrialActionFactory(agreed_at=first)
        TrialActionFactory(agreed_at=second)
        meeting.sites.add(site)
        sites.append(site)
    return sites


def _count_queries(client, url) -> int:
    data_version.current()  # the test's own writes write their data versions first, as at a commit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("role", ["evaluator", "consultant"])
def test_main_pages_use_a_constant_number_of_queries(client, role):
    consultant_user = UserFactory(role=Role.CONSULTANT)
    consultant = ConsultantFactory(user=consultant_user)
    user = consultant_user if role == "consultant" else UserFactory(role=Role.EVALUATOR)
    client.force_login(user, backend=BACKEND)

    def pages(sites):
        site = sites[0]
        visit = site.visits.order_by("planned_on")[1]
        return [
            reverse("home"),
            reverse("home") + "?order=open_actions&desc=on&programme=MG",
            reverse("registry:site_detail", kwargs={"pk": site.pk}),
            reverse("fieldwork:visit_detail", kwargs={"pk": visit.pk}),
            reverse("fieldwork:report_edit", kwargs={"pk": visit.pk}) if role == "consultant" else None,
            reverse(
                "fieldwork:report_detail", kwargs={"pk": site.visits.order_by("planned_on")[0].report.pk}
            ),
            reverse("fieldwork:meeting_list"),
            reverse("fieldwork:meeting_detail", kwargs={"pk": JointMeeting.objects.get().pk}),
            reverse("fieldwork:search") + "?q=sparring",
        ]

    sites = _grow(2, consultant)
    small = {url: _count_queries(client, url) for url in pages(sites) if url}
    sites += _grow(8, consultant)
    large = {url: _count_queries(client, url) for url in pages(sites[:2]) if url}
    assert small == large


def test_overview_filters_sorts_and_paginates(client):
    consultant = ConsultantFactory()
    sites = _grow(30, consultant)
    client.force_login(UserFactory(role=Role.EVALUATOR), backend=BACKEND)
    html = client.get(reverse("home")).content.decode()
    assert "30 steder" in html and "Side 1 af 2" in html
    html = client.get(reverse("home"), {"programme": "RP"}).content.decode()
    assert "15 steder" in html
    html = client.get(
        reverse("home"), {"phase": "preparation", "order": "name", "desc": "on"}
    ).content.decode()
    assert "30 steder" in html and 'aria-sort="descending"' in html
    html = client.get(reverse("home"), {"phase": "capacity_building"}).content.decode()
    assert "0 steder" in html and "Ingen steder matcher." in html
    html = client.get(reverse("home"), {"q": sites[3].code}).content.decode()
    assert "1 sted" in html and sites[3].name in html
    html = client.get(reverse("home"), {"order": "nonsense", "page": "999"}).content.decode()
    assert "Side 2 af 2" in html


def test_start_page_per_role(client):
    consultant_user = UserFactory(role=Role.CONSULTANT)
    consultant = ConsultantFactory(user=consultant_user)
    mine = _grow(1, consultant)[0]
    other = SiteFactory()
    client.force_login(consultant_user, backend=BACKEND)
    html = client.get(reverse("home")).content.decode()
    assert "Mine steder" in html and mine.name in html and other.name not in html
    assert "Kommende besøg" in html

    team = UserFactory(role=Role.TEAM_MEMBER, site=mine)
    client.force_login(team, backend=BACKEND)
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("registry:site_detail", kwargs={"pk": mine.pk})

    client.force_login(UserFactory(role=Role.PROVIDER), backend=BACKEND)
    html = client.get(reverse("home")).content.decode()
    assert "samlede analyser" in html and mine.name not in html


def test_language_switch_and_danish_dates(client):
    consultant = ConsultantFactory()
    site = _grow(1, consultant)[0]
    client.force_login(UserFactory(role=Role.EVALUATOR), backend=BACKEND)
    html = client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).content.decode()
    assert "10.01.2019" in html and 'action="/i18n/setlang/"' in html
    assert 'href="#main"' in html


def test_english_through_the_language_switch(client):
    client.force_login(UserFactory(role=Role.EVALUATOR), backend=BACKEND)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert "Overview of sites" in html and "Skip to content" in html
    client.post(reverse("set_language"), {"language": "da", "next": reverse("home")})
    assert "Oversigt over steder" in client.get(reverse("home")).content.decode()
