"""The report's figures, drawn with matplotlib over plain data (labels arrive translated).

Every figure must read in black and white: promoters and inhibitors differ by border and hatching,
phases by marker shape, drivers by marker and line style, heat-map cells carry their value as text.
Figures are built on `matplotlib.figure.Figure` (no pyplot state), so thousands of sites or many
reports in one process do not accumulate open figures.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib import rc_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

PHASE_MARKERS = ("o", "s", "^", "D")
PHASE_FILLS = ("white", "0.75", "0.45", "black")
PHASE_HATCHES = ("", "..", "//", "xx")
DRIVER_STYLES = (("o", "-"), ("s", "--"), ("^", ":"))
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
}
SWIMLANE_LIMIT = 40


def to_svg(figure: Figure) -> str:
    """An SVG element ready to inline in HTML (no XML prolog, no fixed pixel size)."""
    buffer = io.StringIO()
    with rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", text, count=1)


def to_png(figure: Figure, dpi: int = 120) -> bytes:
    buffer = io.BytesIO()
    with rc_context(RC):
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, max_lines=3, placeholder=" …")) or text


@dataclass(frozen=True)
class Statement:
    text: str
    count: int


def driver_figure(
    *,
    driver: str,
    promoters: Sequence[Statement],
    inhibitors: Sequence[Statement],
    promoters_label: str,
    inhibitors_label: str,
    none_label: str,
) -> Figure:
    """The driver in the middle, promoters on the left, inhibitors on the right, each with its count."""
    rows = max(len(promoters), len(inhibitors), 1)
    height = 1.2 + 0.85 * rows
    with rc_context(RC):
        figure = Figure(figsize=(8.5, height * 0.8))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, 10)
        axes.set_ylim(0, height)
        axes.axis("off")
        centre_y = (height - 0.6) / 2
        axes.add_patch(
            FancyBboxPatch(
                (4.15, centre_y - 0.35),
                1.7,
                0.7,
                boxstyle="round,pad=0.05",
                facecolor="white",
                edgecolor="black",
                linewidth=2,
            )
        )
        axes.text(5, centre_y, driver, ha="center", va="center", fontsize=12, fontweight="bold")
        axes.text(
            1.9, height - 0.3, promoters_label, ha="center", va="center", fontsize=11, fontweight="bold"
        )
        axes.text(
            8.1, height - 0.3, inhibitors_label, ha="center", va="center", fontsize=11, fontweight="bold"
        )
        for side, items in (("promoter", promoters), ("inhibitor", inhibitors)):
            x0 = 0.1 if side == "promoter" else 6.3
            if not items:
                axes.text(x0 + 1.8, centre_y, none_label, ha="center", va="center", style="italic")
            for index, item in enumerate(items):
                y = height - 0.9 - index * 0.85
                axes.add_patch(
                    FancyBboxPatch(
                        (x0, y - 0.32),
                        3.6,
                        0.64,
                        boxstyle="round,pad=0.03",
                        facecolor="white" if side == "promoter" else "0.92",
                        edgecolor="black",
                        linewidth=1.0,
                        linestyle="-" if side == "promoter" else "--",
                        hatch="" if side == "promoter" else "///",
                    )
                )
                sign = "+" if side == "promoter" else "−"
                axes.text(
                    x0 + 0.08,
                    y,
                    f"{sign} {item.count}",
                    ha="left",
                    va="center",
                    fontweight="bold",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                )
                axes.text(
                    x0 + 0.75,
                    y,
                    _wrap(item.text, 40),
                    ha="left",
                    va="center",
                    fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                )
                start = (x0 + 3.6, y) if side == "promoter" else (x0, y)
                end = (4.1, centre_y) if side == "promoter" else (5.9, centre_y)
                axes.annotate(
                    "",
                    xy=end,
                    xytext=start,
                    arrowprops={
                        "arrowstyle": "-|>" if side == "promoter" else "-[",
                        "linestyle": "-" if side == "promoter" else "--",
                        "color": "black",
                        "linewidth": 0.9,
                        "shrinkA": 2,
                        "shrinkB": 2,
                    },
                )
    return figure


@dataclass(frozen=True)
class Track:
    """One site's visits: (date as a float year, phase index 0-3, relapse?)."""

    label: str
    points: Sequence[tuple[float, int, bool]]


