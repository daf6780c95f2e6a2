"""Writes of visits: planned, held and cancelled, with dates that fit the site and its trial actions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import guard
from fieldwork.models import (
    ImplementationReport,
    TrialAction,
    Visit,
    VisitStatus,
)
from fieldwork.services._common import Saved, _mask_all
from registry.dates import date_problem, left_notice

# Visits ---------------------------------------------------------------------------------------


def _check_visit_date(field: str, date: datetime.date, site, visit: Visit | None, *, planning: bool) -> None:
    """A left site gets no new planned visits; every visit lies within the site's membership (so a
    held visit from before it left can still be recorded, as an imported old report is)."""
    if planning and visit is None and left_notice(site):
        raise ValidationError(left_notice(site))
    problem = date_problem(date, site=site)
    if problem:
        raise ValidationError({field: problem})


def _check_trial_action_order(visit: Visit | None, day: datetime.date, field_name: str) -> None:
    """A visit's new date must keep each of its trial actions agreed before it is followed up (the
    database's trigger checks the action, so without this the next change of the action would fail)."""
    if visit is None or visit.pk is None:
        return
    for action in TrialAction.objects.filter(agreed_at=visit, followed_up_at__isnull=False).select_related(
        "followed_up_at"
    ):
        follow_up = action.followed_up_at
        if (follow_up.held_on or follow_up.planned_on) <= day:
            raise ValidationError(
                {
                    field_name: _(
                        "Prøvehandlingen «%(aim)s» aftalt ved dette besøg er fulgt op ved besøget %(date)s; "
                        "besøget skal ligge før det."
                    )
                    % {
                        "aim": action.aim[:60],
                        "date": (follow_up.held_on or follow_up.planned_on).isoformat(),
                    }
                }
            )
    for action in TrialAction.objects.filter(followed_up_at=visit).select_related("agreed_at"):
        agreed = action.agreed_at
        if (agreed.held_on or agreed.planned_on) >= day:
            raise ValidationError(
                {
                    field_name: _(
                        "Prøvehandlingen «%(aim)s» fulgt op ved dette besøg blev aftalt ved besøget %(date)s; "
                        "besøget skal ligge efter det."
                    )
                    % {"aim": action.aim[:60], "date": (agreed.held_on or agreed.planned_on).isoformat()}
                }
            )


@transaction.atomic
def visit_plan(
    *,
    site,
    planned_on: datetime.date,
    phase: str = "",
    consultant=None,
    participants=(),
    other_participants: str = "",
    visit: Visit | None = None,
) -> Saved:
    """Plan a visit (or re-plan one that is still planned)."""
    guard.require("change", "fieldwork", site)
    _check_visit_date("planned_on", planned_on, site, visit, planning=True)
    if visit is not None and ImplementationReport.objects.filter(visit=visit).exists():
        raise ValidationError(_("Et afholdt besøg med rapport kan ikke gøres til et planlagt besøg."))
    _check_trial_action_order(visit, planned_on, "planned_on")
    masked = _mask_all(other=other_participants)
    visit = visit or Visit(site=site)
    visit.planned_on = planned_on
    visit.held_on = None
    visit.status = VisitStatus.PLANNED
    visit.phase = phase
    visit.consultant = consultant or visit.consultant
    visit.other_participants = masked.texts["other"]
    visit.full_clean()
    visit.save()
    visit.participants.set(participants)
    return Saved(visit, masked.count)


@transaction.atomic
def visit_record(
    *,
    site,
    held_on: datetime.date,
    phase: str,
    participants=(),
    other_participants: str = "",
    consultant=None,
    visit: Visit | None = None,
) -> Saved:
    """Record a held visit: a planned one becomes held, or a new held visit is created."""
    guard.require("change", "fieldwork", site)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Et afholdt besøg kan ikke ligge i fremtiden.")})
    if not phase:
        raise ValidationError({"phase": _("Angiv fasen for det afholdte besøg.")})
    _check_visit_date("held_on", held_on, site, visit, planning=False)
    _check_trial_action_order(visit, held_on, "held_on")
    masked = _mask_all(other=other_participants)
    visit = visit or Visit(site=site, planned_on=held_on)
    visit.held_on = held_on
    visit.status = VisitStatus.HELD
    visit.cancel_reason = ""
    visit.phase = phase
    visit.consultant = consultant or visit.consultant
    visit.other_participants = masked.texts["other"]
    visit.full_clean()
    visit.save()
    visit.participants.set(participants)
    return Saved(visit, masked.count)


@transaction.atomic
def visit_cancel(*, visit: Visit, reason: str) -> Saved:
    """Cancel a planned visit with its reason; a held visit stays held."""
    guard.require("change", "fieldwork", visit.site_id)
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError(_("Kun et planlagt besøg kan aflyses."))
    if not (reason or "").strip():
        raise ValidationError({"cancel_reason": _("Angiv årsagen til aflysningen.")})
    masked = _mask_all(reason=reason.strip())
    visit.status = VisitStatus.CANCELLED
    visit.cancel_reason = masked.texts["reason"]
    visit.full_clean()
    visit.save()
    return Saved(visit, masked.count)
