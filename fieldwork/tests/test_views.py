import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.privacy import CPR_MASK
from accounts.tests.factories import UserFactory
from audit.tests.forms_in_html import form_data
from fieldwork.models import Factor, ImplementationReport, JointMeeting, TrialAction, Visit
from fieldwork.tests.factories import ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def consultant_setup(client):
    user = UserFactory(role=Role.CONSULTANT)
    site = SiteFactory()
    AssignmentFactory(site=site, consultant=ConsultantFactory(user=user), starts_on=datetime.date(2018, 1, 1))
    client.force_login(user, backend=BACKEND)
    return user, site


def _report_post(version, **overrides):
    data = {"version": version, "action": "draft", "anchoring": "3"}
    data.update(overrides)
    return data


class TestVisitForms:
    def test_plan_a_visit(self, client, consultant_setup):
        _, site = consultant_setup
        url = reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk})
        response = client.post(url, {"status": "planned", "date": "15.06.2030", "phase": ""})
        visit = Visit.objects.get(site=site)
        assert response.status_code == 302
        assert visit.planned_on == datetime.date(2030, 6, 15) and visit.status == "planned"

    def test_record_a_held_visit_goes_to_the_report(self, client, consultant_setup):
        user, site = consultant_setup
        url = reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk})
        response = client.post(url, {"status": "held", "date": "2019-03-01", "phase": "preparation"})
        visit = Visit.objects.get(site=site)
        assert response["Location"] == reverse("fieldwork:report_edit", kwargs={"pk": visit.pk})
        assert visit.consultant.user == user

    def test_danish_messages_next_to_the_fields(self, client, consultant_setup):
        _, site = consultant_setup
        url = reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk})
        future = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
        response = client.post(url, {"status": "held", "date": future, "phase": ""})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Et afholdt besøg kan ikke ligge i fremtiden." in html
        assert "Angiv fasen for det afholdte besøg." in html
        response = client.post(url, {"status": "planned", "date": "31.02.2019"})
        assert "Skriv datoen som dd.mm.åååå." in response.content.decode()
        assert not Visit.objects.exists()


