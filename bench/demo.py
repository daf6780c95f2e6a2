"""Benchmark: load the demo at 200 and 2,000 sites into a temporary SQLite file.

Run: .venv/bin/python bench/demo.py [SITES ...]
Prints, per size, the wall time of `drivkraft demo --sites N` (process start to exit, after
migrating a fresh database), the load time the command reports, the CPU time of the process (a
fairer figure on a shared machine), peak memory (max RSS) and the row counts. Target: 2,000 sites well under 5 minutes.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(sites: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="drivkraft-bench-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DRIVKRAFT_VAR_DIR": tmp,
            "DRIVKRAFT_DEMO_PASSWORD": "benchmark-only-password",
        }
        django = [sys.executable, "-m", "django"]
        subprocess.run([*django, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        started = time.perf_counter()
        process = subprocess.Popen(
            [*django, "demo", "--sites", str(sites), "--truth", f"{tmp}/truth.json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            raise SystemExit(f"drivkraft demo --sites {sites} failed:\n{output}")
        reported = re.search(r"på ([\d.]+) s", output)
        counts = json.loads(
            subprocess.run(
                [*django, "summary", "--json"], env=env, check=True, capture_output=True, text=True
            ).stdout
        )
        size = Path(f"{tmp}/bench.sqlite3").stat().st_size
        return {
            "sites": sites,
            "wall_seconds": round(wall, 1),
            "load_seconds": float(reported.group(1)) if reported else None,
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "database_mb": round(size / 1024 / 1024, 1),
            "reports": counts["reports"],
            "factors": counts["factors"],
            "trial_actions": counts["trial_actions"],
            "coded_passages": counts["coded_passages"],
        }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [200, 2000]
    print(
        f"{'sites':>6} {'wall s':>8} {'load s':>8} {'cpu s':>7} {'peak MB':>8} {'db MB':>7} {'reports':>8} {'factors':>8} {'passages':>9}"
    )
    for sites in sizes:
        r = run(sites)
        print(
            f"{r['sites']:>6} {r['wall_seconds']:>8} {r['load_seconds']:>8} {r['cpu_seconds']:>7} {r['peak_rss_mb']:>8} "
            f"{r['database_mb']:>7} {r['reports']:>8} {r['factors']:>8} {r['coded_passages']:>9}",
            flush=True,
        )


if __name__ == "__main__":
    main()
