import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from audit.services import acting_as, record_report_read
from fieldwork.tests.factories import ReportFactory
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_administrator_browses_filters_and_exports_the_log(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    with acting_as(admin):
        SiteFactory(code="AUD1")
        SiteFactory(code="AUD2")
    client.force_login(admin)
    page = client.get(reverse("audit:log"), {"site_code": "AUD1"})
    assert page.status_code == 200
    assert "AUD1" in page.content.decode() and "AUD2" not in page.content.decode()
    export = client.get(reverse("audit:export"), {"model": "registry.Site"})
    body = b"".join(export.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff") and "AUD1" in body and "AUD2" in body


def test_reading_a_report_by_an_evaluator_is_recorded_but_not_by_its_team():
    report = ReportFactory()
    team = UserFactory(role=Role.TEAM_MEMBER, site=report.visit.site)
    evaluator = UserFactory(role=Role.EVALUATOR)
    record_report_read(team, report)
    assert not AuditEntry.objects.filter(action="read").exists()
    record_report_read(evaluator, report)
    entry = AuditEntry.objects.get(action="read")
    assert entry.actor == evaluator and entry.site_code == report.visit.site.code


def test_reading_a_report_in_the_web_page_and_the_api_is_recorded(client):
    report = ReportFactory()
    evaluator = UserFactory(role=Role.EVALUATOR)
    client.force_login(evaluator)
    assert client.get(reverse("fieldwork:report_detail", kwargs={"pk": report.pk})).status_code == 200
    assert client.get(f"/api/reports/{report.pk}/").status_code == 200
    reads = AuditEntry.objects.filter(action="read", object_pk=str(report.pk), actor=evaluator)
    assert reads.count() == 2
