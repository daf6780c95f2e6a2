"""A site's data version follows its own data and what belongs to no site, so a site's status and
status report are recomputed after a change there and kept after a change at another home."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from analysis import results
from analysis.tests.factories import build_site
from audit import data_version
from audit.services import record
from codebook.models import Code
from fieldwork import services as fieldwork_services
from fieldwork.models import JointMeeting
from fieldwork.tests.factories import FactorFactory, write_first_section

pytestmark = pytest.mark.django_db


def _two_sites():
    return build_site("QZA01"), build_site("QZB02")


def _edit_a_statement(built):
    factor = built["reports"][0].factors.first()
    fieldwork_services.factor_update(
        factor=factor, expected_version=factor.version, valence=factor.valence, statement="Ny ordlyd"
    )


def test_a_change_at_one_site_leaves_the_other_sites_version_and_status():
    first, second = _two_sites()
    versions = {code: data_version.site_version(code) for code in ("QZA01", "QZB02")}
    status_of_second = results.site_status("QZB02")
    everything = data_version.current()
    _edit_a_statement(first)
    assert data_version.site_version("QZA01") != versions["QZA01"]
    assert data_version.site_version("QZB02") == versions["QZB02"]
    assert data_version.current() != everything
    assert results.site_status("QZB02") is status_of_second


def test_the_changed_site_is_computed_again():
    first, _second = _two_sites()
    before = results.site_status("QZA01")
    _edit_a_statement(first)
    assert results.site_status("QZA01") is not before


def test_a_write_that_belongs_to_no_site_changes_every_site_version():
    _two_sites()
    versions = {code: data_version.site_version(code) for code in ("QZA01", "QZB02")}
    code = Code.objects.filter(kind="driver").first()
    code.sort_order += 1
    code.save()
    assert all(data_version.site_version(c) != v for c, v in versions.items())


def test_a_joint_meeting_changes_every_site_version():
    first, second = _two_sites()
    versions = {code: data_version.site_version(code) for code in ("QZA01", "QZB02")}
    meeting = JointMeeting.objects.create(title="Fælles møde", held_on=first["site"].joined_on)
    meeting.sites.add(first["site"], second["site"])
    assert all(data_version.site_version(c) != v for c, v in versions.items())


def test_a_bulk_load_changes_every_site_version():
    _two_sites()
    versions = {code: data_version.site_version(code) for code in ("QZA01", "QZB02")}
    record(action="bulk", model="registry.Site", note="Indlæst")
    assert all(data_version.site_version(c) != v for c, v in versions.items())


def test_a_site_version_fits_the_columns_that_store_it():
    first, _second = _two_sites()
    _edit_a_statement(first)
    code = Code.objects.filter(kind="driver").first()
    code.sort_order += 1
    code.save()
    assert len(data_version.site_version("QZA01")) <= 64


def test_a_statement_moved_to_another_site_changes_the_site_it_leaves():
    first, second = _two_sites()
    meeting = JointMeeting.objects.create(title="Fælles møde", held_on=first["site"].joined_on)
    meeting.sites.add(first["site"], second["site"])
    factor = FactorFactory(report=None, joint_meeting=meeting, site=second["site"])
    status_of_second = results.site_status("QZB02")
    versions = {code: data_version.site_version(code) for code in ("QZA01", "QZB02")}
    factor.site = first["site"]
    factor.save()
    assert all(data_version.site_version(c) != v for c, v in versions.items())
    assert results.site_status("QZB02") is not status_of_second


def test_writing_report_text_keeps_the_sites_status_and_changes_what_reads_the_text():
    first, _second = _two_sites()
    report = first["reports"][0]
    report.refresh_from_db()
    status = results.site_status("QZA01")
    site_input = results.site_input("QZA01")
    without_texts = data_version.site_version_without_texts("QZA01")
    whole = data_version.site_version("QZA01")
    everything = (data_version.current(), data_version.current_without_texts())
    write_first_section(report, "En helt ny tekst om forankringen.")
    assert data_version.site_version("QZA01") != whole
    assert data_version.site_version_without_texts("QZA01") == without_texts
    assert data_version.current() != everything[0]
    assert data_version.current_without_texts() == everything[1]
    assert results.site_status("QZA01") is status
    assert results.site_input("QZA01") is not site_input
    assert "En helt ny tekst om forankringen." in {t.text for t in results.site_input("QZA01").report_texts}


def test_a_report_change_beyond_its_text_changes_the_sites_status():
    first, _second = _two_sites()
    report = first["reports"][0]
    status = results.site_status("QZA01")
    without_texts = data_version.site_version_without_texts("QZA01")
    everything_without_texts = data_version.current_without_texts()
    report.anchoring = 5 if report.anchoring != 5 else 4
    report.save()
    assert data_version.site_version_without_texts("QZA01") != without_texts
    assert data_version.current_without_texts() != everything_without_texts
    assert results.site_status("QZA01") is not status


def test_a_save_that_changes_nothing_changes_no_version():
    first, _second = _two_sites()
    factor = first["reports"][0].factors.first()
    def versions():
        return data_version.current(), data_version.current_without_texts(), data_version.site_version("QZA01")

    before = versions()
    factor.save()
    assert versions() == before


def _statement(built, text):
    factor = built["reports"][0].factors.first()
    factor.statement = text
    factor.save()


@pytest.mark.django_db(transaction=True)
def test_a_transaction_writes_its_data_versions_as_its_last_statements():
    built = build_site("QZA01")
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        _statement(built, "Ny ordlyd")
        _statement(built, "Endnu en ordlyd")
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    versions = [i for i, sql in enumerate(writes) if "dataversion" in sql]
    # everything, everything but report texts, the site: one write per row, however many rows changed
    assert len(versions) == 3
    assert versions == [len(writes) - 3, len(writes) - 2, len(writes) - 1]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_reads_the_versions_of_its_own_writes_and_a_rollback_keeps_the_old_ones():
    built = build_site("QZA01")
    before = data_version.site_version("QZA01")
    with transaction.atomic():
        _statement(built, "Ny ordlyd")
        assert data_version.site_version("QZA01") != before
        inside = data_version.site_version("QZA01")
    assert data_version.site_version("QZA01") == inside
    with pytest.raises(RuntimeError), transaction.atomic():
        _statement(built, "Forkastet ordlyd")
        raise RuntimeError
    assert data_version.site_version("QZA01") == inside
