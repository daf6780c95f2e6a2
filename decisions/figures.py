"""The dashboard's figure as inline SVG, drawn server-side (no script or style attribute: CSP 'self').

Promoters rise above and inhibitors fall below a zero line, one panel per driver, one pair of bars
per visit; fill comes from classes in static/css/decisions.css, and the inhibitor bars are also
hatched so the figure reads in black and white.
"""

from xml.sax.saxutils import escape

from decisions.dashboard import BalancePoint

PANEL_HEIGHT = 120
LEFT = 44
RIGHT = 12
TOP = 22
BAR_GAP = 0.25


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{escape(text)}</text>'


def balance_svg(
    points: tuple[BalancePoint, ...],
    *,
    driver_labels: dict[str, str],
    date_format,
    title: str,
    promoter_label: str,
    inhibitor_label: str,
    width: int = 640,
) -> str:
    """One panel per driver; `date_format` turns a date into the x-axis label."""
    drivers = list(driver_labels)
    peak = max([max(count.promoters, count.inhibitors) for point in points for count in point.counts] + [1])
    slots = max(len(points), 1)
    plot_width = width - LEFT - RIGHT
    slot = plot_width / slots
    height = TOP + len(drivers) * (PANEL_HEIGHT + 28) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="balance-figure" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="balance-title">',
        f'<title id="balance-title">{escape(title)}</title>',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>',
    ]
    for panel, driver in enumerate(drivers):
        top = TOP + panel * (PANEL_HEIGHT + 28)
        zero = top + PANEL_HEIGHT / 2
        scale = (PANEL_HEIGHT / 2 - 4) / peak
        parts.append(_text(LEFT, top - 6, driver_labels[driver], "panel-title"))
        parts.append(
            f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{width - RIGHT}" y2="{zero:.1f}" class="zero-line"/>'
        )
        parts.append(_text(LEFT - 6, top + 10, f"+{peak}", "axis-label", "end"))
        parts.append(_text(LEFT - 6, zero + 4, "0", "axis-label", "end"))
        parts.append(_text(LEFT - 6, top + PANEL_HEIGHT - 2, f"−{peak}", "axis-label", "end"))
        for index, point in enumerate(points):
            count = next(c for c in point.counts if c.driver == driver)
            x = LEFT + index * slot + slot * BAR_GAP / 2
            bar = slot * (1 - BAR_GAP)
            up = count.promoters * scale
            down = count.inhibitors * scale
            label = f"{date_format(point.held_on)}: {count.promoters} {promoter_label}, {count.inhibitors} {inhibitor_label}"
            parts.append(f"<g><title>{escape(label)}</title>")
            if up:
                parts.append(
                    f'<rect x="{x:.1f}" y="{zero - up:.1f}" width="{bar:.1f}" height="{up:.1f}" class="bar-promoter"/>'
                )
            if down:
                parts.append(
                    f'<rect x="{x:.1f}" y="{zero:.1f}" width="{bar:.1f}" height="{down:.1f}" class="bar-inhibitor"/>'
                )
            parts.append("</g>")
    axis_y = TOP + len(drivers) * (PANEL_HEIGHT + 28) - 12
    for index, point in enumerate(points):
        x = LEFT + index * slot + slot / 2
        parts.append(_text(x, axis_y, date_format(point.held_on), "axis-label", "middle"))
    legend_y = height - 8
    parts.append(f'<rect x="{LEFT}" y="{legend_y - 10}" width="12" height="10" class="bar-promoter"/>')
    parts.append(_text(LEFT + 16, legend_y, promoter_label, "legend"))
    parts.append(f'<rect x="{LEFT + 140}" y="{legend_y - 10}" width="12" height="10" class="bar-inhibitor"/>')
    parts.append(_text(LEFT + 156, legend_y, inhibitor_label, "legend"))
    parts.append("</svg>")
    return "".join(parts)
