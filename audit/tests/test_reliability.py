"""Two processes writing reports at once lose nothing; a killed import leaves the database untouched.

These run real `drivkraft` processes against a database of their own: a SQLite file (WAL, busy
timeout, immediate transactions) and, when PostgreSQL is the database under test, a scratch database.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import psycopg
import pytest
from django.conf import settings

WRITER = """
import datetime, sys
from django.db import transaction
from fieldwork.models import ImplementationReport, ReportSection, Theme, Visit
from registry.models import Site
site = Site.objects.get(code="CONC")
for n in range({count}):
    with transaction.atomic():
        visit = Visit.objects.create(site=site, planned_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
                                     held_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=n), status="held")
        report = ImplementationReport.objects.create(visit=visit, anchoring=3)
        ReportSection.objects.bulk_create(ReportSection(report=report, theme=t, text="{tag} %d" % n) for t in Theme)
"""

SEED = """
import datetime
from registry.models import Programme, Site
programme = Programme.objects.create(code="MG", name="Mentaliseringsguiden", provider="CfM", training_months=30)
Site.objects.create(code="CONC", name="Samtidighed", programme=programme, region="midtjylland", ownership="private",
                    places=10, permanent_staff=10, age_min=12, age_max=18, joined_on=datetime.date(2018, 1, 1))
"""

COUNT = """
from fieldwork.models import ImplementationReport, ReportSection
from registry.models import Site
print(Site.objects.count(), ImplementationReport.objects.count(), ReportSection.objects.count())
"""


def _env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.local"})
    return env


def _drivkraft(database_url: str, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "drivkraft", *args],
        env=_env(database_url),
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


def _prepared(database_url: str) -> None:
    assert _drivkraft(database_url, "migrate", "--noinput").returncode == 0
    result = _drivkraft(database_url, "shell", "-c", SEED)
    assert result.returncode == 0, result.stderr


def _counts(database_url: str) -> tuple[int, int, int]:
    result = _drivkraft(database_url, "shell", "-c", COUNT)
    assert result.returncode == 0, result.stderr
    return tuple(int(x) for x in result.stdout.split()[-3:])


def _two_writers(database_url: str, per_process: int = 40) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "drivkraft", "shell", "-c", WRITER.format(count=per_process, tag=tag)],
            env=_env(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("A", "B")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    assert _counts(database_url) == (1, 2 * per_process, 12 * per_process)


@pytest.fixture
def postgres_scratch():
    if settings.DATABASES["default"]["ENGINE"] != "config.db.postgresql":
        pytest.skip("PostgreSQL run only (CI runs the suite again with DATABASE_URL on PostgreSQL)")

    base = settings.DATABASES["default"]
    name = f"drivkraft_scratch_{uuid.uuid4().hex[:8]}"
    dsn = (
        f"host={base['HOST'] or '127.0.0.1'} port={base['PORT'] or 5432} user={base['USER']} dbname=postgres"
    )
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{name}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_processes_writing_reports_on_sqlite_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'conc.sqlite3'}"
    _prepared(url)
    _two_writers(url)
    conn = sqlite3.connect(tmp_path / "conc.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_writing_reports_on_postgresql_lose_nothing(postgres_scratch):
    _prepared(postgres_scratch)
    _two_writers(postgres_scratch)


def _big_dataset(path, sites: int = 1200) -> None:
    base = {
        "format": "drivkraft-dataset",
        "version": 1,
        "programmes": [
            {"code": "RP", "name": "Robusthedsprogrammet", "provider": "KfS", "training_months": 6}
        ],
        "sites": [],
    }
    for n in range(sites):
        base["sites"].append(
            {
                "code": f"K{n:04d}",
                "name": f"Sted {n}",
                "programme": "RP",
                "region": "nordjylland",
                "ownership": "private",
                "places": 10,
                "permanent_staff": 12,
                "age_min": 12,
                "age_max": 18,
                "joined_on": "2018-01-01",
                "visits": [
                    {
                        "ref": f"K{n:04d}/v{v}",
                        "planned_on": f"2018-0{v + 1}-01",
                        "held_on": f"2018-0{v + 1}-01",
                        "status": "held",
                        "report": {"status": "draft", "sections": {"leadership": "Tekst " * 50}},
                    }
                    for v in range(8)
                ],
            }
        )
    path.write_text(json.dumps(base), encoding="utf-8")


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_an_import_killed_midway_leaves_the_database_as_before(tmp_path, engine, request):
    if engine == "sqlite":
        url = f"sqlite:///{tmp_path / 'kill.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_scratch")
    _prepared(url)
    before = _counts(url)
    dataset = tmp_path / "big.json"
    _big_dataset(dataset)
    proc = subprocess.Popen(
        [sys.executable, "-m", "drivkraft", "import", str(dataset)],
        env=_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(float(os.environ.get("KILL_AFTER_SECONDS", "5")))
    assert proc.poll() is None, "the import finished before it could be killed; make the dataset larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert _counts(url) == before
