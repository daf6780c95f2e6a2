"""Hidden site profiles and planted degrees (the contract in docs/demo-data.md).

The demo is built in cohorts of 14 sites with the evaluation's shape (11 MG, 3 RP); `--sites N`
repeats the cohort and takes a proportional share of one for the remainder.
"""

import random
from dataclasses import asdict, dataclass, field

COHORT = 14
MG_SLOTS = list(range(11))
RP_SLOTS = [11, 12, 13]
RP_LEAVING_SLOT = 11
RP_CANCEL_AUTUMN_2019_SLOT = 12
RP_CANCEL_SPRING_2020_SLOT = 13

# (high, some, low) mixes allowed for 14 sites: 3-4 high, 6-7 some, 4-5 low.
DEGREE_MIXES = [(3, 7, 4), (4, 6, 4), (3, 6, 5)]

BOOLEAN_ATTRIBUTES = (
    "clear_goals",
    "team_with_management",
    "team_persists",
    "all_staff",
    "management_backing",
    "compatible_practice",
)
FAVOURABLE_COUNTS = {"high": (6, 8), "some": (3, 5), "low": (0, 2)}
PROMOTER_SHARE = {"high": (0.66, 0.78), "some": (0.47, 0.58), "low": (0.24, 0.37)}
ATTENTION_POINT_COUNTS = {"high": (7, 10), "some": (3, 6), "low": (0, 3)}
ATTENTION_POINTS = (
    "ongoing_supervision",
    "introduction_new_staff",
    "professional_discussions",
    "clear_goals",
    "support_team",
    "involve_children_parents",
    "institutionalise",
    "democratic_leadership",
    "trust_learning_culture",
    "persistence",
)
PHASES = ("preparation", "prerequisite_analysis", "capacity_building", "adaptation_anchoring")


@dataclass
class Profile:
    degree: str
    clear_goals: bool
    team_with_management: bool
    team_persists: bool
    all_staff: bool
    management_backing: bool
    compatible_practice: bool
    leadership_style: str
    culture: str
    promoter_share: float
    attention_points: list[str] = field(default_factory=list)

    @property
    def favourable(self) -> int:
        flags = [getattr(self, name) for name in BOOLEAN_ATTRIBUTES]
        flags += [self.leadership_style == "democratic", self.culture == "collaboration"]
        return sum(flags)

    def as_truth(self) -> dict:
        data = asdict(self)
        data["favourable"] = self.favourable
        data["promoter_share"] = round(self.promoter_share, 3)
        data["attention_points"] = [ATTENTION_POINTS.index(key) + 1 for key in self.attention_points]
        return data


@dataclass(frozen=True)
class Slot:
    """One site's place in its cohort and the roles the evaluation's story gives it."""

    cohort: int
    slot: int
    degree: str
    programme: str
    municipal: bool = False
    no_management: bool = False
    asks_new_consultant: bool = False
    places: int | None = None
    staff: int | None = None

    @property
    def leaves(self) -> bool:
        return self.slot == RP_LEAVING_SLOT


def degree_mix(size: int, rng: random.Random) -> list[str]:
    """The degrees of one cohort (14 sites) or a proportional share for a smaller remainder."""
    high, some, low = rng.choice(DEGREE_MIXES)
    if size != COHORT:
        high, low = round(size * high / COHORT), round(size * low / COHORT)
        some = size - high - low
    degrees = ["high"] * high + ["some"] * some + ["low"] * low
    rng.shuffle(degrees)
    return degrees


def cohort_slots(cohort: int, size: int, rng: random.Random) -> list[Slot]:
    """The slots in use for one cohort: all 14, or a proportional share of MG and RP slots."""
    n_mg = 11 if size == COHORT else min(size, max(1, round(size * 11 / COHORT)))
    n_rp = size - n_mg
    used = MG_SLOTS[:n_mg] + RP_SLOTS[:n_rp]
    degrees = dict(zip(used, degree_mix(size, rng), strict=True))
    mg_used = [s for s in used if s in MG_SLOTS]
    rp_used = [s for s in used if s in RP_SLOTS]
    municipal = set(rng.sample(mg_used, min(4, round(len(mg_used) * 4 / 11))))
    candidates = [s for s in mg_used if degrees[s] != "high"] or mg_used
    no_management = {rng.choice(candidates)} if len(mg_used) >= 6 else set()
    switchable = [s for s in mg_used if s >= 4]
    new_consultant = set(rng.sample(switchable, min(2, len(switchable))))
    extremes = _extremes(mg_used, rp_used, rng)
    return [
        Slot(
            cohort=cohort,
            slot=s,
            degree=degrees[s],
            programme="MG" if s in MG_SLOTS else "RP",
            municipal=s in municipal,
            no_management=s in no_management,
            asks_new_consultant=s in new_consultant,
            places=extremes.get(("places", s)),
            staff=extremes.get(("staff", s)),
        )
        for s in used
    ]


