"""Official staffing and the dynamic inspections of public protection, as the release holds them (from 2026-12-01).

    has_official(release)                                                # False before release 2026-12-01
    official_staffing(release, measure="vacancies", scope="London", long=True)   # the figures, each with sources
    staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_2024_25")   # one series over time
    regional_staffing(release, as_of="2023-09")                          # every region at one date
    public_protection(release)                                           # the 2025-26 dynamic inspections
    unlinked_only(release, frame)                                        # rows resting only on unlinked documents

Every argument is checked: a typo raises UnknownName naming the closest code, a region is taken in any case, a
date (`as_of`) as 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or a date (InvalidValue for 'September 2023', giving the
format). A valid question the release holds no figure for raises NotInRelease (an UnknownName) naming what it
does hold (the dates, grades or scopes of that measure), never an empty frame.

Different measures never share a column. A frame of one measure in one unit holds its figures in the column
`pdukit.analysis.measures.value_column(measure, unit)` names (`cases_per_practitioner` for a caseload,
`vacancies_fte` for vacancies counted in FTE), tagged in `attrs` (`measure`, `unit`, `value_column`) so
`require_same_measure` can refuse to mix two. Figures of several measures or units come only on request, as the
long form (`long=True`: one `value` column beside each figure's `measure` and `unit`; never sum or chart that
column as one); without it official_staffing raises MixedMeasuresError listing them.

A series is the figures of one publisher on one definition (and one vintage, where the publisher revised it):
`staffing_series` never joins two series into one line, and `regional_staffing` never puts figures of two
dates or series side by side. Every frame keeps `source_ids`.

A release before 2026-12-01 has none of these tables: the functions then raise NotInRelease ('release
2026-11-22b has no official_staffing table; it was added in 2026-12-01'); `has_official(release)` asks first.
"""

from __future__ import annotations

import warnings

import pandas as pd

from pdukit.analysis.dates import DateLike, date_bounds, date_span
from pdukit.analysis.measures import value_column
from pdukit.dataset import vocabulary as v
from pdukit.dataset.names import resolve_region
from pdukit.dataset.release import Release, takes_release
from pdukit.dataset.schema import NATIONAL, REGIONS, TABLES
from pdukit.dataset.sources import split_ids, web_address
from pdukit.dataset.vocabulary import check_flag
from pdukit.errors import InvalidValue, MixedMeasuresError, NotInRelease, UndatedLeftOut, UnknownName

SERIES_COLUMNS = ["scope", "measure", "grade", "unit", "series", "n", "first", "last", "definition", "source_ids"]
OFFICIAL_TABLES = ("official_staffing", "regional_inspections", "public_protection")


@takes_release
def has_official(release: Release, table: str | None = None) -> bool:
    """True when the release holds the official tables (official_staffing, regional_inspections and
    public_protection, from release 2026-12-01), or the one named: ask before calling the functions here, which
    raise NotInRelease on an older release."""
    names = OFFICIAL_TABLES if table is None else (v.check_choice(table, OFFICIAL_TABLES, "official table"),)
    return all(name in release.tables for name in names)


def _table(release: Release, name: str) -> pd.DataFrame:
    """The release's table; NotInRelease where the release predates it."""
    if name in release.tables:
        return release.tables[name]
    raise NotInRelease(f"release {release.version} has no {name} table; it was added in {TABLES[name].since} "
                       f"(pdukit.has_official(release) says whether a release has it; load release "
                       f"{TABLES[name].since} or later, e.g. pdukit.load_release())")


def _check(value, vocabulary, what: str):
    return None if value is None else v.check_choice(value, list(vocabulary), what)


def _scope(value: object) -> str:
    """'England and Wales' or a region's official name, from any case or a region's slug."""
    if str(value).strip().lower() in (NATIONAL.lower(), "england-and-wales"):
        return NATIONAL
    try:
        return resolve_region(str(value))
    except UnknownName:
        return v.check_choice(value, list(v.OFFICIAL_SCOPES), "area (a region or 'England and Wales')")


