"""The parts of a programme's results chapter that describe processes across sites: the cross-case
matrix, the degree of goal-directed implementation, and the phases."""

from collections import Counter

from django.utils.translation import gettext as _

from analysis.phrases import render
from publishing import labels
from publishing.contexts.common import PHASE_KEYS, PRINT_SITE_LIMIT, phase_figure, share
from publishing.contexts.evaluation.context import (
    DEGREES,
    ReportContext,
    cell_text,
    degree_columns,
    degree_row,
)
from publishing.document import BulletList, Paragraph, Section, Table
from publishing.text import publishable_text
from publishing.wording import Quantity


def matrix_section(ctx: ReportContext, parent: Section, number: str, code: str, result) -> None:
    section = parent.subsection(f"{number} {_('Krydsmatrix')}", f"{code.lower()}-matrix")
    matrix = result.driver_matrix
    degree_of = {site.code: site.degree for site in result.sites}
    section.add(
        Paragraph(
            _(
                "Krydsmatricen samler vurderingen af hvert sted på hver driver fra −2 (klart hæmmende) til +2 "
                "(klart fremmende); – betyder ingen data og * en vurdering, som evaluator har bekræftet. "
                "Stederne er ordnet efter, hvor målrettet de arbejder."
            )
        )
    )
    if ctx.full:
        rows = []
        for group, codes in result.sites_by_degree().items():
            for site in codes:
                cells = matrix.cells.get(site, {})
                row = [site, labels.degree(group)]
                for driver in matrix.codes:
                    cell = cells.get(driver)
                    row += [cell_text(cell), f"{cell.promoters}/{cell.inhibitors}" if cell else None]
                rows.append(row)
        columns = [_("Sted"), _("Grad")]
        for driver in matrix.codes:
            columns += [ctx.driver(driver), _("{driver} +/−").format(driver=ctx.driver(driver))]
        section.add(
            Table(
                key=f"matrix-{code.lower()}",
                caption=_("Krydsmatrix for {programme}: steder × drivere").format(programme=code),
                columns=columns,
                rows=rows,
                note=_("+/− er antal fremmere/hæmmere bag vurderingen."),
            )
        )
    else:
        rows = []
        for driver in matrix.codes:
            ratings = Counter(
                (degree_of.get(site) or "unclassified", matrix.rating(site, driver)) for site in matrix.sites
            )
            for group in DEGREES:
                values = [ratings.get((group, r), 0) for r in (2, 1, 0, -1, -2, None)]
                if sum(values):
                    rows.append([ctx.driver(driver), labels.degree(group), *values])
        section.add(
            Table(
                key=f"matrix-{code.lower()}",
                caption=_("Krydsmatrix for {programme}: antal steder med hver vurdering").format(
                    programme=code
                ),
                columns=[_("Driver"), _("Grad"), "+2", "+1", "0", "−1", "−2", _("Mangler")],
                rows=rows,
            )
        )
    section.add(distinction_table(ctx, f"adskiller-{code.lower()}", result.distinguishing_drivers, "driver"))


def distinction_table(ctx: ReportContext, key: str, distinctions, kind: str) -> Table:
    label = ctx.codebook.driver if kind == "driver" else ctx.codebook.mechanism
    return Table(
        key=key,
        caption=_("Hvad adskiller stederne med høj grad fra stederne med lav grad"),
        columns=[
            _("Driver") if kind == "driver" else _("Mekanisme"),
            _("Adskiller"),
            _("Gennemsnit høj"),
            _("Gennemsnit lav"),
            _("Høj: positive"),
            _("Høj: i alt"),
            _("Lav: positive"),
            _("Lav: i alt"),
        ],
        rows=[
            [
                label(d.code),
                str(labels.STRENGTH_LABELS.get(d.strength, d.strength)),
                d.high_mean,
                d.low_mean,
                d.high_counts.get("positive", 0),
                d.high_counts.get("sites", 0),
                d.low_counts.get("positive", 0),
                d.low_counts.get("sites", 0),
            ]
            for d in distinctions
        ],
        note=_("Positive = antal steder i gruppen med en positiv vurdering; i alt = steder i gruppen."),
    )


def _provisional(classification) -> tuple[bool, str]:
    """Whether the classification is provisional and why (fields the analysis may not have yet)."""
    provisional = bool(getattr(classification, "provisional", False))
    reasons = getattr(classification, "provisional_reasons", None) or []
    return provisional, "; ".join(render(reason, labels.readable) for reason in reasons)


