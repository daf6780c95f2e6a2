"""The coding model in the workspace: suggestions per sentence, and what people decide about them.

Accepted and corrected suggestions become coded passages (origin suggestion_accepted /
suggestion_corrected) with the person as coder, so the next retraining learns from them. The
queue offers the least certain suggestions first (active learning: a person's decision teaches the
model most where it is least sure).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from codebook.models import Code, CodebookVersion, CodeKind, Valence
from coding.classifier import store
from coding.classifier.text import split_sentences
from coding.models import CodedPassage, CoderModel, PassageOrigin, Suggestion, SuggestionStatus
from coding.tasks import retraining_start
from fieldwork.models import Theme


@dataclass(frozen=True)
class Sentence:
    section_id: int
    theme: str
    start: int
    end: int
    text: str

    @property
    def theme_label(self) -> str:

        return str(Theme(self.theme).label) if self.theme in Theme.values else self.theme


def report_sentences(report) -> list[Sentence]:
    """Every sentence of every non-empty section of a report, with its offsets in the section."""
    sentences = []
    for section in report.sections.order_by("id"):
        for start, end in split_sentences(section.text):
            sentences.append(Sentence(section.pk, section.theme, start, end, section.text[start:end]))
    return sentences


def current_codebook_version() -> CodebookVersion:
    return CodebookVersion.objects.order_by("-number").first()


def _codes_by_key() -> dict[tuple[str, str], Code]:
    return {
        (code.kind, code.key): code
        for code in Code.objects.filter(kind__in=[CodeKind.DRIVER, CodeKind.MECHANISM])
    }


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@transaction.atomic
def suggestions_create_for_report(*, report) -> list[Suggestion]:
    """Suggest codes for each sentence of the report that no person has coded yet.

    A sentence keeps its suggestion once decided; a pending one from an older model is renewed.
    Raises store.NoTrainedModel when there is no model (training is a background job, never here).
    """
    row, pipeline = store.active_model()
    sentences = report_sentences(report)
    section_ids = {s.section_id for s in sentences}
    coded: dict[int, list[tuple[int, int]]] = {}
    for section_id, start, end in CodedPassage.objects.filter(
        section_id__in=section_ids, coder__isnull=False
    ).values_list("section_id", "start", "end"):
        coded.setdefault(section_id, []).append((start, end))
    existing = {
        (s.section_id, s.start, s.end): s for s in Suggestion.objects.filter(section_id__in=section_ids)
    }
    todo = [
        s
        for s in sentences
        if not _overlaps(coded.get(s.section_id, []), s.start, s.end)
        and not (
            (s.section_id, s.start, s.end) in existing
            and (
                existing[(s.section_id, s.start, s.end)].status != SuggestionStatus.PENDING
                or existing[(s.section_id, s.start, s.end)].model_version == row.version
            )
        )
    ]
    codes = _codes_by_key()
    written = []
    for sentence, prediction in zip(todo, pipeline.predict([s.text for s in todo]), strict=True):
        suggestion = existing.get((sentence.section_id, sentence.start, sentence.end)) or Suggestion(
            section_id=sentence.section_id, start=sentence.start, end=sentence.end
        )
        suggestion.text = sentence.text
        suggestion.model_version = row.version
        suggestion.driver = codes[("driver", prediction.driver)]
        suggestion.mechanism = codes.get(("mechanism", prediction.mechanism or ""))
        suggestion.valence = prediction.valence
        suggestion.confidence = round(min(max(prediction.confidence, 0.0), 1.0), 4)
        suggestion.full_clean()
        suggestion.save()
        written.append(suggestion)
    return written


# After this many passages coded by people (accepted, corrected or coded by hand) since the active
# model was trained, the next decision queues a retraining in the background (active learning
# closes its loop without anyone asking).
RETRAIN_AFTER = 25


def _retrain_when_enough_learnt(user) -> None:

    learnt = CodedPassage.objects.filter(coder__isnull=False)
    active = CoderModel.objects.filter(is_active=True).order_by("-trained_at").first()
    if active is not None:
        learnt = learnt.filter(created_at__gt=active.trained_at)
    if learnt.count() >= RETRAIN_AFTER:
        transaction.on_commit(lambda: retraining_start(user=user))


def _require_coder(user) -> None:
    if not permissions.can_code(user):
        raise PermissionDenied(_("Kun evaluatorer og administratorer koder."))


def _require_pending(suggestion: Suggestion) -> None:
    if suggestion.status != SuggestionStatus.PENDING:
        raise ValidationError(
            _("Forslaget er allerede afgjort (%(status)s).") % {"status": suggestion.get_status_display()}
        )


def _check(driver: Code | None, mechanism: Code | None, valence: str) -> None:
    errors = {}
    if driver is None or driver.kind != CodeKind.DRIVER:
        errors["driver"] = _("Vælg en driver.")
    if mechanism is not None and (
        mechanism.kind != CodeKind.MECHANISM or mechanism.parent_id != getattr(driver, "pk", None)
    ):
        errors["mechanism"] = _("Mekanismen hører ikke under den valgte driver.")
    if valence and valence not in Valence.values:
        errors["valence"] = _("Ukendt valens.")
    if errors:
        raise ValidationError(errors)


def _decide(suggestion: Suggestion, user, status: str, passage: CodedPassage | None) -> Suggestion:
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.passage = passage
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def _passage_from(suggestion: Suggestion, *, user, driver, mechanism, valence, origin) -> CodedPassage:
    passage = CodedPassage(
        section=suggestion.section,
        start=suggestion.start,
        end=suggestion.end,
        text=suggestion.text,
        coder=user,
        codebook_version=current_codebook_version(),
        driver=driver,
        mechanism=mechanism,
        valence=valence,
        origin=origin,
    )
    passage.full_clean()
    passage.save()
    return passage


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, user) -> CodedPassage:
    """The person agrees: the suggestion becomes their coded passage (training data)."""
    _require_coder(user)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_pending(suggestion)
    passage = _passage_from(
        suggestion,
        user=user,
        driver=suggestion.driver,
        mechanism=suggestion.mechanism,
        valence=suggestion.valence,
        origin=PassageOrigin.SUGGESTION_ACCEPTED,
    )
    _decide(suggestion, user, SuggestionStatus.ACCEPTED, passage)
    _retrain_when_enough_learnt(user)
    return passage


@transaction.atomic
def suggestion_correct(
    *, suggestion: Suggestion, user, driver: Code | None, mechanism: Code | None = None, valence: str = ""
) -> CodedPassage:
    """The person gives other codes: their codes become the passage, the suggestion is marked corrected."""
    _require_coder(user)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_pending(suggestion)
    _check(driver, mechanism, valence)
    passage = _passage_from(
        suggestion,
        user=user,
        driver=driver,
        mechanism=mechanism,
        valence=valence,
        origin=PassageOrigin.SUGGESTION_CORRECTED,
    )
    _decide(suggestion, user, SuggestionStatus.CORRECTED, passage)
    _retrain_when_enough_learnt(user)
    return passage


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, user) -> Suggestion:
    """The sentence carries no code worth keeping; nothing is learnt from it."""
    _require_coder(user)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_pending(suggestion)
    return _decide(suggestion, user, SuggestionStatus.REJECTED, None)


# --- reads ------------------------------------------------------------------------------------------


def visible_suggestions(user) -> QuerySet:
    if not permissions.can_code(user):
        return Suggestion.objects.none()
    return Suggestion.objects.filter(section__report__in=permissions.visible_reports(user).values("pk"))


def report_suggestions(user, report) -> QuerySet:
    """The pending suggestions of a report, in reading order."""
    return (
        visible_suggestions(user)
        .filter(section__report=report, status=SuggestionStatus.PENDING)
        .select_related("driver", "mechanism", "section")
        .order_by("section_id", "start")
    )


def least_certain_queue(user) -> QuerySet:
    """Pending suggestions across the reports the user may code, least certain first."""
    return (
        visible_suggestions(user)
        .filter(status=SuggestionStatus.PENDING)
        .select_related("driver", "mechanism", "section__report__visit__site")
        .order_by("confidence", "id")
    )


def get_visible_suggestion_or_404(user, pk) -> Suggestion:

    try:
        return visible_suggestions(user).select_related("section__report").get(pk=pk)
    except (Suggestion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Intet forslag med det id.")) from exc
