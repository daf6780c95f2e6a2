"""The three joint experience meetings of a cohort in May 2019, with minutes and their factors."""

import datetime
import random

from coding.models import CodedPassage
from demo.common import Bundle, Context
from demo.compose import lower_first
from demo.sites import SiteBuilder
from demo.texts import (
    ATTRIBUTE_SIGNALS,
    BACKING_SIGNALS,
    CULTURE_SIGNALS,
    GENERAL_SIGNALS,
    SIGNALS,
    STYLE_SIGNALS,
)
from demo.texts import report as T
from fieldwork.models import Factor, JointMeeting

DATES = [datetime.date(2019, 5, 7), datetime.date(2019, 5, 16), datetime.date(2019, 5, 28)]


def _signal_pool(builder: SiteBuilder, valence: str) -> list[str]:
    """Signals a site might bring to a meeting: its profile's own and the general ones."""
    p = builder.profile
    keys = [key for attribute, sides in ATTRIBUTE_SIGNALS.items() for key in sides[getattr(p, attribute)]]
    keys += [STYLE_SIGNALS[p.leadership_style], CULTURE_SIGNALS[p.culture]]
    keys += BACKING_SIGNALS[p.management_backing] + GENERAL_SIGNALS[valence]
    return [k for k in keys if SIGNALS[k]["valence"] == valence and builder._fits(k)]


def build_meetings(ctx: Context, builders: list[SiteBuilder], rng: random.Random, bundle: Bundle) -> None:
    mg = [b for b in builders if b.slot.programme == "MG"]
    rp = [b for b in builders if b.slot.programme == "RP"]
    groups = [mg[:6], mg[6:], rp + rng.sample(mg, min(2, len(mg)))]
    for number, (group, day, theme) in enumerate(zip(groups, DATES, T.MEETING_THEMES, strict=True), start=1):
        if len(group) < 2:
            continue
        meeting = bundle.add(
            "meeting", JointMeeting(held_on=day, title=f"Erfaringsopsamlingsmøde {number}: {theme}")
        )
        for builder in group:
            bundle.add_row(
                "meeting_site", JointMeeting.sites.through, {"jointmeeting": meeting, "site": builder.site}
            )
        sites = ", ".join(b.short_name for b in group[:-1]) + f" og {group[-1].short_name}"
        text = rng.choice(T.MEETING_INTRO).format(sites=sites) + " Fiktivt referat i demodata."
        for builder in group:
            for _ in range(rng.choice([1, 2, 2])):
                text = _contribution(ctx, builder, meeting, text, rng, bundle)
        text += "\n\n" + rng.choice(T.MEETING_CLOSINGS)
        meeting.minutes = text


def _contribution(ctx, builder: SiteBuilder, meeting, text: str, rng, bundle: Bundle) -> str:
    """One statement from a site, added to the minutes as a factor and, often, a coded passage."""
    valence = "promoter" if rng.random() < builder.profile.promoter_share else "inhibitor"
    key = rng.choice(_signal_pool(builder, valence))
    signal = SIGNALS[key]
    template = builder.picker.sentence(key)
    statement = builder.voice.fill(template)
    lead = rng.choice(T.MEETING_SITE_LEADS).format(site=builder.short_name)
    said = lower_first(statement, template)
    text += "\n\n" + lead
    start = len(text)
    text += said
    codes = ctx.codes
    driver, mechanism = codes["driver", signal["driver"]], codes["mechanism", signal["mechanism"]]
    bundle.add_row(
        "meeting_factor",
        Factor,
        {
            "joint_meeting": meeting,
            "site": builder.site,
            "valence": valence,
            "statement": statement,
            "theme": signal["theme"],
            "driver": driver,
            "mechanism": mechanism,
            "coded_by": ctx.evaluator,
            "codebook_version": ctx.version,
        },
    )
    if rng.random() < 0.5:
        bundle.add_row(
            "meeting_passage",
            CodedPassage,
            ctx.passage(
                joint_meeting=meeting,
                start=start,
                end=len(text),
                text=said,
                driver=driver,
                mechanism=mechanism,
                valence=valence,
            ),
        )
    return text
