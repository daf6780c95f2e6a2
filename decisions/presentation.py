"""Wording for decision support: evidence, phases, trends and degrees in the user's language."""

import datetime

from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from codebook.models import Code
from decisions import readiness
from decisions.alerts import Evidence
from decisions.figures import balance_svg
from fieldwork.models import CultureType, EventKind, LeadershipStyle, Phase, TrialOutcome


def day(value: datetime.date | None) -> str:
    return date_format(value, "d.m.Y") if value else ""


def code_label(code: Code) -> str:
    return code.name_en if translation.get_language() == "en" and code.name_en else code.label_da


def phase_label(value: str) -> str:
    return Phase(value).label if value in Phase.values else _("ukendt fase")


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def trend_label(value: str) -> str:
    return {
        "rising": pgettext("anchoring trend", "stigende"),
        "falling": pgettext("anchoring trend", "faldende"),
        "flat": pgettext("anchoring trend", "uændret"),
    }.get(value, pgettext("anchoring trend", "for få vurderinger"))


def degree_label(value: str | None) -> str:
    return {
        "high": _("I høj grad målrettet"),
        "some": _("I nogen grad målrettet"),
        "low": _("I ringe grad målrettet"),
    }.get(value or "", _("Ikke klassificeret (for lidt data)"))


def event_kind_label(value: str) -> str:
    return EventKind(value).label if value in EventKind.values else value


def outcome_label(value: str) -> str:
    return TrialOutcome(value).label if value in TrialOutcome.values else _("ikke fulgt op")


def describe(evidence: Evidence, driver_labels: dict[str, str]) -> str:
    """One line saying what a piece of evidence shows, with its figures."""
    v = evidence.values
    on = day(evidence.on)
    match evidence.code:
        case "visits_without_mention":
            return _("Ingen omtale af »%(stems)s« ved de seneste %(count)s besøg (%(start)s–%(end)s).") % {
                "stems": v["stems"],
                "count": v["count"],
                "start": on,
                "end": day(v["until"]),
            }
        case "last_mention":
            return _("Sidst nævnt %(day)s: %(quote)s") % {"day": on, "quote": evidence.quote}
        case "never_mentioned":
            return _("Ikke nævnt ved nogen af stedets %(visits)s besøg.") % {"visits": v["visits"]}
        case "mention":
            return _("Nævnt %(day)s: %(quote)s") % {"day": on, "quote": evidence.quote}
        case "answer_missing":
            return _("Intet om »%(stems)s« ved det besøg eller senere.") % {"stems": v["stems"]}
        case "factor":
            kind = _("Hæmmer") if v.get("valence") == "inhibitor" else _("Fremmer")
            return _("%(kind)s %(day)s: %(quote)s") % {"kind": kind, "day": on, "quote": evidence.quote}
        case "trial_action":
            return _("Prøvehandling aftalt %(day)s: %(quote)s – %(outcome)s") % {
                "day": on,
                "quote": evidence.quote,
                "outcome": outcome_label(v["outcome"]),
            }
        case "team_at":
            return ngettext(
                "Ved besøget %(day)s havde teamet %(members)s medlem og ingen leder.",
                "Ved besøget %(day)s havde teamet %(members)s medlemmer og ingen leder.",
                v["members"],
            ) % {"day": on, "members": v["members"]}
        case "manager_left":
            return _("Den sidste leder forlod teamet %(day)s.") % {"day": on}
        case "never_manager":
            return _("Teamet har aldrig haft en leder eller afdelingsleder.")
        case "manager_joins_later":
            return _("En leder træder først ind %(day)s.") % {"day": on}
        case "team_left":
            return _("%(left)s af %(joined)s teammedlemmer var stoppet ved besøget %(day)s (%(share)s).") % {
                "left": v["left"],
                "joined": v["joined"],
                "day": on,
                "share": percent(v["share"]),
            }
        case "phase_reached":
            return _("Nåede %(phase)s %(day)s.") % {"phase": phase_label(v["phase"]), "day": on}
        case "phase_now":
            return _("Var igen i %(phase)s %(day)s.") % {"phase": phase_label(v["phase"]), "day": on}
        case "pressure":
            text = _("Ydre pres fra %(day)s: %(kind)s") % {"day": on, "kind": event_kind_label(v["kind"])}
            return f"{text} – {evidence.quote}" if evidence.quote else text
        case "inhibitor_share":
            return _(
                "Andelen af hæmmere steg fra %(before)s (%(n_before)s udsagn) før til %(after)s "
                "(%(n_after)s udsagn) efter."
            ) % {
                "before": percent(v["before"]),
                "after": percent(v["after"]),
                "n_before": v["factors_before"],
                "n_after": v["factors_after"],
            }
        case "anchoring":
            return _("Grad af forankring %(day)s: %(rating)s af 5.") % {"day": on, "rating": v["rating"]}
        case "driver_share":
            return _(
                "%(inhibitors)s af %(total)s udsagn om %(driver)s siden %(day)s var hæmmere (%(share)s)."
            ) % {
                "inhibitors": v["inhibitors"],
                "total": v["total"],
                "driver": driver_labels.get(v["driver"], v["driver"]).lower(),
                "day": on,
                "share": percent(v["share"]),
            }
        case "leadership_style":
            return _("Stedsvurderingen %(day)s: ledelsesstil %(style)s.") % {
                "day": on,
                "style": LeadershipStyle(v["style"]).label.lower(),
            }
        case "culture_type":
            return _("Stedsvurderingen %(day)s: kultur %(culture)s.") % {
                "day": on,
                "culture": CultureType(v["culture"]).label.lower(),
            }
        case "cancelled":
            return _("Besøget planlagt %(day)s blev aflyst.") % {"day": on}
    return evidence.code


