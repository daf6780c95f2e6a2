"""Reads the reports need beyond the analysis: the programmes' descriptions."""

from publishing.contexts.evaluation import ProgrammeInfo
from registry.models import Programme


def programme_infos() -> dict[str, ProgrammeInfo]:

    rows = Programme.objects.values_list(
        "code", "name", "provider", "training_months", "training_description", "character"
    )
    return {row[0]: ProgrammeInfo(row[0], row[1], row[2], float(row[3]), row[4], row[5]) for row in rows}
