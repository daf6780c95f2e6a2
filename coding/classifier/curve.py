"""The learning curve: how the model improves as people code, measured on codings it never saw.

Pure (no Django). The people's codings are taken in the order they were made; a fixed third
(drawn at random with a seed, at most `MAX_HELD_BACK`) is held back, and the model is trained on
the written examples plus the first 0, 25, 50, 100, 200 of the rest. Each point gives macro-F1 per
head on the held-back codings, the valence accuracy and the recall of inhibitors (the valence
negation and contrast turn). Points beyond the available codings are left out.
"""

import random

from coding.classifier.metrics import head_scores
from coding.classifier.model import HEADS, CoderPipeline, Example

CURVE_STEPS = (0, 25, 50, 100, 200)
MIN_HELD_BACK = 10
MAX_HELD_BACK = 500
CURVE_FOLDS = 2


def valence_figures(truth: list[str | None], predicted: list[str]) -> dict:
    """Valence accuracy and inhibitor recall, reported apart (an inhibitor missed is the costly error)."""
    pairs = [(t, p) for t, p in zip(truth, predicted, strict=True) if t]
    inhibitors = [(t, p) for t, p in pairs if t == "inhibitor"]
    return {
        "valence_accuracy": round(sum(t == p for t, p in pairs) / len(pairs), 4) if pairs else None,
        "inhibitor_recall": round(sum(t == p for t, p in inhibitors) / len(inhibitors), 4)
        if inhibitors
        else None,
    }


def evaluate(pipeline: CoderPipeline, examples: list[Example]) -> dict:
    """Macro-F1 per head on labelled examples, and the valence figures."""
    predictions = pipeline.predict([e.text for e in examples])
    figures: dict = {"n": len(examples)}
    for head in HEADS:
        pairs = [(e.label(head), getattr(p, head) or "") for e, p in zip(examples, predictions, strict=True)]
        pairs = [(t, g) for t, g in pairs if t]
        figures[head] = (
            head_scores(head, [t for t, _ in pairs], [g for _, g in pairs]).macro_f1 if pairs else None
        )
    figures.update(valence_figures([e.valence for e in examples], [p.valence for p in predictions]))
    return figures


def learning_curve(
    written: list[Example],
    coded: list[Example],
    mechanism_parent: dict[str, str],
    *,
    steps: tuple[int, ...] = CURVE_STEPS,
    features: str | None = None,
    embedder=None,
    seed: int = 0,
    repeats: int = 1,
) -> list[dict]:
    """One point per step: {"coded": n, "held_back": m, "repeats": r, "n", "driver", "mechanism", ...}.

    With `repeats` > 1 each figure is the mean over that many held-back draws (seeds `seed`,
    `seed + 1`, ...): one draw of a few dozen codings moves a macro-F1 by several points.
    """
    labelled = [e for e in coded if e.driver]
    held_count = min(MAX_HELD_BACK, len(labelled) // 3)
    if held_count < MIN_HELD_BACK:
        return []
    runs = [
        _one_curve(written, labelled, mechanism_parent, steps, features, embedder, seed + r, held_count)
        for r in range(max(1, repeats))
    ]
    points = []
    for index, first in enumerate(runs[0]):
        point = {"coded": first["coded"], "held_back": held_count, "repeats": len(runs), "n": first["n"]}
        for key in (*HEADS, "valence_accuracy", "inhibitor_recall"):
            values = [run[index][key] for run in runs if run[index][key] is not None]
            point[key] = round(sum(values) / len(values), 4) if values else None
        points.append(point)
    return points


def _one_curve(written, labelled, mechanism_parent, steps, features, embedder, seed, held_count):
    held_index = set(random.Random(seed).sample(range(len(labelled)), held_count))
    held = [e for i, e in enumerate(labelled) if i in held_index]
    pool = [e for i, e in enumerate(labelled) if i not in held_index]
    points = []
    for step in steps:
        if step > len(pool):
            break
        model = CoderPipeline(mechanism_parent, folds=CURVE_FOLDS, features=features, embedder=embedder)
        model.fit([*written, *pool[:step]])
        points.append({"coded": step, **evaluate(model, held)})
    return points
