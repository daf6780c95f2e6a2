"""URL-permission cases of the analysis pages (format: accounts/tests/url_table.py).

Aggregated analyses: administrators, evaluators and providers (providers get aggregates only).
The framework matrix, its cells and the degree overrides are the evaluators' tools; other roles
get 403 whatever the site.
"""

from accounts.tests.url_table import Case, everyone
from analysis.models import DegreeRuleConfig

AGGREGATES = everyone(403, administrator=200, evaluator=200, provider=200)
EVALUATORS = everyone(403, administrator=200, evaluator=200)
EVALUATORS_WRITE = everyone(403, administrator=302, evaluator=302)


def _cell(world, which):
    return {"site_id": world.sites[which].pk, "code_id": world.code.pk}


CASES = [
    Case("analysis:index", allowed=AGGREGATES),
    Case("analysis:programme", allowed=AGGREGATES, kwargs=lambda w, s: {"code": w.sites[s].programme.code}),
    Case("analysis:matrix", allowed=EVALUATORS),
    Case("analysis:matrix_cell", allowed=EVALUATORS, forbidden=EVALUATORS, kwargs=_cell),
    Case(
        "analysis:matrix_cell",
        allowed=EVALUATORS_WRITE,
        forbidden=EVALUATORS_WRITE,
        method="post",
        kwargs=_cell,
        data=lambda w, s: {"rating": "1", "summary": "Kompetencen styrkes af ekstern supervision."},
    ),
    Case("analysis:matrix_evidence", allowed=EVALUATORS, forbidden=EVALUATORS, kwargs=_cell),
    Case(
        "analysis:degree",
        allowed=EVALUATORS,
        forbidden=EVALUATORS,
        kwargs=lambda w, s: {"site_id": w.sites[s].pk},
    ),
    Case(
        "analysis:degree",
        allowed=EVALUATORS_WRITE,
        forbidden=EVALUATORS_WRITE,
        method="post",
        kwargs=lambda w, s: {"site_id": w.sites[s].pk},
        data=lambda w, s: {
            "degree": "high",
            "reason": "Teamet arbejder målrettet trods få registrerede udsagn.",
        },
    ),
    Case("analysis:degree_rules", allowed=EVALUATORS),
    Case(
        "analysis:degree_rules",
        allowed=EVALUATORS_WRITE,
        method="post",
        data=lambda w, s: {
            "name": "Strengere krav til høj grad",
            "rules": '{"degree": {"thresholds": {"high": 0.7}}}',
            "note": "Afprøvning af følsomheden.",
            "based_on": _active_rules_id(),
        },
    ),
]


def _active_rules_id() -> int:
    active = DegreeRuleConfig.objects.filter(is_active=True).first()
    return active.pk if active else 0
