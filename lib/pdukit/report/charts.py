"""One chart style for every report, drawn to be read on a phone: SVG with its text kept as text, horizontal bars
with names on the left, large type, one ordered colour-blind-safe palette for the four ratings.

Charts carry no title, subtitle or source inside the image: `pdukit.display.figure` puts those in HTML around
the chart, where they wrap instead of being cut off. Each helper returns a matplotlib Figure.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from pdukit.analysis.measures import GRADE_LABELS, require_same_measure, value_column
from pdukit.dataset.schema import RATINGS, STANDARD_LABELS

# Okabe-Ito colours, ordered warm (worse) to cool (better): distinguishable with the common colour-vision deficiencies.
RATING_COLOURS = {
    "Inadequate": "#D55E00",
    "Requires improvement": "#E69F00",
    "Good": "#56B4E9",
    "Outstanding": "#0072B2",
}
UNKNOWN_COLOUR = "#D9D9D9"
GRADE_COLOURS = {"spo": "#009E73", "po": "#0072B2", "pso": "#CC79A7", "overall": "#555555"}
WIDTH = 4.4  # inches: legible at a phone's 360 px, scaled up (as SVG) on a desktop
ROW = 0.4  # inches per bar


def set_theme() -> None:
    """Apply the house style (seaborn whitegrid, large type) to every later figure."""
    sns.set_theme(style="whitegrid", context="notebook", rc={
        "figure.dpi": 96, "savefig.dpi": 96, "figure.figsize": (WIDTH, 3.6), "font.size": 12,
        "axes.labelsize": 12, "xtick.labelsize": 11.5, "ytick.labelsize": 11.5, "legend.fontsize": 11,
        "font.family": "DejaVu Sans", "axes.spines.top": False, "axes.spines.right": False,
        "axes.edgecolor": "#888888",
    })


def _wrap(label: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def _figure(rows: int, extra: float = 1.1) -> tuple[plt.Figure, plt.Axes]:
    return plt.subplots(figsize=(WIDTH, max(1.8, ROW * rows + extra)), layout="constrained")


def _legend(ax, labels: list[tuple[str, str]], hatch: dict | None = None) -> None:
    handles = [Patch(facecolor=colour, label=text, hatch=(hatch or {}).get(text, ""), edgecolor="white")
               for text, colour in labels]
    ax.legend(handles=handles, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, fontsize=11,
              borderaxespad=0.2, handlelength=1.2, columnspacing=1.0)


def stacked_rating_bars(frame: pd.DataFrame, category: str, xlabel: str = "Inspections") -> plt.Figure:
    """Horizontal stacked bars: one per row of `frame` (column `category`), segments per rating plus 'Not known',
    the row's total at the bar's end."""
    segments = [r for r in (*RATINGS, "Not known") if r in frame and frame[r].sum()]
    colours = {**RATING_COLOURS, "Not known": UNKNOWN_COLOUR}
    fig, ax = _figure(len(frame))
    y = np.arange(len(frame))
    left = np.zeros(len(frame))
    for segment in segments:
        values = frame[segment].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colours[segment], height=0.7)
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.text(total, float(yi), f" {total:g}", va="center", fontsize=11)
    ax.set_yticks(y, [_wrap(v) for v in frame[category]])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(left.max() * 1.12, 1))
    _legend(ax, [(s, colours[s]) for s in segments])
    return fig


def share_bars(frame: pd.DataFrame, category: str, reference: float | None, reference_label: str,
               highlight: str | None = None) -> plt.Figure:
    """Horizontal bars of a share (%) per category with its 95% interval and 'count of n' at the end, and a
    reference line (e.g. the national share). `frame` has category, share, low, high (0-1), count, n."""
    fig, ax = _figure(len(frame))
    y = np.arange(len(frame))
    share = frame["share"].astype(float).fillna(0).to_numpy() * 100
    colours = ["#0072B2" if c == highlight else "#7FA9CC" for c in frame[category]]
    ax.barh(y, share, color=colours, height=0.65)
    low = frame["low"].astype(float).to_numpy() * 100
    high = frame["high"].astype(float).to_numpy() * 100
    ok = ~np.isnan(low)
    errors = np.clip([share[ok] - low[ok], high[ok] - share[ok]], 0, None)  # rounding can give -0.0000001
    ax.errorbar(share[ok], y[ok], xerr=errors, fmt="none", ecolor="#333333",
                elinewidth=1, capsize=2)
    for yi, (count, n) in enumerate(zip(frame["count"], frame["n"], strict=True)):
        ax.text(101, yi, f"{count} of {n}" if n else "none rated", va="center", fontsize=11, color="#333333")
    if reference is not None:
        ax.axvline(reference * 100, color="#D55E00", lw=1.5, ls="--")
        ax.text(reference * 100, -0.9, f" {reference_label}", color="#D55E00", fontsize=11, va="bottom")
    ax.set_yticks(y, [_wrap(c) for c in frame[category]])
    for tick in ax.get_yticklabels():
        if tick.get_text().replace("\n", " ") == highlight:
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 50, 100], ["0%", "50%", "100%"])
    ax.set_xlabel("Share of rated inspections (line: 95% interval)")
    ax.grid(axis="y", visible=False)
    return fig


def standards_bars(counts: pd.DataFrame) -> plt.Figure:
    """Per standard: known ratings stacked, Inadequate split into stated (solid) and implied (hatched)."""
    fig, ax = _figure(len(counts), 1.4)
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    parts = [("Inadequate, stated", counts["inadequate_stated"], RATING_COLOURS["Inadequate"], ""),
             ("Inadequate, implied", counts["inadequate_implied"], RATING_COLOURS["Inadequate"], "////"),
             *((r, counts[r], RATING_COLOURS[r], "") for r in RATINGS[1:])]
    shown = []
    for text, values, colour, hatch in parts:
        values = values.to_numpy(dtype=float)
        if values.sum():
            ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor="white", height=0.7)
            left += values
            shown.append((text, colour))
    for yi, total in zip(y, left, strict=True):
        ax.text(total, float(yi), f" {total:g}", va="center", fontsize=11)
    ax.set_yticks(y, [_wrap(v, 20) for v in counts["label"]])
    ax.invert_yaxis()
    ax.set_xlabel("Inspections with this standard's rating known")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(left.max() * 1.12, 1))
    _legend(ax, shown, hatch={"Inadequate, implied": "////"})
    return fig


def change_chart(compared: pd.DataFrame) -> plt.Figure:
    """One row per PDU inspected twice: its first rating (hollow) and latest (filled), on the rating scale."""
    fig, ax = _figure(len(compared), 1.2)
    y = np.arange(len(compared))
    rank = {r: i for i, r in enumerate(RATINGS)}
    for yi, row in zip(y, compared.itertuples(), strict=True):
        first = rank.get(str(row.first_rating)) if pd.notna(row.first_rating) else None
        second = rank.get(str(row.second_rating)) if pd.notna(row.second_rating) else None
        if first is not None and second is not None and first != second:
            ax.annotate("", xy=(second, yi), xytext=(first, yi),
                        arrowprops={"arrowstyle": "->", "color": "#555555", "lw": 1.3, "shrinkA": 6, "shrinkB": 7})
        if first is not None:
            ax.scatter(first, yi, s=70, facecolors="white", edgecolors=RATING_COLOURS[str(row.first_rating)], lw=2, zorder=3)
        if second is not None:
            ax.scatter(second, yi, s=70, color=RATING_COLOURS[str(row.second_rating)], zorder=4)
        if second is None and first is not None:
            ax.text(first + 0.15, float(yi), "latest not known", va="center", fontsize=10.5, color="#555555")
    top = 3 if (compared.first_rating == "Outstanding").any() or (compared.second_rating == "Outstanding").any() else 2
    ax.set_yticks(y, [_wrap(p, 18) for p in compared["pdu"]])
    ax.invert_yaxis()
    ax.set_xticks(range(top + 1), ["Inadequate", "Requires\nimprovement", "Good", "Outstanding"][: top + 1])
    ax.set_xlim(-0.3, top + 0.3)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[plt.Line2D([], [], marker="o", ls="", mfc="white", mec="#555555", label="First inspection"),
                       plt.Line2D([], [], marker="o", ls="", color="#555555", label="Latest inspection")],
              frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, fontsize=11)
    return fig


def vacancy_by_rating(frame: pd.DataFrame, grade: str) -> plt.Figure:
    """Each inspection's vacancy rate of `grade` (x) against its overall rating (rows, with n)."""
    data = frame.dropna(subset=[grade, "overall_rating"])
    rows = [r for r in RATINGS if (data.overall_rating == r).any()]
    fig, ax = _figure(len(rows), 1.2)
    rng = np.random.default_rng(0)  # a fixed jitter: the same page every time
    for yi, rating in enumerate(rows):
        values = data[data.overall_rating == rating][grade].astype(float).to_numpy()
        ax.scatter(values, yi + rng.uniform(-0.15, 0.15, len(values)), s=55, color=RATING_COLOURS[rating],
                   edgecolor="white", zorder=3)
    ax.axvline(0, color="#888888", lw=0.8)
    ax.set_yticks(range(len(rows)), [f"{_wrap(r, 14)}\n(n = {(data.overall_rating == r).sum()})" for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel(f"{GRADE_LABELS.get(grade, grade)} vacancy rate, % of target posts")
    ax.grid(axis="y", visible=False)
    return fig


def vacancy_dots(vacancy: pd.DataFrame, labels: dict[str, str], reference: float | None = None,
                 reference_label: str = "") -> plt.Figure:
    """Vacancy rates (%) by grade for each inspection (rows); below zero is over target; an optional reference
    line (e.g. the national median for probation officers)."""
    grades = [g for g in ("spo", "po", "pso", "overall") if g in vacancy.columns and vacancy[g].notna().any()]
    frame = vacancy.dropna(subset=grades, how="all")
    fig, ax = _figure(len(frame), 1.3)
    y = np.arange(len(frame))
    offsets = np.linspace(-0.18, 0.18, len(grades)) if len(grades) > 1 else [0.0] * len(grades)
    for offset, grade in zip(offsets, grades, strict=True):
        ax.scatter(frame[grade].astype(float), y + offset, s=42, label=GRADE_LABELS[grade], color=GRADE_COLOURS[grade],
                   zorder=3)
    ax.axvline(0, color="#333333", lw=0.8)
    if reference is not None:
        ax.axvline(reference, color="#0072B2", lw=1.2, ls="--")
        ax.text(reference, -0.9, f" {reference_label}", color="#0072B2", fontsize=11, va="bottom")
    ax.set_yticks(y, [_wrap(labels.get(i, i), 24) for i in frame.inspection_id])
    ax.invert_yaxis()
    ax.set_xlabel("Vacancy rate, % of target posts (below 0: over target)")
    ax.grid(axis="y", visible=False)
    if grades:
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=4, fontsize=11)
    return fig


def measure_bars(frame: pd.DataFrame, xlabel: str, reference: float | None = None, reference_label: str = "") -> plt.Figure:
    """Horizontal bars of one measure (columns label and the measure's own value column); an optional reference
    line (e.g. 100% of capacity). `frame` must come from `measures.staffing_measure`: a frame mixing measures raises
    MixedMeasuresError."""
    values = frame[value_column(require_same_measure(frame))].astype(float)
    fig, ax = _figure(len(frame))
    ax.barh(np.arange(len(frame)), values, color="#0072B2", height=0.65)
    for yi, value in enumerate(values):
        ax.text(value, yi, f" {value:g}", va="center", fontsize=11)
    if reference is not None:
        ax.axvline(reference, color="#D55E00", lw=1.5, ls="--")
        ax.text(reference, -0.9, f" {reference_label}", color="#D55E00", fontsize=11, va="bottom")
    ax.set_yticks(np.arange(len(frame)), [_wrap(v) for v in frame.label])
    ax.invert_yaxis()
    ax.set_xlabel(_wrap(xlabel, 60))
    ax.set_xlim(0, max(values.max(), reference or 0) * 1.15)
    ax.grid(axis="y", visible=False)
    return fig


def rating_grid(ratings: pd.DataFrame, labels: dict[str, str]) -> plt.Figure:
    """Standards (rows, framework order) by inspection (columns), coloured by rating; implied ratings marked 'i'."""
    standards = [s for s in STANDARD_LABELS if s in set(ratings.standard.astype(str))]
    subjects = list(dict.fromkeys(ratings.inspection_id))
    codes = np.full((len(standards), len(subjects)), np.nan)
    marks = [[""] * len(subjects) for _ in standards]
    for r in ratings.itertuples():
        if pd.notna(r.rating):
            i, j = standards.index(str(r.standard)), subjects.index(r.inspection_id)
            codes[i, j] = RATINGS.index(str(r.rating))
            marks[i][j] = "i" if r.basis == "implied" else ""
    # no constrained layout: the legend sits below the axes, and savefig's tight box keeps everything in view
    fig, ax = plt.subplots(figsize=(min(WIDTH, 2.2 + 0.9 * len(subjects)), ROW * len(standards) + 1.6))
    fig.subplots_adjust(left=0.02, right=0.98, top=0.85, bottom=0.25)
    cmap = ListedColormap([RATING_COLOURS[r] for r in RATINGS]).with_extremes(bad=UNKNOWN_COLOUR)
    ax.imshow(np.ma.masked_invalid(codes), cmap=cmap, vmin=-0.5, vmax=3.5, aspect="auto")
    for i, row in enumerate(marks):
        for j, mark in enumerate(row):
            if mark:
                ax.text(j, i, mark, ha="center", va="center", fontsize=11, color="white", fontweight="bold")
    ax.set_yticks(range(len(standards)), [STANDARD_LABELS[s] for s in standards])
    ax.set_xticks(range(len(subjects)), [_wrap(labels.get(s, s), 12) for s in subjects], fontsize=10.5)
    ax.xaxis.tick_top()
    ax.grid(False)
    _legend_below(ax)
    return fig


def _legend_below(ax) -> None:
    handles = [Patch(color=RATING_COLOURS[r], label=r) for r in RATINGS]
    handles.append(Patch(color=UNKNOWN_COLOUR, label="Not known"))
    ax.legend(handles=handles, frameon=False, loc="upper right", bbox_to_anchor=(1.0, -0.02), ncols=2, fontsize=11)
