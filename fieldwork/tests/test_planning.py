"""Cancelling visits, plausible visit dates, participants of the visit's date, the visit plan beside
held visits, events, assessments, relapses on the timeline, and the draft-after-validation step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import Code
from fieldwork import selectors, services, site_records
from fieldwork.models import ExternalEvent, ImplementationReport, Visit
from fieldwork.tests.factories import ReportFactory, VisitFactory
from registry.models import VisitPlan
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def consultant_site(client):
    user = UserFactory(role=Role.CONSULTANT)
    site = SiteFactory(joined_on=datetime.date(2018, 1, 1))
    AssignmentFactory(site=site, consultant=ConsultantFactory(user=user), starts_on=datetime.date(2018, 1, 1))
    client.force_login(user, backend=BACKEND)
    return user, site


class TestCancel:
    def test_cancel_a_planned_visit_with_its_reason(self, client, consultant_site):
        _, site = consultant_site
        visit = VisitFactory(site=site, planned_on=datetime.date(2019, 5, 1), held_on=None, status="planned")
        url = reverse("fieldwork:visit_cancel", kwargs={"pk": visit.pk})
        response = client.post(url, {"cancel_reason": ""})
        assert response.status_code == 200 and "Dette felt er påkrævet." in response.content.decode()
        response = client.post(url, {"cancel_reason": "Lederen var syg."})
        visit.refresh_from_db()
        assert response.status_code == 302
        assert visit.status == "cancelled" and visit.cancel_reason == "Lederen var syg."

    def test_a_held_visit_cannot_be_cancelled(self, consultant_site):
        _, site = consultant_site
        with pytest.raises(ValidationError):
            services.visit_cancel(visit=VisitFactory(site=site), reason="For sent")


class TestPlausibleDates:
    def test_the_year_9999_is_refused_with_what_is_wrong(self, client, consultant_site):
        _, site = consultant_site
        url = reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk})
        response = client.post(url, {"status": "planned", "date": "31.12.9999"})
        assert "mere end 10 år ude i fremtiden" in response.content.decode()
        response = client.post(url, {"status": "held", "date": "01.06.2017", "phase": "preparation"})
        assert "Datoen ligger før, at stedet kom med i projektet 01.01.2018." in response.content.decode()
        assert not Visit.objects.exists()

    def test_a_site_that_has_left_takes_no_new_visits(self, client, consultant_site):
        _, site = consultant_site
        site.left_on, site.left_reason = datetime.date(2019, 12, 31), "Stedet lukkede"
        site.save()
        response = client.get(reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk}), follow=True)
        assert "Stedet forlod projektet 31.12.2019 (Stedet lukkede)" in response.content.decode()
        with pytest.raises(ValidationError):
            services.visit_plan(site=site, planned_on=datetime.date(2019, 6, 1))
        assert not Visit.objects.exists()

    def test_participants_must_have_been_on_the_team_that_day(self, client, consultant_site):
        _, site = consultant_site
        former = TeamMemberFactory(
            site=site,
            name="Tidligere",
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2018, 12, 31),
        )
        current = TeamMemberFactory(site=site, name="Nuværende", starts_on=datetime.date(2019, 1, 1))
        url = reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk})
        data = {"status": "held", "date": "01.03.2019", "phase": "preparation", "participants": [former.pk]}
        response = client.post(url, data)
        assert "Tidligere var ikke med i teamet den 01.03.2019." in response.content.decode()
        response = client.post(url, {**data, "participants": [current.pk]})
        assert response.status_code == 302
        assert list(Visit.objects.get().participants.all()) == [current]
        visit = Visit.objects.get()
        page = client.get(reverse("fieldwork:visit_update", kwargs={"pk": visit.pk})).content.decode()
        assert 'type="checkbox"' in page and "Nuværende" in page and "Tidligere" not in page


class TestPlanAndEvents:
    def test_plan_beside_held_and_overdue(self, consultant_site):
        _, site = consultant_site
        VisitPlan.objects.create(site=site, year=2019, planned_visits=3)
        VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1))
        VisitFactory(site=site, planned_on=datetime.date(2019, 9, 1), held_on=None, status="planned")
        rows = site_records.visit_plan_years(site, today=datetime.date(2020, 1, 1))
        assert [(r.year, r.planned, r.held, r.open, r.overdue, r.missing) for r in rows] == [
            (2019, 3, 1, 1, 1, 2)
        ]
        assert list(site_records.overdue_visits([site], today=datetime.date(2020, 1, 1))) == [
            Visit.objects.get(status="planned")
        ]

    def test_events_for_all_sites_appear_on_each_timeline(self, consultant_site):
        _, site = consultant_site
        site_records.event_save(site=None, kind="pandemic", starts_on=datetime.date(2020, 3, 11))
        with pytest.raises(ValidationError):
            site_records.event_save(
                site=site,
                kind="savings",
                starts_on=datetime.date(2020, 3, 1),
                ends_on=datetime.date(2020, 1, 1),
            )
        assert ExternalEvent.objects.count() == 1
        assert [e.kind for e in selectors.site_timeline(site)] == ["event"]

    def test_assessments_are_for_evaluators_only(self, client, consultant_site):
        _, site = consultant_site
        url = reverse("fieldwork:site_assessments", kwargs={"site_pk": site.pk})
        assert client.get(url).status_code == 404
        client.force_login(UserFactory(role=Role.EVALUATOR), backend=BACKEND)
        response = client.post(
            url, {"form": "assessment", "a-assessed_on": "01.03.2020", "a-culture_type": "control"}
        )
        assert response.status_code == 302 and site.assessments.get().culture_type == "control"
        response = client.post(
            url,
            {
                "form": "score",
                "s-kind": "fidelity",
                "s-period_start": "01.01.2020",
                "s-period_end": "01.01.2019",
                "s-value": "3",
            },
        )
        assert "Slutdatoen ligger før startdatoen." in response.content.decode()
        assert not site.scores.exists()


class TestTimelineAndReports:
    def test_relapses_are_marked_on_the_timeline(self, consultant_site):
        _, site = consultant_site
        VisitFactory(site=site, planned_on=datetime.date(2019, 1, 1), phase="capacity_building")
        VisitFactory(site=site, planned_on=datetime.date(2019, 6, 1), phase="preparation")
        relapses = [e.obj.relapse for e in selectors.site_timeline(site) if e.kind == "visit"]
        assert relapses == [False, True]

    def test_saving_a_validated_report_as_draft_asks_first(self, client, consultant_site):
        _, site = consultant_site
        visit = VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1))
        report = ReportFactory(visit=visit, status="validated", validated_on=datetime.date(2019, 3, 5))
        url = reverse("fieldwork:report_edit", kwargs={"pk": visit.pk})
        data = {"version": report.version, "action": "draft", "section_leadership": "Ny tekst"}
        response = client.post(url, data)
        assert "Ja, gem som kladde" in response.content.decode()
        assert ImplementationReport.objects.get().status == "validated"
        response = client.post(url, {**data, "confirm_draft": "1"})
        assert response.status_code == 302 and ImplementationReport.objects.get().status == "draft"

    def test_report_page_shows_participants_and_trial_actions(self, client, consultant_site):
        _, site = consultant_site
        visit = VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1))
        visit.participants.add(TeamMemberFactory(site=site, name="Anna Leder"))
        visit.trial_actions_agreed.create(aim="Tankebobler ved aftensmaden")
        report = ReportFactory(visit=visit)
        html = client.get(reverse("fieldwork:report_detail", kwargs={"pk": report.pk})).content.decode()
        assert "Anna Leder" in html and "Tankebobler ved aftensmaden" in html
        assert reverse("fieldwork:visit_detail", kwargs={"pk": visit.pk}) in html

    def test_the_chart_has_no_comma_decimals_in_danish(self, client, consultant_site):
        _, site = consultant_site
        driver = Code.objects.get(kind="driver", key="competence")
        ReportFactory(visit=VisitFactory(site=site)).factors.create(
            valence="promoter", statement="Godt", driver=driver
        )
        with translation.override("da"):
            html = client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).content.decode()
        assert 'y1="90.0"' in html and '"90,0"' not in html
