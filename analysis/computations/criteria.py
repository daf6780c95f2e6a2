"""The criteria of the degree classification, one builder per criterion.

Each builder reads one kind of recorded evidence and returns a value from 0 to 1 (1 = favourable,
0.5 = as much for as against) or None with the reason when that evidence is missing. Missing is
never scored as 0. Statements count only through what was recorded or coded about them (valence,
driver, mechanism, attention point, site assessments), never through words in their text.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from analysis.computations.attention import SiteAttention
from analysis.computations.phases import PhaseTrajectory
from analysis.computations.phrase import Phrase
from analysis.computations.records import DRIVERS, PHASE_ORDER
from analysis.computations.sitedata import SiteData
from analysis.computations.trials import TrialCounts

CRITERION_LABELS = {
    "team_with_management": Phrase("Team med ledere og medarbejdere fra starten"),
    "team_persists": Phrase("Teamet består"),
    "collaboration_culture": Phrase("Samarbejdsorienteret kultur"),
    "democratic_leadership": Phrase("Demokratisk ledelse"),
    "phase_progress": Phrase("Fremdrift i faserne"),
    "steady_progress": Phrase("Jævn fremdrift uden stilstand og tilbagefald"),
    "anchoring": Phrase("Forankring i praksis"),
    "trial_follow_through": Phrase("Prøvehandlinger fulgt op og gennemført"),
    "promoter_share": Phrase("Andel fremmere"),
    "driver_balance": Phrase("Fremmere over hæmmere i hver driver"),
    "attention_points": Phrase("Opmærksomhedspunkter arbejdet med"),
    "management_backing": Phrase("Ledelsens opbakning"),
    "all_staff": Phrase("Alle medarbejdere deltager"),
    "compatible_practice": Phrase("Praksis forenelig med programmet"),
    "clear_goals": Phrase("Klare mål fra starten"),
}
DRIVER_NAMES = {
    "competence": Phrase("kompetence"),
    "organisation": Phrase("organisation"),
    "leadership": Phrase("ledelse"),
}
PHASE_NAMES = {
    "preparation": Phrase("forberedelse"),
    "prerequisite_analysis": Phrase("forudsætningsanalyse"),
    "capacity_building": Phrase("kapacitetsopbygning"),
    "adaptation_anchoring": Phrase("tilpasning og forankring"),
}
NO_TEAM = Phrase("Ingen teammedlemmer registreret.")
NO_MANAGERS = Phrase("Ingen ledere i teamet")
FEWER_THAN_TWO_VISITS = Phrase("Færre end to afholdte besøg.")


@dataclass
class CriterionResult:
    """One criterion for one site.

    `value` 0..1 (None when the evidence is missing), `held` when value >= 0.5, `source` names the
    data read (team_members, factors, site_assessments, reports, visits, trial_actions, passages),
    `evidence` says what was found (a Phrase, Danish as str), `counts` gives the numbers, `missing` why it could
    not be judged, `finding` the evaluation finding the criterion comes from. A criterion with
    weight 0 is shown but does not enter the score. Not frozen: 30,000 are made per analysis, and a
    frozen dataclass sets each field through `object.__setattr__` (five times slower).
    """

    key: str
    label: str
    weight: float
    value: float | None
    source: str
    evidence: str
    counts: dict = field(default_factory=dict)
    missing: str = ""
    finding: str = ""

    @property
    def held(self) -> bool | None:
        return None if self.value is None else self.value >= 0.5


def ramp(measure: float, low: float, high: float) -> float:
    """0 at or below `low`, 1 at or above `high`, linear between."""
    if high <= low:
        return 1.0 if measure >= high else 0.0
    return min(1.0, max(0.0, (measure - low) / (high - low)))


def criterion(key: str, spec: dict, value, source: str, evidence: str, counts=None, missing=""):
    return CriterionResult(  # positionally: key, label, weight, value, source, evidence, counts, ...
        key,
        CRITERION_LABELS.get(key, key),
        float(spec.get("weight", 1.0)),
        None if value is None else round(float(value), 3),
        source,
        evidence,
        counts or {},
        missing,
        spec.get("finding", ""),
    )


def uncoded_statements(site: SiteData) -> int:
    """Statements recorded with a valence but not yet coded to a driver."""
    return site.uncoded


def _uncoded_note(site: SiteData) -> str:
    count = uncoded_statements(site)
    return Phrase(" (%(count)s udsagn er ikke kodet endnu)", count=count) if count else ""


def _coded(site: SiteData, drivers=(), mechanisms=(), points=()) -> tuple[int, int]:
    """Promoters and inhibitors among coded statements and passages in the slice of the codebook
    (empty filters: any coded item), counted over the site's distinct codings (`SiteData.codings`)."""
    promoters = inhibitors = 0
    for (driver, mechanism, point, valence), count in site.codings.items():
        if drivers and driver not in drivers:
            continue
        if mechanisms and mechanism not in mechanisms:
            continue
        if points and point not in points:
            continue
        if not (driver or point):
            continue
        if valence == "promoter":
            promoters += count
        elif valence == "inhibitor":
            inhibitors += count
    return promoters, inhibitors


