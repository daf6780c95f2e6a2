"""The main pages in English show no Danish text of the catalogue.

Every text node, placeholder, title and aria-label of each page is compared with the catalogue: a
node that equals a msgid whose English msgstr differs (or contains a long one) was left in Danish.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from accounts.models import Role
from accounts.tests.factories import UserFactory
from fieldwork.models import ExternalEvent
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
LONG = 14  # a Danish msgid this long is reported even inside a longer text
OWN_NAMES = {"Dansk"}  # the language switch names each language in that language


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def _danish_msgids() -> dict[str, str]:
    """Danish msgid → English msgstr for every entry the English catalogue translates differently."""
    catalog = trans_real.translation("en")._catalog
    found = {}
    for entry in catalog.keys():
        msgid = entry[0] if isinstance(entry, tuple) else entry
        msgstr = catalog[entry]  # the translation a page gets (the first catalogue that has it)
        if not isinstance(msgid, str) or "%" in msgid or "{" in msgid or len(msgid) < 3 or msgid == msgstr:
            continue
        found[msgid.strip()] = msgstr
    return found


def danish_left(html: str, danish: dict[str, str]) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    left = set()
    for text in parser.texts:
        bare = text.strip(" ·:–-()*←")
        if bare in danish and bare not in OWN_NAMES:
            left.add(bare)
        left.update(m for m in danish if len(m) >= LONG and m in text)
    return left


def test_the_check_finds_danish_text():
    with translation.override("en"):
        danish = _danish_msgids()
    assert danish_left("<p>Planlagt</p><input placeholder='dd.mm.åååå'>", danish) == {
        "Planlagt",
        "dd.mm.åååå",
    }
    assert danish_left("<p>Planned</p>", danish) == set()


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
