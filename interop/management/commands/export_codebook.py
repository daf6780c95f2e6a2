"""`drivkraft export-codebook --out FILE.qdc`: the codebook for NVivo, MAXQDA, ATLAS.ti, QualCoder …"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interop.qdpx.codebook import export_codebook


class Command(BaseCommand):
    help = "Eksporterer kodebogen som REFI-QDA-kodebog (.qdc) med samme koder og GUID'er som i .qdpx."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="Filen der skrives, fx var/kodebog.qdc")

    def handle(self, *args, out: Path, **options):
        if out.suffix.lower() != ".qdc":
            raise CommandError("Filen skal hedde noget med .qdc.")
        count = export_codebook(out)
        self.stdout.write(f"Skrev {out}: {count} koder.")
