"""The evaluation report reads as a report: its numbers are the analysis's, no quote appears twice,
no internal identifier reaches the reader, every driver section is several paragraphs, and nothing
runs off the PDF page."""

import dataclasses
import html
import io
import re

import docx
import pytest
from django.db import transaction
from django.utils import translation
from docx.enum.section import WD_ORIENT
from weasyprint import HTML

from analysis.computations.result import AnalysisResult, SiteSummary, run_analysis
from analysis.selectors import active_config, analysis_input
from analysis.services import site_status
from coding.models import Code
from fieldwork.models import Phase, TrialOutcome
from publishing.document import Document, Paragraph, Table
from publishing.renderers import get
from publishing.renderers.docx import column_widths
from publishing.renderers.html import render_html
from publishing.services import evaluation_document, status_document
from publishing.tests.factories import build_report_world
from registry.models import Ownership, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The document, its renderings and the analysis it was built from, once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_report_world()
        document = evaluation_document("all")
        aggregate = evaluation_document("all", audience="aggregate")
        analysis = run_analysis(analysis_input(), active_config())
        identifiers = internal_identifiers()
        with translation.override("da"):
            page_html = render_html(document, figure_format="png")
            docx_bytes = _docx(document)
            agg_html = render_html(aggregate)
        transaction.set_rollback(True)
    return {
        "document": document,
        "analysis": analysis,
        "html": page_html,
        "docx": docx_bytes,
        "aggregate_html": agg_html,
        "identifiers": identifiers,
    }


def _docx(document: Document) -> bytes:
    buffer = io.BytesIO()
    for output in get("docx").outputs(document):
        output.write(buffer)
    return buffer.getvalue()


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(style|svg|script)\b.*?</\1>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def internal_identifiers() -> set[str]:
    """Codebook keys, choice values and the analysis's field names a reader must never see."""
    keys = set(Code.objects.values_list("key", flat=True))
    keys |= {str(value) for choices in (Phase, TrialOutcome, Ownership, Region) for value in choices.values}
    keys |= {f.name for model in (AnalysisResult, SiteSummary) for f in dataclasses.fields(model)}
    keys |= set(active_config()["degree"]["criteria"])
    keys |= {"driver_balance", "laissez_faire", "promoter", "inhibitor", "unclassified"}
    # Keys that are also ordinary words of the text (a programme code, "sites") are not identifiers.
    return {key for key in keys if "_" in key or key in {"competence", "leadership", "promoter", "inhibitor"}}


def section(document: Document, title_start: str):
    return next(s for s in document.walk() if s.title.startswith(title_start))


def test_driver_sections_are_several_paragraphs_of_synthesis(built):
    document = built["document"]
    for number in ("2.1", "2.2"):
        for index in (1, 2, 3):
            driver_section = section(document, f"{number}.{index} ")
            paragraphs = [
                b for b in driver_section.blocks if isinstance(b, Paragraph) and b.kind == "paragraph"
            ]
            assert len(paragraphs) >= 5, driver_section.title
            text = " ".join(p.text for p in paragraphs)
            assert re.search(r"\b\d+ af \d+ steder\b|samtlige \d+ steder|alle \d+ steder", text)
    assert section(document, "2.1.7 Sammenfatning").blocks


def test_driver_overview_and_mechanism_counts_are_the_analysis(built):
    document, analysis = built["document"], built["analysis"]
    mg_sites = [site.code for site in analysis.sites if site.programme == "MG"]
    for index, driver in enumerate(("competence", "organisation", "leadership"), start=1):
        cells = [analysis.driver_matrix.cells[site][driver] for site in mg_sites]
        promoters = sum(cell.promoters for cell in cells)
        inhibitors = sum(cell.inhibitors for cell in cells)
        driver_section = section(document, f"2.1.{index} ")
        opening = driver_section.blocks[0].text
        assert f"{promoters} " in opening and f"{inhibitors} " in opening
        table = next(
            b for b in driver_section.blocks if isinstance(b, Table) and b.key.startswith("mekanismer-")
        )
        for row in table.rows:
            mechanism = Code.objects.get(kind="mechanism", label_da=row[0]).key
            mech_cells = [analysis.mechanism_matrix.cells[site][mechanism] for site in mg_sites]
            assert row[1] == sum(c.promoters for c in mech_cells)
            assert row[2] == sum(1 for c in mech_cells if c.promoters)
            assert row[3] == sum(c.inhibitors for c in mech_cells)
            assert row[4] == sum(1 for c in mech_cells if c.inhibitors)


def test_summary_degree_counts_are_the_analysis(built):
    document, analysis = built["document"], built["analysis"]
    table = next(t for t in document.tables() if t.key == "sammenfatning")
    for row in table.rows:
        counts = [
            sum(1 for s in analysis.sites if s.programme == row[0] and (s.degree or "unclassified") == key)
            for key in ("high", "some", "low", "unclassified")
        ]
        assert row[3:7] == counts
    findings = section(document, "Hovedresultater").blocks[0].items[0]
    high = analysis.degree_counts.get("high", 0)
    assert findings.startswith(f"{high} af {len(analysis.sites)} steder") or findings.startswith("Ingen af")


