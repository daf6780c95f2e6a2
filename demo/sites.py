"""Building one fictional site with everything recorded about it, as unsaved model instances.

The site's hidden profile (demo.profile) decides what is recorded; nothing else carries
it. The loader saves the instances in bulk.
"""

import datetime
import math
import random
from dataclasses import dataclass

from demo.common import PANDEMIC_START, Bundle, Context, D, random_day
from demo.compose import SignalPicker
from demo.profile import (
    ATTENTION_POINTS,
    RP_CANCEL_AUTUMN_2019_SLOT,
    RP_CANCEL_SPRING_2020_SLOT,
    Profile,
    Slot,
)
from demo.reports import ReportWriting
from demo.texts import names
from demo.texts import report as T
from fieldwork.models import (
    ExternalEvent,
    Score,
    SiteAssessment,
    Visit,
)
from registry.models import ConsultantAssignment, Department, Site, TeamMember, VisitPlan

LEFT_ON = D(2019, 12, 31)
RP_OLD_CONSULTANT_ENDS = D(2019, 8, 31)
RP_NEW_CONSULTANT_STARTS = D(2019, 10, 1)
MG_SWITCH_OLD_ENDS = D(2020, 3, 31)
MG_SWITCH_NEW_STARTS = D(2020, 4, 1)
# Windows for the planned date of visit k (3 in 2018, 3 in 2019, 2 in 2020).
VISIT_WINDOWS = [
    (D(2018, 2, 5), D(2018, 3, 20)),
    (D(2018, 5, 2), D(2018, 6, 15)),
    (D(2018, 9, 17), D(2018, 11, 16)),
    (D(2019, 1, 14), D(2019, 3, 8)),
    (D(2019, 4, 1), D(2019, 6, 14)),
    (D(2019, 10, 7), D(2019, 11, 22)),
    (D(2020, 1, 13), D(2020, 2, 28)),
    (D(2020, 4, 14), D(2020, 5, 4)),
]
PLAN = {2018: 3, 2019: 3, 2020: 2}
EVENT_CHANCE = {"high": 0.25, "some": 0.45, "low": 0.7}
TARGET_GROUPS_MG = [
    "Børn og unge med omsorgssvigt og tilknytningsvanskeligheder; længerevarende anbringelser.",
    "Unge med udadreagerende adfærd og skolevægring.",
    "Børn med traumer og svære relationelle vanskeligheder, ofte med psykiatriske diagnoser.",
    "Unge med angst, selvskade og lavt selvværd.",
    "Søskendegrupper og børn, der har brug for et familielignende miljø.",
]
TARGET_GROUPS_RP = [
    "Børn med sociale og følelsesmæssige vanskeligheder.",
    "Børn og unge med uro, koncentrationsbesvær og konflikter i samspillet med andre.",
]
TARGET_GROUP_LEAVING = (
    "Unge med misbrug; en ældre målgruppe (15-23 år) i korte behandlingsophold på typisk tre til seks "
    "måneder."
)
LEFT_REASON = (
    "Behandlingscentret lukkede sin ungeafdeling og har ikke længere unge i programmets målgruppe; "
    "udtrådt ved årsskiftet 2019/2020."
)
NEW_CONSULTANT_REASON = "Stedet bad i foråret 2020 om en ny konsulent for at få et frisk blik på processen."
RP_CHANGE_REASON = "Den tidligere konsulent skiftede job; konsulentskiftet berørte alle steder på RP."


@dataclass
class Member:
    row: TeamMember
    first: str


