"""Charts for the report, drawn with matplotlib to SVG files (no network, no CDN).

The agency card's history line is drawn by hand and written inline (`history_line`): its
values and dates are text a reader can select and a PDF keeps, its markers carry tooltips.

Text stays text in the SVG (``svg.fonttype = none``) so that the browser draws Thai with its
own Thai fonts (Debian: fonts-thai-tlwg); the report embeds the files with <img>, where
an SVG can run nothing. Colours differ in lightness and the quadrant points in shape, so a
chart printed in grey still tells them apart; counts are drawn on whole-number axes.
"""

from __future__ import annotations

import io

import matplotlib
from markupsafe import Markup, escape

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

# Thai-capable families first where installed (they size the text); the browser draws it
_INSTALLED = {f.name for f in font_manager.fontManager.ttflist}
FONTS = [f for f in ("Loma", "Garuda", "Sarabun", "Noto Sans Thai") if f in _INSTALLED] + ["DejaVu Sans"]
STYLE = {"svg.fonttype": "none", "font.family": FONTS, "font.size": 11, "svg.hashsalt": "egovscan",
         "axes.spines.top": False, "axes.spines.right": False}
# dark blue, light grey, mid orange, dark red: four distinct greys when printed without colour
BLUE, GREY, ORANGE, RED = "#1f4e8c", "#c4ccd4", "#e08a2e", "#7a1f1f"
DARK_GREY = "#4a4a4a"


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def bar_chart(labels: list[str], values: list[float], xlabel: str, horizontal: bool = False,
              percent: bool = False, width: float = 7.5, colour: str | None = None) -> str:
    """Bars with their values written on them; a chart of counts gets whole-number ticks."""
    with plt.rc_context(STYLE):
        height = max(2.2, 0.34 * len(labels) + 0.9) if horizontal else 3.2
        fig, ax = plt.subplots(figsize=(width, height))
        positions = range(len(labels))
        if horizontal:
            bars = ax.barh(positions, values, color=colour or BLUE)
            ax.set_yticks(list(positions), labels)
            ax.invert_yaxis()
            ax.set_xlabel(xlabel)
            axis = ax.xaxis
            if percent:
                ax.set_xlim(0, 100)
        else:
            bars = ax.bar(positions, values, color=colour or BLUE)
            ax.set_xticks(list(positions), labels)
            ax.set_ylabel(xlabel)
            axis = ax.yaxis
        if not percent:
            axis.set_major_locator(MaxNLocator(integer=True))
        ax.bar_label(bars, fmt="%.0f%%" if percent else "%.0f", padding=2, fontsize=10)
        return _svg(fig)


def criteria_chart(labels: list[str], values: list[float | None], xlabel: str) -> str:
    """A framework's criteria as horizontal bars of per cent met, in a dark grey that prints as
    it shows; a criterion that does not apply is drawn as 0 and labelled by the page."""
    return bar_chart(labels, [v or 0.0 for v in values], xlabel, horizontal=True, percent=True,
                     width=6.5, colour=DARK_GREY)


def gauge(score: float) -> str:
    """A ring filled to the score (0-100), drawn by hand: no text, the page writes the number."""
    score = max(0.0, min(100.0, float(score)))
    radius = 52
    length = 2 * 3.141592653589793 * radius
    filled = length * score / 100
    colour = BLUE if score >= 50 else ORANGE if score >= 25 else RED
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">'
            f'<circle cx="60" cy="60" r="{radius}" fill="none" stroke="#e3e8ee" stroke-width="12"/>'
            f'<circle cx="60" cy="60" r="{radius}" fill="none" stroke="{colour}" stroke-width="12" '
            f'stroke-dasharray="{filled:.1f} {length:.1f}" transform="rotate(-90 60 60)"/></svg>')


# a panel this small has its points named on the chart; a larger one names them in the table below
NAMED_POINTS = 25
NAME_CHARS = 28


def quadrant_chart(points: list[tuple], score_mean: float, growth_mean: float,
                   xlabel: str, ylabel: str, names: dict | None = None) -> str:
    """Scatter of (osi_raw, growth, quadrant[, site name]) with the two panel means as the
    quadrant lines; each quadrant has its own marker shape, and `names` translates the quadrants'
    names. Up to NAMED_POINTS points carry their site's name (as plain text: a name is data)."""
    styles = {"Developed": (BLUE, "o"), "Rising Star": (ORANGE, "^"), "Maintain": (GREY, "s"), "Developing": (RED, "D")}
    names = names or {}
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 4.8))
        for quadrant, (colour, marker) in styles.items():
            xs = [p[0] for p in points if p[2] == quadrant]
            ys = [p[1] for p in points if p[2] == quadrant]
            if xs:
                ax.scatter(xs, ys, s=40, color=colour, marker=marker, edgecolors="#222", linewidths=0.6,
                           label=f"{names.get(quadrant, quadrant)} ({len(xs)})")
        if len(points) <= NAMED_POINTS:
            for point in points:
                if len(point) > 3 and point[3]:
                    name = point[3] if len(point[3]) <= NAME_CHARS else point[3][:NAME_CHARS - 1] + "…"
                    ax.annotate(name, (point[0], point[1]), xytext=(5, 4), textcoords="offset points",
                                fontsize=8, color=DARK_GREY, parse_math=False)
        ax.axvline(score_mean, color="#555", linewidth=0.8, linestyle="--")
        ax.axhline(growth_mean, color="#555", linewidth=0.8, linestyle="--")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="best", fontsize=10, frameon=False)
        return _svg(fig)


