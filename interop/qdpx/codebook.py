"""REFI-QDA codebook exchange (.qdc, namespace urn:QDA-XML:codebook:1.0): the codebook alone, as
Taguette exports it and NVivo, MAXQDA, ATLAS.ti and QualCoder import and export it.

Out: the same code tree and GUIDs as in a .qdpx, so codings in a project file later refer to the
codes a codebook brought. In: codes mapped onto ours by name as in a .qdpx, the rest added under
"Importeret fra <file>" (interop.qdpx.importer.import_codes). All or nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from lxml import etree

from interop.qdpx.export import NS, codebook_codes, qda_tag, stamp
from interop.qdpx.importer import DryRun, ImportSummary, import_codes
from interop.qdpx.reader import QdaProject, QdpxError, read_codes_element

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
MAX_CODEBOOK_BYTES = 16 << 20  # a codebook of many thousand codes is a few megabytes


@dataclass
class CodebookSummary:
    file: str
    codes: int
    codes_mapped: int = 0
    codes_added: list[str] = field(default_factory=list)
    dry_run: bool = False


def export_codebook(path: Path) -> int:
    """Write the codebook as a .qdc file; the number of codes written."""
    project = etree.Element(qda_tag("Project"), nsmap={None: NS})
    count = codebook_codes(project)
    codebook = project[0]
    for element in codebook.iter():
        element.tag = element.tag.replace(f"{{{NS}}}", f"{{{CODEBOOK_NS}}}")
    root = etree.Element(
        f"{{{CODEBOOK_NS}}}CodeBook",
        nsmap={None: CODEBOOK_NS},
        origin="Drivkraft",
        creationDateTime=stamp(timezone.now()),
    )
    root.extend(list(codebook))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
    return count


def read_qdc(path: Path) -> QdaProject:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise QdpxError(f"{path} kan ikke læses: {exc}") from exc
    if size > MAX_CODEBOOK_BYTES:
        raise QdpxError(f"{path.name} fylder {size // (1 << 20)} MB; en kodebog må højst fylde 16 MB.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(path.read_bytes(), parser)
    except etree.XMLSyntaxError as exc:
        raise QdpxError(f"{path.name} er ikke gyldig XML: {exc}") from exc
    if etree.QName(root).localname != "CodeBook":
        raise QdpxError(f"{path.name} er ikke en REFI-QDA-kodebog (øverste element er ikke CodeBook).")
    codes = [
        child for child in root if isinstance(child.tag, str) and etree.QName(child).localname == "Codes"
    ]
    if not codes:
        raise QdpxError(f"{path.name} indeholder ingen koder (intet Codes-element).")
    return QdaProject(name=path.stem, codes=read_codes_element(codes[0]), users={}, sources=[])


def import_codebook(path: Path, *, user=None, dry_run: bool = False) -> CodebookSummary:
    project = read_qdc(path)
    summary = ImportSummary(file=Path(path).name, dry_run=dry_run)
    try:
        with transaction.atomic():
            import_codes(project, summary.file, summary, user)
            if dry_run:
                raise DryRun()
    except DryRun:
        pass
    return CodebookSummary(
        file=summary.file,
        codes=len(project.codes),
        codes_mapped=summary.codes_mapped,
        codes_added=summary.codes_added,
        dry_run=dry_run,
    )
