"""In real headless Chromium: an evaluator changes the rules of the degree classification from the
analysis page, is told why rules that cannot be used are refused, and a consultant may not."""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.models import DegreeRuleConfig
from fieldwork.tests.test_browser import (
    SCREENSHOTS,
    _login,
    _page,
    browser,  # noqa: F401 (the headless Chromium fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_evaluator_changes_the_degree_rules_and_a_consultant_may_not(browser, live_server):  # noqa: F811
    UserFactory(username="evi", role=Role.EVALUATOR)
    UserFactory(username="kim", role=Role.CONSULTANT)
    page = _page(browser)
    _login(page, live_server.url, "evi")
    page.goto(live_server.url + reverse("analysis:index"))
    page.get_by_role("link", name="Reglerne bag klassifikationen").click()
    page.fill("input[name=name]", "Strengere krav til høj grad")
    page.fill("textarea[name=rules]", '{"degree": {"thresholds": {"high": 0.2}}}')
    page.fill("textarea[name=note]", "Afprøvning")
    page.click("main form button[type=submit]")
    page.get_by_text("degree.thresholds").first.wait_for()
    assert not DegreeRuleConfig.objects.exists()
    page.fill("textarea[name=rules]", '{"degree": {"thresholds": {"high": 0.7}}}')
    page.click("main form button[type=submit]")
    page.get_by_text("Reglerne er gemt").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "degree-rules-evaluator.png"), full_page=True)
    assert DegreeRuleConfig.objects.get(is_active=True).rules == {"degree": {"thresholds": {"high": 0.7}}}
    page.context.close()

    page = _page(browser)
    _login(page, live_server.url, "kim")
    assert page.goto(live_server.url + reverse("analysis:degree_rules")).status == 403
    page.context.close()
