"""Read a .qdpx written by any REFI-QDA tool into plain data (no Django): codes, users, text sources
with their plain-text selections, and a count of what is not supported."""

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from interop.archives import ArchiveTooLarge, check_archive, read_member


class QdpxError(Exception):
    """The file cannot be read as a REFI-QDA project; the message says why, in Danish."""


@dataclass
class QdaCode:
    guid: str
    name: str
    codable: bool
    description: str
    parent: str | None
    path: tuple[str, ...]  # names of the ancestors, outermost first


@dataclass
class QdaSelection:
    guid: str
    start: int
    end: int
    creator: str | None
    codings: list[tuple[str, str | None]]  # (code GUID, coding's creatingUser GUID)
    # (code GUID, coder GUID) -> the GUID of the Coding element that applied the code
    coding_guids: dict[tuple[str, str | None], str] = field(default_factory=dict)


@dataclass
class QdaSource:
    guid: str
    name: str
    text: str
    selections: list[QdaSelection]
    whole_source_codings: int = 0


@dataclass
class QdaProject:
    name: str
    codes: dict[str, QdaCode]
    users: dict[str, tuple[str, str]]  # GUID -> (name, id)
    sources: list[QdaSource]
    unsupported: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


UNSUPPORTED = {
    "PictureSource": "billeder",
    "AudioSource": "lyd",
    "VideoSource": "video",
    "PDFSource": "PDF-kilder",
}


def _local(element) -> str:
    return etree.QName(element).localname


def _children(element, name: str):
    return [child for child in element if isinstance(child.tag, str) and _local(child) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _int(value: str | None, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise QdpxError(f"{what} er ikke et heltal: {value!r}.") from exc


def _read_codes(element, parent: str | None, path: tuple[str, ...], codes: dict[str, QdaCode]) -> None:
    for code in _children(element, "Code"):
        guid = (code.get("guid") or "").strip("{}").lower()
        name = (code.get("name") or "").strip()
        if not guid or not name:
            raise QdpxError("En kode mangler guid eller navn.")
        description = _child(code, "Description")
        codes[guid] = QdaCode(
            guid=guid,
            name=name,
            codable=(code.get("isCodable", "true").lower() == "true"),
            description=(description.text or "") if description is not None else "",
            parent=parent,
            path=path,
        )
        _read_codes(code, guid, (*path, name), codes)


def read_codes_element(element) -> dict[str, QdaCode]:
    """The codes under a Codes element (of a project or a codebook), by GUID, parents first."""
    codes: dict[str, QdaCode] = {}
    _read_codes(element, None, (), codes)
    return codes


def _source_text(source, archive: zipfile.ZipFile) -> str:
    content = _child(source, "PlainTextContent")
    if content is not None and content.text:
        return content.text
    path = source.get("plainTextPath")
    if not path:
        raise QdpxError(f"Tekstkilden «{source.get('name')}» har hverken tekst eller plainTextPath.")
    names = set(archive.namelist())
    if path.startswith("internal://"):
        candidates = [f"sources/{path[len('internal://') :]}"]
    else:
        candidates = [f"sources/{PurePosixPath(path.replace(chr(92), '/')).name}"]
    for candidate in candidates:
        if candidate in names:
            raw = read_member(archive, candidate)
            for encoding in ("utf-8-sig", "utf-16"):
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
            raise QdpxError(f"{candidate} er ikke UTF-8-tekst.")
    raise QdpxError(f"Tekstkilden «{source.get('name')}» peger på {path}, som ikke ligger i filen.")


def _guid(value: str | None) -> str | None:
    return value.strip("{}").lower() if value else None


def merge_spans(selections: list[QdaSelection]) -> list[QdaSelection]:
    """One selection per span: QualCoder writes one selection per code, so the codings of a span
    (same start and end) are gathered under its first selection, each keeping its own coder."""
    by_span: dict[tuple[int, int], QdaSelection] = {}
    for selection in selections:
        codings = [(code, coder or selection.creator) for code, coder in selection.codings]
        merged = by_span.get((selection.start, selection.end))
        if merged is None:
            by_span[(selection.start, selection.end)] = QdaSelection(
                guid=selection.guid,
                start=selection.start,
                end=selection.end,
                creator=selection.creator,
                codings=codings,
                coding_guids=dict(selection.coding_guids),
            )
            continue
        merged.codings.extend(coding for coding in codings if coding not in merged.codings)
        for key, coding_guid in selection.coding_guids.items():
            merged.coding_guids.setdefault(key, coding_guid)
    return list(by_span.values())


def read_qdpx(path) -> QdaProject:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise QdpxError(f"{path} er ikke en .qdpx-fil (ikke en ZIP-fil): {exc}") from exc
    try:
        with archive:
            check_archive(archive)
            return _read(archive)
    except ArchiveTooLarge as exc:
        raise QdpxError(str(exc)) from exc


def _read(archive: zipfile.ZipFile) -> QdaProject:
    qde = [name for name in archive.namelist() if name.lower().endswith(".qde")]
    if not qde:
        raise QdpxError("Filen indeholder ingen project.qde.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(read_member(archive, qde[0]), parser)
    except etree.XMLSyntaxError as exc:
        raise QdpxError(f"project.qde er ikke gyldig XML: {exc}") from exc
    if _local(root) != "Project":
        raise QdpxError("project.qde har ikke et Project-element øverst.")

    users = {}
    users_element = _child(root, "Users")
    for user in _children(users_element, "User") if users_element is not None else []:
        users[_guid(user.get("guid"))] = (user.get("name") or "", user.get("id") or "")

    codes: dict[str, QdaCode] = {}
    codebook = _child(root, "CodeBook")
    if codebook is not None and _child(codebook, "Codes") is not None:
        _read_codes(_child(codebook, "Codes"), None, (), codes)

    project = QdaProject(name=root.get("name") or "", codes=codes, users=users, sources=[])
    sources_element = _child(root, "Sources")
    for source in list(sources_element) if sources_element is not None else []:
        if not isinstance(source.tag, str):
            continue
        kind = _local(source)
        if kind in UNSUPPORTED:
            project.unsupported[UNSUPPORTED[kind]] += 1
            selections = sum(
                1
                for element in source.iter()
                if isinstance(element.tag, str) and _local(element).endswith("Selection")
            )
            if selections:
                project.unsupported[f"markeringer i {UNSUPPORTED[kind]}"] += selections
            continue
        if kind != "TextSource":
            continue
        selections = []
        for selection in _children(source, "PlainTextSelection"):
            start = _int(selection.get("startPosition"), "startPosition")
            end = _int(selection.get("endPosition"), "endPosition")
            creator = _guid(selection.get("creatingUser"))
            codings, coding_guids = [], {}
            for coding in _children(selection, "Coding"):
                coder = _guid(coding.get("creatingUser"))
                for ref in _children(coding, "CodeRef"):
                    code = _guid(ref.get("targetGUID"))
                    codings.append((code, coder))
                    if coding.get("guid"):
                        coding_guids[(code, coder or creator)] = _guid(coding.get("guid"))
            selections.append(
                QdaSelection(
                    guid=_guid(selection.get("guid")) or "",
                    start=start,
                    end=end,
                    creator=creator,
                    codings=codings,
                    coding_guids=coding_guids,
                )
            )
        project.sources.append(
            QdaSource(
                guid=_guid(source.get("guid")) or "",
                name=source.get("name") or "",
                text=_source_text(source, archive),
                selections=selections,
                whole_source_codings=len(_children(source, "Coding")),
            )
        )
    return project
