"""`drivkraft import-docx PATH… [--dry-run]`: implementation reports written in Word."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from audit.services import acting_as
from interop.docx_import.importing import IMPORTED, REFUSED, SKIPPED, docx_files, import_file


class Command(BaseCommand):
    help = (
        "Indlæser implementeringsrapporter skrevet i Word (filer eller mapper). Hver fil indlæses helt eller "
        "slet ikke; til sidst en tabel over importerede, oversprungne og afviste filer med årsagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Vis hvad der ville ske, og gem intet.")
        parser.add_argument("--author", help="Brugernavnet der står som rapporternes forfatter.")
        parser.add_argument(
            "--unplaced-to-introduction",
            action="store_true",
            help="Læg overskrifter der ikke svarer til et tema, og deres tekst, i indledningen i stedet for "
            "at afvise filen.",
        )

    def handle(
        self,
        *args,
        paths: list[Path],
        dry_run: bool,
        author: str | None,
        unplaced_to_introduction: bool,
        **options,
    ):
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError("Findes ikke: " + ", ".join(missing))
        user = None
        if author:
            user = get_user_model().objects.filter(username=author).first()
            if user is None:
                raise CommandError(f"Ingen bruger med brugernavnet {author!r}.")
        files = docx_files(paths)
        if not files:
            raise CommandError("Ingen .docx-filer fundet.")
        results = []
        with acting_as(user, name="import-docx"):
            for path in tqdm(files, desc="Word-rapporter", unit="fil", disable=len(files) < 5):
                results.append(
                    import_file(
                        path, author=user, dry_run=dry_run, unplaced_to_introduction=unplaced_to_introduction
                    )
                )
        self._table(results, dry_run)
        refused = sum(1 for r in results if r.outcome == REFUSED)
        if refused:
            raise CommandError(f"{refused} af {len(results)} filer blev afvist; se årsagerne ovenfor.")

    def _table(self, results, dry_run: bool) -> None:
        rows = [("Fil", "Resultat", "Sted", "Dato", "Årsag / bemærkning")]
        for r in results:
            rows.append(
                (r.path.name, r.outcome, r.site, r.date, "; ".join(filter(None, [r.reason, *r.notes])))
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
            )
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths) + "  " + "-" * 20)
        counts = {kind: sum(1 for r in results if r.outcome == kind) for kind in (IMPORTED, SKIPPED, REFUSED)}
        prefix = "PRØVEKØRSEL – intet er gemt. " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts[IMPORTED]} importeret, {counts[SKIPPED]} sprunget over, {counts[REFUSED]} afvist."
        )
