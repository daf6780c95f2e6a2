"""Coding rounds: several coders code the same reports blind, then compare and settle a consensus.

Unit rule (how passages of different coders are aligned): a unit is one sentence of a report
section (split as the coding model splits, coding.classifier.text.split_sentences). A passage
belongs to every sentence of its section whose characters it overlaps; when a coder has several
passages on one sentence, the one overlapping it most counts (ties: the earlier passage). A
sentence nobody coded is no unit; a coder without a passage on a unit is a missing value. The
model takes part as a coder through passages with `model_version` set and no person.

While a blind round is open every coder sees only their own codes in it; comparison, consensus
and agreement figures open when the round is closed (or at once for a round that is not blind).
Consensus passages (origin consensus) keep the originals they settle in `consensus_of` and are
never counted as a coder.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from codebook.models import Code, CodebookVersion, CodeKind, Valence
from coding.agreement import agreement_summary, reliability_data
from coding.classifier import store
from coding.classifier.text import split_sentences
from coding.models import CodedPassage, CodingRound, PassageOrigin
from fieldwork.models import ReportSection

HEADS = ("driver", "mechanism", "valence")


def _current_version() -> CodebookVersion:
    return CodebookVersion.objects.order_by("-number").first()


def _require_coder(user) -> None:
    if not permissions.can_code(user):
        raise PermissionDenied(_("Kun evaluatorer og administratorer koder."))


def _check_codes(driver: Code | None, mechanism: Code | None, valence: str) -> None:
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


# --- services ---------------------------------------------------------------------------------------


@transaction.atomic
def coding_round_create(
    *, user, name: str, reports, coders, is_blind: bool = True, description: str = ""
) -> CodingRound:
    """Open a round on reports the user may read, for coders who may code."""
    _require_coder(user)
    reports = list(reports)
    coders = list(coders)
    visible = set(
        permissions.visible_reports(user).filter(pk__in=[r.pk for r in reports]).values_list("pk", flat=True)
    )
    errors = {}
    if not reports:
        errors["reports"] = _("Vælg mindst én rapport.")
    elif len(visible) != len({r.pk for r in reports}):
        errors["reports"] = _("Du kan kun vælge rapporter, du har adgang til.")
    if len(coders) < 2:
        errors["coders"] = _("En kodningsrunde kræver mindst to kodere.")
    elif not all(permissions.can_code(coder) for coder in coders):
        errors["coders"] = _("Kun evaluatorer og administratorer kan være kodere.")
    if CodingRound.objects.filter(name=name).exists():
        errors["name"] = _("Der findes allerede en kodningsrunde med det navn.")
    if errors:
        raise ValidationError(errors)
    coding_round = CodingRound(
        name=name,
        description=description,
        is_blind=is_blind,
        codebook_version=_current_version(),
        created_by=user,
    )
    coding_round.full_clean()
    coding_round.save()
    coding_round.reports.set(reports)
    coding_round.coders.set(coders)
    return coding_round


def _require_open(coding_round: CodingRound) -> None:
    if coding_round.closed_at is not None:
        raise ValidationError(_("Kodningsrunden er afsluttet; der kan ikke kodes mere i den."))


def _require_round_section(coding_round: CodingRound, section, start: int, end: int) -> None:
    if not coding_round.reports.filter(pk=section.report_id).exists():
        raise ValidationError(_("Afsnittet hører ikke til en rapport i runden."))
    if not (0 <= start < end <= len(section.text)):
        raise ValidationError(_("Passagen ligger uden for afsnittets tekst."))


@transaction.atomic
def round_passage_code(
    *,
    coding_round: CodingRound,
    user,
    section,
    start: int,
    end: int,
    driver: Code | None,
    mechanism: Code | None = None,
    valence: str = "",
) -> CodedPassage:
    """A coder codes a passage in the round; coding the same span again changes their code."""
    _require_coder(user)
    if not coding_round.coders.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Du er ikke koder i denne runde."))
    _require_open(coding_round)
    _require_round_section(coding_round, section, start, end)
    _check_codes(driver, mechanism, valence)
    passage = CodedPassage.objects.filter(
        coding_round=coding_round, coder=user, section=section, start=start, end=end
    ).first() or CodedPassage(
        coding_round=coding_round,
        coder=user,
        section=section,
        start=start,
        end=end,
        origin=PassageOrigin.MANUAL,
    )
    passage.text = section.text[start:end]
    passage.driver = driver
    passage.mechanism = mechanism
    passage.valence = valence
    passage.codebook_version = _current_version()
    passage.full_clean()
    passage.save()
    return passage


@transaction.atomic
def coding_round_close(*, coding_round: CodingRound, user) -> CodingRound:
    """Close the round: coding stops, comparison and consensus open."""
    _require_coder(user)
    _require_open(coding_round)
    coding_round.closed_at = timezone.now()
    coding_round.full_clean()
    coding_round.save()
    return coding_round


@transaction.atomic
def round_model_code(*, coding_round: CodingRound, user) -> int:
    """The active coding model codes every sentence of the round's reports, as one more coder.

    Raises store.NoTrainedModel when there is none (training runs in the background).
    """
    _require_coder(user)
    row, pipeline = store.active_model()
    CodedPassage.objects.filter(
        coding_round=coding_round, coder__isnull=True, origin=PassageOrigin.MODEL
    ).exclude(model_version=row.version).delete()
    done = set(
        CodedPassage.objects.filter(coding_round=coding_round, model_version=row.version).values_list(
            "section_id", "start", "end"
        )
    )
    sentences = []
    for report in coding_round.reports.prefetch_related("sections"):
        for section in report.sections.all():
            for start, end in split_sentences(section.text):
                if (section.pk, start, end) not in done:
                    sentences.append((section, start, end))
    codes = {(c.kind, c.key): c for c in Code.objects.filter(kind__in=[CodeKind.DRIVER, CodeKind.MECHANISM])}
    version = _current_version()
    predictions = pipeline.predict([section.text[start:end] for section, start, end in sentences])
    for (section, start, end), prediction in zip(sentences, predictions, strict=True):
        passage = CodedPassage(
            coding_round=coding_round,
            section=section,
            start=start,
            end=end,
            text=section.text[start:end],
            model_version=row.version,
            codebook_version=version,
            driver=codes[("driver", prediction.driver)],
            mechanism=codes.get(("mechanism", prediction.mechanism or "")),
            valence=prediction.valence,
            origin=PassageOrigin.MODEL,
        )
        passage.full_clean()
        passage.save()
    return len(sentences)


@transaction.atomic
def consensus_settle(
    *,
    coding_round: CodingRound,
    user,
    section,
    start: int,
    end: int,
    driver: Code | None,
    mechanism: Code | None = None,
    valence: str = "",
) -> CodedPassage:
    """Settle a unit: a consensus passage that points to every original it settles (they stay)."""
    _require_coder(user)
    if not can_compare(coding_round):
        raise ValidationError(_("Konsensus kan først aftales, når den blinde runde er afsluttet."))
    _require_round_section(coding_round, section, start, end)
    _check_codes(driver, mechanism, valence)
    unit = next((u for u in round_units(coding_round) if u.key == (section.pk, start, end)), None)
    if unit is None or not unit.codings:
        raise ValidationError(_("Der er ingen kodninger at aftale konsensus om i denne enhed."))
    if unit.consensus is not None:
        unit.consensus.delete()
    passage = CodedPassage(
        coding_round=coding_round,
        coder=user,
        section=section,
        start=start,
        end=end,
        text=section.text[start:end],
        codebook_version=_current_version(),
        driver=driver,
        mechanism=mechanism,
        valence=valence,
        origin=PassageOrigin.CONSENSUS,
    )
    passage.full_clean()
    passage.save()
    passage.consensus_of.set(unit.codings.values())
    return passage


# --- selectors --------------------------------------------------------------------------------------


def can_compare(coding_round: CodingRound) -> bool:
    """Others' codes, comparison and agreement are shown once a blind round is closed."""
    return not coding_round.is_blind or coding_round.closed_at is not None


