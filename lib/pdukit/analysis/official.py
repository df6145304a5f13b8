"""Official staffing and the dynamic inspections of public protection, as the release holds them (from 2026-12-01).

    official_staffing(release, measure="vacancies", scope="London")     # the figures, each with its sources
    staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_2024_25")   # one series over time
    regional_staffing(release, as_of="2023-09")                          # every region at one date
    public_protection(release)                                           # the 2025-26 dynamic inspections
    unlinked_only(release, frame)                                        # rows resting only on unlinked documents

Every argument is checked against the vocabulary, so a typo raises UnknownName naming the closest code, never an
empty answer. A series is the figures of one publisher on one definition (and one vintage, where the publisher
revised it): `staffing_series` never joins two series into one line, and `regional_staffing` never puts figures of
two dates or series side by side. Every frame keeps `source_ids`. A release before 2026-12-01 has none of these
tables: the functions then return empty frames with the columns they would have.
"""

from __future__ import annotations

import pandas as pd

from pdukit.dataset import vocabulary as v
from pdukit.dataset.release import Release
from pdukit.dataset.schema import NATIONAL, REGIONS, TABLES
from pdukit.dataset.sources import split_ids
from pdukit.errors import MixedMeasuresError

SERIES_COLUMNS = ["scope", "measure", "grade", "unit", "series", "n", "first", "last", "definition", "source_ids"]


def _table(release: Release, name: str) -> pd.DataFrame:
    """The release's table, or an empty frame with its columns where the release predates the table."""
    if name in release.tables:
        return release.tables[name]
    return pd.DataFrame({c: pd.Series(dtype="object") for c in TABLES[name].column_names})


def _check(value, vocabulary: dict, what: str):
    return None if value is None else v.check_choice(value, list(vocabulary), what)


