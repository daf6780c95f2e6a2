"""URL-permission cases of the coding rounds, suggestions and the coding model (format: accounts/tests/url_table.py).

Everything here is coding, for evaluators and administrators only (403 for the other roles,
whatever the site; anonymous users are sent to the login). Both allowed roles see every site,
so the forbidden site answers as the allowed one.
"""

from accounts.tests.url_table import Case, everyone
from codebook.models import CodebookVersion
from coding.models import CodingRound, RetrainingJob, Suggestion

CODERS = everyone(403, administrator=200, evaluator=200)
CODERS_WRITE = everyone(403, administrator=302, evaluator=302)


def _round(world, which):

    coding_round, created = CodingRound.objects.get_or_create(
        name=f"Runde {which}",
        defaults={"codebook_version": CodebookVersion.objects.order_by("-number").first(), "is_blind": False},
    )
    if created:
        coding_round.reports.set([world.reports[which]])
        coding_round.coders.set([world.users["administrator"], world.users["evaluator"]])
    return coding_round


def _suggestion(world, which):

    section = world.sections[which]
    suggestion, _ = Suggestion.objects.get_or_create(
        section=section,
        start=0,
        end=8,
        defaults={
            "text": section.text[0:8],
            "model_version": "test",
            "driver": world.code,
            "valence": "promoter",
            "confidence": 0.5,
        },
    )
    return suggestion


def _job(world, which):

    job, _ = RetrainingJob.objects.get_or_create(
        message=f"job {which}", defaults={"status": "done", "progress": 100}
    )
    return job


def _running_job(world, which):
    """A retraining already running: the request joins it instead of training inside the test."""

    RetrainingJob.objects.get_or_create(message="running", defaults={"status": "running", "progress": 40})
    return {}


def _round_kwargs(world, which):
    return {"pk": _round(world, which).pk}


def _unit(world, which):
    section = world.sections[which]
    return {"section": section.pk, "start": 0, "end": len(section.text), "driver": world.code.pk}


CASES = [
    Case("coding_rounds:list", allowed=CODERS),
    Case("coding_rounds:create", allowed=CODERS),
    Case("coding_rounds:detail", allowed=CODERS, forbidden=CODERS, kwargs=_round_kwargs),
    Case(
        "coding_rounds:code_report",
        allowed=CODERS,
        forbidden=CODERS,
        kwargs=lambda w, s: {"pk": _round(w, s).pk, "report_id": w.reports[s].pk},
    ),
    Case(
        "coding_rounds:code_report",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=lambda w, s: {"pk": _round(w, s).pk, "report_id": w.reports[s].pk},
        data=_unit,
    ),
    Case(
        "coding_rounds:close",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=_round_kwargs,
    ),
    Case(
        "coding_rounds:model",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=_round_kwargs,
    ),
    Case("coding_rounds:compare", allowed=CODERS, forbidden=CODERS, kwargs=_round_kwargs),
    Case(
        "coding_rounds:consensus",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=_round_kwargs,
        data=_unit,
    ),
    Case("coding_rounds:queue", allowed=CODERS),
    Case(
        "coding_rounds:report_suggestions",
        allowed=CODERS,
        forbidden=CODERS,
        kwargs=lambda w, s: {"report_id": w.reports[s].pk},
    ),
    Case(
        "coding_rounds:suggestion_accept",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=lambda w, s: {"pk": _suggestion(w, s).pk},
    ),
    Case(
        "coding_rounds:suggestion_correct",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=lambda w, s: {"pk": _suggestion(w, s).pk},
        data=lambda w, s: {"driver": w.code.pk, "valence": "inhibitor"},
    ),
    Case(
        "coding_rounds:suggestion_reject",
        method="post",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        kwargs=lambda w, s: {"pk": _suggestion(w, s).pk},
    ),
    Case("coding_rounds:models", allowed=CODERS),
    Case("coding_rounds:retrain", method="post", allowed=CODERS_WRITE, data=_running_job),
    Case("coding_rounds:retrain_status", allowed=CODERS, kwargs=lambda w, s: {"pk": _job(w, s).pk}),
]
