import csv
import io

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from audit.services import acting_as
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


def test_the_exported_log_opens_in_excel_without_running_a_formula(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    with acting_as(UserFactory(username='=HYPERLINK("http://example.org","klik")')):
        SiteFactory(code="AUD3")
    client.force_login(admin)
    export = client.get(reverse("audit:export"), {"site_code": "AUD3"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
