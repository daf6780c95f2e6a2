from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backup import BackupError, restore
from audit.services import acting_as, record


class Command(BaseCommand):
    help = "Gendan databasen fra en sikkerhedskopi og kontrollér hver tabel bagefter."

    def add_arguments(self, parser):
        parser.add_argument("file", help="arkiv skrevet af `drivkraft backup`")

    def handle(self, *args, file, **options):
        try:
            manifest = restore(Path(file))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        with acting_as(None, name="cli:restore"):
            record(
                action="bulk",
                model="database",
                note=f"Gendannet fra {file} (taget {manifest['created_at']}).",
            )
        self.stdout.write(f"Gendannet og kontrolleret: {len(manifest['tables'])} tabeller fra {file}.")