def _coded_per_driver(site: SiteData) -> dict[str, tuple[int, int]]:
    """`_coded(site, drivers=[driver])` for every driver, in one pass over the codings."""
    tallies: dict[str, list[int]] = {}
    for (driver, _mechanism, _point, valence), count in site.codings.items():
        if driver and valence in ("promoter", "inhibitor"):
            tally = tallies.setdefault(driver, [0, 0])
            tally[valence == "inhibitor"] += count
    return {driver: (tally[0], tally[1]) for driver, tally in tallies.items()}


def coded_balance(key: str, spec: dict, site: SiteData, topic: str) -> CriterionResult:
    """Promoter share of the coded statements in one slice of the codebook (`drivers`,
    `mechanisms`, `attention_points`)."""
    promoters, inhibitors = _coded(
        site, spec.get("drivers", []), spec.get("mechanisms", []), spec.get("attention_points", [])
    )
    counts = {"promoters": promoters, "inhibitors": inhibitors}
    if promoters + inhibitors == 0:
        missing = Phrase("Ingen kodede udsagn om %(topic)s%(note)s.", topic=topic, note=_uncoded_note(site))
        return criterion(key, spec, None, "factors+passages", "", counts, missing)
    share = promoters / (promoters + inhibitors)
    value = ramp(share, float(spec.get("low", 1 / 3)), float(spec.get("high", 2 / 3)))
    text = Phrase(
        "%(promoters)s fremmere og %(inhibitors)s hæmmere kodet til %(topic)s",
        promoters=promoters,
        inhibitors=inhibitors,
        topic=topic,
    )
    return criterion(key, spec, value, "factors+passages", text, counts)


@lru_cache(maxsize=4096)
def _day(day) -> str:
    """A date as dd.mm.yyyy, formatted once per day: strftime is slow, and the team criteria write
    the same few dates for many sites (bounded: a web process lives long)."""
    return f"{day:%d.%m.%Y}"


def team_with_management(spec: dict, site: SiteData) -> CriterionResult:
    key = "team_with_management"
    if not site.team:
        return criterion(key, spec, None, "team_members", "", missing=NO_TEAM)
    held = site.held
    start = held[0].held_on if held else (site.site.joined_on or site.team[0].starts_on)
    roles = set(spec.get("roles", ["manager", "department_manager"]))
    managers = [m for m in site.team if m.role in roles]
    from_start = [m for m in managers if m.starts_on <= start]
    counts = {"managers": len(managers), "managers_from_start": len(from_start), "members": len(site.team)}
    if from_start:
        text = Phrase(
            "%(count)s leder(e) i teamet fra første besøg %(day)s",
            count=len(from_start),
            day=_day(start),
        )
    elif managers:
        first = min(m.starts_on for m in managers)
        text = Phrase("Ledere kom først i teamet %(day)s, efter første besøg", day=_day(first))
    else:
        text = NO_MANAGERS
    return criterion(key, spec, 1.0 if from_start else 0.0, "team_members", text, counts)


