"""Danish text for the coding model: tokens, stems, stop words, negation scope and sentences.

Pure functions (no Django). Stop words are a short list written for this project; negations are
deliberately not stop words, because "der er ikke tid til supervision" is an inhibitor while
"der er tid til supervision" is a promoter.
"""

import re
from functools import lru_cache

import snowballstemmer

NEGATIONS = frozenset(
    {
        "ikke",
        "ingen",
        "intet",
        "aldrig",
        "mangler",
        "manglende",
        "mangel",
        "uden",
        "hverken",
        "næppe",
        "sjældent",
        "ikk",
    }
)

STOP_WORDS = frozenset(
    {
        "af",
        "alle",
        "alt",
        "andre",
        "at",
        "blev",
        "bliver",
        "da",
        "de",
        "dem",
        "den",
        "denne",
        "der",
        "deres",
        "det",
        "dette",
        "dig",
        "din",
        "disse",
        "dog",
        "du",
        "efter",
        "eller",
        "en",
        "end",
        "er",
        "et",
        "for",
        "fra",
        "ham",
        "han",
        "hans",
        "har",
        "havde",
        "have",
        "hende",
        "hendes",
        "her",
        "hos",
        "hun",
        "hvad",
        "hvis",
        "hvor",
        "i",
        "ind",
        "jeg",
        "jo",
        "kan",
        "kunne",
        "man",
        "mange",
        "med",
        "meget",
        "men",
        "mig",
        "min",
        "mit",
        "mod",
        "må",
        "ned",
        "noget",
        "nogle",
        "nu",
        "når",
        "og",
        "også",
        "om",
        "op",
        "os",
        "over",
        "på",
        "sig",
        "sin",
        "sine",
        "sit",
        "skal",
        "skulle",
        "som",
        "så",
        "sådan",
        "thi",
        "til",
        "ud",
        "under",
        "var",
        "vi",
        "vil",
        "ville",
        "vor",
        "vores",
        "være",
        "været",
        "blevet",
        "fx",
        "bl",
        "a",
        "eks",
        "f",
        "dvs",
        "ca",
        "evt",
        "osv",
        "mv",
        "hvordan",
        "hvilke",
        "hvilket",
        "derfor",
        "både",
        "ved",
        "mere",
        "mest",
        "nogen",
        "selv",
        "samt",
        "således",
        "endnu",
        "allerede",
        "lige",
    }
)

# A negation reaches the next few words, not past a clause boundary.
NEGATION_SCOPE = 3
_CLAUSE_BREAKS = frozenset({"men", "og", "fordi", "selvom", "mens", "så", "da", "når"})
_TOKEN = re.compile(r"[a-zæøåéü]+|[.,;:!?]", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")

_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def normalise(text: str) -> str:
    return _DIGITS.sub(" 0 ", text.lower())


def word_features(text: str) -> list[str]:
    """Stemmed content words, negated words marked `ikke_<stem>`, plus word bigrams.

    A word in a negation's scope yields only the marked stem, so "tid" keeps its promoting sense
    while "ikke_tid" learns the inhibiting one; the topic survives in the bigrams and the
    character n-grams. (Chosen over emitting both forms by cross-validation on the examples.)
    """
    features: list[str] = []
    stems: list[str] = []
    scope = 0
    for token in _TOKEN.findall(normalise(text)):
        if not token[0].isalpha():
            scope = 0
            stems.append("|")
            continue
        if token in NEGATIONS:
            scope = NEGATION_SCOPE
            features.append("NEG")
            stems.append("ikke")
            continue
        if token in _CLAUSE_BREAKS:
            scope = 0
        if token in STOP_WORDS:
            continue
        root = stem(token)
        stems.append(root)
        if scope:
            features.append("ikke_" + root)
            scope -= 1
        else:
            features.append(root)
    for left, right in zip(stems, stems[1:], strict=False):
        if left != "|" and right != "|":
            features.append(left + " " + right)
    return features


def char_text(text: str) -> str:
    """What the character n-grams see: lower case, digits folded."""
    return normalise(text)


_ABBREVIATIONS = frozenset(
    {
        "fx",
        "f.eks",
        "eks",
        "bl.a",
        "a",
        "dvs",
        "ca",
        "mht",
        "evt",
        "osv",
        "jf",
        "pga",
        "nr",
        "kl",
        "m.m",
        "mm",
        "mv",
        "inkl",
        "ift",
        "iflg",
        "vedr",
        "ang",
        "hhv",
        "stk",
        "pkt",
        "ll",
        "gl",
        "tlf",
        "t.o.m",
        "jan",
        "feb",
        "aug",
        "sept",
        "okt",
        "nov",
        "dec",
    }
)
_BOUNDARY = re.compile(r"[.!?]+[\"»”')]*(?=\s+[\"»”'(]?[A-ZÆØÅ0-9-])|\n\s*")
_LAST_WORD = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, stripped of surrounding white space.

    A sentence ends at . ! or ? followed by white space and a capital letter or digit (unless the
    word before the full stop is a common Danish abbreviation such as "fx" or "bl.a."), and at
    every line break, so bullet lists split into their items.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0).startswith("."):
            before = _LAST_WORD.search(text[start : match.start()])
            if before and before.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
        end = match.end() if not match.group(0).startswith("\n") else match.start()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        while begin < end and text[begin] in " \t\r\n-•*":
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin and any(ch.isalpha() for ch in text[begin:end]):
            result.append((begin, end))
    return result
