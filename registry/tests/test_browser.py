"""In real headless Chromium: every registry and planning page, used by each role that may use it,
and refused (404) to the roles that may not. Screenshots under var/screenshots/."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from fieldwork.models import ExternalEvent, Score, SiteAssessment, Visit
from fieldwork.tests.factories import VisitFactory
from fieldwork.tests.test_browser import SCREENSHOTS, _login, _page
from registry.models import ConsultantAssignment, Department, Site, TeamMember, VisitPlan
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLES = {
    "admin": Role.ADMINISTRATOR,
    "evaluator": Role.EVALUATOR,
    "konsulent": Role.CONSULTANT,
    "team": Role.TEAM_MEMBER,
    "udbyder": Role.PROVIDER,
}


def _world():
    site = SiteFactory(name="Solbakken", joined_on=datetime.date(2018, 1, 1))
    users = {
        name: UserFactory(username=name, role=role, site=site if role == Role.TEAM_MEMBER else None)
        for name, role in ROLES.items()
    }
    AssignmentFactory(
        site=site,
        consultant=ConsultantFactory(name="Karen Konsulent", user=users["konsulent"]),
        starts_on=datetime.date(2018, 1, 1),
    )
    ConsultantFactory(name="Niels Nykonsulent")
    TeamMemberFactory(site=site, name="Anna Leder", role="manager", is_lead=True)
    return site, users


def _as(browser, live_server, username):
    page = _page(browser)
    _login(page, live_server.url, username)
    return page


def _status(page, live_server, name, **kwargs):
    return page.goto(live_server.url + reverse(name, kwargs=kwargs)).status


def test_profile_departments_and_team_by_every_role_that_may(browser, live_server):
    site, _ = _world()
    for places, username in enumerate(("admin", "evaluator", "konsulent", "team"), start=5):
        page = _as(browser, live_server, username)
        page.goto(live_server.url + reverse("registry:site_detail", kwargs={"pk": site.pk}))
        page.locator(".site-tools").get_by_role("link", name="Profil").click()
        page.fill("input[name=places]", str(places))
        page.click("main form button[type=submit]")
        page.get_by_text("Profilen er gemt.").wait_for()
        assert Site.objects.get(pk=site.pk).places == places

        page.goto(live_server.url + reverse("registry:department_list", kwargs={"pk": site.pk}))
        page.fill("input[name=name]", f"Hus {username}")
        page.fill("input[name=address]", "Skovvej 1")
        page.check("input[name=separate_address]")
        page.click("text=Tilføj afdeling")
        page.get_by_text("Afdelingen er gemt.").wait_for()

        page.goto(live_server.url + reverse("registry:team_list", kwargs={"pk": site.pk}))
        page.fill("input[name=name]", f"Medlem {username}")
        page.select_option("select[name=role]", "staff")
        page.fill("input[name=starts_on]", "01.02.2020")
        page.click("text=Tilføj teammedlem")
        page.get_by_text("Teammedlemmet er gemt.").wait_for()
        page.context.close()
    assert Department.objects.filter(site=site, separate_address=True).count() == 4
    assert TeamMember.objects.filter(site=site, name__startswith="Medlem").count() == 4

    page = _as(browser, live_server, "team")
    member = TeamMember.objects.get(name="Anna Leder")
    page.goto(live_server.url + reverse("registry:team_member_update", kwargs={"pk": member.pk}))
    page.fill("input[name=ends_on]", "31.12.2017")
    page.click("main form button[type=submit]")
    page.get_by_text("Slutdatoen ligger før startdatoen.").wait_for()
    page.fill("input[name=ends_on]", "30.06.2021")
    page.click("main form button[type=submit]")
    page.get_by_text("Teammedlemmet er gemt.").wait_for()
    assert "30.06.2021" in page.content() and "Anna Leder" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "registry-team.png"), full_page=True)
    assert _status(page, live_server, "registry:site_membership", pk=site.pk) == 404
    page.context.close()

    page = _as(browser, live_server, "udbyder")
    for name in ("registry:site_update", "registry:department_list", "registry:team_list"):
        assert _status(page, live_server, name, pk=site.pk) == 404


def test_managers_create_sites_record_leaving_and_change_the_consultant(browser, live_server):
    site, _ = _world()
    for code, username in (("ENG", "admin"), ("HAV", "evaluator")):
        page = _as(browser, live_server, username)
        page.click("text=Nyt sted")
        page.fill("input[name=code]", code)
        page.fill("input[name=name]", f"Sted {code}")
        page.fill("input[name=joined_on]", "31.12.9999")
        page.select_option("select[name=programme]", index=1)
        page.fill("input[name=places]", "8")
        page.fill("input[name=permanent_staff]", "12")
        page.fill("input[name=age_min]", "12")
        page.fill("input[name=age_max]", "17")
        page.click("main form button[type=submit]")
        page.get_by_text("mere end 10 år ude i fremtiden").wait_for()
        page.fill("input[name=joined_on]", "01.03.2021")
        page.click("main form button[type=submit]")
        page.get_by_text("Stedet er oprettet.").wait_for()
        page.context.close()
    assert set(Site.objects.filter(code__in=["ENG", "HAV"]).values_list("code", flat=True)) == {"ENG", "HAV"}

    page = _as(browser, live_server, "evaluator")
    page.goto(live_server.url + reverse("registry:assignment_list", kwargs={"pk": site.pk}))
    page.select_option("select[name=consultant]", label="Niels Nykonsulent")
    page.fill("input[name=starts_on]", "01.01.2021")
    page.click("main form button[type=submit]")
    page.get_by_text("Angiv årsagen til skiftet af konsulent.").wait_for()
    page.fill("textarea[name=reason]", "Karen gik på barsel.")
    page.click("main form button[type=submit]")
    page.get_by_text("Konsulenten er skiftet.").wait_for()
    assert "Karen gik på barsel." in page.content() and "31.12.2020" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "registry-consultants.png"), full_page=True)
    page.context.close()

    page = _as(browser, live_server, "admin")
    page.goto(live_server.url + reverse("registry:site_membership", kwargs={"pk": site.pk}))
    page.fill("input[name=left_on]", "31.12.2022")
    page.fill("textarea[name=left_reason]", "Stedet lukkede")
    page.click("main form button[type=submit]")
    page.get_by_text("Medlemskabet er gemt.").wait_for()
    assert "får ikke flere besøg" in page.content()
    page.goto(live_server.url + reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk}))
    page.get_by_text("Stedet forlod projektet 31.12.2022 (Stedet lukkede)").first.wait_for()
    assert not Visit.objects.exists()
    page.context.close()

    history = ConsultantAssignment.objects.filter(site=site).order_by("starts_on")
    assert [a.consultant.name for a in history] == ["Karen Konsulent", "Niels Nykonsulent"]
    page = _as(browser, live_server, "konsulent")
    page.goto(
        live_server.url
        + reverse("registry:assignment_list", kwargs={"pk": ConsultantAssignment.objects.first().site_id})
    )
    assert _status(page, live_server, "registry:site_membership", pk=site.pk) == 404


def test_visit_plan_and_events_by_those_who_plan(browser, live_server):
    site, _ = _world()
    VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1))
    for visits, username in ((3, "admin"), (2, "evaluator"), (3, "konsulent")):
        page = _as(browser, live_server, username)
        page.goto(live_server.url + reverse("registry:site_detail", kwargs={"pk": site.pk}))
        page.locator(".site-tools").get_by_role("link", name="Besøgsplan").click()
        page.fill("input[name=year]", "2019")
        page.fill("input[name=planned_visits]", str(visits))
        page.click("main form button[type=submit]")
        page.get_by_text("Besøgsplanen er gemt.").wait_for()
        assert "−" + str(visits - 1) in page.locator("table").inner_text()

        page.goto(live_server.url + reverse("fieldwork:site_events", kwargs={"site_pk": site.pk}))
        page.select_option("select[name=kind]", "savings")
        page.fill("input[name=starts_on]", "01.04.2019")
        page.fill("textarea[name=description]", f"Besparelse meldt af {username}")
        page.click("text=Tilføj begivenhed")
        page.get_by_text("Begivenheden er gemt.").wait_for()
        page.context.close()
    assert VisitPlan.objects.get(site=site, year=2019).planned_visits == 3
    assert ExternalEvent.objects.filter(site=site).count() == 3

    for username in ("admin", "evaluator"):
        page = _as(browser, live_server, username)
        page.click("text=Begivenheder for alle steder")
        page.select_option("select[name=kind]", "pandemic")
        page.fill("input[name=starts_on]", "11.03.2020")
        page.click("text=Tilføj begivenhed")
        page.get_by_text("Begivenheden er gemt.").wait_for()
        page.context.close()
    assert ExternalEvent.objects.filter(site__isnull=True).count() == 2

    page = _as(browser, live_server, "konsulent")
    event = ExternalEvent.objects.filter(site=site).first()
    page.goto(live_server.url + reverse("fieldwork:event_update", kwargs={"pk": event.pk}))
    page.fill("input[name=ends_on]", "30.06.2019")
    page.click("main form button[type=submit]")
    page.get_by_text("Begivenheden er gemt.").wait_for()
    page.goto(live_server.url + reverse("registry:site_detail", kwargs={"pk": site.pk}))
    assert page.locator(".timeline li.event").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(SCREENSHOTS / "registry-site-timeline.png"), full_page=True)
    assert _status(page, live_server, "fieldwork:event_list") == 404
    page.context.close()

    page = _as(browser, live_server, "team")
    assert _status(page, live_server, "fieldwork:visit_plan", site_pk=site.pk) == 404
    assert _status(page, live_server, "fieldwork:site_events", site_pk=site.pk) == 404


def test_assessments_and_scores_by_evaluators_only(browser, live_server):
    site, _ = _world()
    for day, username in (("01.03.2020", "admin"), ("01.09.2020", "evaluator")):
        page = _as(browser, live_server, username)
        page.goto(live_server.url + reverse("registry:site_detail", kwargs={"pk": site.pk}))
        page.locator(".site-tools").get_by_role("link", name="Vurderinger og scorer").click()
        page.fill("input[name=a-assessed_on]", day)
        page.select_option("select[name=a-leadership_style]", "democratic")
        page.locator("input[name=a-attention_points]").first.check()
        page.click("text=Gem vurdering")
        page.get_by_text("Vurderingen er gemt.").wait_for()
        page.select_option("select[name=s-kind]", "fidelity")
        page.fill("input[name=s-period_start]", "01.01.2020")
        page.fill("input[name=s-period_end]", "31.12.2020")
        page.fill("input[name=s-value]", "3.5")
        page.click("text=Gem score")
        page.get_by_text("Scoren er gemt.").wait_for()
        page.screenshot(path=str(SCREENSHOTS / f"registry-assessments-{username}.png"), full_page=True)
        page.context.close()
    assert (
        SiteAssessment.objects.filter(site=site).count() == 2 and Score.objects.filter(site=site).count() == 2
    )
    for username in ("konsulent", "team"):
        page = _as(browser, live_server, username)
        assert _status(page, live_server, "fieldwork:site_assessments", site_pk=site.pk) == 404
        page.context.close()


def test_cancel_a_visit_and_overdue_visits_on_the_start_pages(browser, live_server):
    site, _ = _world()
    today = datetime.date.today()
    late = VisitFactory(
        site=site, planned_on=today - datetime.timedelta(days=10), held_on=None, status="planned"
    )
    coming = VisitFactory(
        site=site, planned_on=today + datetime.timedelta(days=10), held_on=None, status="planned"
    )
    for username in ("konsulent", "evaluator"):
        page = _as(browser, live_server, username)
        overdue = page.locator("section.overdue")
        assert (
            "Solbakken" in overdue.inner_text()
            and late.planned_on.strftime("%d.%m.%Y") in overdue.inner_text()
        )
        page.context.close()
    for visit, username in ((late, "konsulent"), (coming, "admin")):
        page = _as(browser, live_server, username)
        page.goto(live_server.url + reverse("fieldwork:visit_detail", kwargs={"pk": visit.pk}))
        page.click("text=Aflys besøg")
        page.click("main form button[type=submit]")
        page.get_by_text("Dette felt er påkrævet.").wait_for()
        page.fill("textarea[name=cancel_reason]", "Lederen var syg.")
        page.click("main form button[type=submit]")
        page.get_by_text("Besøget er aflyst.").wait_for()
        page.context.close()
    assert Visit.objects.filter(status="cancelled", cancel_reason="Lederen var syg.").count() == 2
    page = _as(browser, live_server, "konsulent")
    assert page.locator("section.overdue").count() == 0
    page.close()
    page = _as(browser, live_server, "evaluator")
    assert _status(page, live_server, "fieldwork:visit_cancel", pk=late.pk) == 404


@pytest.mark.parametrize("username", ["evaluator", "konsulent", "team"])
def test_pages_fit_a_390_px_phone(browser, live_server, username):
    site, _ = _world()
    VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1))
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK").new_page()
    _login(page, live_server.url, username)
    for url in (
        "/",
        reverse("registry:site_detail", kwargs={"pk": site.pk}),
        reverse("registry:team_list", kwargs={"pk": site.pk}),
    ):
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide"
    page.screenshot(path=str(SCREENSHOTS / f"registry-phone-{username}.png"), full_page=True)
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).status == 200
