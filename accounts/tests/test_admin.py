"""The admin is read-only for domain data; users are managed there by administrators only."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db
# User accounts are managed in the admin by administrators; everything else is read-only there.
EDITABLE = {"accounts.User"}
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _admin_request():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    return request


def _is_project_app(app_config) -> bool:
    """An app of this repository, not an installed package (the virtualenv may sit inside the repo)."""
    path = Path(app_config.path)
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


def test_every_domain_model_and_inline_is_read_only_for_a_superuser():
    request = _admin_request()
    writable = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.label in EDITABLE or not _is_project_app(model._meta.app_config):
            continue
        checks = [(model_admin, model_admin.has_add_permission(request))]
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            checks.append((inline, inline.has_add_permission(request, None)))
        for checked, add in checks:
            if add or checked.has_change_permission(request) or checked.has_delete_permission(request):
                writable.append(f"{model._meta.label}: {type(checked).__name__}")
    assert not writable, "Writable through the admin: " + ", ".join(writable)


def test_a_site_cannot_be_changed_through_the_admin():
    site = SiteFactory(name="Engly")
    client = Client()
    client.force_login(_admin_request().user, backend=BACKEND)
    url = reverse("admin:registry_site_change", args=[site.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"name": "Andet navn", "code": site.code})
    site.refresh_from_db()
    assert site.name == "Engly"


def test_users_are_managed_by_administrators_only():
    staff_evaluator = UserFactory(role=Role.EVALUATOR, is_staff=True)
    client = Client()
    client.force_login(staff_evaluator, backend=BACKEND)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    client.force_login(_admin_request().user, backend=BACKEND)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    assert User.objects.count() == 2