def official_staffing(release: Release, measure: str | None = None, grade: str | None = None,
                      scope: str | None = None, series: str | None = None, unit: str | None = None) -> pd.DataFrame:
    """The official staffing figures, filtered by any of measure, grade, scope (a region or 'England and Wales'),
    series and unit; sorted by scope (England and Wales first, then the regions in order), measure and date.

        >>> official_staffing(release, measure="vacancies", scope="London")[["as_of", "value", "unit", "source_ids"]]
    """
    frame = _table(release, "official_staffing")
    for column, value, vocabulary, what in (("measure", measure, v.OFFICIAL_MEASURES, "official staffing measure"),
                                            ("grade", grade, v.GRADES, "grade"),
                                            ("scope", scope, v.OFFICIAL_SCOPES, "area"),
                                            ("series", series, v.OFFICIAL_SERIES, "series"),
                                            ("unit", unit, v.OFFICIAL_UNITS, "unit")):
        if _check(value, vocabulary, what) is not None:
            frame = frame[frame[column].astype(str) == value]
    order = {s: i for i, s in enumerate((NATIONAL, *REGIONS))}
    frame = frame.assign(_order=frame.scope.astype(str).map(order)).sort_values(
        ["_order", "measure", "grade", "series", "as_of"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def official_series(release: Release, measure: str | None = None, grade: str | None = None,
                    scope: str | None = None) -> pd.DataFrame:
    """One row per series (and scope, measure, grade, unit): how many dates it has, its first and last, its
    definition and sources: what to pass to `staffing_series`."""
    frame = official_staffing(release, measure=measure, grade=grade, scope=scope)
    rows = []
    keys = ["scope", "measure", "grade", "unit", "series"]
    for key, group in frame.groupby([frame[k].astype(str) for k in keys], sort=False):
        dated = group.as_of.dropna().astype(str)
        rows.append(dict(zip(keys, key, strict=True), n=int(dated.nunique()), first=dated.min() if len(dated) else None,
                         last=dated.max() if len(dated) else None, definition=str(group.definition.iloc[0]),
                         source_ids=";".join(split_ids(group.source_ids))))
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def staffing_series(release: Release, measure: str, grade: str, series: str | None = None, unit: str | None = None,
                    scope: str = NATIONAL) -> pd.DataFrame:
    """One series of one measure and grade over time (England and Wales unless `scope` says otherwise), oldest
    first. Where several series (or units) match and none is named, MixedMeasuresError lists them: figures of two
    definitions or vintages are never joined silently.

        >>> staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_2024_25")
    """
    frame = official_staffing(release, measure=measure, grade=grade, scope=scope, series=series, unit=unit)
    frame = frame[frame.as_of.notna()]
    found = frame[["series", "unit"]].astype(str).drop_duplicates()
    if len(found) > 1:
        listed = "; ".join(f"{r.series} ({r.unit}, {int(((frame.series.astype(str) == r.series) & (frame.unit.astype(str) == r.unit)).sum())} figures)"
                           for r in found.itertuples())
        raise MixedMeasuresError(f"{measure} of {grade} in {scope} comes in {len(found)} series or units that are not one "
                                 f"time series: {listed}; name one with series=... (and unit=...)")
    out = frame.sort_values(["as_of_start", "as_of"], kind="stable").reset_index(drop=True)
    out.attrs["measure"] = measure
    return out


def regional_staffing(release: Release, as_of: str = "2023-09", measure: str = "vacancies", grade: str | None = None,
                      series: str | None = None, unit: str | None = None) -> pd.DataFrame:
    """Every region's figure of one measure at one date (`as_of` exactly as the release writes it, e.g. '2023-09'),
    in the regions' order; regions with no figure are absent (compare with `pdukit.REGIONS`). Figures of two
    series or units for one date raise MixedMeasuresError.

        >>> regional_staffing(release, as_of="2023-09").set_index("scope").value["London"]
        457.0
    """
    frame = official_staffing(release, measure=measure, grade=grade, series=series, unit=unit)
    frame = frame[frame.scope.astype(str).isin(REGIONS) & (frame.as_of.astype(str) == str(as_of))]
    found = frame[["series", "unit", "grade"]].astype(str).drop_duplicates()
    if len(found) > 1:
        raise MixedMeasuresError(f"{measure} at {as_of} comes in several series, units or grades: "
                                 + "; ".join(f"{r.series} ({r.unit}, {r.grade})" for r in found.itertuples())
                                 + "; name one with series=..., unit=... or grade=...")
    return frame.reset_index(drop=True)


def public_protection_inspections(release: Release) -> pd.DataFrame:
    """The dynamic inspections of public protection, one row per region, in the order their reports were
    published where the inspectorate numbers them."""
    frame = _table(release, "regional_inspections")
    return frame.sort_values(["report_number", "region"], kind="stable", na_position="last").reset_index(drop=True)


def public_protection(release: Release, region: str | None = None, kind: str | None = None) -> pd.DataFrame:
    """What the dynamic inspections of public protection state, one row per inspection, kind and topic, with the
    inspection's region, framework, publication date and cases inspected beside it. Per cents only where the
    source prints one; words in `value_text`. Programme-wide statements have no region.

        >>> public_protection(release, kind="case_quality")[["region", "topic", "pct", "value_text", "counted"]]
    """
    if region is not None:
        v.check_choice(region, REGIONS, "region")
    _check(kind, v.PP_KINDS, "public protection kind")
    frame = _table(release, "public_protection")
    inspections = _table(release, "regional_inspections")[["inspection_id", "region", "framework", "published",
                                                            "cases_inspected"]]
    inspections = inspections.rename(columns={"published": "inspection_published", "framework": "framework"})
    merged = frame.merge(inspections, on="inspection_id", how="left")
    if region is not None:
        merged = merged[merged.region.astype(str) == region]
    if kind is not None:
        merged = merged[merged.kind.astype(str) == kind]
    return merged.reset_index(drop=True)


def unlinked_only(release: Release, frame: pd.DataFrame, column: str = "source_ids") -> pd.Series:
    """True for each row of `frame` whose every source is unlinked (a seed document with no public address, or a
    page whose address was not recorded): values a reader cannot check on the web. Rows with no source are False.

        >>> ratings = release.ratings
        >>> ratings[unlinked_only(release, ratings)]      # ratings resting only on unlinked documents
    """
    sources = release.sources
    if "linked" in sources and sources.linked.notna().all():
        linked = dict(zip(sources.source_id, sources.linked.astype(bool), strict=True))
    else:  # a release before 2026-12-01: a web address is linked, a seed or an unrecorded address is not
        linked = {s: str(u).startswith(("http://", "https://")) for s, u in zip(sources.source_id, sources.url, strict=True)}

    def only_unlinked(cell) -> bool:
        ids = split_ids(cell)
        return bool(ids) and all(not linked.get(i, True) for i in ids)

    return frame[column].map(only_unlinked).astype(bool).rename("unlinked_only")


def staffing_beside_outcomes(release: Release, as_of: str = "2023-09", measure: str = "vacancies",
                             rating: str = "Inadequate") -> pd.DataFrame:
    """Each region's official staffing figure at one date beside its inspection outcomes: the figure (value, unit,
    as_of), its rated inspections (n), how many were `rating` with the share and 95% interval, and the dates its
    inspections were published (first and last), so a reader sees how far apart the two are. Counts stay counts:
    no rate is made from a figure whose denominator no source gives.

    Columns: region, value, unit, as_of, n, count, share, low, high, first_published, last_published, source_ids."""
    from pdukit.analysis.summaries import rating_shares

    staffing = regional_staffing(release, as_of=as_of, measure=measure).set_index(
        regional_staffing(release, as_of=as_of, measure=measure).scope.astype(str))
    shares = rating_shares(release, rating).set_index("region")
    ins = release.inspections
    rows = []
    for region in REGIONS:
        if region not in staffing.index:
            continue
        figure = staffing.loc[region]
        mine = ins[ins.region == region].dropna(subset=["published_start"]).sort_values("published_start")
        share = shares.loc[region]
        rows.append({"region": region, "value": figure.value, "unit": str(figure.unit), "as_of": str(figure.as_of),
                     "n": int(share.n), "count": int(share["count"]), "share": share.share, "low": share.low,
                     "high": share.high,
                     "first_published": mine.published.iloc[0] if len(mine) else None,
                     "last_published": mine.published.iloc[-1] if len(mine) else None,
                     "source_ids": ";".join(split_ids([figure.source_ids, share.source_ids]))})
    out = pd.DataFrame(rows, columns=["region", "value", "unit", "as_of", "n", "count", "share", "low", "high",
                                      "first_published", "last_published", "source_ids"])
    for column in ("share", "low", "high"):
        out[column] = out[column].astype("Float64")
    out.attrs["measure"] = measure
    return out
