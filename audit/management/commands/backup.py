from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backup import BackupError, backup


class Command(BaseCommand):
    help = "Tag en verificeret sikkerhedskopi af databasen (SQLite online eller PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="arkivfil, der skrives (fx var/backup.tar.gz)")

    def handle(self, *args, out, **options):
        try:
            report = backup(Path(out))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Sikkerhedskopi skrevet og verificeret: {report.path} ({report.engine}, "
            f"{report.tables} tabeller, {report.rows} rækker)."
        )