# line styles of the history line's frameworks: dark strokes told apart by dash and marker, so
# that they stay apart printed in grey
LINE_STYLES = ((BLUE, "", "circle"), (DARK_GREY, "6 4", "square"), (RED, "2 3", "diamond"))
LINE_WIDTH, LINE_HEIGHT = 640, 150          # the plot area's box, in SVG units
LINE_LEFT, LINE_TOP, LINE_RIGHT = 36, 20, 24


def _marker(shape: str, x: float, y: float, colour: str, title: str, size: float = 4) -> str:
    tip = f"<title>{escape(title)}</title>"
    if shape == "square":
        side = 1.75 * size
        return (f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" height="{side:.1f}" '
                f'fill="{colour}">{tip}</rect>')
    if shape == "diamond":
        d = 1.1 * size
        return (f'<path d="M{x:.1f} {y - d:.1f}L{x + d:.1f} {y:.1f}L{x:.1f} {y + d:.1f}L{x - d:.1f} {y:.1f}Z" '
                f'fill="{colour}">{tip}</path>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:g}" fill="{colour}">{tip}</circle>'


def history_line(dates: list[tuple[str, str]], series: list[tuple[str, list[float | None]]], value_text,
                 point_title: str, label: str) -> Markup:
    """A site's score (0-100) night after night as a small SVG to write inline in the page: one
    line per framework, a marker per night with its value as a tooltip (`point_title`, with
    {date}, {framework} and {value}) and, for up to twelve nights (else the first and the
    last), as text above it; dates
    (date, time or "") under the axis, thinned out to what fits. Nothing in it can run: no
    script, no link, no style, every text escaped. A night without a score breaks the line."""
    count = len(dates)
    step = LINE_WIDTH / max(count - 1, 1)
    bottom = LINE_TOP + LINE_HEIGHT
    with_time = any(time for _, time in dates)
    legend_top = bottom + (54 if with_time else 42)
    height = legend_top + (18 * len(series) if len(series) > 1 else 0)
    width = LINE_LEFT + LINE_WIDTH + LINE_RIGHT

    def x_of(i: int) -> float:
        return LINE_LEFT + (i * step if count > 1 else LINE_WIDTH / 2)

    def y_of(value: float) -> float:
        return bottom - LINE_HEIGHT * max(0.0, min(100.0, float(value))) / 100

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{escape(label)}" font-size="12" fill="#1d2733">',
             f"<title>{escape(label)}</title>"]
    for level in (0, 25, 50, 75, 100):
        y = y_of(level)
        parts.append(f'<line x1="{LINE_LEFT}" y1="{y:.1f}" x2="{LINE_LEFT + LINE_WIDTH}" y2="{y:.1f}" '
                     f'stroke="{"#9aa5b1" if level == 0 else "#dde2e7"}" stroke-width="1"/>')
        if level in (0, 50, 100):
            parts.append(f'<text x="{LINE_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4a5663">'
                         f"{escape(value_text(level))}</text>")
    shown = max(1, LINE_WIDTH // (130 if with_time else 110))    # date labels that fit side by side
    every = -(-count // shown)
    labelled = sorted(set(range(0, count, every)) | {count - 1})
    if len(labelled) > 2 and labelled[-1] - labelled[-2] < every:
        del labelled[-2]                       # the newest night's date beats its crowded neighbour
    for i in labelled:
        date, time = dates[i]
        anchor = "start" if i == 0 and count > 1 else "end" if i == count - 1 and count > 1 else "middle"
        parts.append(f'<text x="{x_of(i):.1f}" y="{bottom + 18}" text-anchor="{anchor}" fill="#4a5663">'
                     f"{escape(date)}" + (f'<tspan x="{x_of(i):.1f}" dy="13">{escape(time)}</tspan>' if time else "")
                     + "</text>")
    for number, (name, values) in enumerate(series):
        colour, dash, shape = LINE_STYLES[number % len(LINE_STYLES)]
        runs, current = [], []
        for i, value in enumerate(values):
            if value is None:
                runs, current = runs + [current] if current else runs, []
            else:
                current.append((x_of(i), y_of(value)))
        runs += [current] if current else []
        for points in runs:
            if len(points) > 1:
                parts.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}" fill="none" '
                             f'stroke="{colour}" stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        for i, value in enumerate(values):
            if value is None:
                continue
            text = value_text(value)
            parts.append(_marker(shape, x_of(i), y_of(value), colour,
                                 point_title.format(date=" ".join(p for p in dates[i] if p), framework=name, value=text),
                                 4 if count <= 60 else 2))                # a year of nights: small markers
            if number == 0 and (count <= 12 or i in (0, count - 1)):
                parts.append(f'<text x="{x_of(i):.1f}" y="{y_of(value) - 8:.1f}" text-anchor="middle" '
                             f'font-weight="bold">{escape(text)}</text>')
        if len(series) > 1:
            y = legend_top + 18 * number
            parts.append(f'<line x1="{LINE_LEFT}" y1="{y - 4}" x2="{LINE_LEFT + 28}" y2="{y - 4}" stroke="{colour}" '
                         f'stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
            parts.append(_marker(shape, LINE_LEFT + 14, y - 4, colour, name))
            parts.append(f'<text x="{LINE_LEFT + 36}" y="{y}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
