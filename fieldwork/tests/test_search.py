import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from fieldwork import search
from fieldwork.models import Factor, JointMeeting, ReportSection
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_danish_stemming_finds_inflected_forms():
    ReportFactory(sections={"leadership": "Ledelsen gik forrest med klare rammer for implementeringen."})
    user = UserFactory(role=Role.EVALUATOR)
    for query in ("ledelse", "implementering", "rammerne", "Ledelsen"):
        hits = search.search_texts(user, query)
        assert [h.kind for h in hits] == ["section"], query
    assert search.search_texts(user, "supervision") == []


def test_every_kind_of_text_is_searched():
    report = ReportFactory(sections={"anchoring": "Modellen bruges i journalerne."})
    FactorFactory(report=report, statement="Kollegial sparring om tankebobler", quote="Vi taler sammen")
    TrialActionFactory(agreed_at=report.visit, aim="Tankebobler ved aftensmaden")
    meeting = JointMeeting.objects.create(
        held_on=datetime.date(2019, 5, 1), title="Erfaringer", minutes="Tankeboblerne virker i praksis."
    )
    meeting.sites.set([report.visit.site])
    hits = search.search_texts(UserFactory(role=Role.EVALUATOR), "tankebobler")
    assert sorted(h.kind for h in hits) == ["factor", "meeting", "trial_action"]
    assert all("<mark>" in h.snippet for h in hits)


def test_results_are_filtered_by_permissions():
    mine, theirs = SiteFactory(), SiteFactory()
    ReportFactory(visit=VisitFactory(site=mine), sections={"leadership": "Demokratisk ledelse hos os"})
    ReportFactory(visit=VisitFactory(site=theirs), sections={"leadership": "Autoritær ledelse hos dem"})
    team = UserFactory(role=Role.TEAM_MEMBER, site=mine)
    hits = search.search_texts(team, "ledelse")
    assert len(hits) == 1 and mine.name in hits[0].title
    assert search.search_texts(UserFactory(role=Role.PROVIDER), "ledelse") == []


def test_permission_is_part_of_the_ranked_query(monkeypatch):
    """With only the newest two matches ranked, a team member's older text is still found: the
    texts of other sites never take the places of the ones the user may read."""
    mine, theirs = SiteFactory(), SiteFactory()
    ReportFactory(visit=VisitFactory(site=mine), sections={"leadership": "Sparring i ledelsen hos os"})
    for n in range(4):
        ReportFactory(visit=VisitFactory(site=theirs), sections={"leadership": f"Sparring hos dem {n}"})
    monkeypatch.setattr(search, "RANK_AT_MOST", 2)
    hits = search.search_texts(UserFactory(role=Role.TEAM_MEMBER, site=mine), "sparring")
    assert [mine.name in h.title for h in hits] == [True]
    assert len(search.search_texts(UserFactory(role=Role.EVALUATOR), "sparring")) == 2


def test_hits_are_bounded_and_best_first(monkeypatch):
    report = ReportFactory()
    FactorFactory(report=report, statement="Sparring")
    FactorFactory(report=report, statement="Sparring, sparring og mere sparring om sparring")
    for n in range(5):
        FactorFactory(
            report=report, statement=f"Sparring nummer {n} blandt mange andre ord i en lang sætning"
        )
    monkeypatch.setattr(search, "MAX_HITS", 3)
    hits = search.search_texts(UserFactory(role=Role.EVALUATOR), "sparring")
    assert len(hits) == 3 and hits.capped
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    assert "nummer" not in hits[0].obj.statement


def test_snippet_is_escaped():
    ReportFactory(sections={"leadership": "<script>alert(1)</script> ledelse"})
    hit = search.search_texts(UserFactory(role=Role.EVALUATOR), "ledelse")[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_index_follows_saves_deletes_and_bulk_loads():
    user = UserFactory(role=Role.EVALUATOR)
    report = ReportFactory()
    factor = FactorFactory(report=report, statement="Personalegennemstrømning hæmmer")
    assert len(search.search_texts(user, "personalegennemstrømning")) == 1
    factor.statement = "Noget helt andet"
    factor.save()
    assert search.search_texts(user, "personalegennemstrømning") == []
    factor.delete()
    ReportSection.objects.filter(report=report, theme="leadership").update(text="")
    Factor.objects.bulk_create(
        [Factor(report=report, valence="inhibitor", statement=f"Vikarer nummer {n}") for n in range(3)]
    )
    assert not search.index_is_current()
    assert len(search.search_texts(user, "vikarer")) == 3
    assert search.index_is_current()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {search.FTS_TABLE}")
        assert cursor.fetchone()[0] == search.indexable_count()


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_a_large_lag_queues_a_rebuild_instead_of_blocking_the_request(monkeypatch):

    user = UserFactory(role=Role.EVALUATOR)
    report = ReportFactory()
    Factor.objects.bulk_create(
        [Factor(report=report, valence="promoter", statement=f"Studiegruppe {n}") for n in range(5)]
    )
    calls = []
    monkeypatch.setattr(search, "INLINE_CATCH_UP", 2)
    monkeypatch.setattr(search, "search_catch_up", lambda: calls.append("inline"))
    hits = search.search_texts(user, "studiegrupper")
    assert calls == [] and len(hits) == 5 and not hits.index_updating
    assert cache.get(search.REBUILD_QUEUED_KEY) is None


def test_search_page_paginates(client):
    report = ReportFactory()
    for n in range(25):
        FactorFactory(report=report, statement=f"Sparring nummer {n}")
    client.force_login(UserFactory(role=Role.EVALUATOR), backend=BACKEND)
    html = client.get(reverse("fieldwork:search"), {"q": "sparring"}).content.decode()
    assert "25 resultater" in html and "Side 1 af 2" in html
    assert html.count('class="search-result"') == 20


def test_only_the_page_shown_is_loaded_and_recorded_as_read(client):
    """Ranking pages through ids; the texts of the 20 hits shown are the ones read."""
    for n in range(25):
        report = ReportFactory(visit=VisitFactory(site=SiteFactory(code=f"QS{n:03d}")))
        FactorFactory(report=report, statement=f"Sparring nummer {n}")
    evaluator = UserFactory(role=Role.EVALUATOR)
    client.force_login(evaluator, backend=BACKEND)
    first = client.get(reverse("fieldwork:search"), {"q": "sparring"}).content.decode()
    reads = AuditEntry.objects.filter(action="read", model="fieldwork.Factor", actor=evaluator)
    assert first.count('class="search-result"') == 20 and reads.count() == 20
    second = client.get(reverse("fieldwork:search"), {"q": "sparring", "page": 2}).content.decode()
    assert second.count('class="search-result"') == 5
    assert set(reads.values_list("site_code", flat=True)) == {f"QS{n:03d}" for n in range(25)}
