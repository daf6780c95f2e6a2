"""Writes of the coding app: coded passages, the versioned codebook and memos.

Every function is keyword-only, atomic and validates before it saves; a refused write raises
`ValidationError` (Danish message, keyed by form field where one fits) and changes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.privacy import mask_cpr
from audit.versions import claim_version
from codebook.models import Code, CodeKind, Valence
from codebook.selectors import current_codebook_version
from coding.models import CodedPassage, Memo, MemoTarget, PassageOrigin


def normalise_newlines(text: str) -> str:
    """Browsers send line breaks as CRLF and read them as LF; compare passages without that noise."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- coded passages -------------------------------------------------------------------------------


def _require_coder(user) -> None:
    if not permissions.can_code(user):
        raise PermissionDenied(_("Kun evaluatorer og administratorer koder."))


def _check_codes(
    *,
    driver: Code | None,
    mechanism: Code | None,
    valence: str,
    attention_point: Code | None,
    keep: CodedPassage | None = None,
) -> None:
    """The codes of one passage must fit together and, when newly given, not be retired."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kept = {}
    if keep is not None:
        kept = {
            "driver": keep.driver_id,
            "mechanism": keep.mechanism_id,
            "attention_point": keep.attention_point_id,
        }
    given = {"driver": driver, "mechanism": mechanism, "attention_point": attention_point}
    kinds = {
        "driver": CodeKind.DRIVER,
        "mechanism": CodeKind.MECHANISM,
        "attention_point": CodeKind.ATTENTION_POINT,
    }
    for field, code in given.items():
        if code is None:
            continue
        if code.kind != kinds[field]:
            add(field, _("Koden hører ikke til denne type."))
        elif code.is_retired and kept.get(field) != code.pk:
            add(
                field, _("Koden «%(label)s» er udgået og kan ikke gives til nye kodninger.") % {"label": code}
            )
    if driver is None and attention_point is None:
        add("driver", _("Giv passagen mindst en driver eller et opmærksomhedspunkt."))
    if mechanism is not None:
        if driver is None:
            add("mechanism", _("En mekanisme kræver en driver."))
        elif mechanism.parent_id != driver.pk:
            add("mechanism", _("Mekanismen hører ikke under den valgte driver."))
    if valence and valence not in Valence.values:
        add("valence", _("Ukendt valens."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def passage_create(
    *,
    coder,
    section,
    start: int,
    end: int,
    text: str,
    driver: Code | None,
    mechanism: Code | None = None,
    valence: str = "",
    attention_point: Code | None = None,
) -> CodedPassage:
    """Code the characters section.text[start:end]; the offsets are exported to REFI-QDA as they are."""
    _require_coder(coder)
    source = section.text
    if not (0 <= start < end <= len(source)):
        raise ValidationError(
            {
                "start": _(
                    "Passagen ligger uden for afsnittets tekst (tegn %(start)s-%(end)s af %(length)s)."
                )
                % {"start": start, "end": end, "length": len(source)}
            }
        )
    if normalise_newlines(source[start:end]) != normalise_newlines(text):
        raise ValidationError(
            {
                "text": _(
                    "Den valgte tekst svarer ikke til afsnittets tekst på de angivne pladser. Genindlæs siden og vælg igen."
                )
            }
        )
    _check_codes(driver=driver, mechanism=mechanism, valence=valence, attention_point=attention_point)
    passage = CodedPassage(
        section=section,
        start=start,
        end=end,
        text=source[start:end],
        coder=coder,
        codebook_version=current_codebook_version(),
        driver=driver,
        mechanism=mechanism,
        valence=valence,
        attention_point=attention_point,
        origin=PassageOrigin.MANUAL,
    )
    passage.full_clean()
    passage.save()
    return passage


@transaction.atomic
def passage_recode(
    *,
    user,
    passage: CodedPassage,
    driver: Code | None,
    mechanism: Code | None = None,
    valence: str = "",
    attention_point: Code | None = None,
) -> CodedPassage:
    """Give a passage new codes; the coding then belongs to the codebook version of today."""
    _require_coder(user)
    _check_codes(
        driver=driver, mechanism=mechanism, valence=valence, attention_point=attention_point, keep=passage
    )
    passage.driver = driver
    passage.mechanism = mechanism
    passage.valence = valence
    passage.attention_point = attention_point
    passage.codebook_version = current_codebook_version()
    passage.full_clean()
    passage.save()
    return passage


@transaction.atomic
def passage_delete(*, user, passage: CodedPassage) -> None:
    _require_coder(user)
    passage.delete()


# --- the codebook ---------------------------------------------------------------------------------
















# --- memos ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemoSaved:
    memo: Memo
    masked: int


def _masked_texts(title: str, text: str) -> tuple[str, str, int]:
    masked_title, masked_text = mask_cpr(title), mask_cpr(text)
    return masked_title.text, masked_text.text, masked_title.count + masked_text.count


@transaction.atomic
def memo_create(
    *,
    author,
    target: str,
    title: str,
    text: str,
    site=None,
    report=None,
    code: Code | None = None,
) -> MemoSaved:
    """A dated note by its author on a site, a report, a code or a matrix cell (site × code)."""
    needs = {
        MemoTarget.SITE: (site is not None, report is None and code is None),
        MemoTarget.REPORT: (report is not None, site is None and code is None),
        MemoTarget.CODE: (code is not None, site is None and report is None),
        MemoTarget.MATRIX_CELL: (site is not None and code is not None, report is None),
    }
    if target not in needs or not all(needs[target]):
        raise ValidationError({"target": _("Memoet skal knyttes til præcis det, dets type angiver.")})
    clean_title, clean_text, masked = _masked_texts(title, text)
    memo = Memo(
        author=author, target=target, title=clean_title, text=clean_text, site=site, report=report, code=code
    )
    memo.full_clean()
    memo.save()
    return MemoSaved(memo=memo, masked=masked)


def memo_values(memo: Memo) -> dict:
    """A memo's editable fields (the merge compares these)."""
    return {"title": memo.title, "text": memo.text}


@transaction.atomic
def memo_update(
    *, user, memo: Memo, expected_version: int, title: str, text: str, base: dict | None = None
) -> MemoSaved:
    """Only the author changes a memo; a stale write (another tab) is merged or raises EditConflict."""
    if memo.author_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Kun forfatteren kan ændre et memo."))
    clean_title, clean_text, masked = _masked_texts(title, text)
    mine = claim_version(
        memo,
        expected_version=expected_version,
        mine={"title": clean_title, "text": clean_text},
        base=base,
        stored_values=memo_values,
    )
    memo.title, memo.text = mine["title"], mine["text"]
    memo.full_clean()
    memo.save()
    return MemoSaved(memo=memo, masked=masked)
