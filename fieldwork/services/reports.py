"""Writes of implementation reports in the six themes, with optimistic locking and a per-field merge."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import guard
from audit.versions import claim_version
from fieldwork.models import (
    ImplementationReport,
    ReportSection,
    ReportStatus,
    Theme,
    Visit,
    VisitStatus,
)
from fieldwork.services._common import Saved, _mask_all

# Reports --------------------------------------------------------------------------------------


def report_values(report: ImplementationReport) -> dict:
    """The report's editable fields as the editor shows them (the merge compares these)."""
    sections = {s.theme: s.text for s in report.sections.all()}
    return {
        "introduction": report.introduction,
        "anchoring": report.anchoring,
        **{f"section_{theme}": sections.get(theme, "") for theme in Theme.values},
    }


def empty_report_values() -> dict:
    return {"introduction": "", "anchoring": None, **{f"section_{theme}": "" for theme in Theme.values}}


@transaction.atomic
def report_save(
    *,
    visit: Visit,
    expected_version: int,
    introduction: str,
    sections: dict[str, str],
    anchoring: int | None,
    author,
    validated_on: datetime.date | None = None,
    base: dict | None = None,
) -> Saved:
    """Save the report of a held visit as a draft, or validated when `validated_on` is given.

    `expected_version` is the version the user opened (0 for a report not yet written) and `base`
    the values they opened. A stale write is merged per field with the stored report; fields both
    sides changed raise `EditConflict` and nothing is written. Themes missing from `sections` keep
    their stored text.
    """
    guard.require("change", "fieldwork", visit.site_id)
    if visit.status != VisitStatus.HELD:
        raise ValidationError(_("Der kan kun skrives rapport for et afholdt besøg."))
    unknown = set(sections) - set(Theme.values)
    if unknown:
        raise ValidationError(_("Ukendt tema: %(themes)s") % {"themes": ", ".join(sorted(unknown))})
    masked = _mask_all(introduction=introduction, **{f"theme:{k}": v for k, v in sections.items()})
    mine = {
        "introduction": masked.texts["introduction"],
        "anchoring": anchoring,
        **{f"section_{theme}": masked.texts[f"theme:{theme}"] for theme in sections},
    }
    report = None
    if expected_version == 0:
        try:
            with transaction.atomic():
                report = ImplementationReport.objects.create(visit=visit, author=author, version=1)
        except IntegrityError:
            base = empty_report_values()
    if report is None:
        report = ImplementationReport.objects.get(visit=visit)
        mine = claim_version(
            report, expected_version=expected_version, mine=mine, base=base, stored_values=report_values
        )
    report.introduction = mine["introduction"]
    report.anchoring = mine["anchoring"]
    report.status = ReportStatus.DRAFT
    report.validated_on = None
    if report.author_id is None:
        report.author = author
    report.full_clean()
    report.save()
    existing = {s.theme: s for s in report.sections.all()}
    for theme in Theme.values:
        text = mine.get(f"section_{theme}", existing[theme].text if theme in existing else "")
        section = existing.get(theme) or ReportSection(report=report, theme=theme)
        if section.pk is None or section.text != text:
            section.text = text
            section.full_clean()
            section.save()
    if validated_on is not None:
        report_validate(report=report, validated_on=validated_on)
    return Saved(report, masked.count)


@transaction.atomic
def report_validate(*, report: ImplementationReport, validated_on: datetime.date) -> ImplementationReport:
    """Mark a report as validated with the team on the given day."""
    guard.require_object("change", report)
    if validated_on > timezone.localdate():
        raise ValidationError({"validated_on": _("Valideringsdatoen kan ikke ligge i fremtiden.")})
    if report.visit.held_on and validated_on < report.visit.held_on:
        raise ValidationError({"validated_on": _("Rapporten kan ikke valideres før besøget er holdt.")})
    report.status = ReportStatus.VALIDATED
    report.validated_on = validated_on
    report.full_clean()
    report.save()
    return report
