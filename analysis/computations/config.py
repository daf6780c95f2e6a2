"""The analysis rules as data: the default table, and how a stored configuration overrides it.

Every number and keyword stem that decides a classification lives here, so the rule is
transparent and an evaluator can change it (analysis.models.DegreeRuleConfig holds the overrides,
docs/analysis.md explains each entry and the finding it comes from).
"""

import copy

from analysis.computations.phrase import Phrase

# The degree of goal-directed implementation (DESIGN.md 1: "Findings that the system must be able
# to reproduce"). Each criterion yields a value 0..1 (1 = favourable, 0.5 = as much for as against)
# or is missing; the degree is the weighted mean of the values present. Ramps map a measure linearly
# from `low` (0) to `high` (1); for shares of promoters they run from 1:2 to 2:1 (1/3 to 2/3), so a
# balanced site scores 0.5. The thresholds follow from that scale, not from a dataset: "high" needs
# the criteria clearly favourable on average (two thirds of the way, as a 2:1 balance is), "low"
# clearly unfavourable (below one third); "some" is the middle. docs/analysis.md derives each entry
# and shows how recovery moves on scenarios with other proportions. Criteria with weight 0 are shown
# but not scored. Text criteria read coded statements only (codebook slices), never their words.
THIRD = 1 / 3
TWO_THIRDS = 2 / 3
DEFAULT_DEGREE_RULE: dict = {
    "thresholds": {"high": TWO_THIRDS, "low": THIRD},
    "min_criteria": 3,
    "provisional": {"min_reports": 3, "max_missing_share": 0.25, "margin": 0.03},
    "criteria": {
        "team_with_management": {
            "group": "team",
            "weight": 1.0,
            "roles": ["manager", "department_manager"],
            "finding": Phrase(
                "Et velfungerende implementeringsteam med ledere og medarbejdere fra starten "
                "(myndighed og kyndighed), bakket op af ledelsen."
            ),
        },
        "team_persists": {
            "group": "team",
            "weight": 1.0,
            "max_turnover": 0.5,
            "finding": Phrase(
                "Et team, der holder fokus over tid (opmærksomhedspunkt 5 og 10); udskiftning i "
                "teamet hæmmede implementeringen, også når de, der gik, blev erstattet."
            ),
        },
        "collaboration_culture": {
            "group": "conditions",
            "weight": 1.0,
            "favourable": ["collaboration"],
            "finding": Phrase(
                "En samarbejdsorienteret kultur (konkurrerende værdier); kontrol-, regel- og "
                "konkurrencekulturer hæmmede."
            ),
        },
        "democratic_leadership": {
            "group": "conditions",
            "weight": 1.0,
            "favourable": ["democratic"],
            "finding": Phrase(
                "En demokratisk ledelsesstil bygget på dialog og indflydelse "
                "(opmærksomhedspunkt 8); autoritær og laissez-faire ledelse hæmmede."
            ),
        },
        "phase_progress": {
            "group": "phases",
            "weight": 1.0,
            "finding": Phrase(
                "Målrettede steder kom tidligt videre gennem faserne og nåede tilpasning og "
                "forankring; de øvrige blev længe i forberedelse og forudsætningsanalyse."
            ),
        },
        "steady_progress": {
            "group": "phases",
            "weight": 1.0,
            "stall_visits": 3,
            "recovery_visits": 2,
            "recovered_weight": 0.5,
            "zero_rate": 0.5,
            "finding": Phrase(
                "Tilbagefald sker og er forventede; målrettede steder kom over dem og holdt "
                "fokus (opmærksomhedspunkt 10), de øvrige gik i stå eller faldt tilbage."
            ),
        },
        "anchoring": {
            "group": "phases",
            "weight": 0.5,
            "low": 2.0,
            "high": 4.0,
            "finding": Phrase(
                "Forankring: programmet skrives ind i dagligdagen, planer og dokumentation "
                "(opmærksomhedspunkt 7)."
            ),
        },
        "trial_follow_through": {
            "group": "trial_actions",
            "weight": 1.0,
            "low": 0.0,
            "high": 1.0,
            "finding": Phrase(
                "Prøvehandlinger aftales, følges op og gennemføres (praksisfortællinger og "
                "prøvehandlinger i kapacitetsopbygningen)."
            ),
        },
        "promoter_share": {
            "group": "statements",
            "weight": 1.0,
            "low": THIRD,
            "high": TWO_THIRDS,
            "finding": Phrase(
                "Fremmere vejer tungere end hæmmere hos de steder, der arbejdede mest målrettet."
            ),
        },
        "driver_balance": {
            "group": "statements",
            "weight": 1.0,
            "low": THIRD,
            "high": TWO_THIRDS,
            "finding": Phrase(
                "De grundigste steder havde flere fremmere end hæmmere i hver af de tre drivere."
            ),
        },
        "attention_points": {
            "group": "conditions",
            "weight": 1.0,
            "low": 2,
            "high": 8,
            "finding": Phrase(
                "De ti opmærksomhedspunkter samler evalueringens råd; jo flere et sted har "
                "arbejdet med, jo mere målrettet."
            ),
        },
        "management_backing": {
            "group": "statements",
            "weight": 0.0,
            "drivers": ["leadership"],
            "low": THIRD,
            "high": TWO_THIRDS,
            "finding": Phrase(
                "Ledelsens opbakning (ledelsesdriveren overvejende fremmende); indgår i "
                "driver_balance og vægter derfor 0 her."
            ),
        },
        "all_staff": {
            "group": "statements",
            "weight": 0.0,
            "mechanisms": ["training", "staff_selection"],
            "low": THIRD,
            "high": TWO_THIRDS,
            "finding": Phrase(
                "Alle medarbejdere deltager; et 'A-hold og B-hold' hæmmede. Kodebogen har ingen "
                "kode for det; udsagn kodet til uddannelse og rekruttering vises til orientering."
            ),
        },
        "compatible_practice": {
            "group": "conditions",
            "weight": 0.0,
            "attention_points": [3],
            "low": THIRD,
            "high": TWO_THIRDS,
            "finding": Phrase(
                "En praksis, der i forvejen er forenelig med programmet. Kodebogen har ingen kode "
                "for det; passager kodet til opmærksomhedspunkt 3 vises til orientering."
            ),
        },
        "clear_goals": {
            "group": "conditions",
            "weight": 0.0,
            "attention_points": [4],
            "low": THIRD,
            "high": TWO_THIRDS,
            "finding": Phrase(
                "Klare mål fra starten (opmærksomhedspunkt 4); passager kodet til punktet tælles "
                "allerede i attention_points og vises her til orientering."
            ),
        },
    },
}