def visible_rounds(user) -> QuerySet:
    if not permissions.can_code(user):
        return CodingRound.objects.none()
    return (
        CodingRound.objects.select_related("codebook_version")
        .annotate(report_count=Count("reports", distinct=True))
        .order_by("-created_at")
    )


def get_visible_round_or_404(user, **lookup) -> CodingRound:
    try:
        return visible_rounds(user).select_related("codebook_version").get(**lookup)
    except (CodingRound.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Ingen kodningsrunde med det id.")) from exc


def round_reports(coding_round: CodingRound, user) -> QuerySet:
    return (
        coding_round.reports.filter(pk__in=permissions.visible_reports(user).values("pk"))
        .select_related("visit__site")
        .order_by("visit__site__code", "visit__held_on")
    )


def coder_label(passage: CodedPassage) -> str:
    if passage.coder_id is None:
        return f"model:{passage.model_version}"
    return passage.coder.get_username()


def round_passages(coding_round: CodingRound, user) -> QuerySet:
    """The round's passages the user may see now: their own only, while a blind round is open.

    accounts.permissions.visible_coded_passages decides (it hides other coders' work in open blind
    rounds everywhere, the workspace included).
    """
    return (
        permissions.visible_coded_passages(user)
        .filter(coding_round=coding_round)
        .select_related("coder", "driver", "mechanism", "codebook_version")
    )


@dataclass
class Unit:
    section_id: int
    theme: str
    report_id: int
    start: int
    end: int
    text: str
    codings: dict[str, CodedPassage] = field(default_factory=dict)
    consensus: CodedPassage | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.section_id, self.start, self.end)

    @property
    def agrees(self) -> bool:
        codes = {code_of(p) for p in self.codings.values()}
        return len(self.codings) >= 2 and len(codes) == 1


