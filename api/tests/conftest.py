from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.tests.url_table import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def as_role(world):
    """An APIClient authenticated as one of the test world's roles by `Authorization: Bearer <token>`."""

    def make(role: str) -> APIClient:

        out = StringIO()
        call_command("token", world.users[role].username, stdout=out)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")
        return client

    return make
