"""Archive members are judged by their declared sizes before anything is unpacked."""

import zipfile

import pytest

from interop.archives import ArchiveTooLarge, Limits, check_archive, read_member
from interop.qdpx.reader import QdpxError, read_qdpx


def zeros_zip(path, megabytes: int):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("sources/zeros.txt", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def test_a_member_that_packs_a_thousandfold_is_refused_as_a_bomb(tmp_path):
    with zipfile.ZipFile(zeros_zip(tmp_path / "bomb.zip", 20)) as archive:
        with pytest.raises(ArchiveTooLarge, match="ZIP-bombe"):
            check_archive(archive)


def test_members_over_the_size_limit_and_totals_over_the_total_are_refused(tmp_path):
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "x" * 3000)
        archive.writestr("b.txt", "y" * 3000)
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(ArchiveTooLarge, match="a.txt"):
            check_archive(archive, Limits(max_member=2000, max_total=10_000))
        with pytest.raises(ArchiveTooLarge, match="i alt"):
            check_archive(archive, Limits(max_member=4000, max_total=5000))
        with pytest.raises(ArchiveTooLarge, match="b.txt"):
            read_member(archive, "b.txt", Limits(max_member=2000))
        assert read_member(archive, "b.txt") == b"y" * 3000


def test_small_members_may_pack_well(tmp_path):
    path = tmp_path / "styles.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("styles.xml", " " * 500_000)
    with zipfile.ZipFile(path) as archive:
        check_archive(archive)


def test_a_qdpx_bomb_is_refused_before_its_text_is_read(tmp_path):
    """Time and memory are measured by bench/archive_bomb.py."""
    with pytest.raises(QdpxError, match="ZIP-bombe"):
        read_qdpx(zeros_zip(tmp_path / "bomb.qdpx", 200))
