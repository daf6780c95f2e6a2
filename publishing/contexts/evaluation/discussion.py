"""3 Diskussion og perspektiver: the programmes compared, the methodological limitations the data
show, the three drivers discussed in turn across the programmes, pressure from outside, and
perspectives."""

from collections import Counter

from django.utils.translation import gettext as _

from analysis.phrases import render
from publishing import labels
from publishing.contexts.common import (
    DRIVERS,
    PHASE_KEYS,
    PRINT_SITE_LIMIT,
    balance_figure,
    day,
    half_year_label,
    share,
)
from publishing.contexts.evaluation.context import ReportContext, number, score_kind
from publishing.contexts.evaluation.synthesis import driver_spreads, extremes_sentence
from publishing.document import BulletList, Paragraph, Section, Table
from publishing.wording import Quantity, join, share_word


def discussion(ctx: ReportContext, section: Section) -> None:
    compared(ctx, section.subsection(_("3.1 Programmerne sammenlignet"), "sammenligning"))
    limitations(ctx, section.subsection(_("3.2 Metodiske begrænsninger"), "begraensninger"))
    for index, driver in enumerate(DRIVERS, start=3):
        driver_discussion(
            ctx, section.subsection(f"3.{index} {ctx.driver(driver)}", f"diskussion-{driver}"), driver
        )
    pressures(ctx, section.subsection(_("3.6 Pres udefra"), "pres"))
    perspectives(ctx, section.subsection(_("3.7 Perspektiver"), "perspektiver"))


def compared(ctx: ReportContext, section: Section) -> None:
    programmes = ctx.overall.programmes.programmes
    if len(programmes) > 1:
        parts = []
        for p in programmes:
            best = max(DRIVERS, key=lambda d: (p.balance.get(d) if p.balance.get(d) is not None else -2, d))
            parts.append(
                _("i {programme} står {driver} stærkest").format(
                    programme=p.programme, driver=ctx.driver_lower(best)
                )
            )
        section.add(
            Paragraph(
                _(
                    "Programmerne har meget til fælles, men profilerne er ikke ens: {parts}. Forskelle mellem "
                    "programmerne skal læses med forsigtighed, fordi stederne er få og forskellige."
                ).format(parts=join(parts))
            )
        )
    rows = []

    def row(label, getter):
        rows.append([label, *(getter(p) for p in programmes)])

    row(_("Steder"), lambda p: p.sites)
    row(_("Rapporter"), lambda p: p.reports)
    for driver in DRIVERS:
        row(
            _("Balance {driver}").format(driver=ctx.driver_lower(driver)),
            lambda p, d=driver: share(p.balance.get(d)),
        )
    for degree in ("high", "some", "low", "unclassified"):
        row(labels.degree(degree), lambda p, g=degree: p.degree_counts.get(g, 0))
    row(_("Tilbagefald i alt"), lambda p: p.relapses_total)
    row(_("Steder med tilbagefald"), lambda p: p.sites_with_relapse)
    for phase in PHASE_KEYS:
        row(
            _("Andel aktiviteter gennemført: {phase}").format(phase=labels.phase(phase).lower()),
            lambda p, ph=phase: share(p.sic_completion.get(ph)),
        )
    row(_("Prøvehandlinger aftalt"), lambda p: p.trial_actions.get("agreed"))
    row(_("Prøvehandlinger fulgt igennem (andel)"), lambda p: share(p.follow_through))
    row(_("Opmærksomhedspunkter pr. sted (gns.)"), lambda p: p.attention_points_mean)
    for kind in sorted({k for p in programmes for k in p.mean_scores}):
        row(
            _("Gennemsnitlig score: {kind}").format(kind=score_kind(kind)),
            lambda p, k=kind: p.mean_scores.get(k),
        )
    section.add(
        Table(
            key="programmer-sammenlignet",
            caption=_("Programmerne sammenlignet"),
            columns=[_("Mål"), *(p.programme for p in programmes)],
            rows=rows,
            note=ctx.few_sites_note(),
        )
    )
    by_programme: dict = {}
    for key, profile in ctx.overall.profiles.per_programme_period.items():
        programme, period = key.split("|", 1)
        by_programme.setdefault(programme, {})[period] = profile.drivers
    if by_programme:
        section.add(
            balance_figure(
                key="balance-programmer",
                caption=_("Balancen pr. driver over tid, programmerne side om side"),
                panels=sorted(by_programme.items()),
                codebook=ctx.codebook,
            )
        )
    scores(ctx, section)


def scores(ctx: ReportContext, section: Section) -> None:
    relation = ctx.overall.scores
    if not relation.correlations:
        return
    section.add(
        Table(
            key="scorer",
            caption=_("Programtroskab og effekt mod driverbalance og grad"),
            columns=[_("Score"), _("Sammenholdt med"), _("Steder"), _("Korrelation (r)"), _("Bemærkning")],
            rows=[
                [
                    score_kind(c.kind),
                    _("Balancen mellem fremmere og hæmmere") if c.against == "driver_balance" else _("Grad"),
                    c.n,
                    c.r,
                    render(c.note) or None,
                ]
                for c in relation.correlations
            ],
        )
    )


