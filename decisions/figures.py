"""The dashboard's figure as inline SVG, drawn server-side (no script or style attribute: CSP 'self').

Promoters rise above and inhibitors fall below a zero line, one panel per driver, one pair of bars
per period; the periods, counts, scale and bar positions come from the analysis's chart geometry
(analysis.computations.charts), the same the site page and the reports draw. Fill comes from
classes in static/css/decisions.css, and the inhibitor bars are also hatched so the figure reads in
black and white.
"""

from xml.sax.saxutils import escape

from analysis.computations.charts import BalanceChart

PANEL_HEIGHT = 120
LEFT = 44
RIGHT = 12
TOP = 22
BAR_SHARE = 0.75


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{escape(text)}</text>'


def balance_svg(
    chart: BalanceChart,
    *,
    driver_labels: dict[str, str],
    title: str,
    promoter_label: str,
    inhibitor_label: str,
    width: int = 640,
) -> str:
    """One panel per driver of `driver_labels`, all on the scale of the largest count."""
    drivers = list(driver_labels)
    peak = chart.peak(per_driver=True)
    plot_width = width - LEFT - RIGHT
    half = PANEL_HEIGHT / 2 - 4
    height = TOP + len(drivers) * (PANEL_HEIGHT + 28) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="balance-figure" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="balance-title">',
        f'<title id="balance-title">{escape(title)}</title>',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>',
    ]
    axis_bars = []
    for panel, driver in enumerate(drivers):
        top = TOP + panel * (PANEL_HEIGHT + 28)
        zero = top + PANEL_HEIGHT / 2
        parts.append(_text(LEFT, top - 6, driver_labels[driver], "panel-title"))
        parts.append(
            f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{width - RIGHT}" y2="{zero:.1f}" class="zero-line"/>'
        )
        parts.append(_text(LEFT - 6, top + 10, f"+{peak}", "axis-label", "end"))
        parts.append(_text(LEFT - 6, zero + 4, "0", "axis-label", "end"))
        parts.append(_text(LEFT - 6, top + PANEL_HEIGHT - 2, f"−{peak}", "axis-label", "end"))
        bars = chart.bars(
            width=plot_width, half=half, driver=driver, left=LEFT, share=BAR_SHARE, max_bar=plot_width
        )
        axis_bars = bars
        for bar in bars:
            label = f"{bar.label}: {bar.promoters} {promoter_label}, {bar.inhibitors} {inhibitor_label}"
            parts.append(f"<g><title>{escape(label)}</title>")
            if bar.up:
                parts.append(
                    f'<rect x="{bar.x:.1f}" y="{zero - bar.up:.1f}" width="{bar.width:.1f}" '
                    f'height="{bar.up:.1f}" class="bar-promoter"/>'
                )
            if bar.down:
                parts.append(
                    f'<rect x="{bar.x:.1f}" y="{zero:.1f}" width="{bar.width:.1f}" '
                    f'height="{bar.down:.1f}" class="bar-inhibitor"/>'
                )
            parts.append("</g>")
    axis_y = TOP + len(drivers) * (PANEL_HEIGHT + 28) - 12
    for bar in axis_bars:
        if bar.show_label:
            parts.append(_text(bar.centre, axis_y, bar.label, "axis-label", "middle"))
    legend_y = height - 8
    parts.append(f'<rect x="{LEFT}" y="{legend_y - 10}" width="12" height="10" class="bar-promoter"/>')
    parts.append(_text(LEFT + 16, legend_y, promoter_label, "legend"))
    parts.append(f'<rect x="{LEFT + 140}" y="{legend_y - 10}" width="12" height="10" class="bar-inhibitor"/>')
    parts.append(_text(LEFT + 156, legend_y, inhibitor_label, "legend"))
    parts.append("</svg>")
    return "".join(parts)
