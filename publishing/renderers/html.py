"""HTML: one self-contained file (CSS and SVG figures inline) that also prints well."""

from collections.abc import Iterator

from django.template.loader import render_to_string

from publishing.document import Document
from publishing.renderers import Output, register


def render_html(document: Document, *, figure_format: str = "svg") -> str:
    return render_to_string("publishing/report.html", {"document": document, "figure_format": figure_format})


@register("html", "text/html; charset=utf-8")
def html_outputs(document: Document) -> Iterator[Output]:
    def write(out) -> None:
        out.write(render_html(document).encode("utf-8"))

    yield Output(f"{document.stem}.html", write)
