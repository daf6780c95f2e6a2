"""Time the main pages of the web application on the 2,000-site demo; print median and 95th percentile.

    .venv/bin/python bench/pages.py                  # demo --sites 2000 into a temporary SQLite file
    .venv/bin/python bench/pages.py --db /tmp/x.sqlite3 --keep   # reuse (or create and keep) a database
    .venv/bin/python bench/pages.py --sites 200 --runs 10

Each page is fetched with Django's test Client as the role that uses it (after one warm-up request),
through the whole middleware stack and template rendering. Figures only; no assertion.
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
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2018, help="seed of the demo data")
    parser.add_argument("--db", type=Path, help="SQLite file to use; loaded with the demo when empty")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    return parser.parse_args()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


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
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role, User
    from fieldwork import search
    from fieldwork.models import ImplementationReport, JointMeeting, Visit
    from registry.models import Site

    # As in Django's own tests: keep one connection, so the captured queries belong to the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Site.objects.exists():
        call_command("demo", sites=args.sites, seed=args.seed, verbosity=0)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    if search.uses_fts5() and not search.index_is_current():
        search.search_rebuild()
    index_seconds = time.perf_counter() - started

    evaluator = User.objects.filter(role=Role.EVALUATOR).order_by("pk").first()
    consultant = (
        User.objects.filter(role=Role.CONSULTANT, consultant__assignments__isnull=False)
        .order_by("pk")
        .first()
    )
    team = User.objects.filter(role=Role.TEAM_MEMBER).order_by("pk").first()
    admin = (
        User.objects.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
        or User.objects.filter(is_superuser=True).first()
    )
    report = ImplementationReport.objects.select_related("visit__site").order_by("-pk").first()
    site = report.visit.site
    held = Visit.objects.filter(site=site, status="held").order_by("-held_on").first()
    meeting = JointMeeting.objects.order_by("pk").first()
    home = reverse("home")
    pages = [
        ("evaluator", evaluator, "overview of all sites", home),
        (
            "evaluator",
            evaluator,
            "overview, filtered+sorted",
            home + "?programme=MG&order=open_actions&desc=on",
        ),
        ("evaluator", evaluator, "overview, page 40", home + "?page=40"),
        ("consultant", consultant, "consultant's start page", home),
        ("evaluator", evaluator, "site page", reverse("registry:site_detail", kwargs={"pk": site.pk})),
        ("team", team, "team's site page", reverse("registry:site_detail", kwargs={"pk": team.site_id})),
        ("team", team, "team's dashboard", reverse("decisions:dashboard", kwargs={"site_id": team.site_id})),
        ("team", team, "team's joint meetings", reverse("fieldwork:meeting_list")),
        ("evaluator", evaluator, "visit page", reverse("fieldwork:visit_detail", kwargs={"pk": held.pk})),
        (
            "evaluator",
            evaluator,
            "report (read)",
            reverse("fieldwork:report_detail", kwargs={"pk": report.pk}),
        ),
        ("admin", admin, "report editor", reverse("fieldwork:report_edit", kwargs={"pk": held.pk})),
        ("evaluator", evaluator, "joint meetings", reverse("fieldwork:meeting_list")),
        ("evaluator", evaluator, "search 'ledelse'", reverse("fieldwork:search") + "?q=ledelse"),
        ("consultant", consultant, "search as consultant", reverse("fieldwork:search") + "?q=sparring"),
    ]
    if meeting is not None:
        pages.append(
            (
                "evaluator",
                evaluator,
                "joint meeting",
                reverse("fieldwork:meeting_detail", kwargs={"pk": meeting.pk}),
            )
        )

    print(
        f"Drivkraft page timings: {Site.objects.count()} sites, {Visit.objects.count()} visits, "
        f"{ImplementationReport.objects.count()} reports; {args.runs} runs per page after one warm-up"
    )
    print(f"(demo load {load_seconds:.1f} s, search index {index_seconds:.1f} s; database {database})")
    print(f"{'page':30} {'as':11} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'status':>6}")
    for role, user, label, url in pages:
        if user is None:
            print(f"{label:30} {role:11} (no such demo user)")
            continue
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        timings = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        print(
            f"{label:30} {role:11} {len(executed):>7} {statistics.median(timings):>10.1f} "
            f"{_percentile(timings, 0.95):>8.1f} {response.status_code:>6}"
        )
    if args.db is None and not args.keep:
        for path in workdir.glob("bench.sqlite3*"):
            path.unlink()


if __name__ == "__main__":
    main()