def _extremes(mg_used: list[int], rp_used: list[int], rng: random.Random) -> dict:
    """Pin the ranges' ends to some sites so a cohort spans the evaluation's ranges exactly."""
    pinned = {}
    for used, places, staff in ((mg_used, (9, 38), (6, 80)), (rp_used, (16, 26), (12, 35))):
        if len(used) < 2:
            continue
        small, big = rng.sample(used, 2)
        pinned[("places", small)], pinned[("places", big)] = places
        pinned[("staff", small)], pinned[("staff", big)] = staff
    return pinned


def profile_for(slot: Slot, rng: random.Random) -> Profile:
    """Draw a profile whose number of favourable attributes fits the planted degree."""
    low, high = FAVOURABLE_COUNTS[slot.degree]
    count = rng.randint(low, high)
    names = [*BOOLEAN_ATTRIBUTES, "leadership_style", "culture"]
    if slot.no_management:
        names.remove("team_with_management")
        count = min(count, len(names))
    favourable = set(rng.sample(names, count))
    values = {name: name in favourable for name in BOOLEAN_ATTRIBUTES}
    style = (
        "democratic" if "leadership_style" in favourable else rng.choice(["authoritarian", "laissez_faire"])
    )
    culture = (
        "collaboration"
        if "culture" in favourable
        else rng.choices(["control", "competition", "creative"], weights=[45, 30, 25])[0]
    )
    profile = Profile(
        degree=slot.degree,
        leadership_style=style,
        culture=culture,
        promoter_share=rng.uniform(*PROMOTER_SHARE[slot.degree]),
        **values,
    )
    profile.attention_points = attention_points_for(profile, rng)
    return profile


def attention_points_for(profile: Profile, rng: random.Random) -> list[str]:
    """The attention points a site works with: as many as its degree gives, consistent ones first."""
    count = rng.randint(*ATTENTION_POINT_COUNTS[profile.degree])
    inconsistent = set()
    if not profile.clear_goals:
        inconsistent.add("clear_goals")
    if profile.leadership_style != "democratic":
        inconsistent.add("democratic_leadership")
    if profile.culture != "collaboration":
        inconsistent.add("trust_learning_culture")
    if not (profile.team_with_management or profile.team_persists):
        inconsistent.add("support_team")
    if not profile.management_backing:
        inconsistent.add("persistence")
    consistent = [p for p in ATTENTION_POINTS if p not in inconsistent]
    others = [p for p in ATTENTION_POINTS if p in inconsistent]
    rng.shuffle(consistent)
    rng.shuffle(others)
    chosen = (consistent + others)[:count]
    return sorted(chosen, key=ATTENTION_POINTS.index)


def phase_trajectory(degree: str, visits: int, rng: random.Random) -> list[str]:
    """Phases at the held visits: high reach adaptation and anchoring, some capacity building,
    low stay mostly in preparation and prerequisite analysis; relapses more often the lower."""
    for _attempt in range(500):
        path = _walk(degree, visits, rng)
        if _acceptable(degree, path):
            return [PHASES[index] for index in path]
    return [PHASES[index] for index in _fallback(degree, visits)]


_WALK = {"high": (0.62, 0.08, 3), "some": (0.45, 0.16, 2), "low": (0.3, 0.3, 2)}


def _walk(degree: str, visits: int, rng: random.Random) -> list[int]:
    up, down, cap = _WALK[degree]
    path = [0]
    for _ in range(visits - 1):
        current = path[-1]
        roll = rng.random()
        if roll < up and current < cap:
            current += 1
        elif roll > 1 - down and current > 0:
            current -= 1
        path.append(current)
    return path


def relapses(path: list[int]) -> int:
    return sum(1 for a, b in zip(path, path[1:], strict=False) if b < a)


def _acceptable(degree: str, path: list[int]) -> bool:
    n = len(path)
    if degree == "high":
        return max(path) == 3 and path[-1] >= 2 and relapses(path) <= 1
    if degree == "some":
        return max(path) == 2 and path[-1] >= 1 and relapses(path) <= 2 and path.count(2) >= 2
    return path.count(2) <= 1 and (relapses(path) >= 1 or n < 4) and path[-1] <= 1


def _fallback(degree: str, visits: int) -> list[int]:
    shapes = {
        "high": [0, 1, 1, 2, 2, 3, 3, 3],
        "some": [0, 1, 1, 2, 1, 2, 2, 2],
        "low": [0, 0, 1, 0, 1, 1, 0, 1],
    }
    return shapes[degree][:visits]


def anchoring_ratings(degree: str, visits: int, rng: random.Random) -> list[int]:
    """Anchoring (1-5) per held visit: high rise to 4-5, some rise a little, low stay at 1-2."""
    start = rng.choice([1, 1, 2])
    end = {"high": rng.choice([4, 5, 5]), "some": rng.choice([2, 3, 3]), "low": rng.choice([1, 2])}[degree]
    ratings = []
    for index in range(visits):
        share = index / max(1, visits - 1)
        value = start + (end - start) * share + rng.choice([-0.5, 0, 0, 0.5])
        ratings.append(int(min(5, max(1, round(value)))))
    if degree == "low":
        ratings = [min(r, 2) for r in ratings]
    if degree == "high" and visits >= 2:
        ratings[-1] = max(ratings[-1], 4)
        ratings[-2] = max(ratings[-2], 4)
    return ratings
