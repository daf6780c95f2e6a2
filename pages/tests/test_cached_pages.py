"""The site page and the start page are rendered once per data version and reader, and shown from
the shared cache until either changes: what they show is never older than the data, a reader never
sees what was rendered for another reader's rights, and every view records the same reads."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.tests.factories import build_site
from audit.models import AuditAction, AuditEntry
from fieldwork.tests.factories import TrialActionFactory, write_first_section

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _view(client, url, body):
    """The page's content (the header holds the reader's form token) and whether it was rendered
    for this request."""
    response = client.get(url)
    assert response.status_code == 200
    main = response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return main, body in [template.name for template in response.templates]


def _site_page(client, site):
    return _view(client, reverse("registry:site_detail", kwargs={"pk": site.pk}), "pages/_site_body.html")


def _start_page(client, query=""):
    return _view(client, reverse("home") + query, "pages/_home_body.html")


def test_the_site_page_is_rendered_again_only_when_its_data_change():
    built = build_site("QZA01")
    client = _client(UserFactory(role=Role.EVALUATOR))
    first, rendered = _site_page(client, built["site"])
    assert rendered
    again, rendered = _site_page(client, built["site"])
    assert not rendered and again == first
    TrialActionFactory(agreed_at=built["site"].visits.order_by("-planned_on").first(), aim="Fælles dagsorden")
    changed, rendered = _site_page(client, built["site"])
    assert rendered and "Fælles dagsorden" in changed


def test_a_site_page_from_the_cache_records_the_same_reads_as_a_rendered_one():
    built = build_site("QZA01")
    TrialActionFactory(agreed_at=built["site"].visits.order_by("-planned_on").first(), aim="Fælles dagsorden")
    evaluator = UserFactory(role=Role.EVALUATOR)
    client = _client(evaluator)

    def reads():
        entries = AuditEntry.objects.filter(actor=evaluator, action=AuditAction.READ)
        return sorted(entries.values_list("model", "object_pk", "object_repr", "site_code"))

    _page, rendered = _site_page(client, built["site"])
    assert rendered and reads()
    first = reads()
    _page, rendered = _site_page(client, built["site"])
    assert not rendered
    assert reads() == sorted(first + first)


def test_a_reader_with_other_rights_is_not_shown_a_page_rendered_for_another():
    site = build_site("QZA01")["site"]
    membership = reverse("registry:site_membership", kwargs={"pk": site.pk})
    evaluator, _rendered = _site_page(_client(UserFactory(role=Role.EVALUATOR)), site)
    assert membership in evaluator
    team, rendered = _site_page(_client(UserFactory(role=Role.TEAM_MEMBER, site=site)), site)
    assert rendered and membership not in team
    again, rendered = _site_page(_client(UserFactory(role=Role.EVALUATOR)), site)
    assert not rendered and again == evaluator


def test_writing_report_text_leaves_the_start_page_cached_and_other_changes_show_at_once(monkeypatch):
    # As with the demo's 2,000 sites: more sites than the start page computes the analysis for.
    monkeypatch.setattr("pages.home.INLINE_DEGREE_LIMIT", 0)
    built = build_site("QZA01")
    client = _client(UserFactory(role=Role.EVALUATOR))
    _page, rendered = _start_page(client)
    assert rendered
    report = built["reports"][0]
    report.refresh_from_db()
    write_first_section(report, "En helt ny tekst om forankringen.")
    _page, rendered = _start_page(client)
    assert not rendered
    site = built["site"]
    site.name = "Bøgely Ungdomshjem"
    site.save()
    page, rendered = _start_page(client)
    assert rendered and "Bøgely Ungdomshjem" in page


def test_each_filter_of_the_start_page_is_rendered_for_itself():
    build_site("QZA01")
    build_site("QZB01")
    client = _client(UserFactory(role=Role.EVALUATOR))
    everything, _rendered = _start_page(client)
    filtered, rendered = _start_page(client, "?q=QZB")
    assert rendered and "QZA01" in everything and "QZA01" not in filtered and "QZB01" in filtered


def test_a_start_page_showing_degrees_follows_every_write():
    """The degrees come from the whole analysis, which follows report texts too."""
    built = build_site("QZA01")
    client = _client(UserFactory(role=Role.EVALUATOR))
    _page, rendered = _start_page(client)
    _page, again = _start_page(client)
    assert rendered and not again
    report = built["reports"][0]
    report.refresh_from_db()
    write_first_section(report, "En helt ny tekst om forankringen.")
    _page, rendered = _start_page(client)
    assert rendered
