"""Fill the English descriptions of the shipped codes from codebook/data/codebook.json.

A code (or a revision) gets the shipped English only while its Danish description is still the shipped
one: a description an evaluator has rewritten keeps an empty English text, and pages show its Danish.
"""

import json
from pathlib import Path

from django.db import migrations

CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "data" / "codebook.json"


def _shipped() -> dict[tuple[str, str], dict]:
    entries = json.loads(CODEBOOK.read_text(encoding="utf-8"))
    return {(kind, entry["key"]): entry for kind, codes in entries.items() for entry in codes}


def _fill(rows, shipped) -> list:
    """The rows whose Danish description is still the shipped one, with the shipped English set."""
    filled = []
    for row, code in rows:
        entry = shipped.get((code.kind, code.key))
        if entry and row.description_da == entry["description_da"]:
            row.description_en = entry["description_en"]
            filled.append(row)
    return filled


def fill_description_en(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    CodeRevision = apps.get_model("coding", "CodeRevision")
    shipped = _shipped()
    codes = Code.objects.filter(description_en="")
    Code.objects.bulk_update(_fill(((code, code) for code in codes), shipped), ["description_en"])
    revisions = CodeRevision.objects.filter(description_en="").select_related("code")
    CodeRevision.objects.bulk_update(
        _fill(((revision, revision.code) for revision in revisions), shipped), ["description_en"]
    )


class Migration(migrations.Migration):
    dependencies = [("coding", "0007_code_description_en")]
    operations = [migrations.RunPython(fill_description_en, migrations.RunPython.noop)]
