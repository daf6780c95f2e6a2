"""What the demo builders share: dates, the run's context and the bundle of unsaved rows."""

import datetime
import random
from dataclasses import dataclass, field

D = datetime.date
PANDEMIC_START = D(2020, 3, 11)
MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def danish_date(day: datetime.date) -> str:
    return f"den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


@dataclass
class Context:
    """What every site of a run shares: codes, the coder, programmes and their elements."""

    codes: dict
    version: object
    evaluator: object
    programmes: dict
    elements: dict

    def passage(self, **fields) -> dict:
        """A coded passage by the evaluator under codebook version 1, as a plain row."""
        return {"coder": self.evaluator, "codebook_version": self.version, "origin": "manual", **fields}


@dataclass
class Bundle:
    """Unsaved instances in the order they must be saved (parents first)."""

    rows: dict[str, list] = field(default_factory=dict)

    def add(self, kind: str, obj) -> object:
        """An unsaved model instance; saved with bulk_create, so children can refer to its pk."""
        self.rows.setdefault(kind, []).append(obj)
        return obj

    def add_row(self, kind: str, model, values: dict) -> dict:
        """A plain row for a high-volume table nothing refers to; parents may be given as instances."""
        self.rows.setdefault(kind, []).append((model, values))
        return values
