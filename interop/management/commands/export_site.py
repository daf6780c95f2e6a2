from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.services import acting_as
from interop.site_data import SiteNotFound, export_site


class Command(BaseCommand):
    help = "Eksportér alt om ét sted: JSON med data og revisionsspor plus dets dokumenter (ZIP)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="stedets kortkode")
        parser.add_argument("--out", required=True, help="ZIP-fil, der skrives")

    def handle(self, *args, code, out, **options):
        try:
            with acting_as(None, name="cli:export-site"):
                documents = export_site(code, Path(out))
        except SiteNotFound as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Skrev {out}: site.json og {documents} dokumenter.")
