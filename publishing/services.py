"""Building and writing the reports: the one path shared by the `report` command and the downloads.

A document is built and rendered inside `translation.override(language)`, so headings, labels,
dates and numbers follow the report's language whatever the request's language is.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone, translation

from accounts.pseudonyms import pseudonymising
from publishing import renderers
from publishing.contexts.evaluation import EvaluationBuilder
from publishing.contexts.status import build_status
from publishing.document import Document
from publishing.labels import Codebook
from publishing.selectors import programme_infos
from registry.models import Site

LANGUAGES = ("da", "en")
AUDIENCES = ("full", "aggregate")


def programme_scopes() -> list[str]:
    """The programme codes that have sites, in order; the report's "all" covers them all."""
    from registry.models import Programme

    return list(
        Programme.objects.filter(sites__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )


def evaluation_document(programme: str = "all", *, language: str = "da", audience: str = "full") -> Document:
    """The evaluation report for one programme code or "all"; ValueError for an unknown programme."""
    from analysis.services import analyse

    if language not in LANGUAGES or audience not in AUDIENCES:
        raise ValueError(f"language={language} audience={audience}")
    scopes = programme_scopes()
    scope = "all" if programme.lower() == "all" else programme.upper()
    if scope != "all" and scope not in scopes:
        raise ValueError(f"Ukendt program eller program uden steder: {programme}")
    overall = analyse(None if scope == "all" else scope)
    if scope == "all":
        per_programme = (
            {code: analyse(code) for code in scopes} if len(scopes) > 1 else {c: overall for c in scopes}
        )
    else:
        per_programme = {scope: overall}
    with translation.override(language), pseudonymising():
        return EvaluationBuilder(
            overall=overall,
            per_programme=per_programme,
            programmes=programme_infos(),
            codebook=Codebook.load(),
            scope=scope,
            audience=audience,
            language=language,
            today=timezone.localdate(),
        ).build()


def status_document(site_code: str, *, language: str = "da") -> Document:
    """The status report of one site; registry.models.Site.DoesNotExist for an unknown code."""
    from analysis.services import site_status

    status = site_status(site_code)
    site_id = Site.objects.values_list("pk", flat=True).get(code=site_code)
    with translation.override(language), pseudonymising(site_id):
        return build_status(
            status=status, codebook=Codebook.load(), language=language, today=timezone.localdate()
        )


def write_report(document: Document, formats: list[str], out_dir: Path) -> list[Path]:
    """Write the document in each format into `out_dir`; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with translation.override(document.language):
        for name in formats:
            for output in renderers.get(name).outputs(document):
                path = out_dir / output.name
                with path.open("wb") as handle:
                    output.write(handle)
                written.append(path)
    return written


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes


def render_download(document: Document, format: str) -> Download:
    """One file for the browser: the format's single output, or a ZIP when it has several (CSV)."""
    renderer = renderers.get(format)
    with translation.override(document.language):
        outputs = list(renderer.outputs(document))
        if len(outputs) == 1:
            buffer = io.BytesIO()
            outputs[0].write(buffer)
            return Download(outputs[0].name, renderer.content_type, buffer.getvalue())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for output in outputs:
                part = io.BytesIO()
                output.write(part)
                archive.writestr(output.name, part.getvalue())
        return Download(f"{document.stem}-{format}.zip", "application/zip", buffer.getvalue())
