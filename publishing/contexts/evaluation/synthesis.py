"""The synthesis across sites that a driver section of a programme is written as: how widespread
each promoter and inhibitor is (quantifier and count), how the most goal-directed sites differ from
the least, what trial actions were tried and how they went, quotes with provenance, and a careful
conclusion. Each sentence has several phrasings, chosen deterministically per programme and driver.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from publishing import labels
from publishing.contexts.common import DRIVERS, day
from publishing.contexts.evaluation.context import SMALLEST_GROUP, ReportContext
from publishing.document import Block, Paragraph
from publishing.text import publishable_text
from publishing.wording import (
    Quantity,
    capitalise,
    choose,
    decapitalise,
    join,
    quoted,
    sentence,
    share_word,
    signed,
)

QUOTES_PER_SECTION = 3


@dataclass(frozen=True)
class MechanismSpread:
    """How many of the programme's sites report a mechanism as promoter and as inhibitor."""

    mechanism: str
    promoter_sites: int
    inhibitor_sites: int
    promoters: int
    inhibitors: int
    promoter_example: str
    inhibitor_example: str


def _example(statements, valence: str) -> str:
    """The statement most often made with this valence (the same wording at several sites)."""
    counts = Counter(" ".join(s.text.split()) for s in statements if s.valence == valence and s.text)
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def mechanism_spread(result, mechanism: str) -> MechanismSpread:
    cells = [
        result.mechanism_matrix.cells.get(site, {}).get(mechanism) for site in result.mechanism_matrix.sites
    ]
    cells = [cell for cell in cells if cell is not None]
    statements = [s for cell in cells for s in cell.statements]
    return MechanismSpread(
        mechanism=mechanism,
        promoter_sites=sum(1 for cell in cells if cell.promoters),
        inhibitor_sites=sum(1 for cell in cells if cell.inhibitors),
        promoters=sum(cell.promoters for cell in cells),
        inhibitors=sum(cell.inhibitors for cell in cells),
        promoter_example=_example(statements, "promoter"),
        inhibitor_example=_example(statements, "inhibitor"),
    )


def driver_spreads(ctx: ReportContext, result, driver: str) -> list[MechanismSpread]:
    return [mechanism_spread(result, m) for m in ctx.codebook.mechanisms_of(driver)]


def extremes(spreads: list[MechanismSpread]) -> tuple[MechanismSpread | None, MechanismSpread | None]:
    """The promoter reported at most sites and the inhibitor reported at most sites (None if none)."""
    promoting = [s for s in spreads if s.promoter_sites]
    inhibiting = [s for s in spreads if s.inhibitor_sites]
    best = max(promoting, key=lambda s: (s.promoter_sites, s.promoters, s.mechanism), default=None)
    worst = max(inhibiting, key=lambda s: (s.inhibitor_sites, s.inhibitors, s.mechanism), default=None)
    return best, worst


def extremes_sentence(ctx: ReportContext, key: str, spreads: list[MechanismSpread], total: int) -> str:
    """ "{best} is the most common promoter (…), {worst} the most common inhibitor (…)", or, when one
    mechanism is both, that the experiences with it are divided."""
    best, worst = extremes(spreads)
    if best is None and worst is None:
        return ""
    if best is None or worst is None:
        spread, valence_word = (best, _("fremmer")) if best else (worst, _("hæmmer"))
        count = spread.promoter_sites if best else spread.inhibitor_sites
        return _("{mechanism} er den hyppigste {valence} ({counted})").format(
            mechanism=ctx.mechanism_lower(spread.mechanism),
            valence=valence_word,
            counted=Quantity(count, total).counted,
        )
    values = {
        "best": ctx.mechanism_lower(best.mechanism),
        "worst": ctx.mechanism_lower(worst.mechanism),
        "best_counted": Quantity(best.promoter_sites, total).counted,
        "worst_counted": Quantity(worst.inhibitor_sites, total).counted,
    }
    if best.mechanism == worst.mechanism:
        return choose(
            key,
            [
                _(
                    "erfaringerne med {best} er delte: den nævnes både som fremmer ({best_counted}) og som "
                    "hæmmer ({worst_counted})"
                ),
                _(
                    "{best} trækker i begge retninger – den er fremmer på {best_counted} og hæmmer på {worst_counted}"
                ),
            ],
        ).format(**values)
    return choose(
        key,
        [
            _(
                "{best} er den hyppigste fremmer ({best_counted}) og {worst} den hyppigste hæmmer ({worst_counted})"
            ),
            _("{best} fremhæves oftest ({best_counted}), mens {worst} oftest står i vejen ({worst_counted})"),
        ],
    ).format(**values)


