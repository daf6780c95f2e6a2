"""The coding model: Danish text handling, negation, the held-out quality target, storage, commands."""

import io
import json
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.tests.factories import UserFactory
from codebook.models import Code, CodebookVersion
from coding.classifier import store
from coding.classifier.examples import example_sentences, heldout_clear
from coding.classifier.keywords import keyword_driver
from coding.classifier.metrics import head_scores
from coding.classifier.model import CoderPipeline, Example
from coding.classifier.text import split_sentences, word_features
from coding.models import CodedPassage, CoderModel, PassageOrigin
from drivkraft.cli import command_argv
from fieldwork.models import ReportSection
from fieldwork.tests.factories import FactorFactory, ReportFactory

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
def pipeline():
    """The n-gram model trained on the written examples alone (no database), as the held-out figures are."""
    return CoderPipeline(PARENTS, features="ngram").fit(example_sentences(PARENTS))


def test_sentences_split_at_full_stops_and_lines_but_not_abbreviations():
    text = "Ledelsen har bl.a. besluttet, at MG er metoden. Der er fx. ikke tid! Næste punkt\n- vikarer\n- supervision"
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert pieces == [
        "Ledelsen har bl.a. besluttet, at MG er metoden.",
        "Der er fx. ikke tid!",
        "Næste punkt",
        "vikarer",
        "supervision",
    ]


def test_negation_marks_the_words_it_reaches_and_stops_at_a_clause():
    features = word_features("Der er ikke tid til supervision, men ledelsen bakker op.")
    assert "ikke_tid" in features and "ikke_supervision" in features
    assert "tid" not in features
    assert "led" in features and "ikke_led" not in features


@pytest.mark.parametrize(
    ("negated", "plain"),
    [
        ("Der er ikke tid til supervision.", "Der er tid til supervision."),
        ("Forældrene bliver ikke inddraget i arbejdet.", "Forældrene bliver inddraget i arbejdet."),
        ("Ledelsen bakker ikke op om teamet.", "Ledelsen bakker op om teamet."),
        ("Medarbejderne har ingen at sparre med.", "Medarbejderne har en kollega at sparre med."),
    ],
)
def test_negation_turns_a_promoter_into_an_inhibitor(pipeline, negated, plain):
    inhibitor, promoter = pipeline.predict([negated, plain])
    assert inhibitor.valence == "inhibitor"
    assert promoter.valence in {"promoter", "neutral"}
    assert inhibitor.driver == promoter.driver


def test_predictions_are_consistent_and_calibrated(pipeline):
    texts = ["Nye vikarer får ingen introduktion til programmet.", "Lederen har lagt en klar plan."]
    for prediction in pipeline.predict(texts):
        assert 0 < prediction.confidence <= 1
        assert prediction.mechanism is None or PARENTS[prediction.mechanism] == prediction.driver
    assert pipeline.predict([]) == []
    probabilities = pipeline.probabilities(texts[0])
    assert set(probabilities) == {"driver", "mechanism", "valence"}
    assert sum(probabilities["driver"].values()) == pytest.approx(1, abs=0.01)


class FixedHead:
    """A head that gives every text the same probabilities."""

    def __init__(self, probabilities: dict[str, float]):
        self.classes_ = np.array(list(probabilities))
        self.row = np.array(list(probabilities.values()))

    def predict_proba(self, matrix) -> np.ndarray:
        return np.tile(self.row, (matrix.shape[0], 1))


def test_the_driver_sums_the_mechanism_head_with_the_driver_head():
    """An unsure driver head is outvoted by mechanisms that agree on one driver."""
    model = CoderPipeline(PARENTS, features="ngram").fit(example_sentences(PARENTS)[::3])
    model.heads["driver"] = FixedHead({"competence": 0.3, "leadership": 0.4, "organisation": 0.3})
    model.heads["mechanism"] = FixedHead(
        {"coaching": 0.35, "training": 0.35, "technical_leadership": 0.2, "systems_intervention": 0.1}
    )
    prediction = model.predict(["Teamet har fået supervision."])[0]
    assert prediction.driver == "competence" and prediction.mechanism in {"coaching", "training"}
    assert prediction.confidence == pytest.approx((0.3 + 0.7) / 2)
    assert sum(model.probabilities("Teamet.")["driver"].values()) == pytest.approx(1)


def test_training_twice_on_the_same_texts_gives_the_same_model():
    examples = example_sentences(PARENTS)[::2]
    texts = ["Der er ikke tid til supervision.", "Ledelsen følger op.", "Data bruges på møderne."]
    first, second = (CoderPipeline(PARENTS, features="ngram").fit(examples) for _ in range(2))
    for head, (classes, values) in first.head_probabilities(texts).items():
        again_classes, again = second.head_probabilities(texts)[head]
        assert list(classes) == list(again_classes) and np.array_equal(values, again)


def test_held_out_clear_sentences_reach_the_target_and_beat_the_keyword_list(pipeline):
    held_out = heldout_clear()
    training = {e.text for e in example_sentences(PARENTS)}
    assert len(held_out) >= 150 and not training & {e.text for e in held_out}
    truth = [e.driver for e in held_out]
    model = head_scores("driver", truth, [p.driver for p in pipeline.predict([e.text for e in held_out])])
    keywords = head_scores("driver", truth, [keyword_driver(e.text) for e in held_out])
    assert model.macro_f1 >= 0.85
    assert model.macro_f1 > keywords.macro_f1


