"""Writing a site's implementation reports: the six themes, promoters and inhibitors, trial
actions, phases, anchoring and the evaluator's coded passages — all following the hidden profile."""

import math
from dataclasses import dataclass
from functools import partial

from coding.models import CodedPassage
from demo.common import PANDEMIC_START, danish_date
from demo.compose import Codes, Section, Sentence, Voice, not_again
from demo.profile import PHASES, anchoring_ratings, phase_trajectory
from demo.texts import (
    ATTENTION_POINT_SIGNALS,
    ATTRIBUTE_SIGNALS,
    BACKING_SIGNALS,
    CULTURE_SIGNALS,
    EVENT_SIGNALS,
    GENERAL_SIGNALS,
    SIGNALS,
    STYLE_SIGNALS,
    names,
)
from demo.texts import report as T
from fieldwork.models import Factor, ImplementationReport, ReportSection, TrialAction, Visit

PHASE_CODES = {
    "preparation": ("organisation", "facilitative_administration"),
    "prerequisite_analysis": ("organisation", "decision_support_data"),
    "capacity_building": ("competence", "training"),
    "adaptation_anchoring": ("organisation", "decision_support_data"),
}
TRIAL_OUTCOMES = {
    "high": ({"done": 70, "partly": 20, "not_done": 7, "dropped": 3}, 0.03),
    "some": ({"done": 35, "partly": 35, "not_done": 20, "dropped": 10}, 0.12),
    "low": ({"done": 10, "partly": 22, "not_done": 40, "dropped": 28}, 0.35),
}
GENERAL_TREND = {"high": 1.3, "some": 0.4, "low": -0.2}


@dataclass
class PlannedFactor:
    key: str | None
    valence: str | None
    flexible: bool = False


