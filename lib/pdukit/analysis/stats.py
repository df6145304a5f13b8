"""Statistics for small samples, honestly: rank correlations with bootstrap intervals and n (refused below a
minimum n), and shares with their n and a Wilson interval.

Nothing here implies causation: a correlation between vacancies and scores across a few inspections says the two
move together in this sample, not that one drives the other. Joins of staffing and outcomes live in
`pdukit.analysis.outcomes`; summaries by region and time in `pdukit.analysis.summaries`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from pdukit.dataset.schema import TABLES
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import FRAMEWORK_NOTE, FRAMEWORKS, check_choice, check_number
from pdukit.errors import InvalidValue, NotInRelease

MIN_N = 8  # below this a rank correlation is too unstable to report


@dataclass(frozen=True)
class Correlation:
    """Spearman's rho with a percentile bootstrap interval; `refused` says why no value is given."""

    rho: float | None
    low: float | None
    high: float | None
    n: int
    refused: str | None = None

    def describe(self) -> str:
        """Return a one-line summary such as 'Spearman rho -0.52 (95% CI -0.85 to -0.02), n = 11'."""
        if self.refused:
            return f"no correlation reported: {self.refused}"
        return f"Spearman rho {self.rho:+.2f} (95% CI {self.low:+.2f} to {self.high:+.2f}), n = {self.n}"


