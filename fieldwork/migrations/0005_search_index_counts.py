"""Row counts of the SQLite search index per kind, so a search can tell cheaply whether a bulk load
has left the index behind (counting an FTS5 table scans it whole)."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE TABLE IF NOT EXISTS fieldwork_search_count (kind TEXT PRIMARY KEY, n INTEGER NOT NULL)",
    "INSERT OR REPLACE INTO fieldwork_search_count (kind, n) "
    "SELECT kind, COUNT(*) FROM fieldwork_search GROUP BY kind",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS fieldwork_search_count"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("fieldwork", "0004_search_index")]
    operations = [migrations.RunPython(forward, backward)]