def year_axis(axes, xs: Sequence[float]) -> None:
    """Ticks at the turn of each year, labelled as whole years (2018, 2019), never 2018.0 / 2018.5."""
    if not xs:
        return
    first, last = math.floor(min(xs)), math.ceil(max(xs))
    years = list(range(first, last + 1))
    axes.set_xticks(years, [str(year) for year in years])
    axes.set_xlim(first - 0.05, last + 0.05)


def phase_swimlanes(
    *, tracks: Sequence[Track], phase_labels: Sequence[str], relapse_label: str, time_label: str
) -> Figure:
    """One lane per site; the height within the lane and the marker show the phase at each visit."""
    lanes = len(tracks)
    with rc_context(RC):
        figure = Figure(figsize=(10, 1.4 + 0.38 * max(lanes, 1)))
        axes = figure.add_subplot()
        by_phase: dict[int, tuple[list, list]] = {phase: ([], []) for phase in range(len(PHASE_MARKERS))}
        relapses: tuple[list, list] = ([], [])
        for lane, track in enumerate(reversed(tracks)):
            if not track.points:
                continue
            xs = [x for x, _, _ in track.points]
            ys = [lane + 0.1 + phase * 0.22 for _, phase, _ in track.points]
            axes.plot(xs, ys, color="0.4", linewidth=0.8, drawstyle="steps-post", zorder=1)
            for (x, phase, relapse), y in zip(track.points, ys, strict=True):
                by_phase[phase][0].append(x)
                by_phase[phase][1].append(y)
                if relapse:
                    relapses[0].append(x)
                    relapses[1].append(y)
        handles = []
        for phase, (xs, ys) in by_phase.items():
            handles.append(
                axes.scatter(
                    xs,
                    ys,
                    marker=PHASE_MARKERS[phase],
                    s=28,
                    facecolors=PHASE_FILLS[phase],
                    edgecolors="black",
                    linewidths=0.8,
                    zorder=2,
                    label=phase_labels[phase],
                )
            )
        handles.append(
            axes.scatter(
                *relapses,
                marker="o",
                s=120,
                facecolors="none",
                edgecolors="black",
                linewidths=1.4,
                zorder=3,
                label=relapse_label,
            )
        )
        axes.set_yticks([lane + 0.43 for lane in range(lanes)], [track.label for track in reversed(tracks)])
        axes.set_ylim(-0.2, max(lanes, 1))
        year_axis(axes, [x for track in tracks for x, _, _ in track.points])
        axes.set_xlabel(time_label)
        axes.grid(axis="x", color="0.85", linewidth=0.5)
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=5, frameon=False)
    return figure


def phase_steps(*, track: Track, phase_labels: Sequence[str], relapse_label: str, time_label: str) -> Figure:
    """One site's phase at each visit as a step line over the four phases, relapses ringed."""
    with rc_context(RC):
        figure = Figure(figsize=(8, 3.2))
        axes = figure.add_subplot()
        xs = [x for x, _, _ in track.points]
        ys = [phase for _, phase, _ in track.points]
        axes.plot(xs, ys, color="0.4", linewidth=1, drawstyle="steps-post", zorder=1)
        for phase, marker in enumerate(PHASE_MARKERS):
            points = [(x, y) for x, y in zip(xs, ys, strict=True) if y == phase]
            axes.scatter(
                [x for x, _ in points],
                [y for _, y in points],
                marker=marker,
                s=40,
                facecolors=PHASE_FILLS[phase],
                edgecolors="black",
                zorder=2,
            )
        relapses = [(x, phase) for x, phase, relapse in track.points if relapse]
        axes.scatter(
            [x for x, _ in relapses],
            [y for _, y in relapses],
            marker="o",
            s=160,
            facecolors="none",
            edgecolors="black",
            linewidths=1.4,
            zorder=3,
            label=relapse_label,
        )
        axes.set_yticks(range(len(phase_labels)), list(phase_labels))
        axes.set_ylim(-0.5, len(phase_labels) - 0.5)
        year_axis(axes, xs)
        axes.set_xlabel(time_label)
        axes.grid(axis="both", color="0.88", linewidth=0.5)
        if relapses:
            axes.legend(loc="lower right", frameon=False)
    return figure


