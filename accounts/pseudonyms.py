"""Stable pseudonyms per site, stored so a name keeps its label across texts and over time."""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db import transaction

from accounts.models import Pseudonym
from accounts.privacy import apply_pseudonyms, find_person_names, mask_cpr, pseudonym_label


def _known_staff(site_ids: set[int]) -> dict[int, dict[str, str]]:
    TeamMember = apps.get_model("registry", "TeamMember")

    known: dict[int, dict[str, str]] = defaultdict(dict)
    for site_id, name in TeamMember.objects.filter(site_id__in=site_ids).values_list("site_id", "name"):
        known[site_id][name] = name
        first = name.split()[0]
        known[site_id].setdefault(first, name)
    return known


class SitePseudonymiser:
    """Pseudonymises texts of many sites with one query for the names and one for the labels."""

    def __init__(self, site_ids):
        self.site_ids = set(site_ids)
        self.known = _known_staff(self.site_ids)
        self.labels: dict[int, dict[str, str]] = defaultdict(dict)
        self.counts: dict[tuple[int, str], int] = defaultdict(int)
        for site_id, key, kind, label in Pseudonym.objects.filter(site_id__in=self.site_ids).values_list(
            "site_id", "name_key", "kind", "label"
        ):
            self.labels[site_id][key] = label
            self.counts[(site_id, kind)] += 1

    @transaction.atomic
    def text(self, site_id: int, text: str) -> str:
        """The text with CPR numbers masked and person names replaced by the site's pseudonyms."""
        text = mask_cpr(text).text
        spans = find_person_names(text, self.known.get(site_id))
        labels = self.labels[site_id]
        for span in spans:
            if span.key not in labels:
                label = pseudonym_label(span.kind, self.counts[(site_id, span.kind)])
                Pseudonym.objects.create(site_id=site_id, name_key=span.key, kind=span.kind, label=label)
                self.counts[(site_id, span.kind)] += 1
                labels[span.key] = label
        return apply_pseudonyms(text, spans, labels)


_publishing: ContextVar[tuple[SitePseudonymiser, int | None] | None] = ContextVar(
    "publishing_names", default=None
)


@contextmanager
def pseudonymising(site_id: int | None = None) -> Iterator[None]:
    """Within the block, `publishable` pseudonymises for one site, or strips names from
    cross-site text (aggregated statements), reusing one name index for the whole document."""
    token = _publishing.set((SitePseudonymiser([site_id] if site_id else []), site_id))
    try:
        yield
    finally:
        _publishing.reset(token)


def publishable(text: str) -> str:
    """Free text as it may appear in a published document: CPR masked, no person names."""
    active = _publishing.get()
    if active is None:
        return anonymous_text(text)
    pseudonymiser, site_id = active
    if site_id is None:
        return anonymous_text(text)
    return pseudonymiser.text(site_id, text)


def anonymous_text(text: str, known_staff: dict[str, str] | None = None) -> str:
    """Names replaced by "[navn]" where no site gives them stable labels (text across sites);
    `known_staff` (full and first name → full name) catches registered people the heuristic misses."""
    text = mask_cpr(text or "").text
    spans = find_person_names(text, known_staff)
    return apply_pseudonyms(text, spans, dict.fromkeys((s.key for s in spans), "[navn]"))