# CFIR-style rating of a matrix cell (site × driver or mechanism).
DEFAULT_MATRIX_RULE: dict = {
    "strong_share": 0.75,
    "weak_share": 0.6,
    "strong_min_sources": 2,
    "distinguish_strong": 2.0,
    "distinguish_weak": 1.0,
}

# NIRN DBPA-style capacity per site × period × mechanism, from the promoter share of its statements.
DEFAULT_CAPACITY_RULE: dict = {"in_place": 0.67, "partly": 0.34, "min_statements": 1}

# Programmes with fewer sites than this get the `few_sites` notice; correlations need this many points.
DEFAULT_COMPARISON_RULE: dict = {"few_sites": 5, "min_points": 5, "pressure_window_days": 182}

# Phase activities (DESIGN.md 1b) and the documented evidence for each: keyword stems in factor
# statements, trial-action aims and coded passages, attention points worked with, team rows or
# trial-action outcomes.
DEFAULT_PHASE_ACTIVITIES: dict = {
    "preparation": {
        "team_appointed": {
            "label": Phrase("Implementeringsteam nedsat med ledere og medarbejdere"),
            "team": True,
        },
        "goals_clarified": {
            "label": Phrase("Mål afklaret og delt mellem ledelse og medarbejdere"),
            "stems": ["klare mål", "målene er afklaret", "fælles mål", "målsætning", "målene"],
            "valence": "promoter",
            "attention_points": [4],
        },
        "staff_informed": {
            "label": Phrase("Medarbejdere informeret og inddraget i beslutningen"),
            "stems": ["informeret", "inddraget", "alle medarbejdere", "hele personalegruppen"],
            "valence": "promoter",
        },
        "training_planned": {
            "label": Phrase("Uddannelse planlagt"),
            "stems": ["uddannelse", "undervisning", "kursus", "kurser", "undervisningsdag"],
            "mechanisms": ["training"],
        },
    },
    "prerequisite_analysis": {
        "compatibility_examined": {
            "label": Phrase("Foreneligheden med eksisterende praksis undersøgt"),
            "stems": ["forenelig", "passer med", "passer til", "vores praksis", "eksisterende praksis"],
        },
        "resources_weighed": {
            "label": Phrase("Tid og ressourcer overvejet"),
            "stems": ["tid til", "tiden", "ressource", "økonomi", "timer", "travl", "drift"],
        },
        "factors_named": {"label": Phrase("Fremmere og hæmmere navngivet"), "both_valences": True},
        "support_areas": {
            "label": Phrase("Områder med behov for støtte identificeret"),
            "trial_actions": "agreed",
        },
    },
    "capacity_building": {
        "staff_trained": {
            "label": Phrase("Relevante medarbejdere uddannet og givet tid til erfaring"),
            "mechanisms": ["training"],
            "valence": "promoter",
        },
        "plan_new_staff": {
            "label": Phrase("Plan for nye medarbejdere og vikarer"),
            "stems": ["nye medarbejdere", "nyansatte", "vikar", "introduktion"],
            "attention_points": [2],
        },
        "tools_visible": {
            "label": Phrase("Redskaber og modeller gjort synlige"),
            "stems": ["lamine", "synlig", "tavle", "plakat", "indrammet", "hænger på"],
        },
        "elements_in_order": {
            "label": Phrase("Et eller få programelementer ad gangen i en valgt rækkefølge"),
            "stems": [
                "rækkefølge",
                "ad gangen",
                "følelseskompas",
                "storm",
                "åbent sind",
                "interventionsspekt",
                "tankebobl",
                "redskab",
            ],
        },
        "practice_stories_trials": {
            "label": Phrase("Praksisfortællinger og prøvehandlinger"),
            "trial_actions": "followed_up",
            "stems": ["praksisfortælling"],
        },
        "supervision": {
            "label": Phrase("Supervision"),
            "mechanisms": ["coaching"],
            "valence": "promoter",
            "attention_points": [1],
        },
    },
    "adaptation_anchoring": {
        "written_into_documentation": {
            "label": Phrase("Skrevet ind i behandlingsplaner, journaler, logbøger og statusrapporter"),
            "stems": ["behandlingsplan", "journal", "logbog", "statusrapport", "dokumentation"],
            "attention_points": [7],
        },
        "daily_language": {
            "label": Phrase("Programmets sprog bruges dagligt"),
            "stems": ["fælles sprog", "sproget", "dagligdagen", "hverdagen"],
            "valence": "promoter",
        },
        "introduction_course": {
            "label": Phrase("Introduktionskursus for nye medarbejdere"),
            "stems": ["introduktionskursus", "introforløb", "intern oplæring", "internt kursus"],
            "attention_points": [2],
        },
        "continued_supervision": {
            "label": Phrase("Fortsat supervision"),
            "mechanisms": ["coaching"],
            "valence": "promoter",
            "late": True,
        },
        "children_parents_involved": {
            "label": Phrase("Børn, unge og forældre inddraget"),
            "stems": ["forældre", "børnene", "de unge", "sagsbehandler", "forældreaften"],
            "attention_points": [6],
        },
        "own_model": {
            "label": Phrase("Programmet oversat til stedets egen model"),
            "stems": ["egen model", "vores egen", "egen version", "vores model"],
        },
    },
}

