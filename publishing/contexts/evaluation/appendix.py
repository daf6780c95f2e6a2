"""Bilag: the tables per site behind the chapters. Wide tables are split so each part fits a page
(criteria × sites in groups of sites) or set on a landscape page."""

from django.utils.translation import gettext as _

from analysis.phrases import render
from publishing import labels
from publishing.contexts.common import DRIVERS, PRINT_SITE_LIMIT, day, share
from publishing.contexts.evaluation.context import ReportContext, cell_text, held_text
from publishing.contexts.evaluation.processes import distinction_table
from publishing.document import Paragraph, Section, Table
from publishing.text import publishable_text

SITES_PER_PART = 7  # site columns per part of a criteria × sites table on a landscape page


def appendix(ctx: ReportContext, section: Section) -> None:
    if not ctx.full:
        section.add(Paragraph(_("Den samlede udgave har ingen tabeller pr. sted.")))
        cooccurrence(ctx, section)
        return
    for code, result in ctx.per_programme.items():
        programme_tables(ctx, section, code, result)
    site_tables(ctx, section)
    cooccurrence(ctx, section)


def programme_tables(ctx: ReportContext, section: Section, code: str, result) -> None:
    mechanisms = result.mechanism_matrix
    section.add(
        Table(
            key=f"bilag-mekanismer-{code.lower()}",
            caption=_("Krydsmatrix for {programme}: steder × mekanismer").format(programme=code),
            columns=[_("Sted"), *(ctx.codebook.mechanism(m) for m in mechanisms.codes)],
            rows=[
                [site, *(cell_text(mechanisms.cells[site].get(m)) for m in mechanisms.codes)]
                for site in mechanisms.sites
            ],
            landscape=True,
        ),
        distinction_table(
            ctx, f"bilag-adskiller-mekanismer-{code.lower()}", result.distinguishing_mechanisms, "mechanism"
        ),
    )
    keys = [
        key
        for key, spec in result.config.get("degree", {}).get("criteria", {}).items()
        if float(spec.get("weight", 0)) > 0
    ]
    values = {site.code: {c.key: c.value for c in site.classification.criteria} for site in result.sites}
    many = len(result.sites) > PRINT_SITE_LIMIT
    parts = (
        [result.sites]
        if many
        else [
            result.sites[start : start + SITES_PER_PART]
            for start in range(0, len(result.sites), SITES_PER_PART)
        ]
    )
    for index, sites in enumerate(parts, start=1):
        suffix = f" ({index}/{len(parts)})" if len(parts) > 1 else ""
        section.add(
            Table(
                key=f"bilag-kriterievaerdier-{code.lower()}" + (f"-{index}" if len(parts) > 1 else ""),
                caption=_("Kriteriernes værdier (0–1) pr. sted i {programme}").format(programme=code)
                + suffix,
                columns=[_("Kriterium"), *(site.code for site in sites)],
                rows=[
                    [_("Grad"), *(labels.degree(site.degree) for site in sites)],
                    [_("Score"), *(site.classification.score for site in sites)],
                    *([labels.criterion(k), *(values[site.code].get(k) for site in sites)] for k in keys),
                ],
                note=_("– = ingen data for kriteriet."),
                data_only=many,
                landscape=True,
            )
        )
    rows = []
    for site in result.sites:
        for criterion in site.classification.criteria:
            rows.append(
                [
                    site.code,
                    labels.criterion(criterion.key),
                    criterion.value,
                    held_text(criterion.held),
                    labels.source(criterion.source),
                    publishable_text(render(criterion.evidence or criterion.missing, labels.readable))
                    or None,
                ]
            )
    section.add(
        Table(
            key=f"bilag-kriterier-{code.lower()}",
            caption=_("Kriterierne for graden pr. sted i {programme}: værdi, kilde og evidens").format(
                programme=code
            ),
            columns=[_("Sted"), _("Kriterium"), _("Værdi (0–1)"), _("Opfyldt"), _("Kilde"), _("Evidens")],
            rows=rows,
            data_only=many,
        )
    )
    if many:
        section.add(
            Paragraph(
                _(
                    "Evidensen bag hvert kriterium for hvert af de {n} steder ({rows} rækker) er for lang til at "
                    "trykke; den står i CSV- og XLSX-udgaven af rapporten."
                ).format(n=len(result.sites), rows=len(rows))
            )
        )


