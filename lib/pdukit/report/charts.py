"""One chart style and one layout for every report, drawn to be read on a phone.

Every chart is SVG with its text kept as text, 4.4 inches wide (so its type shows at 11 px or more on a 390 px
phone), as tall as its rows need: the height comes from the number of text lines its labels wrap to, so nothing
collapses or overlaps. Labels wrap at word boundaries only; long row labels sit above their row, so the data get
the full width; axes fit their data (negative values and reference lines included); legends sit outside the axes,
above them. One ordered colour-blind-safe palette for the four ratings.

Charts carry no title, subtitle or source inside the image on the page: `pdukit.report.page.Page.figure` puts
those in HTML around the chart, where they wrap, and inside the downloadable SVG. Each helper returns a Figure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pdukit.analysis.measures import require_same_measure, value_column
from pdukit.dataset import vocabulary as v
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
REFERENCE_COLOUR = "#B8003A"
WIDTH = 4.4  # inches: at 96 px an inch, 422 px, shown at 358 px on a 390 px phone (type at 0.85 of its size)
LINE = 0.25  # inches per line of 12 pt text, with the gap between lines of two labels
ABOVE_CHARS = 44  # a label above its row wraps at this many characters (the chart's width)
FONT = 12  # points: 13.6 px on a 390 px phone
SMALL = 11.5  # the smallest type any chart uses: 13 px on a 390 px phone


def set_theme() -> None:
    """Apply the house style (seaborn whitegrid, large type) to every later figure."""
    sns.set_theme(style="whitegrid", context="notebook", rc={
        "figure.dpi": 96, "savefig.dpi": 96, "figure.figsize": (WIDTH, 3.6), "font.size": FONT,
        "axes.labelsize": FONT, "xtick.labelsize": FONT, "ytick.labelsize": FONT, "legend.fontsize": SMALL,
        "font.family": "DejaVu Sans", "axes.spines.top": False, "axes.spines.right": False,
        "axes.edgecolor": "#888888", "legend.frameon": False,
    })


# --- the one layout ----------------------------------------------------------------------------------------
def wrap(label: object, width: int = 22) -> str:
    """A label wrapped at word boundaries only (never inside a word)."""
    text = str(label)
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _lines(labels: Sequence[str]) -> int:
    return sum(str(label).count("\n") + 1 for label in labels)


def layout(labels: Sequence[str], extra: float = 1.0, row: float = 0.36,
           width: float = WIDTH) -> tuple[plt.Figure, plt.Axes]:
    """A figure as tall as its rows need: at least `row` inches per row, and enough for every line of its wrapped
    labels; `extra` for the axis and the legend. (Rows labelled above their data use `Bands`.)"""
    height = extra + max(len(labels) * row, _lines(labels) * LINE + 0.1 * len(labels))
    return plt.subplots(figsize=(width, max(1.9, height)), layout="constrained")


def fit_x(ax: plt.Axes, values, *, reference: float | None = None, pad: float = 0.08, room: float = 0.0,
          zero: bool = True) -> None:
    """Set the x axis to hold every value (and the reference line), with `pad` of the span either side and `room`
    more on the right for labels at the bars' ends."""
    data = [float(x) for x in np.asarray(values, dtype=float).ravel() if not np.isnan(x)]
    if reference is not None:
        data.append(float(reference))
    if zero:
        data.append(0.0)
    low, high = (min(data), max(data)) if data else (0.0, 1.0)
    span = (high - low) or 1.0
    ax.set_xlim(low - (pad * span if low < 0 or not zero else 0), high + pad * span + room * span)


def legend(fig: plt.Figure, items: Sequence[tuple[str, object]], ncols: int = 2) -> None:
    """A legend above the chart, outside the axes (constrained layout keeps room for it). `items` pairs a label
    with a colour (a patch) or a ready handle."""
    handles = [colour if hasattr(colour, "get_label") else Patch(facecolor=str(colour), edgecolor="white", label=text)
               for text, colour in items]
    fig.legend(handles=handles, loc="outside upper left", ncols=_fitting_columns([t for t, _ in items], ncols),
               fontsize=SMALL, handlelength=1.3, columnspacing=1.0, borderaxespad=0.2)


