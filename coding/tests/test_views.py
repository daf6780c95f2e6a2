import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import CodebookVersion
from coding.models import CodedPassage, Memo, MemoTarget
from coding.selectors import text_segments
from coding.tests.factories import MemoFactory, PassageFactory, code
from fieldwork.tests.factories import ReportFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, ProgrammeFactory, SiteFactory

pytestmark = pytest.mark.django_db
TEXT = "Teamet mødes hver uge.\r\nLedelsen bakker op 💪 om supervisionen."


@pytest.fixture
def evaluator(client):
    user = UserFactory(role=Role.EVALUATOR)
    client.force_login(user)
    return user


def _report(site=None, held=datetime.date(2019, 3, 1), text=TEXT):
    visit = VisitFactory(site=site or SiteFactory(), planned_on=held)
    return ReportFactory(visit=visit, sections={"leadership": text})


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_segments_cut_at_passages_and_crlf():
    passage = CodedPassage(pk=1, start=7, end=12, valence="promoter")
    segments = text_segments(TEXT, [passage])
    assert "".join(s.text for s in segments) == TEXT
    assert [s.text for s in segments if s.is_coded] == ["mødes"]
    assert any(s.text == "\r\n" for s in segments)
    assert all(TEXT[s.start : s.end] == s.text for s in segments)


def test_workspace_filters_reports_by_site_programme_and_period(client, evaluator):
    rp = ProgrammeFactory(code="RP", name="Robusthedsprogrammet")
    early = _report(held=datetime.date(2018, 5, 1))
    late = _report(site=SiteFactory(programme=rp), held=datetime.date(2020, 5, 1))
    url = reverse("coding:workspace")

    def shown(**params):
        page = client.get(url, params).content.decode()
        return {r for r in (early, late) if reverse("coding:report", kwargs={"report_id": r.pk}) in page}

    assert shown() == {early, late}
    assert shown(programme=rp.pk) == {late}
    assert shown(date_from="01.01.2019") == {late}
    assert shown(site=early.visit.site.pk) == {early}
    response = client.get(url, {"date_from": "2020-01-01", "date_to": "2019-01-01"})
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()


def test_workspace_queries_stay_constant_as_reports_grow(client, evaluator):
    for _ in range(3):
        PassageFactory(coder=evaluator)
    few = _queries(client, reverse("coding:workspace"))
    for _ in range(12):
        PassageFactory(coder=evaluator)
    assert _queries(client, reverse("coding:workspace")) == few


def test_consultants_and_providers_do_not_code(client):
    report = _report()
    for role in (Role.CONSULTANT, Role.PROVIDER, Role.TEAM_MEMBER):
        user = UserFactory(role=role, site=report.visit.site if role == Role.TEAM_MEMBER else None)
        client.force_login(user)
        assert client.get(reverse("coding:report", kwargs={"report_id": report.pk})).status_code == 403


def test_coding_a_passage_from_the_report_page(client, evaluator):
    report = _report()
    section = report.sections.get(theme="leadership")
    start = TEXT.index("Ledelsen")
    end = start + len("Ledelsen bakker op 💪")
    url = reverse("coding:report", kwargs={"report_id": report.pk})
    response = client.post(
        url,
        {
            "section": section.pk,
            "start": start,
            "end": end,
            "text": "Ledelsen bakker op 💪",
            "driver": code("driver", "leadership").pk,
            "valence": "promoter",
        },
    )
    assert response.status_code == 302
    passage = CodedPassage.objects.get()
    assert (passage.start, passage.end, passage.coder) == (start, end, evaluator)
    assert passage.codebook_version == CodebookVersion.objects.get(number=1)
    page = client.get(url).content.decode()
    assert f'data-start="{start}" data-end="{end}" data-passages="{passage.pk}"' in page


def test_a_forged_offset_is_refused_with_a_message_and_saves_nothing(client, evaluator):
    report = _report()
    section = report.sections.get(theme="leadership")
    response = client.post(
        reverse("coding:report", kwargs={"report_id": report.pk}),
        {
            "section": section.pk,
            "start": 0,
            "end": 6,
            "text": "Ledels",
            "driver": code("driver", "leadership").pk,
        },
    )
    assert response.status_code == 400
    assert "svarer ikke til afsnittets tekst" in response.content.decode()
    assert not CodedPassage.objects.exists()