def overview_paragraph(ctx: ReportContext, code: str, driver: str, result) -> Paragraph:
    sites = result.driver_matrix.sites
    cells = [result.driver_matrix.cells.get(site, {}).get(driver) for site in sites]
    promoters = sum(cell.promoters for cell in cells if cell)
    inhibitors = sum(cell.inhibitors for cell in cells if cell)
    reporting = Quantity(sum(1 for cell in cells if cell and (cell.promoters or cell.inhibitors)), len(sites))
    values = {
        "driver": ctx.driver_lower(driver),
        "Driver": ctx.driver(driver),
        "programme": code,
        "promoters": promoters,
        "inhibitors": inhibitors,
        "counted": reporting.counted,
        "balance": share_word(promoters, inhibitors),
    }
    template = choose(
        f"intro|{code}|{driver}",
        [
            _(
                "I rapporterne fra {programme} handler {promoters} fremmere og {inhibitors} hæmmere om "
                "{driver}, og de kommer fra {counted}. Samlet set gælder det, at {balance}."
            ),
            _(
                "{Driver} fylder i rapporterne fra {counted} i {programme}: {promoters} udsagn beskriver "
                "noget, der fremmer implementeringen, og {inhibitors} noget, der hæmmer den – {balance}."
            ),
            _(
                "Konsulenterne har i {programme} registreret {promoters} fremmere og {inhibitors} hæmmere, "
                "der handler om {driver}. Udsagnene kommer fra {counted}, og {balance}."
            ),
        ],
    )
    return Paragraph(template.format(**values))


def _spread_sentence(
    ctx: ReportContext, key: str, spread: MechanismSpread, total: int, valence: str, position: int
) -> str:
    first = position == 0
    count = spread.promoter_sites if valence == "promoter" else spread.inhibitor_sites
    quantity = Quantity(count, total)
    values = {
        "at": quantity.at,
        "At": capitalise(quantity.at),
        "subject": quantity.subject,
        "subject_lower": decapitalise(quantity.subject),
        "mechanism": ctx.mechanism_lower(spread.mechanism),
        "Mechanism": ctx.codebook.mechanism(spread.mechanism),
        "counted": quantity.counted,
    }
    if valence == "promoter":
        options = (
            [
                _("{At} nævnes {mechanism} som noget, der fremmer implementeringen."),
                _("{subject} beskriver {mechanism} som en fremmer."),
                _("{Mechanism} er den fremmer, som flest steder nævner: det sker {at}."),
            ]
            if first
            else [
                _("{Mechanism} fremhæves også {at}."),
                _("Dernæst kommer {mechanism}, som {counted} beskriver som en hjælp."),
                _("{At} peger rapporterne desuden på {mechanism}."),
            ]
        )
    else:
        options = (
            [
                _("Omvendt beskriver {subject_lower} {mechanism} som en hæmmer."),
                _("Det, der oftest står i vejen, er {mechanism}, som nævnes som en hæmmer {at}."),
                _("{At} er {mechanism} til gengæld en hæmmer."),
            ]
            if first
            else [
                _("Dertil kommer {mechanism}, som hæmmer {at}."),
                _("{At} nævnes også {mechanism} som en barriere."),
                _("{Mechanism} volder også problemer – det gælder {counted}."),
            ]
        )
    return choose(key, options, position).format(**values)


def _example_sentence(ctx: ReportContext, key: str, text: str, position: int) -> str:
    if not ctx.full or not text:
        return ""
    template = choose(
        key,
        [
            _("Et eksempel fra rapporterne: {text}"),
            _("Rapporterne beskriver det for eksempel sådan: {text}"),
            _("Et typisk udsagn er: {text}"),
        ],
        position,
    )
    return template.format(text=sentence(publishable_text(text)))


def valence_paragraph(ctx: ReportContext, code: str, driver: str, result, valence: str) -> Paragraph | None:
    total = len(result.mechanism_matrix.sites)
    attribute = "promoter_sites" if valence == "promoter" else "inhibitor_sites"
    spreads = sorted(
        (s for s in driver_spreads(ctx, result, driver) if getattr(s, attribute)),
        key=lambda s: (-getattr(s, attribute), s.mechanism),
    )[:3]
    if not spreads:
        text = (
            _("Ingen steder i {programme} beskriver noget ved {driver}, der fremmer implementeringen.")
            if valence == "promoter"
            else _("Ingen steder i {programme} beskriver hæmmere, der handler om {driver}.")
        )
        return Paragraph(text.format(programme=code, driver=ctx.driver_lower(driver)))
    parts = []
    key = f"{valence}|{code}|{driver}"
    for index, spread in enumerate(spreads):
        parts.append(_spread_sentence(ctx, key, spread, total, valence, index))
        if index < 2:
            example = spread.promoter_example if valence == "promoter" else spread.inhibitor_example
            parts.append(_example_sentence(ctx, f"example|{key}", example, index))
    return Paragraph(" ".join(part for part in parts if part))


