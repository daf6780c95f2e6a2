"""Reads of the coding app: the codebook, reports to code, coded passages and memos.

Visibility always comes from accounts.permissions; these functions only narrow and join.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts import permissions
from codebook.models import Code, CodeKind
from coding.models import CodedPassage, Memo, MemoTarget
from fieldwork.models import Factor, JointMeeting

# --- the codebook ---------------------------------------------------------------------------------


















# --- reports to code ------------------------------------------------------------------------------


def reports_for_coding(
    user,
    *,
    site=None,
    programme=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    reports = permissions.visible_reports(user).select_related("visit__site__programme")
    if site is not None:
        reports = reports.filter(visit__site=site)
    if programme is not None:
        reports = reports.filter(visit__site__programme=programme)
    if date_from is not None:
        reports = reports.filter(visit__held_on__gte=date_from)
    if date_to is not None:
        reports = reports.filter(visit__held_on__lte=date_to)
    return reports.order_by("-visit__held_on", "visit__site__code", "pk")


def workspace_passages(user) -> QuerySet:
    """The coded passages the ordinary workspace, lists and evidence show the user: those that
    count (`CodedPassage.objects.counted`), without others' codes on reports the user codes blind."""
    return permissions.visible_coded_passages(user).counted().blind_for(user)