def localised(entry: dict, field: str = "") -> str:
    """A data file's text in the active language: entry["da"]/["en"] or entry[field + "_da"/"_en"]."""
    suffix = "en" if translation.get_language() == "en" else "da"
    key = f"{field}_{suffix}" if field else suffix
    fallback = f"{field}_da" if field else "da"
    return entry.get(key) or entry[fallback]


def level_label(questionnaire: dict, key: str) -> str:
    level = next((level for level in questionnaire["levels"] if level["key"] == key), None)
    return localised(level) if level else _("Ikke besvaret")


def _answer_text(question: dict, value) -> str:
    chosen = value if isinstance(value, list) else [value]
    return ", ".join(localised(option) for option in question["options"] if option["value"] in chosen)


def readiness_page(
    assessment, questionnaire: dict, *, points: dict[int, Code], drivers: dict[str, str], programmes: dict
) -> dict:
    """The result of a saved assessment, worded: profile with change, risks, points, programmes."""
    questions = {question["key"]: question for question in questionnaire["questions"]}
    result = assessment.result
    previous = assessment.previous.result if assessment.previous else None
    changes = (
        {change.driver: change.change for change in readiness.compare(previous, result)} if previous else {}
    )
    profile = [
        {
            "driver": profile["driver"],
            "label": drivers.get(profile["driver"], profile["driver"]),
            "score": profile["score"],
            "percent": percent(profile["score"]),
            "level": profile["level"],
            "level_label": level_label(questionnaire, profile["level"]),
            "answered": profile["answered"],
            "unknown": profile["unknown"],
            "change": changes.get(profile["driver"]),
            "change_points": None
            if changes.get(profile["driver"]) is None
            else round(changes[profile["driver"]] * 100),
        }
        for profile in result["drivers"]
    ]
    risks = [
        {
            "question": localised(questions[risk["question"]]),
            "answer": _answer_text(questions[risk["question"]], assessment.answers.get(risk["question"])),
            "reason": localised(questions[risk["question"]], "risk"),
            "finding": questions[risk["question"]]["finding"],
            "driver": drivers.get(risk["driver"], risk["driver"]),
            "points": [points[number] for number in risk["attention_points"] if number in points],
        }
        for risk in result["risks"]
        if risk["question"] in questions
    ]
    planned = []
    for number in result["attention_points"]:
        if number in points:
            raised_by = [
                localised(questions[risk["question"]])
                for risk in result["risks"]
                if number in risk["attention_points"] and risk["question"] in questions
            ]
            planned.append({"point": points[number], "raised_by": raised_by})
    notes = questionnaire.get("considerations", [])
    comparison = []
    for code, data in questionnaire["programmes"].items():
        if code == "criteria":
            continue
        row = programmes.get(code)
        months = float(row.training_months) if row else data["training_months"]
        comparison.append(
            {
                "code": code,
                "name": row.name if row else data["name"],
                "provider": row.provider if row else data["provider"],
                "years": number_format(months / 12, 1),
                "training": (row.training_description if row and row.training_description else "")
                or localised(data["training"]),
                "character": row.character if row else "",
                "cells": {
                    criterion["key"]: localised(data[criterion["key"]])
                    for criterion in questionnaire["programmes"]["criteria"]
                    if criterion["key"] in data
                },
                "considerations": [
                    localised(notes[item["index"]])
                    for item in result.get("considerations", [])
                    if item["programme"] == code and item["index"] < len(notes)
                ],
                "considered": assessment.programme_code == code,
            }
        )
    return {
        "profile": profile,
        "overall": percent(result.get("overall")),
        "risks": risks,
        "planned": planned,
        "unknown": [localised(questions[key]) for key in result["unknown"] if key in questions],
        "criteria": [
            {"key": criterion["key"], "label": localised(criterion)}
            for criterion in questionnaire["programmes"]["criteria"]
        ],
        "comparison": comparison,
        "answers": [
            {
                "question": localised(question),
                "answer": _answer_text(question, assessment.answers.get(question["key"])),
            }
            for question in questionnaire["questions"]
            if question["key"] in assessment.answers
        ],
    }


def dashboard_page(board, driver_codes: dict[str, Code]) -> dict:
    """The dashboard's worded parts: alerts with their evidence, the figure, the changes per driver."""
    drivers = {key: code_label(code) for key, code in driver_codes.items()}
    figure = balance_svg(
        board.balance,
        driver_labels=drivers,
        title=_("Fremmere og hæmmere pr. driver pr. år"),
        promoter_label=_("fremmere"),
        inhibitor_label=_("hæmmere"),
    )
    return {
        "board": board,
        "alerts": [
            {
                "alert": alert,
                "evidence": [describe(item, drivers) for item in alert.evidence],
                "point": alert.rule.attention_point,
                "driver": alert.rule.attention_point.parent,
            }
            for alert in board.alerts
        ],
        "figure": mark_safe(figure),  # built by figures.balance_svg, which escapes every text
        "balance_rows": [
            (period, [board.balance.tally(period, key) for key in drivers])
            for period in board.balance.periods
        ],
        "drivers": drivers,
        "change_rows": [
            {"label": drivers.get(now.driver, now.driver), "now": now, "before": before}
            for now, before in zip(board.changes.factors, board.changes.factors_before, strict=False)
        ],
        "phase": phase_label(board.standing.phase) if board.standing.phase else "",
        "phase_before": phase_label(board.changes.phase_before) if board.changes.phase_before else "",
        "trend": trend_label(board.standing.trend),
        "degree": degree_label(board.degree),
    }
