"""Bounded load test: 50 simulated users for 60 s against gunicorn on PostgreSQL, 2,000-site demo.

Run: .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--sites 2000] [--think 5]
     [--workers 3] [--threads 4] [--database NAME --password PW] [--keep]
Loopback only. Without --database it creates a scratch PostgreSQL database (127.0.0.1:5432, user
postgres), migrates it and loads `drivkraft demo --sites N` (dropped at the end unless --keep); with
--database it uses an existing, migrated database holding the demo (its demo users' password in
--password or DRIVKRAFT_DEMO_PASSWORD). It serves it with gunicorn (gthread, --workers x --threads)
and one task worker (reports are built in the background), and lets each simulated user log in and
loop over page views (start page, site page, search), report edits (each a unique marker, as a
consultant on its own report) and downloads (a site's status report).

Before measuring, every page and download the users will ask for is asked for once and the
downloads are awaited (--no-warmup skips it): the figures are of the steady state, not of the
first visits after a restart. Two modes: saturation (the default, --think 0: every user sends its next request as soon as the
last one is answered) and realistic (--think S: each user pauses S seconds, jittered ±50 %, between
requests, and the users start spread over the first S seconds). A download that is not built yet
answers 202 ("not ready", the page refreshes itself): counted as "download (ikke klar)", not as an
error. Afterwards it checks that every edit that the server confirmed is readable in the database,
and prints throughput, errors, lost edits, median and 95th-percentile latency per kind of request.
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import psycopg
import requests

HOST = "127.0.0.1"
PORT = 8765
PASSWORD = "belastning-kun-til-test"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def sh(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "-m", "drivkraft", *args],
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


PLAN = """
import json, datetime
from accounts.models import User
from fieldwork.models import ImplementationReport
from registry.models import Site
from accounts import permissions
consultant = User.objects.get(username="consultant1")
sites = list(permissions.editable_sites(consultant).values_list("pk", flat=True))
reports = list(ImplementationReport.objects.filter(visit__site__in=sites).values_list("visit_id", "pk")[:200])
all_sites = list(Site.objects.values_list("pk", "code")[:2000:7])
print(json.dumps({"consultant_sites": sites, "reports": reports, "sites": all_sites}))
"""


class User:
    def __init__(self, base, username, password):
        self.base, self.username, self.password = base, username, password
        self.session = requests.Session()

    def login(self):
        page = self.session.get(f"{self.base}/konti/log-ind/", timeout=30)
        token = CSRF.search(page.text).group(1)
        response = self.session.post(
            f"{self.base}/konti/log-ind/",
            data={"username": self.username, "password": self.password, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.base}/konti/log-ind/"},
            timeout=30,
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login of {self.username} failed: {response.status_code}")


def pause(think, rng):
    if think > 0:
        time.sleep(think * rng.uniform(0.5, 1.5))


def simulate(user, role, plan, deadline, results, confirmed, lock, index, think=0.0):
    timings = defaultdict(list)
    errors = []
    own_report = plan["reports"][index % len(plan["reports"])] if plan["reports"] else None
    rng = random.Random(index)
    if think > 0:
        time.sleep(rng.uniform(0, think))
    n = 0
    while time.monotonic() < deadline:
        n += 1
        if role == "team":
            site_pk = plan["team_site"]
        elif role == "consultant":
            site_pk = plan["consultant_sites"][(index + n) % len(plan["consultant_sites"])]
        else:
            site_pk = plan["sites"][(index * 31 + n) % len(plan["sites"])][0]
        steps = [("side", f"/steder/{site_pk}/"), ("start", "/")]
        if role == "consultant" and own_report:
            steps.append(("redigering", None))
        elif role == "evaluator":
            steps += [
                ("søgning", "/feltarbejde/soeg/?q=supervision"),
                ("download", f"/udgivelse/status/{site_pk}.html"),
            ]
        elif role == "team":
            steps.append(("download", f"/udgivelse/status/{site_pk}.html"))
        for kind, path in steps:
            if time.monotonic() >= deadline:
                break
            started = time.perf_counter()
            try:
                if kind == "redigering":
                    ok = edit_report(user, own_report[0], index, n, confirmed, lock)
                else:
                    response = user.session.get(user.base + path, timeout=60)
                    ok = response.status_code == 200
                    if kind == "download" and response.status_code == 202:
                        kind, ok = "download (ikke klar)", True
                    if not ok:
                        errors.append(f"{kind} {path}: {response.status_code}")
            except requests.RequestException as exc:
                ok = False
                errors.append(f"{kind}: {exc}")
            timings[kind].append(time.perf_counter() - started)
            if not ok and kind == "redigering":
                errors.append("redigering fejlede")
            pause(think, rng)
    with lock:
        for kind, values in timings.items():
            results["timings"][kind].extend(values)
        results["errors"].extend(errors)


def edit_report(user, visit_pk, index, n, confirmed, lock):
    url = f"{user.base}/feltarbejde/besoeg/{visit_pk}/rapport/"
    page = user.session.get(url, timeout=60)
    if page.status_code != 200:
        return False
    marker = f"belastning-{index}-{n}-{uuid.uuid4().hex[:6]}"
    fields = dict(re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', page.text))
    fields = {
        k: v.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&") for k, v in fields.items()
    }
    fields["section_anchoring"] = (fields.get("section_anchoring", "") + " " + marker).strip()
    data = {
        **{k: v for k, v in fields.items() if k.startswith("section_") or k == "introduction"},
        "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
        "version": VERSION.search(page.text).group(1),
        "anchoring": "3",
        "action": "draft",
    }
    response = user.session.post(url, data=data, headers={"Referer": url}, timeout=60, allow_redirects=False)
    if response.status_code == 200 and 'name="confirm_draft"' in response.text:
        # A validated report asks before it is saved as a draft: the consultant confirms.
        data["confirm_draft"] = "1"
        response = user.session.post(url, data=data, headers={"Referer": url}, timeout=60, allow_redirects=False)
    if response.status_code == 302:
        with lock:
            confirmed.append((visit_pk, marker))
        return True
    return response.status_code == 409  # a conflict with another user's save is reported, not lost


def cpu_by_part(server_pid, worker_pid):
    """CPU seconds used so far by the web server (gunicorn and its processes), the task worker,
    PostgreSQL and everything else on the machine, read from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, used, names = {}, {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                raw = handle.read()
        except OSError:
            continue
        name, rest = raw[raw.index("(") + 1 : raw.rindex(")")], raw[raw.rindex(")") + 2 :].split()
        pid = int(entry)
        parents[pid], names[pid] = int(rest[1]), name
        used[pid] = (int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])) / ticks

    def part_of(pid):
        seen = pid
        while seen > 1:
            if seen == server_pid:
                return "web"
            if seen == worker_pid:
                return "tasks"
            if seen == os.getpid():
                return "load client"
            seen = parents.get(seen, 1)
        return "PostgreSQL" if names[pid] == "postgres" else "other"

    totals = defaultdict(float)
    for pid, seconds in used.items():
        totals[part_of(pid)] += seconds
    return totals


