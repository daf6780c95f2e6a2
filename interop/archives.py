"""Bounded reading of ZIP archives (.qdpx, .docx): every member is checked before it is read.

A member is refused when it declares more than `max_member` bytes unpacked, when the archive
declares more than `max_total` in all, or when a member over a megabyte unpacks to more than
`max_ratio` times its packed size (text and XML pack 3-20 times; a bomb of zeros a thousand).
Reading streams in chunks and stops at the cap, so a header that lies about the size does not
help either: zipfile stops at the declared size and the cap stops anything beyond it.
"""

import zipfile
from dataclasses import dataclass

CHUNK = 1 << 20
RATIO_FLOOR = 1 << 20  # small members (styles, settings) may pack very well; only big ones are judged


class ArchiveTooLarge(Exception):
    """The archive would unpack to more than its limits allow; the message says which member, in Danish."""


@dataclass(frozen=True)
class Limits:
    max_member: int = 64 << 20
    max_total: int = 256 << 20
    max_ratio: int = 100


DEFAULT_LIMITS = Limits()


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB"


def check_member(info: zipfile.ZipInfo, limits: Limits = DEFAULT_LIMITS) -> None:
    if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise ArchiveTooLarge(
            f"{info.filename} pakker ud til {info.file_size // max(info.compress_size, 1)} gange sin "
            f"størrelse (højst {limits.max_ratio}); filen ligner en ZIP-bombe og læses ikke."
        )
    if info.file_size > limits.max_member:
        raise ArchiveTooLarge(
            f"{info.filename} fylder {_mb(info.file_size)} udpakket; højst {_mb(limits.max_member)} er tilladt."
        )


def check_archive(archive: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check every member's declared sizes and the total before anything is unpacked."""
    total = 0
    for info in archive.infolist():
        check_member(info, limits)
        total += info.file_size
    if total > limits.max_total:
        raise ArchiveTooLarge(
            f"Filen pakker ud til {_mb(total)} i alt; højst {_mb(limits.max_total)} er tilladt."
        )


def read_member(archive: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The member's bytes, read in chunks and never more than the member limit."""
    info = archive.getinfo(name)
    check_member(info, limits)
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limits.max_member:
                raise ArchiveTooLarge(f"{name} er større end {_mb(limits.max_member)} udpakket.")
            chunks.append(chunk)
    return b"".join(chunks)
