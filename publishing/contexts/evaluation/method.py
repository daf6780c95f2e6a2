"""1 Metode: how the data were collected, the sites of each programme, and the analysis method with
the coding and its agreement figures."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis.phrases import render
from publishing import labels
from publishing.contexts.common import day
from publishing.contexts.evaluation.context import ReportContext, number, percent, range_text
from publishing.document import BulletList, Paragraph, Section, Table
from publishing.text import publishable_text
from registry.models import Ownership, Region


def method(ctx: ReportContext, section: Section) -> None:
    data_collection(ctx, section.subsection(_("1.1 Dataindsamlingen"), "data"))
    sites(ctx, section.subsection(_("1.2 Stederne"), "baggrund"))
    analysis_method(ctx, section.subsection(_("1.3 Analysemetoden"), "analysen"))


def data_collection(ctx: ReportContext, section: Section) -> None:
    overview = ctx.overall.overview
    start, end = overview.period
    held = sum(c.get("held", 0) for c in overview.visits_per_year.values())
    reports = sum(overview.reports_per_programme.values())
    factors = sum(overview.factors_per_programme.values())
    section.add(
        Paragraph(
            _(
                "Data er indsamlet fra {start} til {end}. Ved hvert besøg har konsulenten ført en narrativ samtale "
                "med stedets implementeringsteam og derefter skrevet en implementeringsrapport i seks temaer "
                "med de fremmere og hæmmere, teamet beskrev, og de prøvehandlinger, der blev aftalt til næste "
                "besøg. Dertil kommer referaterne fra erfaringsopsamlingsmøderne, hvor stederne mødtes på tværs."
            ).format(start=day(start), end=day(end))
        ),
        Paragraph(
            _(
                "I alt blev der holdt {held} besøg, skrevet {reports} implementeringsrapporter og registreret "
                "{factors} fremmere og hæmmere; der blev holdt {meetings} erfaringsopsamlingsmøder."
            ).format(held=held, reports=reports, factors=factors, meetings=overview.joint_meetings)
        ),
        Table(
            key="besoeg-pr-aar",
            caption=_("Besøg pr. år: afholdt, planlagt og aflyst"),
            columns=[_("År"), _("Afholdt"), _("Planlagt"), _("Aflyst")],
            rows=[
                [str(year), c.get("held", 0), c.get("planned", 0), c.get("cancelled", 0)]
                for year, c in overview.visits_per_year.items()
            ],
        ),
        Table(
            key="data-pr-program",
            caption=_("Steder, rapporter og udsagn pr. program"),
            columns=[_("Program"), _("Steder"), _("Implementeringsrapporter"), _("Fremmere og hæmmere")],
            rows=[
                [
                    ctx.programme_name(code),
                    n,
                    overview.reports_per_programme.get(code, 0),
                    overview.factors_per_programme.get(code, 0),
                ]
                for code, n in overview.sites_per_programme.items()
            ],
        ),
    )
    changes = overview.consultant_changes
    left = overview.sites_left
    section.add(
        Paragraph(
            ngettext(
                "Konsulenten skiftede {n} gang i perioden.",
                "Konsulenten skiftede {n} gange i perioden.",
                len(changes),
            ).format(n=len(changes))
            + " "
            + ngettext("{n} sted forlod projektet.", "{n} steder forlod projektet.", len(left)).format(
                n=len(left)
            )
        )
    )
    if ctx.full and changes:
        section.add(
            Table(
                key="konsulentskift",
                caption=_("Konsulentskift"),
                columns=[_("Sted"), _("Dato"), _("Årsag")],
                rows=[[c.site, day(c.on), publishable_text(c.reason)] for c in changes],
            )
        )
    if left:
        section.add(
            Table(
                key="udtraadte-steder",
                caption=_("Steder, der forlod projektet"),
                columns=[_("Sted"), _("Program"), _("Dato"), _("Årsag")]
                if ctx.full
                else [_("Program"), _("Dato")],
                rows=[
                    [s.site, s.programme, day(s.left_on), publishable_text(s.reason)]
                    if ctx.full
                    else [s.programme, day(s.left_on)]
                    for s in left
                ],
            )
        )


def _counted(counts: dict[str, int], choices) -> list[str]:
    return [f"{labels.choice(choices, key)}: {n}" for key, n in sorted(counts.items())]


def sites(ctx: ReportContext, section: Section) -> None:
    overview = ctx.overall.overview
    for code in overview.background:
        info = ctx.programmes.get(code)
        if info:
            text = _("{name} udbydes af {provider}. Uddannelsen varer {months} måneder.").format(
                name=ctx.programme_name(code), provider=info.provider, months=number(info.training_months)
            )
            section.add(Paragraph(" ".join(filter(None, [text, info.training_description, info.character]))))
    codes = list(overview.background)
    items = [overview.background[code] for code in codes]
    measures = [
        (_("Steder"), lambda b: b.sites),
        (_("Pladser"), lambda b: range_text(b.places)),
        (_("Fastansatte"), lambda b: range_text(b.staff)),
        (_("Teamstørrelse"), lambda b: range_text(b.team_size)),
        (_("Teams med ledelse"), lambda b: b.teams_with_management),
        (_("Flere afdelinger"), lambda b: b.several_departments),
        (_("Afdelinger på separat adresse"), lambda b: b.separate_addresses),
        (_("Intern skole"), lambda b: b.internal_schools),
        (_("Ejerform"), lambda b: _counted(b.ownership, Ownership) or None),
        (_("Regioner"), lambda b: _counted(b.regions, Region) or None),
    ]
    section.add(
        Table(
            key="baggrund",
            caption=_("Stedernes baggrund pr. program"),
            columns=[_("Kendetegn"), *codes],
            rows=[[label, *(getter(item) for item in items)] for label, getter in measures],
            note=_("Pladser, fastansatte og teamstørrelse er spændet fra det mindste til det største sted."),
        )
    )


def analysis_method(ctx: ReportContext, section: Section) -> None:
    matrix_rule = ctx.overall.config.get("matrix", {})
    degree_rule = ctx.overall.config.get("degree", {})
    thresholds = degree_rule.get("thresholds", {})
    section.add(
        Paragraph(
            _(
                "Analysen er en dobbelt kondensering. Først kondenserer konsulenten samtalen med teamet i "
                "rapportens seks temaer. Derefter kategoriserer evaluatorerne udsagnene efter de tre "
                "implementeringsdrivere – kompetence, organisation og ledelse – og deres mekanismer, så "
                "erfaringerne kan sammenlignes på tværs af stederne."
            )
        ),
        Paragraph(
            _(
                "Hvert sted vurderes på hver driver fra −2 til +2 i en krydsmatrix: fortegnet viser, om fremmere "
                "eller hæmmere dominerer, og ±2 kræver, at den dominerende side udgør mindst {strong} af "
                "udsagnene og kommer fra mindst {sources} besøg eller kilder. Evaluator kan bekræfte eller rette "
                "hver vurdering."
            ).format(
                strong=percent(matrix_rule.get("strong_share", 0)),
                sources=matrix_rule.get("strong_min_sources", 2),
            )
        ),
        Paragraph(
            _(
                "Hvor målrettet et sted arbejder med implementeringen, klassificeres ud fra en række kriterier, "
                "der hver giver en værdi fra 0 til 1. Graden er det vægtede gennemsnit af de kriterier, der er "
                "data til: høj ved mindst {high}, lav under {low} og ellers nogen grad. Med færre end {minimum} "
                "kriterier med data klassificeres stedet ikke. Evaluator kan tilsidesætte en klassifikation med "
                "en begrundelse, som vises i rapporten."
            ).format(
                high=number(thresholds.get("high", 0)),
                low=number(thresholds.get("low", 0)),
                minimum=degree_rule.get("min_criteria", "–"),
            )
        ),
        Table(
            key="kriterier",
            caption=_("Kriterierne for graden af målrettet implementering"),
            columns=[_("Kriterium"), _("Vægt"), _("Fund i evalueringen")],
            rows=[
                [
                    labels.criterion(key),
                    float(spec.get("weight", 1.0)),
                    render(spec.get("finding", "")) or None,
                ]
                for key, spec in degree_rule.get("criteria", {}).items()
                if float(spec.get("weight", 0)) > 0
            ],
        ),
    )
    coding(ctx, section)


def coding(ctx: ReportContext, section: Section) -> None:
    profile = ctx.overall.profiles.overall
    coded = sum(t.total for t in profile.drivers.values())
    uncoded = profile.uncoded.total
    section.add(
        Paragraph(
            _(
                "Af de {total} fremmere og hæmmere er {coded} kodet til en driver, mens {uncoded} endnu ikke er "
                "kodet og derfor ikke indgår i analysen pr. driver."
            ).format(total=coded + uncoded, coded=coded, uncoded=uncoded)
            if uncoded
            else _("Alle {total} fremmere og hæmmere er kodet til en driver og en mekanisme.").format(
                total=coded
            )
        )
    )
    agreement = ctx.evidence.agreement
    if not agreement:
        section.add(
            Paragraph(
                _(
                    "Der er ikke afsluttet nogen kodningsrunde, hvor flere kodere har kodet de samme tekster, så "
                    "enigheden mellem kodere er ikke målt for dette datagrundlag."
                )
            )
        )
        return
    section.add(
        Paragraph(
            _(
                "Enigheden mellem koderne er målt i kodningsrunder, hvor flere kodere uafhængigt af hinanden har "
                "kodet de samme tekstpassager:"
            )
        ),
        BulletList(
            [
                _(
                    "{round}: {units} enheder, Krippendorffs alfa {alpha}, procentvis enighed {percent}."
                ).format(
                    round=item.round,
                    units=item.units,
                    alpha=number(item.alpha) if item.alpha is not None else "–",
                    percent=percent(item.percent),
                )
                for item in agreement
            ]
        ),
    )
