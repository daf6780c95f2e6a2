"""What the coding-model commands share: reading JSONL input, a progress bar, the active model."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from audit.services import acting_as
from coding.classifier import store


def read_jsonl_file(path: str, required: tuple[str, ...]) -> list[dict]:
    """Every line of a JSONL file as a dict with the required keys; any bad line refuses the whole file."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Filen {path} findes ikke.")
    rows = []
    with file.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(f"{path} linje {number}: ikke gyldig JSON ({exc.msg}).") from exc
            if not isinstance(row, dict):
                raise CommandError(f"{path} linje {number}: forventede et JSON-objekt.")
            missing = [key for key in required if key not in row]
            if missing:
                raise CommandError(f"{path} linje {number}: mangler {', '.join(missing)}.")
            if not isinstance(row.get("text"), str):
                raise CommandError(f"{path} linje {number}: 'text' skal være en tekst.")
            rows.append(row)
    return rows


class TrainingBar:
    """A tqdm bar on stderr fed by store.train_and_store's progress callback."""

    def __init__(self, description: str = "Træner kodningsmodel"):
        self.bar = tqdm(total=100, desc=description, unit="%", file=sys.stderr, leave=False)

    def __call__(self, step: str, fraction: float) -> None:
        self.bar.set_postfix_str(step)
        self.bar.n = round(fraction * 100)
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


def train(folds: int = 5, features: str | None = None):
    bar = TrainingBar()
    try:
        with acting_as(None, name="train-coder"):
            return store.train_and_store(folds=folds, features=features, progress=bar)
    finally:
        bar.close()


def active_or_train(stderr):
    """The active model; with none, say so on stderr and train one first."""
    try:
        return store.active_model()
    except store.NoTrainedModel:
        stderr.write("Ingen trænet kodningsmodel: træner en først.")
        row = train()
        return row, store.load(row)
