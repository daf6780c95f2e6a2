"""`drivkraft summary [--json]`: what the database holds."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from pages.selectors import database_summary


class Command(BaseCommand):
    help = _("Viser, hvad databasen indeholder (antal steder, besøg, rapporter, fremmere og hæmmere …).")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help=_("Skriv tallene som JSON."))

    def handle(self, *args, as_json: bool = False, **options):
        summary = database_summary()
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        rows = [
            (_("Anbringelsessteder"), summary["sites"], summary["sites_by_programme"]),
            (_("heraf fiktive demosteder"), summary["fictional_sites"], None),
            (_("heraf udtrådt"), summary["sites_left"], None),
            (_("Implementeringsrapporter"), summary["reports"], summary["reports_by_programme"]),
            (_("Planlagte besøg (besøgsplaner)"), summary["visits_planned"], None),
            (_("Afholdte besøg"), summary["visits_held"], None),
            (_("Aflyste besøg"), summary["visits_cancelled"], None),
            (_("Besøg endnu ikke afholdt"), summary["visits_not_yet_held"], None),
            (_("Erfaringsopsamlingsmøder"), summary["joint_meetings"], None),
            (_("Fremmere og hæmmere"), summary["factors"], None),
            (_("heraf fremmere"), summary["promoters"], None),
            (_("heraf hæmmere"), summary["inhibitors"], None),
            (_("heraf fra fællesmøder"), summary["factors_from_joint_meetings"], None),
            (_("Prøvehandlinger"), summary["trial_actions"], None),
            (_("heraf fulgt op"), summary["trial_actions_followed_up"], None),
            (_("heraf gennemført"), summary["trial_actions_done"], None),
            (_("Kodede passager"), summary["coded_passages"], None),
        ]
        width = max(len(str(label)) for label, _value, _detail in rows) + 4
        self.stdout.write(_("Drivkraft – indhold i databasen"))
        self.stdout.write("-" * (width + 8))
        for label, value, by_programme in rows:
            label = f"  {label}" if str(label)[:1].islower() else str(label)
            line = f"{label:<{width}}{value:>8}"
            if by_programme:
                line += "   (" + ", ".join(f"{code}: {count}" for code, count in by_programme.items()) + ")"
            self.stdout.write(line)
