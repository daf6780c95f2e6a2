"""Benchmark and held-out evaluation of the coding model, on one core.

    .venv/bin/python bench/coder.py [--passages 1000] [--sentences 2000] [--modes ngram,e5,concat,stack]
                                    [--repeats 5] [--sections 1,2,3,4] [--curve-sources clear,reports+second]

Prints:
1. held-out driver macro-F1 (coding/data/heldout/, never trained on) of the model trained on the
   codebook and the written example sentences, for each feature mode, beside the keyword list:
   clear sentences, every sentence of report driver sections (context lost), and two sets of
   sentences in the registers of real reports; valence accuracy and inhibitor recall apart;
2. the learning curve: the held-out sentences of one source play the evaluators' codings (in a
   shuffled order), a third held back, the model trained on the examples plus the first 0, 25, 50,
   100, 200 of the rest; the mean and standard deviation over --repeats held-back draws;
3. speed after loading: one stored report (20 sentences) with and without stored vectors; the
   sentences per second of the n-gram features, the e5 embeddings and each head; a bulk run
   over N sentences in chunks (as the background job does) and the time 100,000 would take;
4. training time on N synthetic coded passages (features, 3 heads x (5 folds + final fit)) and the
   size of the stored model file (joblib, compressed).
Targets: one report < 1 s after loading; clear and reports >= 0.85, sections >= 0.65, 0.88 after 100 coded.
Wall times on a shared machine include waiting for the CPU; CPU times are the fairer figure. The
e5 vectors of each text are computed once per run (an in-memory CachedEmbedder, as the database
store does across runs).
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import joblib  # noqa: E402
import numpy as np  # noqa: E402

from coding.classifier import embeddings  # noqa: E402
from coding.classifier.curve import learning_curve, valence_figures  # noqa: E402
from coding.classifier.examples import (  # noqa: E402
    example_sentences,
    heldout_clear,
    heldout_reports,
    heldout_second,
    heldout_sections,
)
from coding.classifier.keywords import keyword_driver  # noqa: E402
from coding.classifier.metrics import head_scores  # noqa: E402
from coding.classifier.model import DEFAULT_FEATURES, CoderPipeline, Example  # noqa: E402


def codebook() -> tuple[dict[str, str], list[Example]]:
    """Mechanism → driver, and the codebook's descriptions as examples (as store.codebook_examples)."""
    entries = json.loads(
        (Path(__file__).resolve().parents[1] / "codebook" / "data" / "codebook.json").read_text(
            encoding="utf-8"
        )
    )
    parents = {m["key"]: m["parent"] for m in entries["mechanism"]}
    examples = []
    for kind, codes in entries.items():
        for code in codes:
            text = f"{code['label_da']}. {code['description_da']}"
            if kind == "driver":
                examples.append(Example(text, driver=code["key"]))
            elif kind == "mechanism":
                examples.append(Example(text, driver=code["parent"], mechanism=code["key"]))
            elif kind == "attention_point":
                examples.append(Example(text, driver=code["parent"]))
            elif kind == "valence":
                examples.append(Example(text, valence=code["key"]))
    return parents, examples


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


SYLLABLES = (
    "ba",
    "ke",
    "lo",
    "mu",
    "ri",
    "sa",
    "te",
    "vi",
    "dan",
    "ster",
    "holm",
    "gård",
    "by",
    "rup",
    "lev",
)


