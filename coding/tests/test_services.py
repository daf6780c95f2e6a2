import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from accounts.privacy import CPR_MASK
from accounts.tests.factories import UserFactory
from codebook import services as codebook_services
from codebook.models import Code, CodebookVersion, CodeRevision
from coding import services
from coding.models import CodedPassage, Memo, MemoTarget
from coding.tests.factories import MemoFactory, PassageFactory, code
from fieldwork.models import SiteAssessment
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

TEXT = "Personalet får supervision hver måned.\r\nLedelsen går forrest."


@pytest.fixture
def evaluator():
    return UserFactory(role=Role.EVALUATOR)


@pytest.fixture
def section():
    return ReportFactory(sections={"leadership": TEXT}).sections.get(theme="leadership")


def test_passage_create_stores_exact_offsets_and_current_version(evaluator, section):
    start = TEXT.index("supervision")
    passage = services.passage_create(
        coder=evaluator,
        section=section,
        start=start,
        end=start + len("supervision hver måned"),
        text="supervision hver måned",
        driver=code("driver", "competence"),
        mechanism=code("mechanism", "coaching"),
        valence="promoter",
    )
    assert section.text[passage.start : passage.end] == passage.text == "supervision hver måned"
    assert passage.codebook_version == CodebookVersion.objects.get(number=1)
    assert passage.coder == evaluator


def test_passage_create_accepts_browser_newlines_but_stores_the_source_text(evaluator, section):
    start = TEXT.index("måned")
    end = TEXT.index("går")
    passage = services.passage_create(
        coder=evaluator,
        section=section,
        start=start,
        end=end,
        text="måned.\nLedelsen ",
        driver=code("driver", "leadership"),
    )
    assert passage.text == "måned.\r\nLedelsen "


@pytest.mark.parametrize(
    ("start", "end", "text", "field"),
    [
        (0, 8, "Ledelsen", "text"),
        (1, 10, "Personale", "text"),
        (50, 90, "x", "start"),
        (5, 5, "", "start"),
        (-1, 3, "Per", "start"),
    ],
)
def test_passage_create_refuses_offsets_that_do_not_match(evaluator, section, start, end, text, field):
    with pytest.raises(ValidationError) as error:
        services.passage_create(
            coder=evaluator,
            section=section,
            start=start,
            end=end,
            text=text,
            driver=code("driver", "competence"),
        )
    assert field in error.value.message_dict
    assert not CodedPassage.objects.exists()


def test_mechanism_must_belong_to_the_driver(evaluator, section):
    with pytest.raises(ValidationError) as error:
        services.passage_create(
            coder=evaluator,
            section=section,
            start=0,
            end=9,
            text="Personale",
            driver=code("driver", "leadership"),
            mechanism=code("mechanism", "coaching"),
        )
    assert "mechanism" in error.value.message_dict


def test_a_passage_needs_a_driver_or_attention_point(evaluator, section):
    with pytest.raises(ValidationError):
        services.passage_create(
            coder=evaluator, section=section, start=0, end=9, text="Personale", driver=None
        )
    passage = services.passage_create(
        coder=evaluator,
        section=section,
        start=0,
        end=9,
        text="Personale",
        driver=None,
        attention_point=code("attention_point", "ongoing_supervision"),
    )
    assert passage.attention_point.number == 1


