"""The decision-support pages: permissions, the dashboard's alerts and advice, the readiness flow."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.services import degree_override_create
from codebook.models import Code
from decisions.models import AlertRule, ReadinessAssessment
from decisions.selectors import site_alerts, site_history
from decisions.tests.factories import answers, form_data, saved_assessment
from fieldwork.models import ExternalEvent
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

BACKEND = "django.contrib.auth.backends.ModelBackend"
pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def world():
    """A site whose team has no manager and whose last three visits never mention supervision."""
    site = SiteFactory(code="DASH")
    other = SiteFactory(code="OTHR")
    TeamMemberFactory(site=site, role="staff", starts_on=datetime.date(2018, 1, 1))
    TeamMemberFactory(
        site=site, role="manager", starts_on=datetime.date(2018, 1, 1), ends_on=datetime.date(2018, 4, 1)
    )
    leadership = Code.objects.get(kind="driver", key="leadership")
    visits = []
    for index, phase in enumerate(
        ["preparation", "prerequisite_analysis", "capacity_building", "capacity_building"]
    ):
        visit = VisitFactory(
            site=site,
            planned_on=datetime.date(2018, 3, 1) + datetime.timedelta(days=100 * index),
            phase=phase,
        )
        report = ReportFactory(
            visit=visit, anchoring=1 + index // 2, sections={"leadership": "Ledelsen er travl."}
        )
        FactorFactory(
            report=report, valence="inhibitor", statement="Ledelsen deltager ikke.", driver=leadership
        )
        visits.append(visit)
    TrialActionFactory(agreed_at=visits[-1], aim="Prøve STORM-modellen ved morgenmødet")
    ExternalEvent.objects.create(
        site=site, kind="savings", starts_on=datetime.date(2018, 10, 1), description="Besparelse i kommunen"
    )
    consultant = UserFactory(role=Role.CONSULTANT)
    AssignmentFactory(
        site=site, consultant=ConsultantFactory(user=consultant), starts_on=datetime.date(2018, 1, 1)
    )
    return {
        "site": site,
        "other": other,
        "team": UserFactory(role=Role.TEAM_MEMBER, site=site),
        "other_team": UserFactory(role=Role.TEAM_MEMBER, site=other),
        "consultant": consultant,
        "evaluator": UserFactory(role=Role.EVALUATOR),
        "provider": UserFactory(role=Role.PROVIDER),
    }


def dashboard_url(site) -> str:
    return reverse("decisions:dashboard", kwargs={"site_id": site.pk})


class TestDashboard:
    def test_team_member_sees_alerts_with_their_data_and_a_link_to_the_advice(self, world):
        response = login(world["team"]).get(dashboard_url(world["site"]))
        assert response.status_code == 200
        page = response.content.decode()
        rule = AlertRule.objects.get(key="team-without-management")
        assert rule.title_da in page
        assert "Den sidste leder forlod teamet 01.04.2018." in page
        assert AlertRule.objects.get(key="no-supervision").title_da in page
        advice = reverse("decisions:advice", kwargs={"driver": "organisation"}) + "#punkt-5"
        assert advice in page
        assert "Prøve STORM-modellen ved morgenmødet" in page
        assert "Ydre begivenhed 01.10.2018: Besparelser – Besparelse i kommunen" in page
        assert "<svg" in page and "<script" not in page.split("<main", 1)[1]

    def test_a_site_without_any_visit_has_a_dashboard(self, world):
        response = login(world["evaluator"]).get(dashboard_url(world["other"]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Intet besøg er afholdt endnu." in page and "Ingen af advarselsreglerne" in page

    def test_trial_actions_due_link_to_their_update_page_for_the_team(self, world):
        page = login(world["team"]).get(dashboard_url(world["site"])).content.decode()
        action = world["site"].visits.order_by("-planned_on").first().trial_actions_agreed.get()
        assert reverse("fieldwork:trial_action_update", kwargs={"pk": action.pk}) in page
        page = login(world["evaluator"]).get(dashboard_url(world["site"])).content.decode()
        assert reverse("fieldwork:trial_action_update", kwargs={"pk": action.pk}) not in page

    def test_another_sites_id_answers_404(self, world):
        assert login(world["other_team"]).get(dashboard_url(world["site"])).status_code == 404
        assert login(world["provider"]).get(dashboard_url(world["site"])).status_code == 404
        assert (
            login(world["team"]).get(reverse("decisions:dashboard", kwargs={"site_id": 999999})).status_code
            == 404
        )

    def test_consultant_and_evaluator_see_it(self, world):
        assert login(world["consultant"]).get(dashboard_url(world["site"])).status_code == 200
        assert login(world["consultant"]).get(dashboard_url(world["other"])).status_code == 404
        assert login(world["evaluator"]).get(dashboard_url(world["other"])).status_code == 200

    def test_index_sends_a_team_member_to_their_own_dashboard(self, world):
        response = login(world["team"]).get(reverse("decisions:index"))
        assert response.status_code == 302 and response["Location"] == dashboard_url(world["site"])

    def test_a_disabled_rule_does_not_fire(self, world):
        AlertRule.objects.filter(key="team-without-management").update(enabled=False)
        keys = {alert.rule.key for alert in site_alerts(site_history(world["site"]))}
        assert "team-without-management" not in keys and "no-supervision" in keys

    def test_edited_parameters_change_what_fires(self, world):
        history = site_history(world["site"])
        assert "no-supervision" in {alert.rule.key for alert in site_alerts(history)}
        rule = AlertRule.objects.get(key="no-supervision")
        rule.parameters = {"stems": ["ledelsen"], "visits": 3}
        rule.full_clean()
        rule.save()
        assert "no-supervision" not in {alert.rule.key for alert in site_alerts(history)}

    def test_invalid_parameters_are_refused(self):
        rule = AlertRule.objects.get(key="no-supervision")
        rule.parameters = {"visits": "tre"}
        with pytest.raises(ValidationError):
            rule.full_clean()


class TestAdvice:
    def test_the_advice_page_lists_the_drivers_points(self, world):
        response = login(world["team"]).get(reverse("decisions:advice", kwargs={"driver": "organisation"}))
        assert response.status_code == 200
        assert 'id="punkt-5"' in response.content.decode()

    def test_unknown_driver_is_404(self, world):
        assert (
            login(world["team"]).get(reverse("decisions:advice", kwargs={"driver": "nonsense"})).status_code
            == 404
        )

    def test_anonymous_must_log_in(self):
        assert Client().get(reverse("decisions:advice_index")).status_code == 302


def pdf_text(content: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "result.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


class TestReadinessFlow:
    def test_anonymous_visitor_fills_it_in_and_gets_a_secret_link_once(self, tmp_path):
        client = Client()
        assert client.get(reverse("decisions:readiness_start")).status_code == 200
        response = client.post(
            reverse("decisions:readiness_start"), form_data("worst", label="Opholdsstedet Lærkereden")
        )
        assert response.status_code == 302
        result_url = response["Location"]
        assessment = ReadinessAssessment.objects.get()
        assert assessment.site is None and assessment.created_by is None
        token = result_url.rstrip("/").rsplit("/", 1)[1]
        assert len(token) >= 40 and token not in assessment.token_hash
        first = client.get(result_url).content.decode()
        assert "Gem dette link" in first and token in first
        assert "Profil pr. driver" in first and "Sårbar" in first
        assert "Løbende faglig supervision" in first
        assert "2,5 år" in first and "0,5 år" in first
        second = client.get(result_url).content.decode()
        assert "Gem dette link" not in second and "Profil pr. driver" in second

    def test_incomplete_answers_are_refused_and_nothing_is_saved(self):
        data = form_data()
        del data["q_supervision"]
        data["q_external_pressures"] = ["none", "savings"]
        response = Client().post(reverse("decisions:readiness_start"), data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Nogle spørgsmål mangler svar" in page and "kan ikke vælges sammen" in page
        assert not ReadinessAssessment.objects.exists()

    def test_the_pdf_is_a_real_pdf_with_the_content(self, tmp_path):
        saved = saved_assessment(pick="worst")
        response = Client().get(reverse("decisions:readiness_pdf", kwargs={"token": saved.token}))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        text = pdf_text(response.content, tmp_path)
        assert "Parathedsvurdering" in text and "Testhuset" in text
        assert "Profil pr. driver" in text and "Sårbar" in text
        assert "Mentaliseringsguiden" in text and "Robusthedsprogrammet" in text

    def test_an_unknown_token_is_404(self):
        saved_assessment()
        assert (
            Client().get(reverse("decisions:readiness_result", kwargs={"token": "x" * 43})).status_code == 404
        )

    def test_repeat_links_to_the_previous_and_shows_the_change(self):
        first = saved_assessment(pick="worst")
        client = Client()
        repeat_url = reverse("decisions:readiness_repeat", kwargs={"token": first.token})
        form = client.get(repeat_url).content.decode()
        assert 'value="poorly" ' in form and "checked" in form
        response = client.post(repeat_url, form_data("best"))
        assert response.status_code == 302
        newest = ReadinessAssessment.objects.order_by("-pk").first()
        assert newest.previous_id == first.assessment.pk
        page = client.get(response["Location"]).content.decode()
        assert "Ændring siden sidst" in page and "+" in page and "point" in page

    def test_team_members_assessment_is_tied_to_their_site(self, world):
        client = login(world["team"])
        response = client.post(reverse("decisions:readiness_start"), form_data())
        assert response.status_code == 302
        assessment = ReadinessAssessment.objects.get()
        assert assessment.site == world["site"] and assessment.created_by == world["team"]
        saved_url = reverse("decisions:readiness_saved", kwargs={"pk": assessment.pk})
        assert saved_url in client.get(dashboard_url(world["site"])).content.decode()
        assert client.get(saved_url).status_code == 200
        assert login(world["other_team"]).get(saved_url).status_code == 404
        assert Client().get(saved_url).status_code == 302

    def test_a_cpr_number_in_the_label_is_masked_and_the_user_told(self):
        client = Client()
        response = client.post(
            reverse("decisions:readiness_start"), form_data(label="Huset ved 010203-1234"), follow=True
        )
        assert ReadinessAssessment.objects.get().label == "Huset ved [CPR-nummer fjernet]"
        assert "CPR-nummer" in response.content.decode()

    def test_english_through_the_language_switch(self):
        client = Client()
        client.cookies["django_language"] = "en"
        page = client.get(reverse("decisions:readiness_start"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Do staff get ongoing professional supervision?" in page
        assert "Are you ready for a mentalisation programme?" in page and "See the result" in page

    def test_stored_result_matches_the_answers(self):
        saved = saved_assessment(pick="best")
        assert saved.assessment.answers == answers("best")
        assert all(profile["level"] == "prepared" for profile in saved.assessment.result["drivers"])


class TestAdmin:
    def test_rules_are_listed_but_not_changed_in_the_admin(self):
        admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        client = login(admin)
        assert client.get(reverse("admin:decisions_alertrule_changelist")).status_code == 200
        rule = AlertRule.objects.get(key="no-supervision")
        url = reverse("admin:decisions_alertrule_change", args=[rule.pk])
        assert client.get(url).status_code == 200
        client.post(url, {"severity": "low", "parameters": '{"visits": 9}'})
        rule.refresh_from_db()
        assert rule.severity != "low" and rule.parameters.get("visits") != 9

    def test_saved_assessments_cannot_be_added_by_hand(self):
        admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        saved_assessment()
        client = login(admin)
        assert client.get(reverse("admin:decisions_readinessassessment_changelist")).status_code == 200
        assert client.get(reverse("admin:decisions_readinessassessment_add")).status_code == 403


class TestAlertsCommand:
    def test_lists_the_alerts_of_a_site_with_their_evidence(self, world):
        out = io.StringIO()
        call_command("alerts", site="DASH", evidence=True, stdout=out)
        text = out.getvalue()
        assert text.startswith("DASH ")
        assert "Implementeringsteamet er uden ledelse (→ 5)" in text
        assert "Den sidste leder forlod teamet 01.04.2018." in text

    def test_an_unknown_site_is_refused(self, world):
        with pytest.raises(CommandError, match="NOPE"):
            call_command("alerts", site="NOPE", stdout=io.StringIO())


class TestAdviceFromTheHighGroup:
    @pytest.fixture
    def high_sites(self, world):
        """Two sites placed in the high group by the evaluator, with coded promoters."""
        coaching = Code.objects.get(kind="mechanism", key="coaching")
        competence = Code.objects.get(kind="driver", key="competence")
        sites = [SiteFactory(code="HIA", name="Opholdsstedet Egely"), SiteFactory(code="HIB")]
        for site in sites:
            degree_override_create(site=site, degree="high", reason="Testens højgruppe.")
            report = ReportFactory(visit=VisitFactory(site=site))
            for statement in ("Ekstern supervision hver måned.", f"Kun hos {site.code}: sparring."):
                FactorFactory(report=report, statement=statement, driver=competence, mechanism=coaching)
        FactorFactory(
            report=ReportFactory(visit=VisitFactory(site=sites[1])),
            statement="På Egely bruger de følelseskompasset.",
            driver=competence,
            mechanism=coaching,
        )
        FactorFactory(
            report=ReportFactory(visit=VisitFactory(site=sites[0])),
            statement="På Egely bruger de følelseskompasset.",
            driver=competence,
            mechanism=coaching,
        )
        return sites

    def test_a_team_member_sees_shared_practices_without_site_names(self, world, high_sites):
        page = login(world["team"]).get(reverse("decisions:advice", kwargs={"driver": "competence"})).content
        page = page.decode()
        # reported at 2 sites: fewer than the 3 the disclosure rule needs, so not quoted
        assert "»Ekstern supervision hver måned.«" not in page
        assert "HIA" not in page and "HIB" not in page and "Egely" not in page
        assert "6 fremmere · 2 steder" in page
        assert "0 af de 2 steder i højgruppen har arbejdet med punktet." in page

    def test_an_evaluator_sees_every_practice_with_its_sites(self, world, high_sites):
        page = (
            login(world["evaluator"])
            .get(reverse("decisions:advice", kwargs={"driver": "competence"}))
            .content
        )
        page = page.decode()
        assert "Kun hos HIA: sparring." in page and "(HIA, HIB)" in page
        assert "På Egely bruger de følelseskompasset." in page

    def test_a_provider_sees_counts_but_no_statements(self, world, high_sites):
        page = (
            login(world["provider"]).get(reverse("decisions:advice", kwargs={"driver": "competence"})).content
        )
        page = page.decode()
        assert "6 fremmere · 2 steder" in page and "Ekstern supervision" not in page
