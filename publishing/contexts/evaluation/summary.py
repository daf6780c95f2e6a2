"""Indledning og sammenfatning: what the report is about and its main findings on one page."""

from django.utils.translation import gettext as _

from publishing.contexts.common import DRIVERS, day, share
from publishing.contexts.evaluation.context import ReportContext, degree_columns, degree_row
from publishing.contexts.evaluation.synthesis import driver_spreads
from publishing.document import BulletList, Paragraph, Section, Table
from publishing.wording import Quantity, capitalise, join


def introduction(ctx: ReportContext, section: Section) -> None:
    overview = ctx.overall.overview
    sites = sum(overview.sites_per_programme.values())
    reports = sum(overview.reports_per_programme.values())
    start, end = overview.period
    programmes = join(
        [
            _("{name} ({sites} steder)").format(name=ctx.programme_name(code), sites=n)
            for code, n in overview.sites_per_programme.items()
        ]
    )
    section.add(
        Paragraph(
            _(
                "Rapporten samler erfaringerne fra implementeringen af {programmes} på i alt {sites} "
                "anbringelsessteder fra {start} til {end}. Den bygger på {reports} implementeringsrapporter, "
                "skrevet af konsulenterne efter de narrative samtaler med stedernes implementeringsteams, og på "
                "referater fra {meetings} erfaringsopsamlingsmøder."
            ).format(
                programmes=programmes,
                sites=sites,
                start=day(start),
                end=day(end),
                reports=reports,
                meetings=overview.joint_meetings,
            )
        ),
        Paragraph(
            _(
                "Rapporten er skrevet til praktikere, ledere og beslutningstagere. Den beskriver for hver af de "
                "tre implementeringsdrivere – kompetence, organisation og ledelse – hvad der har fremmet og "
                "hæmmet implementeringen, og hvad der kendetegner de steder, der har arbejdet mest målrettet."
            )
        ),
    )
    findings = section.subsection(_("Hovedresultater"), "hovedresultater")
    counts = ctx.overall.degree_counts
    items = [
        _(
            "{high} arbejder målrettet med implementeringen i høj grad, {some} i nogen grad og {low} i lav "
            "grad eller ikke."
        ).format(
            high=capitalise(Quantity(counts.get("high", 0), sites).counted),
            some=counts.get("some", 0),
            low=counts.get("low", 0),
        )
    ]
    for code, result in ctx.per_programme.items():
        total = len(result.sites)
        parts = []
        for driver in DRIVERS:
            spreads = [s for s in driver_spreads(ctx, result, driver) if s.promoter_sites]
            if spreads:
                best = max(spreads, key=lambda s: (s.promoter_sites, s.mechanism))
                parts.append(
                    _("{mechanism} ({counted})").format(
                        mechanism=ctx.mechanism_lower(best.mechanism),
                        counted=Quantity(best.promoter_sites, total).counted,
                    )
                )
        if parts:
            items.append(
                _("I {programme} er de hyppigste fremmere {parts}.").format(programme=code, parts=join(parts))
            )
    strong = [ctx.driver_lower(d.code) for d in ctx.overall.distinguishing_drivers if d.strength == "strong"]
    weak = [ctx.driver_lower(d.code) for d in ctx.overall.distinguishing_drivers if d.strength == "weak"]
    if strong:
        items.append(
            _("De mest målrettede steder adskiller sig tydeligst fra de øvrige på {drivers}.").format(
                drivers=join(strong)
            )
        )
    elif weak:
        items.append(
            _("De mest målrettede steder adskiller sig svagt fra de øvrige på {drivers}.").format(
                drivers=join(weak)
            )
        )
    mechanisms = [
        ctx.mechanism_lower(d.code) for d in ctx.overall.distinguishing_mechanisms if d.strength == "strong"
    ]
    if mechanisms:
        items.append(
            _("Blandt mekanismerne gør {mechanisms} den største forskel.").format(mechanisms=join(mechanisms))
        )
    coverage = ctx.overall.attention_points.coverage
    if coverage and sites:
        most = max(coverage, key=lambda n: (coverage[n], -n))
        least = min(coverage, key=lambda n: (coverage[n], n))
        items.append(
            _(
                "Af de ti opmærksomhedspunkter er der arbejdet mest med »{most}« ({most_counted}) og mindst "
                "med »{least}« ({least_counted})."
            ).format(
                most=ctx.codebook.point_label(most),
                most_counted=Quantity(coverage[most], sites).counted,
                least=ctx.codebook.point_label(least),
                least_counted=Quantity(coverage[least], sites).counted,
            )
        )
    findings.add(BulletList(items))
    programmes = ctx.overall.programmes.programmes
    findings.add(
        Paragraph(
            _(
                "Erfaringerne tyder på, at implementeringen lykkes bedst, hvor de tre drivere spiller sammen: "
                "hvor medarbejderne får tid til at træne og får supervision, hvor organisationen gør programmet "
                "synligt i hverdagen, og hvor ledelsen går forrest og holder fast."
            )
        )
    )
    findings.add(
        Table(
            key="sammenfatning",
            caption=_("Hovedtal pr. program: steder, rapporter og grad af målrettet implementering"),
            columns=[_("Program"), _("Steder"), _("Rapporter"), *degree_columns()],
            rows=[[p.programme, p.sites, p.reports, *degree_row(p.degree_counts)] for p in programmes],
            note=ctx.few_sites_note(),
        ),
        Table(
            key="sammenfatning-balance",
            caption=_("Balancen mellem fremmere og hæmmere pr. driver og program"),
            columns=[_("Program"), *(ctx.driver(d) for d in DRIVERS)],
            rows=[[p.programme, *(share(p.balance.get(d)) for d in DRIVERS)] for p in programmes],
            note=_("Balance = (fremmere − hæmmere) / (fremmere + hæmmere), fra −1 til +1."),
        ),
    )
