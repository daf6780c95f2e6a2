"""The API reference page renders in a real browser from local files, within the content security policy."""

import os
from pathlib import Path

import pytest
from rest_framework.test import APIClient


def test_the_reference_page_is_served_with_the_policy_and_no_inline_code(db):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in html and "<style>" not in html and "http" not in html.split("<body>")[1]
    assert 'data-schema-url="/api/schema/"' in html


@pytest.fixture
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield browser
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_swagger_ui_renders_every_resource_without_csp_violations(browser, live_server):
    page = browser.new_page()
    page.set_default_timeout(60000)
    violations, outside = [], []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag")
    tags = page.locator(".opblock-tag").all_inner_texts()
    assert any("reports" in tag for tag in tags) and any("trial-actions" in tag for tag in tags)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Drivkraft API")
    assert violations == [], violations
    assert [url for url in outside if not url.startswith("data:")] == []
