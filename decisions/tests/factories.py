"""Test helpers for decision support: answers to the shipped questionnaire, saved assessments and
what the alert rule page posts."""

import json

from audit.versions import plain_values
from decisions import readiness, services


def answers(pick: str = "best") -> dict:
    """Answers to every question: the most favourable option ("best") or the least ("worst")."""
    result = {}
    for question in readiness.load_questionnaire()["questions"]:
        if question["kind"] == "multiple":
            result[question["key"]] = ["none"] if pick == "best" else ["savings", "crisis"]
            continue
        known = [option for option in question["options"] if option.get("points") is not None]
        chosen = (
            max(known, key=lambda o: o["points"]) if pick == "best" else min(known, key=lambda o: o["points"])
        )
        result[question["key"]] = chosen["value"]
    return result


def form_data(pick: str = "best", **extra) -> dict:
    data = {f"q_{key}": value for key, value in answers(pick).items()}
    data.update(extra)
    return data


def saved_assessment(*, site=None, pick: str = "best", previous=None) -> services.SavedAssessment:
    saved = services.readiness_assessment_create(answers=answers(pick), label="Testhuset", previous=previous)
    if site is not None:
        saved.assessment.site = site
        saved.assessment.save(update_fields=["site"])
    return saved


def alert_rule_form_data(rule, **changes) -> dict:
    """What the alert rule page posts: the rule's values opened at its version, with `changes`."""
    values = services.alert_rule_values(rule)
    data = {
        **{name: value for name, value in values.items() if name != "parameters"},
        "parameters": json.dumps(values["parameters"]),
        "version": rule.version,
        "base": json.dumps(plain_values(values)),
    }
    data.update(changes)
    if not data.get("enabled"):
        data.pop("enabled", None)
    return data
