"""REFI-QDA files as other tools write them: QualCoder's one selection per code and fresh GUIDs,
a project whose sources are not in the database."""

import uuid
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from coding.models import CodedPassage
from interop.models import PassageGuid
from interop.qdpx.export import NS
from interop.tests.test_qdpx import codings_now, export

pytestmark = pytest.mark.django_db
Q = {"q": NS}


def as_qualcoder_writes_it(source, target, coder_name=None):
    """Our export rewritten as QualCoder exports a project: every coding in a selection of its own,
    every selection and coding with a new random GUID (QualCoder's create_guid); with `coder_name`,
    every user renamed so (a QualCoder project's coder is often just "default")."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(members["project.qde"])
    root.set("origin", "QualCoder 3.6")
    for user in root.findall(".//q:User", Q) if coder_name else []:
        user.set("name", coder_name)
        user.set("id", coder_name)
    for selection in root.findall(".//q:PlainTextSelection", Q):
        parent, index = selection.getparent(), selection.getparent().index(selection)
        for offset, coding in enumerate(selection.findall("q:Coding", Q)):
            single = etree.Element(selection.tag, dict(selection.attrib))
            single.set("guid", str(uuid.uuid4()))
            coding.set("guid", str(uuid.uuid4()))
            single.append(coding)
            parent.insert(index + offset, single)
        parent.remove(selection)
    members["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def selection_guids(path) -> dict[tuple[str, str], tuple[set[str], set[str]]]:
    """(start, end) -> the GUIDs of the selections there and of their codings."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for selection in root.findall(".//q:PlainTextSelection", Q):
        selections, codings = found.setdefault(
            (selection.get("startPosition"), selection.get("endPosition")), (set(), set())
        )
        selections.add(selection.get("guid"))
        codings.update(coding.get("guid") for coding in selection.findall("q:Coding", Q))
    return found


def test_one_selection_per_code_becomes_one_passage_per_span(coded, tmp_path):
    before = codings_now()
    split = as_qualcoder_writes_it(export(tmp_path), tmp_path / "qualcoder.qdpx")
    CodedPassage.objects.all().delete()
    out = StringIO()
    call_command("import_qdpx", str(split), stdout=out)
    assert "Kodede passager oprettet: 5; fandtes allerede: 0" in out.getvalue()
    assert codings_now() == before


def test_the_split_file_into_the_original_database_recognises_every_passage(coded, tmp_path):
    before = codings_now()
    split = as_qualcoder_writes_it(export(tmp_path), tmp_path / "qualcoder.qdpx")
    out = StringIO()
    call_command("import_qdpx", str(split), stdout=out)
    assert "Kodede passager oprettet: 0; fandtes allerede: 5" in out.getvalue()
    assert codings_now() == before


def test_unknown_coders_still_recognise_the_passages_already_present(coded, tmp_path):
    before = codings_now()
    split = as_qualcoder_writes_it(export(tmp_path), tmp_path / "qualcoder.qdpx", coder_name="default")
    out = StringIO()
    call_command("import_qdpx", str(split), stdout=out)
    assert "oprettet: 0;" in out.getvalue() and "Ukendte kodere" in out.getvalue()
    assert codings_now() == before


def test_guids_from_the_other_tool_are_exported_unchanged(coded, tmp_path):
    split = as_qualcoder_writes_it(export(tmp_path), tmp_path / "qualcoder.qdpx")
    CodedPassage.objects.all().delete()
    call_command("import_qdpx", str(split), stdout=StringIO())
    assert PassageGuid.objects.count() == 5
    incoming = selection_guids(split)
    (tmp_path / "again").mkdir()
    exported = selection_guids(export(tmp_path / "again"))
    assert exported.keys() == incoming.keys()
    for span, (selections, codings) in exported.items():
        assert codings == incoming[span][1], span
        assert selections & incoming[span][0], span  # one selection per passage: the span's first GUID
    (tmp_path / "third").mkdir()
    assert selection_guids(export(tmp_path / "third")) == exported, "stable from export to export"


def test_our_own_guids_are_stable_across_exports(coded, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert selection_guids(export(tmp_path / "a")) == selection_guids(export(tmp_path / "b"))


def test_a_project_whose_sources_match_nothing_exits_non_zero(coded, tmp_path):
    path = tmp_path / "fremmed.qdpx"
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="x" origin="QualCoder"><Sources>
<TextSource guid="{uuid.uuid4()}" name="Interview 1"><PlainTextContent>Intet her findes i databasen.</PlainTextContent>
<PlainTextSelection guid="{uuid.uuid4()}" startPosition="0" endPosition="5"/></TextSource>
</Sources></Project>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    before = codings_now()
    out = StringIO()
    with pytest.raises(CommandError, match="Ingen af filens 1 tekstkilder svarer"):
        call_command("import_qdpx", str(path), stdout=out)
    assert "Interview 1" in out.getvalue()
    assert codings_now() == before
