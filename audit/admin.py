from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "actor_name", "action", "model", "object_pk", "site_code"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "actor_name", "site_code"]
