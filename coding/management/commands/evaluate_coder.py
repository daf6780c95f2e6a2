"""`drivkraft evaluate-coder`: the active coding model against labelled texts."""

import json

from django.core.management.base import BaseCommand

from coding.classifier.examples import labelled_rows
from coding.classifier.keywords import keyword_driver
from coding.classifier.metrics import head_scores
from coding.classifier.model import HEADS
from coding.management.commands._coder import active_or_train, read_jsonl_file


class Command(BaseCommand):
    help = (
        "Måler kodningsmodellen på en JSONL-fil med text og den sande driver (evt. mechanism og valence): "
        "accuracy, macro-F1, Cohens kappa og forvekslingsmatrix pr. hoved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--input", required=True, help="JSONL-fil med text, driver[, mechanism, valence]."
        )
        parser.add_argument(
            "--split-sentences",
            action="store_true",
            help="Del hver tekst i sætninger, der arver tekstens koder (fx hele rapportafsnit).",
        )
        parser.add_argument("--json", dest="as_json", action="store_true", help="Skriv resultatet som JSON.")

    def handle(self, *args, input: str, split_sentences: bool, as_json: bool, **options):
        rows = read_jsonl_file(input, required=("text", "driver"))
        examples = labelled_rows(rows, split=split_sentences)
        row, pipeline = active_or_train(self.stderr)
        predictions = pipeline.predict([e.text for e in examples])
        results = {"model": row.version, "n": len(examples), "heads": {}}
        for head in HEADS:
            pairs = [
                (e.label(head), getattr(p, head) or "") for e, p in zip(examples, predictions, strict=True)
            ]
            pairs = [(truth, guess) for truth, guess in pairs if truth]
            if pairs:
                results["heads"][head] = head_scores(head, [t for t, _ in pairs], [g for _, g in pairs])
        baseline = head_scores(
            "driver", [e.driver for e in examples], [keyword_driver(e.text) for e in examples]
        )
        if as_json:
            payload = {**results, "heads": {h: s.as_dict() for h, s in results["heads"].items()}}
            payload["keyword_baseline"] = {"driver": baseline.as_dict()}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"Model {row.version} på {len(examples)} tekster fra {input}")
        for head, scores in results["heads"].items():
            self.stdout.write(
                f"\n{head} (n={scores.n}): accuracy {scores.accuracy:.3f}, macro-F1 {scores.macro_f1:.3f}, "
                f"Cohens kappa {scores.kappa:.3f}"
            )
            self.stdout.write(scores.table())
        self.stdout.write(
            f"\nNøgleordsliste (driver): accuracy {baseline.accuracy:.3f}, macro-F1 {baseline.macro_f1:.3f}, "
            f"Cohens kappa {baseline.kappa:.3f}"
        )