def pseudo_words(count: int, rng: random.Random) -> list[str]:
    """Invented words standing in for the long tail of real text (names, places, rare words)."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def synthetic_passages(examples: list[Example], count: int, seed: int = 1) -> list[Example]:
    """Passages of one to three example sentences of one mechanism, with a few invented words.

    The invented words grow the vocabulary to the feature caps, so file size and training time are
    measured at their upper bound rather than on a small repeated vocabulary.
    """
    rng = random.Random(seed)
    tail = pseudo_words(30_000, rng)
    by_mechanism: dict[str, list[Example]] = {}
    for example in examples:
        by_mechanism.setdefault(example.mechanism, []).append(example)
    mechanisms = sorted(by_mechanism)
    passages = []
    for index in range(count):
        mechanism = mechanisms[index % len(mechanisms)]
        chosen = rng.sample(by_mechanism[mechanism], rng.randint(1, 3))
        text = " ".join(e.text for e in chosen)
        text += " " + " ".join(rng.choice(tail).capitalize() for _ in range(rng.randint(1, 4))) + "."
        if rng.random() < 0.3:
            text = text.lower()
        passages.append(Example(text, chosen[0].driver, mechanism, chosen[0].valence))
    return passages


def held_out_sets() -> dict[str, list[Example]]:
    return {
        "clear": heldout_clear(),
        "sections": heldout_sections(),
        "reports": heldout_reports(),
        "second": heldout_second(),
    }


# The learning curve per source: an evaluator codes sentences of one kind of text and the model is
# judged on the rest of them (the "held-back real sentences after 100 real coded ones").
CURVE_SOURCES = {
    "clear": ("clear",),
    "reports+second": ("reports", "second"),
    "all four mixed": ("clear", "sections", "reports", "second"),
}


def report_held_out(parents, training, embedder, modes) -> None:
    print(f"1. Held-out driver macro-F1 (trained on {len(training)} codebook texts and examples)")
    sets = held_out_sets()
    print(
        "   "
        + f"{'features':<10}"
        + "".join(f"{f'{name} (n={len(rows)})':>20}" for name, rows in sets.items())
        + f"{'valence acc':>13}{'inhib. recall':>15}{'CV driver':>11}"
    )
    keyword_row = "".join(
        f"{head_scores('driver', [e.driver for e in rows], [keyword_driver(e.text) for e in rows]).macro_f1:>20.3f}"
        for rows in sets.values()
    )
    print("   " + f"{'keywords':<10}" + keyword_row)
    for mode in modes:
        pipeline = CoderPipeline(parents, features=mode, embedder=embedder).fit(training)
        cells, truth, guessed = "", [], []
        for rows in sets.values():
            predicted = pipeline.predict([e.text for e in rows])
            cells += f"{head_scores('driver', [e.driver for e in rows], [p.driver for p in predicted]).macro_f1:>20.3f}"
            truth += [e.valence for e in rows if e.valence]
            guessed += [p.valence for e, p in zip(rows, predicted, strict=True) if e.valence]
        valence = valence_figures(truth, guessed)
        print(
            "   "
            + f"{mode:<10}"
            + cells
            + f"{valence['valence_accuracy']:>13.3f}{valence['inhibitor_recall']:>15.3f}"
            + f"{pipeline.scores['driver']['macro_f1']:>11.3f}"
        )


def report_curve(parents, training, embedder, mode, repeats, sources) -> None:
    sets = held_out_sets()
    keys = ("coded", "driver", "mechanism", "valence", "valence_accuracy", "inhibitor_recall")
    for name in sources:
        coded = [replace(e, source="db") for key in CURVE_SOURCES[name] for e in sets[key]]
        random.Random(1).shuffle(coded)
        draws = [
            learning_curve(training, coded, parents, features=mode, embedder=embedder, seed=seed)
            for seed in range(repeats)
        ]
        print(
            f"\n2. Learning curve ({mode}) on {name}: macro-F1 on {draws[0][0]['held_back']} held-back "
            f"sentences of {len(coded)}, mean ± standard deviation over {repeats} draws"
        )
        print(
            "   "
            + "".join(
                f"{c:>18}"
                for c in ("coded", "driver", "mechanism", "valence", "valence acc", "inhib. recall")
            )
        )
        for index, point in enumerate(draws[0]):
            cells = f"{point['coded']:>18}"
            for key in keys[1:]:
                values = [draw[index][key] for draw in draws if draw[index][key] is not None]
                cells += f"{np.mean(values):>11.3f}±{np.std(values):.3f}"
            print("   " + cells)


def report_speed(pipeline, embedder, count: int) -> None:
    rng = random.Random(2)
    pool = [e.text for rows in held_out_sets().values() for e in rows]
    report = [f"{rng.choice(pool)} (rapport {i})" for i in range(20)]
    pipeline.embedder = embedder
    pipeline.predict(pool[:5])
    _, cold, cold_cpu = timed(lambda: pipeline.predict(report))
    _, warm, warm_cpu = timed(lambda: pipeline.predict(report))
    print(f"\n3. Speed after loading ({pipeline.features_mode})")
    print(
        f"   one report of 20 sentences, first time (20 sentences embedded): {cold:.2f} s wall, {cold_cpu:.2f} s CPU"
    )
    print(f"   the same report again (vectors stored): {warm:.3f} s wall, {warm_cpu:.3f} s CPU")
    sentences = [f"{rng.choice(pool)} ({i})" for i in range(count)]
    _, wall, cpu = timed(lambda: pipeline.features.transform(sentences))
    print(f"   n-gram features:  {count / wall:>9,.0f} sentences/s wall, {count / cpu:>9,.0f} CPU")
    _, wall, cpu = timed(lambda: embedder(sentences))
    print(f"   e5 embeddings:    {count / wall:>9,.0f} sentences/s wall, {count / cpu:>9,.0f} CPU")
    matrix = pipeline._matrix(sentences)
    for head, classifier in pipeline.heads.items():
        _, wall, cpu = timed(lambda classifier=classifier: classifier.predict_proba(matrix))
        print(
            f"   {head + ' head:':<17} {count / wall:>9,.0f} sentences/s wall, {count / max(cpu, 1e-9):>9,.0f} CPU"
        )
    bulk = [f"{rng.choice(pool)} [{i}]" for i in range(count)]
    start, start_cpu = time.perf_counter(), time.process_time()
    done = 0
    for offset in range(0, count, 500):
        done += len(pipeline.predict(bulk[offset : offset + 500]))
        print(f"\r   bulk run: {done:,}/{count:,} sentences", end="", file=sys.stderr)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print("", file=sys.stderr)
    print(
        f"   bulk run over {count:,} new sentences (embedding included): {count / wall:,.0f} sentences/s wall, "
        f"{count / cpu:,.0f} CPU; 100,000 would take {100_000 / (count / cpu) / 60:.0f} min of one quiet core"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000)
    parser.add_argument("--sentences", type=int, default=2_000)
    parser.add_argument("--modes", default="ngram,e5,concat,stack")
    parser.add_argument("--repeats", type=int, default=5, help="held-back draws per learning curve")
    parser.add_argument("--sections", default="1,2,3,4", help="which of the four parts to run")
    parser.add_argument(
        "--curve-sources", default=",".join(CURVE_SOURCES), help="sources of the learning curves"
    )
    args = parser.parse_args()
    parts = set(args.sections.split(","))
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    modes = [m for m in args.modes.split(",") if m == "ngram" or embeddings.available()]
    embedder = embeddings.default_embedder()
    parents, described = codebook()
    training = [*described, *example_sentences(parents)]
    best = DEFAULT_FEATURES if embeddings.available() else "ngram"
    if "1" in parts:
        report_held_out(parents, training, embedder, modes)
    if "2" in parts:
        report_curve(parents, training, embedder, best, args.repeats, args.curve_sources.split(","))
    if not parts & {"3", "4"}:
        return

    passages = synthetic_passages(example_sentences(parents), args.passages)
    data = [*training, *passages]
    big, wall, cpu = timed(
        lambda: CoderPipeline(parents, folds=5, features=best, embedder=embedder).fit(data)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "coder.joblib"
        joblib.dump({"format": 2, "pipeline": big}, path, compress=3)
        size = path.stat().st_size
        loaded, load_wall, _ = timed(lambda: joblib.load(path)["pipeline"])
    if loaded.uses_embeddings:
        report_speed(loaded, embedder, args.sentences)
    print(
        f"\n4. Training ({best}) on {len(passages):,} synthetic coded passages + {len(training)} codebook texts "
        f"and examples: {wall:.1f} s wall, {cpu:.1f} s CPU (embedding each passage once included)"
    )
    print(
        "   cross-validated macro-F1: " + ", ".join(f"{h} {s['macro_f1']:.3f}" for h, s in big.scores.items())
    )
    print(f"   model file: {size / 1_000_000:.2f} MB (loaded in {load_wall:.2f} s)")


if __name__ == "__main__":
    main()
