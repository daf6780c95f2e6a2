"""In real headless Chromium: an evaluator accepts a suggestion in the coding workspace with htmx."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from coding.classifier import store
from coding.classifier.examples import example_sentences
from coding.models import CodedPassage, PassageOrigin
from fieldwork.tests.factories import ReportFactory

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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_evaluator_accepts_a_suggestion_in_the_workspace(browser, live_server):
    store.train_and_store(examples=example_sentences(store.mechanism_parents()), folds=2)
    report = ReportFactory(
        sections={
            "leadership": "Ledelsen har besluttet, at programmet er stedets tilgang. Der er ikke tid til supervision."
        }
    )
    UserFactory(username="eva", role=Role.EVALUATOR)

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK").new_page()
    page.set_default_timeout(20000)
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", "eva")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]:not(.button-small)")
    page.wait_for_url(lambda url: "log-ind" not in url)

    page.goto(live_server.url + reverse("coding:report", kwargs={"report_id": report.pk}))
    first = page.locator("li.suggestion").first
    first.wait_for()
    assert "Ledelsen har besluttet" in first.inner_text() and "Ledelse" in first.inner_text()
    first.get_by_role("button", name="Acceptér").click()
    page.locator("li.suggestion.decided").first.wait_for()
    assert "Accepteret" in page.locator("li.suggestion.decided").first.inner_text()
    page.locator("li.suggestion.decided").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "coding-suggestions.png"), full_page=True)
    page.locator(".suggestion-list").screenshot(path=str(SCREENSHOTS / "coding-suggestions-list.png"))
    passage = CodedPassage.objects.get()
    assert passage.origin == PassageOrigin.SUGGESTION_ACCEPTED and passage.coder.username == "eva"