def limitations(ctx: ReportContext, section: Section) -> None:
    """The limitations the data themselves show, each with its figure."""
    result = ctx.overall
    overview = result.overview
    section.add(
        Paragraph(
            _(
                "Data er narrative: konsulentens kondensering af, hvad teamet fortalte. Det giver indsigt i "
                "stedernes oplevelser, men også en risiko for, at det, der blev sagt, farves af samtalen og af "
                "den, der skrev rapporten. Resultaterne er derfor drøftet med teamene undervejs. Dertil kommer "
                "de begrænsninger, som data selv viser:"
            )
        )
    )
    items = []
    reports = ctx.evidence.reports_per_site
    if reports:
        counts = sorted(reports.values())
        thin = [site for site, n in reports.items() if n < 3]
        items.append(
            _("Antallet af rapporter pr. sted varierer fra {low} til {high} (median {median}){thin}.").format(
                low=counts[0],
                high=counts[-1],
                median=number(counts[len(counts) // 2]),
                thin=(
                    _("; {counted} har færre end tre rapporter").format(
                        counted=Quantity(len(thin), len(reports)).counted
                    )
                    if thin
                    else ""
                ),
            )
        )
    uncoded = result.profiles.overall.uncoded.total
    coded = sum(t.total for t in result.profiles.overall.drivers.values())
    if uncoded:
        items.append(
            _(
                "{uncoded} af {total} udsagn er ikke kodet til en driver og indgår ikke i analysen pr. driver."
            ).format(uncoded=uncoded, total=uncoded + coded)
        )
    if not ctx.evidence.agreement:
        items.append(
            _(
                "Enigheden mellem kodere er ikke målt, fordi ingen kodningsrunde med flere kodere er afsluttet."
            )
        )
    else:
        alphas = [a.alpha for a in ctx.evidence.agreement if a.alpha is not None]
        if alphas and min(alphas) < 0.8:
            items.append(
                _(
                    "Enigheden mellem kodere er under 0,8 (Krippendorffs alfa {alpha}) i mindst én runde."
                ).format(alpha=number(min(alphas)))
            )
    missing = ctx.evidence.sites_without_assessment
    if missing:
        items.append(
            _("{counted} mangler en stedsvurdering (ledelsesstil, kultur og opmærksomhedspunkter).").format(
                counted=Quantity(len(missing), len(result.sites)).counted
            )
        )
    for p in result.programmes.programmes:
        if p.few_sites:
            items.append(
                _("{programme} har kun {n} steder; et enkelt sted kan flytte programmets tal meget.").format(
                    programme=p.programme, n=p.sites
                )
            )
    changes = overview.consultant_changes
    if changes:
        items.append(
            _(
                "Konsulenten skiftede {n} gange på {sites}; rapporterne er derfor skrevet af flere konsulenter."
            ).format(
                n=len(changes), sites=Quantity(len({c.site for c in changes}), len(result.sites)).counted
            )
        )
    for left in overview.sites_left:
        items.append(
            _("Et sted i {programme} forlod projektet {date}; dets forløb er ufuldstændigt.").format(
                programme=left.programme, date=day(left.left_on)
            )
        )
    unclassified = result.degree_counts.get("unclassified", 0)
    if unclassified:
        items.append(
            _("{n} steder kunne ikke klassificeres, fordi der var for få kriterier med data.").format(
                n=unclassified
            )
        )
    missing_criteria = Counter(key for site in result.sites for key in site.classification.missing_evidence)
    if missing_criteria:
        top = join(
            [
                _("»{criterion}« ({n} steder)").format(criterion=labels.criterion(k), n=n)
                for k, n in missing_criteria.most_common(3)
            ]
        )
        items.append(_("De kriterier, der oftest manglede data til, er {top}.").format(top=top))
    cancelled = sum(c.get("cancelled", 0) for c in overview.visits_per_year.values())
    if cancelled:
        items.append(_("{n} planlagte besøg blev aflyst.").format(n=cancelled))
    section.add(BulletList(items) if items else Paragraph(_("Data viser ingen yderligere begrænsninger.")))


def driver_discussion(ctx: ReportContext, section: Section, driver: str) -> None:
    """One driver across the programmes: what they share, where they differ, and what follows."""
    parts = []
    for code, result in ctx.per_programme.items():
        spreads = driver_spreads(ctx, result, driver)
        detail = extremes_sentence(ctx, f"discussion|{code}|{driver}", spreads, len(result.sites))
        if detail:
            parts.append(
                _("I {programme} gælder det, at {balance}: {detail}.").format(
                    programme=code,
                    balance=share_word(sum(s.promoters for s in spreads), sum(s.inhibitors for s in spreads)),
                    detail=detail,
                )
            )
    if parts:
        section.add(Paragraph(" ".join(parts)))
    distinction = next((d for d in ctx.overall.distinguishing_drivers if d.code == driver), None)
    strength = distinction.strength if distinction else "none"
    text = {
        "strong": _(
            "På tværs af programmerne adskiller de mest målrettede steder sig tydeligt fra de øvrige på "
            "{driver}. Der er derfor meget, der taler for, at en indsats her betaler sig."
        ),
        "weak": _(
            "På tværs af programmerne adskiller de mest målrettede steder sig kun svagt fra de øvrige på {driver}; "
            "driveren er vigtig, men ikke det, der alene afgør, hvor godt implementeringen lykkes."
        ),
    }.get(
        strength,
        _(
            "Data viser ingen klar forskel på {driver} mellem de mest og de mindst målrettede steder. Erfaringerne "
            "tyder på, at driveren er en forudsætning snarere end det, der skiller stederne ad."
        ),
    )
    section.add(Paragraph(text.format(driver=ctx.driver_lower(driver))))


def pressures(ctx: ReportContext, section: Section) -> None:
    analysis = ctx.overall.pressures
    rising = [(k, v) for k, v in analysis.by_kind.items() if (v.get("mean_change") or 0) > 0]
    section.add(
        Paragraph(
            _(
                "Begivenheder uden for stedet – besparelser, tilsyn, mange samtidige forandringer, pandemien – kan "
                "presse implementeringen. Analysen sammenligner andelen af hæmmere i {days} dage før og efter "
                "hver begivenhed på de berørte steder.{rising}"
            ).format(
                days=analysis.window_days,
                rising=(
                    " "
                    + _("Andelen af hæmmere steg efter {kinds}.").format(
                        kinds=join([labels.event_kind(k).lower() for k, _v in rising])
                    )
                    if rising
                    else ""
                ),
            )
        )
    )
    section.add(
        Table(
            key="pres-pr-type",
            caption=_("Eksterne begivenheder pr. type og gennemsnitlig ændring i andelen af hæmmere"),
            columns=[_("Type"), _("Begivenheder"), _("Ændring i andel hæmmere")],
            rows=[[labels.event_kind(k), v["events"], v["mean_change"]] for k, v in analysis.by_kind.items()],
        )
    )
    events = analysis.events if ctx.full else [e for e in analysis.events if not e.event.site]
    if events:
        section.add(
            Table(
                key="pres-begivenheder",
                caption=_("Eksterne begivenheder: andelen af hæmmere før og efter"),
                data_only=len(events) > PRINT_SITE_LIMIT,
                columns=[
                    _("Begivenhed"),
                    _("Fra"),
                    _("Sted"),
                    _("Steder berørt"),
                    _("Andel hæmmere før"),
                    _("Andel hæmmere efter"),
                    _("Ændring"),
                ],
                rows=[
                    [
                        labels.event_kind(e.event.kind),
                        day(e.event.starts_on),
                        e.event.site or _("alle"),
                        e.sites,
                        e.before.inhibitor_share,
                        e.after.inhibitor_share,
                        e.change,
                    ]
                    for e in events
                ],
            )
        )
    section.add(
        Table(
            key="pres-tidslinje",
            caption=_("Fremmere og hæmmere pr. halvår med eksterne begivenheder"),
            columns=[_("Halvår"), _("Fremmere"), _("Hæmmere"), _("Andel hæmmere"), _("Begivenheder")],
            rows=[
                [
                    half_year_label(p.period),
                    p.promoters,
                    p.inhibitors,
                    p.inhibitor_share,
                    [labels.event_kind(k) for k in p.events] or None,
                ]
                for p in analysis.timeline
            ],
        )
    )


def perspectives(ctx: ReportContext, section: Section) -> None:
    strong = [ctx.driver_lower(d.code) for d in ctx.overall.distinguishing_drivers if d.strength == "strong"]
    section.add(
        Paragraph(
            _(
                "Programteorien bag evalueringen er, at implementeringen lykkes, når kompetence, organisation og "
                "ledelse trækker i samme retning, og når stedet arbejder sig målrettet gennem de fire faser fra "
                "forberedelse til forankring."
            )
            + " "
            + (
                _(
                    "Resultaterne understøtter den tanke: de steder, der arbejder mest målrettet, skiller sig "
                    "tydeligt ud på {drivers}."
                ).format(drivers=join(strong))
                if strong
                else _(
                    "Resultaterne kan hverken be- eller afkræfte den tanke, fordi grupperne ikke adskiller sig tydeligt."
                )
            )
        ),
        Paragraph(
            _(
                "For steder, der overvejer at tage et program op, peger erfaringerne på, at det betaler sig at "
                "afklare målene fra start, sætte et team med både ledere og medarbejdere, sikre tid til træning "
                "og supervision og have en plan for nye medarbejdere og vikarer. De ti opmærksomhedspunkter i "
                "næste kapitel samler disse erfaringer."
            )
        ),
    )