def test_a_section_of_another_report_is_refused(client, evaluator):
    report, other = _report(), _report()
    response = client.post(
        reverse("coding:report", kwargs={"report_id": report.pk}),
        {
            "section": other.sections.get(theme="leadership").pk,
            "start": 0,
            "end": 6,
            "text": "Teamet",
            "driver": code("driver", "leadership").pk,
        },
    )
    assert response.status_code == 400
    assert not CodedPassage.objects.exists()


def test_retired_codes_are_not_offered(client, evaluator):
    coaching = code("mechanism", "coaching")
    coaching.is_retired = True
    coaching.save()
    page = client.get(reverse("coding:report", kwargs={"report_id": _report().pk})).content.decode()
    assert f'value="{coaching.pk}" data-driver' not in page
    assert f'value="{code("mechanism", "training").pk}" data-driver' in page


def test_passage_list_filters_by_code_site_programme_and_period(client, evaluator):
    rp = ProgrammeFactory(code="RP", name="Robusthedsprogrammet")
    first = PassageFactory(coder=evaluator, driver=code("driver", "leadership"))
    other_section = _report(site=SiteFactory(programme=rp), held=datetime.date(2020, 2, 1)).sections.get(
        theme="leadership"
    )
    second = PassageFactory(
        coder=evaluator, section=other_section, start=0, end=6, driver=code("driver", "competence")
    )
    url = reverse("coding:passages")

    def ids(**params):
        page = client.get(url, params).content.decode()
        return {p.pk for p in (first, second) if f'id="passage-{p.pk}"' in page}

    assert ids() == {first.pk, second.pk}
    assert ids(code=code("driver", "competence").pk) == {second.pk}
    assert ids(site=first.section.report.visit.site.pk) == {first.pk}
    assert ids(programme=rp.pk) == {second.pk}
    assert ids(date_from="2019-01-01") == {second.pk}
    assert ids(valence="promoter") == {first.pk, second.pk}


def test_passage_list_paginates_with_constant_queries(client, evaluator):
    for _ in range(3):
        PassageFactory(coder=evaluator)
    few = _queries(client, reverse("coding:passages"))
    for _ in range(30):
        PassageFactory(coder=evaluator)
    assert _queries(client, reverse("coding:passages")) == few
    page = client.get(reverse("coding:passages")).content.decode()
    assert "Side 1 af 2" in page
    assert page.count('class="actions"') == 25


def test_report_page_queries_stay_constant_as_passages_grow(client, evaluator):
    report = _report()
    section = report.sections.get(theme="leadership")
    url = reverse("coding:report", kwargs={"report_id": report.pk})
    PassageFactory(coder=evaluator, section=section, start=0, end=6)
    few = _queries(client, url)
    for start in range(7, 20):
        PassageFactory(coder=evaluator, section=section, start=start, end=start + 3)
    assert _queries(client, url) == few


