"""A joint meeting's title is read like its minutes: a team member or consultant of one home sees
other homes' names and people in it pseudonymised on every page, in the API and in search hits."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.tests.factories import UserFactory
from fieldwork import search
from fieldwork.models import Factor, JointMeeting
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
TITLE = "Engly og Bakkehuset (BAK): Jesper Lund og Hanne Holm om morgenmøder"


@pytest.fixture
def shared():
    own = SiteFactory(code="ENG", name="Engly")
    other = SiteFactory(code="BAK", name="Bakkehuset")
    TeamMemberFactory(site=own, name="Hanne Holm")
    TeamMemberFactory(site=other, name="Jesper Lund")
    consultant = UserFactory(role=Role.CONSULTANT)
    AssignmentFactory(site=own, consultant=ConsultantFactory(user=consultant))
    meeting = JointMeeting.objects.create(held_on=datetime.date(2019, 5, 14), title=TITLE, minutes="Referat")
    meeting.sites.set([own, other])
    Factor.objects.create(
        joint_meeting=meeting, site=own, valence="promoter", statement="Morgenmøderne samler teamet."
    )
    return {
        "own": own,
        "meeting": meeting,
        "team": UserFactory(role=Role.TEAM_MEMBER, site=own),
        "consultant": consultant,
    }


def _pseudonymised(text: str) -> bool:
    return "Bakkehuset" not in text and "BAK" not in text and "Jesper" not in text and "Hanne Holm" in text


def _places(user, shared) -> dict[str, str]:
    web = Client()
    web.force_login(user, backend=BACKEND)
    rest = APIClient()
    rest.force_authenticate(user)
    meeting = shared["meeting"]
    return {
        "list": web.get(reverse("fieldwork:meeting_list")).content.decode(),
        "detail": web.get(reverse("fieldwork:meeting_detail", kwargs={"pk": meeting.pk})).content.decode(),
        "site page": web.get(
            reverse("registry:site_detail", kwargs={"pk": shared["own"].pk})
        ).content.decode(),
        "api list": rest.get("/api/joint-meetings/").json()["results"][0]["title"],
        "api detail": rest.get(f"/api/joint-meetings/{meeting.pk}/").json()["title"],
        "search": " ".join(hit.title for hit in search.search_texts(user, "morgenmøderne")),
    }


@pytest.mark.parametrize("role", ["team", "consultant"])
def test_the_title_names_no_other_home_or_its_people(shared, role):
    for place, text in _places(shared[role], shared).items():
        assert "om morgenmøder" in text, place
        assert _pseudonymised(text), place


def test_an_evaluator_reads_the_whole_title(shared):
    for place, text in _places(UserFactory(role=Role.EVALUATOR), shared).items():
        assert TITLE in text, place
