"""The API's rows of the URL-permission table (format in accounts/tests/url_table.py).

The harness logs in with a session; the API answers 401 (not a login redirect) to anonymous
requests, 404 for an object outside what the role may see and 403 for one it may see but not change.
"""

import datetime

from accounts.tests.url_table import Case
from codebook.models import CodebookVersion
from coding.models import CodedPassage
from fieldwork.tests.factories import VisitFactory

ANON = 401


def table(admin, evaluator, consultant, team_member, provider, anonymous=ANON) -> dict[str, int]:
    return {
        "administrator": admin,
        "evaluator": evaluator,
        "consultant": consultant,
        "team_member": team_member,
        "provider": provider,
        "anonymous": anonymous,
    }


JSON = {"content_type": "application/json"}
READ_ALL = table(200, 200, 200, 200, 200)
READ_OWN = table(200, 200, 200, 200, 404)
READ_OTHER = table(200, 200, 404, 404, 404)


def _pk(attribute: str):
    return lambda world, which: {"pk": getattr(world, attribute)[which].pk}


def _site(world, which):
    return {"pk": world.sites[which].pk}


def _new_visit_data(world, which):
    return {"site": world.sites[which].pk, "planned_on": "2024-05-01", "status": "planned"}


def _held_visit_without_report(world, which):

    visit = VisitFactory(site=world.sites[which], planned_on=datetime.date(2024, 2, 1))
    return {
        "visit": visit.pk,
        "introduction": "Indledning",
        "sections": [{"theme": "leadership", "text": "Tekst"}],
    }


def _coded_passage(world, which):

    section = world.sections[which]
    passage = CodedPassage.objects.create(
        section=section,
        start=0,
        end=8,
        text=section.text[0:8],
        coder=world.users["evaluator"],
        codebook_version=CodebookVersion.objects.get(number=1),
        driver=world.code,
        valence="promoter",
    )
    return {"pk": passage.pk}


CASES = [
    Case("api:schema", allowed=table(200, 200, 200, 200, 200, anonymous=200)),
    Case("api:reference", allowed=table(200, 200, 200, 200, 200, anonymous=200)),
    Case("api:site-list", allowed=READ_ALL),
    Case("api:site-detail", allowed=READ_OWN, forbidden=READ_OTHER, kwargs=_site),
    Case("api:visit-list", allowed=READ_ALL),
    Case("api:visit-detail", allowed=READ_OWN, forbidden=READ_OTHER, kwargs=_pk("visits")),
    Case(
        "api:visit-list",
        method="post",
        data=_new_visit_data,
        extra=JSON,
        allowed=table(201, 403, 201, 403, 403),
        forbidden=table(201, 403, 400, 403, 403),
        note="a consultant names only their own sites; the other site's id is an unknown choice",
    ),
    Case(
        "api:visit-detail",
        method="patch",
        kwargs=_pk("visits"),
        data=lambda world, which: {"other_participants": "Skolelærer"},
        extra=JSON,
        allowed=table(200, 403, 200, 403, 404),
        forbidden=table(200, 403, 404, 404, 404),
    ),
    Case("api:report-list", allowed=READ_ALL),
    Case("api:report-detail", allowed=READ_OWN, forbidden=READ_OTHER, kwargs=_pk("reports")),
    Case(
        "api:report-list",
        method="post",
        data=_held_visit_without_report,
        extra=JSON,
        allowed=table(201, 403, 201, 403, 403),
        forbidden=table(201, 403, 400, 403, 403),
    ),
    Case(
        "api:report-detail",
        method="patch",
        kwargs=_pk("reports"),
        data=lambda world, which: {
            "sections": [{"theme": "anchoring", "text": "Godt forankret."}],
            "version": world.reports[which].version,
        },
        extra=JSON,
        allowed=table(200, 403, 200, 403, 404),
        forbidden=table(200, 403, 404, 404, 404),
    ),
    Case("api:factor-list", allowed=READ_ALL),
    Case("api:factor-detail", allowed=READ_OWN, forbidden=READ_OTHER, kwargs=_pk("factors")),
    Case(
        "api:factor-list",
        method="post",
        data=lambda world, which: {
            "report": world.reports[which].pk,
            "valence": "inhibitor",
            "statement": "Høj personaleomsætning.",
            "driver": "competence",
        },
        extra=JSON,
        allowed=table(201, 403, 201, 403, 403),
        forbidden=table(201, 403, 400, 403, 403),
    ),
    Case(
        "api:factor-detail",
        method="patch",
        kwargs=_pk("factors"),
        data=lambda world, which: {
            "quote": "Vi taler samme sprog nu.",
            "version": world.factors[which].version,
        },
        extra=JSON,
        allowed=table(200, 403, 200, 403, 404),
        forbidden=table(200, 403, 404, 404, 404),
    ),
    Case("api:trial-action-list", allowed=READ_ALL),
    Case("api:trial-action-detail", allowed=READ_OWN, forbidden=READ_OTHER, kwargs=_pk("trial_actions")),
    Case(
        "api:trial-action-list",
        method="post",
        data=lambda world, which: {"agreed_at": world.visits[which].pk, "aim": "Prøve STORM-modellen"},
        extra=JSON,
        allowed=table(201, 403, 201, 403, 403),
        forbidden=table(201, 403, 400, 403, 403),
    ),
    Case(
        "api:trial-action-detail",
        method="patch",
        kwargs=_pk("trial_actions"),
        data=lambda world, which: {
            "carried_by": "Hanne og Ole",
            "version": world.trial_actions[which].version,
        },
        extra=JSON,
        allowed=table(200, 403, 200, 200, 404),
        forbidden=table(200, 403, 404, 404, 404),
        note="a team updates its own site's trial actions",
    ),
    Case("api:coding-list", allowed=READ_ALL),
    Case("api:coding-detail", allowed=READ_OWN, forbidden=READ_OTHER, kwargs=_coded_passage),
    Case("api:joint-meeting-list", allowed=READ_ALL),
    Case(
        "api:joint-meeting-detail",
        allowed=READ_OWN,
        kwargs=lambda world, which: {"pk": world.joint_meeting.pk},
    ),
    Case("api:analysis", allowed=table(200, 200, 403, 403, 200)),
    Case("api:driver-profile", allowed=READ_ALL),
    Case("api:trial-action-summary", allowed=READ_ALL),
]
