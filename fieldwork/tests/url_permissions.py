"""Who may open and post to every fieldwork URL, for the allowed and the forbidden site."""

import datetime

from accounts.tests.url_table import Case, everyone
from fieldwork.models import ExternalEvent, Visit

READ = everyone(200, provider=404)
READ_FORBIDDEN = everyone(404, administrator=200, evaluator=200)
WRITE_GET = everyone(404, administrator=200, consultant=200)
WRITE_POST = everyone(404, administrator=302, consultant=302)
ADMIN_ONLY_GET = everyone(404, administrator=200)
ADMIN_ONLY_POST = everyone(404, administrator=302)
TEAM_UPDATE = everyone(404, administrator=200, consultant=200, team_member=200)


def _site(world, which):
    return {"site_pk": world.sites[which].pk}


def _visit(world, which):
    return {"pk": world.visits[which].pk}


def _report(world, which):
    return {"pk": world.reports[which].pk}


def _factor(world, which):
    return {"pk": world.factors[which].pk}


def _action(world, which):
    return {"pk": world.trial_actions[which].pk}


def _meeting(world, which):
    return {"pk": world.joint_meeting.pk}


def _planned_visit_data(world, which):
    return {"status": "planned", "date": (datetime.date.today() + datetime.timedelta(days=20)).isoformat()}


def _report_data(world, which):
    report = world.reports[which]
    return {"version": report.version, "section_leadership": "Ny tekst om ledelsen.", "action": "draft"}


def _factor_data(world, which):
    return {"factor-valence": "inhibitor", "factor-statement": "Travl hverdag tager tiden."}


def _factor_update_data(world, which):
    factor = world.factors[which]
    return {
        f"factor{factor.pk}-version": factor.version,
        f"factor{factor.pk}-valence": "promoter",
        f"factor{factor.pk}-statement": "Sparring i teamet.",
    }


def _action_data(world, which):
    return {"action-aim": "Prøve tankebobler ved aftensmaden"}


def _follow_up_data(world, which):
    action = world.trial_actions[which]
    return {
        f"fu{action.pk}-version": action.version,
        f"fu{action.pk}-visit": world.visits[which].pk,
        f"fu{action.pk}-outcome": "done",
    }


PLAN_GET = everyone(404, administrator=200, evaluator=200, consultant=200)
PLAN_POST = everyone(404, administrator=302, evaluator=302, consultant=302)
MANAGERS_GET = everyone(404, administrator=200, evaluator=200)
MANAGERS_POST = everyone(404, administrator=302, evaluator=302)


def _planned_visit(world, which):
    return {"pk": Visit.objects.filter(site=world.sites[which], status="planned").first().pk}


def _cancel_data(world, which):
    return {"cancel_reason": "Teamet var syge."}


def _plan_data(world, which):
    return {"year": 2024, "planned_visits": 3}


def _event_data(world, which):
    return {"kind": "savings", "starts_on": "01.03.2024", "description": "Kommunen sparer."}


def _event(world, which):
    event = ExternalEvent.objects.create(
        site=world.sites[which], kind="savings", starts_on=datetime.date(2024, 3, 1)
    )
    return {"pk": event.pk}


def _assessment_data(world, which):
    return {"form": "assessment", "a-assessed_on": "01.03.2024", "a-leadership_style": "democratic"}


CASES = [
    Case("fieldwork:visit_create", allowed=WRITE_GET, forbidden=ADMIN_ONLY_GET, kwargs=_site),
    Case(
        "fieldwork:visit_create",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_site,
        method="post",
        data=_planned_visit_data,
    ),
    Case("fieldwork:visit_detail", allowed=READ, forbidden=READ_FORBIDDEN, kwargs=_visit),
    Case("fieldwork:visit_update", allowed=WRITE_GET, forbidden=ADMIN_ONLY_GET, kwargs=_visit),
    Case("fieldwork:report_edit", allowed=WRITE_GET, forbidden=ADMIN_ONLY_GET, kwargs=_visit),
    Case(
        "fieldwork:report_edit",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_visit,
        method="post",
        data=_report_data,
    ),
    Case("fieldwork:report_detail", allowed=READ, forbidden=READ_FORBIDDEN, kwargs=_report),
    Case(
        "fieldwork:factor_create",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_report,
        method="post",
        data=_factor_data,
    ),
    Case("fieldwork:factor_update", allowed=WRITE_GET, forbidden=ADMIN_ONLY_GET, kwargs=_factor),
    Case(
        "fieldwork:factor_update",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_factor,
        method="post",
        data=_factor_update_data,
    ),
    Case(
        "fieldwork:factor_delete",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_factor,
        method="post",
    ),
    Case(
        "fieldwork:trial_action_create",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_visit,
        method="post",
        data=_action_data,
    ),
    Case("fieldwork:trial_action_follow_up", allowed=TEAM_UPDATE, forbidden=ADMIN_ONLY_GET, kwargs=_action),
    Case(
        "fieldwork:trial_action_follow_up",
        allowed=TEAM_UPDATE,
        forbidden=ADMIN_ONLY_GET,
        kwargs=_action,
        method="post",
        data=_follow_up_data,
        note="no later held visit in the world: the form answers 200 with its error",
    ),
    Case("fieldwork:trial_action_update", allowed=TEAM_UPDATE, forbidden=ADMIN_ONLY_GET, kwargs=_action),
    Case("fieldwork:meeting_list", allowed=READ),
    Case("fieldwork:meeting_create", allowed=WRITE_GET),
    Case("fieldwork:meeting_detail", allowed=READ, kwargs=_meeting),
    Case(
        "fieldwork:meeting_update",
        allowed=ADMIN_ONLY_GET,
        kwargs=_meeting,
        note="the world's meeting is shared with a site not the consultant's: its minutes are not theirs",
    ),
    Case(
        "fieldwork:meeting_factor_create",
        allowed=WRITE_POST,
        kwargs=_meeting,
        method="post",
        data=_factor_data,
    ),
    Case("fieldwork:search", allowed=READ),
    Case("fieldwork:visit_cancel", allowed=WRITE_GET, forbidden=ADMIN_ONLY_GET, kwargs=_planned_visit),
    Case(
        "fieldwork:visit_cancel",
        allowed=WRITE_POST,
        forbidden=ADMIN_ONLY_POST,
        kwargs=_planned_visit,
        method="post",
        data=_cancel_data,
    ),
    Case("fieldwork:visit_plan", allowed=PLAN_GET, forbidden=MANAGERS_GET, kwargs=_site),
    Case(
        "fieldwork:visit_plan",
        allowed=PLAN_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_plan_data,
    ),
    Case("fieldwork:site_events", allowed=PLAN_GET, forbidden=MANAGERS_GET, kwargs=_site),
    Case(
        "fieldwork:site_events",
        allowed=PLAN_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_event_data,
    ),
    Case("fieldwork:event_list", allowed=MANAGERS_GET),
    Case("fieldwork:event_list", allowed=MANAGERS_POST, method="post", data=_event_data),
    Case("fieldwork:event_update", allowed=PLAN_GET, forbidden=MANAGERS_GET, kwargs=_event),
    Case(
        "fieldwork:event_delete",
        allowed=PLAN_POST,
        forbidden=MANAGERS_POST,
        kwargs=_event,
        method="post",
    ),
    Case("fieldwork:site_assessments", allowed=MANAGERS_GET, forbidden=MANAGERS_GET, kwargs=_site),
    Case(
        "fieldwork:site_assessments",
        allowed=MANAGERS_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_assessment_data,
        note="evaluators only (and administrators)",
    ),
]
