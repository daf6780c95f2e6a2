"""`drivkraft agreement`: Krippendorff's alpha, percent agreement and Cohen's kappa as JSON."""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.agreement import ConflictingCodes, agreement_summary, reliability_data
from coding.models import CodingRound
from coding.rounds import round_agreement

COLUMNS = ("unit", "coder", "code")


class Command(BaseCommand):
    help = (
        "Enighed mellem kodere: --input FIL.csv (kolonnerne unit,coder,code; en manglende række er en "
        "manglende værdi) eller --round NAVN (en kodningsrunde i databasen, modellen med som koder)."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--input", help="CSV-fil med kolonnerne unit,coder,code.")
        source.add_argument("--round", dest="round_name", help="Navnet på en kodningsrunde.")

    def handle(self, *args, input: str | None, round_name: str | None, **options):
        result = self._from_csv(input) if input else self._from_round(round_name)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _from_csv(self, path: str) -> dict:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Filen {path} findes ikke.")
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise CommandError(
                    f"{path}: mangler kolonnerne {', '.join(missing)} (fandt: {', '.join(header)})."
                )
            rows = []
            for number, row in enumerate(reader, 2):
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
                if not row["unit"] or not row["coder"]:
                    raise CommandError(f"{path} linje {number}: unit og coder skal udfyldes.")
                rows.append((row["unit"], row["coder"], row["code"]))
        try:
            return agreement_summary(reliability_data(rows))
        except ConflictingCodes as exc:
            raise CommandError(str(exc)) from exc

    def _from_round(self, name: str) -> dict:

        coding_round = CodingRound.objects.filter(name=name).first()
        if coding_round is None:
            raise CommandError(f"Ingen kodningsrunde hedder {name!r}.")
        return {"round": coding_round.name, "versions": round_agreement(coding_round)}
