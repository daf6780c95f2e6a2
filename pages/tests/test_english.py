"""The main pages in English show no Danish text of the catalogue.

Every text node, placeholder, title and aria-label of each page is compared with the catalogue: a
node that equals a msgid whose English msgstr differs (or contains a long one, or a long one's fixed
words around its %(name)s values: the analysis's sentences) was left in Danish.
The codebook's Danish labels and descriptions count as catalogue text too (a driver shown by
`label_da`, an attention point's advice by `description_da`). Two worlds
are rendered: a small one with neutral free text over the site, visit and registry pages, and the
URL-permission table's world, where every HTML page of every app is opened by each role the table
lets in (`accounts/tests/url_table.py`), so a new page is checked in English as soon as it has a case.
"""

import datetime
import re
from functools import cache
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from accounts.models import Role
from accounts.tests.factories import UserFactory
from accounts.tests.url_table import ROLES, build_world, collect_cases
from audit.models import AuditEntry
from codebook.models import Code
from decisions.models import AlertRule
from fieldwork.models import ExternalEvent
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
LONG = 14  # a Danish msgid this long is reported even inside a longer text
OWN_NAMES = {"Dansk"}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")  # the language switch names each language in that language


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea"):  # a textarea's text is a field's value, like `value`
            self._skip += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def _danish_msgids(*, codes: bool = True) -> dict[str, str]:
    """Danish msgid → English text for every entry the English catalogue translates differently, and
    (with `codes`) for every code whose English name or description differs from its Danish one."""
    catalog = trans_real.translation("en")._catalog
    found = {}
    for entry in catalog.keys():
        msgid = entry[0] if isinstance(entry, tuple) else entry
        msgstr = catalog[entry]  # the translation a page gets (the first catalogue that has it)
        if not isinstance(msgid, str) or "{" in msgid or len(msgid) < 3 or msgid == msgstr:
            continue
        if "%" in msgid and _template(msgid) is None:
            continue
        found[msgid.strip()] = msgstr
    if not codes:
        return found
    for field_da, field_en in (("label_da", "name_en"), ("description_da", "description_en")):
        for danish, english in Code.objects.exclude(**{field_en: ""}).values_list(field_da, field_en):
            if danish != english:
                found[" ".join(danish.split())] = english
    return found


@cache
def _template(msgid: str) -> tuple[str, re.Pattern] | None:
    """A msgid with %(name)s values (an analysis sentence, a blocktranslate) as its longest fixed part
    and a pattern for the whole; None when its fixed words are too short to tell it apart."""
    parts = PLACEHOLDER.split(msgid)
    if any("%" in part for part in parts) or len("".join(parts).strip()) < LONG:
        return None
    pattern = re.compile(".*?".join(re.escape(part) for part in parts))
    return max(parts, key=len), pattern


def _left_in(text: str, danish: dict[str, str]) -> set[str]:
    bare = text.strip(" ·:–-()*←")
    left = {bare} if bare in danish and bare not in OWN_NAMES else set()
    for msgid in danish:
        if "%" not in msgid:
            if len(msgid) >= LONG and msgid in text:
                left.add(msgid)
            continue
        anchor, pattern = _template(msgid)
        if anchor in text and pattern.search(text):
            left.add(msgid)
    return left


def danish_left(html: str, danish: dict[str, str], exempt: set[str] = frozenset()) -> set[str]:
    """The catalogue's Danish left in the page, but for `exempt` nodes (stored free text)."""
    parser = _Texts()
    parser.feed(html)
    left = set()
    for text in parser.texts:
        found = _left_in(text, danish)
        if found and any(text in stored for stored in exempt):  # a node that is (part of) stored text
            continue
        left |= found
    return left


def test_the_check_finds_danish_text():
    with translation.override("en"):
        danish = _danish_msgids()
    assert danish_left("<p>Planlagt</p><input placeholder='dd.mm.åååå'>", danish) == {
        "Planlagt",
        "dd.mm.åååå",
    }
    assert danish_left("<p>Planned</p>", danish) == set()
    assert danish_left("<li>Team: 2 fremmere og 1 hæmmere kodet til ledelsen</li>", danish) == {
        "%(promoters)s fremmere og %(inhibitors)s hæmmere kodet til %(topic)s"
    }
    promoter = Code.objects.get(kind="valence", key="promoter")
    assert danish_left(f"<p>{promoter.description_da}</p>", danish) == {promoter.description_da}
    assert danish_left(f"<p>{promoter.description_en}</p>", danish) == set()