def spearman(x, y, min_n: int = MIN_N, n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> Correlation:
    """Return Spearman's rank correlation of paired values (pairs with a missing side dropped) with a bootstrap
    interval at `level`; refuses (rho None) below `min_n` pairs or when either side is constant. The two sides are
    paired by position, so they must be of one length (InvalidValue otherwise).

    Both sides must be numbers: ratings (categories) or other text raise InvalidValue saying to rank them first
    (`staffing_outcomes(release).rating_rank`, or `pdukit.analysis.scoring.rating_rank`), never read as an n of 0."""
    xs, ys = _numeric(x, "x"), _numeric(y, "y")
    if len(xs) != len(ys):  # pairs are made by position: unequal sides have no pairing
        raise InvalidValue(f"x has {len(xs)} values and y {len(ys)}; spearman pairs them one to one, so both need "
                           "the same length (one value of each per subject, in the same order)")
    pairs = pd.DataFrame({"x": xs, "y": ys}).dropna()
    n = len(pairs)
    if n < min_n:
        return Correlation(None, None, None, n, f"n = {n} is below the minimum of {min_n}")
    if pairs.x.nunique() < 2 or pairs.y.nunique() < 2:
        return Correlation(None, None, None, n, f"one variable is constant across the n = {n} pairs")
    result = sps.spearmanr(pairs.x, pairs.y)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, (n_boot, n))  # all resamples at once: Pearson correlation of within-sample ranks
    rx = sps.rankdata(pairs.x.to_numpy()[idx], axis=1)
    ry = sps.rankdata(pairs.y.to_numpy()[idx], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    denominator = np.sqrt((rx ** 2).sum(axis=1) * (ry ** 2).sum(axis=1))
    usable = denominator > 0  # a resample with a constant side has no correlation
    boots = (rx * ry).sum(axis=1)[usable] / denominator[usable]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(boots, [tail, 100 - tail])
    return Correlation(float(result.statistic), float(low), float(high), n)




RANK_HINT = ("use rating_rank for a rating (its rank, Inadequate 0 to Outstanding 3: the rating_rank column of "
             "staffing_outcomes(release), or pdukit.analysis.scoring.rating_rank)")


def _numeric(values, name: str) -> np.ndarray:
    """The values as floats; InvalidValue for categories or text (a rating is ranked before it is correlated)."""
    series = pd.Series(values)
    known = series.dropna()
    if isinstance(series.dtype, pd.CategoricalDtype):
        example = f", e.g. {known.iloc[0]!r}" if len(known) else ""
        raise InvalidValue(f"{name} is not numeric: it holds categories{example}; {RANK_HINT}")
    numbers = pd.to_numeric(series, errors="coerce")
    text = series[series.notna() & numbers.isna()]
    if len(text):
        raise InvalidValue(f"{name} is not numeric: {len(text)} of its {len(known)} values are not numbers (e.g. "
                           f"{text.iloc[0]!r}); {RANK_HINT}")
    return numbers.astype(float).to_numpy()


def wilson_interval(count: int, n: int, level: float = 0.95) -> tuple[float | None, float | None]:
    """Wilson score interval of a proportion count/n (None, None when n is 0): honest for small n and 0 or n.
    A count that is not a whole number from 0 to n (5 of 3), or a level not between 0 and 1, raises InvalidValue."""
    n = int(check_number(n, "n", low=0, whole=True))
    check_number(count, "count", low=0, high=n, whole=True)
    if not 0 < check_number(level, "level", low=0, high=1) < 1:
        raise InvalidValue(f"level {level!r} is impossible: expected a number between 0 and 1, such as 0.95")
    if n == 0:
        return None, None
    z = float(sps.norm.ppf(1 - (1 - level) / 2))
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def _allowed_values(frame: pd.DataFrame, column: str) -> list[str] | None:
    """The values `column` may hold: its categories, else the schema's allowed values for a column of that name,
    else None (any value: then only the values it does hold are valid)."""
    if isinstance(frame[column].dtype, pd.CategoricalDtype):
        return [str(c) for c in frame[column].cat.categories]
    for table in TABLES.values():
        if column in table.column_names and table.column(column).allowed:
            return list(table.column(column).allowed or ())
    return None


def _share_value(frame: pd.DataFrame, column: str, value: object) -> str:
    """The value to count, as text, compared with the column's values as text (so 2021 and '2021' are the same
    framework, 2 and '2' the same round). It must be a value the column can hold (its vocabulary, where it has
    one) and one that some row of the frame does hold: a share of 0 in every group is never given for a value
    that does not occur. UnknownName names the closest valid values; NotInRelease says which values the frame
    holds when the value is valid but no row has it."""
    try:
        missing = value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        missing = False
    if missing:
        raise InvalidValue(f"value {value!r} is not a value to count; share_table counts rows where {column} equals "
                           "a value (the rows where it is not known are left out of n)")
    held = [str(v) for v in dict.fromkeys(frame[column].dropna().tolist())]
    allowed = _allowed_values(frame, column)
    text = str(value)
    if allowed is not None:
        text = check_choice(value, allowed, f"value of {column}")
    elif text not in held:
        numeric = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
        numbers = pd.to_numeric(pd.Series(held, dtype=object), errors="coerce")
        same = [h for h, n in zip(held, numbers, strict=True) if pd.notna(numeric) and pd.notna(n) and float(n) == float(numeric)]
        text = same[0] if same else check_choice(value, held, f"value of {column} (the values its rows hold)")
    if text not in held:
        listed = ", ".join(map(repr, held[:12])) + (", ..." if len(held) > 12 else "") if held else "none"
        raise NotInRelease(f"no row of the frame has {column} {text!r}, so its share would be 0 in every group; "
                           f"values the frame holds: {listed}")
    return text


def share_table(frame: pd.DataFrame, by: str, column: str, value: object, level: float = 0.95,
                total: str | None = None) -> pd.DataFrame:
    """Per group of `by`: n (rows with `column` known), count (rows where it equals `value`), share and its Wilson
    interval, and the source_ids of the n rows (when `frame` has them). Groups with no known value keep n = 0 and
    an empty share. `total` (e.g. 'England and Wales') adds a last row over every group.

    Grouped by `framework`, each row has its `framework_label` and `attrs["note"]` says what the codes are:
    '2021' is round 1, and '2023', '2024' and '2025' one programme (round 2) split by year of publication, so a
    difference between those is one of year, not of framework (group by `round` for the programmes).

    `by` and `column` must be columns of `frame`, and `value` one that `column` can hold (its categories or the
    schema's allowed values, where it has a vocabulary) and that some row of `frame` does hold. It is compared as
    text, so a number and its text are the same (framework 2021 or '2021', round 2 or '2'). A typo or a value of
    the wrong kind (a PDU's name where pdu_id holds ids) raises UnknownName naming the closest; a valid value no
    row holds raises NotInRelease (an UnknownName) listing the values held: never a table of zeros.

        >>> share_table(release.inspections, "region", "overall_rating", "Inadequate")
        >>> share_table(release.inspections, "region", "framework", 2021)    # the same as "2021"
    """
    check_choice(by, frame.columns, "column to group by")
    check_choice(column, frame.columns, "column")
    value = _share_value(frame, column, value)
    known = frame.dropna(subset=[column])
    categorical = isinstance(frame[by].dtype, pd.CategoricalDtype)
    groups = list(frame[by].cat.categories) if categorical else sorted(frame[by].dropna().unique())
    has_sources = "source_ids" in frame.columns

    def row(key: object, mine: pd.DataFrame) -> dict:
        n, count = len(mine), int((mine[column].astype(str) == value).sum())
        low, high = wilson_interval(count, n, level)
        out = {by: key, "n": n, "count": count, "share": count / n if n else None, "low": low, "high": high}
        if has_sources:
            out["source_ids"] = join_ids(mine.source_ids)
        return out

    rows = [row(group, known[known[by] == group]) for group in groups]
    if total is not None:
        rows.append(row(total, known[known[by].notna()]))
    out = pd.DataFrame(rows, columns=[by, "n", "count", "share", "low", "high", *(["source_ids"] if has_sources else [])])
    if categorical:
        kind = frame[by].dtype
        if total is not None:
            kind = pd.CategoricalDtype([*kind.categories, total], ordered=kind.ordered)
        out[by] = out[by].astype(object).astype(kind)
    for col in ("share", "low", "high"):
        out[col] = out[col].astype("Float64")
    return _framework_words(out) if by == "framework" else out


def _framework_words(out: pd.DataFrame) -> pd.DataFrame:
    """A share by framework with each code's label beside it, and a note saying that three of the four codes are
    one programme split by year of publication, so the groups never read as the effect of three frameworks."""
    labels = {code: term.label for code, term in FRAMEWORKS.items()}
    out.insert(1, "framework_label", out.framework.astype(object).map(lambda c: labels.get(str(c), str(c))))
    out.attrs["note"] = FRAMEWORK_NOTE
    return out
