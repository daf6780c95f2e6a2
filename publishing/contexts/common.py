"""Pieces shared by the evaluation report and the status report: figures and tables over analysis results."""

import datetime
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from analysis.computations.charts import balance_chart
from publishing import figures, labels
from publishing.document import Figure, Table
from publishing.figures import SWIMLANE_LIMIT, BalancePanel, Track
from publishing.labels import Codebook

DRIVERS = ("competence", "organisation", "leadership")
PHASE_KEYS = ("preparation", "prerequisite_analysis", "capacity_building", "adaptation_anchoring")
HEATMAP_SITE_LIMIT = 40
PRINT_SITE_LIMIT = 40  # above this many sites, tables with several rows per site go to CSV/XLSX only


def day(value: datetime.date | None) -> str:
    return date_format(value, "d.m.Y") if value else "–"


def share(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def year_fraction(value: datetime.date) -> float:
    start = datetime.date(value.year, 1, 1)
    return value.year + (value - start).days / 365.25


def half_year(value: datetime.date) -> str:
    return f"{value.year}-H{1 if value.month <= 6 else 2}"


def half_year_label(period: str) -> str:
    """ "2020-H1" → "1. halvår 2020"."""
    year, _separator, half = period.partition("-H")
    return _("{half}. halvår {year}").format(half=half, year=year) if half else period


def balance_figure(
    *, key: str, caption: str, panels: list[tuple[str, dict[str, dict[str, object]]]], codebook: Codebook
) -> Figure:
    """Driver balance per period; `panels` are (title, {period: {driver: Tally}}) pairs, laid out
    by the chart geometry every page shares (analysis.computations.charts)."""
    figure_panels = []
    rows = []
    for title, by_period in panels:
        chart = balance_chart(by_period)
        series = [(codebook.driver(driver), chart.series(driver)) for driver in DRIVERS]
        figure_panels.append(BalancePanel(title=title, periods=chart.periods, series=series))
        for period in chart.periods:
            for driver in DRIVERS:
                tally = chart.tally(period, driver)
                rows.append(
                    [
                        title,
                        period,
                        codebook.driver(driver),
                        tally.promoters,
                        tally.inhibitors,
                        share(tally.balance),
                    ]
                )
    table = Table(
        key=f"{key}-tal",
        caption=_("Tallene bag figuren: fremmere, hæmmere og balance pr. driver og periode"),
        columns=[_("Enhed"), _("Periode"), _("Driver"), _("Fremmere"), _("Hæmmere"), _("Balance")],
        rows=rows,
    )
    return Figure(
        key=key,
        caption=caption,
        draw=lambda: figures.balance_over_time(panels=figure_panels, balance_label=_("Balance (−1 til +1)")),
        table=table,
        note=_(
            "Balance = (fremmere − hæmmere) / (fremmere + hæmmere). Drivere skelnes ved markør og linjetype; "
            "perioder uden udsagn er udeladt."
        ),
    )


def phase_figure(*, key: str, caption: str, trajectories: list) -> Figure:
    """All sites' phase trajectories: one lane per site up to SWIMLANE_LIMIT sites, else per half-year
    how many sites were in each phase (the phase of their last visit in the half-year) and the relapses."""
    phase_index = {key: index for index, key in enumerate(PHASE_KEYS)}
    phase_labels = labels.phases()
    if len(trajectories) == 1:
        path = trajectories[0]
        track = Track(
            label=path.site,
            points=[(year_fraction(p.date), phase_index[p.phase], p.relapse) for p in path.points],
        )
        table = Table(
            key=f"{key}-tal",
            caption=_("Tallene bag figuren: fasen ved hvert besøg"),
            columns=[_("Dato"), _("Fase"), _("Tilbagefald")],
            rows=[[day(p.date), labels.phase(p.phase), _("Ja") if p.relapse else None] for p in path.points],
        )
        return Figure(
            key=key,
            caption=caption,
            draw=lambda: figures.phase_steps(
                track=track, phase_labels=phase_labels, relapse_label=_("Tilbagefald"), time_label=_("År")
            ),
            table=table,
            note=_("Markørens form viser fasen; en ring markerer et tilbagefald til en tidligere fase."),
        )
    if len(trajectories) <= SWIMLANE_LIMIT:
        tracks = [
            Track(
                label=path.site,
                points=[(year_fraction(p.date), phase_index[p.phase], p.relapse) for p in path.points],
            )
            for path in trajectories
        ]
        rows = [
            [
                path.site,
                len(path.points),
                labels.phase(path.points[0].phase) if path.points else None,
                labels.phase(path.highest_phase),
                labels.phase(path.current_phase),
                path.relapses,
            ]
            for path in trajectories
        ]
        table = Table(
            key=f"{key}-tal",
            caption=_("Tallene bag figuren: besøg, faser og tilbagefald pr. sted"),
            columns=[
                _("Sted"),
                _("Besøg med fase"),
                _("Første fase"),
                _("Højeste fase"),
                _("Seneste fase"),
                _("Tilbagefald"),
            ],
            rows=rows,
        )
        return Figure(
            key=key,
            caption=caption,
            draw=lambda: figures.phase_swimlanes(
                tracks=tracks, phase_labels=phase_labels, relapse_label=_("Tilbagefald"), time_label=_("År")
            ),
            table=table,
            note=_(
                "Hvert sted har sin bane; markørens form og højden i banen viser fasen ved besøget, "
                "en ring markerer et tilbagefald til en tidligere fase."
            ),
        )
    last_phase: dict[tuple[str, str], int] = {}
    relapses: dict[str, int] = defaultdict(int)
    for path in trajectories:
        for point in path.points:
            period = half_year(point.date)
            last_phase[(path.site, period)] = phase_index[point.phase]
            if point.relapse:
                relapses[period] += 1
    periods = sorted({period for _site, period in last_phase})
    counts = {period: [0, 0, 0, 0] for period in periods}
    for (_site, period), index in last_phase.items():
        counts[period][index] += 1
    table = Table(
        key=f"{key}-tal",
        caption=_("Tallene bag figuren: antal steder i hver fase og tilbagefald pr. halvår"),
        columns=[_("Halvår"), *phase_labels, _("Tilbagefald")],
        rows=[[half_year_label(period), *counts[period], relapses[period]] for period in periods],
    )
    return Figure(
        key=key,
        caption=caption,
        draw=lambda: figures.phase_distribution(
            periods=[half_year_label(period) for period in periods],
            counts=[counts[p] for p in periods],
            relapses=[relapses[p] for p in periods],
            phase_labels=phase_labels,
            sites_label=_("Steder"),
            relapse_label=_("tilbagefald"),
        ),
        table=table,
        note=_(
            "Med {sites} steder vises forløbene samlet: for hvert halvår antallet af steder i hver fase "
            "(fasen ved stedets sidste besøg i halvåret) og antallet af tilbagefald (↓). "
            "Forløbet for hvert sted står i bilaget."
        ).format(sites=len(trajectories)),
    )


def attention_figure(
    *,
    key: str,
    caption: str,
    sites: list,
    groups: dict[str, str],
    codebook: Codebook,
    aggregate: bool = False,
) -> Figure:
    """Sites × the ten attention points, or shares per group of sites when there are many sites.

    `sites` are SiteAttention rows; `groups` maps a site code to its group label (programme and degree).
    """
    numbers = [code.number for code in codebook.points] or list(range(1, 11))
    columns = [str(n) for n in numbers]
    if len(sites) <= HEATMAP_SITE_LIMIT and not aggregate:
        row_labels = [site.site for site in sites]
        values = [[1.0 if site.cells[n].worked else 0.0 for n in numbers] for site in sites]
        as_share = False
        table_rows = [
            [site.site, *(1 if site.cells[n].worked else 0 for n in numbers), len(site.worked)]
            for site in sites
        ]
        first_column = _("Sted")
        note = _("✓ = stedet har arbejdet med punktet (fra stedsvurderinger eller kodede passager).")
    else:
        members: dict[str, list] = defaultdict(list)
        for site in sites:
            members[groups.get(site.site, "")].append(site)
        row_labels = sorted(members)
        values = [
            [sum(1 for s in members[group] if s.cells[n].worked) / len(members[group]) for n in numbers]
            for group in row_labels
        ]
        as_share = True
        table_rows = [
            [group, *(round(v, 2) for v in row), len(members[group])]
            for group, row in zip(row_labels, values, strict=True)
        ]
        first_column = _("Gruppe af steder")
        note = _(
            "Andelen af stederne i hver gruppe (program og grad), der har arbejdet med punktet ({sites} steder i alt)."
        ).format(sites=len(sites))
    last_column = _("Punkter i alt") if not as_share else _("Steder i gruppen")
    table = Table(
        key=f"{key}-tal",
        caption=_("Tallene bag figuren: opmærksomhedspunkter arbejdet med"),
        columns=[first_column, *columns, last_column],
        rows=table_rows,
        note=" ".join(f"{n}: {codebook.point_label(n)}." for n in numbers),
    )
    return Figure(
        key=key,
        caption=caption,
        draw=lambda: figures.heatmap(
            row_labels=row_labels, column_labels=columns, values=values, as_share=as_share
        ),
        table=table,
        note=note,
    )
