import pytest

from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from audit.services import acting_as
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_recorded_with_actor_and_values():
    user = UserFactory()
    with acting_as(user):
        site = SiteFactory(code="A01", places=10)
        site.places = 14
        site.save()
        site.delete()
    entries = list(AuditEntry.objects.filter(model="registry.Site").order_by("id"))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(e.actor == user for e in entries)
    assert entries[1].before["places"] == 10 and entries[1].after["places"] == 14
    assert entries[1].site_code == "A01"


def test_audit_log_is_append_only():
    with acting_as(None):
        SiteFactory()
    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(note="x")
