"""Keyword stems: a stem matches a text where a word starts with it (case-insensitive).

"mål" matches "mål", "målene" and "målgruppe" but not "formål"; a stem may span words ("klare mål").
A TopicMatcher answers which configured topics a text speaks of, once per distinct text: the same
statement recurs across reports and sites, so the searches do not grow with the number of rows.
"""

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _pattern(stems: tuple[str, ...]) -> re.Pattern | None:
    cleaned = sorted({stem.strip().lower() for stem in stems if stem.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(stem) for stem in cleaned) + ")")


def matches(text: str, stems: list[str] | tuple[str, ...]) -> bool:
    pattern = _pattern(tuple(stems))
    return bool(pattern and pattern.search(text.lower()))


class TopicMatcher:
    """Topic name → stems; `topics(text)` is the set of topics whose stems occur in the text."""

    def __init__(self, topics: dict[str, list[str]]):
        self._patterns = [(name, _pattern(tuple(stems))) for name, stems in topics.items()]
        self._patterns = [(name, pattern) for name, pattern in self._patterns if pattern is not None]
        self._cache: dict[str, frozenset[str]] = {}

    def topics(self, text: str) -> frozenset[str]:
        found = self._cache.get(text)
        if found is None:
            lowered = text.lower()
            found = frozenset(name for name, pattern in self._patterns if pattern.search(lowered))
            self._cache[text] = found
        return found


def activity_matcher(activities: dict) -> TopicMatcher:
    """Topics named "<phase>.<activity>" for the phase activities that have stems."""
    return TopicMatcher(
        {
            f"{phase}.{key}": spec.get("stems", [])
            for phase, specs in activities.items()
            for key, spec in specs.items()
        }
    )
