"""The analysis pages: what each role sees, the matrix's inline confirmation, degree overrides."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.models import DegreeOverride, MatrixRating
from analysis.tests.factories import build_site, code
from audit import data_version
from fieldwork.models import Factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return [build_site("QZA01"), build_site("QZA02"), build_site("QZB01", programme="RP")]


def _login(client, role):
    client.force_login(UserFactory(role=role))


def _queries(client, url) -> int:
    data_version.current()  # the test's own writes write their data versions first, as at a commit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_evaluators_see_sites_and_statements(client, world):
    _login(client, Role.EVALUATOR)
    page = client.get(reverse("analysis:index")).content.decode()
    assert "QZA01" in page and "QZB01" in page
    assert "Klare mål er delt med alle medarbejdere" in page
    assert reverse("analysis:degree", kwargs={"site_id": world[0]["site"].pk}) in page


def test_providers_see_aggregates_only(client, world):
    _login(client, Role.PROVIDER)
    for url in (reverse("analysis:index"), reverse("analysis:programme", kwargs={"code": "MG"})):
        page = client.get(url).content.decode()
        if url == reverse("analysis:index"):
            assert "Driverprofiler" in page and "Programmerne sammenlignet" in page
        else:  # MG has 2 sites here: too few to show any figure (analysis.computations.disclosure)
            assert "Færre end 3 steder – ikke vist" in page and "Driverprofiler" not in page
        for site in world:
            assert site["site"].code not in page
            assert site["site"].name not in page
        assert "Klare mål er delt" not in page
        assert "Travl drift" not in page
    page = client.get(reverse("analysis:programme", kwargs={"code": "RP"})).content.decode()
    assert reverse("publishing:evaluation_report", kwargs={"programme": "rp", "fmt": "docx"}) in page


def test_unknown_programme_is_404(client, world):
    _login(client, Role.EVALUATOR)
    assert client.get(reverse("analysis:programme", kwargs={"code": "XX"})).status_code == 404


def test_consultants_and_teams_get_no_analysis(client, world):
    _login(client, Role.CONSULTANT)
    assert client.get(reverse("analysis:index")).status_code == 403
    assert client.get(reverse("analysis:matrix")).status_code == 403


def test_matrix_shows_sites_by_degree_with_cells(client, world):
    _login(client, Role.EVALUATOR)
    page = client.get(reverse("analysis:matrix")).content.decode()
    organisation = code("driver", "organisation")
    site = world[0]["site"]
    assert f'id="cell-{site.pk}-{organisation.pk}"' in page
    page = client.get(reverse("analysis:matrix"), {"kind": "mechanism", "programme": "RP"}).content.decode()
    assert "Faciliterende" in page or code("mechanism", "facilitative_administration").label_da in page
    assert f'id="cell-{site.pk}-' not in page


def test_matrix_cell_is_confirmed_inline_with_htmx(client, world):
    _login(client, Role.EVALUATOR)
    site, organisation = world[0]["site"], code("driver", "organisation")
    url = reverse("analysis:matrix_cell", kwargs={"site_id": site.pk, "code_id": organisation.pk})
    form = client.get(url, {"edit": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert form.lstrip().startswith("<td") and 'name="rating"' in form
    response = client.post(
        url, {"rating": "2", "summary": "Tydelige mål, cpr 010203-1234."}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "rating-2" in fragment and "bekræftet" in fragment
    rating = MatrixRating.objects.get(site=site, code=organisation)
    assert rating.rating == 2 and "010203" not in rating.summary
    assert rating.proposed is not None
    response = client.post(url, {"rating": "5", "summary": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    rating.refresh_from_db()
    assert rating.rating == 2


def test_matrix_cell_without_htmx_redirects_to_the_matrix(client, world):
    _login(client, Role.EVALUATOR)
    site, organisation = world[0]["site"], code("driver", "organisation")
    url = reverse("analysis:matrix_cell", kwargs={"site_id": site.pk, "code_id": organisation.pk})
    response = client.post(url, {"rating": "", "summary": "Ingen klar retning."})
    assert response.status_code == 302
    assert MatrixRating.objects.get(site=site, code=organisation).rating is None


def test_a_non_matrix_code_is_404(client, world):
    _login(client, Role.EVALUATOR)
    point = code("attention_point", "clear_goals")
    url = reverse("analysis:matrix_cell", kwargs={"site_id": world[0]["site"].pk, "code_id": point.pk})
    assert client.get(url).status_code == 404


def test_matrix_evidence_lists_statements_and_passages(client, world):
    _login(client, Role.EVALUATOR)
    site, organisation = world[0]["site"], code("driver", "organisation")
    page = client.get(
        reverse("analysis:matrix_evidence", kwargs={"site_id": site.pk, "code_id": organisation.pk})
    ).content.decode()
    assert page.count("Klare mål er delt med alle medarbejdere") == 3
    assert reverse("coding:report", kwargs={"report_id": world[0]["reports"][0].pk}) in page


def test_degree_override_needs_a_reason_and_is_kept(client, world):
    _login(client, Role.EVALUATOR)
    site = world[0]["site"]
    url = reverse("analysis:degree", kwargs={"site_id": site.pk})
    before = client.get(reverse("analysis:index")).content.decode()
    response = client.post(url, {"degree": "high", "reason": ""})
    assert response.status_code == 400
    assert "En tilsidesættelse kræver en begrundelse." in response.content.decode()
    assert not DegreeOverride.objects.exists()
    assert client.post(url, {"degree": "low", "reason": "Teamet er opløst."}).status_code == 302
    page = client.get(url).content.decode()
    assert "Teamet er opløst." in page and "tilsidesat" in page
    after = client.get(reverse("analysis:index")).content.decode()
    assert after.count("I lav grad") == before.count("I lav grad") + 1, "the cached analysis was not renewed"


def test_analysis_and_matrix_queries_stay_constant_as_sites_grow(client, world):
    _login(client, Role.EVALUATOR)
    index, matrix = _queries(client, reverse("analysis:index")), _queries(client, reverse("analysis:matrix"))
    build_site("QZA03")
    build_site("QZA04")
    build_site("QZB02", programme="RP")
    assert _queries(client, reverse("analysis:index")) == index
    assert _queries(client, reverse("analysis:matrix")) == matrix


def test_site_rows_and_matrix_rows_paginate(client, world, monkeypatch):
    monkeypatch.setattr("analysis.views.overview.SITE_PAGE_SIZE", 2)
    _login(client, Role.EVALUATOR)
    first = client.get(reverse("analysis:index")).content.decode()
    second = client.get(reverse("analysis:index"), {"page": 2}).content.decode()
    assert "side 1 af 2" in first and "side 2 af 2" in second
    assert 'id="site-QZB01"' in second and 'id="site-QZB01"' not in first
    matrix = client.get(reverse("analysis:matrix")).content.decode()
    assert matrix.count("memo</a></th>") == 2
    assert client.get(reverse("analysis:matrix"), {"page": 2}).content.decode().count("memo</a></th>") == 1


def test_uncoded_statements_show_the_degree_as_provisional_on_analysis_degree_and_site_pages(client, world):
    site = world[0]["site"]
    Factor.objects.filter(report__visit__site=site).update(driver=None, mechanism=None)
    _login(client, Role.EVALUATOR)
    reason = "6 udsagn er ikke kodet endnu"
    degree_page = client.get(reverse("analysis:degree", kwargs={"site_id": site.pk})).content.decode()
    assert "foreløbig" in degree_page and reason in degree_page
    assert "6 udsagn (6 ikke kodet)" in degree_page
    assert reason in client.get(reverse("analysis:index")).content.decode()
    assert reason in client.get(reverse("registry:site_detail", kwargs={"pk": site.pk})).content.decode()
    other = client.get(reverse("analysis:degree", kwargs={"site_id": world[1]["site"].pk})).content.decode()
    assert "ikke kodet endnu" not in other
