"""Small hand-built inputs for the pure analysis tests."""

import datetime

from analysis.computations.records import (
    AnalysisInput,
    CodeRecord,
    FactorRecord,
    SiteRecord,
    VisitRecord,
)

D = datetime.date

MECHANISMS = [
    ("staff_selection", "competence"),
    ("training", "competence"),
    ("coaching", "competence"),
    ("decision_support_data", "organisation"),
    ("facilitative_administration", "organisation"),
    ("systems_intervention", "organisation"),
    ("technical_leadership", "leadership"),
    ("adaptive_leadership", "leadership"),
]


def codes() -> list[CodeRecord]:
    result = [CodeRecord("driver", key, key.title()) for key in ("competence", "organisation", "leadership")]
    result += [CodeRecord("mechanism", key, key, parent) for key, parent in MECHANISMS]
    result += [CodeRecord("attention_point", f"ap{n}", f"Punkt {n}", "competence", n) for n in range(1, 11)]
    return result


def site(code: str, programme: str = "MG", **extra) -> SiteRecord:
    return SiteRecord(code=code, name=f"Stedet {code}", programme=programme, **extra)


def visits(
    site_code: str, phases: list[str], start_id: int = 1, anchoring: list[int] | None = None
) -> list[VisitRecord]:
    """Held visits four months apart from 1 Feb 2018, each with a report (id = visit id)."""
    result = []
    for index, phase in enumerate(phases):
        day = D(2018 + (1 + index * 4) // 12, (1 + index * 4) % 12 + 1, 1)
        result.append(
            VisitRecord(
                id=start_id + index,
                site=site_code,
                planned_on=day,
                held_on=day,
                status="held",
                phase=phase,
                report_id=start_id + index,
                anchoring=anchoring[index] if anchoring else None,
            )
        )
    return result


_next_id = [1000]


def factor(
    site_code: str,
    valence: str,
    statement: str,
    day: datetime.date,
    driver: str = "",
    mechanism: str = "",
    report_id: int | None = 1,
    **extra,
) -> FactorRecord:
    _next_id[0] += 1
    return FactorRecord(
        id=_next_id[0],
        site=site_code,
        valence=valence,
        statement=statement,
        date=day,
        driver=driver,
        mechanism=mechanism,
        report_id=report_id,
        **extra,
    )


def data(**kwargs) -> AnalysisInput:
    kwargs.setdefault("codes", codes())
    return AnalysisInput(**kwargs)
