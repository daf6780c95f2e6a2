"""Writes made through the API: visits, reports with their sections, factors and trial actions.

fieldwork/services.py did not exist when the API was written, so the API keeps its own writes here,
each one atomic, validated by the model's full_clean() and with CPR numbers masked in free text.
The count of masked numbers is returned so the caller can tell the user.
"""

from dataclasses import dataclass

from django.db import transaction
from rest_framework.exceptions import APIException

from accounts.privacy import mask_cpr
from fieldwork.models import Factor, ImplementationReport, ReportSection, TrialAction, Visit


class VersionConflict(APIException):
    status_code = 409
    default_detail = "Rapporten er ændret af en anden siden du hentede den; hent den igen."
    default_code = "conflict"


@dataclass
class Saved:
    instance: object
    masked: int


def _assign(instance, values: dict, free_text: tuple[str, ...]) -> int:
    masked = 0
    for name, value in values.items():
        if name in free_text and isinstance(value, str):
            result = mask_cpr(value)
            value, masked = result.text, masked + result.count
        setattr(instance, name, value)
    return masked


VISIT_TEXT = ("cancel_reason", "other_participants")


@transaction.atomic
def visit_create(*, values: dict, participants: list | None = None) -> Saved:
    visit = Visit()
    masked = _assign(visit, values, VISIT_TEXT)
    visit.full_clean()
    visit.save()
    if participants is not None:
        visit.participants.set(participants)
    return Saved(visit, masked)


@transaction.atomic
def visit_update(*, visit: Visit, values: dict, participants: list | None = None) -> Saved:
    masked = _assign(visit, values, VISIT_TEXT)
    visit.full_clean()
    visit.save()
    if participants is not None:
        visit.participants.set(participants)
    return Saved(visit, masked)


def _save_sections(report: ImplementationReport, sections: list[dict] | None) -> int:
    if sections is None:
        return 0
    masked = 0
    for entry in sections:
        result = mask_cpr(entry.get("text", ""))
        masked += result.count
        section = ReportSection.objects.filter(report=report, theme=entry["theme"]).first() or ReportSection(
            report=report, theme=entry["theme"]
        )
        section.text = result.text
        section.full_clean()
        section.save()
    return masked


@transaction.atomic
def report_create(*, author, values: dict, sections: list[dict] | None) -> Saved:
    report = ImplementationReport(author=author if getattr(author, "pk", None) else None)
    masked = _assign(report, values, ("introduction",))
    report.full_clean()
    report.save()
    masked += _save_sections(report, sections)
    return Saved(report, masked)


@transaction.atomic
def report_update(
    *, report: ImplementationReport, values: dict, sections: list[dict] | None, expected_version: int | None
) -> Saved:
    report = ImplementationReport.objects.select_for_update().get(pk=report.pk)
    if expected_version is not None and expected_version != report.version:
        raise VersionConflict()
    masked = _assign(report, values, ("introduction",))
    report.version += 1
    report.full_clean()
    report.save()
    masked += _save_sections(report, sections)
    return Saved(report, masked)


FACTOR_TEXT = ("statement", "quote")


@transaction.atomic
def factor_create(*, values: dict, coded_by=None) -> Saved:
    factor = Factor(coded_by=coded_by if (values.get("driver") and getattr(coded_by, "pk", None)) else None)
    masked = _assign(factor, values, FACTOR_TEXT)
    factor.full_clean()
    factor.save()
    return Saved(factor, masked)


@transaction.atomic
def factor_update(*, factor: Factor, values: dict) -> Saved:
    masked = _assign(factor, values, FACTOR_TEXT)
    factor.full_clean()
    factor.save()
    return Saved(factor, masked)


TRIAL_TEXT = ("aim", "description", "carried_by", "learning")


@transaction.atomic
def trial_action_create(*, values: dict) -> Saved:
    action = TrialAction()
    masked = _assign(action, values, TRIAL_TEXT)
    action.full_clean()
    action.save()
    return Saved(action, masked)


@transaction.atomic
def trial_action_update(*, trial_action: TrialAction, values: dict) -> Saved:
    masked = _assign(trial_action, values, TRIAL_TEXT)
    trial_action.full_clean()
    trial_action.save()
    return Saved(trial_action, masked)