def _fitting_columns(labels: Sequence[str], most: int) -> int:
    """The most legend columns (up to `most`) whose labels fit the chart's width: a legend wider than the figure
    would widen the image and shrink all its text on a phone."""
    for ncols in range(min(most, len(labels)), 0, -1):
        rows = -(-len(labels) // ncols)
        columns = [labels[i * rows:(i + 1) * rows] for i in range(ncols)]
        width = sum(max(len(str(x)) for x in column) * 0.58 * SMALL / 72 + 0.5 for column in columns if column)
        if width <= WIDTH - 0.15:
            return ncols
    return 1


def _handle(text: str, colour: str, hatch: str = "") -> Patch:
    return Patch(facecolor=colour, edgecolor="white", hatch=hatch, label=text)


def _line(text: str, colour: str, style: str = "--") -> Line2D:
    return Line2D([], [], color=colour, lw=1.5, ls=style, label=text)


TEXT_LINE = SMALL * 1.2 / 72  # inches: one line of a label of SMALL type


class Bands:
    """Rows of a chart whose labels sit above their data, each row a band of its own: the label on top, then the
    row's marks (dots, cells, an arrow) in a strip of `mark` inches below it. Lines that span the chart (gridlines,
    zero and reference lines) are drawn only across the strips, never through a label, and every other band is
    shaded, so a row's label and its marks read as one thing and never as the next row's."""

    def __init__(self, labels: Sequence[str], *, mark: float = 0.34, extra: float = 1.6, width: float = WIDTH,
                 shade: bool = True, grid: bool = True) -> None:
        self.labels = list(labels)
        lines = max((str(label).count("\n") + 1 for label in self.labels), default=1)
        self.label_in = lines * TEXT_LINE + 0.07
        self.row_in = self.label_in + mark + 0.1
        self.half = mark / 2 / self.row_in  # half the strip, in rows
        self.gap = 0.05 / self.row_in  # between the strip and the band's edge, in rows
        self.fig, self.ax = plt.subplots(figsize=(width, max(1.9, extra + len(self.labels) * self.row_in)),
                                         layout="constrained")
        self.shade, self.grid = shade, grid

    def edges(self, row: int) -> tuple[float, float]:
        """The band of a row (top, bottom), in data units: its marks are centred on `row`."""
        bottom = row + self.half + self.gap
        return bottom - 1, bottom

    def strip(self, row: int) -> tuple[float, float]:
        """The strip of a row's marks (top, bottom), in data units."""
        return row - self.half, row + self.half

    def vlines(self, x, **style) -> None:
        """A vertical line at `x` (e.g. zero or a reference) through every row's strip, never through a label."""
        for row in range(len(self.labels)):
            top, bottom = self.strip(row)
            self.ax.vlines(x, top - self.gap / 2, bottom + self.gap / 2, **style)

    def finish(self, bold: str | None = None) -> None:
        """Labels above their strips, the bands shaded in turn, the x gridlines drawn across the strips only; call
        once the x axis is set."""
        ax = self.ax
        ax.set_yticks([])
        ax.grid(False)
        ax.spines["left"].set_visible(False)  # it would run down the labels' first letters
        low, high = ax.get_xlim()
        ticks = [t for t in ax.get_xticks() if min(low, high) <= t <= max(low, high)]
        for row, text in enumerate(self.labels):
            top, bottom = self.edges(row)
            if self.shade and row % 2:
                ax.axhspan(top, bottom, color="#F1F3F5", lw=0, zorder=0)
            strip_top, strip_bottom = self.strip(row)
            if ticks and self.grid:
                ax.vlines(ticks, strip_top - self.gap / 2, strip_bottom + self.gap / 2, color="#DDDDDD", lw=0.8,
                          zorder=0.5)
            ax.annotate(text, xy=(0, strip_top - self.gap), xycoords=("axes fraction", "data"), fontsize=SMALL,
                        va="bottom", ha="left", fontweight="bold" if bold and text == bold else "normal",
                        annotation_clip=False)
        ax.set_xlim(low, high)
        rows = max(1, len(self.labels))  # an empty chart keeps one empty band
        ax.set_ylim(self.edges(rows - 1)[1], self.edges(0)[0])


def _finish(ax: plt.Axes, rows: int) -> None:
    ax.set_ylim(rows - 0.5, -0.5)
    ax.grid(axis="y", visible=False)


# --- charts ------------------------------------------------------------------------------------------------
def stacked_rating_bars(frame: pd.DataFrame, category: str, xlabel: str = "Inspections") -> plt.Figure:
    """Horizontal stacked bars: one per row of `frame` (column `category`), segments per rating plus 'Not known',
    the row's total at the bar's end."""
    segments = [r for r in (*RATINGS, "Not known") if r in frame and frame[r].sum()]
    colours = {**RATING_COLOURS, "Not known": UNKNOWN_COLOUR}
    labels = [wrap(c, 16) for c in frame[category]]
    fig, ax = layout(labels, extra=1.3)
    y = np.arange(len(frame))
    left = np.zeros(len(frame))
    for segment in segments:
        values = frame[segment].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colours[segment], height=0.7)
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.text(total, float(yi), f" {int(total)}", va="center", fontsize=SMALL)
    ax.set_yticks(y, labels)
    ax.set_xlabel(xlabel)
    fit_x(ax, left, room=0.12)
    _finish(ax, len(frame))
    legend(fig, [(s, colours[s]) for s in segments])
    return fig


