"""PDF: WeasyPrint lays out the same HTML with PNG figures; the page numbers come from @page."""

from collections.abc import Iterator

from publishing.document import Document
from publishing.renderers import Output, register
from publishing.renderers.html import render_html


@register("pdf", "application/pdf")
def pdf_outputs(document: Document) -> Iterator[Output]:
    def write(out) -> None:
        # WeasyPrint takes seconds to import; only a PDF rendering should pay for it.
        from weasyprint import HTML  # noqa: PLC0415

        HTML(string=render_html(document, figure_format="png")).write_pdf(out)

    yield Output(f"{document.stem}.pdf", write)