def warm_up(base, user, plan, patience=600):
    """Ask once for every page and download the users will ask for, and wait until the downloads
    are built: the measurement is of the steady state, not of the first visit after a restart."""
    started = time.perf_counter()
    site_pks = sorted({pk for pk, _code in plan["sites"]} | set(plan["consultant_sites"]) | {plan["team_site"]})
    paths = [f"/steder/{pk}/" for pk in site_pks] + [f"/udgivelse/status/{pk}.html" for pk in site_pks]
    paths += ["/", "/feltarbejde/soeg/?q=supervision"]
    pending = list(paths)
    lock = threading.Lock()

    def fetch():
        while True:
            with lock:
                if not pending:
                    return
                path = pending.pop()
            user.session.get(base + path, timeout=120)

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    downloads = [path for path in paths if path.startswith("/udgivelse/")]
    while downloads and time.perf_counter() - started < patience:
        downloads = [path for path in downloads if user.session.get(base + path, timeout=120).status_code == 202]
        if downloads:
            time.sleep(2)
    print(
        f"warm-up: {len(paths)} pages and downloads asked for once in {time.perf_counter() - started:.0f} s"
        + (f", {len(downloads)} downloads still not built" if downloads else ", every download built"),
        flush=True,
    )


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--think", type=float, default=0.0, help="seconds each user pauses (0: saturation)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per process")
    parser.add_argument("--no-warmup", action="store_true", help="measure from cold caches")
    parser.add_argument("--database", help="use this existing database with the demo loaded")
    parser.add_argument("--password", default=os.environ.get("DRIVKRAFT_DEMO_PASSWORD", PASSWORD))
    args = parser.parse_args()

    name = args.database or "drivkraft_load"
    admin_dsn = f"host={HOST} port=5432 user=postgres dbname=postgres"
    if not args.database:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{name}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DRIVKRAFT_DEMO_PASSWORD": PASSWORD,
    }
    password = args.password if args.database else PASSWORD
    server = worker = None
    try:
        if not args.database:
            print(f"Migrating and loading {args.sites} demo sites ...", flush=True)
            sh(env, "migrate", "--noinput", "-v", "0")
            started = time.perf_counter()
            sh(env, "demo", "--sites", str(args.sites), "--truth", f"/tmp/{name}-truth.json", capture=True)
            print(f"  loaded in {time.perf_counter() - started:.0f} s")
        plan = json.loads(sh(env, "shell", "-c", PLAN, capture=True).stdout.strip().splitlines()[-1])
        team_code = next(code for pk, code in plan["sites"] if pk not in plan["consultant_sites"])
        plan["team_site"] = next(pk for pk, code in plan["sites"] if code == team_code)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--config",
                str(Path(__file__).resolve().parent.parent / "config" / "gunicorn_conf.py"),
                "--bind",
                f"{HOST}:{PORT}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "django", "worker", "--queue-name", "*"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://{HOST}:{PORT}"
        for _ in range(60):
            try:
                requests.get(base + "/konti/log-ind/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.5)
        roles = ["consultant"] * (args.users // 2) + ["evaluator"] * (args.users // 4)
        roles += ["team"] * (args.users - len(roles))
        usernames = {
            "consultant": "consultant1",
            "evaluator": "evaluator",
            "team": f"team-{team_code.lower()}",
        }
        if not args.no_warmup:
            warming = User(base, usernames["evaluator"], password)
            warming.login()
            warm_up(base, warming, plan)
        # Logged in after the warm-up: a connection left idle through it for about the keep-alive
        # time would meet the server closing it as the run starts (a reset no browser would show).
        users = [User(base, usernames[role], password) for role in roles]
        for user in users:
            user.login()
        results = {"timings": defaultdict(list), "errors": []}
        confirmed, lock = [], threading.Lock()
        cpu_before = cpu_by_part(server.pid, worker.pid)
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=simulate, args=(u, r, plan, deadline, results, confirmed, lock, i, args.think)
            )
            for i, (u, r) in enumerate(zip(users, roles, strict=True))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cpu_after = cpu_by_part(server.pid, worker.pid)
        with psycopg.connect(f"host={HOST} port=5432 user=postgres dbname={name}") as conn:
            texts = "\n".join(
                row[0]
                for row in conn.execute(
                    "SELECT text FROM fieldwork_reportsection WHERE theme = 'anchoring' AND text LIKE %s",
                    ("%belastning-%",),
                )
            )
        lost = [marker for _, marker in confirmed if marker not in texts]
        total = sum(len(v) for v in results["timings"].values())
        mode = f"think {args.think:g} s" if args.think > 0 else "saturation"
        print(
            f"\n{args.users} users, {mode}, {args.seconds} s, {args.sites} sites, "
            f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        print(
            f"requests: {total} ({total / args.seconds:.1f}/s), errors: {len(results['errors'])}, "
            f"confirmed edits: {len(confirmed)}, lost edits: {len(lost)}"
        )
        print(f"{'kind':<12}{'n':>7}{'median ms':>12}{'p95 ms':>10}")
        everything = []
        for kind, values in sorted(results["timings"].items()):
            everything += values
            print(
                f"{kind:<12}{len(values):>7}{statistics.median(values) * 1000:>12.0f}"
                f"{percentile(values, 0.95) * 1000:>10.0f}"
            )
        print(
            f"{'all':<12}{len(everything):>7}{statistics.median(everything) * 1000:>12.0f}"
            f"{percentile(everything, 0.95) * 1000:>10.0f}"
        )
        print(
            "CPU seconds during the run: "
            + ", ".join(
                f"{part} {cpu_after[part] - cpu_before.get(part, 0.0):.1f}"
                for part in ("web", "tasks", "PostgreSQL", "load client", "other")
            )
            + f" (of {os.cpu_count() * args.seconds} on {os.cpu_count()} cores)"
        )
        for error in results["errors"][:10]:
            print("  error:", error)
        if results["errors"] or lost:
            raise SystemExit(1)
    finally:
        for process in (server, worker):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        if not args.keep and not args.database:
            with psycopg.connect(admin_dsn, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
