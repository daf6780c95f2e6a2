"""Writes and reads around a site's visits: external events and pressures, assessments, scores,
and the visit plan per year beside what was held.

Same rules as the other services: keyword-only, atomic, `full_clean`, CPR numbers masked, a Danish
ValidationError on bad input.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.privacy import mask_cpr
from audit import guard
from fieldwork.models import ExternalEvent, Score, SiteAssessment, Visit, VisitStatus
from registry.dates import date_problem
from registry.models import VisitPlan


def _check_date(field: str, date, site=None) -> None:
    problem = date_problem(date, site=site)
    if problem:
        raise ValidationError({field: problem})


def _check_period(start_field: str, start, end_field: str, end, site=None) -> None:
    _check_date(start_field, start, site)
    _check_date(end_field, end, site)
    if start and end and end < start:
        raise ValidationError({end_field: _("Slutdatoen ligger før startdatoen.")})


def _require_event_writer(site) -> None:
    """An event on one site is part of its planning; an event on every site is the managers'."""
    if site is None:
        guard.require("manage", "site")
    else:
        guard.require("change", "visit_plan", site)


@transaction.atomic
def event_save(
    *,
    site,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    description: str = "",
    event: ExternalEvent | None = None,
) -> ExternalEvent:
    """An external event or pressure on one site, or on every site when `site` is None."""
    _require_event_writer(site)
    _check_period("starts_on", starts_on, "ends_on", ends_on)
    event = event or ExternalEvent()
    event.site = site
    event.kind = kind
    event.starts_on = starts_on
    event.ends_on = ends_on
    event.description = mask_cpr(description or "").text
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_delete(*, event: ExternalEvent) -> None:
    _require_event_writer(event.site_id)
    event.delete()


@transaction.atomic
def site_assessment_create(
    *,
    site,
    assessed_on: datetime.date,
    leadership_style: str = "",
    culture_type: str = "",
    attention_points=(),
    notes: str = "",
    assessor=None,
) -> SiteAssessment:
    """The evaluator's assessment of a site on one date (one a day per site)."""
    guard.require("change", "assessment", site)
    _check_date("assessed_on", assessed_on, site)
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("En vurdering kan ikke ligge i fremtiden.")})
    if SiteAssessment.objects.filter(site=site, assessed_on=assessed_on).exists():
        raise ValidationError({"assessed_on": _("Stedet er allerede vurderet den dato.")})
    assessment = SiteAssessment(
        site=site,
        assessed_on=assessed_on,
        leadership_style=leadership_style,
        culture_type=culture_type,
        notes=mask_cpr(notes or "").text,
        assessor=assessor,
    )
    assessment.full_clean()
    assessment.save()
    assessment.attention_points_worked.set(attention_points)
    return assessment


@transaction.atomic
def score_create(
    *,
    site,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    value: float,
    instrument: str = "",
) -> Score:
    """A fidelity or outcome score of the site for a period."""
    guard.require("change", "assessment", site)
    _check_period("period_start", period_start, "period_end", period_end, site)
    score = Score(
        site=site,
        kind=kind,
        instrument=instrument,
        period_start=period_start,
        period_end=period_end,
        value=value,
    )
    score.full_clean()
    score.save()
    return score


# Reads ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanYear:
    """One year of a site's visit plan beside what happened."""

    year: int
    planned: int | None
    held: int
    cancelled: int
    open: int
    overdue: int

    @property
    def missing(self) -> int:
        return max(0, (self.planned or 0) - self.held)


def visit_plan_years(site, *, today: datetime.date | None = None) -> list[PlanYear]:
    """Planned visits per year beside held, cancelled, still planned and overdue ones: two queries."""
    today = today or timezone.localdate()
    plans = dict(VisitPlan.objects.filter(site=site).values_list("year", "planned_visits"))
    counted = (
        Visit.objects.filter(site=site)
        .annotate(year=ExtractYear("planned_on"))
        .values("year")
        .annotate(
            held=Count("pk", filter=Q(status=VisitStatus.HELD)),
            cancelled=Count("pk", filter=Q(status=VisitStatus.CANCELLED)),
            open=Count("pk", filter=Q(status=VisitStatus.PLANNED)),
            overdue=Count("pk", filter=Q(status=VisitStatus.PLANNED, planned_on__lt=today)),
        )
        .order_by()
    )
    rows = {row["year"]: row for row in counted}
    years = sorted(set(plans) | set(rows))
    empty = {"held": 0, "cancelled": 0, "open": 0, "overdue": 0}
    return [
        PlanYear(
            year=year,
            planned=plans.get(year),
            **{k: rows.get(year, empty)[k] for k in ("held", "cancelled", "open", "overdue")},
        )
        for year in years
    ]


def overdue_visits(sites, *, today: datetime.date | None = None):
    """Visits still planned whose date has passed, at the given sites: held, cancelled or re-planned?"""
    today = today or timezone.localdate()
    return (
        Visit.objects.filter(site__in=sites, status=VisitStatus.PLANNED, planned_on__lt=today)
        .select_related("site")
        .order_by("planned_on", "pk")
    )
