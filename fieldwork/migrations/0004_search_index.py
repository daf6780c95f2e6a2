"""Full-text search: an FTS5 table of Danish-stemmed words on SQLite; GIN indexes on PostgreSQL.

The SQLite table is filled by fieldwork.search (signals for single saves, `search_rebuild()` for bulk
loads), because the Danish stemmer runs in Python. PostgreSQL stems with its own 'danish' config.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS fieldwork_search USING fts5("
    "body, kind UNINDEXED, obj_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')"
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS fieldwork_search"]

_PG_INDEXES = {
    "fieldwork_reportsection_fts": ("fieldwork_reportsection", "coalesce(text, '')"),
    "fieldwork_factor_fts": ("fieldwork_factor", "coalesce(statement, '') || ' ' || coalesce(quote, '')"),
    "fieldwork_trialaction_fts": (
        "fieldwork_trialaction",
        "coalesce(aim, '') || ' ' || coalesce(description, '') || ' ' || coalesce(learning, '')",
    ),
    "fieldwork_jointmeeting_fts": ("fieldwork_jointmeeting", "coalesce(title, '') || ' ' || coalesce(minutes, '')"),
}
POSTGRES_FORWARD = [
    f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING GIN (to_tsvector('danish', {expression}))"
    for name, (table, expression) in _PG_INDEXES.items()
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS {name}" for name in _PG_INDEXES]


def forward(apps, schema_editor):
    statements = POSTGRES_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("fieldwork", "0003_trial_action_follow_up_on_delete")]
    operations = [migrations.RunPython(forward, backward)]
