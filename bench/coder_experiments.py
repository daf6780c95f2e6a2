"""Experiments on the driver head behind the choices in docs/coder.md, on one core.

    .venv/bin/python bench/coder_experiments.py heads     # head variants on the held-out sets and CV
    .venv/bin/python bench/coder_experiments.py learning  # evaluator weights and a kNN memory, per source

`heads`: driver macro-F1 of the model trained on the codebook and the example sentences, on each
held-out set, their mean, and cross-validated on the training texts (5 folds, the same head
refitted inside each fold): the default (TF-IDF and e5 x 1.5 side by side in one calibrated
linear SVM, C 0.5) against other embedding scales and C, e5 alone with an SVM or a logistic head,
a logistic head on the concatenation, and the default blended with a nearest-centroid or a
7-nearest-neighbour vote over the e5 vectors.

`learning`: driver macro-F1 on held-back sentences of one source after the model learnt 0, 25, 50
and 100 of the others (mean over 5 draws, 2-fold calibration as in the learning curve), for evaluator weights (today's 1 + 2 min(1, n/200),
1 and 5) and for a kNN memory of the coded sentences blended into the probabilities.
The e5 vectors are computed once per run (in memory).
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import random  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from coder import codebook, held_out_sets  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from coding.classifier import embeddings  # noqa: E402
from coding.classifier.examples import example_sentences  # noqa: E402
from coding.classifier.model import CalibratedHead, build_features  # noqa: E402

EMBED = embeddings.default_embedder()
STEPS = (0, 25, 50, 100)
SEEDS = (0, 1, 2, 3, 4)


def macro_f1(truth, guess) -> float:
    return f1_score(truth, guess, average="macro")


def svm(c):
    return lambda: LinearSVC(C=c, class_weight="balanced", tol=1e-2)


def logistic(c):
    return lambda: LogisticRegression(C=c, class_weight="balanced", max_iter=2000)


def neighbour_probabilities(test, memory, labels, classes, kind, k=7, tau=0.05):
    """A softmax over cosine similarity to each code's centroid, or a k-nearest-neighbour vote."""
    if kind == "centroid":
        centroids = np.vstack([memory[labels == c].mean(axis=0) for c in classes])
        scores = test @ (centroids / np.linalg.norm(centroids, axis=1, keepdims=True)).T
        scores = np.exp((scores - scores.max(axis=1, keepdims=True)) / tau)
    else:
        similarity = test @ memory.T
        nearest = np.argsort(-similarity, axis=1)[:, : min(k, len(labels))]
        near = np.take_along_axis(similarity, nearest, axis=1)
        scores = np.column_stack(
            [(np.exp((near - 1) / tau) * (labels[nearest] == c)).sum(axis=1) for c in classes]
        )
    return scores / (scores.sum(axis=1, keepdims=True) + 1e-12)


def fit_predict(
    train,
    weights,
    tests,
    estimator=None,
    mode="concat",
    scale=1.5,
    blend=None,
    alpha=0.0,
    folds=5,
    coded_from=0,
):
    """Fit the driver head on `train`; its predictions for each list of texts in `tests`.

    `blend` ("centroid", "knn" or "memory": a kNN over the coded texts, `train[coded_from:]`) mixes
    neighbour probabilities in with weight `alpha`.
    """
    features = build_features()
    texts = [e.text for e in train]
    ngrams, vectors = features.fit_transform(texts), EMBED(texts)

    def matrix(ngram_block, vector_block):
        if mode == "ngram":
            return ngram_block
        if mode == "e5":
            return vector_block
        return sparse.hstack([ngram_block, sparse.csr_matrix(vector_block * scale)], format="csr")

    labels = np.array([e.driver for e in train])
    head = CalibratedHead(folds=folds, uniform_prior=True)
    head._estimator = estimator or svm(0.5)
    head.fit(matrix(ngrams, vectors), labels, weights)
    memory = np.arange(len(train)) >= (coded_from if blend == "memory" else 0)
    results = []
    for test in tests:
        test_vectors = EMBED(test)
        probabilities = head.predict_proba(matrix(features.transform(test), test_vectors))
        if blend and alpha and memory.any():
            kind = "knn" if blend == "memory" else blend
            near = neighbour_probabilities(test_vectors, vectors[memory], labels[memory], head.classes_, kind)
            probabilities = (1 - alpha) * probabilities + alpha * near
        results.append(head.classes_[probabilities.argmax(axis=1)])
    return results


