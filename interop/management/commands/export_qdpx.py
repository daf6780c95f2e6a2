"""`drivkraft export-qdpx --out FILE.qdpx [--programme MG]`: REFI-QDA project for NVivo, ATLAS.ti, MAXQDA …"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interop.qdpx.export import export_qdpx
from registry.models import Programme


class Command(BaseCommand):
    help = "Eksporterer rapporter, referater, kodebog og kodninger som REFI-QDA-projekt (.qdpx)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, type=Path, help="Filen der skrives, fx var/drivkraft.qdpx"
        )
        parser.add_argument("--programme", help="Kun ét program (kode, fx MG eller RP)")

    def handle(self, *args, out: Path, programme: str | None, **options):
        if programme and not Programme.objects.filter(code=programme).exists():
            raise CommandError(f"Ukendt program: {programme!r}.")
        if out.suffix.lower() != ".qdpx":
            raise CommandError("Filen skal hedde noget med .qdpx.")
        summary = export_qdpx(out, programme=programme)
        self.stdout.write(
            f"Skrev {summary.path}: {summary.reports} rapporter og {summary.meetings} mødereferater som tekstkilder, "
            f"{summary.selections} kodede passager, {summary.codes} koder, {summary.cases} steder som cases "
            f"({summary.degree_note}), {summary.users} kodere."
        )
