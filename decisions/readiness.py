"""Scoring of the readiness self-assessment (pure; the questions and their scoring are data in
decisions/data/readiness.json, documented in docs/readiness.md).

Each answer gives a score from 0 (a risk the evaluation found) to 1 (what the most thorough sites
had): a single-choice option carries `points`; a multiple-choice question starts at 1 and each
chosen option subtracts its `penalty`. "Don't know" (`points: null`) is left out of the profile and
reported as something to find out. A driver's score is the weighted mean of its answered questions.
"""

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

QUESTIONNAIRE = Path(__file__).resolve().parent / "data" / "readiness.json"
DRIVERS = ("competence", "organisation", "leadership")


def load_questionnaire(path: Path = QUESTIONNAIRE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def answer_errors(questionnaire: Mapping, answers: Mapping[str, Any]) -> dict[str, str]:
    """Question key → what is wrong with its answer (missing, not an option, exclusive mixed)."""
    errors = {}
    for question in questionnaire["questions"]:
        key = question["key"]
        allowed = {option["value"] for option in question["options"]}
        value = answers.get(key)
        if question["kind"] == "multiple":
            if not isinstance(value, list) or not value:
                errors[key] = "missing"
            elif not set(value) <= allowed:
                errors[key] = "invalid"
            elif len(value) > 1 and any(
                o.get("exclusive") and o["value"] in value for o in question["options"]
            ):
                errors[key] = "exclusive"
        elif value is None or value == "":
            errors[key] = "missing"
        elif value not in allowed:
            errors[key] = "invalid"
    unknown = set(answers) - {question["key"] for question in questionnaire["questions"]}
    errors.update({key: "unknown" for key in sorted(unknown)})
    return errors


def question_score(question: Mapping, value: Any) -> float | None:
    if question["kind"] == "multiple":
        penalties = {option["value"]: option.get("penalty", 0.0) for option in question["options"]}
        return round(max(0.0, 1.0 - sum(penalties[choice] for choice in value)), 4)
    option = next(option for option in question["options"] if option["value"] == value)
    return option["points"]


@dataclass(frozen=True)
class DriverProfile:
    driver: str
    score: float | None
    level: str
    answered: int
    unknown: int


@dataclass(frozen=True)
class Risk:
    question: str
    driver: str
    score: float
    weight: float
    attention_points: tuple[int, ...]


@dataclass(frozen=True)
class Consideration:
    programme: str
    question: str
    index: int


@dataclass(frozen=True)
class ReadinessResult:
    version: int
    drivers: tuple[DriverProfile, ...]
    overall: float | None
    risks: tuple[Risk, ...]
    attention_points: tuple[int, ...]
    unknown: tuple[str, ...]
    considerations: tuple[Consideration, ...] = field(default_factory=tuple)

    def as_json(self) -> dict:
        return asdict(self)


def level_of(questionnaire: Mapping, score: float | None) -> str:
    if score is None:
        return "unknown"
    for level in sorted(questionnaire["levels"], key=lambda item: -item["min"]):
        if score >= level["min"]:
            return level["key"]
    return questionnaire["levels"][-1]["key"]


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for _, weight in pairs)
    return round(sum(score * weight for score, weight in pairs) / total, 4) if total else None


def score(questionnaire: Mapping, answers: Mapping[str, Any]) -> ReadinessResult:
    """The profile per driver, the risks (score below `risk_below`, weightiest and lowest first), the
    attention points those risks call for, the questions answered "don't know", and the programme
    considerations the answers trigger."""
    errors = answer_errors(questionnaire, answers)
    if errors:
        raise ValueError(f"ugyldige svar: {errors}")
    per_driver: dict[str, list[tuple[float, float]]] = {driver: [] for driver in DRIVERS}
    unknown_per_driver = dict.fromkeys(DRIVERS, 0)
    risks, unknown = [], []
    for question in questionnaire["questions"]:
        value = question_score(question, answers[question["key"]])
        driver = question["driver"]
        if value is None:
            unknown.append(question["key"])
            unknown_per_driver[driver] += 1
            continue
        per_driver[driver].append((value, question["weight"]))
        if value < questionnaire["risk_below"]:
            risks.append(
                Risk(
                    question=question["key"],
                    driver=driver,
                    score=value,
                    weight=question["weight"],
                    attention_points=tuple(question["attention_points"]),
                )
            )
    risks.sort(key=lambda risk: (-risk.weight, risk.score, risk.question))
    profiles = tuple(
        DriverProfile(
            driver=driver,
            score=_weighted_mean(per_driver[driver]),
            level=level_of(questionnaire, _weighted_mean(per_driver[driver])),
            answered=len(per_driver[driver]),
            unknown=unknown_per_driver[driver],
        )
        for driver in DRIVERS
    )
    considerations = []
    for index, note in enumerate(questionnaire.get("considerations", [])):
        given = answers.get(note["question"])
        chosen = set(given) if isinstance(given, list) else {given}
        if chosen & set(note["values"]):
            considerations.append(
                Consideration(programme=note["programme"], question=note["question"], index=index)
            )
    return ReadinessResult(
        version=questionnaire["version"],
        drivers=profiles,
        overall=_weighted_mean([pair for pairs in per_driver.values() for pair in pairs]),
        risks=tuple(risks),
        attention_points=tuple(sorted({number for risk in risks for number in risk.attention_points})),
        unknown=tuple(unknown),
        considerations=tuple(considerations),
    )


@dataclass(frozen=True)
class DriverChange:
    driver: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 4)


def compare(before: Mapping, after: Mapping) -> tuple[DriverChange, ...]:
    """Change per driver between two stored results (`ReadinessResult.as_json()`)."""
    old = {profile["driver"]: profile["score"] for profile in before.get("drivers", [])}
    new = {profile["driver"]: profile["score"] for profile in after.get("drivers", [])}
    return tuple(DriverChange(driver, old.get(driver), new.get(driver)) for driver in DRIVERS)