def test_recode_and_delete(client, evaluator):
    passage = PassageFactory(coder=evaluator)
    url = reverse("coding:passage_edit", kwargs={"pk": passage.pk})
    response = client.post(
        url,
        {
            "driver": code("driver", "competence").pk,
            "mechanism": code("mechanism", "training").pk,
            "valence": "inhibitor",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("coding:passages")
    passage.refresh_from_db()
    assert (passage.driver.key, passage.mechanism.key, passage.valence) == (
        "competence",
        "training",
        "inhibitor",
    )
    response = client.post(
        url, {"driver": code("driver", "leadership").pk, "mechanism": code("mechanism", "training").pk}
    )
    assert response.status_code == 400
    assert "Mekanismen hører ikke under den valgte driver." in response.content.decode()
    client.post(reverse("coding:passage_delete", kwargs={"pk": passage.pk}))
    assert not CodedPassage.objects.exists()


def test_codebook_is_readable_by_providers_but_not_editable(client):
    client.force_login(UserFactory(role=Role.PROVIDER))
    page = client.get(reverse("coding:codebook")).content.decode()
    assert "Kompetence" in page and "Ny kode" not in page
    leadership = code("driver", "leadership")
    assert client.get(reverse("coding:code", kwargs={"pk": leadership.pk})).status_code == 200
    assert client.get(reverse("coding:code_edit", kwargs={"pk": leadership.pk})).status_code == 403


def test_editing_a_definition_opens_a_version(client, evaluator):
    leadership = code("driver", "leadership")
    response = client.post(
        reverse("coding:code_edit", kwargs={"pk": leadership.pk}),
        {
            "label_da": "Ledelse",
            "name_en": "Leadership",
            "description_da": "Ny beskrivelse.",
            "description_en": "A new description.",
            "note": "Skarpere",
        },
    )
    assert response.status_code == 302
    version = CodebookVersion.objects.get(number=2)
    assert version.note == "Skarpere"
    page = client.get(reverse("coding:code", kwargs={"pk": leadership.pk})).content.decode()
    assert "v2" in page and "v1" in page and "Ny beskrivelse." in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):  # and back afterwards: the middleware leaves English active
        page = client.get(reverse("coding:code", kwargs={"pk": leadership.pk})).content.decode()
    assert "A new description." in page and "Ny beskrivelse." not in page


def test_deleting_a_code_in_use_is_refused_with_a_message(client, evaluator):
    passage = PassageFactory(coder=evaluator, driver=code("driver", "leadership"))
    response = client.post(reverse("coding:code_delete", kwargs={"pk": passage.driver_id}), follow=True)
    assert "kan ikke slettes" in response.content.decode()
    client.post(reverse("coding:code_retire", kwargs={"pk": passage.driver_id}), {"retired": "1"})
    assert code("driver", "leadership").is_retired


def test_codebook_queries_stay_constant(client, evaluator):
    few = _queries(client, reverse("coding:codebook"))
    for _ in range(10):
        PassageFactory(coder=evaluator)
    assert _queries(client, reverse("coding:codebook")) == few


def test_memo_on_a_site_masks_cpr_and_tells_the_user(client, evaluator):
    site = SiteFactory()
    response = client.post(
        f"{reverse('coding:memo_create')}?site={site.pk}",
        {"title": "Besøg", "text": "Pigen med cpr 010203-1234 trives."},
        follow=True,
    )
    assert "CPR-nummer er fjernet" in response.content.decode()
    memo = Memo.objects.get()
    assert (memo.target, memo.site, memo.author) == (MemoTarget.SITE, site, evaluator)
    assert "010203" not in memo.text


def test_memo_list_searches_and_filters(client, evaluator):
    site = SiteFactory()
    MemoFactory(author=evaluator, site=site, title="Supervision", text="Ekstern supervision virker.")
    MemoFactory(author=evaluator, target=MemoTarget.CODE, code=code("driver", "leadership"), title="Ledelse")
    url = reverse("coding:memo_list")
    assert "Supervision" in client.get(url, {"query": "ekstern"}).content.decode()
    assert "Supervision" not in client.get(url, {"query": "ingenting"}).content.decode()
    page = client.get(url, {"target": "code"}).content.decode()
    assert "Ledelse" in page and "Supervision" not in page
    page = client.get(url, {"site": site.pk}).content.decode()
    assert "Supervision" in page


def test_memos_follow_site_visibility_and_only_authors_edit(client):
    mine, theirs = SiteFactory(), SiteFactory()
    consultant = UserFactory(role=Role.CONSULTANT)
    AssignmentFactory(site=mine, consultant=ConsultantFactory(user=consultant))
    evaluator = UserFactory(role=Role.EVALUATOR)
    visible = MemoFactory(author=evaluator, site=mine, title="Synlig")
    hidden = MemoFactory(author=evaluator, site=theirs, title="Skjult")
    MemoFactory(author=evaluator, target=MemoTarget.CODE, code=code("driver", "leadership"), title="Kodememo")
    client.force_login(consultant)
    page = client.get(reverse("coding:memo_list")).content.decode()
    assert "Synlig" in page and "Skjult" not in page and "Kodememo" not in page
    assert client.get(reverse("coding:memo_edit", kwargs={"pk": hidden.pk})).status_code == 404
    assert client.get(reverse("coding:memo_edit", kwargs={"pk": visible.pk})).status_code == 403
    client.force_login(evaluator)
    response = client.post(
        reverse("coding:memo_edit", kwargs={"pk": visible.pk}),
        {"title": "Ny", "text": "Tekst", "version": visible.version},
    )
    assert response.status_code == 302
    visible.refresh_from_db()
    assert visible.title == "Ny"


def test_memo_list_queries_stay_constant(client, evaluator):
    MemoFactory(author=evaluator, site=SiteFactory())
    few = _queries(client, reverse("coding:memo_list"))
    for _ in range(10):
        MemoFactory(author=evaluator, report=_report(), target=MemoTarget.REPORT)
        MemoFactory(author=evaluator, site=SiteFactory())
    assert _queries(client, reverse("coding:memo_list")) == few
