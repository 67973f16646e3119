"""Charts for the report, drawn with matplotlib to SVG files (no network, no CDN).

Text stays text in the SVG (``svg.fonttype = none``) so that the browser draws Thai with its
own Thai fonts (Debian: fonts-thai-tlwg); the report embeds the files with <img>, where
an SVG can run nothing.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

# Thai-capable families first where installed (they size the text); the browser draws it
_INSTALLED = {f.name for f in font_manager.fontManager.ttflist}
FONTS = [f for f in ("Loma", "Garuda", "Sarabun", "Noto Sans Thai") if f in _INSTALLED] + ["DejaVu Sans"]
STYLE = {"svg.fonttype": "none", "font.family": FONTS, "font.size": 10, "svg.hashsalt": "egovscan",
         "axes.spines.top": False, "axes.spines.right": False}
BLUE, GREY, ORANGE = "#1f5fa8", "#9aa5b1", "#d9822b"


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def bar_chart(labels: list[str], values: list[float], xlabel: str, horizontal: bool = False,
              percent: bool = False) -> str:
    with plt.rc_context(STYLE):
        height = max(2.2, 0.28 * len(labels) + 0.8) if horizontal else 3.0
        fig, ax = plt.subplots(figsize=(7.5, height))
        positions = range(len(labels))
        if horizontal:
            bars = ax.barh(positions, values, color=BLUE)
            ax.set_yticks(list(positions), labels)
            ax.invert_yaxis()
            ax.set_xlabel(xlabel)
            if percent:
                ax.set_xlim(0, 100)
        else:
            bars = ax.bar(positions, values, color=BLUE)
            ax.set_xticks(list(positions), labels)
            ax.set_ylabel(xlabel)
        ax.bar_label(bars, fmt="%.0f%%" if percent else "%.0f", padding=2, fontsize=8)
        return _svg(fig)


def quadrant_chart(points: list[tuple[float, float, str]], score_mean: float, growth_mean: float,
                   xlabel: str, ylabel: str) -> str:
    """Scatter of (osi_raw, growth, quadrant) with the two panel means as the quadrant lines."""
    colours = {"Developed": BLUE, "Rising Star": ORANGE, "Maintain": GREY, "Developing": "#b33"}
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.5, 4.5))
        for quadrant, colour in colours.items():
            xs = [x for x, _, q in points if q == quadrant]
            ys = [y for _, y, q in points if q == quadrant]
            if xs:
                ax.scatter(xs, ys, s=28, color=colour, label=f"{quadrant} ({len(xs)})")
        ax.axvline(score_mean, color="#555", linewidth=0.8, linestyle="--")
        ax.axhline(growth_mean, color="#555", linewidth=0.8, linestyle="--")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="best", fontsize=8, frameon=False)
        return _svg(fig)
