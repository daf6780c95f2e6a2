"""Suggestions in the workspace: per sentence, accept / correct / reject, least certain first, retraining."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import Code, CodebookVersion
from coding import suggestions, tasks
from coding.classifier import store
from coding.classifier.examples import example_sentences
from coding.models import (
    CodedPassage,
    CoderModel,
    JobStatus,
    PassageOrigin,
    RetrainingJob,
    Suggestion,
    SuggestionStatus,
)
from fieldwork.models import ReportSection
from fieldwork.tests.factories import ReportFactory

TEXT = (
    "Der er ikke tid til supervision. Ledelsen har besluttet, at programmet er stedets tilgang. "
    "Forældrene er inviteret til en aften om programmet."
)


@pytest.fixture
def model(db):
    return store.train_and_store(examples=example_sentences(store.mechanism_parents()), folds=2)


@pytest.fixture
def report(db):
    return ReportFactory(sections={"promoters_inhibitors": TEXT})


@pytest.fixture
def evaluator(db):
    return UserFactory(username="eva", role=Role.EVALUATOR)


def test_one_suggestion_per_sentence_not_coded_by_a_person(model, report, evaluator):
    section = ReportSection.objects.get(report=report, theme="promoters_inhibitors")
    CodedPassage.objects.create(
        section=section,
        start=0,
        end=10,
        text=TEXT[:10],
        coder=evaluator,
        codebook_version=CodebookVersion.objects.get(number=1),
        driver=Code.objects.get(kind="driver", key="competence"),
    )
    created = suggestions.suggestions_create_for_report(report=report)
    assert [s.text for s in created] == [
        "Ledelsen har besluttet, at programmet er stedets tilgang.",
        "Forældrene er inviteret til en aften om programmet.",
    ]
    assert all(s.model_version == model.version and 0 <= s.confidence <= 1 for s in created)
    assert created[0].driver.key == "leadership"
    assert suggestions.suggestions_create_for_report(report=report) == []


def test_accept_correct_and_reject_make_training_data(model, report, evaluator):
    first, second, third = suggestions.suggestions_create_for_report(report=report)
    accepted = suggestions.suggestion_accept(suggestion=first, user=evaluator)
    assert accepted.origin == PassageOrigin.SUGGESTION_ACCEPTED and accepted.coder == evaluator
    assert (accepted.driver, accepted.valence) == (first.driver, first.valence)
    leadership = Code.objects.get(kind="driver", key="leadership")
    corrected = suggestions.suggestion_correct(
        suggestion=second, user=evaluator, driver=leadership, mechanism=None, valence="neutral"
    )
    assert corrected.origin == PassageOrigin.SUGGESTION_CORRECTED and corrected.driver == leadership
    suggestions.suggestion_reject(suggestion=third, user=evaluator)
    statuses = dict(Suggestion.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: SuggestionStatus.ACCEPTED,
        second.pk: SuggestionStatus.CORRECTED,
        third.pk: SuggestionStatus.REJECTED,
    }
    with pytest.raises(ValidationError):
        suggestions.suggestion_accept(suggestion=third, user=evaluator)
    learnt = {e.text for e in store.coded_examples()}
    assert {first.text, second.text} <= learnt and third.text not in learnt


def test_a_correction_must_fit_the_codebook(model, report, evaluator):
    suggestion = suggestions.suggestions_create_for_report(report=report)[0]
    with pytest.raises(ValidationError):
        suggestions.suggestion_correct(
            suggestion=suggestion,
            user=evaluator,
            driver=Code.objects.get(kind="driver", key="leadership"),
            mechanism=Code.objects.get(kind="mechanism", key="coaching"),
        )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING and not CodedPassage.objects.exists()


def test_the_queue_offers_the_least_certain_first(model, report, evaluator):
    created = suggestions.suggestions_create_for_report(report=report)
    queue = list(suggestions.least_certain_queue(evaluator))
    assert [s.confidence for s in queue] == sorted(s.confidence for s in created)
    consultant = UserFactory(role=Role.CONSULTANT)
    assert not suggestions.least_certain_queue(consultant).exists()


def test_the_workspace_fragment_and_htmx_decisions(model, report, evaluator, client):
    client.force_login(evaluator)
    fragment = client.get(reverse("coding_rounds:report_suggestions", kwargs={"report_id": report.pk}))
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "Ledelsen har besluttet" in html and "hx-post" in html
    suggestion = Suggestion.objects.order_by("start").first()
    response = client.post(
        reverse("coding_rounds:suggestion_accept", kwargs={"pk": suggestion.pk}), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Accepteret" in response.content.decode()
    response = client.post(
        reverse(
            "coding_rounds:suggestion_correct", kwargs={"pk": Suggestion.objects.order_by("start")[1].pk}
        ),
        {
            "driver": Code.objects.get(kind="driver", key="leadership").pk,
            "mechanism": "",
            "valence": "promoter",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Rettet til" in response.content.decode()
    queue = client.get(reverse("coding_rounds:queue"))
    assert queue.status_code == 200 and "Forældrene er inviteret" in queue.content.decode()


def test_the_fragment_without_a_model_offers_training_and_does_not_train(report, evaluator, client):
    client.force_login(evaluator)
    fragment = client.get(reverse("coding_rounds:report_suggestions", kwargs={"report_id": report.pk}))
    assert "ingen trænet kodningsmodel" in fragment.content.decode()
    assert not CoderModel.objects.exists()


def test_retraining_runs_as_a_job_with_progress(db, evaluator, client):
    job = tasks.retraining_start(user=evaluator)
    assert job.status == JobStatus.DONE and job.progress == 100
    active = CoderModel.objects.get(is_active=True)
    assert job.coder_model == active
    running = RetrainingJob.objects.create(status=JobStatus.RUNNING, progress=30)
    assert tasks.retraining_start(user=evaluator) == running
    client.force_login(evaluator)
    status = client.get(reverse("coding_rounds:retrain_status", kwargs={"pk": running.pk}))
    assert 'hx-trigger="every 2s"' in status.content.decode() and "30" in status.content.decode()


def test_suggest_command_saves_a_reports_suggestions(model, report):


    err = io.StringIO()
    call_command("suggest", "--report", str(report.pk), "--save", stdout=io.StringIO(), stderr=err)
    assert Suggestion.objects.filter(section__report=report).count() == 3
    assert "3 nye forslag" in err.getvalue()


def test_enough_decisions_queue_a_retraining_after_commit(
    model, report, evaluator, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(suggestions, "RETRAIN_AFTER", 2)
    first, second, _third = suggestions.suggestions_create_for_report(report=report)
    with django_capture_on_commit_callbacks() as callbacks:
        suggestions.suggestion_accept(suggestion=first, user=evaluator)
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        suggestions.suggestion_correct(
            suggestion=second, user=evaluator, driver=Code.objects.get(kind="driver", key="leadership")
        )
    assert len(callbacks) == 1
