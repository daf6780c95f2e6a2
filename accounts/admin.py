"""User management for administrators, and the read-only base every domain model's admin uses.

Domain data is written by the services only (they mask, validate, version and audit); the admin
shows it. Configuration kept as data (alert rules, degree rules) stays editable in its own admin.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.models import User


class ReadOnlyAdminMixin:
    """No add, change or delete through the admin: the services are the only writers."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyTabularInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0


class ReadOnlyStackedInline(ReadOnlyAdminMixin, admin.StackedInline):
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users are managed here, by administrators only (accounts.permissions: user × change)."""

    list_display = ["username", "first_name", "last_name", "role", "site", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = [*BaseUserAdmin.fieldsets, (_("Rolle"), {"fields": ["role", "site"]})]

    def has_view_permission(self, request, obj=None) -> bool:
        return permissions.can_administer(request.user)

    def has_add_permission(self, request) -> bool:
        return permissions.can_administer(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return permissions.can_administer(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return permissions.can_administer(request.user)