def team_persists(spec: dict, site: SiteData) -> CriterionResult:
    """Turnover: every member who left before the last visit counts, replaced or not, against
    the size of the team at the first visit."""
    key = "team_persists"
    if not site.team:
        return criterion(key, spec, None, "team_members", "", missing=NO_TEAM)
    held = site.held
    if len(held) < 2:
        return criterion(key, spec, None, "team_members", "", missing=FEWER_THAN_TWO_VISITS)
    first = held[0].held_on
    end = min(held[-1].held_on, site.site.left_on or held[-1].held_on)
    founding = [m for m in site.team if m.starts_on <= first] or site.team[:1]
    leavers = [m for m in site.team if m.ends_on is not None and m.ends_on < end]
    replaced = [m for m in site.team if m.starts_on > first]
    rate = min(1.0, len(leavers) / len(founding))
    value = 1.0 - ramp(rate, 0.0, float(spec.get("max_turnover", 0.5)))
    counts = {"founding": len(founding), "leavers": len(leavers), "joined_later": len(replaced)}
    text = Phrase(
        "%(leavers)s af %(founding)s fra starten (og senere tilkomne) stoppede før %(day)s; "
        "%(joined)s kom til undervejs",
        leavers=len(leavers),
        founding=len(founding),
        day=_day(end),
        joined=len(replaced),
    )
    return criterion(key, spec, value, "team_members", text, counts)


def from_assessments(
    key: str, spec: dict, site: SiteData, attribute: str, kind: str, label: str
) -> CriterionResult:
    """The evaluators' coding of the site (leadership style, culture type): the site assessments,
    else the passages coded with such a code (`kind`); missing without either."""
    favourable = set(spec.get("favourable", []))
    values = [getattr(a, attribute) for a in site.assessments if getattr(a, attribute)]
    if values:
        share = sum(v in favourable for v in values) / len(values)
        text = Phrase("%(label)s i stedsvurderingerne: %(values)s", label=label, values=values)
        return criterion(key, spec, share, "site_assessments", text, {"assessments": len(values)})
    coded = [p.extra_key for p in site.passages if p.extra_kind == kind and p.extra_key]
    if coded:
        share = sum(v in favourable for v in coded) / len(coded)
        text = Phrase(
            "%(label)s i %(count)s kodede passager: %(values)s",
            label=label,
            count=len(coded),
            values=sorted(set(coded)),
        )
        return criterion(key, spec, share, "passages", text, {"passages": len(coded)})
    missing = Phrase(
        "Ingen stedsvurdering af %(label)s og ingen passager kodet med den.", label=Phrase(label.lower())
    )
    return criterion(key, spec, None, "site_assessments", "", missing=missing)


def phase_progress(spec: dict, trajectory: PhaseTrajectory) -> CriterionResult:
    """Pace: the mean phase over all held visits (0 = preparation, 1 = adaptation and anchoring),
    so a site that got far early scores above one that got there at the last visit."""
    key = "phase_progress"
    if not trajectory.points:
        return criterion(key, spec, None, "visits", "", missing=Phrase("Ingen afholdte besøg med fase."))
    top = len(PHASE_ORDER) - 1
    levels = [PHASE_ORDER[p.phase] / top for p in trajectory.points]
    pace = sum(levels) / len(levels)
    days = {s.phase: s.duration_days for s in trajectory.stages if s.reached and s.duration_days}
    per_phase = [
        Phrase("%(phase)s %(days)s dage", phase=PHASE_NAMES.get(phase, phase), days=d)
        for phase, d in days.items()
    ]
    highest = PHASE_NAMES.get(trajectory.highest_phase, trajectory.highest_phase)
    text = Phrase(
        "Gennemsnitlig fase %(pace)s over %(visits)s besøg; nåede %(highest)s%(days)s",
        pace=f"{pace:.2f}",
        visits=len(levels),
        highest=highest,
        days=Phrase(" (%(days)s)", days=per_phase) if per_phase else "",
    )
    counts = {"visits": len(levels), "pace": round(pace, 3), "days_per_phase": days}
    return criterion(key, spec, pace, "visits", text, counts)


