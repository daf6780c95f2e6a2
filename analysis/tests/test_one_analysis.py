"""One analysis: every page that shows a site's degree reads it from the analysis cached per data
version, so an edit (an update, not only an insert) shows on all of them at once."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis import results
from analysis.computations.profiles import Tally
from analysis.models import DegreeOverride
from analysis.tests.factories import build_site
from audit import data_version
from codebook.models import Code
from fieldwork import services as fieldwork_services
from fieldwork.models import Factor, JointMeeting
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from publishing.services import status_document
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

LABEL = {"high": "I høj grad", "some": "I nogen grad"}


def _pages(client, site) -> dict[str, str]:
    """The text of each place that shows the site's degree."""
    api = client.get(reverse("api:analysis")).json()
    return {
        "start page": client.get(reverse("home")).content.decode(),
        "site page": client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).content.decode(),
        "dashboard": client.get(reverse("decisions:dashboard", kwargs={"site_id": site.pk})).content.decode(),
        "api": " ".join(LABEL.get(row["degree"], "") for row in api["sites"] if row["code"] == site.code),
        "status report": _body(
            client.get(reverse("publishing:status_report", kwargs={"pk": site.pk, "fmt": "html"}))
        ),
    }


def _body(response) -> str:
    """A built document is served from storage as a stream."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_the_degree_is_the_same_on_every_page_and_follows_an_edit(client):
    site = build_site("QZA01")["site"]
    client.force_login(UserFactory(role=Role.EVALUATOR))
    override = DegreeOverride.objects.create(site=site, degree="some", reason="Første vurdering")
    for page, text in _pages(client, site).items():
        assert LABEL["some"] in text and LABEL["high"] not in text, page
    override.degree = "high"  # an update: no new row, no new primary key
    override.save()
    for page, text in _pages(client, site).items():
        assert LABEL["high"] in text and LABEL["some"] not in text, f"{page} shows a stale degree"


def test_every_write_changes_the_data_version_and_the_analysis_is_computed_once_per_version():
    report = build_site("QZA01")["reports"][0]
    factor = report.factors.first()
    before = data_version.current()
    first = results.analysis_result()
    assert results.analysis_result() is first
    fieldwork_services.factor_update(
        factor=factor, expected_version=factor.version, valence=factor.valence, statement="Ny ordlyd"
    )
    assert data_version.current() != before
    assert results.analysis_result() is not first


def test_a_changed_relation_changes_the_data_version():
    site = build_site("QZA01")["site"]
    visit = site.visits.first()
    before = data_version.current()
    visit.participants.clear()
    assert data_version.current() != before


def test_open_trial_actions_are_counted_alike_on_every_page(client):
    site = SiteFactory()
    first = VisitFactory(site=site, planned_on=datetime.date(2019, 1, 10))
    second = VisitFactory(site=site, planned_on=datetime.date(2019, 4, 10))
    TrialActionFactory(agreed_at=first, aim="Overskredet en")
    TrialActionFactory(agreed_at=first, aim="Overskredet to")
    TrialActionFactory(agreed_at=second, aim="Afventer næste besøg")
    client.force_login(UserFactory(role=Role.EVALUATOR))
    counts = results.site_status(site.code).trial_actions
    assert (counts.open, counts.never_followed_up, counts.not_followed_up) == (1, 2, 3)
    start = client.get(reverse("home")).context["page_obj"]
    assert [row.open_actions for row in start if row.pk == site.pk] == [3]
    site_page = client.get(reverse("registry:site_detail", kwargs={"pk": site.pk}))
    assert len(site_page.context["open_actions"]) == 3
    dashboard = client.get(reverse("decisions:dashboard", kwargs={"site_id": site.pk}))
    assert len(dashboard.context["board"].due) == 3
    overview = next(t for t in status_document(site.code).tables() if t.key == "overblik")
    assert dict((str(label), value) for label, value in overview.rows)["Åbne"] == 3
    api = next(row for row in client.get(reverse("api:analysis")).json()["sites"] if row["code"] == site.code)
    assert api["trial_actions"]["open"] + api["trial_actions"]["never_followed_up"] == 3
    summary = client.get(reverse("api:trial-action-summary")).json()
    assert {row["outcome"]: row["count"] for row in summary["rows"]}[""] == 3


def test_a_sites_status_and_the_whole_analysis_classify_it_alike():
    """The site page and dashboard read the site's status, the start page the whole analysis."""
    for code, programme, visits in (("QZA01", "MG", 3), ("QZA02", "MG", 4), ("QZB01", "RP", 2)):
        build_site(code, programme=programme, visits=visits)
    whole = {summary.code: summary.degree for summary in results.analysis_result().sites}
    assert whole == {code: results.site_status(code).classification.degree for code in whole}