class TestReportEditor:
    def test_save_draft_then_validate(self, client, consultant_setup):
        _, site = consultant_setup
        visit = VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1))
        url = reverse("fieldwork:report_edit", kwargs={"pk": visit.pk})
        assert client.get(url).status_code == 200
        response = client.post(url, _report_post(0, section_leadership="Lederen går forrest."))
        assert response.status_code == 302
        report = ImplementationReport.objects.get(visit=visit)
        assert report.sections.get(theme="leadership").text == "Lederen går forrest."
        response = client.post(url, _report_post(1, action="validate", validated_on="01.04.2019"))
        report.refresh_from_db()
        assert report.status == "validated" and report.validated_on == datetime.date(2019, 4, 1)

    def test_validate_without_date_shows_the_error_at_the_field(self, client, consultant_setup):
        _, site = consultant_setup
        visit = VisitFactory(site=site)
        response = client.post(
            reverse("fieldwork:report_edit", kwargs={"pk": visit.pk}), _report_post(0, action="validate")
        )
        assert "Angiv datoen, hvor rapporten blev valideret med teamet." in response.content.decode()
        assert not ImplementationReport.objects.exists()

    def test_conflict_shows_both_versions_and_keeps_my_text(self, client, consultant_setup):
        _, site = consultant_setup
        report = ReportFactory(visit=VisitFactory(site=site), sections={"leadership": "Start"})
        url = reverse("fieldwork:report_edit", kwargs={"pk": report.visit.pk})
        client.post(url, _report_post(1, section_leadership="Deres tekst om ledelsen"))
        response = client.post(url, _report_post(1, section_leadership="Min tekst om ledelsen"))
        html = response.content.decode()
        assert response.status_code == 409
        assert "Rapporten er ændret af en anden, mens du skrev" in html
        assert "Deres tekst om ledelsen" in html and "Min tekst om ledelsen" in html
        assert 'name="version" value="2"' in html
        report.refresh_from_db()
        assert report.version == 2
        assert report.sections.get(theme="leadership").text == "Deres tekst om ledelsen"

    def test_cpr_masked_and_the_user_told(self, client, consultant_setup):
        _, site = consultant_setup
        visit = VisitFactory(site=site)
        url = reverse("fieldwork:report_edit", kwargs={"pk": visit.pk})
        response = client.post(url, _report_post(0, section_leadership="Drengen 010203-1234."), follow=True)
        assert "Et CPR-nummer blev fjernet fra teksten" in response.content.decode()
        assert CPR_MASK in ImplementationReport.objects.get(visit=visit).sections.get(theme="leadership").text

    def test_planned_visit_redirects_to_recording_it(self, client, consultant_setup):
        _, site = consultant_setup
        visit = VisitFactory(site=site, held_on=None, status="planned", phase="")
        response = client.get(reverse("fieldwork:report_edit", kwargs={"pk": visit.pk}))
        assert response["Location"] == reverse("fieldwork:visit_update", kwargs={"pk": visit.pk})

    def test_htmx_factor_add_returns_the_fragment(self, client, consultant_setup):
        _, site = consultant_setup
        report = ReportFactory(visit=VisitFactory(site=site))
        url = reverse("fieldwork:factor_create", kwargs={"pk": report.pk})
        response = client.post(
            url,
            {
                "factor-valence": "promoter",
                "factor-statement": "Sparring 010203-1234",
                "factor-theme": "leadership",
            },
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        assert response.status_code == 200 and 'id="factors"' in html and "<html" not in html
        assert "CPR-nummer blev fjernet" in html
        assert Factor.objects.get(report=report).statement == f"Sparring {CPR_MASK}"
        response = client.post(url, {"factor-valence": "promoter"}, headers={"HX-Request": "true"})
        assert "Dette felt er påkrævet." in response.content.decode()

    def test_follow_up_listed_at_the_next_visit(self, client, consultant_setup):
        _, site = consultant_setup
        first = VisitFactory(site=site, planned_on=datetime.date(2019, 1, 10))
        second = VisitFactory(site=site, planned_on=datetime.date(2019, 4, 10))
        action = TrialActionFactory(agreed_at=first, aim="Tankebobler ved aftensmaden")
        html = client.get(reverse("fieldwork:report_edit", kwargs={"pk": second.pk})).content.decode()
        assert "Tankebobler ved aftensmaden" in html
        url = reverse("fieldwork:trial_action_follow_up", kwargs={"pk": action.pk})
        response = client.post(
            url,
            {
                f"fu{action.pk}-version": action.version,
                f"fu{action.pk}-visit": second.pk,
                f"fu{action.pk}-outcome": "partly",
                f"fu{action.pk}-learning": "Lidt",
            },
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        action.refresh_from_db()
        assert action.followed_up_at == second and action.outcome == "partly"


class TestAccess:
    def test_former_consultant_keeps_reading_the_reports_they_wrote(self, client):
        user = UserFactory(role=Role.CONSULTANT)
        site = SiteFactory()
        AssignmentFactory(
            site=site,
            consultant=ConsultantFactory(user=user),
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2019, 12, 31),
        )
        written = ReportFactory(visit=VisitFactory(site=site), author=user)
        newer = ReportFactory(visit=VisitFactory(site=site, planned_on=datetime.date(2020, 5, 1)))
        client.force_login(user, backend=BACKEND)
        assert client.get(reverse("fieldwork:report_detail", kwargs={"pk": written.pk})).status_code == 200
        assert client.get(reverse("fieldwork:report_detail", kwargs={"pk": newer.pk})).status_code == 404
        assert (
            client.get(reverse("fieldwork:report_edit", kwargs={"pk": written.visit.pk})).status_code == 404
        )
        assert client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).status_code == 404

    def test_team_member_updates_own_trial_actions_only(self, client):
        site, other = SiteFactory(), SiteFactory()
        user = UserFactory(role=Role.TEAM_MEMBER, site=site)
        mine = TrialActionFactory(agreed_at=VisitFactory(site=site))
        theirs = TrialActionFactory(agreed_at=VisitFactory(site=other))
        client.force_login(user, backend=BACKEND)
        url = reverse("fieldwork:trial_action_update", kwargs={"pk": mine.pk})
        assert client.post(url, {"aim": "Ny formulering", "version": mine.version}).status_code == 302
        assert TrialAction.objects.get(pk=mine.pk).aim == "Ny formulering"
        url = reverse("fieldwork:trial_action_update", kwargs={"pk": theirs.pk})
        assert client.post(url, {"aim": "x"}).status_code == 404
        assert (
            client.get(reverse("fieldwork:report_edit", kwargs={"pk": mine.agreed_at.pk})).status_code == 404
        )

    def test_provider_sees_no_free_text(self, client):
        report = ReportFactory()
        client.force_login(UserFactory(role=Role.PROVIDER), backend=BACKEND)
        for url in (
            reverse("fieldwork:report_detail", kwargs={"pk": report.pk}),
            reverse("fieldwork:visit_detail", kwargs={"pk": report.visit.pk}),
            reverse("fieldwork:search") + "?q=ledelse",
            reverse("fieldwork:meeting_list"),
        ):
            assert client.get(url).status_code == 404


