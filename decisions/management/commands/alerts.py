"""`drivkraft alerts [--site CODE]`: the alerts of the rule table for each site, as on its dashboard."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from decisions import presentation, selectors
from registry.models import Site


class Command(BaseCommand):
    help = _("Viser advarslerne fra advarselstabellen for hvert sted (eller ét sted med --site).")

    def add_arguments(self, parser):
        parser.add_argument("--site", help=_("Stedets kortkode."))
        parser.add_argument("--evidence", action="store_true", help=_("Vis også dataene bag hver advarsel."))

    def handle(self, *args, site: str | None, evidence: bool, **options):
        sites = Site.objects.order_by("code")
        if site:
            sites = sites.filter(code=site)
            if not sites.exists():
                raise CommandError(_("Intet sted med kortkoden %(code)s.") % {"code": site})
        rules = selectors.enabled_rules()
        drivers = {code.key: presentation.code_label(code) for code in selectors.drivers()}
        lines = []
        for row in tqdm(list(sites), desc=_("Steder"), unit=_("sted"), disable=len(sites) < 2):
            alerts = selectors.site_alerts(selectors.site_history(row), rules)
            lines.append(f"{row.code} {row.name}: {len(alerts)}")
            for alert in alerts:
                lines.append(
                    f"  [{alert.rule.get_severity_display()}] {alert.title} (→ {alert.rule.attention_point.number})"
                )
                if evidence:
                    lines.extend(f"      {presentation.describe(item, drivers)}" for item in alert.evidence)
        self.stdout.write("\n".join(lines))