def phase_distribution(
    *,
    periods: Sequence[str],
    counts: Sequence[Sequence[int]],
    relapses: Sequence[int],
    phase_labels: Sequence[str],
    sites_label: str,
    relapse_label: str,
) -> Figure:
    """For many sites: per period the number of sites in each phase (stacked, hatched) and the relapses."""
    with rc_context(RC):
        figure = Figure(figsize=(10, 4.5))
        axes = figure.add_subplot()
        positions = range(len(periods))
        bottom = [0] * len(periods)
        for phase, label in enumerate(phase_labels):
            values = [counts[p][phase] for p in positions]
            axes.bar(
                positions,
                values,
                bottom=bottom,
                color=PHASE_FILLS[phase],
                edgecolor="black",
                hatch=PHASE_HATCHES[phase],
                linewidth=0.6,
                label=label,
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        for position, total, relapse in zip(positions, bottom, relapses, strict=True):
            if relapse:
                axes.text(position, total, f"↓{relapse}", ha="center", va="bottom", fontsize=8)
        axes.set_xticks(list(positions), list(periods), rotation=45, ha="right")
        axes.set_ylabel(sites_label)
        handles, labels = axes.get_legend_handles_labels()
        axes.legend(handles, labels, loc="upper left", frameon=False, ncol=2, title=f"↓n = {relapse_label}")
    return figure


@dataclass(frozen=True)
class BalancePanel:
    """Balance per driver and period: (promoters − inhibitors) / all statements, None where no data."""

    title: str
    periods: Sequence[str]
    series: Sequence[tuple[str, Sequence[float | None]]]


def balance_over_time(*, panels: Sequence[BalancePanel], balance_label: str) -> Figure:
    columns = max(len(panels), 1)
    with rc_context(RC):
        figure = Figure(figsize=(min(5 * columns, 11), 3.6))
        for index, panel in enumerate(panels):
            axes = figure.add_subplot(1, columns, index + 1)
            positions = list(range(len(panel.periods)))
            for (label, values), (marker, style) in zip(panel.series, DRIVER_STYLES, strict=False):
                xs = [x for x, v in zip(positions, values, strict=True) if v is not None]
                ys = [v for v in values if v is not None]
                axes.plot(
                    xs,
                    ys,
                    marker=marker,
                    linestyle=style,
                    color="black",
                    markerfacecolor="white",
                    label=label,
                )
            axes.axhline(0, color="0.6", linewidth=0.8)
            axes.set_ylim(-1.05, 1.05)
            axes.set_xticks(positions, list(panel.periods), rotation=45, ha="right")
            axes.set_title(panel.title)
            if index == 0:
                axes.set_ylabel(balance_label)
        handles, labels = figure.axes[0].get_legend_handles_labels() if figure.axes else ([], [])
        figure.tight_layout(rect=(0, 0.1, 1, 1))
        figure.legend(handles, labels, loc="lower center", ncol=len(labels) or 1, frameon=False)
    return figure


def heatmap(
    *,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    as_share: bool,
    missing_label: str = "–",
) -> Figure:
    """Rows × columns in grey levels with each value written in its cell (✓ or a percentage)."""

    grid = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float).reshape(
        len(row_labels), len(column_labels)
    )
    with rc_context(RC):
        figure = Figure(figsize=(max(6, 0.75 * len(column_labels) + 2), 1.2 + 0.32 * max(len(row_labels), 1)))
        axes = figure.add_subplot()
        axes.imshow(
            np.ma.masked_invalid(grid), cmap="Greys", vmin=0, vmax=1.4 if as_share else 1.6, aspect="auto"
        )
        for r in range(grid.shape[0]):
            for c in range(grid.shape[1]):
                value = grid[r, c]
                if np.isnan(value):
                    text = missing_label
                elif as_share:
                    text = f"{value * 100:.0f} %"
                else:
                    text = "✓" if value else ""
                axes.text(
                    c,
                    r,
                    text,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if value > 0.7 else "black",
                )
        axes.set_xticks(range(len(column_labels)), list(column_labels))
        axes.set_yticks(range(len(row_labels)), list(row_labels))
        axes.tick_params(length=0)
        axes.xaxis.tick_top()
        for spine in axes.spines.values():
            spine.set_visible(False)
    return figure
