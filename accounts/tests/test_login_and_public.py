"""Login lockout per user name, password change and reset, working-day sessions, no-store pages and
the rate-limited public readiness form."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from decisions.models import ReadinessAssessment
from decisions.tests.factories import form_data

pytestmark = pytest.mark.django_db
PASSWORD = "korrekt-hest-batteri"
ADDRESS = "10.0.0.9"


def _login(username: str, password: str, address: str = ADDRESS) -> tuple[int, bool]:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code, "_auth_user_id" in client.session


def test_one_users_success_does_not_reset_another_users_failures():
    UserFactory(username="offer")
    UserFactory(username="angriber")
    for _ in range(4):
        _login("offer", "forkert")
        _login("angriber", PASSWORD)  # interleaved successes from the same address
    _login("offer", "forkert")
    assert _login("offer", PASSWORD) == (429, False)
    assert _login("angriber", PASSWORD)[1]


def test_a_locked_user_name_stays_locked_from_another_address():
    UserFactory(username="offer")
    for _ in range(5):
        _login("offer", "forkert")
    assert _login("offer", PASSWORD, address="10.0.0.77") == (429, False)
    page = Client().post(reverse("accounts:login"), {"username": "offer", "password": PASSWORD})
    assert "Log ind er spærret" in page.content.decode()


def test_unknown_names_lock_only_unknown_names_from_that_address():
    UserFactory(username="kollega")
    for index in range(5):
        _login(f"findes-ikke-{index}", "forkert")
    assert _login("findes-ikke-99", "forkert")[0] == 429
    assert _login("findes-ikke-99", "forkert", address="10.0.0.77")[0] == 200
    assert _login("kollega", PASSWORD)[1]


def test_password_change():
    user = UserFactory(username="skifter")
    client = Client()
    client.force_login(user)
    new = "en-helt-ny-og-lang-adgangskode"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    page = client.get(reverse("accounts:password_change"))
    assert "Skift adgangskode" in page.content.decode()


def test_password_reset_by_email():
    user = UserFactory(username="glemsom", email="glemsom@example.dk")
    client = Client()
    page = client.get(reverse("accounts:password_reset"))
    assert "Glemt adgangskode" in page.content.decode()
    client.post(reverse("accounts:password_reset"), {"email": "glemsom@example.dk"})
    assert len(mail.outbox) == 1
    assert "Ny adgangskode" in mail.outbox[0].subject
    link = re.search(r"/konti/glemt/[^/]+/[^/]+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "nulstillet-med-et-langt-ord"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_sessions_last_a_working_day():
    assert 9 * 3600 <= settings.SESSION_COOKIE_AGE <= 10 * 3600


def test_pages_with_personal_data_are_not_stored():
    client = Client()
    client.force_login(UserFactory(role=Role.EVALUATOR))
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    anonymous = Client().get(reverse("decisions:readiness_start"))
    assert "no-store" not in anonymous.get("Cache-Control", "")


def test_the_public_readiness_form_is_rate_limited():
    client = Client()
    statuses = [
        client.post(reverse("decisions:readiness_start"), form_data(label=f"Hus {n}")).status_code
        for n in range(30)
    ]
    assert ReadinessAssessment.objects.count() == 10
    assert statuses[:10] == [302] * 10 and set(statuses[10:]) == {429}
    refused = client.post(reverse("decisions:readiness_start"), form_data(label="Hus"))
    assert "for mange selvvurderinger" in refused.content.decode()
    other = Client(REMOTE_ADDR="10.1.1.1").post(
        reverse("decisions:readiness_start"), form_data(label="Andet")
    )
    assert other.status_code == 302


def test_the_limit_holds_across_processes():
    """The counts are in the shared cache: a process with an empty cache of its own still refuses."""
    client = Client()
    for n in range(11):
        client.post(reverse("decisions:readiness_start"), form_data(label=f"Hus {n}"))
    caches["default"].clear()  # what another gunicorn process starts with
    assert client.post(reverse("decisions:readiness_start"), form_data(label="Hus")).status_code == 429
    assert ReadinessAssessment.objects.count() == 10
