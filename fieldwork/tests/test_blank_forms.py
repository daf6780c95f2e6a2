"""The blank forms for adding a promoter or a trial action are rendered once per version of the
codebook: the same HTML as rendering them, and a change of the codebook shows at once."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import Code
from fieldwork.forms import FactorForm, TrialActionForm
from fieldwork.tests.factories import ReportFactory
from fieldwork.views._common import blank_code_form_fields
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [FactorForm, TrialActionForm])
def test_a_kept_blank_form_is_the_form_as_rendered(form_class):
    rendered = render_to_string("includes/form_fields.html", {"form": form_class(prefix="x")})
    assert blank_code_form_fields(form_class(prefix="x")) == rendered
    assert blank_code_form_fields(form_class(prefix="x")) == rendered  # from the cache


def test_a_filled_in_form_is_not_kept():
    with pytest.raises(ValueError):
        blank_code_form_fields(FactorForm({"statement": "Ny"}, prefix="x"))


def test_a_new_driver_is_offered_in_the_editor_at_once(client):
    user = UserFactory(role=Role.CONSULTANT)
    site = SiteFactory()
    AssignmentFactory(site=site, consultant=ConsultantFactory(user=user), starts_on=datetime.date(2018, 1, 1))
    client.force_login(user)
    url = reverse("fieldwork:report_edit", kwargs={"pk": ReportFactory(visit__site=site).visit.pk})
    assert "Fælles sprog" not in client.get(url).content.decode()
    Code.objects.create(kind="driver", key="common_language", label_da="Fælles sprog", sort_order=9)
    page = client.get(url).content.decode()
    assert page.count("Fælles sprog") == 2  # adding a promoter and agreeing a trial action
