"""Charts for the report, drawn with matplotlib to SVG files (no network, no CDN).

Text stays text in the SVG (``svg.fonttype = none``) so that the browser draws Thai with its
own Thai fonts (Debian: fonts-thai-tlwg); the report embeds the files with <img>, where
an SVG can run nothing. Colours differ in lightness and the quadrant points in shape, so a
chart printed in grey still tells them apart; counts are drawn on whole-number axes.
"""

from __future__ import annotations

import io

import matplotlib

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


def quadrant_chart(points: list[tuple[float, float, str]], score_mean: float, growth_mean: float,
                   xlabel: str, ylabel: str, names: dict | None = None) -> str:
    """Scatter of (osi_raw, growth, quadrant) with the two panel means as the quadrant lines;
    each quadrant has its own marker shape, and `names` translates the quadrants' names."""
    styles = {"Developed": (BLUE, "o"), "Rising Star": (ORANGE, "^"), "Maintain": (GREY, "s"), "Developing": (RED, "D")}
    names = names or {}
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 4.8))
        for quadrant, (colour, marker) in styles.items():
            xs = [x for x, _, q in points if q == quadrant]
            ys = [y for _, y, q in points if q == quadrant]
            if xs:
                ax.scatter(xs, ys, s=40, color=colour, marker=marker, edgecolors="#222", linewidths=0.6,
                           label=f"{names.get(quadrant, quadrant)} ({len(xs)})")
        ax.axvline(score_mean, color="#555", linewidth=0.8, linestyle="--")
        ax.axhline(growth_mean, color="#555", linewidth=0.8, linestyle="--")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="best", fontsize=10, frameon=False)
        return _svg(fig)
