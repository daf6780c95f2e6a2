"""Keyword stems: a stem matches a text where a word starts with it (case-insensitive).

"mål" matches "mål" and "målene" but not "formål"; a stem may span words ("klare mål").
"""

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=256)
def _pattern(stems: tuple[str, ...]) -> re.Pattern | None:
    cleaned = [stem.strip().lower() for stem in stems if stem.strip()]
    if not cleaned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(stem) for stem in cleaned) + ")")


def matches(text: str, stems: Iterable[str]) -> bool:
    pattern = _pattern(tuple(stems))
    return bool(pattern and pattern.search(text.lower()))
