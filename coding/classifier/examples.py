"""The example sentences written for the codebook, and the held-out evaluation set kept apart.

`coding/data/examples/<mechanism>.jsonl` holds lines {"text", "valence"}: the driver is the
mechanism's parent. `coding/data/heldout/` is never used for training: `clear.jsonl` holds
sentences whose driver is clear from the sentence alone, `sections.jsonl` whole report sections
coded to a driver (each sentence inherits the section's driver, context lost), and
`reports.jsonl` sentences in the registers of real reports (staff quotes, consultant summaries,
management statements; field `register`), written apart from the examples with other words, and
`second.jsonl` a second such set written later by another hand before any tuning of the model.
"""

import json
from pathlib import Path

from coding.classifier.model import Example
from coding.classifier.text import split_sentences

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EXAMPLES_DIR = DATA_DIR / "examples"
HELDOUT_DIR = DATA_DIR / "heldout"


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{path.name} line {number}: expected a JSON object")
            rows.append(row)
    return rows


def example_sentences(mechanism_parent: dict[str, str]) -> list[Example]:
    """Every written example sentence, labelled with mechanism, its driver and valence."""
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.jsonl")):
        mechanism = path.stem
        driver = mechanism_parent[mechanism]
        for row in read_jsonl(path):
            examples.append(
                Example(
                    text=row["text"],
                    driver=driver,
                    mechanism=mechanism,
                    valence=row.get("valence"),
                    source="example",
                )
            )
    return examples


def labelled_rows(rows: list[dict], split: bool = False) -> list[Example]:
    """Rows with `text` and labels; with `split`, each sentence of a text inherits its labels."""
    examples = []
    for row in rows:
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("Every line needs a non-empty 'text'.")
        texts = [text[s:e] for s, e in split_sentences(text)] if split else [text]
        for piece in texts:
            examples.append(
                Example(
                    text=piece,
                    driver=row.get("driver"),
                    mechanism=row.get("mechanism"),
                    valence=row.get("valence"),
                    source=str(row.get("id", "")),
                )
            )
    return examples


def heldout_clear() -> list[Example]:
    return labelled_rows(read_jsonl(HELDOUT_DIR / "clear.jsonl"))


def heldout_sections() -> list[Example]:
    return labelled_rows(read_jsonl(HELDOUT_DIR / "sections.jsonl"), split=True)


def heldout_reports() -> list[Example]:
    return labelled_rows(read_jsonl(HELDOUT_DIR / "reports.jsonl"))


def heldout_second() -> list[Example]:
    return labelled_rows(read_jsonl(HELDOUT_DIR / "second.jsonl"))
