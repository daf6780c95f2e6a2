"""A site's right of access and erasure: everything about one site out, or its personal data gone."""

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q

from accounts.models import Pseudonym, User
from analysis import results
from analysis.models import CapacityRating, DegreeOverride, MatrixRating
from audit.models import AuditAction, AuditEntry
from audit.services import record
from coding.models import CodedPassage, Memo, Suggestion
from decisions.models import ReadinessAssessment
from fieldwork.models import (
    ExternalEvent,
    Factor,
    ImplementationReport,
    JointMeeting,
    ReportSection,
    SiteAssessment,
    TrialAction,
    Visit,
)
from fieldwork.search import search_rebuild
from interop.erasure_text import ERASED, apply_cuts, cuts_for, moved_span, name_tokens
from interop.jsonio.exporter import export_dataset
from registry.models import ConsultantAssignment, Department, Site, TeamMember


class SiteNotFound(Exception):
    pass


def _site(code: str):

    try:
        return Site.objects.get(code=code)
    except Site.DoesNotExist as exc:
        raise SiteNotFound(f"Intet sted med koden {code!r}.") from exc


def _report_document(report) -> str:
    lines = [f"# Implementeringsrapport {report.visit.site.code} {report.visit.held_on:%d.%m.%Y}", ""]
    if report.introduction:
        lines += [report.introduction, ""]
    for section in report.sections.all():
        lines += [f"## {section.get_theme_display()}", "", section.text, ""]
    return "\n".join(lines)


