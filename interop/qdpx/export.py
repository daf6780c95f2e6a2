"""Build a `.qdpx`: project.qde (QDA-XML 1.0) and one UTF-8 text file per source under sources/."""

import datetime
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone, translation
from lxml import etree
from tqdm import tqdm

from analysis.models import Degree
from analysis.services import analyse
from codebook.models import Code, CodeKind
from coding.models import CodedPassage
from fieldwork.models import ImplementationReport, JointMeeting
from interop.models import PassageGuid
from interop.qdpx.layout import meeting_text, report_text
from registry.models import Site

NS = "urn:QDA-XML:project:1.0"
GUID_NAMESPACE = uuid.UUID("5b0f8a52-3c1e-4d55-9a3e-6f2d1c7b9e10")

# The top branches of the code tree: not codable themselves, named after the codebook's kinds.
BRANCHES = {
    CodeKind.DRIVER: "Drivere",
    CodeKind.VALENCE: "Valens",
    CodeKind.ATTENTION_POINT: "Opmærksomhedspunkter",
    CodeKind.LEADERSHIP_STYLE: "Ledelsesstil",
    CodeKind.CULTURE_TYPE: "Kulturtype",
    CodeKind.THEME: "Rapporttemaer",
    CodeKind.PHASE: "Faser",
    CodeKind.IMPORTED: "Importerede koder",
}


def guid(*parts) -> str:
    """A stable GUID, so that two exports of the same data name the same things alike."""
    return str(uuid.uuid5(GUID_NAMESPACE, ":".join(str(part) for part in parts)))


def code_guid(code: Code) -> str:
    return guid("code", code.kind, code.key)


def user_guid(user) -> str:
    return guid("user", user.username)


def qda_tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent, tag: str, /, **attributes) -> etree._Element:
    return etree.SubElement(parent, qda_tag(tag), {k: str(v) for k, v in attributes.items() if v is not None})


def stamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class ExportSummary:
    path: Path
    reports: int
    meetings: int
    selections: int
    codes: int
    cases: int
    users: int
    degree_note: str


def _code_element(parent, code: Code, children: dict) -> None:
    element = _sub(parent, "Code", guid=code_guid(code), name=code.label_da, isCodable="true")
    if code.description_da:
        etree.SubElement(element, qda_tag("Description")).text = code.description_da
    for child in children.get(code.pk, []):
        _code_element(element, child, children)


def codebook_codes(project) -> int:
    """The CodeBook element with every code under its kind's branch; the number of codes."""
    codes = list(Code.objects.order_by("kind", "sort_order", "key"))
    children: dict[int, list[Code]] = {}
    for code in codes:
        if code.parent_id and code.kind in (CodeKind.MECHANISM, CodeKind.IMPORTED):
            children.setdefault(code.parent_id, []).append(code)
    codes_element = _sub(_sub(project, "CodeBook"), "Codes")
    for kind, branch_name in BRANCHES.items():
        roots = [c for c in codes if c.kind == kind and (kind != CodeKind.IMPORTED or c.parent_id is None)]
        if not roots:
            continue
        branch = _sub(codes_element, "Code", guid=guid("branch", kind), name=branch_name, isCodable="false")
        for code in roots:
            _code_element(branch, code, children)
    return len(codes)


def _degrees(programme: str | None) -> tuple[dict[str, str], str]:
    result = analyse(programme)
    with translation.override("da"):
        labels = {value: str(label) for value, label in Degree.choices}
        degrees = {site.code: labels.get(site.degree, site.degree) for site in result.sites if site.degree}
    return degrees, "grad fra analysis.services.analyse (efter evaluators eventuelle overstyring)"