def test_a_head_without_two_codes_is_refused():
    with pytest.raises(ValueError, match="driver"):
        CoderPipeline(PARENTS).fit([Example("a", driver="competence", valence="promoter")] * 3)


def test_hyphenated_command_names_reach_django_commands():
    assert command_argv(["train-coder", "--folds", "3"]) == ["train_coder", "--folds", "3"]
    assert command_argv(["--help"]) == ["--help"]
    assert command_argv([]) == []


# --- the database, the stored model and the commands ---------------------------------------------------


@pytest.fixture
def coded_world(db):

    report = ReportFactory(
        sections={"leadership": "Lederen går forrest. Der mangler en klar plan for implementeringen."}
    )
    section = ReportSection.objects.get(report=report, theme="leadership")
    version = CodebookVersion.objects.get(number=1)
    leadership = Code.objects.get(kind="driver", key="leadership")
    CodedPassage.objects.create(
        section=section,
        start=0,
        end=20,
        text=section.text[:20],
        coder=UserFactory(),
        codebook_version=version,
        driver=leadership,
        valence="promoter",
    )
    CodedPassage.objects.create(
        section=section,
        start=21,
        end=len(section.text),
        text="MODEL-ONLY " + section.text[21:],
        codebook_version=version,
        model_version="old",
        driver=leadership,
        valence="inhibitor",
        origin=PassageOrigin.MODEL,
    )
    FactorFactory(report=report, driver=Code.objects.get(kind="driver", key="competence"))
    return report


def test_training_data_are_codebook_examples_and_what_people_coded(coded_world):
    examples = store.training_examples()
    sources = {e.source for e in examples}
    assert sources == {"codebook", "example", "db"}
    texts = {e.text for e in examples if e.source == "db"}
    assert "Lederen går forrest." in texts
    assert "Kollegial sparring i teamet styrker brugen af redskaberne." in texts
    assert not any(t.startswith("MODEL-ONLY") for t in texts)


def test_train_and_store_writes_a_versioned_small_file_and_activates_it(coded_world):
    first = store.train_and_store(folds=2)
    second = store.train_and_store(folds=2)
    first.refresh_from_db()
    assert not first.is_active and second.is_active and first.version != second.version
    path = Path(second.path)
    assert path.parent == Path(store.models_dir()) and path.stat().st_size < 20_000_000
    assert second.training_size == len(store.training_examples())
    assert {"driver", "mechanism", "valence"} <= set(second.scores)
    store._cache.clear()
    row, pipeline = store.active_model()
    assert row == second and pipeline.predict(["Der er ikke tid til supervision."])[0].driver == "competence"


def test_commands_train_suggest_and_evaluate(coded_world, tmp_path):
    out = io.StringIO()
    call_command("train_coder", "--folds", "2", stdout=out)
    assert (
        "driver" in out.getvalue() and "macro-F1" in out.getvalue() and "Træningseksempler" in out.getvalue()
    )

    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": 7, "text": "Der er ikke tid til supervision."}\n{"id": "x", "text": "Lederen har besluttet."}\n',
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("suggest", "--input", str(source), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == [7, "x"]
    assert set(lines[0]) == {"id", "driver", "mechanism", "valence", "confidence"}
    assert lines[0]["driver"] == "competence" and lines[0]["valence"] == "inhibitor"

    out = io.StringIO()
    call_command("suggest", "--report", str(coded_world.pk), stdout=out)
    report_lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["text"] for line in report_lines] == [
        "Lederen går forrest.",
        "Der mangler en klar plan for implementeringen.",
    ]

    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        '{"text": "Der er ikke tid til supervision.", "driver": "competence", "valence": "inhibitor"}\n'
        '{"text": "Ledelsen har lagt en klar plan.", "driver": "leadership"}\n',
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("evaluate_coder", "--input", str(labelled), stdout=out)
    text = out.getvalue()
    assert "accuracy" in text and "macro-F1" in text and "Cohens kappa" in text and "Nøgleordsliste" in text
    out = io.StringIO()
    call_command("evaluate_coder", "--input", str(labelled), "--json", stdout=out)
    assert json.loads(out.getvalue())["heads"]["driver"]["n"] == 2


def test_suggest_trains_first_when_there_is_no_model(db, tmp_path):

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "Vikarerne kender ikke programmet."}\n', encoding="utf-8")
    out = io.StringIO()
    call_command("suggest", "--input", str(source), stdout=out, stderr=io.StringIO())
    assert CoderModel.objects.filter(is_active=True).count() == 1
    assert json.loads(out.getvalue())["driver"] == "competence"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "text": "ok"}\nnot json\n', "linje 2"),
        ('{"text": "uden id"}\n', "mangler id"),
        ('["a list"]\n', "JSON-objekt"),
    ],
)
def test_suggest_refuses_a_bad_file_before_writing_anything(db, tmp_path, content, message):
    source = tmp_path / "bad.jsonl"
    source.write_text(content, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match=message):
        call_command("suggest", "--input", str(source), stdout=out)
    assert out.getvalue() == ""
