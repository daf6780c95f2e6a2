"""Load the codebook (version 1) from codebook/data/codebook.json; editable afterwards."""

import json
from pathlib import Path

from django.db import migrations

CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "data" / "codebook.json"


def load_codebook(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    CodebookVersion = apps.get_model("coding", "CodebookVersion")
    CodeRevision = apps.get_model("coding", "CodeRevision")
    version = CodebookVersion.objects.create(number=1, note="Kodebog indlæst ved installation.")
    entries = json.loads(CODEBOOK.read_text(encoding="utf-8"))
    by_key = {}
    for kind, codes in entries.items():
        for order, entry in enumerate(codes):
            parent = by_key.get(("driver", entry["parent"])) if "parent" in entry else None
            code = Code.objects.create(
                kind=kind,
                key=entry["key"],
                label_da=entry["label_da"],
                name_en=entry["name_en"],
                description_da=entry["description_da"],
                parent=parent,
                number=entry.get("number"),
                sort_order=order,
            )
            by_key[(kind, entry["key"])] = code
            CodeRevision.objects.create(
                code=code,
                version=version,
                label_da=code.label_da,
                name_en=code.name_en,
                description_da=code.description_da,
            )


def unload_codebook(apps, schema_editor):
    apps.get_model("coding", "CodeRevision").objects.all().delete()
    apps.get_model("coding", "Code").objects.filter(parent__isnull=False).delete()
    apps.get_model("coding", "Code").objects.all().delete()
    apps.get_model("coding", "CodebookVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("coding", "0002_initial")]
    operations = [migrations.RunPython(load_codebook, unload_codebook)]
