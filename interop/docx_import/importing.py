"""Import implementation reports from Word files: each file whole or not at all.

A file is refused with a reason (unreadable, unknown site, no date, wrong language, no theme at
all); skipped when the site already has a report for that date; otherwise imported: the visit of
that date is used (or created as held), the report gets its introduction and all six sections
(missing themes stay empty and are reported), and CPR numbers are masked.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from accounts.privacy import mask_cpr
from fieldwork.models import ImplementationReport, ReportSection, Theme, Visit, VisitStatus
from interop.docx_import.parsing import THEME_NAMES, ParsedReport, parse_blocks
from interop.docx_import.reading import UnreadableDocument, read_blocks
from registry.models import ConsultantAssignment, Site

MIN_DANISH_SHARE = 0.12
MIN_WORDS_FOR_LANGUAGE = 25

IMPORTED, SKIPPED, REFUSED = "importeret", "sprunget over", "afvist"


@dataclass
class FileResult:
    path: Path
    outcome: str
    reason: str = ""
    site: str = ""
    date: str = ""
    notes: list[str] = field(default_factory=list)
    report_id: int | None = None


class _Refused(Exception):
    pass


class _DryRun(Exception):
    pass


def find_site(reference: str) -> Site | None:
    reference = reference.strip()
    if not reference:
        return None
    first_word = reference.split()[0]
    exact = Site.objects.filter(
        Q(code__iexact=reference) | Q(name__iexact=reference) | Q(code__iexact=first_word)
    ).first()
    if exact is not None:
        return exact
    names = {site.name.lower(): site for site in Site.objects.all()}
    close = difflib.get_close_matches(reference.lower(), list(names), n=1, cutoff=0.85)
    return names[close[0]] if close else None


def _check(parsed: ParsedReport) -> Site:
    if parsed.words >= MIN_WORDS_FOR_LANGUAGE and parsed.danish_share < MIN_DANISH_SHARE:
        raise _Refused(
            f"teksten ser ikke ud til at være på dansk ({parsed.danish_share:.0%} almindelige danske ord)"
        )
    if not parsed.site:
        raise _Refused("stedet står hverken i den første tabel eller i en linje 'Sted: …'")
    site = find_site(parsed.site)
    if site is None:
        raise _Refused(f"ukendt sted: {parsed.site!r}")
    if parsed.visit_date is None:
        raise _Refused(
            "ingen dato for besøget"
            if not parsed.date_text
            else f"datoen kan ikke læses: {parsed.date_text!r}"
        )
    if not parsed.sections:
        raise _Refused("ingen af de seks temaer fundet som overskrifter")
    return site


def _visit_for(site: Site, parsed: ParsedReport) -> Visit:
    date = parsed.visit_date
    visit = (
        Visit.objects.filter(site=site)
        .filter(Q(held_on=date) | Q(held_on__isnull=True, planned_on=date))
        .exclude(status=VisitStatus.CANCELLED)
        .first()
    )
    if visit is None:
        assignment = (
            ConsultantAssignment.objects.filter(site=site, starts_on__lte=date)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=date))
            .select_related("consultant")
            .first()
        )
        visit = Visit(site=site, planned_on=date, consultant=assignment.consultant if assignment else None)
    visit.status, visit.held_on = VisitStatus.HELD, date
    if parsed.phase:
        visit.phase = parsed.phase
    visit.full_clean()
    visit.save()
    return visit


def import_file(path: Path, *, author=None, dry_run: bool = False) -> FileResult:
    result = FileResult(path=path, outcome=REFUSED)
    try:
        parsed = parse_blocks(read_blocks(path))
    except UnreadableDocument as exc:
        result.reason = str(exc)
        return result
    result.site, result.date = (
        parsed.site,
        parsed.visit_date.isoformat() if parsed.visit_date else parsed.date_text,
    )
    try:
        site = _check(parsed)
    except _Refused as exc:
        result.reason = str(exc)
        return result
    result.site = site.code
    already = ImplementationReport.objects.filter(visit__site=site, visit__held_on=parsed.visit_date).first()
    if already is not None:
        result.outcome, result.reason, result.report_id = (
            SKIPPED,
            "stedet har allerede en rapport fra den dato",
            already.pk,
        )
        return result
    if parsed.phase_text and not parsed.phase:
        result.notes.append(f"ukendt fase {parsed.phase_text!r} ignoreret")
    if parsed.missing_themes:
        result.notes.append("temaer der mangler: " + ", ".join(THEME_NAMES[t] for t in parsed.missing_themes))
    try:
        with transaction.atomic():
            report = _save(site, parsed, author, result)
            result.outcome, result.report_id = IMPORTED, report.pk
            if dry_run:
                raise _DryRun()
    except _DryRun:
        result.report_id = None
    return result


def _save(site: Site, parsed: ParsedReport, author, result: FileResult) -> ImplementationReport:
    visit = _visit_for(site, parsed)
    introduction = mask_cpr(parsed.introduction)
    masked = introduction.count
    report = ImplementationReport(
        visit=visit, introduction=introduction.text, author=author if getattr(author, "pk", None) else None
    )
    report.full_clean()
    report.save()
    for theme in Theme:
        text = mask_cpr(parsed.sections.get(theme.value, ""))
        masked += text.count
        section = ReportSection(report=report, theme=theme.value, text=text.text)
        section.full_clean()
        section.save()
    if masked:
        result.notes.append(f"{masked} CPR-numre maskeret")
    return report


def docx_files(paths: list[Path]) -> list[Path]:
    """The files to read: each path itself, or the .docx files in a folder (Word's lock files ~$… left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.docx") if not p.name.startswith("~$")))
        else:
            found.append(path)
    return found
