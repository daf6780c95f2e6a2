from django.core.management.base import BaseCommand, CommandError

from audit.services import acting_as
from interop.jsonio.checking import DatasetImportError, parse_document
from interop.jsonio.importer import import_dataset


class Command(BaseCommand):
    help = "Indlæs et datasæt skrevet af `drivkraft export`. Ved den mindste fejl skrives intet."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON-fil")
        parser.add_argument("--dry-run", action="store_true", help="kontrollér og vis, men skriv intet")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {file}: {exc.strerror}") from exc
        try:
            with acting_as(None, name="cli:import"):
                summary = import_dataset(parse_document(raw), dry_run=dry_run)
        except DatasetImportError as exc:
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(exc.problems)} fejl i {file}; intet er indlæst.") from exc
        verb = "Ville indlæse" if dry_run else "Indlæste"
        parts = ", ".join(f"{n} {name}" for name, n in summary.counts.items())
        self.stdout.write(f"{verb}: {parts or 'intet nyt'}.")
        if summary.cpr_masked:
            self.stdout.write(
                self.style.WARNING(f"{summary.cpr_masked} CPR-numre blev maskeret før indlæsning.")
            )
