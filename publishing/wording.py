"""The wording rules of the reports' prose in one place: how widespread a finding is (the quantifier
that matches a count), Danish lists, and the deterministic choice between several phrasings.

The evaluation's own vocabulary: *samtlige* (all), *de fleste* (more than half), *halvdelen*,
*lidt under halvdelen* (40-49 %), *flere* (at least three and a quarter), *nogle* (at least
three), *enkelte* (one or two), *ingen*. Every sentence that says how many sites carries the
count behind the word ("på de fleste steder (9 af 11)").
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import get_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Quantity:
    """`count` of `total` sites, with the quantifier word and the phrasings built on it."""

    count: int
    total: int

    @property
    def rule(self) -> str:
        """The rule that applies, one of: none, all, most, half, under_half, several, some, few, one."""
        count, total = self.count, self.total
        if count <= 0 or total <= 0:
            return "none"
        if count >= total:
            return "all"
        if 2 * count > total:
            return "most"
        if 2 * count == total:
            return "half"
        if 10 * count >= 4 * total:
            return "under_half"
        if count >= 3 and 4 * count >= total:
            return "several"
        if count >= 3:
            return "some"
        return "one" if count == 1 else "few"

    @property
    def word(self) -> str:
        """The quantifier with its noun: "de fleste steder", "lidt under halvdelen af stederne"."""
        return {
            "none": _("ingen steder"),
            "all": _("samtlige steder"),
            "most": _("de fleste steder"),
            "half": _("halvdelen af stederne"),
            "under_half": _("lidt under halvdelen af stederne"),
            "several": _("flere steder"),
            "some": _("nogle steder"),
            "few": _("enkelte steder"),
            "one": _("et enkelt sted"),
        }[self.rule]

    @property
    def counted(self) -> str:
        """The count as the evaluation writes it: "9 af 11 steder", "alle 3 steder", "ingen af de 4 steder"."""
        if self.total == 1:
            return _("det ene sted") if self.count else _("ikke det ene sted")
        if self.rule == "all":
            return _("alle {total} steder").format(total=self.total)
        if self.rule == "none":
            return _("ingen af de {total} steder").format(total=self.total)
        return _("{count} af {total} steder").format(count=self.count, total=self.total)

    @property
    def at(self) -> str:
        """ "på de fleste steder (9 af 11)": the location phrase with the count in parentheses."""
        if self.total == 1:
            return _("på det ene sted") if self.count else _("ikke på det ene sted")
        if self.rule == "all":
            return _("på samtlige {total} steder").format(total=self.total)
        if self.rule == "none":
            return _("på ingen af de {total} steder").format(total=self.total)
        return _("på {word} ({count} af {total})").format(word=self.word, count=self.count, total=self.total)

    @property
    def subject(self) -> str:
        """ "De fleste steder (9 af 11)": the phrase as a sentence's subject, capitalised."""
        if self.total == 1:
            return _("Det ene sted") if self.count else _("Intet sted")
        if self.rule == "all":
            return capitalise(_("samtlige {total} steder").format(total=self.total))
        if self.rule == "none":
            return capitalise(_("ingen af de {total} steder").format(total=self.total))
        return capitalise(
            _("{word} ({count} af {total})").format(word=self.word, count=self.count, total=self.total)
        )


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def decapitalise(text: str) -> str:
    """Lower-case the first letter of a sentence used inside another (not an acronym like "RP")."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    """Capitalised and ending in a full stop."""
    text = capitalise(text.strip())
    return text if text.endswith((".", "!", "?", "«", "»")) else text + "."


def join(items: Sequence[str]) -> str:
    """A Danish list: "a", "a og b", "a, b og c"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return _("{first} og {last}").format(first=", ".join(items[:-1]), last=items[-1])


def choose(key: str, options: Sequence[str], position: int = 0) -> str:
    """One of several phrasings, the same for the same key in every build, different across keys;
    consecutive `position`s under one key get consecutive phrasings, so a paragraph never repeats one.

    A stable hash (not Python's salted `hash`) so the report reads the same every time it is built.
    """
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return options[(int.from_bytes(digest[:4], "big") + position) % len(options)]


def signed(value: float) -> str:
    """A mean rating with its sign and a decimal comma: +1,5, −0,5."""
    return f"{value:+.1f}".replace(".", get_format("DECIMAL_SEPARATOR")).replace("-", "−")


def share_word(promoters: int, inhibitors: int) -> str:
    """The balance between promoters and inhibitors in words, never as a bare ratio."""
    total = promoters + inhibitors
    if not total:
        return _("der er ingen udsagn")
    share = promoters / total
    if share >= 0.7:
        return _("fremmerne dominerer klart")
    if share >= 0.55:
        return _("der er en overvægt af fremmere")
    if share > 0.45:
        return _("billedet er blandet, med omtrent lige mange fremmere og hæmmere")
    if share > 0.3:
        return _("der er en overvægt af hæmmere")
    return _("hæmmerne dominerer klart")


QUOTE_MARKS = "»«“”\"'"


def quoted(text: str) -> str:
    """A quote in Danish quotation marks."""
    return "»" + text.strip().strip(QUOTE_MARKS) + "«"
