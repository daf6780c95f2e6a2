"""The coding model and the database: training data, versioned model files, the active model.

Training data are the codebook's descriptions, the written example sentences and every passage a
person coded (CodedPassage with a coder) plus the promoters and inhibitors coded to a driver. A
trained model is stored with joblib under DRIVKRAFT_VAR_DIR/models/ and registered as a
CoderModel row (version, training size, date, cross-validated scores).
"""

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

import joblib
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from codebook.models import Code, CodeKind
from coding.classifier.examples import example_sentences
from coding.classifier.model import CoderPipeline, Example
from coding.models import CodedPassage, CoderModel
from fieldwork.models import Factor

FILE_FORMAT = 1
_cache_lock = threading.Lock()
_cache: dict[str, CoderPipeline] = {}


class NoTrainedModel(Exception):
    """There is no active, readable coding model yet."""


def models_dir() -> Path:
    path = Path(settings.DRIVKRAFT_VAR_DIR) / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def mechanism_parents() -> dict[str, str]:
    return dict(
        Code.objects.filter(kind=CodeKind.MECHANISM, parent__isnull=False).values_list("key", "parent__key")
    )


def codebook_examples() -> list[Example]:
    """Each active code's Danish label and description as a (short) example of itself."""
    examples = []
    codes = Code.objects.filter(
        kind__in=[CodeKind.DRIVER, CodeKind.MECHANISM, CodeKind.VALENCE, CodeKind.ATTENTION_POINT],
        is_retired=False,
    ).select_related("parent")
    for code in codes:
        text = f"{code.label_da}. {code.description_da}".strip()
        if code.kind == CodeKind.DRIVER:
            examples.append(Example(text, driver=code.key, source="codebook"))
        elif code.kind == CodeKind.MECHANISM and code.parent:
            examples.append(Example(text, driver=code.parent.key, mechanism=code.key, source="codebook"))
        elif code.kind == CodeKind.ATTENTION_POINT and code.parent:
            examples.append(Example(text, driver=code.parent.key, source="codebook"))
        elif code.kind == CodeKind.VALENCE:
            examples.append(Example(text, valence=code.key, source="codebook"))
    return examples


def coded_examples() -> list[Example]:
    """Every passage people coded, and every promoter or inhibitor coded to a driver."""

    examples = []
    passages = (
        CodedPassage.objects.filter(coder__isnull=False)
        .exclude(driver__isnull=True, valence="")
        .values_list("text", "driver__key", "mechanism__key", "valence")
    )
    for text, driver, mechanism, valence in passages.iterator(chunk_size=2000):
        examples.append(
            Example(text, driver=driver, mechanism=mechanism, valence=valence or None, source="db")
        )
    factors = Factor.objects.filter(driver__isnull=False).values_list(
        "statement", "driver__key", "mechanism__key", "valence"
    )
    for text, driver, mechanism, valence in factors.iterator(chunk_size=2000):
        examples.append(
            Example(text, driver=driver, mechanism=mechanism, valence=valence or None, source="db")
        )
    return examples


def training_examples() -> list[Example]:
    parents = mechanism_parents()
    return [*codebook_examples(), *example_sentences(parents), *coded_examples()]


def _digest(examples: list[Example]) -> str:
    digest = hashlib.sha256()
    for e in examples:
        digest.update(f"{e.text}\x1f{e.driver}\x1f{e.mechanism}\x1f{e.valence}\x1e".encode())
    return digest.hexdigest()[:8]


def train_and_store(
    *,
    examples: list[Example] | None = None,
    folds: int = 5,
    progress: Callable[[str, float], None] | None = None,
) -> CoderModel:
    """Fit (with k-fold cross-validated scores per head), write the file, make it the active CoderModel.

    `progress(step, fraction)` is called as the work advances (fraction 0..1).
    """
    examples = training_examples() if examples is None else examples
    pipeline = CoderPipeline(mechanism_parents(), folds=folds).fit(examples, progress=progress)
    scores = pipeline.scores
    now = timezone.now()
    version = f"{now:%Y%m%d%H%M%S%f}-{_digest(examples)}"
    path = models_dir() / f"coder-{version}.joblib"
    bundle = {
        "format": FILE_FORMAT,
        "version": version,
        "trained_at": now.isoformat(),
        "training_size": len(examples),
        "scores": scores,
        "pipeline": pipeline,
    }
    joblib.dump(bundle, path, compress=3)
    with transaction.atomic():
        CoderModel.objects.filter(is_active=True).update(is_active=False)
        row = CoderModel(version=version, training_size=len(examples), scores=scores, path=str(path))
        row.full_clean()
        row.save()
    with _cache_lock:
        _cache[version] = pipeline
    return row


def load(row: CoderModel) -> CoderPipeline:
    """The fitted pipeline of a CoderModel row, read once per process."""
    with _cache_lock:
        if row.version in _cache:
            return _cache[row.version]
    path = Path(row.path)
    if not path.is_file():
        raise NoTrainedModel(f"Modelfilen {path} findes ikke.")
    bundle = joblib.load(path)
    if bundle.get("format") != FILE_FORMAT or bundle.get("version") != row.version:
        raise NoTrainedModel(f"Modelfilen {path} passer ikke til modellen {row.version}.")
    with _cache_lock:
        _cache[row.version] = bundle["pipeline"]
    return bundle["pipeline"]


def active_model() -> tuple[CoderModel, CoderPipeline]:
    row = CoderModel.objects.filter(is_active=True).order_by("-trained_at").first()
    if row is None:
        raise NoTrainedModel("Der er ingen trænet kodningsmodel endnu.")
    return row, load(row)


def active_or_train(progress: Callable[[str, float], None] | None = None) -> tuple[CoderModel, CoderPipeline]:
    """The active model; with none (or its file lost), train one first."""
    try:
        return active_model()
    except NoTrainedModel:
        row = train_and_store(progress=progress)
        return row, load(row)
