"""Import a dataset written by `drivkraft export`: check everything first, then write all or nothing."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from interop.jsonio.checking import DatasetImportError, ImportProblem, check_dataset
from interop.jsonio.writing import ImportSummary, Writer


def import_dataset(data: dict, *, dry_run: bool = False) -> ImportSummary:
    """Check the whole document, then write it in one transaction (rolled back on --dry-run)."""
    check_dataset(data)
    summary = ImportSummary()
    try:
        with transaction.atomic():
            Writer(data, summary).write()
            if dry_run:
                transaction.set_rollback(True)
    except (IntegrityError, ValidationError, DatabaseError) as exc:
        raise DatasetImportError([ImportProblem("database", f"afvist af databasen: {exc}")]) from exc
    return summary
