"""Building and writing the reports: the one path shared by the `report` command and the downloads.

A document is built and rendered inside `translation.override(language)`, so headings, labels,
dates and numbers follow the report's language whatever the request's language is.
"""

import io
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from django.utils import timezone, translation

from accounts.pseudonyms import pseudonymising
from analysis import results
from analysis.computations.degree import degree_counts
from analysis.computations.matrix import distinguishing
from analysis.computations.profiles import frequent_statements
from analysis.computations.result import run_analysis
from analysis.selectors import active_config, analysis_input
from analysis.services import gc_paused
from audit.reads import record_shown
from publishing import renderers
from publishing.contexts.evaluation import ReportContext, build_evaluation
from publishing.contexts.status import build_status
from publishing.document import Document
from publishing.evidence import report_evidence
from publishing.labels import Codebook
from publishing.selectors import coding_agreement, programme_infos
from registry.models import Programme, Site

LANGUAGES = ("da", "en")
AUDIENCES = ("full", "aggregate")


def programme_scopes() -> list[str]:
    """The programme codes that have sites, in order; the report's "all" covers them all."""

    return list(
        Programme.objects.filter(sites__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )


def programme_view(overall, factors, code: str):
    """The part of an all-programme analysis that concerns one programme, without analysing again.

    The sites, matrices, trajectories and degree counts are restricted to the programme's sites; the
    most frequent statements and what distinguishes the high from the low group are recomputed by
    the analysis's own pure functions over that programme alone.
    """

    sites = [site for site in overall.sites if site.programme == code]
    codes = {site.code for site in sites}
    degrees = {site.code: site.degree for site in sites}
    driver_matrix = replace(
        overall.driver_matrix, sites=[s for s in overall.driver_matrix.sites if s in codes]
    )
    mechanism_matrix = replace(
        overall.mechanism_matrix, sites=[s for s in overall.mechanism_matrix.sites if s in codes]
    )
    rule = overall.config["matrix"]
    return replace(
        overall,
        programme=code,
        sites=sites,
        degree_counts=degree_counts([site.classification for site in sites]),
        profiles=replace(
            overall.profiles, frequent=frequent_statements([f for f in factors if f.site in codes])
        ),
        driver_matrix=driver_matrix,
        mechanism_matrix=mechanism_matrix,
        distinguishing_drivers=distinguishing(driver_matrix, degrees, rule),
        distinguishing_mechanisms=distinguishing(mechanism_matrix, degrees, rule),
        trajectories={code_: path for code_, path in overall.trajectories.items() if code_ in codes},
    )


def evaluation_document(programme: str = "all", *, language: str = "da", audience: str = "full") -> Document:
    """The evaluation report for one programme code or "all"; ValueError for an unknown programme.

    The records are read and analysed once; for "all" each programme's results chapter is a view
    of that one analysis (`programme_view`).
    """

    if language not in LANGUAGES or audience not in AUDIENCES:
        raise ValueError(f"language={language} audience={audience}")
    scopes = programme_scopes()
    scope = "all" if programme.lower() == "all" else programme.upper()
    if scope != "all" and scope not in scopes:
        raise ValueError(f"Ukendt program eller program uden steder: {programme}")
    with gc_paused():
        data = analysis_input(programme=None if scope == "all" else scope)
        overall = run_analysis(data, active_config(), None if scope == "all" else scope)
        if scope == "all":
            per_programme = {code: programme_view(overall, data.factors, code) for code in scopes}
        else:
            per_programme = {scope: overall}
        evidence = report_evidence(data, coding_agreement())
    if audience == "full":
        shown = Site.objects.all() if scope == "all" else Site.objects.filter(programme__code=scope)
        record_shown("publishing.EvaluationReport", "evalueringsrapport", shown.values_list("pk", flat=True))
    with translation.override(language), pseudonymising():
        return build_evaluation(
            ReportContext(
                overall=overall,
                per_programme=per_programme,
                programmes=programme_infos(),
                codebook=Codebook.load(),
                evidence=evidence,
                scope=scope,
                audience=audience,
                language=language,
                today=timezone.localdate(),
            )
        )


def status_document(site_code: str, *, language: str = "da") -> Document:
    """The status report of one site; registry.models.Site.DoesNotExist for an unknown code."""

    status = results.site_status(site_code)
    site_id = Site.objects.values_list("pk", flat=True).get(code=site_code)
    record_shown("publishing.StatusReport", "statusrapport", [site_id])
    evidence = report_evidence(analysis_input(site_code=site_code))
    with translation.override(language), pseudonymising(site_id):
        return build_status(
            status=status,
            codebook=Codebook.load(),
            language=language,
            today=timezone.localdate(),
            evidence=evidence,
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