def test_consultants_cannot_code(section):
    consultant = UserFactory(role=Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        services.passage_create(
            coder=consultant,
            section=section,
            start=0,
            end=9,
            text="Personale",
            driver=code("driver", "competence"),
        )


def test_retired_codes_are_refused_for_new_codings_but_kept_on_recode(evaluator, section):
    coaching = code("mechanism", "coaching")
    passage = services.passage_create(
        coder=evaluator,
        section=section,
        start=0,
        end=9,
        text="Personale",
        driver=code("driver", "competence"),
        mechanism=coaching,
    )
    codebook_services.code_retire(user=evaluator, code=coaching)
    with pytest.raises(ValidationError) as error:
        services.passage_create(
            coder=evaluator,
            section=section,
            start=11,
            end=14,
            text="får",
            driver=code("driver", "competence"),
            mechanism=coaching,
        )
    assert "mechanism" in error.value.message_dict
    services.passage_recode(
        user=evaluator,
        passage=passage,
        driver=code("driver", "competence"),
        mechanism=coaching,
        valence="inhibitor",
    )
    passage.refresh_from_db()
    assert passage.valence == "inhibitor"
    assert passage.mechanism == coaching


def test_recode_moves_the_coding_to_the_current_version(evaluator):
    passage = PassageFactory(coder=evaluator)
    codebook_services.code_update(
        user=evaluator,
        code=code("driver", "organisation"),
        label_da="Organisation",
        name_en="Organisation",
        description_da="Ny definition.",
        description_en="A new definition.",
    )
    services.passage_recode(user=evaluator, passage=passage, driver=code("driver", "organisation"))
    passage.refresh_from_db()
    assert passage.codebook_version.number == 2
    assert passage.driver.key == "organisation"


def test_passage_delete(evaluator):
    passage = PassageFactory(coder=evaluator)
    services.passage_delete(user=evaluator, passage=passage)
    assert not CodedPassage.objects.exists()


def test_changed_definition_opens_a_version_and_codings_keep_theirs(evaluator):
    passage = PassageFactory(coder=evaluator)
    leadership = code("driver", "leadership")
    codes = Code.objects.count()
    change = codebook_services.code_update(
        user=evaluator,
        code=leadership,
        label_da="Ledelse",
        name_en="Leadership",
        description_da="Ledelsens strategier over for barrierer.",
        description_en="The management's strategies against barriers.",
        note="Skarpere definition",
    )
    assert change.version.number == 2
    assert change.version.created_by == evaluator
    assert CodeRevision.objects.filter(version=change.version).count() == codes
    old = CodeRevision.objects.get(code=leadership, version__number=1)
    new = CodeRevision.objects.get(code=leadership, version__number=2)
    assert old.description_da != new.description_da == "Ledelsens strategier over for barrierer."
    assert old.description_en != new.description_en == "The management's strategies against barriers."
    passage.refresh_from_db()
    assert passage.codebook_version.number == 1


def test_unchanged_definition_opens_no_version(evaluator):
    leadership = code("driver", "leadership")
    change = codebook_services.code_update(
        user=evaluator,
        code=leadership,
        label_da=leadership.label_da,
        name_en=leadership.name_en,
        description_da=leadership.description_da,
        description_en=leadership.description_en,
    )
    assert change.version is None
    assert CodebookVersion.objects.count() == 1


def test_a_changed_english_description_alone_opens_a_version(evaluator):
    leadership = code("driver", "leadership")
    change = codebook_services.code_update(
        user=evaluator,
        code=leadership,
        label_da=leadership.label_da,
        name_en=leadership.name_en,
        description_da=leadership.description_da,
        description_en="How leaders meet barriers.",
    )
    assert "description_en" in change.version.note
    revision = CodeRevision.objects.get(code=leadership, version=change.version)
    assert (revision.description_da, revision.description_en) == (
        leadership.description_da,
        "How leaders meet barriers.",
    )


def test_code_create_versions_the_codebook_and_checks_its_parent(evaluator):
    with pytest.raises(ValidationError) as error:
        codebook_services.code_create(
            user=evaluator,
            kind="mechanism",
            key="peer_learning",
            label_da="Kollegial læring",
            name_en="Peer learning",
        )
    assert "parent" in error.value.message_dict
    change = codebook_services.code_create(
        user=evaluator,
        kind="mechanism",
        key="peer_learning",
        label_da="Kollegial læring",
        name_en="Peer learning",
        parent=code("driver", "competence"),
    )
    assert change.version.number == 2
    assert change.version.revisions.filter(code=change.code).exists()


@pytest.mark.parametrize(
    "use",
    [
        lambda c: PassageFactory(driver=c),
        lambda c: FactorFactory(driver=c),
        lambda c: TrialActionFactory(driver=c),
        lambda c: MemoFactory(author=UserFactory(), target=MemoTarget.CODE, code=c),
    ],
    ids=["passage", "factor", "trial_action", "memo"],
)
def test_a_code_in_use_cannot_be_deleted_only_retired(evaluator, use):
    unused = codebook_services.code_create(
        user=evaluator, kind="driver", key="extra", label_da="Ekstra", name_en="Extra"
    ).code
    use(unused)
    with pytest.raises(ValidationError) as error:
        codebook_services.code_delete(user=evaluator, code=unused)
    assert "udgået" in error.value.messages[0]
    codebook_services.code_retire(user=evaluator, code=unused)
    unused.refresh_from_db()
    assert unused.is_retired


def test_an_assessment_attention_point_counts_as_use(evaluator):

    point = code("attention_point", "clear_goals")
    assessment = SiteAssessment.objects.create(site=SiteFactory(), assessed_on="2019-06-01")
    assessment.attention_points_worked.add(point)
    with pytest.raises(ValidationError):
        codebook_services.code_delete(user=evaluator, code=point)


def test_an_unused_code_can_be_deleted(evaluator):
    unused = codebook_services.code_create(
        user=evaluator, kind="driver", key="extra", label_da="Ekstra", name_en="Extra"
    ).code
    codebook_services.code_delete(user=evaluator, code=unused)
    assert not Code.objects.filter(key="extra").exists()


def test_consultants_cannot_edit_the_codebook():
    consultant = UserFactory(role=Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        codebook_services.code_retire(user=consultant, code=code("driver", "leadership"))


def test_memo_create_masks_cpr_numbers_and_checks_its_target(evaluator):
    site = SiteFactory()
    saved = services.memo_create(
        author=evaluator, target=MemoTarget.SITE, site=site, title="Notat", text="Barnet 010203-1234 nævnt."
    )
    assert saved.masked == 1
    assert CPR_MASK in saved.memo.text
    with pytest.raises(ValidationError):
        services.memo_create(author=evaluator, target=MemoTarget.MATRIX_CELL, site=site, title="x", text="y")
    assert Memo.objects.count() == 1


def test_only_the_author_edits_a_memo(evaluator):
    memo = MemoFactory(author=evaluator, site=SiteFactory())
    other = UserFactory(role=Role.EVALUATOR)
    with pytest.raises(PermissionDenied):
        services.memo_update(
            user=other, memo=memo, expected_version=memo.version, title="Ny", text="Ny tekst"
        )
    saved = services.memo_update(
        user=evaluator, memo=memo, expected_version=memo.version, title="Ny", text="Ny tekst"
    )
    memo.refresh_from_db()
    assert (memo.title, memo.text, saved.masked) == ("Ny", "Ny tekst", 0)