DEFAULT_CONFIG: dict = {
    "degree": DEFAULT_DEGREE_RULE,
    "matrix": DEFAULT_MATRIX_RULE,
    "capacity": DEFAULT_CAPACITY_RULE,
    "comparison": DEFAULT_COMPARISON_RULE,
    "phase_activities": DEFAULT_PHASE_ACTIVITIES,
}


def _merge(base, override, path: str):
    if isinstance(base, dict):
        if not isinstance(override, dict):
            raise ValueError(f"{path or 'configuration'}: expected an object")
        merged = dict(base)
        for key, value in override.items():
            if key not in base:
                raise ValueError(f"{path}.{key}: unknown setting" if path else f"{key}: unknown setting")
            merged[key] = _merge(base[key], value, f"{path}.{key}" if path else key)
        return merged
    if isinstance(base, bool):
        if not isinstance(override, bool):
            raise ValueError(f"{path}: expected true or false")
        return override
    if isinstance(base, int | float):
        if isinstance(override, bool) or not isinstance(override, int | float):
            raise ValueError(f"{path}: expected a number")
        if override < 0:
            raise ValueError(f"{path}: must not be negative")
        return override
    if isinstance(base, list):
        if not isinstance(override, list) or not all(isinstance(item, str | int) for item in override):
            raise ValueError(f"{path}: expected a list")
        return list(override)
    if not isinstance(override, str):
        raise ValueError(f"{path}: expected text")
    return override


def resolve_config(overrides: dict | None = None) -> dict:
    """The default configuration with `overrides` merged in; ValueError names a bad entry."""
    config = copy.deepcopy(DEFAULT_CONFIG)
    if not overrides:
        return config
    merged = _merge(config, overrides, "")
    thresholds = merged["degree"]["thresholds"]
    if not 0 <= thresholds["low"] < thresholds["high"] <= 1:
        raise ValueError("degree.thresholds: need 0 <= low < high <= 1")
    return merged
