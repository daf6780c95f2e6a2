"""`drivkraft make-report-template --out FILE.docx`: the Word template for implementation reports."""

from pathlib import Path

from django.core.management.base import BaseCommand

from interop.docx_import.template import build_template

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "implementation-report-template.docx"


class Command(BaseCommand):
    help = "Skriver Word-skabelonen til implementeringsrapporter, som import-docx kan læse."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=DEFAULT, help=f"Standard: {DEFAULT}")

    def handle(self, *args, out: Path, **options):
        self.stdout.write(f"Skrev skabelonen {build_template(out)}")