def _held(values: pd.Series) -> str:
    """The distinct values of a column, quoted, in their order (dates sorted), with the undated counted."""
    known = values.dropna().astype(str)
    order = sorted(set(known)) if values.name in ("as_of", "period_from") else list(dict.fromkeys(known))
    undated = int(values.isna().sum()) if values.name in ("as_of", "period_from") else 0
    return (", ".join(map(repr, order)) or "none") + (f" (and {undated} undated)" if undated else "")


def _narrow(frame: pd.DataFrame, column: str, value: object, what: str, asked: list[str], version: str) -> pd.DataFrame:
    """The rows whose `column` is `value`; NotInRelease naming the values there are when none is."""
    narrowed = frame[frame[column].astype(str) == str(value)]
    return _kept(narrowed, asked, f"{what} {value}", f"for {what} {value!r}", f"{what}s", frame[column], version)


def _kept(narrowed: pd.DataFrame, asked: list[str], said: str, missing: str, plural: str, there: pd.Series,
          version: str) -> pd.DataFrame:
    """`narrowed`, with `said` added to what was asked; NotInRelease naming the values `there` are when it is empty
    (each refusal repeats the narrowings before it, so a reader sees which one left nothing)."""
    if narrowed.empty:
        context = f" ({', '.join(asked)})" if asked else ""
        raise NotInRelease(f"no official staffing figure {missing}{context} in release {version}; {plural} with "
                           f"one{context}: {_held(there)}")
    asked.append(said)
    return narrowed


def _at(frame: pd.DataFrame, as_of: DateLike, asked: list[str], version: str) -> pd.DataFrame:
    """The figures whose date (at its precision) overlaps `as_of`: '2023-09-30' finds a figure of '2023-09', '2023'
    every figure dated in 2023. Undated figures never match; NotInRelease names the dates there are."""
    bounds = date_bounds(as_of, "as_of")
    assert bounds is not None
    spans = [date_span(d) for d in frame.as_of]
    keep = [s is not None and s[0] <= bounds[1] and s[1] >= bounds[0] for s in spans]
    return _kept(frame[keep], asked, f"at {as_of!s}", f"at {as_of!s}", "dates", frame.as_of, version)


