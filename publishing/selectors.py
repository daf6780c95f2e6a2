"""Reads the reports need beyond the analysis: the programmes' descriptions and coder agreement."""

from coding.models import CodingRound
from coding.rounds import round_agreement
from publishing.contexts.evaluation import ProgrammeInfo
from publishing.evidence import Agreement
from registry.models import Programme


def programme_infos() -> dict[str, ProgrammeInfo]:
    rows = Programme.objects.values_list(
        "code", "name", "provider", "training_months", "training_description", "character"
    )
    return {row[0]: ProgrammeInfo(row[0], row[1], row[2], float(row[3]), row[4], row[5]) for row in rows}


def coding_agreement() -> list[Agreement]:
    """Agreement between coders in each closed coding round (the latest codebook version's figures)."""
    result = []
    for coding_round in CodingRound.objects.filter(closed_at__isnull=False).order_by("closed_at"):
        versions = round_agreement(coding_round)
        if not versions:
            continue
        overall = versions[-1]["overall"]
        result.append(
            Agreement(
                round=coding_round.name,
                units=overall.get("pairable_units", 0),
                alpha=overall.get("krippendorff_alpha"),
                percent=overall.get("percent_agreement"),
            )
        )
    return result