def share_bars(frame: pd.DataFrame, category: str, reference: float | None, reference_label: str,
               highlight: str | None = None) -> plt.Figure:
    """Horizontal bars of a share per category with its 95% interval and 'count of n' at the end, and a dashed
    reference line (e.g. England and Wales) named in the legend. `frame` has category, share, low, high (0-1),
    count, n."""
    labels = [wrap(c, 16) for c in frame[category]]
    fig, ax = layout(labels, extra=1.4)
    y = np.arange(len(frame))
    share = frame["share"].astype(float).fillna(0).to_numpy() * 100
    colours = ["#0072B2" if c == highlight else "#7FA9CC" for c in frame[category]]
    ax.barh(y, share, color=colours, height=0.65)
    low = frame["low"].astype(float).to_numpy() * 100
    high = frame["high"].astype(float).to_numpy() * 100
    ok = ~np.isnan(low)
    errors = np.clip([share[ok] - low[ok], high[ok] - share[ok]], 0, None)  # rounding can give -0.0000001
    ax.errorbar(share[ok], y[ok], xerr=errors, fmt="none", ecolor="#333333", elinewidth=1, capsize=2)
    for yi, (count, n) in enumerate(zip(frame["count"], frame["n"], strict=True)):
        ax.text(103, yi, f"{int(count)} of {int(n)}" if n else "none rated", va="center", fontsize=SMALL,
                color="#333333")
    items: list[tuple[str, object]] = [("95% interval", Line2D([], [], color="#333333", lw=1, label="95% interval"))]
    if reference is not None:
        ax.axvline(reference * 100, color=REFERENCE_COLOUR, lw=1.5, ls="--")
        items.append((reference_label, _line(reference_label, REFERENCE_COLOUR)))
    ax.set_yticks(y, labels)
    for tick in ax.get_yticklabels():
        if tick.get_text().replace("\n", " ") == highlight:
            tick.set_fontweight("bold")
    ax.set_xlim(0, 132)
    ax.set_xticks([0, 50, 100], ["0%", "50%", "100%"])
    ax.set_xlabel("Share of rated inspections")
    _finish(ax, len(frame))
    legend(fig, items, ncols=1)
    return fig


def standards_bars(counts: pd.DataFrame) -> plt.Figure:
    """Per standard: known ratings stacked, Inadequate split into stated (solid) and implied (hatched)."""
    labels = [wrap(c, 20) for c in counts["label"]]
    fig, ax = layout(labels, extra=1.6)
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    parts = [("Inadequate, stated", counts["inadequate_stated"], RATING_COLOURS["Inadequate"], ""),
             ("Inadequate, implied", counts["inadequate_implied"], RATING_COLOURS["Inadequate"], "////"),
             *((r, counts[r], RATING_COLOURS[r], "") for r in RATINGS[1:])]
    shown: list[tuple[str, object]] = []
    for text, values, colour, hatch in parts:
        values = values.to_numpy(dtype=float)
        if values.sum():
            ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor="white", height=0.7)
            left += values
            shown.append((text, _handle(text, colour, hatch)))
    for yi, total in zip(y, left, strict=True):
        ax.text(total, float(yi), f" {int(total)}", va="center", fontsize=SMALL)
    ax.set_yticks(y, labels)
    ax.set_xlabel("Inspections with this standard's rating known")
    fit_x(ax, left, room=0.12)
    _finish(ax, len(counts))
    legend(fig, shown)
    return fig


