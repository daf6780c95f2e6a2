"""In real headless Chromium: a team member follows an alert on the dashboard to the advice, and a
visitor without an account completes the readiness self-assessment and downloads the PDF."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from decisions.models import AlertRule
from decisions.tests.factories import answers
from fieldwork.tests.factories import ReportFactory, VisitFactory
from registry.tests.factories import SiteFactory, TeamMemberFactory

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


@pytest.fixture
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="da-DK", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_team_member_follows_an_alert_to_the_advice(browser, live_server):
    site = SiteFactory(code="BRW")
    TeamMemberFactory(site=site, role="staff")
    for index in range(3):
        visit = VisitFactory(
            site=site, planned_on=datetime.date(2018, 3, 1) + datetime.timedelta(days=120 * index)
        )
        ReportFactory(visit=visit, sections={"implementation_team": "Teamet mødes hver måned."})
    UserFactory(username="team-brw", role=Role.TEAM_MEMBER, site=site)

    page = _page(browser)
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", "team-brw")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]:not(.button-small)")
    page.wait_for_url(lambda url: "log-ind" not in url)

    page.goto(live_server.url + reverse("decisions:index"))
    page.wait_for_url(f"**{reverse('decisions:dashboard', kwargs={'site_id': site.pk})}")
    alert = page.locator("#advarsel-team-without-management")
    assert alert.is_visible()
    assert "Implementeringsteamet er uden ledelse" in alert.inner_text()
    assert "aldrig haft en leder" in alert.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "decisions-dashboard.png"), full_page=True)

    alert.locator("a.advice-link").click()
    page.wait_for_url("**/beslutningsstotte/raad/organisation/#punkt-5")
    point = page.locator("#punkt-5")
    assert point.is_visible()
    assert "Et velfungerende implementeringsteam" in point.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == "punkt-5"
    page.screenshot(path=str(SCREENSHOTS / "decisions-advice.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_visitor_completes_the_readiness_assessment_and_downloads_the_pdf(browser, live_server, tmp_path):
    page = _page(browser)
    page.goto(live_server.url + reverse("decisions:readiness_start"))
    assert "log-ind" not in page.url
    page.fill("input[name=label]", "Opholdsstedet Solsikken")
    for key, value in answers("worst").items():
        for choice in value if isinstance(value, list) else [value]:
            page.check(f"input[name='q_{key}'][value='{choice}']")
    page.screenshot(path=str(SCREENSHOTS / "decisions-readiness-form.png"), full_page=True)
    page.click("form.readiness-form button[type=submit]")
    page.wait_for_selector("#profile-title")
    assert "Gem dette link" in page.inner_text(".secret-link")
    assert "Sårbar" in page.inner_text("table.profile")
    assert "Løbende faglig supervision" in page.inner_text("#plan-title + ul")
    page.screenshot(path=str(SCREENSHOTS / "decisions-readiness-result.png"), full_page=True)

    with page.expect_download(timeout=120000) as download_info:
        page.click("text=Hent som PDF")
    target = tmp_path / "parathed.pdf"
    download_info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.stat().st_size > 5000


def _logged_in(browser, live_server, username):
    page = _page(browser)
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "log-ind" not in url)
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_evaluator_and_administrator_tune_an_alert_rule_and_a_consultant_may_not(browser, live_server):
    rule = AlertRule.objects.get(key="no-supervision")
    for username, role, severity in (("evi", Role.EVALUATOR, "low"), ("ada", Role.ADMINISTRATOR, "high")):
        UserFactory(username=username, role=role, password=PASSWORD)
        page = _logged_in(browser, live_server, username)
        page.goto(live_server.url + reverse("decisions:index"))
        page.get_by_role("link", name="Se reglerne").click()
        page.get_by_role("link", name=rule.title_da).click()
        page.select_option("select[name=severity]", severity)
        page.uncheck("input[name=enabled]")
        page.click("#rule-form button[type=submit]")
        page.get_by_text("Advarselsreglen er gemt.").wait_for()
        page.screenshot(path=str(SCREENSHOTS / f"alert-rules-{username}.png"), full_page=True)
        page.context.close()
        rule.refresh_from_db()
        assert (rule.severity, rule.enabled) == (severity, False)
    UserFactory(username="kim", role=Role.CONSULTANT, password=PASSWORD)
    page = _logged_in(browser, live_server, "kim")
    assert page.goto(live_server.url + reverse("decisions:alert_rules")).status == 403
    page.goto(live_server.url + reverse("decisions:index"))
    assert page.get_by_role("link", name="Se reglerne").count() == 0
    page.context.close()
