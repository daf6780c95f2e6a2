"""Writes of trial actions: agreed at one visit, followed up at a later one of the same site."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import guard
from audit.versions import claim_version
from fieldwork.models import (
    TrialAction,
    Visit,
    VisitStatus,
)
from fieldwork.services._common import Saved, _mask_all, check_codes

# Trial actions --------------------------------------------------------------------------------


@transaction.atomic
def trial_action_agree(
    *, visit: Visit, aim: str, description: str = "", driver=None, carried_by: str = ""
) -> Saved:
    """Agree a trial action at a held visit, to be followed up at a later one."""
    guard.require("change", "fieldwork", visit.site_id)
    if visit.status != VisitStatus.HELD:
        raise ValidationError(_("Prøvehandlinger aftales ved et afholdt besøg."))
    check_codes(driver, None)
    masked = _mask_all(aim=aim, description=description, carried_by=carried_by)
    action = TrialAction(
        agreed_at=visit,
        aim=masked.texts["aim"],
        description=masked.texts["description"],
        driver=driver,
        carried_by=masked.texts["carried_by"],
    )
    action.full_clean()
    action.save()
    return Saved(action, masked.count)


def trial_action_values(action: TrialAction) -> dict:
    """A trial action's agreed fields (the merge compares these)."""
    return {
        "aim": action.aim,
        "description": action.description,
        "driver": action.driver,
        "carried_by": action.carried_by,
    }


def follow_up_values(action: TrialAction) -> dict:
    """A trial action's follow-up fields, named as the follow-up form names them."""
    return {"visit": action.followed_up_at, "outcome": action.outcome, "learning": action.learning}


@transaction.atomic
def trial_action_update(
    *,
    trial_action: TrialAction,
    expected_version: int,
    aim: str,
    description: str = "",
    driver=None,
    carried_by: str = "",
    base: dict | None = None,
) -> Saved:
    """Change what was agreed; a stale write is merged per field or raises EditConflict."""
    guard.require("change", "trial_action", trial_action.agreed_at.site_id)
    check_codes(driver, None)
    masked = _mask_all(aim=aim, description=description, carried_by=carried_by)
    mine = claim_version(
        trial_action,
        expected_version=expected_version,
        mine={
            "aim": masked.texts["aim"],
            "description": masked.texts["description"],
            "driver": driver,
            "carried_by": masked.texts["carried_by"],
        },
        base=base,
        stored_values=trial_action_values,
    )
    for name, value in mine.items():
        setattr(trial_action, name, value)
    trial_action.full_clean()
    trial_action.save()
    return Saved(trial_action, masked.count)


@transaction.atomic
def trial_action_follow_up(
    *,
    trial_action: TrialAction,
    expected_version: int,
    visit: Visit,
    outcome: str,
    learning: str = "",
    base: dict | None = None,
) -> Saved:
    """Follow a trial action up at a later held visit of the same site.

    A follow-up may be corrected at the visit that made it, but an action followed up at one visit
    is not followed up again at another. A stale write is merged per field or raises EditConflict.
    """
    guard.require("change", "trial_action", trial_action.agreed_at.site_id)
    agreed = trial_action.agreed_at
    if visit.site_id != agreed.site_id:
        raise ValidationError(_("Opfølgningen skal ske ved et besøg på samme sted."))
    if visit.status != VisitStatus.HELD:
        raise ValidationError(_("Opfølgningen skal ske ved et afholdt besøg."))
    if visit.pk == agreed.pk or visit.date <= agreed.date:
        raise ValidationError(
            _("Opfølgningen skal ske ved et senere besøg end det, hvor handlingen blev aftalt.")
        )
    if trial_action.followed_up_at_id not in (None, visit.pk):
        raise ValidationError(_("Prøvehandlingen er allerede fulgt op ved et andet besøg."))
    if not outcome:
        raise ValidationError({"outcome": _("Angiv resultatet af prøvehandlingen.")})
    masked = _mask_all(learning=learning)
    mine = claim_version(
        trial_action,
        expected_version=expected_version,
        mine={"visit": visit, "outcome": outcome, "learning": masked.texts["learning"]},
        base=base,
        stored_values=follow_up_values,
    )
    trial_action.followed_up_at = mine["visit"]
    trial_action.outcome = mine["outcome"]
    trial_action.learning = mine["learning"]
    trial_action.full_clean()
    trial_action.save()
    return Saved(trial_action, masked.count)
