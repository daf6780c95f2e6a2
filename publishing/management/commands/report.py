"""`drivkraft report`: the evaluation report (--programme) or a site's status report (--site)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from publishing import renderers
from publishing.services import AUDIENCES, LANGUAGES, evaluation_document, status_document, write_report
from registry.models import Site


class Command(BaseCommand):
    help = (
        "Skriv evalueringsrapporten (--programme MG|RP|all) eller et steds statusrapport (--site KODE) "
        "som html, docx, pdf, csv og/eller xlsx."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--programme", help="Programkode (MG, RP) eller 'all'.")
        target.add_argument("--site", help="Stedets kortkode: statusrapport til teamet.")
        parser.add_argument(
            "--format", default="html,docx,pdf", help="Kommasepareret: html,docx,pdf,csv,xlsx."
        )
        parser.add_argument("--lang", default="da", choices=LANGUAGES)
        parser.add_argument(
            "--audience",
            default="full",
            choices=AUDIENCES,
            help="'aggregate': kun samlede tal, uden fritekst og uden tal pr. sted (til programudbydere).",
        )
        parser.add_argument("--out", default=str(Path(settings.DRIVKRAFT_VAR_DIR) / "reports"))

    def handle(self, *args, **options):
        formats = [f.strip().lower() for f in options["format"].split(",") if f.strip()]
        unknown = [f for f in formats if f not in renderers.formats()]
        if unknown or not formats:
            raise CommandError(
                f"Ukendt format: {', '.join(unknown) or '(intet)'}. Vælg blandt {', '.join(renderers.formats())}."
            )
        out = Path(options["out"])
        if options["site"]:
            try:
                document = status_document(options["site"], language=options["lang"])
            except Site.DoesNotExist as exc:
                raise CommandError(f"Intet sted med koden {options['site']}.") from exc
        else:
            try:
                document = evaluation_document(
                    options["programme"], language=options["lang"], audience=options["audience"]
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        written = []
        for name in tqdm(formats, desc="Rapport", unit="format", disable=options["verbosity"] < 1):
            written.extend(write_report(document, [name], out))
        for path in written:
            self.stdout.write(str(path))
