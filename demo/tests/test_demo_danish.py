"""The demo's Danish: subordinate clauses with the adverb before the verb, titles in lower case
mid-sentence, and no sentence twice in one report or one set of minutes."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from audit.services import acting_as
from demo.loader import domain_data_delete
from fieldwork.models import ImplementationReport, JointMeeting

pytestmark = pytest.mark.django_db

SUBORDINATE = r"(?:, at|, fordi|, når|, hvis|, selvom|, om|, mens)"
FINITE = (
    r"(?:har|er|kan|vil|skal|må|bliver|blev|får|gør|passer|var|havde|kunne|ville|skulle|fik|tør|bruger|tager)"
)
ADVERB = r"(?:ikke|aldrig|altid|også|stadig|endnu|kun|sjældent|ofte|allerede)"
# "…, at ledelsen har ikke meldt ud": subject of one or two words, then the verb before the adverb.
MAIN_CLAUSE_ORDER = re.compile(rf"{SUBORDINATE} (?:\w+ ){{1,2}}{FINITE} {ADVERB}\b")
TITLES = re.compile(
    r"(?<=[a-zæøå,] )(Forstander|Afdelingsleder|Leder|Lederen|Pædagog|Psykolog|Konsulent|Konsulenten|"
    r"Implementeringskonsulent|Implementeringskonsulenten|Implementeringsansvarlig|Teamleder|Medarbejder|"
    r"Medarbejderen|Medarbejderne|Teamet|Ledelsen)\b"
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


@pytest.fixture(scope="module")
def texts(django_db_setup, django_db_blocker):
    """Every report (all its sections) and every set of minutes of the default demo."""
    with django_db_blocker.unblock():
        call_command("demo", stdout=StringIO(), stderr=StringIO())
        found = []
        for report in ImplementationReport.objects.prefetch_related("sections"):
            found.append(
                (f"report {report.pk}", [report.introduction, *(s.text for s in report.sections.all())])
            )
        found += [(f"meeting {m.pk}", [m.minutes]) for m in JointMeeting.objects.all()]
        yield found
        with transaction.atomic(), acting_as(None, name="test"):
            domain_data_delete()
            User.objects.filter(username__in=["admin", "evaluator", "consultant1", "provider"]).delete()


def test_subordinate_clauses_put_the_adverb_before_the_verb(texts):
    wrong = [
        (where, m.group(0))
        for where, parts in texts
        for part in parts
        for m in MAIN_CLAUSE_ORDER.finditer(part)
    ]
    assert not wrong, wrong[:10]


def test_no_capitalised_titles_mid_sentence(texts):
    wrong = [(where, m.group(0)) for where, parts in texts for part in parts for m in TITLES.finditer(part)]
    assert not wrong, wrong[:10]


def test_no_sentence_twice_in_a_report(texts):
    repeated = []
    for where, parts in texts:
        counts = Counter(s.strip() for part in parts for s in SENTENCE.findall(part) if len(s.strip()) > 25)
        repeated += [(where, sentence) for sentence, n in counts.items() if n > 1]
    assert not repeated, repeated[:10]
