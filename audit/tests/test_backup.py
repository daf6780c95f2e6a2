import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit.backup import BackupError, backup, restore, table_counts, verify
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory
from interop.jsonio.exporter import export_dataset
from registry.models import Site

pytestmark = pytest.mark.django_db(transaction=True)


def _data():
    report = ReportFactory(sections={"leadership": "Ledelsen bakker op om programmet."})
    FactorFactory(report=report)
    TrialActionFactory(agreed_at=report.visit)


def _comparable():
    data = export_dataset()
    data.pop("exported_at")
    return data


def test_backup_restores_into_an_emptied_database_and_compares(tmp_path):
    _data()
    before, counts = _comparable(), table_counts()
    archive = tmp_path / "backup.tar.gz"
    report = backup(archive)
    assert report.rows == sum(counts.values())
    call_command("flush", "--noinput")
    assert Site.objects.count() == 0
    restore(archive)
    assert table_counts() == counts
    assert _comparable() == before


def test_commands_back_up_and_restore(tmp_path):
    _data()
    archive = tmp_path / "b.tar.gz"
    call_command("backup", out=str(archive))
    Site.objects.all().delete()
    call_command("restore", str(archive))
    assert Site.objects.count() == 1


def test_a_damaged_archive_is_refused_and_nothing_changes(tmp_path):
    _data()
    archive = tmp_path / "b.tar.gz"
    backup(archive)
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(archive.read_bytes()[:200])
    with pytest.raises(BackupError):
        verify(damaged)
    with pytest.raises(CommandError):
        call_command("restore", str(damaged))
    assert Site.objects.count() == 1


def test_a_tampered_database_member_fails_the_checksum(tmp_path):
    _data()
    archive = tmp_path / "b.tar.gz"
    backup(archive)
    extracted = tmp_path / "x"
    with tarfile.open(archive) as tar:
        tar.extractall(extracted, filter="data")
    member = next(p for p in extracted.iterdir() if p.name.startswith("database"))
    member.write_bytes(member.read_bytes() + b"tamper")
    tampered = tmp_path / "t.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for path in extracted.iterdir():
            tar.add(path, arcname=path.name)
    with pytest.raises(BackupError, match="kontrolsum"):
        verify(tampered)


def test_planner_statistics_are_not_counted_as_data(tmp_path):
    """`drivkraft demo` ends with ANALYZE, which on SQLite writes the sqlite_stat1 table."""
    _data()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report = backup(tmp_path / "backup.tar.gz")
    assert report.rows == sum(table_counts().values())
