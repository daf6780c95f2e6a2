"""`drivkraft suggest`: the coding model's driver, mechanism and valence for texts or a stored report."""

import json

from django.core.management.base import BaseCommand, CommandError

from audit.services import acting_as
from coding.management.commands._coder import active_or_train, read_jsonl_file
from coding.suggestions import report_sentences, suggestions_create_for_report
from coding.tasks import suggestion_job_start
from fieldwork.models import ImplementationReport


class Command(BaseCommand):
    help = (
        "Foreslår driver, mekanisme og valens: --input FIL.jsonl (linjer med id og text) eller "
        "--report ID (rapportens afsnit delt i sætninger). Skriver én JSON-linje pr. tekst."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--input", help='JSONL-fil med linjer {"id": ..., "text": ...}.')
        source.add_argument("--report", type=int, help="Id på en gemt implementeringsrapport.")
        source.add_argument(
            "--all-reports",
            action="store_true",
            help="Gem forslag til alle rapporters sætninger som baggrundsjob (drivkraft worker kører det).",
        )
        parser.add_argument(
            "--save",
            action="store_true",
            help="Med --report: gem forslagene, så de vises i kodningsværktøjet.",
        )

    def handle(self, *args, input: str | None, report: int | None, all_reports: bool, save: bool, **options):
        if all_reports:
            return self._all_reports()
        if input:
            rows = read_jsonl_file(input, required=("id", "text"))
            row, pipeline = active_or_train(self.stderr)
            predictions = pipeline.predict([r["text"] for r in rows])
            for item, prediction in zip(rows, predictions, strict=True):
                self._write({"id": item["id"], **self._codes(prediction)})
            return
        if save:
            self._save(report)
        self._report(report)

    def _codes(self, prediction) -> dict:
        return {
            "driver": prediction.driver,
            "mechanism": prediction.mechanism,
            "valence": prediction.valence,
            "confidence": round(prediction.confidence, 4),
        }

    def _write(self, line: dict) -> None:
        self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _report(self, report_id: int) -> None:

        report = ImplementationReport.objects.filter(pk=report_id).first()
        if report is None:
            raise CommandError(f"Ingen rapport med id {report_id}.")
        sentences = report_sentences(report)
        row, pipeline = active_or_train(self.stderr)
        predictions = pipeline.predict([s.text for s in sentences])
        for sentence, prediction in zip(sentences, predictions, strict=True):
            self._write(
                {
                    "id": f"{sentence.section_id}:{sentence.start}-{sentence.end}",
                    "section": sentence.theme,
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": sentence.text,
                    **self._codes(prediction),
                }
            )

    def _all_reports(self) -> None:
        active_or_train(self.stderr)
        job = suggestion_job_start(user=None, reports=ImplementationReport.objects.order_by("pk"))
        job.refresh_from_db()
        self.stdout.write(
            f"Forslagskørsel {job.pk}: {job.get_status_display()}, {job.done} af {job.total} sætninger."
        )

    def _save(self, report_id: int) -> None:

        report = ImplementationReport.objects.filter(pk=report_id).first()
        if report is None:
            raise CommandError(f"Ingen rapport med id {report_id}.")
        active_or_train(self.stderr)
        with acting_as(None, name="suggest"):
            created = suggestions_create_for_report(report=report)
        self.stderr.write(f"{len(created)} nye forslag gemt.")
