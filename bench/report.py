"""Benchmark of publishing: load demo data at each size, time `analyse` and the evaluation report.

    .venv/bin/python bench/report.py [--sites 200 2000] [--dir var/bench] [--formats html,docx]

Each size gets its own SQLite database under --dir (`bench-<N>.sqlite3`, the same files as
bench/analyse.py; reused when present, so a second run only measures). For each size two child
processes run, each measured from outside with os.wait4 (wall time, CPU time user+sys, peak memory
max RSS):

1. `analyse`: `analysis.services.analyse()` over all programmes;
2. `report`: `drivkraft report --programme all --format html,docx`, with the time split inside the
   child into building the document (the analyses it runs plus the context) and rendering each
   format.

Targets (issue 3): at 2,000 sites the report at most 30 s and 1.5 GB on 2 cores, and ten times the
sites at most twelve times the time. CPU time is printed beside wall time because on a shared
machine the wall time also measures the other processes.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_analyse() -> dict:
    from analysis.services import analyse

    started = time.perf_counter()
    result = analyse()
    return {"sites": len(result.sites), "analyse_s": round(time.perf_counter() - started, 2)}


def child_report(formats: list[str], out: Path) -> dict:
    from publishing.services import evaluation_document, write_report

    timings = {}
    started = time.perf_counter()
    document = evaluation_document("all")
    timings["document_s"] = round(time.perf_counter() - started, 2)
    for name in formats:
        started = time.perf_counter()
        paths = write_report(document, [name], out)
        timings[f"{name}_s"] = round(time.perf_counter() - started, 2)
        timings[f"{name}_mb"] = round(sum(p.stat().st_size for p in paths) / 1e6, 2)
    return timings


def run_child(args: list[str], env: dict) -> tuple[dict, dict]:
    """Run this script as a measured child; returns its JSON line and (wall, cpu, peak MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"Barneprocessen fejlede ({args}): status {status}")
    measured = {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
    }
    return json.loads(output.strip().splitlines()[-1]), measured


def prepare(sites: int, directory: Path) -> dict:
    """The environment of a database with `sites` demo sites, loading it first when missing.

    The data are loaded into a temporary file that is renamed only when the load succeeded, so an
    interrupted load never leaves a half-filled database to be measured next time.
    """
    database = directory / f"bench-{sites}.sqlite3"
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DRIVKRAFT_DEMO_PASSWORD": "benchmark-only-password",
    }
    if not database.exists():
        print(f"Indlæser demodata for {sites} steder i {database} ...", flush=True)
        partial = directory / f"bench-{sites}.partial.sqlite3"
        for leftover in directory.glob(f"{partial.name}*"):
            leftover.unlink()
        env = {**base, "DATABASE_URL": f"sqlite:///{partial}"}
        drivkraft = [sys.executable, "-c", "from drivkraft.cli import main; main()"]
        for command in (
            ["migrate", "-v0"],
            ["demo", "--sites", str(sites), "--truth", str(directory / f"truth-{sites}.json")],
        ):
            done = subprocess.run(
                [*drivkraft, *command],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(command)} fejlede:\n{done.stderr[-3000:]}")
        with sqlite3.connect(partial) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        partial.rename(database)
    return {**base, "DATABASE_URL": f"sqlite:///{database}"}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--formats", default="html,docx")
    parser.add_argument("--child", choices=["analyse", "report"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        import django

        django.setup()
        row = child_analyse() if args.child == "analyse" else child_report(formats, args.out)
        print(json.dumps(row))
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    totals = []
    for sites in sorted(args.sites):
        env = prepare(sites, args.dir)
        analysed, analyse_usage = run_child(["--child", "analyse"], env)
        with tempfile.TemporaryDirectory(prefix="drivkraft-report-") as out:
            timings, report_usage = run_child(
                ["--child", "report", "--formats", ",".join(formats), "--out", out], env
            )
        parts = "  ".join(
            f"{name} {timings[f'{name}_s']:.1f} s ({timings[f'{name}_mb']} MB)" for name in formats
        )
        print(
            f"{analysed['sites']:>6} steder | analyse: {analyse_usage['wall_s']:.1f} s "
            f"(CPU {analyse_usage['cpu_s']:.1f} s, {analyse_usage['peak_mb']:.0f} MB) | "
            f"rapport {','.join(formats)}: {report_usage['wall_s']:.1f} s (CPU {report_usage['cpu_s']:.1f} s, "
            f"maks. {report_usage['peak_mb']:.0f} MB) = dokument {timings['document_s']:.1f} s  {parts}",
            flush=True,
        )
        totals.append((sites, report_usage))
    if len(totals) > 1:
        (small, first), (large, last) = totals[0], totals[-1]
        print(
            f"{large / small:.0f} gange så mange steder: {last['wall_s'] / first['wall_s']:.1f} gange tiden "
            f"(CPU {last['cpu_s'] / max(first['cpu_s'], 1e-9):.1f} gange); mål: højst 12 gange, "
            f"og ved 2.000 steder højst 30 s og 1.536 MB"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
