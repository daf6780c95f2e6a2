from accounts.tests.url_table import Case, everyone
from decisions.models import AlertRule
from decisions.tests.factories import alert_rule_form_data, form_data, saved_assessment

SITE_PAGE = {
    "administrator": 200,
    "evaluator": 200,
    "consultant": 200,
    "team_member": 200,
    "provider": 404,
    "anonymous": 302,
}
OTHER_SITE = {
    "administrator": 200,
    "evaluator": 200,
    "consultant": 404,
    "team_member": 404,
    "provider": 404,
    "anonymous": 302,
}
PUBLIC = everyone(200, anonymous=200)
RULE_EDITORS = everyone(403, administrator=200, evaluator=200)


def _rule(world, which):
    return {"pk": AlertRule.objects.order_by("pk").first().pk}


def _rule_change(world, which):
    return alert_rule_form_data(AlertRule.objects.order_by("pk").first(), severity="low")


def _site(world, which):
    return {"site_id": world.sites[which].pk}


def _token(world, which):
    return {"token": saved_assessment().token}


def _saved(world, which):
    return {"pk": saved_assessment(site=world.sites[which]).assessment.pk}


CASES = [
    Case("decisions:index", allowed=everyone(200, team_member=302)),
    Case("decisions:dashboard", allowed=SITE_PAGE, forbidden=OTHER_SITE, kwargs=_site),
    Case("decisions:advice_index", allowed=everyone(200)),
    Case("decisions:advice", allowed=everyone(200), kwargs=lambda world, which: {"driver": "competence"}),
    Case("decisions:alert_rules", allowed=RULE_EDITORS),
    Case("decisions:alert_rule_edit", allowed=RULE_EDITORS, kwargs=_rule),
    Case(
        "decisions:alert_rule_edit",
        allowed=everyone(403, administrator=302, evaluator=302),
        method="post",
        kwargs=_rule,
        data=_rule_change,
    ),
    Case("decisions:readiness_start", allowed=PUBLIC),
    Case(
        "decisions:readiness_start",
        allowed=everyone(302, anonymous=302),
        method="post",
        data=lambda world, which: form_data(),
        note="a complete answer is saved and redirects to its secret link",
    ),
    Case("decisions:readiness_result", allowed=PUBLIC, kwargs=_token, note="the secret link is the access"),
    Case("decisions:readiness_pdf", allowed=PUBLIC, kwargs=_token),
    Case("decisions:readiness_repeat", allowed=PUBLIC, kwargs=_token),
    Case(
        "decisions:readiness_repeat",
        allowed=everyone(302, anonymous=302),
        method="post",
        kwargs=_token,
        data=lambda world, which: form_data("worst"),
    ),
    Case("decisions:readiness_saved", allowed=SITE_PAGE, forbidden=OTHER_SITE, kwargs=_saved),
    Case("decisions:readiness_saved_pdf", allowed=SITE_PAGE, forbidden=OTHER_SITE, kwargs=_saved),
    Case("decisions:readiness_saved_repeat", allowed=SITE_PAGE, forbidden=OTHER_SITE, kwargs=_saved),
    Case(
        "decisions:readiness_saved_repeat",
        allowed={**SITE_PAGE, "administrator": 302, "evaluator": 302, "consultant": 302, "team_member": 302},
        forbidden={**OTHER_SITE, "administrator": 302, "evaluator": 302},
        method="post",
        kwargs=_saved,
        data=lambda world, which: form_data("worst"),
    ),
]
