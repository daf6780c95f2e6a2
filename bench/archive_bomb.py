"""Benchmark: how fast and in how little memory a ZIP bomb is refused (.qdpx and .docx).

Run: .venv/bin/python bench/archive_bomb.py
Writes a .qdpx and a .docx each holding one member of 200 MB of zeros (about 200 kB packed) in a
temporary folder, then, in a fresh process each, reads them with the importers' readers and prints
the wall time and the process's peak resident memory. No database is needed.
"""

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEGABYTES = 200

READ = """
import resource, sys, time
started = time.perf_counter()
kind, path = sys.argv[1], sys.argv[2]
if kind == "qdpx":
    from interop.qdpx.reader import QdpxError, read_qdpx
    try:
        read_qdpx(path)
        outcome = "READ (not refused!)"
    except QdpxError as exc:
        outcome = f"refused: {exc}"
else:
    from interop.docx_import.reading import UnreadableDocument, read_blocks
    try:
        read_blocks(path)
        outcome = "READ (not refused!)"
    except UnreadableDocument as exc:
        outcome = f"refused: {exc}"
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{kind}: {outcome}\\n  {elapsed:.2f} s, peak memory {peak:.0f} MB (the whole process)")
"""


def bomb(path: Path, member: str) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if path.suffix == ".docx":
            archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as stream:
            chunk = bytes(1 << 20)
            for _ in range(MEGABYTES):
                stream.write(chunk)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "qdpx": bomb(Path(folder) / "bomb.qdpx", "project.qde"),
            "docx": bomb(Path(folder) / "bomb.docx", "word/document.xml"),
        }
        for kind, path in files.items():
            print(f"{path.name}: {path.stat().st_size / 1024:.0f} kB packed, {MEGABYTES} MB unpacked")
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            subprocess.run([sys.executable, "-c", READ, kind, str(path)], check=True, cwd=ROOT, env=env)


if __name__ == "__main__":
    main()
