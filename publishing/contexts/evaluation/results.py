"""2 Results: one chapter per programme, a section per driver written as synthesis across the sites,
the cross-case matrix, the degree of goal-directed implementation, the phases, and a Sammenfatning
that ends in the programme's driver figure."""

from django.utils.translation import gettext as _

from publishing import figures
from publishing.contexts.common import DRIVERS, balance_figure, share
from publishing.contexts.evaluation.context import ReportContext, valence
from publishing.contexts.evaluation.processes import degree_section, matrix_section, phase_section
from publishing.contexts.evaluation.synthesis import driver_spreads, driver_synthesis, extremes_sentence
from publishing.document import Figure, Paragraph, Section, Table
from publishing.text import publishable_text
from publishing.wording import join, share_word

TOP_STATEMENTS = 5


def results(ctx: ReportContext, section: Section) -> None:
    section.add(
        Paragraph(
            _(
                "Resultaterne fremlægges program for program. For hver driver samler afsnittet, hvad stederne "
                "har oplevet som fremmende og hæmmende, hvor udbredt det er, hvordan de mest målrettede "
                "steder adskiller sig fra de øvrige, og hvilke prøvehandlinger teamene har afprøvet."
            )
        )
    )
    for index, code in enumerate(ctx.per_programme, start=1):
        programme_results(ctx, section, f"2.{index}", code, ctx.per_programme[code])


def programme_results(ctx: ReportContext, parent: Section, number: str, code: str, result) -> None:
    section = parent.subsection(f"{number} {ctx.programme_name(code)}", f"resultater-{code.lower()}")
    figures_ = next((p for p in ctx.overall.programmes.programmes if p.programme == code), None)
    section.add(
        Paragraph(
            _(
                "{programme} omfatter {sites} steder, som tilsammen har {reports} implementeringsrapporter."
            ).format(
                programme=ctx.programme_name(code),
                sites=len(result.sites),
                reports=figures_.reports if figures_ else 0,
            )
        )
    )
    if figures_ is not None and figures_.few_sites:
        section.add(
            Paragraph(
                _(
                    "Kun {n} steder i {programme}: tallene bygger på få steder og skal læses med forsigtighed."
                ).format(n=figures_.sites, programme=code),
                emphasis=True,
            )
        )
    profile = result.profiles.per_programme.get(code) or result.profiles.overall
    for index, driver in enumerate(DRIVERS, start=1):
        driver_section(ctx, section, f"{number}.{index}", code, driver, profile, result)
    matrix_section(ctx, section, f"{number}.4", code, result)
    degree_section(ctx, section, f"{number}.5", code, result)
    phase_section(ctx, section, f"{number}.6", code, result)
    summary_section(ctx, section, f"{number}.7", code, result)


def driver_section(
    ctx: ReportContext, parent: Section, number: str, code: str, driver: str, profile, result
) -> None:
    label = ctx.driver(driver)
    section = parent.subsection(f"{number} {label}", f"{code.lower()}-{driver}")
    section.add(*driver_synthesis(ctx, code, driver, result))
    section.add(driver_figure(ctx, code, driver, profile, result))
    rows = []
    for mechanism in ctx.codebook.mechanisms_of(driver):
        mech = profile.mechanisms.get(mechanism)
        spread = next(s for s in driver_spreads(ctx, result, driver) if s.mechanism == mechanism)
        if mech is not None:
            rows.append(
                [
                    ctx.codebook.mechanism(mechanism),
                    mech.promoters,
                    spread.promoter_sites,
                    mech.inhibitors,
                    spread.inhibitor_sites,
                    share(mech.balance),
                ]
            )
    if rows:
        section.add(
            Table(
                key=f"mekanismer-{code.lower()}-{driver}",
                caption=_("{driver} i {programme}: fremmere og hæmmere pr. mekanisme").format(
                    driver=label, programme=code
                ),
                columns=[
                    _("Mekanisme"),
                    _("Fremmere"),
                    _("Steder med fremmere"),
                    _("Hæmmere"),
                    _("Steder med hæmmere"),
                    _("Balance"),
                ],
                rows=rows,
                note=_("Balance = (fremmere − hæmmere) / (fremmere + hæmmere), fra −1 til +1."),
            )
        )