def _measure_pairs(frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    pairs = frame.groupby([frame.measure.astype(str), frame.unit.astype(str)], sort=False).size()
    return [(str(m), str(u), int(n)) for (m, u), n in pairs.items()]


def _shape(frame: pd.DataFrame, long: bool, asked: list[str]) -> pd.DataFrame:
    """The frame with its figures in the column named for its one measure and unit, tagged; or, with `long`, in
    `value` beside `measure` and `unit` (tagged only when it holds one measure)."""
    pairs = _measure_pairs(frame)
    frame = frame.reset_index(drop=True)
    frame.attrs["series"] = list(dict.fromkeys(frame.series.astype(str)))  # several: not one time series
    if len(pairs) == 1:
        measure, unit, _ = pairs[0]
        column = "value" if long else value_column(measure, unit)
        frame = frame.rename(columns={"value": column})
        frame.attrs.update(measure=measure, unit=unit, value_column=column)
        return frame
    if not long:
        context = f" ({', '.join(asked)})" if asked else ""
        listed = "; ".join(f"{m} ({u}, {n} figure{'s' if n != 1 else ''})" for m, u, n in pairs)
        raise MixedMeasuresError(f"the official staffing figures asked for{context} are {len(pairs)} measures or "
                                 f"units: {listed}; name one with measure= (and unit=), or pass long=True for all of "
                                 "them in one `value` column beside each figure's measure and unit (never sum, "
                                 "average or chart that column as one)")
    frame.attrs.update(long=True)
    return frame


def _also_in_staffing(release: Release, frame: pd.DataFrame) -> pd.Series:
    """True for a figure the staffing table holds too, as a region-wide figure of the same measure, grade, value
    and date (the East Midlands caseloads a news report gave): drop those rows before combining the two."""
    staffing = release.staffing
    regional = staffing[staffing.inspection_id.isna()]
    known = {(str(r.region), str(r.measure), str(r.grade), float(r.value), "" if pd.isna(r.as_of) else str(r.as_of))
             for r in regional.itertuples() if pd.notna(r.value)}
    return pd.Series([(str(r.scope), str(r.measure), str(r.grade), float(r.value),
                       "" if pd.isna(r.as_of) else str(r.as_of)) in known if pd.notna(r.value) else False
                      for r in frame.itertuples()], index=frame.index, dtype=bool)


def _figures(release: Release, filters: list[tuple[str, object, str]], as_of: DateLike = None,
             regional: bool = False, asked: list[str] | None = None) -> pd.DataFrame:
    """The official figures narrowed by each (column, value, what) in turn, then by region and date."""
    frame = _table(release, "official_staffing")
    frame = frame.assign(also_in_staffing=_also_in_staffing(release, frame))
    asked = [] if asked is None else asked
    if frame.empty:
        raise NotInRelease(f"release {release.version} holds no official staffing figure")
    try:
        frame = _narrowed(frame, filters, as_of, regional, asked, release.version)
    except NotInRelease as err:
        raise NotInRelease(str(err) + _read_as_hint(dict((c, val) for c, val, _ in filters).get("measure"))) from None
    order = {s: i for i, s in enumerate((NATIONAL, *REGIONS))}
    frame = frame.assign(_order=frame.scope.astype(str).map(order)).sort_values(
        ["_order", "measure", "grade", "series", "as_of"], kind="stable")
    return frame.drop(columns="_order")


def _read_as_hint(measure: object) -> str:
    """Where a measure asked for is one some series' figures are read away from (the court teams' staff in post,
    `vocabulary.READ_AS`), the name they are under: a figure not found may be one of those."""
    found = [r for r in v.READ_AS if r.table == "official_staffing" and r.column == "measure" and r.code == measure]
    return "".join(f"; the figures of series {', '.join(r.values)} ({r.why}) are under measure {r.read_as!r}"
                   for r in found)


def _narrowed(frame: pd.DataFrame, filters: list[tuple[str, object, str]], as_of: DateLike, regional: bool,
              asked: list[str], version: str) -> pd.DataFrame:
    for column, value, what in filters:
        if value is not None:
            frame = _narrow(frame, column, value, what, asked, version)
        if column == "measure" and regional:
            mine = frame[frame.scope.astype(str).isin(REGIONS)]
            if mine.empty:
                context = f" ({', '.join(asked)})" if asked else ""
                raise NotInRelease(f"no regional official staffing figure{context} in release {version}; "
                                   f"scopes with one{context}: {_held(frame.scope)}")
            frame = mine
            if as_of is not None:
                frame = _at(frame, as_of, asked, version)
    if as_of is not None and not regional:
        frame = _at(frame, as_of, asked, version)
    return frame


def _filters(measure, grade, scope, series, unit) -> list[tuple[str, object, str]]:
    return [("measure", _check(measure, v.OFFICIAL_MEASURES, "official staffing measure"), "measure"),
            ("grade", _check(grade, v.GRADES, "grade"), "grade"),
            ("scope", None if scope is None else _scope(scope), "scope"),
            ("series", _check(series, v.OFFICIAL_SERIES, "series"), "series"),
            ("unit", _check(unit, v.OFFICIAL_UNITS, "unit"), "unit")]


@takes_release
def official_staffing(release: Release, measure: str | None = None, grade: str | None = None,
                      scope: str | None = None, series: str | None = None, unit: str | None = None,
                      as_of: DateLike = None, long: bool = False) -> pd.DataFrame:
    """The official staffing figures, filtered by any of measure, grade, scope (a region, any case, or 'England
    and Wales'), series, unit and `as_of` (figures whose date, at its precision, overlaps it: '2023-09',
    '2023-09-30', '2023' or a date); sorted by scope (England and Wales first, then the regions in order),
    measure, grade and series, and by date within a series. So one measure may come as several series one after
    another, each in date order (two vintages of the workforce statistics, the National Probation Service's
    figures from before unification): its dates do not run in order down the frame, and its figures are not one
    time series. `attrs["series"]` lists the series a frame holds; `staffing_series` gives one series over time.
    `also_in_staffing` is True for a figure the staffing table holds too (drop those rows before combining the
    two tables).

    One measure in one unit: its figures in the column named for it (`value_column(measure, unit)`, e.g.
    `cases_per_practitioner`, `vacancies_fte`), tagged in attrs (`measure`, `unit`, `value_column`). Several:
    MixedMeasuresError listing them, unless `long=True`, the long form: every figure in one `value` column
    beside its `measure` and `unit`. A filter no figure matches raises NotInRelease naming the values there are.

        >>> official_staffing(release, measure="caseload_avg", grade="po", scope="England and Wales")
        >>> official_staffing(release, scope="London", long=True)[["measure", "as_of", "value", "unit", "source_ids"]]
    """
    long = check_flag(long, "long")
    asked: list[str] = []
    frame = _figures(release, _filters(measure, grade, scope, series, unit), as_of, asked=asked)
    return _shape(frame, long, asked)


@takes_release
def official_series(release: Release, measure: str | None = None, grade: str | None = None,
                    scope: str | None = None) -> pd.DataFrame:
    """One row per series (and scope, measure, grade, unit): how many dates it has, its first and last, its
    definition and sources: what to pass to `staffing_series`."""
    frame = official_staffing(release, measure=measure, grade=grade, scope=scope, long=True)
    rows = []
    keys = ["scope", "measure", "grade", "unit", "series"]
    for key, group in frame.groupby([frame[k].astype(str) for k in keys], sort=False):
        dated = group.as_of.dropna().astype(str)
        rows.append(dict(zip(keys, key, strict=True), n=int(dated.nunique()), first=dated.min() if len(dated) else None,
                         last=dated.max() if len(dated) else None, definition=str(group.definition.iloc[0]),
                         source_ids=";".join(split_ids(group.source_ids))))
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


@takes_release
def staffing_series(release: Release, measure: str, grade: str, series: str | None = None, unit: str | None = None,
                    scope: str = NATIONAL, as_of: DateLike = None, long: bool = False,
                    warn: bool = True) -> pd.DataFrame:
    """One series of one measure and grade over time (England and Wales unless `scope` says otherwise), oldest
    first, its figures in the column named for the measure (`value` with `long=True`), tagged in attrs. Where
    several series (or units) match and none is named, MixedMeasuresError lists them: figures of two definitions
    or vintages are never joined silently. `as_of` keeps the figures at that date or within it ('2024').

    Figures with no date cannot be placed in time: they are left out, counted in `attrs["undated_left_out"]`
    (and `attrs["left_out"]`: their series and values) and a `pdukit.errors.UndatedLeftOut` warning says so (off
    with `warn=False`); when every figure is undated NotInRelease says so, never an empty series.

        >>> staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_2024_25")
    """
    long, warn = check_flag(long, "long"), check_flag(warn, "warn")
    asked: list[str] = []
    frame = _figures(release, _filters(measure, grade, scope, series, unit), as_of, asked=asked)
    undated = frame[frame.as_of.isna()]
    frame = frame[frame.as_of.notna()]
    left = [f"{r.series}: {r.value:g} {r.unit}" for r in undated.itertuples()]
    if frame.empty:
        raise NotInRelease(f"no dated official figure of {measure} for {grade} in {_scope(scope)} in release "
                           f"{release.version}: its {len(undated)} figure(s) have no date ({'; '.join(left)}), so they "
                           f"form no series; official_staffing(release, measure={measure!r}, scope={_scope(scope)!r}) "
                           "gives them")
    found = frame[["series", "unit"]].astype(str).drop_duplicates()
    if len(found) > 1:
        listed = "; ".join(f"{r.series} ({r.unit}, {int(((frame.series.astype(str) == r.series) & (frame.unit.astype(str) == r.unit)).sum())} figures)"
                           for r in found.itertuples())
        raise MixedMeasuresError(f"{measure} of {grade} in {scope} comes in {len(found)} series or units that are not one "
                                 f"time series: {listed}; name one with series=... (and unit=...)")
    out = _shape(frame.sort_values(["as_of_start", "as_of"], kind="stable"), long, asked)
    out.attrs.update(undated_left_out=len(undated), left_out=left)
    if warn and len(undated):
        warnings.warn(f"staffing_series kept {len(out)} dated figures of {measure} for {grade} in {_scope(scope)} and "
                      f"left out {len(undated)} with no date ({'; '.join(left)}); see .attrs['left_out']",
                      UndatedLeftOut, stacklevel=3)
    return out


@takes_release
def regional_staffing(release: Release, as_of: DateLike = "2023-09", measure: str = "vacancies",
                      grade: str | None = None, series: str | None = None, unit: str | None = None,
                      long: bool = False) -> pd.DataFrame:
    """Every region's figure of one measure at one date, in the regions' order: `as_of` as 'YYYY-MM' (e.g.
    '2023-09'), 'YYYY-MM-DD', 'YYYY' or a date (figures whose date overlaps it); regions with no figure are absent
    (compare with `pdukit.REGIONS`). The figures are in the column named for the measure and unit
    (`vacancies_fte`; `value` with `long=True`), tagged in attrs. Figures of two dates, series, units or grades
    raise MixedMeasuresError; a date, grade, series or unit with no regional figure raises NotInRelease naming
    those there are ('dates with one: ...').

        >>> regional_staffing(release, as_of="2023-09").set_index("scope").vacancies_fte["London"]
        457.0
    """
    long = check_flag(long, "long")
    asked: list[str] = []
    filters = _filters(measure, grade, None, series, unit)
    frame = _figures(release, filters, as_of, regional=True, asked=asked)
    found = frame[["series", "unit", "grade", "as_of"]].astype(str).drop_duplicates()
    if len(found) > 1:
        raise MixedMeasuresError(f"{measure} at {as_of} comes in several dates, series, units or grades: "
                                 + "; ".join(f"{r.series} ({r.unit}, {r.grade}, at {r.as_of})" for r in found.itertuples())
                                 + "; name one with a closer as_of=, series=, unit= or grade=")
    return _shape(frame, long, asked)


@takes_release
def public_protection_inspections(release: Release) -> pd.DataFrame:
    """The dynamic inspections of public protection, one row per region, in the order their reports were
    published where the inspectorate numbers them. NotInRelease before release 2026-12-01."""
    frame = _table(release, "regional_inspections")
    return frame.sort_values(["report_number", "region"], kind="stable", na_position="last").reset_index(drop=True)


@takes_release
def public_protection(release: Release, region: str | None = None, kind: str | None = None) -> pd.DataFrame:
    """What the dynamic inspections of public protection state, one row per inspection, kind and topic, with the
    inspection's region, framework, publication date and cases inspected beside it. Per cents only where the
    source prints one; words in `value_text`. Programme-wide statements have no region.

    `region` is taken in any case; a region with no such inspection raises NotInRelease naming the regions with
    one, and a kind with no statement names the kinds there are.

        >>> public_protection(release, kind="case_quality")[["region", "topic", "pct", "value_text", "counted"]]
    """
    region = None if region is None else resolve_region(region)
    kind = _check(kind, v.PP_KINDS, "public protection kind")
    frame = _table(release, "public_protection")
    regional = _table(release, "regional_inspections")
    inspections = regional[["inspection_id", "region", "framework", "published", "cases_inspected"]]
    inspections = inspections.rename(columns={"published": "inspection_published"})
    merged = frame.merge(inspections, on="inspection_id", how="left")
    if region is not None:
        if region not in set(regional.region.astype(str)):
            raise NotInRelease(f"no dynamic inspection of public protection in {region} in release {release.version}; "
                               f"regions with one: {', '.join(map(repr, regional.region.astype(str)))}")
        merged = merged[merged.region.astype(str) == region]
    if kind is not None:
        mine = merged[merged.kind.astype(str) == kind]
        if mine.empty:
            where = f" of {region}" if region else ""
            raise NotInRelease(f"no {kind} statement from the inspection{where} in release {release.version}; kinds "
                               f"there are: {', '.join(map(repr, dict.fromkeys(merged.kind.astype(str))))}")
        merged = mine
    return merged.reset_index(drop=True)


@takes_release
def unlinked_only(release: Release, frame: pd.DataFrame, column: str = "source_ids") -> pd.Series:
    """True for each row of `frame` whose every source is unlinked (a seed document with no public address, or a
    page whose address was not recorded): values a reader cannot check on the web. Rows with no source are False.

        >>> ratings = release.ratings
        >>> ratings[unlinked_only(release, ratings)]      # ratings resting only on unlinked documents
    """
    if not isinstance(frame, pd.DataFrame):
        raise InvalidValue(f"unlinked_only needs a DataFrame with a {column!r} column, not {type(frame).__name__}")
    v.check_choice(column, frame.columns, "column of source ids")
    sources = release.sources
    if "linked" in sources and sources.linked.notna().all():
        linked = dict(zip(sources.source_id, sources.linked.astype(bool), strict=True))
    else:  # a release before 2026-12-01: a web address is linked, a seed or an unrecorded address is not
        linked = {s: web_address(u) is not None for s, u in zip(sources.source_id, sources.url, strict=True)}

    def only_unlinked(cell) -> bool:
        ids = split_ids(cell)
        return bool(ids) and all(not linked.get(i, True) for i in ids)

    return frame[column].map(only_unlinked).astype(bool).rename("unlinked_only")


@takes_release
def staffing_beside_outcomes(release: Release, as_of: DateLike = "2023-09", measure: str = "vacancies",
                             rating: str = "Inadequate") -> pd.DataFrame:
    """Each region's official staffing figure at one date beside its inspection outcomes: the figure (in the
    column named for its measure and unit, `vacancies_fte`, with `unit` and `as_of`), its rated inspections (n),
    how many were `rating` with the share and 95% interval, and the dates its inspections were published (first
    and last), so a reader sees how far apart the two are. Counts stay counts: no rate is made from a figure whose
    denominator no source gives. Tagged in attrs (`measure`, `unit`, `value_column`).

    A release before 2026-12-01 (no official staffing) raises NotInRelease, as every function here does: the
    reports ask `has_official(release)` first.

    Columns: region, <value column>, unit, as_of, n, count, share, low, high, first_published, last_published,
    source_ids."""
    from pdukit.analysis.summaries import rating_shares

    figures = regional_staffing(release, as_of=as_of, measure=measure)
    column = figures.attrs["value_column"]
    staffing = figures.set_index(figures.scope.astype(str))
    shares = rating_shares(release, rating).set_index("region")
    ins = release.inspections
    rows = []
    for region in REGIONS:
        if region not in staffing.index:
            continue
        figure = staffing.loc[region]
        mine = ins[ins.region == region].dropna(subset=["published_start"]).sort_values("published_start")
        share = shares.loc[region]
        rows.append({"region": region, column: figure[column], "unit": str(figure.unit), "as_of": str(figure.as_of),
                     "n": int(share.n), "count": int(share["count"]), "share": share.share, "low": share.low,
                     "high": share.high,
                     "first_published": mine.published.iloc[0] if len(mine) else None,
                     "last_published": mine.published.iloc[-1] if len(mine) else None,
                     "source_ids": ";".join(split_ids([figure.source_ids, share.source_ids]))})
    out = pd.DataFrame(rows, columns=["region", column, "unit", "as_of", "n", "count", "share", "low", "high",
                                      "first_published", "last_published", "source_ids"])
    for name in ("share", "low", "high"):
        out[name] = out[name].astype("Float64")
    out.attrs.update(measure=figures.attrs["measure"], unit=figures.attrs["unit"], value_column=column)
    return out
