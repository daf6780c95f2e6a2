"""The evaluation and status reports end to end on a small hand-built world: every format re-opens
with its own reader, the Word headings are the report's sections, the PDF has page numbers."""

import pytest
from django.core.management import call_command
from django.db import transaction

from publishing.tests.factories import build_report_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def out(django_db_setup, django_db_blocker, tmp_path_factory):
    """Write every report once for the module; the data are rolled back afterwards."""
    directory = tmp_path_factory.mktemp("reports")
    with django_db_blocker.unblock(), transaction.atomic():
        build_report_world()
        call_command(
            "report",
            "--programme",
            "all",
            "--format",
            "html,docx,pdf,csv,xlsx",
            "--out",
            str(directory),
            verbosity=0,
        )
        call_command(
            "report",
            "--programme",
            "all",
            "--format",
            "docx,html",
            "--lang",
            "en",
            "--out",
            str(directory / "en"),
            verbosity=0,
        )
        call_command(
            "report",
            "--programme",
            "MG",
            "--format",
            "html",
            "--audience",
            "aggregate",
            "--out",
            str(directory / "agg"),
            verbosity=0,
        )
        call_command(
            "report", "--site", "MG1", "--format", "html,docx,pdf", "--out", str(directory), verbosity=0
        )
        transaction.set_rollback(True)
    return directory


def test_files_written(out):
    names = {p.name for p in out.iterdir()}
    assert {"report-all.html", "report-all.docx", "report-all.pdf", "report-all.xlsx"} <= names
    assert {"status-mg1.html", "status-mg1.docx", "status-mg1.pdf"} <= names
    assert any(n.startswith("report-all-") and n.endswith(".csv") for n in names)
