"""A trial action is followed up at a later visit of the same site: enforced by the database.

A check constraint cannot look at another row, so a trigger does it, on SQLite and PostgreSQL.
"""

from django.db import migrations

MESSAGE = "trial action must be followed up at a later visit of the same site"
CONDITION = """
    NEW.followed_up_at_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM fieldwork_visit a, fieldwork_visit f
        WHERE a.id = NEW.agreed_at_id AND f.id = NEW.followed_up_at_id AND a.site_id = f.site_id
          AND COALESCE(f.held_on, f.planned_on) > COALESCE(a.held_on, a.planned_on)
    )
"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER fieldwork_trialaction_follow_up_{event.lower()}
        BEFORE {event} ON fieldwork_trialaction
        WHEN {CONDITION}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS fieldwork_trialaction_follow_up_{e}" for e in ("insert", "update")]

POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION fieldwork_trialaction_follow_up() RETURNS trigger AS $$
        BEGIN
            IF {CONDITION} THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER fieldwork_trialaction_follow_up BEFORE INSERT OR UPDATE ON fieldwork_trialaction
        FOR EACH ROW EXECUTE FUNCTION fieldwork_trialaction_follow_up();""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS fieldwork_trialaction_follow_up ON fieldwork_trialaction",
    "DROP FUNCTION IF EXISTS fieldwork_trialaction_follow_up()",
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
    dependencies = [("fieldwork", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
