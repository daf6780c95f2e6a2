"""Providers see no figure about fewer than 3 sites; the table says what it left out."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.computations.disclosure import MIN_SITES, Suppressed, disclose, disclose_counts, too_few
from analysis.tests.factories import build_site
from fieldwork.models import ExternalEvent

pytestmark = pytest.mark.django_db
NOTE = "Færre end 3 steder – ikke vist"
LEFT_ON = datetime.date(2019, 11, 30)


def test_the_rule_suppresses_one_and_two_sites_only():
    assert MIN_SITES == 3
    assert [too_few(n) for n in range(5)] == [False, True, True, False, False]
    assert disclose(7, 2) == Suppressed(2) and disclose(7, 3) == 7
    assert disclose_counts({"high": 1, "some": 3, "low": 0}, 4) == {
        "high": Suppressed(1),
        "some": 3,
        "low": 0,
    }
    assert all(isinstance(v, Suppressed) for v in disclose_counts({"high": 5}, 2).values())


@pytest.fixture
def world():
    sites = [build_site(f"QZA0{n}") for n in range(1, 4)] + [build_site("QZB01", programme="RP")]
    rp = sites[-1]["site"]
    rp.left_on = LEFT_ON
    rp.left_reason = "Ny ledelse"
    rp.save()
    ExternalEvent.objects.create(site=rp, kind="management_change", starts_on=LEFT_ON)
    return sites


def _provider_page(client, url):
    client.force_login(UserFactory(role=Role.PROVIDER))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_provider_tables_suppress_groups_of_one_home_and_say_so(client, world):
    page = _provider_page(client, reverse("analysis:index"))
    assert NOTE in page
    assert LEFT_ON.strftime("%d.%m.%Y") not in page
    assert "Ny ledelse" not in page
    assert "RP: –" in page and "MG: 9" in page  # reports per programme: RP has one home, MG three


def test_a_programme_of_one_home_shows_no_figures(client, world):
    page = _provider_page(client, reverse("analysis:programme", kwargs={"code": "RP"}))
    assert NOTE in page
    assert "Driverprofiler" not in page and LEFT_ON.strftime("%d.%m.%Y") not in page


def test_evaluators_still_see_every_cell(client, world):
    client.force_login(UserFactory(role=Role.EVALUATOR))
    page = client.get(reverse("analysis:index")).content.decode()
    assert NOTE not in page and LEFT_ON.strftime("%d.%m.%Y") in page


def test_api_degree_counts_for_providers_hide_small_groups(world):
    client = APIClient()
    client.force_authenticate(UserFactory(role=Role.PROVIDER))
    answer = client.get("/api/analyses/", {"programme": "RP"}).json()
    assert answer["suppressed"] and all(answer["degree_counts"][key] is None for key in answer["suppressed"])
    assert all(n is None or n == 0 or n >= MIN_SITES for n in answer["degree_counts"].values())
