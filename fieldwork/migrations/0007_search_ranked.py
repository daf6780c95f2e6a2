"""Search ranked by the index with the permission inside the query.

SQLite: the FTS5 table is re-created with the report, joint meeting and visit each text belongs to
(so a search filters by permission in the index query) and a rowid made of kind and id (so a save
re-indexes one row by its key); `fieldwork_search_mark` keeps the highest id indexed per kind. The
new table starts empty: the first search catches it up (or queues `search_index_rebuild`).

PostgreSQL: a stored generated `search_vector` (Danish config) with a GIN index on each source
table replaces the expression indexes, so `ts_rank` reads the stored vector; the tables are
analysed so that the planner knows how common a word is.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS fieldwork_search",
    "DROP TABLE IF EXISTS fieldwork_search_count",
    "CREATE VIRTUAL TABLE fieldwork_search USING fts5(body, kind UNINDEXED, obj_id UNINDEXED, "
    "report_id UNINDEXED, meeting_id UNINDEXED, visit_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TABLE fieldwork_search_mark (kind TEXT PRIMARY KEY, top INTEGER NOT NULL)",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS fieldwork_search_mark",
    "DROP TABLE IF EXISTS fieldwork_search",
    "CREATE VIRTUAL TABLE fieldwork_search USING fts5("
    "body, kind UNINDEXED, obj_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TABLE fieldwork_search_count (kind TEXT PRIMARY KEY, n INTEGER NOT NULL)",
]

_PG_SOURCES = {
    "fieldwork_reportsection": ("fieldwork_reportsection_fts", ("text",)),
    "fieldwork_factor": ("fieldwork_factor_fts", ("statement", "quote")),
    "fieldwork_trialaction": ("fieldwork_trialaction_fts", ("aim", "description", "learning")),
    "fieldwork_jointmeeting": ("fieldwork_jointmeeting_fts", ("title", "minutes")),
}


def _document(fields) -> str:
    return " || ' ' || ".join(f"coalesce({field}, '')" for field in fields)


POSTGRES_FORWARD = [
    statement
    for table, (old_index, fields) in _PG_SOURCES.items()
    for statement in (
        f"DROP INDEX IF EXISTS {old_index}",
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('danish'::regconfig, {_document(fields)})) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING GIN (search_vector)",
        f"ANALYZE {table}",
    )
]
POSTGRES_BACKWARD = [
    statement
    for table, (old_index, fields) in _PG_SOURCES.items()
    for statement in (
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
        f"CREATE INDEX IF NOT EXISTS {old_index} ON {table} USING GIN (to_tsvector('danish', {_document(fields)}))",
    )
]


def forward(apps, schema_editor):
    statements = POSTGRES_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("fieldwork", "0006_versions")]
    operations = [migrations.RunPython(forward, backward)]
