"""The scikit-learn coding model: shared Danish n-gram features, one calibrated linear head per code kind.

Pure (no Django): plain `Example`s in, a fitted `CoderPipeline` out; `predict` gives one
`Prediction` per text. The mechanism is chosen among the mechanisms of the predicted driver, so the
two never contradict each other.
"""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from coding.classifier.text import char_text, word_features

HEADS = ("driver", "mechanism", "valence")
MAX_WORD_FEATURES = 40_000
MAX_CHAR_FEATURES = 60_000


@dataclass(frozen=True)
class Example:
    """A coded text: any of its labels may be missing (then it does not train that head)."""

    text: str
    driver: str | None = None
    mechanism: str | None = None
    valence: str | None = None
    source: str = ""

    def label(self, head: str) -> str | None:
        return getattr(self, head)


@dataclass(frozen=True)
class Prediction:
    driver: str
    mechanism: str | None
    valence: str
    confidence: float
    probabilities: dict[str, dict[str, float]] = field(default_factory=dict)


def build_features() -> FeatureUnion:
    """Stemmed words and bigrams with negation marks, and character 2-5-grams within words."""
    return FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    analyzer=word_features,
                    sublinear_tf=True,
                    max_features=MAX_WORD_FEATURES,
                    dtype=np.float32,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    preprocessor=char_text,
                    ngram_range=(2, 5),
                    sublinear_tf=True,
                    min_df=1,
                    max_features=MAX_CHAR_FEATURES,
                    dtype=np.float32,
                ),
            ),
        ]
    )


def _drop_stop_words_attribute(features: FeatureUnion) -> None:
    """TfidfVectorizer keeps every term cut by max_features in `stop_words_`; not needed to predict."""
    for _, vectorizer in features.transformer_list:
        if hasattr(vectorizer, "stop_words_"):
            del vectorizer.stop_words_


def _head_classifier(labels: list[str]):
    """A linear SVM calibrated to probabilities (Platt scaling), folds limited by the rarest class."""
    rarest = min(Counter(labels).values())
    folds = max(2, min(3, rarest))
    return CalibratedClassifierCV(
        LinearSVC(C=0.5, class_weight="balanced"), method="sigmoid", cv=folds, ensemble=False
    )


def _trainable(examples: list[Example], head: str) -> list[int]:
    """Indices of examples labelled for `head` whose label has at least two examples."""
    counts = Counter(e.label(head) for e in examples if e.label(head))
    return [i for i, e in enumerate(examples) if e.label(head) and counts[e.label(head)] >= 2]


class CoderPipeline:
    """Features fitted once, three heads on top; picklable with joblib."""

    def __init__(self, mechanism_parent: dict[str, str]):
        self.mechanism_parent = dict(mechanism_parent)
        self.features = build_features()
        self.heads: dict[str, object] = {}

    def fit(self, examples: list[Example], progress=None) -> "CoderPipeline":
        trainable = {head: _trainable(examples, head) for head in HEADS}
        for head, rows in trainable.items():
            if len({examples[i].label(head) for i in rows}) < 2:
                raise ValueError(f"Too few coded examples to train the {head} head: need two codes.")
        matrix = self.features.fit_transform([e.text for e in examples])
        _drop_stop_words_attribute(self.features)
        for head, rows in trainable.items():
            labels = [examples[i].label(head) for i in rows]
            classifier = _head_classifier(labels)
            classifier.fit(matrix[rows], labels)
            self.heads[head] = classifier
            if progress:
                progress(head)
        return self

    def _probabilities(self, matrix) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return {head: (clf.classes_, clf.predict_proba(matrix)) for head, clf in self.heads.items()}

    def predict(self, texts: list[str]) -> list[Prediction]:
        if not texts:
            return []
        matrix = self.features.transform(texts)
        probs = self._probabilities(matrix)
        driver_classes, driver_p = probs["driver"]
        mech_classes, mech_p = probs["mechanism"]
        valence_classes, valence_p = probs["valence"]
        mech_driver = np.array([self.mechanism_parent.get(m, "") for m in mech_classes])
        predictions = []
        driver_best = driver_p.argmax(axis=1)
        valence_best = valence_p.argmax(axis=1)
        for row in range(len(texts)):
            driver = driver_classes[driver_best[row]]
            allowed = mech_driver == driver
            mechanism = None
            if allowed.any():
                masked = np.where(allowed, mech_p[row], -1.0)
                mechanism = str(mech_classes[int(masked.argmax())])
            predictions.append(
                Prediction(
                    driver=str(driver),
                    mechanism=mechanism,
                    valence=str(valence_classes[valence_best[row]]),
                    confidence=float(driver_p[row, driver_best[row]]),
                )
            )
        return predictions

    def probabilities(self, text: str) -> dict[str, dict[str, float]]:
        """Every head's probability per code for one text (shown beside a suggestion)."""
        probs = self._probabilities(self.features.transform([text]))
        return {
            head: {str(c): round(float(p), 4) for c, p in zip(classes, values[0], strict=True)}
            for head, (classes, values) in probs.items()
        }


def _strata(examples: list[Example], folds: int) -> list[str]:
    """Stratify by driver; examples without one (or of a driver too rare to split) join the commonest."""
    drivers = [e.driver or "" for e in examples]
    counts = Counter(d for d in drivers if d)
    commonest = counts.most_common(1)[0][0] if counts else ""
    return [d if d and counts[d] >= folds else commonest for d in drivers]


def effective_folds(examples: list[Example], folds: int) -> int:
    """The folds actually used: no more than the rarest stratum allows, at least two."""
    return max(2, min(folds, min(Counter(_strata(examples, folds)).values())))


def cross_validate(
    examples: list[Example], mechanism_parent: dict[str, str], folds: int = 5, seed: int = 0, progress=None
) -> dict:
    """Stratified k-fold (by driver) accuracy and macro-F1 per head; features refitted in every fold."""
    strata = _strata(examples, folds)
    folds = effective_folds(examples, folds)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    truth: dict[str, list[str]] = {head: [] for head in HEADS}
    guess: dict[str, list[str]] = {head: [] for head in HEADS}
    for train_idx, test_idx in splitter.split(np.zeros(len(examples)), strata):
        model = CoderPipeline(mechanism_parent).fit([examples[i] for i in train_idx])
        test = [examples[i] for i in test_idx]
        for example, prediction in zip(test, model.predict([e.text for e in test]), strict=True):
            for head in HEADS:
                if example.label(head):
                    truth[head].append(example.label(head))
                    guess[head].append(getattr(prediction, head) or "")
        if progress:
            progress("fold")
    scores: dict = {"folds": folds}
    for head in HEADS:
        if not truth[head]:
            continue
        scores[head] = {
            "accuracy": round(float(accuracy_score(truth[head], guess[head])), 4),
            "macro_f1": round(
                float(f1_score(truth[head], guess[head], average="macro", labels=sorted(set(truth[head])))), 4
            ),
            "n": len(truth[head]),
        }
    return scores
