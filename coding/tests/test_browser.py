"""In real headless Chromium: an evaluator selects passages (keyboard and mouse), codes them, finds
them in the coded list, and downloads the evaluation report as DOCX from the analysis page."""

import os
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import Code
from coding.models import CodedPassage
from fieldwork.tests.factories import ReportFactory
from registry.tests.factories import SiteFactory

PASSWORD = "korrekt-hest-batteri"
TEXT = (
    "Ledelsen går forrest med klare rammer.\r\nPersonalet får ekstern supervision hver måned, og det hjælper."
)
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
def browser_page():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
        page.set_default_timeout(15000)
        yield page
        browser.close()


def _login(page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]:not(.button-small)")
    page.wait_for_url(lambda url: "log-ind" not in url)


def _select_word_with_mouse(page, section_selector: str, word: str) -> None:
    """Double-click the word where it is drawn on the page, as a person would."""
    box = page.evaluate(
        """([selector, word]) => {
            const container = document.querySelector(selector);
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(word);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + word.length);
                    const rect = range.getBoundingClientRect();
                    return {x: rect.x + rect.width / 2, y: rect.y + rect.height / 2};
                }
            }
            return null;
        }""",
        [section_selector, word],
    )
    assert box is not None
    page.mouse.dblclick(box["x"], box["y"])


def _wait_for_value(page, selector: str, value: str) -> None:
    """The selection reaches the form through the asynchronous selectionchange event."""
    page.wait_for_function(
        "([selector, value]) => document.querySelector(selector).value === value", arg=[selector, value]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_evaluator_codes_passages_and_downloads_the_docx_report(live_server, browser_page, tmp_path):
    page = browser_page
    evaluator = UserFactory(username="evaluator-browser", role=Role.EVALUATOR)
    report = ReportFactory(visit__site=SiteFactory(code="BRW"), sections={"leadership": TEXT})
    section = report.sections.get(theme="leadership")
    _login(page, live_server.url, evaluator.username)

    page.goto(live_server.url + reverse("coding:report", kwargs={"report_id": report.pk}))
    selector = f".section-text[data-section='{section.pk}']"

    # Keyboard: focus the section, extend the selection word by word to "Ledelsen går".
    page.focus(selector)
    page.keyboard.press("Control+Shift+ArrowRight")
    page.keyboard.press("Control+Shift+ArrowRight")
    _wait_for_value(page, "#id_end", str(len("Ledelsen går")))
    assert page.input_value("#id_start") == "0"
    assert page.input_value("#id_end") == str(len("Ledelsen går"))
    assert page.input_value("#id_text") == "Ledelsen går"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "driver"
    page.select_option("#id_driver", label="Ledelse")
    page.select_option("#id_valence", value="promoter")
    page.click("#passage-form button[type=submit]")
    page.wait_for_selector("mark.coded")

    # Mouse: double-click "supervision" after the CRLF and code it as competence/coaching.
    _select_word_with_mouse(page, selector, "supervision")
    start = TEXT.index("supervision")
    _wait_for_value(page, "#id_start", str(start))
    assert page.input_value("#id_start") == str(start)
    assert page.input_value("#id_end") == str(start + len("supervision"))
    page.select_option("#id_mechanism", label="Coaching og supervision")
    assert page.input_value("#id_driver") == str(Code.objects.get(kind="driver", key="competence").pk)
    page.select_option("#id_valence", value="promoter")
    page.click("#passage-form button[type=submit]")
    page.wait_for_selector("mark.coded >> text=supervision")
    page.screenshot(path=str(SCREENSHOTS / "coding-workspace.png"), full_page=True)

    passages = list(CodedPassage.objects.order_by("start"))
    assert [(p.start, p.end, p.text) for p in passages] == [
        (0, len("Ledelsen går"), "Ledelsen går"),
        (start, start + len("supervision"), "supervision"),
    ]
    assert [TEXT[p.start : p.end] for p in passages] == [p.text for p in passages]
    assert passages[1].mechanism.key == "coaching"

    page.click("nav.subnav >> text=Kodede passager")
    page.wait_for_selector(f"#passage-{passages[1].pk}")
    assert "supervision" in page.inner_text(f"#passage-{passages[1].pk}")
    page.screenshot(path=str(SCREENSHOTS / "coding-passages.png"), full_page=True)

    page.click("nav.subnav >> text=Analyse")
    page.wait_for_selector("#degree")
    with page.expect_download(timeout=120000) as download_info:
        page.click(".downloads >> text=DOCX")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    headings = [p.text for p in docx.Document(saved).paragraphs if p.style.name.startswith("Heading")]
    assert headings, "the downloaded DOCX has no Word headings"
    page.screenshot(path=str(SCREENSHOTS / "coding-analysis-download.png"))
