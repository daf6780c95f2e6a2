"""Import implementation reports from Word files: each file whole or not at all.

A file is refused with a reason (unreadable or not Word at all, unknown site, no date or phase,
wrong language, no theme at all, a heading placed under no theme, a date in the future); skipped when the site already has a report for that date;
otherwise imported through fieldwork.services: the visit of that date is recorded as held (a planned
one becomes held, else a new one with the consultant assigned then), the report gets its
introduction and all six sections (missing themes stay empty and are reported), CPR numbers masked.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fieldwork import services
from fieldwork.models import ImplementationReport, Visit, VisitStatus
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


def _check(parsed: ParsedReport, unplaced_to_introduction: bool) -> Site:
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
    if parsed.unplaced and not unplaced_to_introduction:
        raise _Refused(
            "overskrifter der ikke svarer til et af de seks temaer: "
            + ", ".join(f"«{heading}»" for heading in parsed.unplaced)
            + " (ret overskrifterne, eller indlæs med --unplaced-to-introduction for at lægge dem og "
            "deres tekst i indledningen)"
        )
    return site


def _existing_visit(site: Site, date) -> Visit | None:
    return (
        Visit.objects.filter(site=site)
        .filter(Q(held_on=date) | Q(held_on__isnull=True, planned_on=date))
        .exclude(status=VisitStatus.CANCELLED)
        .first()
    )


def _consultant_on(site: Site, date):
    assignment = (
        ConsultantAssignment.objects.filter(site=site, starts_on__lte=date)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=date))
        .select_related("consultant")
        .first()
    )
    return assignment.consultant if assignment else None


def import_file(
    path: Path, *, author=None, dry_run: bool = False, unplaced_to_introduction: bool = False
) -> FileResult:
    result = FileResult(path=path, outcome=REFUSED)
    try:
        parsed = parse_blocks(read_blocks(path), unplaced_to_introduction=unplaced_to_introduction)
    except UnreadableDocument as exc:
        result.reason = str(exc)
        return result
    result.site, result.date = (
        parsed.site,
        parsed.visit_date.isoformat() if parsed.visit_date else parsed.date_text,
    )
    try:
        site = _check(parsed, unplaced_to_introduction)
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
    if parsed.introduction_headings:
        result.notes.append(
            "overskrifter før første tema, i indledningen: "
            + ", ".join(f"«{h}»" for h in parsed.introduction_headings)
        )
    if parsed.unplaced:
        result.notes.append("lagt i indledningen: " + ", ".join(f"«{h}»" for h in parsed.unplaced))
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
    except (_Refused, ValidationError) as exc:
        result.outcome, result.notes = REFUSED, []
        result.reason = str(exc) if isinstance(exc, _Refused) else "; ".join(exc.messages)
    return result


def _save(site: Site, parsed: ParsedReport, author, result: FileResult) -> ImplementationReport:
    """The visit recorded as held and the report saved by the web pages' own services."""
    visit = _existing_visit(site, parsed.visit_date)
    phase = parsed.phase or (visit.phase if visit else "")
    if not phase:
        raise _Refused("fasen mangler (første tabel eller en linje 'Fase: …')")
    held = services.visit_record(
        site=site,
        held_on=parsed.visit_date,
        phase=phase,
        consultant=(visit.consultant if visit else None) or _consultant_on(site, parsed.visit_date),
        participants=list(visit.participants.all()) if visit else [],
        other_participants=visit.other_participants if visit else "",
        visit=visit,
    )
    saved = services.report_save(
        visit=held.obj,
        expected_version=0,
        introduction=parsed.introduction,
        sections=parsed.sections,
        anchoring=None,
        author=author if getattr(author, "pk", None) else None,
    )
    masked = held.masked + saved.masked
    if masked:
        result.notes.append(f"{masked} CPR-numre maskeret")
    return saved.obj


def docx_files(paths: list[Path]) -> list[Path]:
    """The files to read: each path itself, or the .docx files in a folder (Word's lock files ~$… left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.docx") if not p.name.startswith("~$")))
        else:
            found.append(path)
    return found
