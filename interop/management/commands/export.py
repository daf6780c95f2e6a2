import json

from django.core.management.base import BaseCommand

from interop.jsonio.exporter import export_dataset


class Command(BaseCommand):
    help = "Eksportér hele datasættet som ét JSON-dokument (docs/json-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="JSON-fil, der skrives")

    def handle(self, *args, out, **options):
        data = export_dataset()
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
        self.stdout.write(
            f"Skrev {out}: {len(data['sites'])} steder, {len(data['joint_meetings'])} fællesmøder, "
            f"{len(data['coded_passages'])} kodede passager."
        )
