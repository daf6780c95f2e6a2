"""The site page links each report its reader may read."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.tests.factories import build_site

pytestmark = pytest.mark.django_db


def _report_links(user, site) -> int:
    client = Client()
    client.force_login(user)
    html = client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).content.decode()
    return sum(f'href="{reverse("fieldwork:report_detail", kwargs={"pk": r.pk})}"' in html for r in _reports(site))


def _reports(site):
    return [visit.report for visit in site.visits.all()]


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.TEAM_MEMBER])
def test_every_report_of_the_site_is_linked_for_its_readers(role):
    site = build_site("QZA01")["site"]
    user = UserFactory(role=role, site=site if role == Role.TEAM_MEMBER else None)
    assert _report_links(user, site) == len(_reports(site)) == 3