def _positive(counts: dict) -> int:
    return counts.get("positive", 0)


def contrast_paragraph(ctx: ReportContext, code: str, driver: str, result) -> Paragraph:
    """The most goal-directed sites against the least, on the driver and its mechanisms."""
    distinction = next((d for d in result.distinguishing_drivers if d.code == driver), None)
    high = distinction.high_counts.get("sites", 0) if distinction else 0
    low = distinction.low_counts.get("sites", 0) if distinction else 0
    values = {"driver": ctx.driver_lower(driver), "programme": code}
    if not high or not low:
        missing = labels.degree("high") if not high else labels.degree("low")
        return Paragraph(
            _(
                "I {programme} er der ingen steder i gruppen »{group}«, så stederne kan ikke sammenlignes på "
                "{driver} efter, hvor målrettet de arbejder."
            ).format(group=missing.lower(), **values)
        )
    if not ctx.full and min(high, low) < SMALLEST_GROUP:
        return Paragraph(
            _(
                "Grupperne af steder, der arbejder målrettet i høj og i lav grad, er for små i {programme} til, "
                "at den samlede udgave sammenligner dem på {driver}."
            ).format(**values)
        )
    high_positive = Quantity(_positive(distinction.high_counts), high)
    low_positive = Quantity(_positive(distinction.low_counts), low)
    values |= {"high": high_positive.counted, "low": low_positive.counted}
    opening = choose(
        f"contrast|{code}|{driver}",
        [
            _(
                "De steder, der arbejder mest målrettet med implementeringen, skiller sig ud: {driver} er "
                "vurderet positivt på {high} i gruppen »i høj grad«, men kun på {low} i gruppen »i lav grad "
                "eller ikke«."
            ),
            _(
                "Sammenligner man de mest og de mindst målrettede steder, er {driver} vurderet positivt på "
                "{high} blandt de mest målrettede og på {low} blandt de mindst målrettede."
            ),
            _(
                "Blandt stederne, der arbejder målrettet i høj grad, har {high} en positiv vurdering af "
                "{driver}; blandt stederne i lav grad eller ikke gælder det {low}."
            ),
        ],
    ).format(**values)
    mechanisms = [
        d
        for d in result.distinguishing_mechanisms
        if d.code in ctx.codebook.mechanisms_of(driver) and d.high_mean is not None and d.low_mean is not None
    ]
    parts = [opening]
    if mechanisms:
        widest = max(mechanisms, key=lambda d: (d.high_mean - d.low_mean, d.code))
        difference = widest.high_mean - widest.low_mean
        if difference > 0:
            parts.append(
                _("Forskellen er størst for {mechanism} (gennemsnitlig vurdering {high} mod {low}).").format(
                    mechanism=ctx.mechanism_lower(widest.code),
                    high=signed(widest.high_mean),
                    low=signed(widest.low_mean),
                )
            )
        else:
            parts.append(_("Ingen af driverens mekanismer er vurderet bedre på de mest målrettede steder."))
    return Paragraph(" ".join(parts))


STATE_WORDS = {
    "done": "done",
    "partly": "partly",
    "not_done": "failed",
    "dropped": "failed",
    "never": "never",
    "open": "open",
}


def trial_paragraph(ctx: ReportContext, code: str, driver: str) -> Paragraph:
    actions = ctx.evidence.actions_for(code, driver)
    if not actions:
        return Paragraph(
            _("Der blev ikke aftalt prøvehandlinger om {driver} i {programme}.").format(
                driver=ctx.driver_lower(driver), programme=code
            )
        )
    states = Counter(STATE_WORDS[a.state] for a in actions)
    sites = Quantity(len({a.site for a in actions}), len(ctx.per_programme[code].sites))
    parts = [
        choose(
            f"trials|{code}|{driver}",
            [
                _("Teamene aftalte {n} prøvehandlinger om {driver} på {counted}."),
                _("{n} prøvehandlinger handlede om {driver}; de blev aftalt på {counted}."),
                _("På {counted} prøvede teamene {driver} af i praksis gennem i alt {n} prøvehandlinger."),
            ],
        ).format(n=len(actions), driver=ctx.driver_lower(driver), counted=sites.counted),
        outcome_sentence(states),
    ]
    if ctx.full:
        done = _distinct_aims([a for a in actions if a.state == "done"], 2)
        failed = _distinct_aims([a for a in actions if a.state in ("not_done", "dropped", "never")], 1)
        if done:
            parts.append(_("Blandt dem, der lykkedes, er {aims}.").format(aims=join(done)))
        if failed:
            parts.append(_("Det lykkedes derimod ikke med {aims}.").format(aims=join(failed)))
    return Paragraph(" ".join(parts))