@pytest.fixture
def world():
    site = SiteFactory(name="Birchwood", joined_on=datetime.date(2018, 1, 1))
    consultant = UserFactory(role=Role.CONSULTANT)
    AssignmentFactory(site=site, consultant=ConsultantFactory(name="K. C.", user=consultant))
    member = TeamMemberFactory(site=site, name="A. L.", role="manager", is_lead=True)
    visit = VisitFactory(site=site, planned_on=datetime.date(2019, 3, 1), phase="capacity_building")
    visit.participants.add(member)
    VisitFactory(site=site, planned_on=datetime.date(2019, 6, 1), phase="preparation")
    VisitFactory(site=site, planned_on=datetime.date(2019, 9, 1), held_on=None, status="planned", phase="")
    report = ReportFactory(visit=visit, sections={"leadership": "x"})
    FactorFactory(report=report, statement="y", theme="leadership")
    TrialActionFactory(agreed_at=visit, aim="z")
    ExternalEvent.objects.create(site=None, kind="pandemic", starts_on=datetime.date(2020, 3, 11))
    return {"site": site, "visit": visit, "report": report, "consultant": consultant}


def _pages(world):
    site, visit, report = world["site"], world["visit"], world["report"]
    yield reverse("home")
    yield reverse("registry:site_detail", kwargs={"pk": site.pk})
    yield reverse("fieldwork:visit_detail", kwargs={"pk": visit.pk})
    yield reverse("fieldwork:visit_update", kwargs={"pk": visit.pk})
    yield reverse("fieldwork:report_detail", kwargs={"pk": report.pk})
    yield reverse("fieldwork:report_edit", kwargs={"pk": visit.pk})
    yield reverse("fieldwork:visit_create", kwargs={"site_pk": site.pk})
    for name in ("site_update", "site_membership", "department_list", "team_list", "assignment_list"):
        yield reverse(f"registry:{name}", kwargs={"pk": site.pk})
    yield reverse("registry:site_create")
    for name in ("visit_plan", "site_events", "site_assessments"):
        yield reverse(f"fieldwork:{name}", kwargs={"site_pk": site.pk})
    yield reverse("fieldwork:event_list")


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.CONSULTANT])
def test_main_pages_in_english_have_no_danish_catalogue_text(client, world, role):
    user = world["consultant"] if role == Role.CONSULTANT else UserFactory(role=role)
    client.force_login(user, backend=BACKEND)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found = {}
    with translation.override("en"):  # and back afterwards: the middleware leaves English active
        danish = _danish_msgids()
        for url in _pages(world):
            response = client.get(url)
            if response.status_code == 404:
                continue
            assert response.status_code == 200, url
            left = danish_left(response.content.decode(), danish)
            if left:
                found[url] = sorted(left)
    assert not found, found


PAGE_CASES = [
    case for case in collect_cases() if case.method == "get" and not case.url_name.startswith("api:")
]
# The codebook's own record shows each code's Danish label beside its English name, by design.
CODEBOOK_RECORD_PAGES = {"coding:codebook", "coding:code"}


def _stored_texts() -> set[str]:
    """Free text of the table's world that a page shows as it was typed: exempt like site names."""
    texts = {"Fællesmøde", "Referat", "Tekst"}  # meeting title and minutes, a memo's text
    texts.update(AuditEntry.objects.values_list("object_repr", flat=True))  # as it read when written
    for name in ("title_da", "explanation_da", "finding"):  # the alert rule form edits the Danish texts
        texts.update(AlertRule.objects.values_list(name, flat=True))
    return {" ".join(text.split()) for text in texts if text}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_may_open_is_in_english(role):
    """Each HTML page of the URL table that answers the role with 200, rendered in English."""
    world = build_world()
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role], backend=BACKEND)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found, opened = {}, 0
    with translation.override("en"):
        danish, exempt = _danish_msgids(), _stored_texts()
        labels = set(Code.objects.values_list("label_da", flat=True))
        record_words = {  # what the record may show besides its labels, and catalogue text within them
            msgid: text for msgid, text in danish.items() if not any(msgid in label for label in labels)
        }
        for case in PAGE_CASES:
            if case.allowed[role] != 200:
                continue
            url = reverse(case.url_name, kwargs=case.kwargs(world, "allowed") if case.kwargs else {})
            query = case.data(world, "allowed") if case.data else None
            with transaction.atomic():  # a page that records a read leaves nothing for the next one
                response = client.get(url, query, **case.extra)
                transaction.set_rollback(True)
            assert response.status_code == 200, url
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            opened += 1
            body = b"".join(response.streaming_content) if response.streaming else response.content
            words = record_words if case.url_name in CODEBOOK_RECORD_PAGES else danish
            left = danish_left(body.decode(), words, exempt)
            if left:
                found[f"{case.url_name} {url}"] = sorted(left)
    assert opened, role
    assert not found, found