def code_of(passage: CodedPassage, head: str = "all") -> str:
    """A passage's code for one head, or the full code driver/mechanism/valence."""
    values = {
        "driver": passage.driver.key if passage.driver_id else "",
        "mechanism": passage.mechanism.key if passage.mechanism_id else "",
        "valence": passage.valence or "",
    }
    if head == "all":
        return "/".join(values[h] or "-" for h in HEADS) if values["driver"] else ""
    return values[head]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def round_units(coding_round: CodingRound, passages: QuerySet | None = None) -> list[Unit]:
    """Units of the round (see the module's unit rule), in reading order, with every coder's passage."""
    if passages is None:
        passages = CodedPassage.objects.filter(coding_round=coding_round).select_related(
            "coder", "driver", "mechanism", "codebook_version"
        )
    by_section: dict[int, list[CodedPassage]] = defaultdict(list)
    for passage in passages.filter(section__isnull=False):
        by_section[passage.section_id].append(passage)
    if not by_section:
        return []

    units: list[Unit] = []
    sections = ReportSection.objects.filter(pk__in=by_section).order_by("report_id", "id")
    for section in sections:
        section_passages = sorted(by_section[section.pk], key=lambda p: (p.start, p.pk))
        for start, end in split_sentences(section.text):
            unit = Unit(section.pk, section.theme, section.report_id, start, end, section.text[start:end])
            best: dict[str, tuple[int, CodedPassage]] = {}
            consensus_best = 0
            for passage in section_passages:
                overlap = _overlap(start, end, passage.start, passage.end)
                if not overlap:
                    continue
                if passage.origin == PassageOrigin.CONSENSUS:
                    if overlap > consensus_best:
                        unit.consensus, consensus_best = passage, overlap
                    continue
                label = coder_label(passage)
                if label not in best or overlap > best[label][0]:
                    best[label] = (overlap, passage)
            unit.codings = {label: passage for label, (_o, passage) in sorted(best.items())}
            if unit.codings or unit.consensus:
                units.append(unit)
    return units


def round_agreement(coding_round: CodingRound) -> list[dict]:
    """Agreement per codebook version: overall (the full code), per head, and per code (present or not).

    A coder's passage counts under the codebook version it was made under, so a changed definition
    in the middle of a round splits the figures rather than mixing them.
    """
    units = round_units(coding_round)
    versions: dict[int, list[tuple[Unit, str, CodedPassage]]] = defaultdict(list)
    for unit in units:
        for label, passage in unit.codings.items():
            versions[passage.codebook_version.number].append((unit, label, passage))
    result = []
    for number in sorted(versions):
        triples = versions[number]
        figures = {"codebook_version": number, "overall": _summary(triples, "all")}
        figures["heads"] = {head: _summary(triples, head) for head in HEADS}
        figures["codes"] = _per_code(triples)
        result.append(figures)
    return result


def _summary(triples, head: str) -> dict:
    return agreement_summary(
        reliability_data((unit.key, label, code_of(p, head)) for unit, label, p in triples)
    )


def _per_code(triples) -> dict[str, dict]:
    """For each code used: agreement on whether a unit has it (1) or not (0)."""
    per_code = {}
    for head in HEADS:
        used = sorted({code_of(p, head) for _u, _l, p in triples} - {""})
        for code in used:
            data = reliability_data(
                (unit.key, label, "1" if code_of(p, head) == code else "0") for unit, label, p in triples
            )
            summary = agreement_summary(data)
            per_code[f"{head}:{code}"] = {
                "krippendorff_alpha": summary["krippendorff_alpha"],
                "percent_agreement": summary["percent_agreement"],
            }
    return per_code


def round_progress(coding_round: CodingRound) -> list[dict]:
    """How many passages each coder has made in the round (counts only: safe while blind)."""
    counts = dict(
        CodedPassage.objects.filter(coding_round=coding_round, coder__isnull=False)
        .exclude(origin=PassageOrigin.CONSENSUS)
        .values_list("coder_id")
        .annotate(n=Count("id"))
    )
    return [
        {"coder": coder, "passages": counts.get(coder.pk, 0)}
        for coder in coding_round.coders.order_by("username")
    ]