def heads() -> None:
    parents, described = codebook()
    train = [e for e in [*described, *example_sentences(parents)] if e.driver]
    sets = held_out_sets()
    labels = np.array([e.driver for e in train])
    variants = {
        "concat x1.5, SVM C 0.5 (default)": {},
        "concat x1.0": {"scale": 1.0},
        "concat x2.0": {"scale": 2.0},
        "concat x3.0": {"scale": 3.0},
        "concat x1.5, SVM C 0.25": {"estimator": svm(0.25)},
        "concat x1.5, SVM C 1.0": {"estimator": svm(1.0)},
        "concat x1.5, logistic C 10": {"estimator": logistic(10.0)},
        "ngram, SVM C 0.5": {"mode": "ngram"},
        "e5, SVM C 1": {"mode": "e5", "estimator": svm(1.0)},
        "e5, logistic C 10": {"mode": "e5", "estimator": logistic(10.0)},
        "default + centroid 0.25": {"blend": "centroid", "alpha": 0.25},
        "default + centroid 0.5": {"blend": "centroid", "alpha": 0.5},
        "default + 7-NN 0.25": {"blend": "knn", "alpha": 0.25},
        "default + 7-NN 0.5": {"blend": "knn", "alpha": 0.5},
    }
    print(f"Driver macro-F1, trained on {len(train)} codebook texts and examples")
    print(
        f"{'':<34}" + "".join(f"{f'{k} ({len(v)})':>15}" for k, v in sets.items()) + f"{'mean':>8}{'CV':>8}"
    )
    for name, options in variants.items():
        guesses = fit_predict(train, None, [[e.text for e in rows] for rows in sets.values()], **options)
        cells = [
            macro_f1([e.driver for e in rows], g) for rows, g in zip(sets.values(), guesses, strict=True)
        ]
        out_of_fold = np.empty(len(train), dtype=object)
        folds = StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(train)), labels)
        for fold_train, fold_test in folds:
            rows = [train[i] for i in fold_train]
            out_of_fold[fold_test] = fit_predict(rows, None, [[train[i].text for i in fold_test]], **options)[
                0
            ]
        cv = macro_f1(labels, out_of_fold.astype(str))
        print(
            f"{name:<34}" + "".join(f"{c:>15.3f}" for c in cells) + f"{np.mean(cells):>8.3f}{cv:>8.3f}",
            flush=True,
        )


def learning() -> None:
    parents, described = codebook()
    written = [e for e in [*described, *example_sentences(parents)] if e.driver]
    sets = held_out_sets()
    variants = {
        "weight 1 + 2 min(1, n/200) (today)": (lambda n: 1 + 2 * min(1, n / 200), {}),
        "weight 1": (lambda n: 1.0, {}),
        "weight 5": (lambda n: 5.0, {}),
        "today + kNN memory (5, 0.3)": (lambda n: 1 + 2 * min(1, n / 200), {"blend": "memory", "alpha": 0.3}),
    }
    for source, keys in {"clear": ("clear",), "reports+second": ("reports", "second")}.items():
        print(f"\nDriver macro-F1 on held-back {source} sentences after n coded, mean of {len(SEEDS)} draws")
        print(f"{'':<38}" + "".join(f"{n:>8}" for n in STEPS))
        for name, (weight, options) in variants.items():
            points = {n: [] for n in STEPS}
            for seed in SEEDS:
                coded = [e for key in keys for e in sets[key]]
                random.Random(seed).shuffle(coded)
                held, pool = coded[: len(coded) // 3], coded[len(coded) // 3 :]
                for n in STEPS:
                    train = [*written, *pool[:n]]
                    weights = np.array([1.0] * len(written) + [weight(n)] * n)
                    guess = fit_predict(
                        train, weights, [[e.text for e in held]], folds=2, coded_from=len(written), **options
                    )[0]
                    points[n].append(macro_f1([e.driver for e in held], guess))
            print(f"{name:<38}" + "".join(f"{np.mean(v):>8.3f}" for v in points.values()), flush=True)


if __name__ == "__main__":
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    {"heads": heads, "learning": learning}[sys.argv[1] if len(sys.argv) > 1 else "heads"]()
