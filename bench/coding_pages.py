"""Time the coding and analysis pages on the demo data; print queries, median and 95th percentile.

    .venv/bin/python bench/coding_pages.py                       # demo --sites 2000 in a temporary SQLite file
    .venv/bin/python bench/coding_pages.py --sites 200 --runs 5
    .venv/bin/python bench/coding_pages.py --db /tmp/x.sqlite3 --keep   # reuse (or create and keep) a database

Each page is fetched with Django's test Client as an evaluator (the analysis pages also as a
provider), through the whole middleware stack and template rendering; "first" is the first request
(for the analysis pages: the computation), the median and 95th percentile are of the runs after it
(for the analysis pages: the analysis reused while the data is unchanged).
Before timing, every tenth report gets coded passages so the workspace and lists have work to show.
Figures only; no assertion.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", type=Path, help="SQLite file to use; loaded with the demo when empty")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    return parser.parse_args()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def _code_some_reports(evaluator) -> int:
    """Code the first sentence of every tenth report's first non-empty section (bulk, untimed)."""
    from codebook.models import Code
    from codebook.selectors import current_codebook_version
    from coding.models import CodedPassage
    from fieldwork.models import ReportSection

    if CodedPassage.objects.filter(coder=evaluator).exists():
        return 0
    driver = Code.objects.get(kind="driver", key="competence")
    version = current_codebook_version()
    passages = []
    sections = (
        ReportSection.objects.exclude(text="")
        .order_by("report_id", "pk")
        .values_list("pk", "report_id", "text")
    )
    seen = set()
    for pk, report_id, text in sections.iterator():
        if report_id in seen or report_id % 10:
            continue
        seen.add(report_id)
        end = text.find(".") + 1 or len(text)
        passages.append(
            CodedPassage(
                section_id=pk,
                start=0,
                end=end,
                text=text[:end],
                coder=evaluator,
                codebook_version=version,
                driver=driver,
                valence="promoter",
            )
        )
    CodedPassage.objects.bulk_create(passages, batch_size=1000)
    return len(passages)


def main() -> None:
    args = _arguments()
    workdir = Path(tempfile.mkdtemp(prefix="drivkraft-bench-"))
    database = args.db or workdir / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DRIVKRAFT_VAR_DIR", str(workdir / "var"))
    os.environ.setdefault("DRIVKRAFT_DEMO_PASSWORD", "bench-password-not-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import Role, User
    from codebook.models import Code
    from coding.models import CodedPassage
    from fieldwork.models import ImplementationReport
    from registry.models import Site

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Site.objects.exists():
        call_command("demo", sites=args.sites, seed=2018, verbosity=0)
    load_seconds = time.perf_counter() - started
    evaluator = User.objects.filter(role=Role.EVALUATOR).order_by("pk").first()
    provider = User.objects.filter(role=Role.PROVIDER).order_by("pk").first()
    coded = _code_some_reports(evaluator)
    report = ImplementationReport.objects.order_by("pk").first()
    site = report.visit.site
    leadership = Code.objects.get(kind="driver", key="leadership")
    passage = CodedPassage.objects.order_by("pk").first()
    pages = [
        (evaluator, "coding workspace", reverse("coding:workspace")),
        (evaluator, "workspace, filtered", reverse("coding:workspace") + "?programme=1&date_from=2019-01-01"),
        (evaluator, "report to code", reverse("coding:report", kwargs={"report_id": report.pk})),
        (evaluator, "coded passages", reverse("coding:passages")),
        (evaluator, "coded passages, by code", reverse("coding:passages") + f"?code={leadership.pk}"),
        (evaluator, "re-code a passage", reverse("coding:passage_edit", kwargs={"pk": passage.pk})),
        (evaluator, "codebook", reverse("coding:codebook")),
        (evaluator, "code page", reverse("coding:code", kwargs={"pk": leadership.pk})),
        (evaluator, "memos", reverse("coding:memo_list") + "?query=mål"),
        (
            evaluator,
            "matrix cell",
            reverse("analysis:matrix_cell", kwargs={"site_id": site.pk, "code_id": leadership.pk}),
        ),
        (
            evaluator,
            "matrix cell evidence",
            reverse("analysis:matrix_evidence", kwargs={"site_id": site.pk, "code_id": leadership.pk}),
        ),
        (evaluator, "degree of one site", reverse("analysis:degree", kwargs={"site_id": site.pk})),
        (evaluator, "framework matrix, RP", reverse("analysis:matrix") + "?programme=RP"),
        (evaluator, "framework matrix, all", reverse("analysis:matrix")),
        (evaluator, "analysis, RP", reverse("analysis:programme", kwargs={"code": "RP"})),
        (evaluator, "analysis, all", reverse("analysis:index")),
        (provider, "analysis, all (provider)", reverse("analysis:index")),
    ]
    print(
        f"Drivkraft coding and analysis pages: {Site.objects.count()} sites, "
        f"{ImplementationReport.objects.count()} reports, {CodedPassage.objects.count()} coded passages "
        f"({coded} added); {args.runs} runs per page after one warm-up"
    )
    print(f"(demo load {load_seconds:.1f} s; database {database})")
    print(
        f"{'page':30} {'as':10} {'queries':>7} {'first ms':>9} {'median ms':>10} {'p95 ms':>9} {'status':>6}"
    )
    for user, label, url in pages:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        begin = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        first = (time.perf_counter() - begin) * 1000
        query_count = len(queries)  # read now: every later request clears the query log
        timings = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        print(
            f"{label:30} {user.role:10} {query_count:>7} {first:>9.1f} {statistics.median(timings):>10.1f} "
            f"{_percentile(timings, 0.95):>9.1f} {response.status_code:>6}"
        )
    if args.db is None and not args.keep:
        for path in workdir.glob("bench.sqlite3*"):
            path.unlink()


if __name__ == "__main__":
    main()
