from django.core.management.base import BaseCommand, CommandError

from audit.services import acting_as
from interop.site_data import SiteNotFound, erase_site


class Command(BaseCommand):
    help = (
        "Slet et steds personoplysninger og fritekst (rapporter, udsagn, navne, memoer, kodede passager). "
        "Anonyme tal til analyserne bevares. Kræver --confirm."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="stedets kortkode")
        parser.add_argument("--confirm", action="store_true", help="bekræft sletningen")

    def handle(self, *args, code, confirm, **options):
        if not confirm:
            raise CommandError(
                f"Sletning af {code} kan ikke fortrydes. Tag evt. først `drivkraft export-site {code} --out FIL`, "
                "og kør igen med --confirm."
            )
        try:
            with acting_as(None, name="cli:erase-site"):
                report = erase_site(code)
        except SiteNotFound as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{report.code}: {report.texts_cleared} tekster ryddet, {report.rows_deleted} rækker slettet, "
            f"{report.audit_entries_redacted} revisionsposter redigeret. Sletningen er registreret i revisionsloggen."
        )