def change_chart(compared: pd.DataFrame) -> plt.Figure:
    """One row per PDU inspected twice, its name above the row: first rating (hollow) and latest (filled) on the
    rating scale, an arrow between them."""
    bands = Bands([wrap(p, ABOVE_CHARS) for p in compared["pdu"]], mark=0.3, extra=1.5)
    fig, ax = bands.fig, bands.ax
    rank = {r: i for i, r in enumerate(RATINGS)}
    for yi, row in enumerate(compared.itertuples()):
        first = rank.get(str(row.first_rating)) if pd.notna(row.first_rating) else None
        second = rank.get(str(row.second_rating)) if pd.notna(row.second_rating) else None
        if first is not None and second is not None and first != second:
            ax.annotate("", xy=(second, yi), xytext=(first, yi),
                        arrowprops={"arrowstyle": "->", "color": "#555555", "lw": 1.3, "shrinkA": 6, "shrinkB": 7})
        if first is not None:
            ax.scatter(first, yi, s=70, facecolors="white", edgecolors=RATING_COLOURS[str(row.first_rating)], lw=2,
                       zorder=3)
        if second is not None:
            ax.scatter(second, yi, s=70, color=RATING_COLOURS[str(row.second_rating)], zorder=4)
        if second is None and first is not None:
            ax.text(first + 0.15, float(yi), "latest not known", va="center", fontsize=SMALL, color="#555555")
    top = 3 if (compared.first_rating == "Outstanding").any() or (compared.second_rating == "Outstanding").any() else 2
    ax.set_xticks(range(top + 1), ["Inadequate", "Requires\nimprovement", "Good", "Outstanding"][: top + 1])
    ax.set_xlim(-0.3, top + 0.3)
    bands.finish()
    legend(fig, [("First inspection", Line2D([], [], marker="o", ls="", mfc="white", mec="#555555",
                                             label="First inspection")),
                 ("Latest inspection", Line2D([], [], marker="o", ls="", color="#555555", label="Latest inspection"))])
    return fig


def vacancy_by_rating(frame: pd.DataFrame, grade: str, hollow: Iterable[str] = ()) -> plt.Figure:
    """Each inspection's vacancy rate of `grade` (x) against its overall rating (rows, with n); the inspections
    named in `hollow` (ids, e.g. rates resting only on an unpublished document) drawn as rings, not dots."""
    data = frame.dropna(subset=[grade, "overall_rating"])
    rows = [r for r in RATINGS if (data.overall_rating == r).any()]
    labels = [f"{wrap(r, 12)}\n(n = {int((data.overall_rating == r).sum())})" for r in rows]
    fig, ax = layout(labels, extra=1.1, row=0.5)
    rng = np.random.default_rng(0)  # a fixed jitter: the same page every time
    rings = set(hollow)
    for yi, rating in enumerate(rows):
        mine = data[data.overall_rating == rating]
        values = mine[grade].astype(float).to_numpy()
        y = yi + rng.uniform(-0.15, 0.15, len(values))
        ring = mine.inspection_id.isin(rings).to_numpy() if "inspection_id" in mine else np.zeros(len(mine), bool)
        ax.scatter(values[~ring], y[~ring], s=55, color=RATING_COLOURS[rating], edgecolor="white", zorder=3)
        if ring.any():
            ax.scatter(values[ring], y[ring], s=55, facecolor="white", edgecolor=RATING_COLOURS[rating], lw=1.6,
                       zorder=3)
    ax.axvline(0, color="#888888", lw=0.8)
    ax.set_yticks(range(len(rows)), labels)
    fit_x(ax, data[grade])
    ax.set_xlabel(wrap(f"{v.GRADES[grade].short or v.GRADES[grade].label} vacancy rate, % of target posts", 40))
    _finish(ax, len(rows))
    if "inspection_id" in data and data.inspection_id.isin(rings).any():
        name = "Ring: rests only on an unpublished document (†)"
        legend(fig, [(name, Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor="#333333",
                                   label=name))], ncols=1)
    return fig


