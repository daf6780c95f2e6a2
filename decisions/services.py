"""Writes for decision support: saving a readiness self-assessment, tuning the alert table."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.permissions import own_site_id
from accounts.privacy import mask_cpr
from audit.versions import claim_version
from decisions import readiness
from decisions.models import AlertRule, ReadinessAssessment
from decisions.selectors import token_hash

TOKEN_BYTES = 32


@dataclass(frozen=True)
class SavedAssessment:
    assessment: ReadinessAssessment
    token: str
    masked: int


@transaction.atomic
def readiness_assessment_create(
    *,
    answers: dict,
    programme_code: str = "",
    label: str = "",
    user=None,
    previous: ReadinessAssessment | None = None,
    questionnaire: dict | None = None,
) -> SavedAssessment:
    """Score and save an assessment; the returned token is the only way back to it without an account.

    A team member's assessment is tied to their site; a repetition keeps the site of the one before.
    """
    questionnaire = questionnaire or readiness.load_questionnaire()
    errors = readiness.answer_errors(questionnaire, answers)
    if errors:
        raise ValidationError(
            _("Besvarelsen er ufuldstændig eller ugyldig: %(keys)s") % {"keys": ", ".join(errors)}
        )
    result = readiness.score(questionnaire, answers)
    masked = mask_cpr(label.strip())
    site = user.site if own_site_id(user) is not None else (previous.site if previous else None)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    assessment = ReadinessAssessment(
        token_hash=token_hash(token),
        questionnaire_version=questionnaire["version"],
        answers=answers,
        result=result.as_json(),
        programme_code=programme_code,
        label=masked.text,
        site=site,
        created_by=user if user is not None and user.is_authenticated else None,
        previous=previous,
    )
    assessment.full_clean()
    assessment.save()
    return SavedAssessment(assessment=assessment, token=token, masked=masked.count)


# What an evaluator tunes in a rule; its key, kind and attention point say what it checks and stay.
ALERT_RULE_FIELDS = (
    "enabled",
    "severity",
    "sort_order",
    "parameters",
    "title_da",
    "explanation_da",
    "title_en",
    "explanation_en",
    "finding",
)


def alert_rule_values(rule: AlertRule) -> dict:
    return {name: getattr(rule, name) for name in ALERT_RULE_FIELDS}


@transaction.atomic
def alert_rule_update(
    *, user, rule: AlertRule, expected_version: int, values: dict, base: dict | None = None
) -> AlertRule:
    """Change a rule of the alert table; a stale write is merged per field or raises EditConflict,
    bad parameters raise ValidationError and change nothing."""
    if not permissions.can(user, "change", "alert_rule"):
        raise PermissionDenied(_("Kun evaluatorer og administratorer ændrer advarselsreglerne."))
    unknown = set(values) - set(ALERT_RULE_FIELDS)
    if unknown:
        raise ValueError(f"not a tunable field of an alert rule: {sorted(unknown)}")
    mine = claim_version(
        rule, expected_version=expected_version, mine=values, base=base, stored_values=alert_rule_values
    )
    for name, value in mine.items():
        setattr(rule, name, value)
    rule.updated_by, rule.updated_at = user, timezone.now()
    rule.full_clean()
    rule.save()
    return rule
