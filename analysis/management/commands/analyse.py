"""`drivkraft analyse [--programme MG|RP|all] [--json] [--statements]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from analysis.computations.serialize import analysis_json
from analysis.services import analyse
from registry.models import Programme


class Command(BaseCommand):
    help = "Analysér implementeringen på tværs af steder (drivere, matrix, målrettethed, faser ...)."

    def add_arguments(self, parser):
        parser.add_argument("--programme", default="all", help="Programkode (MG, RP) eller all.")
        parser.add_argument("--json", action="store_true", help="Udskriv hele analysen som JSON.")
        parser.add_argument(
            "--statements", action="store_true", help="Tag udsagnenes tekst med i matrixcellerne (JSON)."
        )

    def handle(self, *args, **options):
        programme = options["programme"]
        if programme != "all" and not Programme.objects.filter(code=programme).exists():
            known = ", ".join(Programme.objects.values_list("code", flat=True)) or "ingen"
            raise CommandError(f"Ukendt program {programme!r} (kendte: {known}, eller all).")
        result = analyse(programme)
        if options["json"]:
            self.stdout.write(
                json.dumps(analysis_json(result, options["statements"]), ensure_ascii=False, indent=1)
            )
            return
        self.stdout.write(f"Analyse af {programme}: {len(result.sites)} steder")
        counts = result.degree_counts
        self.stdout.write(
            f"Målrettethed: høj {counts['high']}, nogen {counts['some']}, lav {counts['low']}, "
            f"uklassificeret {counts['unclassified']}"
        )
        for site in result.sites:
            c = site.classification
            flag = " (tilsidesat)" if c.override else ""
            self.stdout.write(
                f"  {site.code:10} {site.programme:4} {site.degree or '-':5}{flag} score={c.score} "
                f"tilbagefald={site.relapses} punkter={len(site.attention_points)} mangler={','.join(c.missing_evidence)}"
            )
        for figure in result.programmes.programmes:
            if figure.few_sites:
                self.stdout.write(self.style.WARNING(figure.notice))