def vacancy_dots(vacancy: pd.DataFrame, labels: dict[str, str], reference: float | None = None,
                 reference_label: str = "") -> plt.Figure:
    """Vacancy rates (%) by grade for each inspection (rows, named above the row, each row a band of its own);
    below zero is over target; an optional dashed reference line (e.g. the national median for probation officers)
    named in the legend."""
    grades = [g for g in ("spo", "po", "pso", "overall") if g in vacancy.columns and vacancy[g].notna().any()]
    frame = vacancy.dropna(subset=grades, how="all")
    bands = Bands([wrap(labels.get(i, i), ABOVE_CHARS) for i in frame.inspection_id], mark=0.36, extra=1.6)
    fig, ax = bands.fig, bands.ax
    y = np.arange(len(frame))
    offsets = np.linspace(-0.3, 0.3, len(grades)) * bands.half if len(grades) > 1 else [0.0] * len(grades)
    items: list[tuple[str, object]] = []
    for offset, grade in zip(offsets, grades, strict=True):
        name = v.GRADES[grade].short or v.GRADES[grade].label
        ax.scatter(frame[grade].astype(float), y + offset, s=42, color=GRADE_COLOURS[grade], edgecolor="white",
                   lw=0.6, zorder=3)
        items.append((name, Line2D([], [], marker="o", ls="", color=GRADE_COLOURS[grade], label=name)))
    fit_x(ax, frame[grades].to_numpy(dtype=float), reference=reference)
    bands.vlines(0, color="#333333", lw=0.8, zorder=1)
    if reference is not None:
        bands.vlines(reference, color=REFERENCE_COLOUR, lw=1.2, ls="--", zorder=2)
        items.append((reference_label, _line(reference_label, REFERENCE_COLOUR)))
    ax.set_xlabel(wrap("Vacancy rate, % of target posts (below 0: over target)", 40))
    bands.finish()
    if items:
        legend(fig, items, ncols=4 if len(items) <= 4 else 3)
    return fig


def measure_bars(frame: pd.DataFrame, xlabel: str, reference: float | None = None, reference_label: str = "") -> plt.Figure:
    """Horizontal bars of one measure (columns label and the measure's own value column); an optional dashed reference line (e.g. 100% of
    capacity) named in the legend. `frame` must come from `measures.staffing_measure`: a frame mixing measures
    raises MixedMeasuresError."""
    values = frame[value_column(require_same_measure(frame))].astype(float)
    labels = [wrap(c, 18) for c in frame.label]
    fig, ax = layout(labels, extra=1.3)
    ax.barh(np.arange(len(frame)), values, color="#0072B2", height=0.65)
    for yi, value in enumerate(values):
        ax.text(value, yi, f" {value:g}", va="center", fontsize=SMALL)
    if reference is not None:
        ax.axvline(reference, color=REFERENCE_COLOUR, lw=1.5, ls="--")
        legend(fig, [(reference_label, _line(reference_label, REFERENCE_COLOUR))], ncols=1)
    ax.set_yticks(np.arange(len(frame)), labels)
    ax.set_xlabel(wrap(xlabel, 40))
    fit_x(ax, values, reference=reference, room=0.12)
    _finish(ax, len(frame))
    return fig