def setbacks(levels: list[int], stall_visits: int, recovery_visits: int) -> tuple[int, int, int]:
    """(stalls, relapses, recovered relapses) of a phase path. A relapse is a visit in an earlier
    phase than the one before, recovered when that phase is reached again within
    `recovery_visits` visits; a stall is any other visit before the last phase that comes
    `stall_visits` - 1 or more visits after the site last reached a new phase (going back and
    forth between two phases is a stall too)."""
    stalls = relapses = recovered = 0
    top = len(PHASE_ORDER) - 1
    highest, reached_at = levels[0], 0
    for index in range(1, len(levels)):
        before, now = levels[index - 1], levels[index]
        if now > highest:
            highest, reached_at = now, index
        if now < before:
            relapses += 1
            ahead = levels[index + 1 : index + 1 + recovery_visits]
            recovered += any(level >= before for level in ahead)
        elif now < top and index - reached_at >= stall_visits - 1:
            stalls += 1
    return stalls, relapses, recovered


def steady_progress(spec: dict, trajectory: PhaseTrajectory) -> CriterionResult:
    """Setbacks (stalls, relapses; a recovered relapse counts half) per interval between visits;
    a setback in `zero_rate` of the intervals or more scores 0."""
    key = "steady_progress"
    levels = [PHASE_ORDER[p.phase] for p in trajectory.points]
    if len(levels) < 3:
        return criterion(
            key, spec, None, "visits", "", missing=Phrase("Færre end tre afholdte besøg med fase.")
        )
    stalls, relapses, recovered = setbacks(
        levels, int(spec.get("stall_visits", 3)), int(spec.get("recovery_visits", 2))
    )
    weight = float(spec.get("recovered_weight", 0.5))
    count = stalls + (relapses - recovered) + weight * recovered
    rate = count / (len(levels) - 1)
    value = 1.0 - ramp(rate, 0.0, float(spec.get("zero_rate", 0.5)))
    text = Phrase(
        "%(stalls)s besøg i stilstand, %(relapses)s tilbagefald (%(recovered)s indhentet) "
        "over %(intervals)s intervaller",
        stalls=stalls,
        relapses=relapses,
        recovered=recovered,
        intervals=len(levels) - 1,
    )
    counts = {"stalls": stalls, "relapses": relapses, "recovered": recovered, "intervals": len(levels) - 1}
    return criterion(key, spec, value, "visits", text, counts)


