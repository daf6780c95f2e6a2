"""Bring codes and coded plain-text selections from another tool's .qdpx into Drivkraft.

Codes map onto the codebook by name (Danish label or English name, case-insensitive; an ambiguous
name is settled by the branch it sits under); the rest are added as kind "imported" under a branch
"Importeret fra <file>". Text sources map onto reports and joint meetings by name, else by text; a
selection becomes a CodedPassage of the section (or minutes) that holds exactly its text. CPR numbers
are masked in the source text before it is compared, so offsets follow the masked text. All or nothing.

The selections of one span are merged first (QualCoder writes one per code), and a passage already
present with the same span and codes (and coder, when the coder is known) is recognised, not added
again. The selection's and codings' GUIDs are kept (interop.models.PassageGuid) and exported unchanged.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from tqdm import tqdm

from accounts.privacy import mask_cpr
from codebook.models import Code, CodebookVersion, CodeKind, CodeRevision
from coding.models import CodedPassage, PassageOrigin
from fieldwork.models import ImplementationReport, JointMeeting
from interop.models import PassageGuid
from interop.qdpx.export import BRANCHES, code_guid, guid
from interop.qdpx.layout import meeting_source_name, meeting_text, report_source_name, report_text
from interop.qdpx.reader import QdaCode, QdaProject, QdaSource, merge_spans, read_qdpx

KIND_PRIORITY = [
    CodeKind.DRIVER,
    CodeKind.MECHANISM,
    CodeKind.VALENCE,
    CodeKind.ATTENTION_POINT,
    CodeKind.LEADERSHIP_STYLE,
    CodeKind.CULTURE_TYPE,
    CodeKind.THEME,
    CodeKind.PHASE,
    CodeKind.IMPORTED,
]
BRANCH_KIND = {name.casefold(): kind for kind, name in BRANCHES.items()}
_NAME_DATE = re.compile(r"(?P<code>[A-Za-z0-9_-]+)\s+(?P<date>\d{4}-\d{2}-\d{2})")


class DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


@dataclass
class ImportSummary:
    file: str
    codes_mapped: int = 0
    codes_added: list[str] = field(default_factory=list)
    sources_matched: list[tuple[str, str]] = field(default_factory=list)
    sources_unmatched: list[str] = field(default_factory=list)
    passages_created: int = 0
    passages_existing: int = 0
    unmapped: Counter = field(default_factory=Counter)
    unsupported: Counter = field(default_factory=Counter)
    unknown_coders: set[str] = field(default_factory=set)
    cpr_masked: int = 0
    dry_run: bool = False


@dataclass
class _Target:
    """A report or meeting a source matched: its pieces of text and where each sits in our layout."""

    label: str
    pieces: list[tuple[object, str, int]]  # (section or meeting, text, offset in the layout text)
    layout: str


def _code_index() -> dict[str, list[Code]]:
    index: dict[str, list[Code]] = {}
    for code in Code.objects.filter(is_retired=False):
        for name in {code.label_da.casefold(), code.name_en.casefold()}:
            index.setdefault(name, []).append(code)
    return index


def _map_code(qda: QdaCode, index: dict[str, list[Code]]) -> Code | None:
    candidates = index.get(qda.name.casefold(), [])
    if not candidates:
        return None
    for ancestor in reversed(qda.path):
        kind = BRANCH_KIND.get(ancestor.casefold())
        if kind == CodeKind.DRIVER:
            preferred = [c for c in candidates if c.kind in (CodeKind.DRIVER, CodeKind.MECHANISM)]
        elif kind:
            preferred = [c for c in candidates if c.kind == kind]
        else:
            continue
        if preferred:
            candidates = preferred
            break
    return sorted(candidates, key=lambda c: KIND_PRIORITY.index(c.kind))[0]


def _new_key(qda: QdaCode) -> str:
    return f"{qda.guid[:8]}-{slugify(qda.name)[:40] or 'kode'}"


def import_codes(project: QdaProject, file_name: str, summary: ImportSummary, user) -> dict[str, Code]:
    index = _code_index()
    mapped: dict[str, Code] = {}
    for qda_guid, qda in project.codes.items():
        code = _map_code(qda, index)
        if code is not None:
            mapped[qda_guid] = code
    summary.codes_mapped = len(mapped)

    def needed(guid: str) -> bool:
        qda = project.codes[guid]
        if guid in mapped:
            return False
        if qda.codable:
            return True
        return any(needed(child) for child, c in project.codes.items() if c.parent == guid)

    to_add = [guid for guid in project.codes if needed(guid)]
    if not to_add:
        return mapped
    root_label = f"Importeret fra {file_name}"[:200]
    root = Code.objects.filter(kind=CodeKind.IMPORTED, label_da=root_label, parent__isnull=True).first()
    if root is None:
        root = _save_code(
            key=slugify(f"importeret-{file_name}")[:60] or "importeret", label=root_label, parent=None
        )
    for qda_guid in to_add:  # parents come before their children in document order
        qda = project.codes[qda_guid]
        parent = (
            mapped.get(qda.parent)
            if qda.parent in mapped and mapped[qda.parent].kind == CodeKind.IMPORTED
            else root
        )
        existing = Code.objects.filter(kind=CodeKind.IMPORTED, key=_new_key(qda)).first()
        mapped[qda_guid] = existing or _save_code(
            key=_new_key(qda), label=qda.name, parent=parent, description=qda.description
        )
        if existing is None:
            summary.codes_added.append(qda.name)
    _open_version(user, f"Koder importeret fra {file_name}: {len(summary.codes_added)} nye.")
    return mapped


def _save_code(*, key: str, label: str, parent: Code | None, description: str = "") -> Code:
    masked_label, masked_description = mask_cpr(label).text, mask_cpr(description).text
    top = Code.objects.filter(kind=CodeKind.IMPORTED).aggregate(top=Max("sort_order"))["top"]
    code = Code(
        kind=CodeKind.IMPORTED,
        key=key,
        label_da=masked_label[:200],
        name_en=masked_label[:200],
        description_da=masked_description,
        parent=parent,
        sort_order=0 if top is None else top + 1,
    )
    code.full_clean()
    code.save()
    return code


def _open_version(user, note: str) -> CodebookVersion:
    """A new codebook version with every code's definition, as coding.services does for each change."""
    number = (CodebookVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    version = CodebookVersion.objects.create(number=number, created_by=user, note=note)
    CodeRevision.objects.bulk_create(
        CodeRevision(
            code=c,
            version=version,
            label_da=c.label_da,
            name_en=c.name_en,
            description_da=c.description_da,
            description_en=c.description_en,
        )
        for c in Code.objects.all()
    )
    return version


def _report_target(report: ImplementationReport) -> _Target:
    layout = report_text(report)
    pieces = [
        (s, s.text, layout.section_offsets[s.pk])
        for s in report.sections.all()
        if s.pk in layout.section_offsets
    ]
    return _Target(label=layout.name, pieces=pieces, layout=layout.text)


def _meeting_target(meeting: JointMeeting) -> _Target:
    layout = meeting_text(meeting)
    return _Target(
        label=layout.name, pieces=[(meeting, meeting.minutes, layout.body_offset)], layout=layout.text
    )


def _match_source(source: QdaSource, masked_text: str, reports, meetings) -> _Target | None:
    for report in reports:
        if source.name == report_source_name(report):
            return _report_target(report)
    for meeting in meetings:
        if source.name == meeting_source_name(meeting):
            return _meeting_target(meeting)
    named = _NAME_DATE.search(source.name)
    if named:
        for report in reports:
            if report.visit.site.code == named["code"] and report.visit.date.isoformat() == named["date"]:
                return _report_target(report)
    best, best_score = None, 0
    for report in reports:
        score = sum(len(s.text) for s in report.sections.all() if len(s.text) >= 20 and s.text in masked_text)
        if score > best_score:
            best, best_score = report, score
    if best is not None:
        return _report_target(best)
    for meeting in meetings:
        if len(meeting.minutes) >= 20 and meeting.minutes in masked_text:
            return _meeting_target(meeting)
    return None


def _place(target: _Target, masked_text: str, start: int, end: int) -> tuple[object, int, int] | None:
    """The section (or meeting) and its offsets that hold exactly masked_text[start:end]."""
    if masked_text == target.layout:
        for owner, text, offset in target.pieces:
            if offset <= start and end <= offset + len(text):
                return owner, start - offset, end - offset
        return None
    wanted = masked_text[start:end]
    if not wanted.strip():
        return None
    relative = start / max(len(masked_text), 1)
    found = []
    for owner, text, offset in target.pieces:
        position = text.find(wanted)
        while position != -1:
            found.append((abs((offset + position) / max(len(target.layout), 1) - relative), owner, position))
            position = text.find(wanted, position + 1)
    if not found:
        return None
    _distance, owner, position = min(found, key=lambda item: item[0])
    return owner, position, position + len(wanted)


def _user_index() -> dict[str, object]:
    index = {}
    for user in get_user_model().objects.all():
        for name in (user.username, user.get_full_name()):
            if name:
                index[name.casefold()] = user
    return index


def _passage_fields(codes: list[Code]) -> list[dict]:
    """One passage's code fields from the codes of one selection (extra codes beyond the first get their own)."""
    fields: dict = {
        "driver": None,
        "mechanism": None,
        "valence": "",
        "attention_point": None,
        "extra_code": None,
    }
    extras = []
    for code in codes:
        if code.kind == CodeKind.DRIVER and fields["driver"] is None:
            fields["driver"] = code
        elif code.kind == CodeKind.MECHANISM and fields["mechanism"] is None:
            fields["mechanism"] = code
        elif code.kind == CodeKind.VALENCE and not fields["valence"]:
            fields["valence"] = code.key
        elif code.kind == CodeKind.ATTENTION_POINT and fields["attention_point"] is None:
            fields["attention_point"] = code
        else:
            extras.append(code)
    rest = []
    mechanism = fields["mechanism"]
    if mechanism is not None and fields["driver"] is None:
        fields["driver"] = mechanism.parent
    elif mechanism is not None and mechanism.parent_id != fields["driver"].pk:
        # A mechanism under another driver than the one given: a passage of its own, under its driver.
        fields["mechanism"] = None
        rest.append({**fields, "driver": mechanism.parent, "mechanism": mechanism, "attention_point": None})
    if extras:
        fields["extra_code"] = extras.pop(0)
    blank = {"driver": None, "mechanism": None, "valence": "", "attention_point": None}
    rest += [{**blank, "extra_code": extra} for extra in extras]
    return [fields, *rest]


def import_qdpx(path: Path, *, user=None, dry_run: bool = False) -> ImportSummary:
    """Import the file; on any error nothing is changed, and a dry run rolls back at the end."""
    project = read_qdpx(path)
    summary = ImportSummary(file=Path(path).name, dry_run=dry_run, unsupported=Counter(project.unsupported))
    try:
        with transaction.atomic():
            _import(project, summary, user)
            if dry_run:
                raise DryRun()
    except DryRun:
        pass
    return summary


def _import(project: QdaProject, summary: ImportSummary, user) -> None:
    codes = import_codes(project, summary.file, summary, user)
    users = _user_index()
    version = CodebookVersion.objects.order_by("-number").first()
    reports = list(ImplementationReport.objects.select_related("visit__site").prefetch_related("sections"))
    meetings = list(JointMeeting.objects.all())
    valences = {code.key: code for code in Code.objects.filter(kind=CodeKind.VALENCE)}
    for source in tqdm(project.sources, desc="Kilder", unit="kilde", disable=len(project.sources) < 20):
        masked = mask_cpr(source.text)
        summary.cpr_masked += masked.count
        if source.whole_source_codings:
            summary.unsupported["kodninger af en hel kilde"] += source.whole_source_codings
        target = _match_source(source, masked.text, reports, meetings)
        if target is None:
            summary.sources_unmatched.append(source.name)
            summary.unmapped["markeringer i kilder uden rapport eller møde"] += len(source.selections)
            continue
        summary.sources_matched.append((source.name, target.label))
        for selection in merge_spans(source.selections):
            _import_selection(
                selection, source, masked, target, codes, users, version, project, summary, valences
            )


def _masked_offset(original: str, position: int) -> int:
    return len(mask_cpr(original[:position]).text)


def _import_selection(  # noqa: PLR0913 - the import's state, passed down rather than kept in a class
    selection, source, masked, target, codes, users, version, project, summary, valences
) -> None:
    if not (0 <= selection.start < selection.end <= len(source.text)):
        summary.unmapped["markeringer uden for kildens tekst"] += 1
        return
    start, end = selection.start, selection.end
    if masked.count:
        start, end = _masked_offset(source.text, start), _masked_offset(source.text, end)
    placed = _place(target, masked.text, start, end)
    if placed is None:
        summary.unmapped["markeringer hvis tekst ikke findes i rapporten"] += 1
        return
    owner, local_start, local_end = placed
    by_coder: dict[str | None, list[Code]] = {}
    for qda_code, coder_guid in selection.codings:
        code = codes.get(qda_code)
        if code is None:
            summary.unmapped["kodninger med en ukendt kode"] += 1
            continue
        by_coder.setdefault(coder_guid or selection.creator, []).append(code)
    selection_guid = selection.guid  # names one passage; the others of the span get their own
    for coder_guid, coder_codes in by_coder.items():
        coder = None
        if coder_guid:
            name, login = project.users.get(coder_guid, ("", ""))
            coder = users.get(login.casefold()) or users.get(name.casefold())
            if coder is None:
                summary.unknown_coders.add(login or name or coder_guid)
        guids_by_code = {
            codes[code].pk: coding_guid
            for (code, by), coding_guid in selection.coding_guids.items()
            if code in codes and by == coder_guid
        }
        for fields in _passage_fields(coder_codes):
            passage = _save_passage(owner, local_start, local_end, coder, fields, version, summary)
            if _remember_guids(passage, selection_guid, fields, guids_by_code, valences):
                selection_guid = ""


def _save_passage(owner, start, end, coder, fields, version, summary) -> CodedPassage:
    """The passage with this span, codes and coder: found when present, else created.

    An unknown coder matches any coder's passage, so a file whose users we do not know (QualCoder's
    "default") does not duplicate what is already here."""
    where = {"joint_meeting": owner} if isinstance(owner, JointMeeting) else {"section": owner}
    text = owner.minutes if isinstance(owner, JointMeeting) else owner.text
    lookup = {**where, "start": start, "end": end, **fields}
    existing = CodedPassage.objects.filter(**lookup, **({"coder": coder} if coder else {})).first()
    if existing is not None:
        summary.passages_existing += 1
        return existing
    passage = CodedPassage(
        **lookup,
        coder=coder,
        text=text[start:end],
        codebook_version=version,
        origin=PassageOrigin.IMPORTED,
    )
    passage.full_clean()
    passage.save()
    summary.passages_created += 1
    return passage


def _remember_guids(passage, selection_guid: str, fields, guids_by_code, valences) -> bool:
    """Keep the GUIDs the other tool gave, keyed by our codes' GUIDs, unless the passage has some
    already or they are our own (an export of this database coming back). True if the selection's
    GUID now names this passage."""
    if PassageGuid.objects.filter(passage=passage).exists():
        return False
    if selection_guid == guid("passage", passage.pk):
        return True
    used = [fields[name] for name in ("driver", "mechanism", "attention_point", "extra_code") if fields[name]]
    if fields["valence"] and fields["valence"] in valences:
        used.append(valences[fields["valence"]])
    codings = {code_guid(code): guids_by_code[code.pk] for code in used if code.pk in guids_by_code}
    if selection_guid or codings:
        PassageGuid.objects.create(passage=passage, selection=selection_guid, codings=codings)
    return bool(selection_guid)
