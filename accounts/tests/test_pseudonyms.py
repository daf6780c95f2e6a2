import re
from pathlib import Path

import pytest

from accounts.models import Pseudonym
from accounts.privacy import find_person_names
from accounts.pseudonyms import SitePseudonymiser, pseudonymising, publishable
from registry.tests.factories import SiteFactory, TeamMemberFactory

LABELLED = Path(__file__).parent / "data" / "names_labelled.txt"
MARK = re.compile(r"\{\{(.+?)\}\}")


def labelled_text() -> tuple[str, set[tuple[int, int]]]:
    raw = LABELLED.read_text(encoding="utf-8")
    text, gold, shift = "", set(), 0
    last = 0
    for match in MARK.finditer(raw):
        text += raw[last : match.start()]
        start = len(text)
        text += match.group(1)
        gold.add((start, len(text)))
        last = match.end()
    text += raw[last:]
    del shift
    return text, gold


def recall_precision(known_staff=None) -> tuple[float, float]:
    text, gold = labelled_text()
    found = {(s.start, s.end) for s in find_person_names(text, known_staff)}
    hits = len(found & gold)
    return hits / len(gold), hits / len(found)


def test_names_in_the_labelled_text_are_found_with_high_recall_and_precision():
    known = {
        "Hanne Holm": "Hanne Holm",
        "Hanne": "Hanne Holm",
        "Jesper": "Jesper",
        "Lone Kristensen": "Lone Kristensen",
    }
    recall, precision = recall_precision(known)
    assert recall >= 0.9
    assert precision >= 0.9


def test_ordinary_words_that_are_also_names_are_left_alone():
    spans = find_person_names(
        "Per uge mødes teamet. Bo man her længe, lærer man meget. Tage hensyn er vigtigt."
    )
    assert spans == []


@pytest.mark.django_db
def test_pseudonyms_are_stable_per_site_and_separate_between_sites():
    site, other = SiteFactory(), SiteFactory()
    TeamMemberFactory(site=site, name="Hanne Holm")
    pseudonymiser = SitePseudonymiser([site.pk, other.pk])
    first = pseudonymiser.text(site.pk, "Hanne Holm og den unge Sofie talte sammen. Hanne var glad.")
    assert "Hanne" not in first and "Sofie" not in first
    assert first.count("Medarbejder A") == 2 and "Ung A" in first
    again = SitePseudonymiser([site.pk]).text(site.pk, "Sofie og Hanne.")
    assert again == "Ung A og Medarbejder A."
    assert SitePseudonymiser([other.pk]).text(other.pk, "Pigen Sofie.") == "Pigen Ung A."
    assert Pseudonym.objects.filter(site=site).count() == 2


@pytest.mark.django_db
def test_pseudonymised_text_also_masks_cpr():
    site = SiteFactory()
    assert "[CPR-nummer fjernet]" in SitePseudonymiser([site.pk]).text(site.pk, "cpr 010203-1234")


@pytest.mark.django_db
def test_published_text_has_site_pseudonyms_inside_a_site_and_no_names_across_sites():
    site = SiteFactory()
    TeamMemberFactory(site=site, name="Hanne Holm")
    assert publishable("Hanne Holm og Sofie Jensen talte.") == "[navn] og [navn] talte."
    with pseudonymising(site.pk):
        assert publishable("Hanne Holm og den unge Sofie talte.") == "Medarbejder A og den unge Ung A talte."
