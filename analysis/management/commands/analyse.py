"""`drivkraft analyse [--programme MG|RP|all] [--json] [--statements]`."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from analysis.computations.serialize import analysis_json
from analysis.services import analyse
from registry.models import Programme


class Command(BaseCommand):
    help = _("Analysér implementeringen på tværs af steder (drivere, matrix, målrettethed, faser ...).")

    def add_arguments(self, parser):
        parser.add_argument("--programme", default="all", help=_("Programkode (MG, RP) eller all."))
        parser.add_argument("--json", action="store_true", help=_("Udskriv hele analysen som JSON."))
        parser.add_argument(
            "--statements", action="store_true", help=_("Tag udsagnenes tekst med i matrixcellerne (JSON).")
        )

    def handle(self, *args, **options):
        programme = options["programme"]
        if programme != "all" and not Programme.objects.filter(code=programme).exists():
            known = ", ".join(Programme.objects.values_list("code", flat=True)) or _("ingen")
            raise CommandError(
                _("Ukendt program %(programme)s (kendte: %(known)s, eller all).")
                % {"programme": programme, "known": known}
            )
        result = analyse(programme)
        if options["json"]:
            self.stdout.write(
                json.dumps(analysis_json(result, options["statements"]), ensure_ascii=False, indent=1)
            )
            return
        self.stdout.write(
            _("Analyse af %(programme)s: %(sites)d steder")
            % {"programme": programme, "sites": len(result.sites)}
        )
        counts = result.degree_counts
        self.stdout.write(
            _("Målrettethed: høj %(high)d, nogen %(some)d, lav %(low)d, uklassificeret %(unclassified)d")
            % counts
        )
        for site in result.sites:
            classification = site.classification
            flag = _(" (tilsidesat)") if classification.override else ""
            if classification.provisional:
                flag += _(" (foreløbig: %(reasons)s)") % {
                    "reasons": "; ".join(classification.provisional_reasons)
                }
            self.stdout.write(
                f"  {site.code:10} {site.programme:4} {site.degree or '-':5}{flag} "
                + _("score=%(score)s tilbagefald=%(relapses)d punkter=%(points)d mangler=%(missing)s")
                % {
                    "score": classification.score,
                    "relapses": site.relapses,
                    "points": len(site.attention_points),
                    "missing": ",".join(classification.missing_evidence) or "-",
                }
            )
        for figure in result.programmes.programmes:
            if figure.few_sites:
                self.stdout.write(self.style.WARNING(figure.notice))
