"""Backups that can be trusted: a single archive with the database and a manifest, verified on both ends.

SQLite uses its online backup API (the application keeps running); PostgreSQL uses pg_dump/pg_restore.
The manifest holds the row count of every table, so `verify` and `restore` can prove what they hold.
"""

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
# A database packs 3-10 times; a member declaring far more than that is a bomb, refused before it
# is unpacked (each member's header is read before its data, so a bomb is caught at its first member).
MAX_BACKUP_RATIO = 100
RATIO_FLOOR = 64 << 20


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupReport:
    path: Path
    engine: str
    tables: int
    rows: int


def table_counts(conn=None) -> dict[str, int]:
    """Row counts of every table of the live database (or of a raw sqlite3 connection)."""
    if conn is not None:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}
    with connection.cursor() as cursor:
        # SQLite's own tables (sqlite_stat1, which ANALYZE writes) are not data and not copied.
        names = sorted(n for n in connection.introspection.table_names(cursor) if not n.startswith("sqlite_"))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    args = ["-h", settings.get("HOST") or "127.0.0.1", "-p", str(settings.get("PORT") or 5432)]
    if settings.get("USER"):
        args += ["-U", settings["USER"]]
    return args, env


def _run(command: list[str], env: dict | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} fejlede: {result.stderr.strip()[:500]}")


def backup(out: Path) -> BackupReport:
    """Write a verified backup archive of the current database to `out` (written atomically)."""
    out = Path(out)
    engine = connection.vendor
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        if engine == "sqlite":
            member = tmp_dir / SQLITE_MEMBER
            connection.ensure_connection()
            target = sqlite3.connect(member)
            try:
                connection.connection.backup(target)
                counts = table_counts(target)
                if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("Kopien bestod ikke SQLite's integritetskontrol.")
            finally:
                target.close()
        elif engine == "postgresql":
            member = tmp_dir / POSTGRES_MEMBER
            args, env = _pg_env()
            with connection.cursor():
                counts = table_counts()
            _run(
                ["pg_dump", *args, "-Fc", "--no-owner", "-f", str(member), connection.settings_dict["NAME"]],
                env,
            )
            _run(["pg_restore", "--list", str(member)], env)
        else:
            raise BackupError(f"Sikkerhedskopi af {engine} understøttes ikke.")
        manifest = {
            "format": "drivkraft-backup",
            "version": 1,
            "engine": engine,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "member": member.name,
            "sha256": _sha256(member),
            "tables": counts,
        }
        (tmp_dir / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(tmp_dir / MANIFEST, arcname=MANIFEST)
            archive.add(member, arcname=member.name)
        os.replace(partial, out)
    verify(out)
    return BackupReport(out, engine, len(counts), sum(counts.values()))


def _open(path: Path, into: Path) -> dict:
    packed = path.stat().st_size if path.exists() else 0
    try:
        with tarfile.open(path, "r:gz") as archive:
            unpacked = 0
            for member in archive:
                unpacked += member.size
                if unpacked > RATIO_FLOOR and unpacked > MAX_BACKUP_RATIO * max(packed, 1):
                    raise BackupError(
                        f"{path} ville pakke ud til {unpacked // (1 << 20)} MB fra {packed // 1024} kB "
                        f"(over {MAX_BACKUP_RATIO} gange); filen ligner en bombe og pakkes ikke ud."
                    )
                archive.extract(member, into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{path} er ikke en læsbar sikkerhedskopi: {exc}") from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} mangler et gyldigt manifest.") from exc
    if manifest.get("format") != "drivkraft-backup":
        raise BackupError(f"{path} er ikke en Drivkraft-sikkerhedskopi.")
    member = into / manifest["member"]
    if not member.exists() or _sha256(member) != manifest["sha256"]:
        raise BackupError("Databasefilen i kopien svarer ikke til manifestets kontrolsum.")
    return manifest


def verify(path: Path) -> dict:
    """Check the archive: checksum, and for SQLite integrity and row counts against the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        manifest = _open(Path(path), Path(tmp))
        member = Path(tmp) / manifest["member"]
        if manifest["engine"] == "sqlite":
            conn = sqlite3.connect(member)
            try:
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("Kopien bestod ikke SQLite's integritetskontrol.")
                if table_counts(conn) != manifest["tables"]:
                    raise BackupError("Kopiens tabeller svarer ikke til manifestet.")
            finally:
                conn.close()
        else:
            _run(["pg_restore", "--list", str(member)])
    return manifest


def restore(path: Path) -> dict:
    """Replace the current database with the backup, then check every table's row count."""
    with tempfile.TemporaryDirectory() as tmp:
        manifest = _open(Path(path), Path(tmp))
        member = Path(tmp) / manifest["member"]
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"Kopien er fra {manifest['engine']}, men databasen er {connection.vendor}; "
                "brug `drivkraft export`/`import` til at flytte data mellem databaser."
            )
        if connection.vendor == "sqlite":
            source = sqlite3.connect(member)
            try:
                connection.ensure_connection()
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            args, env = _pg_env()
            connection.close()
            _run(
                [
                    "pg_restore",
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "-d",
                    connection.settings_dict["NAME"],
                    str(member),
                ],
                env,
            )
    counts = table_counts()
    missing = {t: n for t, n in manifest["tables"].items() if counts.get(t) != n}
    if missing:
        raise BackupError(
            f"Efter gendannelsen svarer {len(missing)} tabeller ikke til kopien: {sorted(missing)[:5]}"
        )
    return manifest
