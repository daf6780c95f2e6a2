"""Writes for decision support: saving a readiness self-assessment."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import own_site_id
from accounts.privacy import mask_cpr
from decisions import readiness
from decisions.models import ReadinessAssessment
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