def degree_section(ctx: ReportContext, parent: Section, number: str, code: str, result) -> None:
    section = parent.subsection(f"{number} {_('Grad af målrettet implementering')}", f"{code.lower()}-grad")
    counts = result.degree_counts
    total = len(result.sites)
    high = Quantity(counts.get("high", 0), total)
    low = Quantity(counts.get("low", 0), total)
    section.add(
        Paragraph(
            _(
                "Hvor målrettet et sted arbejder, vurderes ud fra de kriterier, metodekapitlet beskriver. I "
                "{programme} arbejder {high} målrettet i høj grad og {low} i lav grad eller ikke."
            ).format(programme=code, high=high.counted, low=low.counted)
        ),
        Table(
            key=f"grad-antal-{code.lower()}",
            caption=_("Antal steder efter grad af målrettet implementering i {programme}").format(
                programme=code
            ),
            columns=degree_columns(),
            rows=[degree_row(counts)],
        ),
    )
    if not ctx.full:
        return
    provisional = [(site.code, _provisional(site.classification)) for site in result.sites]
    provisional = [(site, reason) for site, (is_provisional, reason) in provisional if is_provisional]
    if provisional:
        section.add(
            Paragraph(
                _(
                    "Klassifikationen er foreløbig for {sites}, fordi den kan flytte sig, når der kommer mere "
                    "data til:"
                ).format(sites=Quantity(len(provisional), total).counted)
            ),
            BulletList([f"{site}: {reason or _('for lidt data')}." for site, reason in provisional]),
        )
    many = len(result.sites) > PRINT_SITE_LIMIT
    overridden = any(site.classification.override for site in result.sites)
    rows = []
    for site in result.sites:
        c = site.classification
        override = c.override
        listed = (
            [len(c.held), len(c.not_held), len(c.missing_evidence)]
            if many
            else [
                [labels.criterion(k) for k in c.held] or None,
                [labels.criterion(k) for k in c.not_held] or None,
                [labels.criterion(k) for k in c.missing_evidence] or None,
            ]
        )
        proposed = labels.degree(c.proposed)
        if _provisional(c)[0]:
            proposed += " " + _("(foreløbig)")
        overrides = (
            [
                labels.degree(override.degree) if override else None,
                publishable_text(override.reason) if override else None,
            ]
            if overridden
            else []
        )
        score = None if c.score is None else round(c.score, 2)
        rows.append([site.code, proposed, score, *overrides, *listed])
    section.add(
        Table(
            key=f"grad-{code.lower()}",
            caption=_("Klassifikation pr. sted med kriterier og evaluators tilsidesættelser")
            if overridden
            else _("Klassifikation pr. sted med kriterierne"),
            columns=[
                _("Sted"),
                _("Foreslået grad"),
                _("Score"),
                *([_("Tilsidesat til"), _("Begrundelse")] if overridden else []),
                _("Kriterier opfyldt"),
                _("Ikke opfyldt"),
                _("Mangler data"),
            ],
            rows=rows,
            landscape=not many,
            note=" ".join(
                filter(
                    None,
                    [
                        _(
                            "Antal kriterier opfyldt, ikke opfyldt og uden data; hvert kriteriums værdi står i bilaget."
                        )
                        if many
                        else _("Kriterierne med data og tal for hvert sted står i bilaget."),
                        "" if overridden else _("Evaluator har ikke tilsidesat nogen klassifikation."),
                    ],
                )
            ),
        )
    )


def phase_section(ctx: ReportContext, parent: Section, number: str, code: str, result) -> None:
    section = parent.subsection(f"{number} {_('Faseforløb og prøvehandlinger')}", f"{code.lower()}-faser")
    trajectories = [
        result.trajectories[site.code] for site in result.sites if site.code in result.trajectories
    ]
    relapses = sum(path.relapses for path in trajectories)
    with_relapse = Quantity(sum(1 for path in trajectories if path.relapses), len(trajectories))
    reached_last = sum(1 for path in trajectories if path.highest_phase == PHASE_KEYS[-1])
    section.add(
        Paragraph(
            _(
                "Stederne bevæger sig gennem de fire faser i forskelligt tempo. {reached} af {total} steder har "
                "nået fasen {last}. Der var {relapses} tilbagefald til en tidligere fase, fordelt på {spread}."
            ).format(
                reached=reached_last,
                total=len(trajectories),
                last=labels.phase(PHASE_KEYS[-1]).lower(),
                relapses=relapses,
                spread=with_relapse.counted,
            )
        )
    )
    if ctx.full:
        section.add(
            phase_figure(
                key=f"faser-{code.lower()}",
                caption=_("Faseforløb for stederne i {programme}").format(programme=code),
                trajectories=trajectories,
            )
        )
    stage_rows = []
    for index, phase in enumerate(PHASE_KEYS):
        stages = [path.stages[index] for path in trajectories if len(path.stages) > index]
        reached = [s for s in stages if s.reached]
        durations = [s.duration_days for s in reached if s.duration_days is not None]
        completion = [s.completed_share for s in stages if s.activities]
        stage_rows.append(
            [
                labels.phase(phase),
                len(reached),
                round(sum(durations) / len(durations)) if durations else None,
                share(sum(completion) / len(completion)) if completion else None,
            ]
        )
    section.add(
        Table(
            key=f"faser-gennemfoert-{code.lower()}",
            caption=_(
                "Faserne i {programme}: steder, der nåede fasen, varighed og andel aktiviteter gennemført"
            ).format(programme=code),
            columns=[
                _("Fase"),
                _("Steder i fasen"),
                _("Varighed i dage (gns.)"),
                _("Andel aktiviteter gennemført"),
            ],
            rows=stage_rows,
        )
    )
    counts = result.trial_actions.per_programme.get(code)
    if counts is not None and counts.agreed:
        section.add(
            Paragraph(
                _(
                    "I alt blev der aftalt {agreed} prøvehandlinger. {followed} blev fulgt op ved et senere besøg: "
                    "{done} blev gennemført, {partly} delvist, {not_done} ikke, og {dropped} blev droppet. "
                    "{never} blev aldrig fulgt op, og {open} er stadig åbne."
                ).format(
                    agreed=counts.agreed,
                    followed=counts.followed_up,
                    done=counts.done,
                    partly=counts.partly,
                    not_done=counts.not_done,
                    dropped=counts.dropped,
                    never=counts.never_followed_up,
                    open=counts.open,
                )
            )
        )