def export_qdpx(path: Path, *, programme: str | None = None, user=None) -> ExportSummary:
    """Write the .qdpx file; `programme` (a code) limits the sites, reports and meetings."""
    site_filter = Q() if not programme else Q(programme__code=programme)
    sites = list(Site.objects.filter(site_filter).select_related("programme").order_by("code"))
    reports = list(
        ImplementationReport.objects.filter(visit__site__in=sites)
        .select_related("visit__site")
        .prefetch_related("sections")
        .order_by("visit__site__code", "visit__held_on", "pk")
    )
    meetings = list(JointMeeting.objects.filter(sites__in=sites).distinct().order_by("held_on", "pk"))
    exported = CodedPassage.objects.filter(Q(section__report__in=reports) | Q(joint_meeting__in=meetings))
    passages = list(
        exported.select_related("coder", "driver", "mechanism", "attention_point", "extra_code", "section")
    )
    kept_guids = {kept.passage_id: kept for kept in PassageGuid.objects.filter(passage__in=exported)}
    valences = {code.key: code for code in Code.objects.filter(kind=CodeKind.VALENCE)}

    now = stamp(timezone.now())
    project = etree.Element(
        qda_tag("Project"),
        nsmap={None: NS},
        name="Drivkraft" + (f" – {programme}" if programme else ""),
        origin="Drivkraft",
        creationDateTime=now,
    )
    if user is not None and getattr(user, "pk", None):
        project.set("creatingUserGUID", user_guid(user))

    coder_ids = {p.coder_id for p in passages if p.coder_id}
    users = list(
        get_user_model().objects.filter(pk__in=coder_ids | ({user.pk} if user and user.pk else set()))
    )
    if users:
        users_element = _sub(project, "Users")
        for person in sorted(users, key=lambda u: u.username):
            _sub(
                users_element,
                "User",
                guid=user_guid(person),
                name=person.get_full_name() or person.username,
                id=person.username,
            )

    code_count = codebook_codes(project)

    degrees, degree_note = _degrees(programme)
    variables = {
        "programme": ("Program", "Text"),
        "region": ("Region", "Text"),
        "ownership": ("Ejerform", "Text"),
        "degree": ("Grad af målrettet implementering", "Text"),
    }
    variables_element = _sub(project, "Variables")
    for key, (name, kind) in variables.items():
        _sub(variables_element, "Variable", guid=guid("variable", key), name=name, typeOfVariable=kind)

    source_guids = {("report", r.pk): guid("report", r.pk) for r in reports}
    source_guids.update({("meeting", m.pk): guid("meeting", m.pk) for m in meetings})
    if sites:
        cases = _sub(project, "Cases")
        for site in sites:
            case = _sub(cases, "Case", guid=guid("site", site.code), name=f"{site.code} {site.name}")
            values = {
                "programme": site.programme.code,
                "region": site.get_region_display(),
                "ownership": site.get_ownership_display(),
                "degree": degrees.get(site.code),
            }
            for key, value in values.items():
                if value is None:
                    continue
                variable_value = _sub(case, "VariableValue")
                _sub(variable_value, "VariableRef", targetGUID=guid("variable", key))
                etree.SubElement(variable_value, qda_tag("TextValue")).text = str(value)
            for report in reports:
                if report.visit.site_id == site.pk:
                    _sub(case, "SourceRef", targetGUID=source_guids[("report", report.pk)])

    by_section: dict[int, list[CodedPassage]] = {}
    by_meeting: dict[int, list[CodedPassage]] = {}
    for passage in passages:
        if passage.section_id:
            by_section.setdefault(passage.section_id, []).append(passage)
        else:
            by_meeting.setdefault(passage.joint_meeting_id, []).append(passage)

    files: dict[str, str] = {}
    selections = 0
    sources = _sub(project, "Sources") if reports or meetings else None

    def add_source(key, source, placed: list[tuple[int, CodedPassage]]):
        nonlocal selections
        source_guid = source_guids[key]
        filename = f"{source_guid}.txt"
        files[filename] = source.text
        element = _sub(
            sources, "TextSource", guid=source_guid, name=source.name, plainTextPath=f"internal://{filename}"
        )
        for offset, passage in sorted(placed, key=lambda item: (item[0] + item[1].start, item[1].pk)):
            start, end = offset + passage.start, offset + passage.end
            kept = kept_guids.get(passage.pk)
            selection = _sub(
                element,
                "PlainTextSelection",
                guid=kept.selection if kept else guid("passage", passage.pk),
                name=source.text[start:end][:60],
                startPosition=start,
                endPosition=end,
                creatingUser=user_guid(passage.coder) if passage.coder else None,
                creationDateTime=stamp(passage.created_at),
            )
            for code in _passage_codes(passage, valences):
                _sub(
                    _sub(
                        selection,
                        "Coding",
                        guid=(kept.codings if kept else {}).get(code_guid(code))
                        or guid("coding", passage.pk, code.kind, code.key),
                        creatingUser=user_guid(passage.coder) if passage.coder else None,
                        creationDateTime=stamp(passage.created_at),
                    ),
                    "CodeRef",
                    targetGUID=code_guid(code),
                )
            selections += 1

    for report in tqdm(reports, desc="Rapporter", unit="rapport", disable=len(reports) < 20):
        source = report_text(report)
        placed = [
            (source.section_offsets[section.pk], passage)
            for section in report.sections.all()
            for passage in by_section.get(section.pk, [])
        ]
        add_source(("report", report.pk), source, placed)
    for meeting in meetings:
        source = meeting_text(meeting)
        add_source(
            ("meeting", meeting.pk), source, [(source.body_offset, p) for p in by_meeting.get(meeting.pk, [])]
        )

    xml = etree.tostring(project, xml_declaration=True, encoding="utf-8", pretty_print=True)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for filename, text in files.items():
            archive.writestr(f"sources/{filename}", text.encode("utf-8"))
    return ExportSummary(
        path=path,
        reports=len(reports),
        meetings=len(meetings),
        selections=selections,
        codes=code_count,
        cases=len(sites),
        users=len(users),
        degree_note=degree_note,
    )


def _passage_codes(passage: CodedPassage, valences: dict[str, Code]) -> list[Code]:
    codes = [passage.driver, passage.mechanism, passage.attention_point, passage.extra_code]
    if passage.valence and passage.valence in valences:
        codes.append(valences[passage.valence])
    return [code for code in codes if code is not None]