def rating_grid(ratings: pd.DataFrame, labels: dict[str, str]) -> plt.Figure:
    """Inspections (rows, each named above its row of cells, so the cells get the chart's full width) by standard
    (columns, numbered 1.1 to 2.5 in framework order, the numbers above the first row), coloured by rating, a white
    border round every cell so two cells of one colour stay two; implied ratings marked 'i'. The numbers' names go
    in the chart's note."""
    from matplotlib.patches import Rectangle

    standards = [s for s in STANDARD_LABELS if s in set(ratings.standard.astype(str))]
    subjects = list(dict.fromkeys(ratings.inspection_id))
    cells: dict[tuple[int, int], tuple[str, str]] = {}
    for r in ratings.itertuples():
        if pd.notna(r.rating):
            cells[subjects.index(r.inspection_id), standards.index(str(r.standard))] = (
                str(r.rating), "i" if r.basis == "implied" else "")
    bands = Bands([wrap(labels.get(s, s), ABOVE_CHARS) for s in subjects], mark=0.36, extra=1.9, shade=False,
                  grid=False)
    fig, ax = bands.fig, bands.ax
    for i in range(len(subjects)):
        top, bottom = bands.strip(i)
        for j in range(len(standards)):
            rating, mark = cells.get((i, j), ("", ""))
            ax.add_patch(Rectangle((j - 0.5, top), 1, bottom - top, facecolor=RATING_COLOURS.get(rating, UNKNOWN_COLOUR),
                                   edgecolor="white", lw=2.5, zorder=2))
            if mark:
                ax.text(j, i, mark, ha="center", va="center", fontsize=SMALL, color="white", fontweight="bold",
                        zorder=3)
    ax.set_xticks(range(len(standards)), [STANDARD_LABELS[s].split(" ")[0] for s in standards])
    ax.set_xlim(-0.5, len(standards) - 0.5)
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", length=0, pad=2)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    bands.finish()
    legend(fig, [(r, RATING_COLOURS[r]) for r in RATINGS] + [("Not known", UNKNOWN_COLOUR)], ncols=3)
    return fig


def standard_key(ratings: pd.DataFrame) -> str:
    """The names of the numbered columns of `rating_grid`: '1.1 Leadership, 1.2 Staff, ...'."""
    present = set(ratings.standard.astype(str))
    return "Standards: " + ", ".join(STANDARD_LABELS[s] for s in STANDARD_LABELS if s in present) + "."


SERIES_MARKERS = ("o", "s", "D", "^", "v", "P", "X")
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555")


def series_chart(frame: pd.DataFrame, ylabel: str) -> plt.Figure:
    """One measure over time (x: the date each figure refers to), one marker and colour per series, points joined
    only within a series: two publishers' or two vintages' figures are never drawn as one line. `frame` has
    as_of_start, value, series (and series labels in the legend)."""
    data = frame.dropna(subset=["as_of_start", "value"]).sort_values("as_of_start")
    series = list(dict.fromkeys(data.series.astype(str)))
    labels = [wrap(v.OFFICIAL_SERIES[s].label if s in v.OFFICIAL_SERIES else s, ABOVE_CHARS - 4) for s in series]
    fig, ax = plt.subplots(figsize=(WIDTH, 2.9 + LINE * _lines(labels)), layout="constrained")
    items: list[tuple[str, object]] = []
    for i, (name, label) in enumerate(zip(series, labels, strict=True)):
        mine = data[data.series.astype(str) == name]
        marker, colour = SERIES_MARKERS[i % len(SERIES_MARKERS)], SERIES_COLOURS[i % len(SERIES_COLOURS)]
        ax.plot(mine.as_of_start, mine.value.astype(float), marker=marker, color=colour, lw=1.3, ms=6)
        items.append((label, Line2D([], [], marker=marker, color=colour, lw=1.3, label=label)))
    ax.set_ylabel(wrap(ylabel, 30))
    values = data.value.astype(float)
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))  # a count's axis starts at 0
    span = (high - low) or 1.0
    ax.set_ylim(low - (0.08 * span if low < 0 else 0), high + 0.12 * span)
    ax.tick_params(axis="x", labelsize=SMALL)
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    legend(fig, items, ncols=1)
    return fig


def value_bars(labels: Sequence[str], values: Sequence[float], xlabel: str, texts: Sequence[str] | None = None) -> plt.Figure:
    """Horizontal bars of a few figures of one measure (e.g. one series' years), each with its value at the end."""
    wrapped = [wrap(label, 18) for label in labels]
    fig, ax = layout(wrapped, extra=1.0)
    y = np.arange(len(values))
    ax.barh(y, [float(x) for x in values], color="#0072B2", height=0.6)
    for yi, (value, text) in enumerate(zip(values, texts or [f"{float(x):g}" for x in values], strict=True)):
        ax.text(float(value), yi, f" {text}", va="center", fontsize=SMALL)
    ax.set_yticks(y, wrapped)
    ax.set_xlabel(wrap(xlabel, 40))
    fit_x(ax, values, room=0.18)
    _finish(ax, len(values))
    return fig
