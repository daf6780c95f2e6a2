import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory

PASSWORD = "korrekt-hest-batteri"


def _drivkraft(*args, env_extra):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DRIVKRAFT_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "drivkraft", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_deploy_check_with_production_settings_reports_nothing():
    result = _drivkraft(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DRIVKRAFT_SECRET_KEY": secrets.token_urlsafe(64),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _drivkraft("check", env_extra={"DJANGO_SETTINGS_MODULE": "config.settings.production"})
    assert result.returncode != 0
    assert "DRIVKRAFT_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures():
    user = UserFactory(username="laase")
    client = Client()
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "laase", "password": "forkert"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(url, {"username": "laase", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.pk


@pytest.mark.django_db
def test_forms_need_a_csrf_token():
    UserFactory(username="csrf")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "csrf", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