def passage_counts(user, report_ids: list[int]) -> dict[int, int]:
    """Coded passages per report for one page of reports (counted for the page only, not the list)."""
    rows = (
        workspace_passages(user)
        .filter(section__report_id__in=report_ids)
        .values_list("section__report_id")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


@dataclass
class Segment:
    """A run of section text covered by the same set of coded passages."""

    start: int
    end: int
    text: str
    passages: list = field(default_factory=list)

    @property
    def is_coded(self) -> bool:
        return bool(self.passages)

    @property
    def passage_ids(self) -> str:
        return " ".join(str(p.pk) for p in self.passages)

    @property
    def valence(self) -> str:
        """The valence shared by every passage on the run, else 'mixed'."""
        valences = {p.valence or "neutral" for p in self.passages}
        return valences.pop() if len(valences) == 1 else "mixed"


def text_segments(text: str, passages: list) -> list[Segment]:
    """Cut a section text at every passage boundary (and around each CRLF, which HTML reads as one
    character) so the page can highlight passages and the browser can map a selection back to the
    exact character offsets of the stored text."""
    cuts = {0, len(text)}
    for passage in passages:
        cuts.update((max(0, min(passage.start, len(text))), max(0, min(passage.end, len(text)))))
    position = text.find("\r\n")
    while position != -1:
        cuts.update((position, position + 2))
        position = text.find("\r\n", position + 2)
    points = sorted(cuts)
    segments = []
    for start, end in zip(points, points[1:], strict=False):
        covering = [p for p in passages if p.start <= start and p.end >= end]
        segments.append(Segment(start=start, end=end, text=text[start:end], passages=covering))
    return segments


@dataclass
class SectionView:
    section: object
    segments: list[Segment]
    passages: list


def report_sections_for_coding(user, report) -> list[SectionView]:
    """The six sections of a report with the passages this user may see on them, ready to render."""
    sections = list(report.sections.all())
    passages = list(
        workspace_passages(user)
        .filter(section__report=report)
        .select_related("driver", "mechanism", "attention_point", "extra_code", "coder", "codebook_version")
        .order_by("section_id", "start", "end", "pk")
    )
    by_section: dict[int, list] = {}
    for passage in passages:
        by_section.setdefault(passage.section_id, []).append(passage)
    return [
        SectionView(
            section=section,
            segments=text_segments(section.text, by_section.get(section.pk, [])),
            passages=by_section.get(section.pk, []),
        )
        for section in sections
    ]


# --- coded passages -------------------------------------------------------------------------------


def passage_list(
    user,
    *,
    code: Code | None = None,
    site=None,
    programme=None,
    valence: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """Coded passages the user may see, filtered; report and meeting passages alike."""
    passages = (
        workspace_passages(user)
        .select_related(
            "section__report__visit__site__programme",
            "joint_meeting",
            "driver",
            "mechanism",
            "attention_point",
            "extra_code",
            "coder",
            "codebook_version",
        )
        .annotate(source_date=Coalesce("section__report__visit__held_on", "joint_meeting__held_on"))
    )
    if code is not None:
        passages = passages.filter(
            Q(driver=code) | Q(mechanism=code) | Q(attention_point=code) | Q(extra_code=code)
        )
    if site is not None:
        meetings = JointMeeting.objects.filter(sites=site).values("pk")
        passages = passages.filter(Q(section__report__visit__site=site) | Q(joint_meeting__in=meetings))
    if programme is not None:
        meetings = JointMeeting.objects.filter(sites__programme=programme).values("pk")
        passages = passages.filter(
            Q(section__report__visit__site__programme=programme) | Q(joint_meeting__in=meetings)
        )
    if valence:
        passages = passages.filter(valence=valence)
    if date_from is not None:
        passages = passages.filter(source_date__gte=date_from)
    if date_to is not None:
        passages = passages.filter(source_date__lte=date_to)
    return passages.order_by("-source_date", "section_id", "joint_meeting_id", "start", "pk")


def get_visible_passage_or_404(user, pk) -> CodedPassage:
    try:
        return (
            permissions.visible_coded_passages(user)
            .select_related("section__report__visit__site", "driver", "mechanism", "attention_point")
            .get(pk=pk)
        )
    except (CodedPassage.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Ingen passage med det id.") from exc


# --- memos ----------------------------------------------------------------------------------------


def visible_memos(user) -> QuerySet:
    """Memos follow what they are attached to: a site's (and a matrix cell's) follow site visibility,
    a report's follow report visibility; memos on a code are the coders' and need `can_code`."""
    memos = Memo.objects.all()
    if not permissions.can_see_free_text(user):
        return memos.none()
    if permissions.can_see_all_sites(user):
        return memos
    rule = Q(
        target__in=[MemoTarget.SITE, MemoTarget.MATRIX_CELL], site__in=permissions.visible_sites(user)
    ) | Q(target=MemoTarget.REPORT, report__in=permissions.visible_reports(user).values("pk"))
    if permissions.can_code(user):
        rule |= Q(target=MemoTarget.CODE)
    return memos.filter(rule)


def memo_list(
    user,
    *,
    target: str = "",
    site=None,
    code: Code | None = None,
    report=None,
    query: str = "",
    mine: bool = False,
) -> QuerySet:
    memos = visible_memos(user).select_related("author", "site", "report__visit__site", "code")
    if target:
        memos = memos.filter(target=target)
    if site is not None:
        memos = memos.filter(Q(site=site) | Q(report__visit__site=site))
    if code is not None:
        memos = memos.filter(code=code)
    if report is not None:
        memos = memos.filter(report=report)
    if query:
        memos = memos.filter(Q(title__icontains=query) | Q(text__icontains=query))
    if mine:
        memos = memos.filter(author=user)
    return memos.order_by("-created_at", "-pk")


def get_visible_memo_or_404(user, pk) -> Memo:
    try:
        return visible_memos(user).select_related("author", "site", "report__visit__site", "code").get(pk=pk)
    except (Memo.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Intet memo med det id.") from exc




@dataclass
class CellEvidence:
    """What lies behind a framework-matrix cell: promoters/inhibitors and coded passages."""

    factors: list
    passages: list


def matrix_cell_evidence(user, *, site, code: Code) -> CellEvidence:
    """The site's factors and coded passages on a driver or mechanism, as far as the user may read them."""
    field_name = "driver" if code.kind == CodeKind.DRIVER else "mechanism"
    factors = (
        Factor.objects.filter(
            Q(report__in=permissions.visible_reports(user).filter(visit__site=site).values("pk"))
            | Q(site=site, joint_meeting__in=permissions.visible_joint_meetings(user).values("pk")),
            **{field_name: code},
        )
        .select_related("report__visit", "joint_meeting", "driver", "mechanism")
        .order_by("report__visit__held_on", "joint_meeting__held_on", "pk")
    )
    passages = passage_list(user).filter(section__report__visit__site=site, **{field_name: code})
    return CellEvidence(factors=list(factors), passages=list(passages))
