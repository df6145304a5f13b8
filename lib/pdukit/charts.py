"""One chart style for every report: a seaborn theme, one ordered colour-blind-safe palette for the four ratings,
and helpers for the charts the reports repeat. Each helper returns a matplotlib Figure whose title states the
finding (passed in by the caller), with labelled axes and the data release and sources named under it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from .load import Release
from .measures import GRADE_LABELS, require_same_measure
from .schema import RATINGS, STANDARD_LABELS

# Okabe-Ito colours, ordered warm (worse) to cool (better): distinguishable with the common colour-vision deficiencies.
RATING_COLOURS = {
    "Inadequate": "#D55E00",
    "Requires improvement": "#E69F00",
    "Good": "#56B4E9",
    "Outstanding": "#0072B2",
}
UNKNOWN_COLOUR = "#E6E6E6"
GRADE_COLOURS = {"spo": "#009E73", "po": "#0072B2", "pso": "#CC79A7", "overall": "#555555"}
WIDTH = 9.0


def set_theme() -> None:
    """Apply the house style (seaborn whitegrid, readable sizes, compact PNGs) to every later figure."""
    sns.set_theme(style="whitegrid", context="notebook", rc={
        "figure.dpi": 96, "savefig.dpi": 96, "figure.figsize": (WIDTH, 4.8), "axes.titlesize": 13,
        "axes.titleweight": "bold", "axes.titlelocation": "left", "axes.labelsize": 11,
        "font.family": "DejaVu Sans", "figure.autolayout": False,
    })


def stamp(fig: plt.Figure, release: Release, source_ids=(), note: str = "") -> plt.Figure:
    """Write the sources and the data release under a figure; returns the figure."""
    if isinstance(source_ids, str):
        source_ids = source_ids.split(";")
    ids = sorted({s for ids in source_ids for s in str(ids).split(";") if s and s != "nan"})
    if len(ids) <= 4:
        sources = release.source_label(ids)
    else:  # many documents: count them by publisher; the report's sources table lists each one
        known = release.sources[release.sources.source_id.isin(ids)]
        counts = known.publisher.value_counts()
        sources = f"{len(ids)} documents: " + ", ".join(f"{p} {n}" for p, n in counts.head(4).items()) + \
            (f", {counts.iloc[4:].sum()} other" if len(counts) > 4 else "") + " (listed in the sources table)"
    lines = [f"Sources: {sources}" if sources else "", note]
    fig.text(0.01, 0.005, "\n".join(line for line in lines if line), fontsize=8, color="#444444",
             ha="left", va="bottom", wrap=True)
    return fig


STAMP_INCHES = 0.75  # room under the axes for the sources and release lines


def _finish(fig: plt.Figure) -> plt.Figure:
    fig.tight_layout(rect=(0, STAMP_INCHES / fig.get_figheight(), 1, 1))
    return fig


def _rating_legend(ax, ratings=RATINGS, unknown: bool = False, **kwargs) -> None:
    handles = [Patch(color=RATING_COLOURS[r], label=r) for r in ratings]
    if unknown:
        handles.append(Patch(color=UNKNOWN_COLOUR, label="Not known"))
    ax.legend(handles=handles, frameon=False, **kwargs)


def rating_heatmap(ratings: pd.DataFrame, release: Release, title: str, labels: dict[str, str] | None = None) -> plt.Figure:
    """Heatmap of subjects (rows) by standard (columns) coloured by rating; implied ratings marked 'i'.

    `ratings` has columns inspection_id, standard, rating, basis, source_ids; `labels` maps inspection_id to a
    row label."""
    standards = [s for s in STANDARD_LABELS if s in set(ratings.standard)]
    subjects = list(dict.fromkeys(ratings.inspection_id))
    codes = np.full((len(subjects), len(standards)), np.nan)
    marks = [[""] * len(standards) for _ in subjects]
    for r in ratings.itertuples():
        if pd.notna(r.rating):
            i, j = subjects.index(r.inspection_id), standards.index(r.standard)
            codes[i, j] = RATINGS.index(str(r.rating))
            marks[i][j] = "i" if r.basis == "implied" else ""
    height = max(4.2, 0.3 * len(subjects) + 3.0)
    fig, ax = plt.subplots(figsize=(WIDTH + 3, height))
    cmap = ListedColormap([RATING_COLOURS[r] for r in RATINGS]).with_extremes(bad=UNKNOWN_COLOUR)
    ax.imshow(np.ma.masked_invalid(codes), cmap=cmap, vmin=-0.5, vmax=3.5, aspect="auto")
    for i, row in enumerate(marks):
        for j, mark in enumerate(row):
            if mark:
                ax.text(j, i, mark, ha="center", va="center", fontsize=8, color="white")
    ax.set_xticks(range(len(standards)), [STANDARD_LABELS[s] for s in standards], rotation=35, ha="right", fontsize=9)
    ax.set_yticks(range(len(subjects)), [(labels or {}).get(s, s) for s in subjects], fontsize=9)
    ax.grid(False)
    ax.set_xlabel("Standard")
    ax.set_title(title)
    _rating_legend(ax, unknown=True, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    stamp(fig, release, ratings.source_ids.dropna(), "'i' = implied by a wider statement, not stated for the standard")
    return _finish(fig)


def vacancy_dotplot(vacancy: pd.DataFrame, release: Release, title: str, labels: dict[str, str] | None = None,
                    source_ids=()) -> plt.Figure:
    """Dot plot of vacancy rates (%) by grade for each subject; negative values (over target) are kept."""
    grades = [g for g in ("spo", "po", "pso", "overall") if g in vacancy.columns and vacancy[g].notna().any()]
    frame = vacancy.dropna(subset=grades, how="all")
    subjects = list(frame.inspection_id)
    height = max(3.4, 0.34 * len(subjects) + 2.2)
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    offsets = np.linspace(-0.2, 0.2, len(grades)) if len(grades) > 1 else [0]
    for offset, grade in zip(offsets, grades, strict=False):
        ax.scatter(frame[grade].astype(float), np.arange(len(subjects)) + offset, s=46, label=GRADE_LABELS[grade],
                   color=GRADE_COLOURS[grade], zorder=3)
    ax.axvline(0, color="#333333", lw=1)
    ax.set_yticks(range(len(subjects)), [(labels or {}).get(s, s) for s in subjects], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("Vacancy rate, % of target posts (below 0 = over target)")
    ax.set_title(title)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9)
    stamp(fig, release, source_ids)
    return _finish(fig)


def vacancy_score_scatter(frame: pd.DataFrame, grade: str, release: Release, title: str, correlation_text: str,
                          source_ids=()) -> plt.Figure:
    """Scatter of a grade's vacancy rate (%) against the published score (% of maximum), coloured by rating,
    with the correlation (or the reason none is reported) in the subtitle."""
    data = frame.dropna(subset=[grade, "score_pct"])
    fig, ax = plt.subplots(figsize=(WIDTH, 5.2))
    for rating in RATINGS:
        part = data[data.overall_rating == rating]
        if len(part):
            ax.scatter(part[grade].astype(float), part.score_pct.astype(float), s=60, color=RATING_COLOURS[rating],
                       label=rating, edgecolor="white", zorder=3)
    ax.axvline(0, color="#999999", lw=0.8)
    ax.set_xlabel(f"{GRADE_LABELS[grade]} vacancy rate, % of target posts")
    ax.set_ylabel("Published score, % of maximum")
    ax.set_title(f"{title}\n{correlation_text}", fontsize=12)
    ax.legend(frameon=False, fontsize=9)
    stamp(fig, release, source_ids, "Association only: small samples, no causal claim.")
    return _finish(fig)


def ratings_over_time(quarters: pd.DataFrame, release: Release, title: str, source_ids=()) -> plt.Figure:
    """Stacked bars of overall ratings per publication quarter (an 'undated' bar for those without a month)."""
    fig, ax = plt.subplots(figsize=(WIDTH, 4.6))
    bottom = np.zeros(len(quarters))
    for rating in RATINGS:
        values = quarters[rating].to_numpy(dtype=float)
        if values.sum():
            ax.bar(quarters.quarter, values, bottom=bottom, color=RATING_COLOURS[rating], label=rating)
            bottom += values
    ax.set_ylabel("Inspections published")
    ax.set_xlabel("Publication quarter")
    ax.tick_params(axis="x", rotation=45)
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=9)
    stamp(fig, release, source_ids)
    return _finish(fig)


def region_comparison(summary: pd.DataFrame, release: Release, title: str, highlight: str | None = None,
                      source_ids=()) -> plt.Figure:
    """Horizontal stacked bars of overall ratings per region; `highlight` puts one region's label in bold."""
    frame = summary.iloc[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH, 5.4))
    left = np.zeros(len(frame))
    for rating in RATINGS:
        values = frame[rating].to_numpy(dtype=float)
        if values.sum():
            ax.barh(frame.region.astype(str), values, left=left, color=RATING_COLOURS[rating], label=rating)
            left += values
    unrated = (frame.inspections - frame.rated).to_numpy(dtype=float)
    if unrated.sum():
        ax.barh(frame.region.astype(str), unrated, left=left, color=UNKNOWN_COLOUR, label="Rating not known")
    for label in ax.get_yticklabels():
        if label.get_text() == highlight:
            label.set_fontweight("bold")
    ax.set_xlabel("Inspections in this release")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=9, loc="lower right")
    stamp(fig, release, source_ids)
    return _finish(fig)


def measure_bars(frame: pd.DataFrame, release: Release, title: str, xlabel: str, reference: float | None = None,
                 reference_label: str = "", source_ids=()) -> plt.Figure:
    """Horizontal bars of one measure by grade (columns label, value); an optional reference line (e.g. 100%).
    `frame` must come from `measures.staffing_measure`: a frame mixing measures raises MixedMeasuresError."""
    require_same_measure(frame)
    fig, ax = plt.subplots(figsize=(WIDTH, max(3.4, 0.5 * len(frame) + 2.2)))
    ax.barh(frame.label, frame.value.astype(float), color="#0072B2")
    for y, value in enumerate(frame.value.astype(float)):
        ax.text(value, y, f" {value:g}", va="center", fontsize=9)
    if reference is not None:
        ax.axvline(reference, color="#D55E00", lw=1.2, ls="--", label=reference_label)
        ax.legend(frameon=False, fontsize=9, loc="lower right")
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    stamp(fig, release, source_ids)
    return _finish(fig)
