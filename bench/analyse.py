"""Benchmark of the analysis: load demo data at each size and time `analysis.services.analyse`.

    .venv/bin/python bench/analyse.py [--sites 200 2000] [--seed 2018] [--dir var/bench] [--repeat 1]
                                      [--data demo|scenarios]

Each size gets its own SQLite database under --dir (reused when it exists, so a second run times the
analysis only). For each size it prints the time to read the records (selectors), to compute the
analysis (and the CPU time of each, which a busy machine inflates far less), to serialise it as JSON,
and the peak memory (max RSS) of the measuring process; at the end
the time ratio between the largest and the smallest size. `--data scenarios` loads data written
apart from the demo instead: the second scenario generator's sites (analysis/tests/scenarios: other
texts and proportions, 14 sites per scenario, no coded passages), scenario after scenario with
seeds from --seed on, imported through the JSON import. With --repeat N the measuring process
computes the analysis N times on the records it read and also prints each run's CPU time and the
best (on a busy machine the best of several is steadier than one; later runs find the compiled
keyword pattern cached).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRIVKRAFT = [sys.executable, "-c", "from drivkraft.cli import main; main()"]


def measure(repeat: int) -> None:
    """Run inside the child process: measured analyses of the database in DATABASE_URL."""
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from analysis.computations.result import run_analysis
    from analysis.computations.serialize import analysis_json
    from analysis.selectors import active_config, analysis_input
    from analysis.services import gc_paused

    with gc_paused():  # as analysis.services.analyse does
        started, cpu_started = time.perf_counter(), time.process_time()
        data = analysis_input()
        read, cpu_read = time.perf_counter(), time.process_time()
        config = active_config()
        result = run_analysis(data, config)
        computed, cpu_computed = time.perf_counter(), time.process_time()
        runs = [cpu_computed - cpu_read]
        for _ in range(repeat - 1):
            started_run = time.process_time()
            run_analysis(data, config)
            runs.append(time.process_time() - started_run)
    analysis_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = json.dumps(analysis_json(result))
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "sites": len(data.sites),
                "factors": len(data.factors),
                "passages": len(data.passages),
                "select_s": round(read - started, 2),
                "analyse_s": round(computed - read, 2),
                "json_s": round(done - computed, 2),
                "cpu_s": round(cpu_computed - cpu_started, 2),
                "select_cpu_s": round(cpu_read - cpu_started, 2),
                "analyse_cpu_s": round(cpu_computed - cpu_read, 2),
                "analyse_cpu_runs": [round(run, 3) for run in runs],
                "analyse_cpu_best": round(min(runs), 3),
                "json_mb": round(len(text) / 1e6, 1),
                "peak_mb": round(analysis_peak, 1),
                "peak_with_json_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "degree_counts": result.degree_counts,
            }
        )
    )


def load_scenarios(sites: int, seed: int) -> None:
    """Run inside a child process: import `sites` sites of the second scenario generator into the
    database in DATABASE_URL, each scenario's site codes made unique ("S01" → "X0001…")."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from analysis.tests.scenarios.generator import scenario
    from interop.jsonio.importer import import_dataset

    merged = None
    for number in range(seed, seed + sites):
        dataset, _planted = scenario(number)
        text = json.dumps(dataset["sites"]).replace('"S', f'"X{number:04d}')
        if merged is None:
            merged = {**dataset, "sites": []}
        merged["sites"] += json.loads(text)
        if len(merged["sites"]) >= sites:
            break
    merged["sites"] = merged["sites"][:sites]
    import_dataset(merged)


def prepare(sites: int, seed: int, directory: Path, kind: str) -> dict:
    """The environment of a database holding the demo data (or the scenarios) at `sites` sites,
    loaded unless a previous run completed it: the truth file is written only after a successful
    load."""
    name = f"{sites}-{seed}" if kind == "demo" else f"scenarios-{sites}-{seed}"
    database = directory / f"bench-{name}.sqlite3"
    truth = directory / f"truth-{name}.json"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    if not truth.exists():
        for stale in directory.glob(f"{database.name}*"):
            stale.unlink()
        print(f"Indlæser {kind} for {sites} steder (seed {seed}) i {database} ...", flush=True)
        subprocess.run([*DRIVKRAFT, "migrate", "-v0"], env=env, check=True)
        if kind == "demo":
            subprocess.run(
                [*DRIVKRAFT, "demo", "--sites", str(sites), "--seed", str(seed), "--truth", str(truth)],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        else:
            loader = [sys.executable, __file__, "--load-scenarios", "--sites", str(sites), "--seed", str(seed)]
            subprocess.run(loader, env=env, check=True, cwd=ROOT)
            truth.write_text(json.dumps({"scenarios_from_seed": seed, "sites": sites}))
    return env


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--repeat", type=int, default=1, help="analyses per measuring process")
    parser.add_argument("--data", choices=["demo", "scenarios"], default="demo")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--load-scenarios", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.repeat)
        return
    if args.load_scenarios:
        load_scenarios(args.sites[0], args.seed)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for sites in sorted(args.sites):
        env = prepare(sites, args.seed, args.dir, args.data)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", "--repeat", str(args.repeat)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        row = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(row)
        total = row["select_s"] + row["analyse_s"]
        print(
            f"{row['sites']:>6} steder  {row['factors']:>7} fremmere/hæmmere  læs {row['select_s']:>6.2f} s  "
            f"analyse {row['analyse_s']:>6.2f} s  i alt {total:>6.2f} s (CPU: læs {row['select_cpu_s']:.2f} s, "
            f"analyse {row['analyse_cpu_s']:.2f} s, i alt {row['cpu_s']:.2f} s)  JSON {row['json_s']:>5.2f} s "
            f"({row['json_mb']} MB)  maks. hukommelse {row['peak_mb']} MB (med JSON {row['peak_with_json_mb']} MB)",
            flush=True,
        )
        if args.repeat > 1:
            runs = ", ".join(f"{run:.2f}" for run in row["analyse_cpu_runs"])
            print(
                f"{'':>6}  analyse CPU pr. kørsel: {runs} s (bedste {row['analyse_cpu_best']:.2f} s)",
                flush=True,
            )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        ratio = (large["select_s"] + large["analyse_s"]) / max(small["select_s"] + small["analyse_s"], 1e-9)
        cpu_ratio = large["cpu_s"] / max(small["cpu_s"], 1e-9)
        print(
            f"{large['sites'] / small['sites']:.0f} gange så mange steder: {ratio:.1f} gange tiden "
            f"({cpu_ratio:.1f} gange CPU-tiden)"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
