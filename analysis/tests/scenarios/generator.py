"""A second scenario generator, independent of the demo's texts and proportions (issue 12).

`scenario(seed, ...)` writes a dataset in the JSON import format (docs/json-format.md) for 14 sites
whose planted degree shows only through ordinary recorded data: the promoter share of the
statements, how trial actions are followed up, the pace of the phases, team turnover (leavers are
replaced), site assessments. `Proportions` per degree can be moved to build a family of scenarios;
`to_input` turns a dataset into the analysis's plain records without a database, for quick sweeps.
The planted degrees are returned beside the dataset, never inside it.
"""

import dataclasses
import datetime
import random
from dataclasses import dataclass

from analysis.computations.records import (
    PHASES,
    AnalysisInput,
    AssessmentRecord,
    CodeRecord,
    FactorRecord,
    SiteRecord,
    TeamMemberRecord,
    TrialActionRecord,
    VisitRecord,
)
from analysis.tests.scenarios.texts import SECTION_OPENINGS, STATEMENTS, TRIAL_AIMS

D = datetime.date
DRIVER_WEIGHTS = {"competence": 0.4, "organisation": 0.35, "leadership": 0.25}
VISIT_DATES = [D(2018, 3, 12), D(2018, 6, 18), D(2018, 10, 22), D(2019, 2, 11), D(2019, 5, 27),
               D(2019, 10, 14), D(2020, 2, 3), D(2020, 6, 8)]  # fmt: skip
MECHANISMS = {
    "staff_selection": "competence",
    "training": "competence",
    "coaching": "competence",
    "decision_support_data": "organisation",
    "facilitative_administration": "organisation",
    "systems_intervention": "organisation",
    "technical_leadership": "leadership",
    "adaptive_leadership": "leadership",
}


@dataclass(frozen=True)
class Proportions:
    """What a degree looks like in recorded data (shares are probabilities per item)."""

    promoters: float
    done: float
    never_followed_up: float
    forward: float
    back: float
    manager_from_start: float
    leavers: tuple[int, int]
    democratic: float
    collaboration: float
    points: tuple[int, int]


PROPORTIONS = {
    "high": Proportions(0.8, 0.8, 0.05, 0.6, 0.03, 0.85, (0, 1), 0.75, 0.7, (5, 9)),
    "some": Proportions(0.5, 0.5, 0.15, 0.5, 0.12, 0.6, (1, 2), 0.45, 0.45, (3, 6)),
    "low": Proportions(0.2, 0.2, 0.35, 0.25, 0.3, 0.35, (2, 4), 0.2, 0.2, (0, 3)),
}
MIXES = [(4, 6, 4), (3, 7, 4), (4, 5, 5), (3, 6, 5)]


def contrasted(contrast: float) -> dict[str, Proportions]:
    """The default proportions pulled towards "some" (contrast < 1) or pushed apart (> 1)."""
    middle = PROPORTIONS["some"]
    result = {"some": middle}
    for degree in ("high", "low"):
        base = PROPORTIONS[degree]
        moved = {}
        for name in ("promoters", "done", "never_followed_up", "forward", "back", "manager_from_start",
                     "democratic", "collaboration"):  # fmt: skip
            value = getattr(middle, name) + contrast * (getattr(base, name) - getattr(middle, name))
            moved[name] = min(1.0, max(0.0, value))
        result[degree] = dataclasses.replace(base, **moved)
    return result


@dataclass
class Options:
    """How the data were recorded: `coded` share of statements coded to a driver and mechanism,
    `assessments` whether evaluators assessed the sites, `points_listed` chance an assessment lists
    the attention points worked with."""

    coded: float = 1.0
    assessments: bool = True
    points_listed: float = 0.8


def _phase_path(p: Proportions, visits: int, rng: random.Random) -> list[int]:
    path = [0]
    for _ in range(visits - 1):
        level, roll = path[-1], rng.random()
        if roll < p.forward and level < 3:
            level += 1
        elif roll > 1 - p.back and level > 0:
            level -= 1
        path.append(level)
    return path