class TestMeetings:
    def test_meeting_list_paginates_and_meeting_on_site_timeline(self, client):
        site = SiteFactory()
        for n in range(23):
            meeting = JointMeeting.objects.create(held_on=datetime.date(2019, 5, 1), title=f"Møde {n:02d}")
            meeting.sites.set([site])
        client.force_login(UserFactory(role=Role.EVALUATOR), backend=BACKEND)
        first = client.get(reverse("fieldwork:meeting_list")).content.decode()
        second = client.get(reverse("fieldwork:meeting_list") + "?page=2").content.decode()
        assert "Side 1 af 2" in first and first.count("Møde ") == 20
        assert second.count("Møde ") == 3
        site_page = client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).content.decode()
        assert "Møde 00" in site_page and "Fællesmøde" in site_page

    def test_consultant_creates_meeting_with_own_sites_only(self, client, consultant_setup):
        _, site = consultant_setup
        foreign = SiteFactory()
        url = reverse("fieldwork:meeting_create")
        response = client.post(url, {"held_on": "2019-05-01", "title": "Erfaringer", "sites": [foreign.pk]})
        assert response.status_code == 200 and not JointMeeting.objects.exists()
        response = client.post(
            url, {"held_on": "2019-05-01", "title": "Erfaringer", "minutes": "Referat", "sites": [site.pk]}
        )
        meeting = JointMeeting.objects.get()
        assert response.status_code == 302 and list(meeting.sites.all()) == [site]


class TestReportEditorMerge:
    """Two people edit the same report; the page saved as it is shown never reverts the other's change."""

    @pytest.fixture
    def opened(self, client, consultant_setup):
        _, site = consultant_setup
        report = ReportFactory(
            visit=VisitFactory(site=site),
            sections={"leadership": "Start ledelse", "organisation_culture": "Start kultur"},
        )
        url = reverse("fieldwork:report_edit", kwargs={"pk": report.visit.pk})
        page = form_data(client.get(url).content.decode(), "report-form")
        return report, url, page

    def _post(self, client, url, page, **changes):
        data = {**page, "action": ["draft"], **{k: [v] for k, v in changes.items()}}
        return client.post(url, data)

    def test_changes_to_different_themes_are_merged_without_asking(self, client, opened):
        report, url, page = opened
        assert self._post(client, url, page, section_organisation_culture="Deres kultur").status_code == 302
        assert self._post(client, url, page, section_leadership="Min ledelse").status_code == 302
        texts = dict(report.sections.values_list("theme", "text"))
        assert texts["organisation_culture"] == "Deres kultur" and texts["leadership"] == "Min ledelse"

    def test_saving_the_conflict_page_keeps_the_other_persons_other_changes(self, client, opened):
        report, url, page = opened
        self._post(
            client, url, page, section_leadership="Deres ledelse", section_organisation_culture="Deres kultur"
        )
        response = self._post(client, url, page, section_leadership="Min ledelse")
        html = response.content.decode()
        assert response.status_code == 409
        assert "Deres ledelse" in html and "Min ledelse" in html
        assert "Start kultur" not in html, "a field only the other person changed was shown as a conflict"
        again = form_data(html, "report-form")
        assert self._post(client, url, again).status_code == 302
        texts = dict(report.sections.values_list("theme", "text"))
        assert texts == {**texts, "organisation_culture": "Deres kultur", "leadership": "Min ledelse"}

    def test_keeping_theirs_on_the_conflict_page(self, client, opened):
        report, url, page = opened
        self._post(client, url, page, section_leadership="Deres ledelse")
        again = form_data(
            self._post(client, url, page, section_leadership="Min ledelse").content.decode(), "report-form"
        )
        assert self._post(client, url, {**again, "take_theirs": ["section_leadership"]}).status_code == 302
        assert report.sections.get(theme="leadership").text == "Deres ledelse"


