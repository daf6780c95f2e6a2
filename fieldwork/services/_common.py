"""What the fieldwork writes share: the stored object with how many CPR numbers it masked, and the
check that a driver and mechanism come from the codebook."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.privacy import mask_cpr


@dataclass
class Saved:
    """What a write stored and how many CPR numbers it masked on the way."""

    obj: object
    masked: int = 0


@dataclass
class MaskedTexts:
    texts: dict[str, str]
    count: int


def _mask_all(**texts: str) -> MaskedTexts:
    masked = {name: mask_cpr(text or "") for name, text in texts.items()}
    return MaskedTexts({name: m.text for name, m in masked.items()}, sum(m.count for m in masked.values()))


def check_codes(driver, mechanism) -> None:
    if driver is not None and driver.kind != "driver":
        raise ValidationError({"driver": _("Vælg en driver fra kodebogen.")})
    if mechanism is not None:
        if mechanism.kind != "mechanism":
            raise ValidationError({"mechanism": _("Vælg en mekanisme fra kodebogen.")})
        if driver is None:
            raise ValidationError({"mechanism": _("En mekanisme kræver en driver.")})
        if mechanism.parent_id != driver.pk:
            raise ValidationError({"mechanism": _("Mekanismen hører til en anden driver end den valgte.")})