def _balance_on_every_page(client, site) -> dict[str, list]:
    """Each page's promoters and inhibitors per (period, driver), drivers in codebook order."""
    site_page = client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).context
    dashboard = client.get(reverse("decisions:dashboard", kwargs={"site_id": site.pk})).context
    report = next(t for t in status_document(site.code).tables() if t.key == "balance-tal")
    return {
        "site page": [
            (period, tally.promoters, tally.inhibitors)
            for period, tallies in site_page["balance"]
            for tally in tallies
        ],
        "dashboard": [
            (period, tally.promoters, tally.inhibitors)
            for period, tallies in dashboard["balance_rows"]
            for tally in tallies
        ],
        "status report": [
            (period, promoters, inhibitors) for _u, period, _d, promoters, inhibitors, _b in report.rows
        ],
    }


def test_balance_is_the_same_on_every_page_that_shows_it(client):
    """Reports and the joint-meeting statements attributed to the site count alike everywhere."""
    site = build_site("QZA01")["site"]
    visit = VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1), held_on=datetime.date(2019, 3, 1))
    leadership = Code.objects.get(kind="driver", key="leadership")
    FactorFactory(report=ReportFactory(visit=visit), valence="promoter", driver=leadership)
    meeting = JointMeeting.objects.create(title="Erfaringsmøde", held_on=datetime.date(2019, 5, 2))
    meeting.sites.add(site)
    Factor.objects.create(
        joint_meeting=meeting, site=site, valence="inhibitor", statement="Travlt", driver=leadership
    )
    client.force_login(UserFactory(role=Role.EVALUATOR))
    pages = _balance_on_every_page(client, site)
    expected = [
        ("2018", 0, 3),  # competence: an inhibitor at each of the three 2018 visits
        ("2018", 3, 0),  # organisation
        ("2018", 0, 0),
        ("2019", 0, 0),
        ("2019", 0, 0),
        ("2019", 1, 1),  # leadership: the 2019 report and the joint meeting
    ]
    for page, rows in pages.items():
        assert rows == expected, page
    api = next(row for row in client.get(reverse("api:analysis")).json()["sites"] if row["code"] == site.code)
    overall = {"competence": Tally(0, 3), "organisation": Tally(3, 0), "leadership": Tally(1, 1)}
    assert api["balance"] == {driver: tally.balance for driver, tally in overall.items()}


def test_the_api_payload_is_serialised_once_per_data_version(monkeypatch):
    report = build_site("QZA01")["reports"][0]
    calls = []
    serialise = results.analysis_json
    monkeypatch.setattr(results, "analysis_json", lambda *a, **k: calls.append(1) or serialise(*a, **k))
    first = results.analysis_payload()
    assert results.analysis_payload() is first and len(calls) == 1
    factor = report.factors.first()
    fieldwork_services.factor_update(
        factor=factor, expected_version=factor.version, valence=factor.valence, statement="Ny ordlyd"
    )
    assert results.analysis_payload() is not first and len(calls) == 2