class SiteBuilder(ReportWriting):
    """Everything recorded about one site, following its profile."""

    def __init__(
        self,
        *,
        ctx: Context,
        slot: Slot,
        profile: Profile,
        code: str,
        index: int,
        consultants: list,
        rng: random.Random,
        bundle: Bundle,
    ):
        self.ctx = ctx
        self.slot = slot
        self.profile = profile
        self.code = code
        self.index = index
        self.consultants = consultants
        self.rng = rng
        self.bundle = bundle
        self.picker = SignalPicker(rng)

    # --- registry -------------------------------------------------------------------------------
    def build(self) -> Site:
        self._site()
        self._departments()
        for year, count in PLAN.items():
            self.bundle.add("visit_plan", VisitPlan(site=self.site, year=year, planned_visits=count))
        self._assignments()
        self._team()
        self._events()
        self._visits()
        self._voice()
        self._fieldwork()
        self._assessments()
        self._scores()
        return self.site

    def _site(self) -> None:
        rng, slot = self.rng, self.slot
        base = names.SITE_NAMES[self.index % len(names.SITE_NAMES)]
        round_ = self.index // len(names.SITE_NAMES)
        self.short_name = base if round_ == 0 else f"{base} {round_ + 1}"
        if slot.leaves:
            kind = names.RP_LEAVING_KIND
        else:
            kind = rng.choice(names.SITE_KINDS_MG if slot.programme == "MG" else names.SITE_KINDS_RP)
        mg = slot.programme == "MG"
        places = slot.places or (rng.randint(10, 37) if mg else rng.randint(17, 25))
        if slot.staff:
            staff = slot.staff
        elif mg:
            staff = min(79, max(7, round(places * 1.9 + rng.randint(-8, 8))))
        else:
            staff = min(34, max(13, round(places * 1.2 + rng.randint(-4, 4))))
        if slot.leaves:
            ages, group = (15, 23), TARGET_GROUP_LEAVING
        elif mg:
            ages = rng.choice([(6, 14), (10, 17), (12, 18), (13, 18), (14, 18), (12, 23), (8, 18)])
            group = rng.choice(TARGET_GROUPS_MG)
        else:
            ages, group = rng.choice([(6, 13), (8, 15), (10, 17)]), rng.choice(TARGET_GROUPS_RP)
        if slot.municipal:
            ownership = "municipal"
        else:
            ownership = rng.choice(["self_owning", "self_owning", "private"])
        self.region = rng.choice(list(names.TOWNS))
        self.site = self.bundle.add(
            "site",
            Site(
                code=self.code,
                name=f"{kind} {self.short_name} (fiktivt)",
                programme=self.ctx.programmes[slot.programme],
                region=self.region,
                ownership=ownership,
                places=places,
                permanent_staff=staff,
                age_min=ages[0],
                age_max=ages[1],
                internal_school=not slot.leaves and rng.random() < (0.4 if mg else 0.2),
                target_group_notes=group,
                joined_on=random_day(rng, D(2018, 1, 2), D(2018, 1, 31)),
                left_on=LEFT_ON if slot.leaves else None,
                left_reason=LEFT_REASON if slot.leaves else "",
                is_fictional=True,
            ),
        )

    def _departments(self) -> None:
        rng = self.rng
        count = rng.choices([1, 2, 3], weights=[50, 32, 18] if self.site.places >= 14 else [80, 20, 0])[0]
        labels = ["Hovedhuset", *rng.sample(names.DEPARTMENT_NAMES[1:], count - 1)]
        town = rng.choice(names.TOWNS[self.region])
        self.separate_address = False
        self.departments = []
        for number, label in enumerate(labels):
            separate = number > 0 and rng.random() < 0.6
            self.separate_address |= separate
            if number == 0 or separate:
                town_here = town if number == 0 else rng.choice(names.TOWNS[self.region])
                address = f"{rng.choice(names.STREETS)} {rng.randint(1, 140)}, {town_here}"
            else:
                address = ""
            self.departments.append(label)
            self.bundle.add(
                "department",
                Department(site=self.site, name=label, address=address, separate_address=separate),
            )

    def _assignments(self) -> None:
        """Who consults the site when: RP sites change once (autumn 2019), two MG sites in spring 2020."""
        a, b, c, rp_old, rp_new, mg_new = self.consultants
        start = self.site.joined_on
        periods = []
        if self.slot.programme == "RP":
            end_new = LEFT_ON if self.slot.leaves else None
            periods = [
                (rp_old, start, RP_OLD_CONSULTANT_ENDS, ""),
                (rp_new, RP_NEW_CONSULTANT_STARTS, end_new, RP_CHANGE_REASON),
            ]
        else:
            first = a if self.slot.slot < 4 else b if self.slot.slot < 8 else c
            if self.slot.asks_new_consultant:
                periods = [
                    (first, start, MG_SWITCH_OLD_ENDS, ""),
                    (mg_new, MG_SWITCH_NEW_STARTS, None, NEW_CONSULTANT_REASON),
                ]
            else:
                periods = [(first, start, None, "")]
        self.periods = periods
        for consultant, begins, ends, reason in periods:
            self.bundle.add(
                "assignment",
                ConsultantAssignment(
                    site=self.site, consultant=consultant, starts_on=begins, ends_on=ends, reason=reason
                ),
            )

    def consultant_on(self, day: datetime.date):
        for consultant, begins, ends, _reason in self.periods:
            if begins <= day and (ends is None or day <= ends):
                return consultant
        return self.periods[-1][0]

    def _team(self) -> None:
        """Team rows over time: size, managers from the start or late, persisting or turning over."""
        rng, p, slot = self.rng, self.profile, self.slot
        mg = slot.programme == "MG"
        low, high = (4, 14) if mg else (2, 4)
        late_manager = not p.team_with_management and not slot.no_management
        if mg:
            total = 4 + round((self.site.places - 9) / 29 * 8) + rng.randint(0, 2)
        else:
            total = rng.randint(2, 4)
        if not p.team_persists:
            total = max(total, 4)
        if late_manager:
            total = max(total, 3)
        total = min(high, max(low, total))
        if p.team_persists:
            leavers = 1 if total >= 4 and rng.random() < 0.4 else 0
            replacements = leavers if leavers and total - late_manager - 1 >= 3 and rng.random() < 0.5 else 0
        else:
            leavers = math.ceil(total / 2)
            replacements = max(0, min(rng.randint(0, leavers), total - late_manager - leavers - 1))
        founding = total - late_manager - replacements
        if not p.team_persists:
            leavers = min(leavers, founding - 1)
        used: set[str] = set()
        joined = self.site.joined_on
        roles = ["staff"] * founding
        if p.team_with_management:
            roles[0] = "manager"
            extra = min(len(self.departments) - 1, founding - 3)
            for i in range(1, 1 + max(0, extra)):
                roles[i] = "department_manager"
        lead_index = next(i for i in range(founding - 1, -1, -1) if roles[i] == "staff" or i == 0)
        members: list[Member] = []
        for i, role in enumerate(roles):
            members.append(self._member(used, role, joined, None, lead=i == lead_index))
        candidates = [m for i, m in enumerate(members) if i != lead_index]
        if not p.team_persists:
            # Managers stay longer than staff where they can; most early leavers are staff.
            candidates.sort(key=lambda m: (m.row.role != "staff", rng.random()))
        else:
            rng.shuffle(candidates)
        last_early = D(2018, 11, 30) if slot.leaves else D(2019, 3, 31)
        for member in candidates[:leavers]:
            if p.team_persists:
                last_late = D(2019, 10, 31) if slot.leaves else D(2020, 2, 15)
                member.row.ends_on = random_day(rng, D(2019, 8, 1), last_late)
            else:
                member.row.ends_on = random_day(rng, D(2018, 4, 16), last_early)
        for leaver in candidates[:replacements]:
            starts = leaver.row.ends_on + datetime.timedelta(days=rng.randint(14, 60))
            members.append(self._member(used, "staff", starts, None))
        if late_manager:
            members.append(
                self._member(used, "manager", random_day(rng, D(2018, 11, 1), D(2019, 4, 30)), None)
            )
        if slot.leaves:
            members = [m for m in members if m.row.starts_on <= LEFT_ON]
            for member in members:
                if member.row.ends_on is None or member.row.ends_on > LEFT_ON:
                    member.row.ends_on = LEFT_ON
        self.members = members
        self.lead = members[lead_index]
        managers = [m for m in members if m.row.role != "staff"]
        self.manager_name = (
            f"{'forstander' if managers[0].row.role == 'manager' else 'afdelingsleder'} {managers[0].first}"
            if managers
            else f"forstander {rng.choice(names.STAFF_FIRST)}"
        )

    def _member(self, used: set, role: str, starts, ends, lead: bool = False) -> Member:
        while True:
            first, last = self.rng.choice(names.STAFF_FIRST), self.rng.choice(names.STAFF_LAST)
            if first not in used:
                used.add(first)
                break
        row = self.bundle.add(
            "team_member",
            TeamMember(
                site=self.site,
                name=f"{first} {last}",
                role=role,
                is_lead=lead,
                starts_on=starts,
                ends_on=ends,
            ),
        )
        return Member(row=row, first=first)

    def active_members(self, day: datetime.date) -> list[Member]:
        return [
            m
            for m in self.members
            if m.row.starts_on <= day and (m.row.ends_on is None or m.row.ends_on >= day)
        ]

    def _events(self) -> None:
        rng = self.rng
        self.events = [
            self.bundle.add(
                "event",
                ExternalEvent(
                    site=self.site,
                    kind="pandemic",
                    starts_on=PANDEMIC_START,
                    description="Covid-19: nedlukning fra 11. marts 2020 med aflyste aktiviteter, "
                    "besøgsrestriktioner og hjemsendelser.",
                ),
            )
        ]
        count = 0
        if rng.random() < EVENT_CHANCE[self.profile.degree]:
            count = 2 if self.profile.degree == "low" and rng.random() < 0.3 else 1
        weights = {
            "savings": 3 if self.site.ownership == "municipal" else 1,
            "supervision_case": 2,
            "reorganisation": 2,
            "dismissals": 1,
            "management_change": 2,
        }
        descriptions = {
            "savings": "Krav om besparelser på budgettet.",
            "supervision_case": "Tilsynssag fra Socialtilsynet.",
            "reorganisation": "Omorganisering af afdelingerne.",
            "dismissals": "Afskedigelser efter faldende belægning.",
            "management_change": "Ny forstander tiltræder.",
        }
        kinds = rng.sample(list(weights), count) if count else []
        for kind in kinds:
            starts = random_day(rng, D(2018, 6, 1), D(2019, 10, 31))
            self.events.append(
                self.bundle.add(
                    "event",
                    ExternalEvent(
                        site=self.site,
                        kind=kind,
                        starts_on=starts,
                        ends_on=starts + datetime.timedelta(days=rng.randint(90, 240)),
                        description=descriptions[kind],
                    ),
                )
            )

    def _visits(self) -> None:
        rng, slot = self.rng, self.slot
        self.held: list[Visit] = []
        for k, (first, last) in enumerate(VISIT_WINDOWS):
            if slot.leaves and k >= 6:
                continue
            planned = random_day(rng, first, last)
            if slot.programme == "RP" and k == 5 and slot.slot == RP_CANCEL_AUTUMN_2019_SLOT:
                planned = random_day(rng, D(2019, 9, 2), D(2019, 9, 27))
                self.bundle.add(
                    "visit",
                    Visit(
                        site=self.site,
                        planned_on=planned,
                        status="cancelled",
                        cancel_reason=T.CANCEL_REASONS["consultant_change"],
                    ),
                )
                continue
            if slot.programme == "RP" and k == 7 and slot.slot == RP_CANCEL_SPRING_2020_SLOT:
                self.bundle.add(
                    "visit",
                    Visit(
                        site=self.site,
                        planned_on=planned,
                        status="cancelled",
                        cancel_reason=T.CANCEL_REASONS["pandemic"],
                    ),
                )
                continue
            delay = rng.randint(14, 42) if k == 7 else rng.choice([0, 0, 0, 1, 2, 5, 7])
            held_on = planned + datetime.timedelta(days=delay)
            visit = self.bundle.add(
                "visit",
                Visit(
                    site=self.site,
                    planned_on=planned,
                    held_on=held_on,
                    status="held",
                    consultant=self.consultant_on(held_on),
                    other_participants="Afholdt som videomøde." if k == 7 else "",
                ),
            )
            visit.number = k
            active = self.active_members(held_on)
            chosen = [m for m in active if m is self.lead or rng.random() < 0.8] or active[:1]
            visit.present = chosen
            for member in chosen:
                self.bundle.add_row(
                    "visit_participant",
                    Visit.participants.through,
                    {"visit": visit, "teammember": member.row},
                )
            self.held.append(visit)

    # --- assessments and scores -----------------------------------------------------------------
    def _assessments(self) -> None:
        rng, p = self.rng, self.profile
        dates = [D(2019, 6, 14), D(2019, 11, 29) if self.slot.leaves else D(2020, 6, 12)]
        points = list(p.attention_points)
        first_share = rng.sample(points, round(len(points) * rng.uniform(0.4, 0.8))) if points else []
        for day, worked in zip(dates, (first_share, points), strict=True):
            notes = " ".join(
                [
                    T.ASSESSMENT_STYLE[p.leadership_style],
                    T.ASSESSMENT_CULTURE[p.culture],
                    rng.choice(T.ASSESSMENT_DEGREE[p.degree]),
                    "Fiktiv vurdering i demodata.",
                ]
            )
            assessment = self.bundle.add(
                "assessment",
                SiteAssessment(
                    site=self.site,
                    assessed_on=day,
                    leadership_style=p.leadership_style,
                    culture_type=p.culture,
                    notes=notes,
                    assessor=self.ctx.evaluator,
                ),
            )
            for point in sorted(worked, key=ATTENTION_POINTS.index):
                self.bundle.add_row(
                    "assessment_point",
                    SiteAssessment.attention_points_worked.through,
                    {"siteassessment": assessment, "code": self.ctx.codes["attention_point", point]},
                )

    def _scores(self) -> None:
        rng, degree = self.rng, self.profile.degree
        if rng.random() > 0.7:
            return
        centre = {"high": 78, "some": 60, "low": 42}[degree]
        periods = [(D(2019, 1, 1), D(2019, 12, 31))]
        if not self.slot.leaves:
            periods.append((D(2020, 1, 1), D(2020, 6, 30)))
        for number, (start, end) in enumerate(periods):
            fidelity = min(100.0, max(0.0, rng.gauss(centre + 4 * number, 6)))
            self.bundle.add(
                "score",
                Score(
                    site=self.site,
                    kind="fidelity",
                    instrument="Fiktiv troskabsskala (0-100)",
                    period_start=start,
                    period_end=end,
                    value=round(fidelity, 1),
                ),
            )
        outcome = min(100.0, max(0.0, rng.gauss(40 + 0.35 * centre, 7)))
        start, end = periods[-1]
        self.bundle.add(
            "score",
            Score(
                site=self.site,
                kind="outcome",
                instrument="Fiktivt trivselsmål for de unge (0-100)",
                period_start=start,
                period_end=end,
                value=round(outcome, 1),
            ),
        )