class TestStaleWritesOfEveryEditableObject:
    """Trial actions, joint meetings and promoters/inhibitors: a stale save merges or shows the conflict."""

    def test_trial_action_changes_to_different_fields_merge_and_the_same_field_conflicts(
        self, client, consultant_setup
    ):
        _, site = consultant_setup
        action = TrialActionFactory(agreed_at=VisitFactory(site=site), aim="Start", description="Start")
        url = reverse("fieldwork:trial_action_update", kwargs={"pk": action.pk})
        page = form_data(client.get(url).content.decode(), "trial-action-form")
        assert client.post(url, {**page, "description": ["Deres handling"]}).status_code == 302
        assert client.post(url, {**page, "aim": ["Mit formål"]}).status_code == 302
        action.refresh_from_db()
        assert (action.aim, action.description) == ("Mit formål", "Deres handling")
        conflict = client.post(url, {**page, "aim": ["Endnu et formål"]})
        assert conflict.status_code == 409 and "Mit formål" in conflict.content.decode()
        action.refresh_from_db()
        assert action.aim == "Mit formål"

    def test_meeting_minutes_are_not_overwritten_by_a_stale_title_change(self, client, consultant_setup):
        _, site = consultant_setup
        meeting = JointMeeting.objects.create(
            held_on=datetime.date(2019, 5, 1), title="Møde", minutes="Start"
        )
        meeting.sites.set([site])
        url = reverse("fieldwork:meeting_update", kwargs={"pk": meeting.pk})
        page = form_data(client.get(url).content.decode(), "meeting-form")
        assert client.post(url, {**page, "minutes": ["Deres referat"]}).status_code == 302
        assert client.post(url, {**page, "title": ["Min titel"]}).status_code == 302
        meeting.refresh_from_db()
        assert (meeting.title, meeting.minutes) == ("Min titel", "Deres referat")
        conflict = client.post(url, {**page, "minutes": ["Mit referat"]})
        assert conflict.status_code == 409
        meeting.refresh_from_db()
        assert meeting.minutes == "Deres referat"

    def test_factor_stale_edit_of_the_same_statement_conflicts(self, client, consultant_setup):
        _, site = consultant_setup
        report = ReportFactory(visit=VisitFactory(site=site))
        factor = Factor.objects.create(report=report, valence="promoter", statement="Start")
        url = reverse("fieldwork:factor_update", kwargs={"pk": factor.pk})
        page = form_data(client.get(url).content.decode(), f"factor-form-{factor.pk}")
        key = f"factor{factor.pk}-statement"
        assert client.post(url, {**page, key: ["Deres udsagn"]}).status_code == 302
        conflict = client.post(url, {**page, key: ["Mit udsagn"]})
        assert conflict.status_code == 409
        assert "Deres udsagn" in conflict.content.decode() and "Mit udsagn" in conflict.content.decode()
        factor.refresh_from_db()
        assert factor.statement == "Deres udsagn"


def test_an_htmx_conflict_on_a_statement_is_swapped_in(client, consultant_setup):
    """htmx swaps only 2xx answers, so the conflict fragment comes back as 200 to an htmx request."""
    _, site = consultant_setup
    factor = Factor.objects.create(
        report=ReportFactory(visit=VisitFactory(site=site)), valence="promoter", statement="Start"
    )
    url = reverse("fieldwork:factor_update", kwargs={"pk": factor.pk})
    page = form_data(client.get(url).content.decode(), f"factor-form-{factor.pk}")
    key = f"factor{factor.pk}-statement"
    client.post(url, {**page, key: ["Deres udsagn"]})
    response = client.post(url, {**page, key: ["Mit udsagn"]}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'class="conflict"' in response.content.decode()