class ReportWriting:
    """The fieldwork half of SiteBuilder (which supplies the site, team, visits and profile)."""

    # --- fieldwork ------------------------------------------------------------------------------
    def _voice(self) -> None:
        programme = self.ctx.programmes[self.slot.programme]
        elements = self.ctx.elements[self.slot.programme]
        tools = elements if self.slot.programme == "MG" else ["tankeboblerne", "robusthedsøvelserne"]
        self.tool_choices = tools
        self.youth = self.rng.sample(names.YOUTH_NAMES, 6)
        self.voice = Voice(
            self.rng,
            fixed={
                "site": self.short_name,
                "programme": programme.name,
                "provider": programme.provider,
                "manager": self.manager_name,
                "lead": self.lead.first,
                "dept": self.rng.choice(self.departments[1:] or self.departments),
                "tool": self.rng.choice(tools),
            },
            staff=[m.first for m in self.members if m is not self.lead] or [self.lead.first],
            youth=self.youth,
            elements=elements,
        )

    def _fieldwork(self) -> None:
        n = len(self.held)
        self.phases = phase_trajectory(self.profile.degree, n, self.rng)
        self.ratings = anchoring_ratings(self.profile.degree, n, self.rng)
        plans = self._plan_factors()
        self._open_trials: list[tuple[dict, str]] = []
        for i, visit in enumerate(self.held):
            self._report(i, visit, plans[i])

    def _plan_factors(self) -> list[list[PlannedFactor]]:
        """Which promoters and inhibitors each report names; flexible ones get their valence so that
        the site's promoter share lands on its profile's target."""
        rng, p = self.rng, self.profile
        n = len(self.held)
        plans: list[list[PlannedFactor]] = []
        reported_events = set()
        for i, visit in enumerate(self.held):
            plan: list[PlannedFactor] = []
            attribute = partial(self._attribute, plan)

            if i == 0:
                attribute("clear_goals", p.clear_goals, noisy=False, which=0)
            if i == 1:
                attribute("clear_goals", p.clear_goals, noisy=False, which=1)
                if rng.random() < 0.4:
                    attribute("clear_goals", p.clear_goals, noisy=False, which=0)
            manager_in_team = any(
                m.row.role != "staff" and m.row.starts_on <= visit.held_on for m in self.members
            )
            if i == 0 or (i == 1 and rng.random() < 0.4) or (not manager_in_team and rng.random() < 0.3):
                attribute("team_with_management", p.team_with_management and manager_in_team, noisy=False)
            if i >= 2 and rng.random() < (0.45 if p.team_persists else 0.6):
                attribute("team_persists", p.team_persists)
            if rng.random() < 0.55:
                attribute("all_staff", p.all_staff, noisy=i >= 2)
            if rng.random() < (0.75 if i <= 1 else 0.5 if i == 2 else 0.15):
                attribute("compatible_practice", p.compatible_practice, noisy=i >= 2)
            if rng.random() < 0.4:
                style = p.leadership_style
                if rng.random() < 0.1:
                    style = (
                        "democratic"
                        if style != "democratic"
                        else rng.choice(["authoritarian", "laissez_faire"])
                    )
                plan.append(PlannedFactor(STYLE_SIGNALS[style], None))
            if rng.random() < 0.4:
                culture = p.culture
                if rng.random() < 0.1:
                    culture = "collaboration" if culture != "collaboration" else "control"
                plan.append(PlannedFactor(CULTURE_SIGNALS[culture], None))
            for _ in range(1 + (rng.random() < 0.3)):
                backing = p.management_backing if rng.random() >= 0.15 else not p.management_backing
                pool = [k for k in BACKING_SIGNALS[backing] if self._fits(k)]
                plan.append(PlannedFactor(rng.choice(pool), None))
            previous = self.held[i - 1].held_on if i else self.site.joined_on
            for event in self.events:
                if event.kind == "pandemic":
                    if visit.held_on >= PANDEMIC_START:
                        plan.append(PlannedFactor("pandemic", "inhibitor"))
                        if (p.management_backing or p.degree == "high") and rng.random() < 0.7:
                            plan.append(PlannedFactor("pandemic_adaptive", "promoter"))
                    continue
                recent = previous <= event.starts_on <= visit.held_on
                lingering = event.kind in reported_events and event.ends_on >= previous and rng.random() < 0.5
                if recent or lingering:
                    reported_events.add(event.kind)
                    plan.append(PlannedFactor(EVENT_SIGNALS[event.kind], "inhibitor"))
            for _ in range(rng.randint(2, 4)):
                plan.append(PlannedFactor(None, None, flexible=True))
            for item in plan:
                if item.key and item.valence is None:
                    item.valence = SIGNALS[item.key]["valence"]
            plans.append(plan)
        self._balance(plans, n)
        self._cover_attention_points(plans)
        return plans

    def _attribute(
        self, plan: list, name: str, value: bool, noisy: bool = True, which: int | None = None
    ) -> None:
        """A promoter or inhibitor about one profile attribute (flipped now and then as noise)."""
        if noisy and self.rng.random() < 0.1:
            value = not value
        options = ATTRIBUTE_SIGNALS[name][value]
        key = options[which] if which is not None else self.rng.choice(options)
        plan.append(PlannedFactor(key, SIGNALS[key]["valence"]))

    def _fits(self, key: str) -> bool:
        signal = SIGNALS[key]
        if "programmes" in signal and self.slot.programme not in signal["programmes"]:
            return False
        if signal.get("needs_separate_addresses") and not self.separate_address:
            return False
        if key == "market_pressure" and self.site.ownership == "municipal":
            return False
        return True

    def _balance(self, plans: list[list[PlannedFactor]], n: int) -> None:
        rng, p = self.rng, self.profile
        flexible = [(i, item) for i, plan in enumerate(plans) for item in plan if item.flexible]
        fixed = [item for plan in plans for item in plan if not item.flexible]
        total = len(fixed) + len(flexible)
        wanted = round(p.promoter_share * total) - sum(item.valence == "promoter" for item in fixed)
        wanted = min(len(flexible), max(0, wanted))
        trend = GENERAL_TREND[p.degree]
        keyed = sorted(
            flexible,
            key=lambda pair: rng.random() ** (1 / math.exp(trend * pair[0] / max(1, n - 1))),
            reverse=True,
        )
        for rank, (_i, item) in enumerate(keyed):
            item.valence = "promoter" if rank < wanted else "inhibitor"
        worked = set(p.attention_points)
        for plan in plans:
            taken = {item.key for item in plan if item.key}
            for item in plan:
                if not item.flexible:
                    continue
                pool = [k for k in GENERAL_SIGNALS[item.valence] if self._fits(k) and k not in taken]
                weights = [3 if SIGNALS[k].get("attention_point") in worked else 1 for k in pool]
                item.key = rng.choices(pool, weights=weights)[0]
                taken.add(item.key)

    def _cover_attention_points(self, plans: list[list[PlannedFactor]]) -> None:
        """Every attention point the site works with shows in at least one promoter."""
        rng = self.rng
        shown = {
            SIGNALS[item.key].get("attention_point")
            for plan in plans
            for item in plan
            if item.valence == "promoter"
        }
        for point in self.profile.attention_points:
            if point in shown:
                continue
            pool = [k for k in ATTENTION_POINT_SIGNALS[point] if self._fits(k)]
            later = list(range(2, len(plans))) or list(range(len(plans)))
            plans[rng.choice(later)].append(PlannedFactor(rng.choice(pool), "promoter"))

    def _report(self, i: int, visit: Visit, plan: list[PlannedFactor]) -> None:
        rng = self.rng
        self.picker.start_report()
        n = len(self.held)
        visit.phase = self.phases[i]
        nxt = self.held[i + 1] if i + 1 < n else None
        author = visit.consultant.user if visit.consultant else None
        report = self.bundle.add(
            "report",
            ImplementationReport(
                visit=visit,
                introduction=f"Implementeringsrapport efter besøg {i + 1} på {self.site.name}. "
                "Fiktive demodata skrevet til Drivkraft.",
                anchoring=self.ratings[i],
                status="validated" if nxt else "draft",
                validated_on=nxt.held_on if nxt else None,
                author=author,
            ),
        )
        sections = {
            theme: Section(theme)
            for theme in (
                "promoters_inhibitors",
                "organisation_culture",
                "implementation_process",
                "implementation_team",
                "leadership",
                "anchoring",
            )
        }
        pi = sections["promoters_inhibitors"]
        present = ", ".join(m.first for m in visit.present[:-1])
        participants = f"{present} og {visit.present[-1].first}" if present else visit.present[-1].first
        openings = T.OPENINGS_ONLINE if visit.other_participants else T.OPENINGS
        pi.add(
            Sentence(
                self.voice.fill(
                    rng.choice(openings), date=danish_date(visit.held_on), participants=participants
                )
            )
        )
        if i == 0:
            pi.add(Sentence(self.voice.fill(rng.choice(T.FIRST_VISIT))))
        self._follow_up(pi, visit)
        pi.new_paragraph()
        for item in plan:
            self._factor(report, sections[SIGNALS[item.key]["theme"]], item)
        for theme, section in sections.items():
            if theme != "promoters_inhibitors" and rng.random() < 0.55:
                section.add(Sentence(self.voice.fill(rng.choice(T.THEME_CONTEXT[theme]))))
            self._arrange(section)
        if i == 0:
            sections["organisation_culture"].paragraphs[0].insert(0, Sentence(self._site_portrait()))
        self._process(sections["implementation_process"], i)
        self._team_section(sections["implementation_team"], i, visit)
        anchoring = sections["anchoring"]
        anchoring.paragraphs[0].insert(0, Sentence(self.voice.fill(rng.choice(T.ANCHORING[self.ratings[i]]))))
        if nxt:
            pi.new_paragraph()
            self._agree_trials(pi, visit)
        if rng.random() < 0.4:
            pi.add(Sentence(rng.choice(T.CLOSINGS)))
        for theme, section in sections.items():
            if section.is_empty():
                section.add(Sentence(self.voice.fill(rng.choice(T.THEME_FILLERS[theme]))))
            self._save_section(report, section)

    def _factor(self, report, section: Section, item: PlannedFactor) -> None:
        rng = self.rng
        signal = SIGNALS[item.key]
        template = self.picker.sentence(item.key)
        statement = self.voice.fill(template)
        quote = self.picker.quote(item.key) if rng.random() < 0.3 else None
        codes = self.ctx.codes
        factor = self.bundle.add_row(
            "factor",
            Factor,
            {
                "report": report,
                "valence": item.valence,
                "statement": statement,
                "quote": quote or "",
                "theme": section.theme,
                "driver": codes["driver", signal["driver"]],
                "mechanism": codes["mechanism", signal["mechanism"]],
                "coded_by": self.ctx.evaluator,
                "codebook_version": self.ctx.version,
            },
        )
        point = signal.get("attention_point", "")
        worked = item.valence == "promoter" and point in self.profile.attention_points
        sentence = Sentence(
            statement,
            codes=Codes(signal["driver"], signal["mechanism"], item.valence, point if worked else ""),
            factor=factor,
            always_code=worked,
        )
        group = [sentence]
        if quote:
            speaker = (
                self.manager_name if signal.get("quote_by") == "manager" else self.voice.context()["staff"]
            )
            group.append(Sentence(self.voice.fill(rng.choice(T.QUOTE_LEADS), speaker=speaker, quote=quote)))
        section.pending.setdefault(item.valence, []).append(group)

    def _arrange(self, section: Section) -> None:
        """Promoters and inhibitors grouped, in either order, often with a bridge between them."""
        rng = self.rng
        order = ["promoter", "inhibitor"] if rng.random() < 0.6 else ["inhibitor", "promoter"]
        groups = [
            rng.sample(section.pending[v], len(section.pending[v])) for v in order if section.pending.get(v)
        ]
        for number, group in enumerate(groups):
            if number and rng.random() < 0.7:
                bridge = T.BRIDGES[f"to_{order[number]}s"]
                section.add(Sentence(self.voice.fill(rng.choice(bridge))))
            for sentences in group:
                for sentence in sentences:
                    section.add(sentence)
        section.pending.clear()

    def _process(self, section: Section, i: int) -> None:
        rng = self.rng
        phase = self.phases[i]
        lines = [Sentence(rng.choice(T.PHASE_SUMMARY[phase]))]
        if i and PHASES.index(phase) < PHASES.index(self.phases[i - 1]):
            lines.append(Sentence(rng.choice(T.RELAPSE)))
        driver, mechanism = PHASE_CODES[phase]
        for template in rng.sample(T.PHASE_ACTIVITIES[phase], rng.randint(1, 2)):
            lines.append(Sentence(self.voice.fill(template), codes=Codes(driver, mechanism, "neutral")))
        section.paragraphs[0][:0] = lines

    def _site_portrait(self) -> str:
        """The first report's picture of the site: kind, ownership, places, ages, staff, houses."""
        site, rng = self.site, self.rng
        kind = site.name.split(" ")[0]
        article, noun, neuter = T.SITE_KINDS[kind]
        owner = {"municipal": "kommunal", "self_owning": "selvejende", "private": "privat"}[site.ownership]
        if neuter and owner == "kommunal":
            owner = "kommunalt"
        text = rng.choice(T.PORTRAITS).format(
            site=self.short_name,
            article=article,
            owner=owner,
            noun=noun,
            places=site.places,
            age_min=site.age_min,
            age_max=site.age_max,
            staff=site.permanent_staff,
        )
        if len(self.departments) > 1:
            houses = ", ".join(self.departments[:-1]) + " og " + self.departments[-1]
            where = "på hver sin adresse" if self.separate_address else "på samme matrikel"
            text += " " + rng.choice(T.PORTRAIT_HOUSES).format(houses=houses, where=where)
        if site.internal_school:
            text += " " + rng.choice(T.PORTRAIT_SCHOOL)
        return text

    def _team_section(self, section: Section, i: int, visit: Visit) -> None:
        rng = self.rng
        active = self.active_members(visit.held_on)
        lines = [Sentence(self.voice.fill(rng.choice(T.TEAM_DESCRIPTION), size=len(active)))]
        previous = self.held[i - 1].held_on if i else None
        if previous:
            for member in active:
                if previous < member.row.starts_on <= visit.held_on:
                    bank = T.TEAM_MANAGER_JOINED if member.row.role == "manager" else T.TEAM_NEW_MEMBER
                    lines.append(Sentence(self.voice.fill(rng.choice(bank), name=member.first)))
        section.paragraphs[0][:0] = lines

    def _follow_up(self, section: Section, visit: Visit) -> None:
        rng = self.rng
        weights, never = TRIAL_OUTCOMES[self.profile.degree]
        learnt: dict[str, set[int]] = {}
        for action, aim_text in self._open_trials:
            if rng.random() < never:
                continue
            outcome = rng.choices(list(weights), weights=list(weights.values()))[0]
            action["followed_up_at"] = visit
            action["outcome"] = outcome
            bank = T.LEARNINGS[outcome]
            drawn = bank.index(rng.choice(bank))  # the same draw as before; a repeat moves on
            action["learning"] = bank[not_again(drawn, len(bank), learnt.setdefault(outcome, set()))]
            section.add(Sentence(self.voice.fill(rng.choice(T.TRIAL_FOLLOW_UP[outcome]), aim=aim_text)))
            section.add(Sentence(action["learning"]))
        self._open_trials = []

    def _agree_trials(self, section: Section, visit: Visit) -> None:
        rng = self.rng
        count = {"high": rng.choice([1, 2, 2, 3]), "some": rng.choice([1, 2]), "low": rng.choice([1, 1, 2])}
        drivers = rng.sample(list(T.TRIAL_ACTIONS), count[self.profile.degree])
        for driver in drivers:
            aim, description = rng.choice(T.TRIAL_ACTIONS[driver])
            ctx = self.voice.context()
            aim_text = aim.format_map(ctx)
            carriers = [self.lead.first] + (
                [ctx["staff"]] if rng.random() < 0.5 and ctx["staff"] != self.lead.first else []
            )
            carrier = " og ".join(carriers)
            action = self.bundle.add_row(
                "trial_action",
                TrialAction,
                {
                    "agreed_at": visit,
                    "aim": aim_text[0].upper() + aim_text[1:],
                    "description": description.format_map(ctx),
                    "driver": self.ctx.codes["driver", driver],
                    "carried_by": carrier,
                    "followed_up_at": None,
                    "outcome": "",
                    "learning": "",
                },
            )
            self._open_trials.append((action, aim_text))
            section.add(Sentence(self.voice.fill(rng.choice(T.TRIAL_AGREED), aim=aim_text, carrier=carrier)))

    def _save_section(self, report, section: Section) -> None:
        text, spans = section.render()
        row = self.bundle.add("section", ReportSection(report=report, theme=section.theme, text=text))
        rng, codes = self.rng, self.ctx.codes
        for sentence, start, end in spans:
            if sentence.codes is None:
                continue
            chance = 0.55 if sentence.factor is not None else 0.3
            if not sentence.always_code and rng.random() >= chance:
                continue
            c = sentence.codes
            self.bundle.add_row(
                "passage",
                CodedPassage,
                self.ctx.passage(
                    section=row,
                    start=start,
                    end=end,
                    text=text[start:end],
                    driver=codes["driver", c.driver],
                    mechanism=codes["mechanism", c.mechanism],
                    valence=c.valence,
                    attention_point=codes["attention_point", c.attention_point]
                    if c.attention_point
                    else None,
                ),
            )
