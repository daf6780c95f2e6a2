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


def _trie(stems) -> str:
    """A regex of the stems as a tree of their letters, which finds the longest stem at a place
    (a longer continuation is tried before stopping) in about two thirds of the time of an
    alternation of all stems, longest first."""
    tree: dict = {}
    for stem in stems:
        node = tree
        for char in stem:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    paths = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not paths:
        return ""
    body = paths[0] if len(paths) == 1 else "(?:" + "|".join(paths) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=8)
def _compiled(topics: tuple[tuple[str, tuple[str, ...]], ...]):
    """The pattern and the topics found at each stem, built once per set of topics: one site's
    status is computed on many requests with the same configuration."""
    names_of: dict[str, set[str]] = {}
    for name, stems in topics:
        for stem in stems:
            if stem.strip():
                names_of.setdefault(stem.strip().lower(), set()).add(name)
    pattern = re.compile(r"(?<!\w)(?=(" + _trie(names_of) + "))") if names_of else None
    names_at = {
        stem: frozenset(name for prefix, names in names_of.items() if stem.startswith(prefix) for name in names)
        for stem in names_of
    }
    return pattern, names_at


class TopicMatcher:
    """Topic name → stems; `topics(text)` is the set of topics whose stems occur in the text.

    All stems are sought in one scan: at each word start the longest stem that matches is found,
    and the stems that are its prefixes match there too, so each found stem stands for the topics
    of itself and of its prefixes.
    """

    def __init__(self, topics: dict[str, list[str]]):
        key = tuple(sorted((name, tuple(stems)) for name, stems in topics.items()))
        self._pattern, self._names_at = _compiled(key)
        self._cache: dict[str, frozenset[str]] = {}

    def topics(self, text: str) -> frozenset[str]:
        found = self._cache.get(text)
        if found is None:
            found = frozenset()
            if self._pattern is not None:
                found = found.union(*map(self._names_at.__getitem__, self._pattern.findall(text.lower())))
            self._cache[text] = found
        return found

    def each(self, texts: list[str]) -> list[frozenset[str]]:
        """`topics` of every text, in order (each distinct text is scanned once)."""
        try:
            return list(map(self._cache.__getitem__, texts))
        except KeyError:
            for text in set(texts).difference(self._cache):
                self.topics(text)
            return list(map(self._cache.__getitem__, texts))


def activity_matcher(activities: dict) -> TopicMatcher:
    """Topics named "<phase>.<activity>" for the phase activities that have stems."""
    return TopicMatcher(
        {
            f"{phase}.{key}": spec.get("stems", [])
            for phase, specs in activities.items()
            for key, spec in specs.items()
        }
    )
