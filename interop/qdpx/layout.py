"""How a report or a joint meeting becomes one plain text, and where each section's text starts in it.

A report's text is a header, the introduction and the six theme sections in their fixed order, each
under its Danish heading; section texts are copied verbatim, so a coded passage at section offsets
[start, end) sits at [offset + start, offset + end) in the source text.
"""

from dataclasses import dataclass, field

from django.utils import translation

from fieldwork.models import ImplementationReport, JointMeeting, Theme


@dataclass
class SourceText:
    name: str
    text: str
    section_offsets: dict[int, int] = field(default_factory=dict)  # ReportSection.pk -> offset
    body_offset: int = 0  # for meetings: where the minutes start


def report_source_name(report: ImplementationReport) -> str:
    visit = report.visit
    return f"Implementeringsrapport {visit.site.code} {visit.date.isoformat()}"


def meeting_source_name(meeting: JointMeeting) -> str:
    return f"Fællesmøde {meeting.held_on.isoformat()} {meeting.title}"


def report_text(report: ImplementationReport) -> SourceText:
    visit = report.visit
    with translation.override("da"):
        phase = visit.get_phase_display() or "-"
        parts = [
            f"Implementeringsrapport: {visit.site.code} {visit.site.name}\n",
            f"Besøg: {visit.date.strftime('%d.%m.%Y')}; fase: {phase}\n",
        ]
        if report.introduction:
            parts.append(f"\nIndledning\n{report.introduction}\n")
        sections = {section.theme: section for section in report.sections.all()}
        offsets: dict[int, int] = {}
        for number, theme in enumerate(Theme, start=1):
            section = sections.get(theme.value)
            if section is None:
                continue
            parts.append(f"\n{number}. {theme.label}\n")
            offsets[section.pk] = sum(len(part) for part in parts)
            parts.append(f"{section.text}\n")
    return SourceText(name=report_source_name(report), text="".join(parts), section_offsets=offsets)


def meeting_text(meeting: JointMeeting) -> SourceText:
    header = f"Fællesmøde: {meeting.title}\nDato: {meeting.held_on.strftime('%d.%m.%Y')}\n\n"
    return SourceText(
        name=meeting_source_name(meeting), text=f"{header}{meeting.minutes}\n", body_offset=len(header)
    )