def site_tables(ctx: ReportContext, section: Section) -> None:
    sites = ctx.overall.sites
    section.add(
        Table(
            key="bilag-steder",
            caption=_("Stederne: grad, faser og opmærksomhedspunkter"),
            columns=[
                _("Sted"),
                _("Program"),
                _("Grad"),
                _("Højeste fase"),
                _("Seneste fase"),
                _("Tilbagefald"),
                _("Punkter (nr.)"),
            ],
            rows=[
                [
                    s.code,
                    s.programme,
                    labels.degree(s.degree),
                    labels.phase(s.highest_phase),
                    labels.phase(s.current_phase),
                    s.relapses,
                    ", ".join(str(n) for n in s.attention_points) or None,
                ]
                for s in sites
            ],
            note=_("Punkter (nr.) = de opmærksomhedspunkter, stedet har arbejdet med."),
        ),
        Table(
            key="bilag-steder-proevehandlinger",
            caption=_("Stederne: prøvehandlinger og balancen mellem fremmere og hæmmere"),
            columns=[
                _("Sted"),
                _("Prøvehandlinger aftalt"),
                _("Fulgt op"),
                _("Gennemført"),
                _("Aldrig fulgt op"),
                *(_("Balance {driver}").format(driver=ctx.driver_lower(d)) for d in DRIVERS),
            ],
            rows=[
                [
                    s.code,
                    s.trial_actions.agreed,
                    s.trial_actions.followed_up,
                    s.trial_actions.done,
                    s.trial_actions.never_followed_up,
                    *(share(s.balance.get(d)) for d in DRIVERS),
                ]
                for s in sites
            ],
        ),
    )
    never = ctx.overall.trial_actions.never_followed_up
    if never:
        section.add(
            Table(
                key="bilag-aldrig-fulgt-op",
                caption=_("Prøvehandlinger, der aldrig blev fulgt op"),
                data_only=len(sites) > PRINT_SITE_LIMIT,
                columns=[_("Sted"), _("Aftalt"), _("Driver"), _("Formål")],
                rows=[
                    [
                        a.site,
                        day(a.agreed_on),
                        ctx.driver(a.driver) if a.driver else None,
                        publishable_text(a.aim),
                    ]
                    for a in never
                ],
            )
        )


def cooccurrence_table(codebook, co, limit: int = 20) -> Table | None:
    """The most frequent pairs of codes in the same report; shared with the analysis pages."""
    if not co.pairs:
        return None
    pairs = sorted(co.pairs.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return Table(
        key="bilag-samforekomst",
        caption=_("Koder, der optræder sammen i samme rapport (de {n} hyppigste par)").format(n=len(pairs)),
        columns=[
            _("Kode"),
            _("Kode"),
            _("Rapporter med begge"),
            _("Rapporter med første"),
            _("Rapporter med anden"),
        ],
        rows=[
            [code_label(codebook, a), code_label(codebook, b), n, co.totals.get(a), co.totals.get(b)]
            for (a, b), n in pairs
        ],
    )


def cooccurrence(ctx: ReportContext, section: Section) -> None:
    table = cooccurrence_table(ctx.codebook, ctx.overall.co_occurrence)
    if table is not None:
        section.add(table)


def code_label(codebook, key: str) -> str:
    if key.startswith("ap") and key[2:].isdigit():
        return f"{_('Punkt')} {key[2:]}: {codebook.point_label(int(key[2:]))}"
    if key in DRIVERS:
        return codebook.driver(key)
    return codebook.mechanism(key)