def export_site(code: str, out: Path) -> int:
    """A ZIP with site.json (the site's part of the dataset and its audit trail) and its documents."""

    site = _site(code)
    data = export_dataset(site_code=site.code)
    data["audit"] = list(
        AuditEntry.objects.filter(site_code=site.code)
        .order_by("at", "id")
        .values("at", "actor_name", "action", "model", "object_pk", "object_repr", "before", "after", "note")
    )
    reports = (
        ImplementationReport.objects.filter(visit__site=site)
        .select_related("visit__site")
        .prefetch_related("sections")
    )
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("site.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
        documents = 0
        for report in reports:
            archive.writestr(
                f"documents/rapport-{report.visit.held_on:%Y-%m-%d}.md", _report_document(report)
            )
            documents += 1
        for index, meeting in enumerate(data["joint_meetings"], start=1):
            archive.writestr(f"documents/faellesmoede-{index}-{meeting['held_on']}.md", meeting["minutes"])
            documents += 1
    partial.replace(out)
    with transaction.atomic():
        record(
            action=AuditAction.READ,
            model="registry.Site",
            object_pk=str(site.pk),
            object_repr=site.code,
            site_code=site.code,
            note=f"Alle data om stedet eksporteret til {out.name}.",
        )
    return documents


@dataclass(frozen=True)
class ErasureReport:
    code: str
    texts_cleared: int
    rows_deleted: int
    audit_entries_redacted: int


@transaction.atomic
def erase_site(code: str) -> ErasureReport:
    """Remove a site's personal data and free text; keep anonymous structure and codes for counts.

    Shared joint meetings lose the site's contributions and names (audit.erasure_text), ratings and
    overrides their notes, the search index is rebuilt so no erased word is found, and the shared
    analysis cache is emptied once the erasure commits.

    Writes go through queryset.update() so no per-row audit entry repeats the text being erased;
    the erasure itself is recorded once, and earlier audit values for the site are redacted — the one
    documented exception to the append-only audit log.
    """

    site = _site(code)
    cleared = deleted = 0
    meetings = _erase_from_joint_meetings(site)
    cleared += len(meetings)
    cleared += _erase_notes(site)
    reports = ImplementationReport.objects.filter(visit__site=site)
    cleared += ReportSection.objects.filter(report__in=reports).update(text="")
    cleared += reports.update(introduction="")
    cleared += Factor.objects.filter(Q(report__in=reports) | Q(site=site)).update(statement=ERASED, quote="")
    cleared += TrialAction.objects.filter(agreed_at__site=site).update(
        aim=ERASED, description="", carried_by="", learning=""
    )
    visits = Visit.objects.filter(site=site)
    for visit in visits.filter(participants__isnull=False).distinct():
        visit.participants.through.objects.filter(visit=visit).delete()
    cleared += visits.update(other_participants="")
    cleared += visits.filter(status="cancelled").update(cancel_reason=ERASED)
    for index, member in enumerate(TeamMember.objects.filter(site=site).order_by("starts_on", "pk"), start=1):
        TeamMember.objects.filter(pk=member.pk).update(name=f"Medlem {index}")
        cleared += 1
    for index, department in enumerate(Department.objects.filter(site=site).order_by("pk"), start=1):
        Department.objects.filter(pk=department.pk).update(name=f"Afdeling {index}", address="")
    cleared += SiteAssessment.objects.filter(site=site).update(notes="")
    deleted += CodedPassage.objects.filter(section__report__in=reports).delete()[0]
    deleted += Suggestion.objects.filter(section__report__in=reports).delete()[0]
    deleted += Memo.objects.filter(Q(site=site) | Q(report__in=reports)).delete()[0]
    deleted += Pseudonym.objects.filter(site=site).delete()[0]
    for user in User.objects.filter(site=site):
        User.objects.filter(pk=user.pk).update(
            username=f"slettet-{user.pk}",
            first_name="",
            last_name="",
            email="",
            is_active=False,
            password="!",
        )
    left_reason = ERASED if site.left_on else ""
    type(site).objects.filter(pk=site.pk).update(
        name=f"Slettet sted {site.code}", target_group_notes="", left_reason=left_reason
    )
    redacted = AuditEntry.objects.filter(site_code=site.code).redact()
    redacted += AuditEntry.objects.filter(
        Q(model="fieldwork.JointMeeting", object_pk__in=[str(pk) for pk in meetings])
        | Q(model="coding.CodedPassage", object_pk__in=_meeting_passage_ids(meetings))
    ).redact()
    search_rebuild()
    transaction.on_commit(results.forget)  # cached analyses and site records hold the site's texts
    record(
        action=AuditAction.ERASE,
        model="registry.Site",
        object_pk=str(site.pk),
        object_repr=site.code,
        site_code=site.code,
        note=f"Personoplysninger og fritekst slettet: {cleared} tekster ryddet, {deleted} rækker slettet, "
        f"{redacted} revisionsposter redigeret.",
    )
    return ErasureReport(site.code, cleared, deleted, redacted)


def _site_names(site) -> tuple[list[str], set[str]]:
    """The site's names, and the name words other sites use (those stay)."""
    names = [site.name]
    names += TeamMember.objects.filter(site=site).values_list("name", flat=True)
    names += [n for pair in Department.objects.filter(site=site).values_list("name", "address") for n in pair]
    for first, last in User.objects.filter(site=site).values_list("first_name", "last_name"):
        names += [first, last, f"{first} {last}".strip()]
    others = set()
    for name in [
        *Site.objects.exclude(pk=site.pk).values_list("name", flat=True),
        *TeamMember.objects.exclude(site=site).values_list("name", flat=True),
    ]:
        others.update((name or "").split())
    return names, others


def _erase_from_joint_meetings(site) -> list[int]:
    """Cut the site's contributions and names out of the minutes and titles of its joint meetings."""
    names, others = _site_names(site)
    tokens = name_tokens(names, others)
    changed = []
    for meeting in JointMeeting.objects.filter(sites=site).order_by("pk"):
        statements = list(
            Factor.objects.filter(joint_meeting=meeting, site=site).values_list("statement", flat=True)
        )
        cuts = cuts_for(meeting.minutes, statements=statements, tokens=tokens)
        title = apply_cuts(meeting.title, cuts_for(meeting.title, statements=[], tokens=tokens))
        if not cuts and title == meeting.title:
            continue
        for passage in CodedPassage.objects.filter(joint_meeting=meeting).only("pk", "start", "end"):
            moved = moved_span(passage.start, passage.end, cuts)
            if moved is None:
                CodedPassage.objects.filter(pk=passage.pk).delete()
            else:
                CodedPassage.objects.filter(pk=passage.pk).update(start=moved[0], end=moved[1])
        JointMeeting.objects.filter(pk=meeting.pk).update(
            minutes=apply_cuts(meeting.minutes, cuts), title=title
        )
        changed.append(meeting.pk)
    return changed


def _meeting_passage_ids(meetings: list[int]) -> list[str]:
    return [
        str(pk) for pk in CodedPassage.objects.filter(joint_meeting__in=meetings).values_list("pk", flat=True)
    ]


def _erase_notes(site) -> int:
    """Evaluators' notes on the site, events, consultant changes and self-assessments of the site."""
    return (
        MatrixRating.objects.filter(site=site).update(summary="")
        + CapacityRating.objects.filter(site=site).update(note="")
        + DegreeOverride.objects.filter(site=site).update(reason=ERASED)
        + ExternalEvent.objects.filter(site=site).update(description="")
        + ConsultantAssignment.objects.filter(site=site).update(reason="")
        + ReadinessAssessment.objects.filter(site=site).update(label="")
    )