class _Site:
    def __init__(self, index: int, degree: str, p: Proportions, options: Options, rng: random.Random):
        self.code = f"S{index + 1:02d}"
        self.degree, self.p, self.options, self.rng = degree, p, options, rng
        self.programme = "RP" if index >= 11 else "MG"

    def build(self) -> dict:
        rng, p = self.rng, self.p
        cancelled = set(
            rng.sample(range(1, 8), rng.choice([0, 1, 1, 2] if self.degree == "low" else [0, 0, 1]))
        )
        path = _phase_path(p, 8 - len(cancelled), rng)
        members = self._team()
        visits, held = [], []
        for n, day in enumerate(VISIT_DATES):
            ref = f"{self.code}/v{n + 1}"
            if n in cancelled:
                visits.append({"ref": ref, "planned_on": day.isoformat(), "status": "cancelled",
                               "cancel_reason": "Aflyst på grund af travlhed"})  # fmt: skip
                continue
            level = path[len(held)]
            held.append(ref)
            visits.append({
                "ref": ref, "planned_on": day.isoformat(), "held_on": day.isoformat(), "status": "held",
                "phase": PHASES[level], "consultant": "Konsulent Nord", "report": self._report(level, day),
            })  # fmt: skip
        site = {
            "code": self.code, "name": f"Opholdsstedet {self.code}", "programme": self.programme,
            "region": "midtjylland", "ownership": "self_owning", "places": rng.randint(8, 30),
            "permanent_staff": rng.randint(8, 60), "age_min": 12, "age_max": 18,
            "joined_on": "2018-01-15", "team_members": members, "visits": visits,
            "assignments": [{"consultant": "Konsulent Nord", "starts_on": "2018-01-15"}],
            "trial_actions": self._trials(held), "assessments": self._assessments(),
        }  # fmt: skip
        return site

    def _report(self, level: int, day: D) -> dict:
        rng, p = self.rng, self.p
        factors = []
        for _ in range(rng.randint(4, 9)):
            valence = "promoter" if rng.random() < p.promoters else "inhibitor"
            driver = rng.choices(list(DRIVER_WEIGHTS), weights=list(DRIVER_WEIGHTS.values()))[0]
            mechanism, statement = rng.choice(STATEMENTS[driver, valence])
            coded = rng.random() < self.options.coded
            factors.append({
                "valence": valence, "statement": statement, "theme": "promoters_inhibitors",
                "driver": driver if coded else None, "mechanism": mechanism if coded else None,
            })  # fmt: skip
        anchoring = int(min(5, max(1, round(1 + 1.1 * level + rng.gauss(0, 0.6)))))
        sections = dict(SECTION_OPENINGS)
        sections["promoters_inhibitors"] += " " + " ".join(f["statement"] for f in factors)
        validated = (day + datetime.timedelta(days=21)).isoformat()
        return {"status": "validated", "validated_on": validated, "anchoring": anchoring,
                "sections": sections, "factors": factors}  # fmt: skip

    def _team(self) -> list[dict]:
        rng, p = self.rng, self.p
        size = rng.randint(3, 8)
        roles = ["staff"] * size
        manager_late = rng.random() >= p.manager_from_start
        if not manager_late:
            roles[0] = "manager"
        rows = [{"role": role, "starts_on": D(2018, 1, 15), "ends_on": None} for role in roles]
        leavers = min(size - 1, rng.randint(*p.leavers))
        for row in rng.sample(rows[1:], leavers):
            row["ends_on"] = D(2018, 4, 1) + datetime.timedelta(days=rng.randint(0, 600))
            if rng.random() < 0.85:
                rows.append({"role": "staff", "starts_on": row["ends_on"] + datetime.timedelta(days=30),
                             "ends_on": None})  # fmt: skip
        if manager_late and rng.random() < 0.7:
            rows.append({"role": "manager", "starts_on": D(2019, 1, 7), "ends_on": None})
        return [
            {"ref": f"{self.code}/m{n + 1}", "name": f"Medlem {n + 1}", "role": row["role"],
             "is_lead": n == 0, "starts_on": row["starts_on"].isoformat(),
             "ends_on": row["ends_on"].isoformat() if row["ends_on"] else None}
            for n, row in enumerate(sorted(rows, key=lambda r: r["starts_on"]))
        ]  # fmt: skip

    def _trials(self, held: list[str]) -> list[dict]:
        rng, p = self.rng, self.p
        actions = []
        for index, ref in enumerate(held[:-1]):
            for _ in range(rng.choice([1, 2, 2, 3])):
                driver = rng.choice(list(TRIAL_AIMS))
                action = {"agreed_at": ref, "aim": rng.choice(TRIAL_AIMS[driver]), "driver": driver}
                if rng.random() >= p.never_followed_up:
                    action["followed_up_at"] = held[index + 1]
                    action["outcome"] = (
                        "done" if rng.random() < p.done else rng.choice(["partly", "not_done", "dropped"])
                    )
                actions.append(action)
        return actions

    def _assessments(self) -> list[dict]:
        if not self.options.assessments:
            return []
        rng, p = self.rng, self.p
        worked = sorted(rng.sample(range(1, 11), rng.randint(*p.points)))
        rows = []
        for day, points in ((D(2019, 6, 20), worked[: len(worked) // 2]), (D(2020, 6, 25), worked)):
            style = (
                "democratic"
                if rng.random() < p.democratic
                else rng.choice(["authoritarian", "laissez_faire"])
            )
            culture = (
                "collaboration"
                if rng.random() < p.collaboration
                else rng.choice(["control", "competition", "creative"])
            )
            listed = points if rng.random() < self.options.points_listed else []
            rows.append({"assessed_on": day.isoformat(), "leadership_style": style, "culture_type": culture,
                         "attention_points": listed})  # fmt: skip
        return rows


def scenario(
    seed: int, proportions: dict[str, Proportions] | None = None, options: Options | None = None
) -> tuple[dict, dict[str, str]]:
    """(dataset in the import format, planted degree per site code)."""
    rng = random.Random(seed)
    proportions = proportions or PROPORTIONS
    high, some, low = rng.choice(MIXES)
    degrees = ["high"] * high + ["some"] * some + ["low"] * low
    rng.shuffle(degrees)
    sites = [
        _Site(i, degree, proportions[degree], options or Options(), rng).build()
        for i, degree in enumerate(degrees)
    ]
    dataset = {
        "format": "drivkraft-dataset",
        "version": 1,
        "programmes": [
            {"code": "MG", "name": "Mentaliseringsguiden", "provider": "Center for Mentalisering",
             "training_months": 30},
            {"code": "RP", "name": "Robusthedsprogrammet", "provider": "Komitéen for Sundhedsoplysning",
             "training_months": 6},
        ],
        "consultants": [{"name": "Konsulent Nord"}],
        "sites": sites,
    }  # fmt: skip
    return dataset, {site["code"]: degree for site, degree in zip(sites, degrees, strict=True)}


def _day(text: str | None) -> D | None:
    return D.fromisoformat(text) if text else None


def to_input(dataset: dict) -> AnalysisInput:
    """The plain records the selectors would build after importing `dataset`."""
    data = AnalysisInput(sites=[], codes=_codes())
    ids: dict[str, int] = {}
    for site in dataset["sites"]:
        code = site["code"]
        data.sites.append(
            SiteRecord(code, site["name"], site["programme"], joined_on=_day(site["joined_on"]))
        )
        for member in site["team_members"]:
            data.team_members.append(TeamMemberRecord(
                code, member["role"], _day(member["starts_on"]), _day(member["ends_on"]), member["is_lead"]
            ))  # fmt: skip
        for visit in site["visits"]:
            ids[visit["ref"]] = visit_id = len(ids) + 1
            report = visit.get("report")
            data.visits.append(VisitRecord(
                visit_id, code, _day(visit["planned_on"]), _day(visit.get("held_on")), visit["status"],
                visit.get("phase") or "", None, visit_id if report else None,
                report.get("anchoring") if report else None,
            ))  # fmt: skip
            for factor in (report or {}).get("factors", []):
                data.factors.append(FactorRecord(
                    len(data.factors) + 1, code, factor["valence"], factor["statement"],
                    _day(visit["held_on"]), factor.get("driver") or "", factor.get("mechanism") or "",
                    factor.get("theme") or "", report_id=visit_id,
                ))  # fmt: skip
        held_on = {v["ref"]: _day(v.get("held_on")) for v in site["visits"]}
        for action in site["trial_actions"]:
            data.trial_actions.append(TrialActionRecord(
                len(data.trial_actions) + 1, code, held_on[action["agreed_at"]], action["aim"],
                action.get("driver") or "", held_on.get(action.get("followed_up_at")),
                action.get("outcome") or "", ids[action["agreed_at"]],
            ))  # fmt: skip
        for row in site["assessments"]:
            data.assessments.append(AssessmentRecord(
                code, _day(row["assessed_on"]), row["leadership_style"], row["culture_type"],
                tuple(row["attention_points"]),
            ))  # fmt: skip
    return data


def _codes() -> list[CodeRecord]:
    codes = [CodeRecord("driver", key, key) for key in DRIVER_WEIGHTS]
    codes += [CodeRecord("mechanism", key, key, parent) for key, parent in MECHANISMS.items()]
    return codes + [CodeRecord("attention_point", f"ap{n}", f"Punkt {n}", "", n) for n in range(1, 11)]