def test_no_quote_appears_twice(built):
    quotes = [
        block.text.split("«")[0]
        for s in built["document"].walk()
        for block in s.blocks
        if isinstance(block, Paragraph) and block.kind == "quote"
    ]
    assert quotes, "the world has quotes; the report must use them"
    assert len(quotes) == len(set(quotes))
    text = visible_text(built["html"])
    for quote in set(quotes):
        assert text.count(quote) == 1
    assert "(MG1, rapport af " in text or "(MG2, rapport af " in text or "(MG3, rapport af " in text


@pytest.mark.parametrize("kind", ["html", "docx", "aggregate_html"])
def test_no_internal_identifier_reaches_the_reader(built, kind):
    text = docx_text(built["docx"]) if kind == "docx" else visible_text(built[kind])
    found = sorted(
        key for key in built["identifiers"] if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text)
    )
    assert found == []
    assert not re.search(r"\b20\d\d\.[05]\b", text)


def test_internal_identifier_check_can_fail(built):
    assert "capacity_building" in built["identifiers"] and "driver_balance" in built["identifiers"]


def overflowing_boxes(markup: str) -> list[tuple[int, str]]:
    """Layout boxes (tables, cells, lines, images) whose right edge passes the page's content edge."""
    found = []
    for number, page in enumerate(HTML(string=markup).render().pages, start=1):
        root = page._page_box
        right = root.margin_width() - root.margin_right + 0.5

        def walk(box):
            yield box
            for child in getattr(box, "children", None) or []:
                yield from walk(child)

        for box in walk(root):
            if type(box).__name__ in (
                "TableBox",
                "TableCellBox",
                "LineBox",
                "BlockReplacedBox",
                "InlineReplacedBox",
            ):
                if box.position_x + box.margin_width() > right:
                    found.append((number, type(box).__name__))
    return found


def test_nothing_runs_off_the_pdf_page(built):
    assert overflowing_boxes(built["html"]) == []


def test_the_page_check_sees_a_table_that_is_too_wide():
    document = Document(stem="x", title="x", subtitle="", language="da", generated_on="")
    document.section("Bred").add(
        Table(key="bred", caption="Bred", columns=[f"Kolonne{n}" for n in range(14)], rows=[["x" * 40] * 14])
    )
    with translation.override("da"):
        assert overflowing_boxes(render_html(document, figure_format="png"))


def test_wide_tables_get_landscape_pages(built):
    assert 'class="table-wrap landscape"' in built["html"]
    orientations = [s.orientation for s in docx.Document(io.BytesIO(built["docx"])).sections]
    assert WD_ORIENT.LANDSCAPE in orientations and orientations[0] == WD_ORIENT.PORTRAIT
    assert all(t.wide for t in built["document"].tables() if len(t.columns) >= 8)
    background = next(t for t in built["document"].tables() if t.key == "baggrund")
    assert background.columns[1:] == ["MG", "RP"]


def test_criteria_are_lists_and_numbers_right_aligned(built):
    table = next(t for t in built["document"].tables() if t.key == "grad-mg")
    assert any(isinstance(cell, list) for row in table.rows for cell in row)
    assert '<td class="num">' in built["html"]
    assert "<br>• " in built["html"]


def test_status_report_opens_with_prose_for_the_team():
    build_report_world()
    counts = site_status("MG1").trial_actions
    document = status_document("MG1")
    blocks = document.sections[0].blocks
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert f"Af {counts.agreed} aftalte prøvehandlinger er {counts.done} gennemført" in text
    assert "Kompetence" in text or "kompetence" in text
    quotes = [b.text for b in blocks if isinstance(b, Paragraph) and b.kind == "quote"]
    assert quotes and all("rapport af" in q for q in quotes) and len(set(quotes)) == len(quotes)


def test_provisional_classifications_are_shown_with_their_reason(built):
    provisional = {s.code: s.classification.provisional_reasons for s in built["analysis"].sites}
    provisional = {code: reasons for code, reasons in provisional.items() if reasons}
    assert provisional, "the world has sites near a threshold"
    items = [
        item
        for number in ("2.1.5", "2.2.5")
        for block in section(built["document"], number).blocks
        for item in getattr(block, "items", [])
    ]
    for code, reasons in provisional.items():
        assert any(item.startswith(f"{code}: ") and reasons[0] in item for item in items)


def test_word_columns_are_sized_by_their_text():
    table = Table(
        key="t",
        caption="t",
        columns=["Valens", "Udsagn", "Antal"],
        rows=[["Fremmer", "Ledelsen har købt ekstra supervision, fordi den aftalte ikke var nok.", 6]],
    )
    valence, statement, count = column_widths(table, 9000)
    assert statement > 2 * valence and statement > 2 * count and sum((valence, statement, count)) <= 9000
