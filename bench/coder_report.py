"""Suggestions for stored reports with the active coding model, on one core (the issue's < 1 s per report).

    .venv/bin/drivkraft demo && .venv/bin/drivkraft train-coder
    .venv/bin/python bench/coder_report.py [--reports 5]

Uses the database of DRIVKRAFT_VAR_DIR (default var/). Prints the time to load the active model and,
for each of the first --reports stored reports (split into sentences as the workspace does): the
time to suggest codes for all its sentences the first time (their stored vectors deleted first, so
every sentence is embedded; they are stored again by the run), with the vectors stored in the
database (a fresh process: the in-memory cache emptied), and again (in memory). Wall and CPU times.
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django  # noqa: PLC0415

    django.setup()
    from coding.classifier import embeddings, store  # noqa: PLC0415
    from coding.models import SentenceEmbedding  # noqa: PLC0415
    from coding.suggestions import report_sentences  # noqa: PLC0415
    from fieldwork.models import ImplementationReport  # noqa: PLC0415

    (row, pipeline), wall, cpu = timed(store.active_model)
    print(f"Model {row.version} ({pipeline.features_mode}) loaded in {wall:.2f} s wall, {cpu:.2f} s CPU")
    pipeline.predict(["Ledelsen har lagt en plan."])
    memory = embeddings.default_embedder()
    print(f"{'report':>8}{'sentences':>11}{'first time':>22}{'vectors stored':>22}{'again':>22}")
    for report in ImplementationReport.objects.order_by("pk")[: args.reports]:
        texts = [s.text for s in report_sentences(report)]
        hashes = [embeddings.text_hash(t) for t in texts]
        SentenceEmbedding.objects.filter(
            text_hash__in=hashes, model_version=embeddings.MODEL_VERSION
        ).delete()
        if memory is not None:
            memory.vectors.clear()
        _, first_wall, first_cpu = timed(lambda texts=texts: pipeline.predict(texts))
        if memory is not None:
            memory.vectors.clear()
        _, stored_wall, stored_cpu = timed(lambda texts=texts: pipeline.predict(texts))
        _, again_wall, again_cpu = timed(lambda texts=texts: pipeline.predict(texts))
        print(
            f"{report.pk:>8}{len(texts):>11}"
            + "".join(
                f"{f'{w:.2f} s / {c:.2f} s CPU':>22}"
                for w, c in ((first_wall, first_cpu), (stored_wall, stored_cpu), (again_wall, again_cpu))
            )
        )


if __name__ == "__main__":
    main()
