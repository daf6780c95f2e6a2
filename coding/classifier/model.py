"""The scikit-learn coding model: shared Danish n-gram features, one calibrated linear head per code kind.

Pure (no Django): plain `Example`s in, a fitted `CoderPipeline` out; `predict` gives one
`Prediction` per text. The mechanism is chosen among the mechanisms of the predicted driver, so the
two never contradict each other.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from coding.classifier.text import char_text, word_features

HEADS = ("driver", "mechanism", "valence")
# How many examples each driver and mechanism has says how many were written or coded, not how often
# it occurs, so these heads decide under a uniform prior (as their class-balanced training does);
# valence keeps its prior: promoters and inhibitors really are more common than neutral passages.
UNIFORM_PRIOR_HEADS = ("driver", "mechanism")
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


class CalibratedHead:
    """A linear SVM whose scores are calibrated to probabilities by Platt scaling (one sigmoid per code).

    The sigmoids are fitted on out-of-fold decision values of a stratified k-fold, and the same
    out-of-fold predictions give the head's cross-validated accuracy and macro-F1, so training costs
    k + 1 fits instead of a separate cross-validation on top. (The vocabulary and idf weights are
    fitted on all texts without their labels; the labels never cross the folds.) With
    `uniform_prior` the probabilities are divided by the training frequency of each code.
    """

    def __init__(self, folds: int = 5, seed: int = 0, uniform_prior: bool = False):
        self.folds = folds
        self.seed = seed
        self.uniform_prior = uniform_prior

    @staticmethod
    def _estimator() -> LinearSVC:
        return LinearSVC(C=0.5, class_weight="balanced", tol=1e-2)

    def _decisions(self, estimator: LinearSVC, matrix) -> np.ndarray:
        values = estimator.decision_function(matrix)
        return np.column_stack([-values, values]) if values.ndim == 1 else values

    def fit(self, matrix, labels: list[str], progress=None) -> "CalibratedHead":
        labels = np.asarray(labels)
        self.classes_ = np.unique(labels)
        counts = Counter(labels.tolist())
        self.priors_ = np.array([counts[code] for code in self.classes_], dtype=float) / len(labels)
        rarest = min(Counter(labels.tolist()).values())
        folds = max(2, min(self.folds, rarest))
        out_of_fold = np.zeros((len(labels), len(self.classes_)))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        for train, test in splitter.split(np.zeros(len(labels)), labels):
            estimator = self._estimator().fit(matrix[train], labels[train])
            out_of_fold[test] = self._decisions(estimator, matrix[test])
            if progress:
                progress()
        self.sigmoids = []
        for index, code in enumerate(self.classes_):
            platt = LogisticRegression(C=1e4).fit(out_of_fold[:, [index]], labels == code)
            self.sigmoids.append((float(platt.coef_[0, 0]), float(platt.intercept_[0])))
        predicted = self.classes_[out_of_fold.argmax(axis=1)]
        self.scores = {
            "accuracy": round(float(accuracy_score(labels, predicted)), 4),
            "macro_f1": round(float(f1_score(labels, predicted, average="macro")), 4),
            "n": int(len(labels)),
            "folds": folds,
        }
        self.estimator = self._estimator().fit(matrix, labels)
        if progress:
            progress()
        return self

    def predict_proba(self, matrix) -> np.ndarray:
        decisions = self._decisions(self.estimator, matrix)
        slopes = np.array([a for a, _ in self.sigmoids])
        intercepts = np.array([b for _, b in self.sigmoids])
        probabilities = 1.0 / (1.0 + np.exp(-(decisions * slopes + intercepts)))
        if self.uniform_prior:
            probabilities = probabilities / self.priors_
        totals = probabilities.sum(axis=1, keepdims=True)
        totals[totals == 0] = 1.0
        return probabilities / totals


def _trainable(examples: list[Example], head: str) -> list[int]:
    """Indices of examples labelled for `head` whose label has at least two examples."""
    counts = Counter(e.label(head) for e in examples if e.label(head))
    return [i for i, e in enumerate(examples) if e.label(head) and counts[e.label(head)] >= 2]


class CoderPipeline:
    """Features fitted once, three heads on top; picklable with joblib."""

    def __init__(self, mechanism_parent: dict[str, str], folds: int = 5):
        self.mechanism_parent = dict(mechanism_parent)
        self.folds = folds
        self.features = build_features()
        self.heads: dict[str, CalibratedHead] = {}

    @property
    def scores(self) -> dict:
        """Cross-validated accuracy and macro-F1 per head (out-of-fold, see CalibratedHead)."""
        return {head: dict(classifier.scores) for head, classifier in self.heads.items()}

    def fit(self, examples: list[Example], progress=None) -> "CoderPipeline":
        """Fit features and heads; `progress(step, fraction)` follows the k + 1 fits of each head."""
        trainable = {head: _trainable(examples, head) for head in HEADS}
        for head, rows in trainable.items():
            if len({examples[i].label(head) for i in rows}) < 2:
                raise ValueError(f"Too few coded examples to train the {head} head: need two codes.")
        steps = 1 + len(HEADS) * (self.folds + 1)
        done = 0

        def step(name: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(name, min(done / steps, 1.0))

        matrix = self.features.fit_transform([e.text for e in examples])
        _drop_stop_words_attribute(self.features)
        step("features")
        for head, rows in trainable.items():
            labels = [examples[i].label(head) for i in rows]
            self.heads[head] = CalibratedHead(
                folds=self.folds, uniform_prior=head in UNIFORM_PRIOR_HEADS
            ).fit(matrix[rows], labels, progress=lambda head=head: step(head))
        if progress:
            progress("done", 1.0)
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
