"""Load the alert table from decisions/data/alert_rules.json; editable afterwards in the admin."""

import json
from pathlib import Path

from django.db import migrations

RULES = Path(__file__).resolve().parent.parent / "data" / "alert_rules.json"


def load_rules(apps, schema_editor):
    AlertRule = apps.get_model("decisions", "AlertRule")
    Code = apps.get_model("coding", "Code")
    points = {code.number: code for code in Code.objects.filter(kind="attention_point")}
    for order, entry in enumerate(json.loads(RULES.read_text(encoding="utf-8"))):
        AlertRule.objects.create(
            key=entry["key"],
            kind=entry["kind"],
            parameters=entry["parameters"],
            title_da=entry["title_da"],
            explanation_da=entry["explanation_da"],
            title_en=entry.get("title_en", ""),
            explanation_en=entry.get("explanation_en", ""),
            attention_point=points[entry["attention_point"]],
            severity=entry["severity"],
            enabled=entry.get("enabled", True),
            finding=entry.get("finding", ""),
            sort_order=order,
        )


def unload_rules(apps, schema_editor):
    apps.get_model("decisions", "AlertRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial"), ("coding", "0003_load_codebook")]
    operations = [migrations.RunPython(load_rules, unload_rules)]