def anchoring(spec: dict, site: SiteData) -> CriterionResult:
    """The consultants' anchoring rating (1-5) over the later half of the reports: how far the
    programme is embedded, rated apart from the phase of the conversation."""
    key = "anchoring"
    ratings = [v.anchoring for v in site.held if v.anchoring is not None]
    if len(ratings) < 2:
        return criterion(
            key, spec, None, "reports", "", missing=Phrase("Færre end to forankringsvurderinger.")
        )
    later = ratings[len(ratings) // 2 :]
    level = sum(later) / len(later)
    value = ramp(level, float(spec.get("low", 2.0)), float(spec.get("high", 4.0)))
    text = Phrase(
        "Forankring i gennemsnit %(level)s i den sidste halvdel af rapporterne (%(count)s)",
        level=f"{level:.1f}",
        count=len(later),
    )
    return criterion(key, spec, value, "reports", text, {"ratings": ratings})


def trial_follow_through(spec: dict, counts: TrialCounts) -> CriterionResult:
    """(done + ½ partly) per action that could have been followed up: never followed up, not
    done and dropped all count against; half done scores 0.5."""
    key = "trial_follow_through"
    share = counts.follow_through
    if share is None:
        return criterion(
            key,
            spec,
            None,
            "trial_actions",
            "",
            missing=Phrase("Ingen prøvehandlinger, der kunne følges op."),
        )
    text = Phrase(
        "%(agreed)s aftalt, %(followed_up)s fulgt op, %(done)s gennemført, %(partly)s delvist, "
        "%(never)s aldrig fulgt op",
        agreed=counts.agreed,
        followed_up=counts.followed_up,
        done=counts.done,
        partly=counts.partly,
        never=counts.never_followed_up,
    )
    value = ramp(share, float(spec.get("low", 0.0)), float(spec.get("high", 1.0)))
    return criterion(key, spec, value, "trial_actions", text, {"share": round(share, 3)})


def promoter_share(spec: dict, site: SiteData) -> CriterionResult:
    """All statements with a valence, coded or not (the consultant records the valence)."""
    key = "promoter_share"
    promoters, inhibitors = site.valences["promoter"], site.valences["inhibitor"]
    if promoters + inhibitors == 0:
        return criterion(
            key, spec, None, "factors", "", missing=Phrase("Ingen fremmere eller hæmmere registreret.")
        )
    share = promoters / (promoters + inhibitors)
    value = ramp(share, float(spec.get("low", 1 / 3)), float(spec.get("high", 2 / 3)))
    text = Phrase(
        "%(promoters)s fremmere og %(inhibitors)s hæmmere (andel fremmere %(share)s)",
        promoters=promoters,
        inhibitors=inhibitors,
        share=f"{share:.0%}",
    )
    return criterion(key, spec, value, "factors", text, {"promoters": promoters, "inhibitors": inhibitors})


def driver_balance(spec: dict, site: SiteData) -> CriterionResult:
    """The promoter share within each driver that has coded statements, averaged over them."""
    key = "driver_balance"
    low, high = float(spec.get("low", 1 / 3)), float(spec.get("high", 2 / 3))
    values, parts, counts = [], [], {}
    per_driver = _coded_per_driver(site)
    for driver in DRIVERS:
        promoters, inhibitors = per_driver.get(driver, (0, 0))
        counts[driver] = {"promoters": promoters, "inhibitors": inhibitors}
        if promoters + inhibitors:
            values.append(ramp(promoters / (promoters + inhibitors), low, high))
            parts.append(
                Phrase(
                    "%(driver)s %(promoters)s/%(inhibitors)s",
                    driver=DRIVER_NAMES[driver],
                    promoters=promoters,
                    inhibitors=inhibitors,
                )
            )
    if not values:
        missing = Phrase("Ingen udsagn kodet til en driver%(note)s.", note=_uncoded_note(site))
        return criterion(key, spec, None, "factors+passages", "", counts, missing)
    text = Phrase("Fremmere/hæmmere pr. driver: %(parts)s", parts=parts)
    return criterion(key, spec, sum(values) / len(values), "factors+passages", text, counts)


def attention_points(spec: dict, site: SiteData, attention: SiteAttention) -> CriterionResult:
    """Points worked with, from assessments and coded passages; an assessment that lists no
    point is no evidence (not '0 of 10')."""
    key = "attention_points"
    listed = any(a.attention_points for a in site.assessments)
    if not (listed or any(p.attention_point is not None for p in site.passages)):
        missing = Phrase("Ingen opmærksomhedspunkter registreret i stedsvurderinger eller kodede passager.")
        return criterion(key, spec, None, "site_assessments+passages", "", missing=missing)
    worked = len(attention.worked)
    value = ramp(worked, float(spec.get("low", 2)), float(spec.get("high", 8)))
    text = Phrase("%(worked)s af 10 punkter: %(points)s", worked=worked, points=list(attention.worked))
    return criterion(key, spec, value, "site_assessments+passages", text, {"worked": worked})