def driver_figure(ctx: ReportContext, code: str, driver: str, profile, result) -> Figure:
    label = ctx.driver(driver)
    if ctx.full:
        frequent = result.profiles.frequent.get(driver, [])
        promoters = [s for s in frequent if s.valence == "promoter"][:TOP_STATEMENTS]
        inhibitors = [s for s in frequent if s.valence == "inhibitor"][:TOP_STATEMENTS]
        items = [(s.valence, publishable_text(s.statement), s.count, s.sites) for s in promoters + inhibitors]
        caption = _("{driver} i {programme}: de hyppigste fremmere og hæmmere").format(
            driver=label, programme=code
        )
        columns = [_("Valens"), _("Udsagn"), _("Antal"), _("Steder")]
    else:
        items = []
        for mechanism in ctx.codebook.mechanisms_of(driver):
            mech = profile.mechanisms.get(mechanism)
            if mech is None:
                continue
            if mech.promoters:
                items.append(("promoter", ctx.codebook.mechanism(mechanism), mech.promoters, None))
            if mech.inhibitors:
                items.append(("inhibitor", ctx.codebook.mechanism(mechanism), mech.inhibitors, None))
        caption = _("{driver} i {programme}: fremmere og hæmmere pr. mekanisme").format(
            driver=label, programme=code
        )
        columns = [_("Valens"), _("Mekanisme"), _("Antal"), _("Steder")]
    promoter_items = [figures.Statement(text, count) for kind, text, count, _s in items if kind == "promoter"]
    inhibitor_items = [
        figures.Statement(text, count) for kind, text, count, _s in items if kind == "inhibitor"
    ]
    return Figure(
        key=f"driver-{code.lower()}-{driver}",
        caption=caption,
        draw=lambda: figures.driver_figure(
            driver=label,
            promoters=promoter_items,
            inhibitors=inhibitor_items,
            promoters_label=_("Fremmere"),
            inhibitors_label=_("Hæmmere"),
            none_label=_("ingen registreret"),
        ),
        table=Table(
            key=f"driver-{code.lower()}-{driver}",
            caption=_("Tallene bag figuren: {driver} i {programme}").format(driver=label, programme=code),
            columns=columns,
            rows=[[valence(kind), text, count, sites] for kind, text, count, sites in items],
        ),
        note=_(
            "Fremmere står til venstre (hel ramme, +), hæmmere til højre (stiplet, skraveret ramme, −); "
            "tallet er antal udsagn."
        ),
    )


def summary_section(ctx: ReportContext, parent: Section, number: str, code: str, result) -> None:
    """Sammenfatning: one paragraph across the drivers and the degree, then the driver figure."""
    section = parent.subsection(f"{number} {_('Sammenfatning')}", f"{code.lower()}-sammenfatning")
    total = len(result.sites)
    sentences = []
    for driver in DRIVERS:
        spreads = driver_spreads(ctx, result, driver)
        promoters = sum(s.promoters for s in spreads)
        inhibitors = sum(s.inhibitors for s in spreads)
        detail = extremes_sentence(ctx, f"summary|{code}|{driver}", spreads, total)
        sentences.append(
            _("{Driver}: {balance}{detail}.").format(
                Driver=ctx.driver(driver),
                balance=share_word(promoters, inhibitors),
                detail="; " + detail if detail else "",
            )
        )
    counts = result.degree_counts
    sentences.append(
        _(
            "Af de {total} steder arbejder {high} målrettet i høj grad, {some} i nogen grad og {low} i lav grad "
            "eller ikke{unclassified}."
        ).format(
            total=total,
            high=counts.get("high", 0),
            some=counts.get("some", 0),
            low=counts.get("low", 0),
            unclassified=(
                _(", mens {n} ikke kunne klassificeres").format(n=counts["unclassified"])
                if counts.get("unclassified")
                else ""
            ),
        )
    )
    section.add(Paragraph(" ".join(sentences)))
    strong = [ctx.driver_lower(d.code) for d in result.distinguishing_drivers if d.strength == "strong"]
    weak = [ctx.driver_lower(d.code) for d in result.distinguishing_drivers if d.strength == "weak"]
    if strong:
        section.add(
            Paragraph(
                _(
                    "Det, der tydeligst adskiller de mest målrettede steder fra de øvrige, er {strong}. "
                    "Erfaringerne tyder på, at det er her, en indsats gør størst forskel."
                ).format(strong=join(strong))
            )
        )
    elif weak:
        section.add(
            Paragraph(
                _("De mest målrettede steder adskiller sig svagt fra de øvrige på {weak}.").format(
                    weak=join(weak)
                )
            )
        )
    by_period = {
        key.split("|", 1)[1]: profile.drivers
        for key, profile in result.profiles.per_programme_period.items()
        if key.split("|", 1)[0] == code
    }
    if by_period:
        section.add(
            balance_figure(
                key=f"balance-{code.lower()}",
                caption=_("Balancen mellem fremmere og hæmmere pr. driver over tid i {programme}").format(
                    programme=code
                ),
                panels=[(code, by_period)],
                codebook=ctx.codebook,
            )
        )
