"""The analysis as JSON-ready data: dataclass fields plus their computed properties, dates as ISO
text, tuple keys joined with '|'. `analysis_json` gives the shape `drivkraft analyse --json` prints."""

import dataclasses
import datetime
from functools import cache

from analysis.computations.result import AnalysisResult, SiteSummary


@cache
def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The dataclass's field names and the names of its properties."""
    properties = []
    for klass in reversed(cls.__mro__):
        properties += [name for name, value in vars(klass).items() if isinstance(value, property)]
    return tuple(f.name for f in dataclasses.fields(cls)), tuple(dict.fromkeys(properties))


def jsonable(value, statements: bool = True):
    """Plain JSON data for any analysis value; `statements=False` leaves out statement texts."""
    if value is None or isinstance(value, str | int | float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields, properties = _names(type(value))
        data = {}
        for name in fields:
            if not statements and name == "statements":
                data["statement_ids"] = [item.id for item in value.statements]
            else:
                data[name] = jsonable(getattr(value, name), statements)
        for name in properties:
            data[name] = jsonable(getattr(value, name), statements)
        return data
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: jsonable(item, statements) for key, item in value._asdict().items()}
    if isinstance(value, dict):
        return {
            ("|".join(str(part) for part in key) if isinstance(key, tuple) else str(key)): jsonable(
                item, statements
            )
            for key, item in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item, statements) for item in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def site_json(site: SiteSummary) -> dict:
    classification = site.classification
    return {
        "code": site.code,
        "name": site.name,
        "programme": site.programme,
        "degree": site.degree,
        "proposed_degree": classification.proposed,
        "degree_score": classification.score,
        "degree_criteria": [jsonable(criterion) for criterion in classification.criteria],
        "degree_missing_evidence": classification.missing_evidence,
        "degree_override": jsonable(classification.override),
        "degree_provisional": classification.provisional,
        "degree_provisional_reasons": classification.provisional_reasons,
        "degree_evidence": jsonable(classification.evidence),
        "relapses": site.relapses,
        "highest_phase": site.highest_phase,
        "current_phase": site.current_phase,
        "trial_actions": jsonable(site.trial_actions),
        "attention_points": site.attention_points,
        "balance": site.balance,
        "left_on": jsonable(site.left_on),
    }


def analysis_json(result: AnalysisResult, statements: bool = False) -> dict:
    """Everything in the result; matrix cells carry statement ids (texts with `statements=True`)."""
    data = {
        "programme": result.programme or "all",
        "sites": [site_json(site) for site in result.sites],
        "degree_counts": result.degree_counts,
    }
    for field in dataclasses.fields(result):
        if field.name not in ("programme", "sites", "degree_counts"):
            data[field.name] = jsonable(getattr(result, field.name), statements)
    return data
