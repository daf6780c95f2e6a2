"""Writes of joint meetings and their minutes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import guard
from audit.versions import claim_version
from fieldwork.models import (
    JointMeeting,
)
from fieldwork.services._common import Saved, _mask_all

# Joint meetings -------------------------------------------------------------------------------


def _require_meeting_writer(meeting: JointMeeting | None) -> None:
    """Whoever writes joint meetings may hold one with other homes; its title, minutes and sites are
    every home's text, so only someone who writes for all of them changes them."""
    if meeting is None:
        guard.require("change", "joint_meeting")
    else:
        guard.require("change", "joint_meeting", *meeting.sites.values_list("pk", flat=True))


def joint_meeting_values(meeting: JointMeeting) -> dict:
    """A joint meeting's editable fields (the merge compares these)."""
    return {
        "held_on": meeting.held_on,
        "title": meeting.title,
        "minutes": meeting.minutes,
        "sites": list(meeting.sites.all()),
    }


@transaction.atomic
def joint_meeting_save(
    *,
    held_on: datetime.date,
    title: str,
    minutes: str,
    sites,
    meeting: JointMeeting | None = None,
    expected_version: int | None = None,
    base: dict | None = None,
) -> Saved:
    """Create a joint meeting, or update one (`expected_version` then required: a stale write is
    merged per field or raises EditConflict), with its minutes and participating sites."""
    _require_meeting_writer(meeting)
    sites = list(sites)
    if len(sites) < 1:
        raise ValidationError({"sites": _("Vælg mindst ét deltagende sted.")})
    masked = _mask_all(title=title, minutes=minutes)
    mine = {
        "held_on": held_on,
        "title": masked.texts["title"],
        "minutes": masked.texts["minutes"],
        "sites": sites,
    }
    if meeting is None:
        meeting = JointMeeting()
    else:
        if expected_version is None:
            raise ValidationError({"version": _("Angiv den version, du har hentet.")})
        mine = claim_version(
            meeting,
            expected_version=expected_version,
            mine=mine,
            base=base,
            stored_values=joint_meeting_values,
        )
    meeting.held_on = mine["held_on"]
    meeting.title = mine["title"]
    meeting.minutes = mine["minutes"]
    meeting.full_clean()
    meeting.save()
    sites = list(mine["sites"])
    meeting.sites.set(sites)
    for factor in meeting.factors.exclude(site__isnull=True).exclude(site__in=sites):
        factor.site = None
        factor.version += 1
        factor.save()
    return Saved(meeting, masked.count)
