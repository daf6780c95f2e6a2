"""CPR numbers never reach the database: the pattern, and the field types that mask on every write.

Kept apart from accounts.privacy (pseudonyms), which needs accounts.models, so every app's models
can use these fields without an import cycle.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import models

CPR_MASK = "[CPR-nummer fjernet]"
SLUG_MASK = "cpr-fjernet"
# ddmmyy, then nothing or one separator people type (hyphen, non-breaking hyphen, figure dash, en/em
# dash, minus, space, no-break space, dot), then four digits; never inside a longer run of digits.
# Ten digits without a valid date (phone numbers are eight, account numbers fail the date) stay.
_SEPARATORS = "\\-\u2010\u2011\u2012\u2013\u2014\u2212 \u00a0\u202f."
_CPR_SHAPE = re.compile(rf"(?<![\d])(\d{{2}})(\d{{2}})(\d{{2}})[{_SEPARATORS}]?(\d{{4}})(?![\d])")


def _is_date(day: int, month: int, year: int) -> bool:
    for century in (1900, 2000):
        try:
            datetime.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


@dataclass(frozen=True)
class Masked:
    text: str
    count: int


def mask_cpr(text: str, replacement: str = CPR_MASK) -> Masked:
    """Replace every CPR-shaped number (ddmmyy, any usual separator or none, xxxx; a valid date)."""
    if not text:
        return Masked(text, 0)
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        day, month, year = (int(match.group(i)) for i in (1, 2, 3))
        if not _is_date(day, month, year):
            return match.group(0)
        count += 1
        return replacement

    return Masked(_CPR_SHAPE.sub(replace, text), count)


# --- Masked by construction ------------------------------------------------------------------
# Every user- or file-supplied text column is one of these field types, so no writer can skip the
# mask: Model.save() and bulk_create() call pre_save() (which also corrects the instance, so signals
# and the audit snapshot see the masked text); QuerySet.update(), bulk_update(), fixtures and the
# demo's plain INSERTs call get_db_prep_save(). The column is unchanged, so deconstruct() names the
# plain Django type and no migration depends on this module.


class _Masked:
    mask = CPR_MASK
    plain_path = ""

    def _masked(self, value):
        if not isinstance(value, str) or not value:
            return value
        text = mask_cpr(value, self.mask).text
        if self.max_length and len(text) > self.max_length:
            text = text[: self.max_length]
        return text

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        masked = self._masked(value)
        if masked is not value and masked != value:
            setattr(model_instance, self.attname, masked)
        return masked

    def get_db_prep_save(self, value, connection):
        return super().get_db_prep_save(self._masked(value), connection)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, self.plain_path, args, kwargs


class MaskedCharField(_Masked, models.CharField):
    plain_path = "django.db.models.CharField"


class MaskedTextField(_Masked, models.TextField):
    plain_path = "django.db.models.TextField"


class MaskedSlugField(_Masked, models.SlugField):
    mask = SLUG_MASK
    plain_path = "django.db.models.SlugField"


class MaskedEmailField(_Masked, models.EmailField):
    plain_path = "django.db.models.EmailField"


MASKED_FIELDS = (MaskedCharField, MaskedTextField, MaskedSlugField, MaskedEmailField)
