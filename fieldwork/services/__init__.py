"""Writes of the fieldwork: visits, reports, promoters and inhibitors, trial actions, joint meetings.

Every function masks CPR numbers in the free text it stores and returns how many it masked, so the
caller can tell the user. Every object with free text is saved with optimistic locking on its
`version` and a per-field merge of concurrent edits (`audit.versions`). One module per kind of
object; callers use `fieldwork.services.<entity>_<action>`.
"""

from fieldwork.services._common import Saved
from fieldwork.services.factors import factor_add, factor_delete, factor_update, factor_values
from fieldwork.services.meetings import joint_meeting_save, joint_meeting_values
from fieldwork.services.reports import empty_report_values, report_save, report_validate, report_values
from fieldwork.services.trial_actions import (
    follow_up_values,
    trial_action_agree,
    trial_action_follow_up,
    trial_action_update,
    trial_action_values,
)
from fieldwork.services.visits import visit_cancel, visit_plan, visit_record

__all__ = [
    "Saved",
    "empty_report_values",
    "factor_add",
    "factor_delete",
    "factor_update",
    "factor_values",
    "follow_up_values",
    "joint_meeting_save",
    "joint_meeting_values",
    "report_save",
    "report_validate",
    "report_values",
    "trial_action_agree",
    "trial_action_follow_up",
    "trial_action_update",
    "trial_action_values",
    "visit_cancel",
    "visit_plan",
    "visit_record",
]
