"""The analysis pages show the report's phase figure and co-occurrence table."""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from publishing.tests.factories import build_report_world

pytestmark = pytest.mark.django_db


def test_evaluators_see_the_phase_figure_and_the_cooccurrence_table(client):
    build_report_world()
    client.force_login(UserFactory(role=Role.EVALUATOR))
    page = client.get(reverse("analysis:index")).content.decode()
    assert 'id="figure-phases"' in page and "<svg" in page.split('id="figure-phases"')[1][:2000]
    table = page.split('id="cooccurrence"')[1].split("</table>")[0]
    assert "Koder, der optræder sammen i samme rapport" in table
    assert "Coaching og supervision" in table and "Rapporter med begge" in table


def test_providers_get_the_cooccurrence_table_but_no_phase_figure_per_site(client):
    build_report_world()
    client.force_login(UserFactory(role=Role.PROVIDER))
    page = client.get(reverse("analysis:index")).content.decode()
    assert 'id="figure-phases"' not in page
    assert 'id="cooccurrence"' in page
