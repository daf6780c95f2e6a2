"""`drivkraft evaluate-coder`: the coding model against labelled texts, its learning curve, across sources."""

import json
from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from coding.classifier import store
from coding.classifier.curve import learning_curve, valence_figures
from coding.classifier.examples import example_sentences, labelled_rows
from coding.classifier.keywords import keyword_driver
from coding.classifier.metrics import head_scores
from coding.classifier.model import HEADS, CoderPipeline
from coding.management.commands._coder import active_or_train, read_jsonl_file

CURVE_COLUMNS = ("coded", "driver", "mechanism", "valence", "valence_accuracy", "inhibitor_recall")


class Command(BaseCommand):
    help = (
        "Måler kodningsmodellen på en JSONL-fil med text og den sande driver (evt. mechanism og valence): "
        "accuracy, macro-F1, Cohens kappa og forvekslingsmatrix pr. hoved. --learning-curve viser "
        "læringskurven på evaluatorernes kodninger; --cross-source træner på eksempelsætningerne og tester "
        "på databasens kodninger og omvendt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", help="JSONL-fil med text, driver[, mechanism, valence].")
        parser.add_argument(
            "--split-sentences",
            action="store_true",
            help="Del hver tekst i sætninger, der arver tekstens koder (fx hele rapportafsnit).",
        )
        parser.add_argument(
            "--learning-curve",
            action="store_true",
            help="Macro-F1 på tilbageholdte kodninger efter 0, 25, 50, 100 og 200 kodninger "
            "(databasens kodninger, eller --input-filens linjer i deres rækkefølge).",
        )
        parser.add_argument(
            "--repeats",
            type=int,
            default=1,
            help="Med --learning-curve: gennemsnit over så mange tilfældige tilbageholdte udsnit.",
        )
        parser.add_argument(
            "--cross-source",
            action="store_true",
            help="Træn på eksempelsætningerne og test på databasens kodede passager og udsagn, og omvendt.",
        )
        parser.add_argument(
            "--features",
            choices=("ngram", "e5", "concat", "stack"),
            help="Med --learning-curve/--cross-source: hvad modellen ser (standard: som train-coder).",
        )
        parser.add_argument("--json", dest="as_json", action="store_true", help="Skriv resultatet som JSON.")

    def handle(
        self,
        *args,
        input,
        split_sentences,
        learning_curve,
        repeats,
        cross_source,
        features,
        as_json,
        **options,
    ):
        if learning_curve:
            return self._curve(input, split_sentences, features, as_json, repeats)
        if cross_source:
            return self._cross_source(features, as_json)
        if not input:
            raise CommandError("Angiv --input FIL.jsonl, --learning-curve eller --cross-source.")
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
        valence = valence_figures([e.valence for e in examples], [p.valence for p in predictions])
        baseline = head_scores(
            "driver", [e.driver for e in examples], [keyword_driver(e.text) for e in examples]
        )
        if as_json:
            payload = {**results, "heads": {h: s.as_dict() for h, s in results["heads"].items()}}
            payload["keyword_baseline"] = {"driver": baseline.as_dict()}
            payload.update(valence)
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"Model {row.version} på {len(examples)} tekster fra {input}")
        for head, scores in results["heads"].items():
            self.stdout.write(
                f"\n{head} (n={scores.n}): accuracy {scores.accuracy:.3f}, macro-F1 {scores.macro_f1:.3f}, "
                f"Cohens kappa {scores.kappa:.3f}"
            )
            self.stdout.write(scores.table())
        if valence["valence_accuracy"] is not None:
            recall = valence["inhibitor_recall"]
            self.stdout.write(
                f"\nValens: accuracy {valence['valence_accuracy']:.3f}, hæmmere fundet (recall) "
                + ("–" if recall is None else f"{recall:.3f}")
            )
        self.stdout.write(
            f"\nNøgleordsliste (driver): accuracy {baseline.accuracy:.3f}, macro-F1 {baseline.macro_f1:.3f}, "
            f"Cohens kappa {baseline.kappa:.3f}"
        )

    def _curve(self, input, split_sentences, features, as_json, repeats=1) -> None:
        parents = store.mechanism_parents()
        written = [*store.codebook_examples(), *example_sentences(parents)]
        if input:
            rows = read_jsonl_file(input, required=("text", "driver"))
            coded = [replace(e, source="db") for e in labelled_rows(rows, split_sentences)]
        else:
            coded = store.coded_examples()
        points = learning_curve(
            written, coded, parents, features=features, embedder=store.database_embedder(), repeats=repeats
        )
        if not points:
            raise CommandError("For få kodninger til en læringskurve: der skal mindst 30 til.")
        if as_json:
            self.stdout.write(json.dumps({"learning_curve": points}, ensure_ascii=False))
            return
        self.stdout.write(
            f"Læringskurve: macro-F1 på {points[0]['held_back']} tilbageholdte kodninger "
            f"(af {len(coded)}; gennemsnit over {points[0]['repeats']} udsnit), efter så mange kodninger lært:"
        )
        self.stdout.write("  " + " ".join(f"{c:>16}" for c in CURVE_COLUMNS))
        for point in points:
            self.stdout.write("  " + " ".join(_cell(point[c]) for c in CURVE_COLUMNS))

    def _cross_source(self, features, as_json) -> None:
        parents = store.mechanism_parents()
        written = [*store.codebook_examples(), *example_sentences(parents)]
        coded = [e for e in store.coded_examples() if e.driver]
        if len(coded) < 30:
            raise CommandError("For få kodninger i databasen til en krydstest: der skal mindst 30 til.")
        embedder = store.database_embedder()
        results = {}
        for name, train, test in (
            ("examples_to_database", written, coded),
            ("database_to_examples", coded, [e for e in written if e.source == "example"]),
        ):
            model = CoderPipeline(parents, folds=2, features=features, embedder=embedder).fit(train)
            predictions = model.predict([e.text for e in test])
            figures = {"train": len(train), "test": len(test)}
            for head in HEADS:
                pairs = [
                    (e.label(head), getattr(p, head) or "") for e, p in zip(test, predictions, strict=True)
                ]
                pairs = [(t, g) for t, g in pairs if t]
                if pairs:
                    figures[head] = head_scores(head, [t for t, _ in pairs], [g for _, g in pairs]).macro_f1
            figures.update(valence_figures([e.valence for e in test], [p.valence for p in predictions]))
            results[name] = figures
        if as_json:
            self.stdout.write(json.dumps({"cross_source": results}, ensure_ascii=False))
            return
        labels = {
            "examples_to_database": "trænet på eksempelsætningerne, testet på databasens kodninger",
            "database_to_examples": "trænet på databasens kodninger, testet på eksempelsætningerne",
        }
        for name, figures in results.items():
            self.stdout.write(
                f"{labels[name]} ({figures['train']} → {figures['test']}): "
                + ", ".join(f"{k} {_cell(figures.get(k)).strip()}" for k in CURVE_COLUMNS[1:])
            )


def _cell(value) -> str:
    if value is None:
        return f"{'–':>16}"
    return f"{value:>16.3f}" if isinstance(value, float) else f"{value:>16}"
