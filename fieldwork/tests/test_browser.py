"""In real headless Chromium: the consultant's report with promoters, inhibitors and a trial action
followed up at the next visit; a team member confined to their own site; the conflict on a concurrent
edit. Each test saves a screenshot under var/screenshots/."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from fieldwork.models import ImplementationReport, TrialAction, Visit
from fieldwork.tests.factories import ReportFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

PASSWORD = "korrekt-hest-batteri"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK").new_page()
    page.set_default_timeout(15000)
    return page


def _login(page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "log-ind" not in url)


def _consultant_with_site():
    user = UserFactory(username="konsulent", role=Role.CONSULTANT, first_name="Karen", last_name="Konsulent")
    site = SiteFactory(name="Solbakken")
    TeamMemberFactory(site=site, name="Anna Leder")
    AssignmentFactory(site=site, consultant=ConsultantFactory(user=user), starts_on=datetime.date(2018, 1, 1))
    return user, site


def _record_visit(page, base_url, site, date: str, phase: str) -> None:
    page.goto(base_url + reverse("registry:site_detail", kwargs={"pk": site.pk}))
    page.click("text=Planlæg eller registrér besøg")
    page.check("input[name=status][value=held]")
    page.fill("input[name=date]", date)
    page.select_option("select[name=phase]", phase)
    page.locator("label", has_text="Anna Leder").locator("input").check()
    page.click("main form button[type=submit]")
    page.wait_for_url("**/rapport/")


def _add_factor(page, valence: str, statement: str, driver: str, quote: str = "") -> None:
    page.select_option("select[name=factor-valence]", valence)
    page.fill("textarea[name=factor-statement]", statement)
    page.fill("textarea[name=factor-quote]", quote)
    page.select_option("select[name=factor-theme]", "promoters_inhibitors")
    page.select_option("select[name=factor-driver]", label=driver)
    page.click("button[name=add_factor]")
    page.locator("#factor-list").get_by_text(statement).wait_for()


def test_consultant_writes_a_report_and_follows_up_the_trial_action(browser, live_server):
    _, site = _consultant_with_site()
    page = _page(browser)
    _login(page, live_server.url, "konsulent")
    assert "Mine steder" in page.content()

    _record_visit(page, live_server.url, site, "01.03.2019", "capacity_building")
    page.fill("textarea[name=section_promoters_inhibitors]", "Teamet arbejder med kollegial sparring.")
    page.fill("textarea[name=section_leadership]", "Lederen går forrest og sætter faste rammer.")
    page.select_option("select[name=anchoring]", "2")
    page.click("button[name=action][value=draft]")
    page.get_by_text("Rapporten er gemt som kladde.").wait_for()

    _add_factor(
        page, "promoter", "Kollegial sparring i teamet", "Kompetence", quote="Vi taler om det hver dag"
    )
    _add_factor(page, "promoter", "Ledelsen bakker op om teamet", "Ledelse")
    _add_factor(page, "inhibitor", "Vikarer kender ikke redskaberne", "Kompetence")
    page.fill("textarea[name=action-aim]", "Bruge følelseskompasset ved morgenmødet")
    page.fill("input[name=action-carried_by]", "Anna Leder")
    page.click("button[name=add_action]")
    page.locator("#trial-actions").get_by_text("Bruge følelseskompasset ved morgenmødet").wait_for()

    report = ImplementationReport.objects.get(visit__site=site)
    assert report.factors.filter(valence="promoter").count() == 2
    assert report.factors.filter(valence="inhibitor").count() == 1
    assert report.sections.get(theme="leadership").text.startswith("Lederen går forrest")
    page.screenshot(path=str(SCREENSHOTS / "fieldwork-report-editor.png"), full_page=True)

    # Unsaved text warns before leaving the page.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.fill("textarea[name=section_anchoring]", "Ikke gemt endnu")
    page.goto(live_server.url + reverse("registry:site_detail", kwargs={"pk": site.pk}))
    assert dialogs == ["beforeunload"]

    _record_visit(page, live_server.url, site, "10.04.2019", "capacity_building")
    item = page.locator("[id^=follow-up-]")
    assert "Bruge følelseskompasset ved morgenmødet" in item.inner_text()
    item.locator("select[name$=-outcome]").select_option("partly")
    item.locator("textarea[name$=-learning]").fill("Det lykkedes tre af fem morgener.")
    item.locator("button[type=submit]").click()
    page.locator("[id^=follow-up-]").get_by_text("fulgt op").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "fieldwork-follow-up.png"), full_page=True)

    action = TrialAction.objects.get(agreed_at__site=site)
    second = Visit.objects.get(site=site, held_on=datetime.date(2019, 4, 10))
    assert action.followed_up_at == second and action.outcome == "partly"
    assert action.learning == "Det lykkedes tre af fem morgener."


def test_team_member_sees_only_their_own_site(browser, live_server):
    own, other = SiteFactory(name="Eget sted"), SiteFactory(name="Andet sted")
    ReportFactory(visit=VisitFactory(site=own), sections={"leadership": "Vores egen rapport"})
    foreign = ReportFactory(visit=VisitFactory(site=other), sections={"leadership": "Fremmed rapport"})
    UserFactory(username="team", role=Role.TEAM_MEMBER, site=own)
    page = _page(browser)
    _login(page, live_server.url, "team")
    assert page.url.endswith(reverse("registry:site_detail", kwargs={"pk": own.pk}))
    assert "Eget sted" in page.content() and "Andet sted" not in page.content()
    for url in (
        reverse("registry:site_detail", kwargs={"pk": other.pk}),
        reverse("fieldwork:report_detail", kwargs={"pk": foreign.pk}),
        reverse("fieldwork:visit_detail", kwargs={"pk": foreign.visit.pk}),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 404, url
        assert "Fremmed rapport" not in page.content()
    page.goto(live_server.url + reverse("fieldwork:search") + "?q=rapport")
    assert "Vores egen" in page.content() and "Fremmed" not in page.content()
    page.goto(live_server.url + reverse("registry:site_detail", kwargs={"pk": own.pk}))
    page.screenshot(path=str(SCREENSHOTS / "fieldwork-team-own-site.png"), full_page=True)


def test_concurrent_edit_shows_the_conflict_and_keeps_both_texts(browser, live_server):
    _, site = _consultant_with_site()
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    report = ReportFactory(visit=VisitFactory(site=site), sections={"leadership": "Udgangspunkt"})
    url = live_server.url + reverse("fieldwork:report_edit", kwargs={"pk": report.visit.pk})
    mine, theirs = _page(browser), _page(browser)
    _login(mine, live_server.url, "konsulent")
    _login(theirs, live_server.url, "admin")
    mine.goto(url)
    theirs.goto(url)
    theirs.fill("textarea[name=section_leadership]", "Administratorens version af ledelsesafsnittet")
    theirs.click("button[name=action][value=draft]")
    theirs.get_by_text("Rapporten er gemt som kladde.").wait_for()

    mine.fill("textarea[name=section_leadership]", "Konsulentens version af ledelsesafsnittet")
    mine.click("button[name=action][value=draft]")
    conflict = mine.locator(".conflict")
    conflict.wait_for()
    assert "Rapporten er ændret af en anden, mens du skrev" in conflict.inner_text()
    assert "Administratorens version af ledelsesafsnittet" in conflict.inner_text()
    assert "Konsulentens version af ledelsesafsnittet" in conflict.inner_text()
    field = mine.locator("textarea[name=section_leadership]")
    assert field.input_value() == "Konsulentens version af ledelsesafsnittet"
    mine.screenshot(path=str(SCREENSHOTS / "fieldwork-conflict.png"), full_page=True)

    field.fill("Konsulentens og administratorens tekst, flettet")
    mine.click("button[name=action][value=draft]")
    mine.get_by_text("Rapporten er gemt som kladde.").wait_for()
    report.refresh_from_db()
    assert report.version == 3
    assert report.sections.get(theme="leadership").text == "Konsulentens og administratorens tekst, flettet"


def test_saving_the_conflict_page_keeps_what_only_the_other_person_changed(browser, live_server):
    """Two browser contexts edit the same report: the other person's change of a theme the user did
    not touch survives the user's save of the conflict page; only the theme both changed is asked."""
    _, site = _consultant_with_site()
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    report = ReportFactory(
        visit=VisitFactory(site=site),
        sections={"leadership": "Udgangspunkt", "organisation_culture": "Kultur før"},
    )
    url = live_server.url + reverse("fieldwork:report_edit", kwargs={"pk": report.visit.pk})
    mine, theirs = _page(browser), _page(browser)
    _login(mine, live_server.url, "konsulent")
    _login(theirs, live_server.url, "admin")
    mine.goto(url)
    theirs.goto(url)
    theirs.fill("textarea[name=section_leadership]", "Administratorens ledelse")
    theirs.fill("textarea[name=section_organisation_culture]", "Administratorens kultur")
    theirs.click("button[name=action][value=draft]")
    theirs.get_by_text("Rapporten er gemt som kladde.").wait_for()

    mine.fill("textarea[name=section_leadership]", "Konsulentens ledelse")
    mine.fill("textarea[name=introduction]", "Konsulentens indledning")
    mine.click("button[name=action][value=draft]")
    conflict = mine.locator(".conflict")
    conflict.wait_for()
    assert "Administratorens ledelse" in conflict.inner_text()
    assert "kultur" not in conflict.inner_text().lower(), "a theme only the other person changed was asked"
    assert (
        mine.locator("textarea[name=section_organisation_culture]").input_value() == "Administratorens kultur"
    )
    mine.screenshot(path=str(SCREENSHOTS / "fieldwork-conflict-merged.png"), full_page=True)

    mine.click("button[name=action][value=draft]")
    mine.get_by_text("Rapporten er gemt som kladde.").wait_for()
    texts = dict(report.sections.values_list("theme", "text"))
    report.refresh_from_db()
    assert texts["organisation_culture"] == "Administratorens kultur"
    assert texts["leadership"] == "Konsulentens ledelse"
    assert report.introduction == "Konsulentens indledning"
