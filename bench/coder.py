"""Benchmark and held-out evaluation of the coding model, on one core.

    .venv/bin/python bench/coder.py [--passages 10000] [--sentences 20000]

Prints:
1. held-out scores (coding/data/heldout/, never trained on) of the model trained on the codebook
   and the written example sentences, beside the plain keyword-list baseline: driver macro-F1 on
   sentences whose driver is clear, and on every sentence of report driver sections (context lost);
2. suggestion speed: sentences per second after loading the stored model (wall and CPU time);
3. training time on N synthetic coded passages, as `train-coder` fits (features, and for each head
   5 folds for the cross-validated scores and calibration plus the final fit), and the size of
   the stored model file (joblib, compressed).
Targets: clear >= 0.85, sections >= 0.65; >= 2,000 sentences/s; training within a minute; file < 20 MB.
Wall times on a shared machine include waiting for the CPU; CPU times are the fairer figure.
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
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import joblib  # noqa: E402

from coding.classifier.examples import example_sentences, heldout_clear, heldout_sections  # noqa: E402
from coding.classifier.keywords import keyword_driver  # noqa: E402
from coding.classifier.metrics import head_scores  # noqa: E402
from coding.classifier.model import CoderPipeline, Example  # noqa: E402


def codebook() -> tuple[dict[str, str], list[Example]]:
    """Mechanism → driver, and the codebook's descriptions as examples (as store.codebook_examples)."""
    entries = json.loads((Path(__file__).resolve().parents[1] / "codebook" / "data" / "codebook.json").read_text(encoding="utf-8"))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=20_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    parents, described = codebook()
    written = example_sentences(parents)
    training = [*described, *written]
    model, wall, cpu = timed(lambda: CoderPipeline(parents).fit(training))
    print(f"1. Held-out evaluation (model trained on {len(training)} codebook texts and examples)")
    for name, held_out in (
        ("clear sentences", heldout_clear()),
        ("report driver sections", heldout_sections()),
    ):
        truth = [e.driver for e in held_out]
        predicted = model.predict([e.text for e in held_out])
        ours = head_scores("driver", truth, [p.driver for p in predicted])
        baseline = head_scores("driver", truth, [keyword_driver(e.text) for e in held_out])
        print(
            f"   {name:<24} n={len(held_out):>4}  model macro-F1 {ours.macro_f1:.3f} (accuracy {ours.accuracy:.3f}, "
            f"kappa {ours.kappa:.3f})  keyword list macro-F1 {baseline.macro_f1:.3f} (accuracy {baseline.accuracy:.3f})"
        )
        for head in ("mechanism", "valence"):
            pairs = [
                (e.label(head), getattr(p, head) or "") for e, p in zip(held_out, predicted, strict=True)
            ]
            pairs = [(t, g) for t, g in pairs if t]
            if pairs:
                scores = head_scores(head, [t for t, _ in pairs], [g for _, g in pairs])
                print(
                    f"   {'':<24} {head:<9} macro-F1 {scores.macro_f1:.3f} (accuracy {scores.accuracy:.3f})"
                )

    passages = synthetic_passages(written, args.passages)
    print(
        f"\n3. Training on {len(passages):,} coded passages (+ {len(training)} codebook texts and examples)"
    )
    data = [*training, *passages]
    big, wall, cpu = timed(lambda: CoderPipeline(parents, folds=5).fit(data))
    print(
        f"   train-coder fit (features, 3 heads x (5 folds + final fit)): {wall:.1f} s wall, {cpu:.1f} s CPU"
    )
    print(
        "   cross-validated macro-F1: "
        + ", ".join(f"{head} {scores['macro_f1']:.3f}" for head, scores in big.scores.items())
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "coder.joblib"
        joblib.dump({"format": 1, "pipeline": big}, path, compress=3)
        size = path.stat().st_size
        loaded, load_wall, _ = timed(lambda: joblib.load(path)["pipeline"])
    print(f"   model file:                {size / 1_000_000:6.2f} MB (loaded in {load_wall:.2f} s)")

    rng = random.Random(2)
    pool = [e.text for e in heldout_clear()] + [e.text for e in heldout_sections()]
    sentences = [rng.choice(pool) + ("" if i % 3 else f" ({i})") for i in range(args.sentences)]
    loaded.predict(sentences[:100])
    _predictions, wall, cpu = timed(lambda: loaded.predict(sentences))
    print(f"\n2. Suggestions on one core after loading the {size / 1_000_000:.1f} MB model")
    print(
        f"   {len(sentences):,} sentences: {len(sentences) / wall:,.0f} sentences/s wall, "
        f"{len(sentences) / cpu:,.0f} sentences/s CPU"
    )


if __name__ == "__main__":
    main()
