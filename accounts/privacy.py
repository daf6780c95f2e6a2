"""Personal data in free text: CPR numbers are masked before anything is saved."""

import datetime
import re
from dataclasses import dataclass

CPR_MASK = "[CPR-nummer fjernet]"
_CPR_SHAPE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})-?(\d{4})(?![\d-])")


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


def mask_cpr(text: str) -> Masked:
    """Replace every CPR-shaped number (ddmmyy-xxxx or ddmmyyxxxx with a valid date)."""
    if not text:
        return Masked(text, 0)
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        day, month, year = (int(match.group(i)) for i in (1, 2, 3))
        if not _is_date(day, month, year):
            return match.group(0)
        count += 1
        return CPR_MASK

    return Masked(_CPR_SHAPE.sub(replace, text), count)