def outcome_sentence(states: Counter) -> str:
    """How the trial actions went, leaving out the outcomes no action had."""
    parts = [
        text.format(n=states[state])
        for state, text in (
            ("done", _("{n} blev gennemført")),
            ("partly", _("{n} delvist")),
            ("failed", _("{n} blev ikke gennemført eller droppet")),
            ("never", _("{n} blev aldrig fulgt op")),
            ("open", _("{n} er endnu åbne")),
        )
        if states[state]
    ]
    return sentence(join(parts)) if parts else ""


def _distinct_aims(actions, limit: int) -> list[str]:
    seen: dict[str, str] = {}
    for action in actions:
        text = publishable_text(action.aim).strip().rstrip(".")
        if text and text.lower() not in seen and len(seen) < limit:
            seen[text.lower()] = f"{quoted(text)} ({action.site})"
    return list(seen.values())


def quote_blocks(ctx: ReportContext, code: str, driver: str) -> list[Block]:
    """2-4 quotes never used before in this report, from different sites where possible."""
    if not ctx.full:
        return []
    if not ctx.quote_plan:
        pools = {(c, d): ctx.evidence.quotes_for(c, d) for c in ctx.per_programme for d in DRIVERS}
        ctx.quote_plan.update(ctx.ledger.plan(pools, QUOTES_PER_SECTION))
    chosen = ctx.quote_plan.get((code, driver), [])
    if not chosen:
        return []
    lead = choose(
        f"quotes|{code}|{driver}",
        [
            _("Sådan lyder det fra stederne:"),
            _("Citater fra rapporterne viser, hvordan det opleves:"),
            _("Med stedernes egne ord:"),
        ],
    )
    blocks: list[Block] = [Paragraph(lead)]
    for quote in chosen:
        blocks.append(
            Paragraph(
                _("{quote} ({site}, rapport af {date}; {valence})").format(
                    quote=quoted(publishable_text(quote.text)),
                    site=quote.site,
                    date=day(quote.date),
                    valence=_("fremmer") if quote.valence == "promoter" else _("hæmmer"),
                ),
                kind="quote",
            )
        )
    return blocks


def conclusion_paragraph(ctx: ReportContext, code: str, driver: str, result) -> Paragraph:
    best, worst = extremes(driver_spreads(ctx, result, driver))
    distinction = next((d for d in result.distinguishing_drivers if d.code == driver), None)
    strength = distinction.strength if distinction else "none"
    values = {
        "driver": ctx.driver_lower(driver),
        "programme": code,
        "best": ctx.mechanism_lower(best.mechanism) if best else "",
        "worst": ctx.mechanism_lower(worst.mechanism) if worst else "",
    }
    if strength == "strong":
        text = _(
            "Der er meget, der taler for, at {driver} gør en forskel for implementeringen i {programme}: "
            "de steder, der arbejder mest målrettet, skiller sig tydeligt ud her."
        )
    elif strength == "weak":
        text = _(
            "Erfaringerne tyder på, at {driver} har betydning i {programme}, men forskellen mellem de mest "
            "og de mindst målrettede steder er lille."
        )
    elif best and worst and best.mechanism == worst.mechanism:
        text = _(
            "Erfaringerne tyder på, at {best} er afgørende i {programme} – både når det lykkes, og når det "
            "ikke gør."
        )
    elif best and worst:
        text = _(
            "Erfaringerne tyder på, at {best} bærer implementeringen i {programme}, mens {worst} er det, der "
            "oftest står i vejen."
        )
    else:
        text = _("Datagrundlaget for {driver} i {programme} er for tyndt til at drage sikre konklusioner.")
    return Paragraph(text.format(**values))


def driver_synthesis(ctx: ReportContext, code: str, driver: str, result) -> list[Block]:
    """The paragraphs of one driver section, in the order the evaluation writes them."""
    blocks: list[Block] = [overview_paragraph(ctx, code, driver, result)]
    for valence in ("promoter", "inhibitor"):
        paragraph = valence_paragraph(ctx, code, driver, result, valence)
        if paragraph is not None:
            blocks.append(paragraph)
    blocks.append(contrast_paragraph(ctx, code, driver, result))
    blocks.append(trial_paragraph(ctx, code, driver))
    blocks.extend(quote_blocks(ctx, code, driver))
    blocks.append(conclusion_paragraph(ctx, code, driver, result))
    return blocks
