"""Summaries of the release by region and over time: counts, shares and coverage, each with its n."""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import pandas as pd

from pdukit.analysis.outcomes import staffing_outcomes
from pdukit.analysis.stats import share_table
from pdukit.dataset.names import resolve_region
from pdukit.dataset.release import Release, takes_release
from pdukit.dataset.schema import RATINGS, REGIONS, STANDARD_LABELS, STANDARDS
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice, check_flag
from pdukit.errors import NotInRelease, NotKnownLeftOut


@takes_release
def regional_summary(release: Release, outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per region: inspections held, rated, count per rating, the median and range of PO vacancy
    rates (%) with their n, and the source_ids of the inspections and vacancy rates counted."""
    ins = release.inspections
    vac = staffing_outcomes(release) if outcomes is None else outcomes
    rows = []
    for region in REGIONS:
        mine = ins[ins.region == region]
        with_po = vac[(vac.region == region) & vac["po"].notna()] if "po" in vac else vac.iloc[:0]
        po = with_po["po"] if "po" in vac else pd.Series(dtype=float)
        row: dict[str, object] = dict(region=region, inspections=len(mine), rated=int(mine.overall_rating.notna().sum()))
        for rating in RATINGS:
            row[rating] = int((mine.overall_rating == rating).sum())
        row.update(po_vacancy_n=len(po), po_vacancy_median=po.median() if len(po) else None,
                   po_vacancy_min=po.min() if len(po) else None, po_vacancy_max=po.max() if len(po) else None,
                   source_ids=join_ids(mine.source_ids, with_po.get("source_ids")))
        rows.append(row)
    return pd.DataFrame(rows)


def highest_inadequate_share(summary: pd.DataFrame) -> pd.Series:
    """Return the row of `regional_summary` whose rated inspections are most often Inadequate."""
    rated = summary[summary.rated > 0]
    return rated.assign(share=rated.Inadequate / rated.rated).sort_values("share", ascending=False).iloc[0]




@takes_release
def pdu_coverage(release: Release) -> pd.DataFrame:
    """Per region and for England and Wales: PDUs in the MoJ register, current and since merged, and how many of
    each the release holds an inspection of. One row per region, then an 'England and Wales' row.

    `never_inspected` counts current PDUs only (a merged PDU can no longer be inspected); merged PDUs have their
    own `merged_inspected` and `merged_never_inspected`. `inspected` counts every PDU inspected at least once,
    current or merged. `source_ids`: the register rows and the inspections counted.

        >>> pdu_coverage(release).tail(1)   # 112 register PDUs, 108 current, 65 inspected at least once
    """
    pdus = release.pdus.copy()
    inspections = release.inspections
    inspected = set(inspections.pdu_id)
    pdus["was_inspected"] = pdus.pdu_id.isin(inspected)
    current = pdus.status.astype(object).fillna("current") == "current"
    rows = []
    for region in [*REGIONS, None]:
        mine = pdus if region is None else pdus[pdus.region == region]
        cur, seen = current.loc[mine.index], mine.was_inspected
        rows.append({"region": region or "England and Wales", "pdus": len(mine), "current": int(cur.sum()),
                     "merged": int((~cur).sum()), "inspected": int(seen.sum()),
                     "current_inspected": int((seen & cur).sum()), "never_inspected": int((~seen & cur).sum()),
                     "merged_inspected": int((seen & ~cur).sum()), "merged_never_inspected": int((~seen & ~cur).sum()),
                     "source_ids": join_ids(mine.source_ids, inspections[inspections.pdu_id.isin(mine.pdu_id)].source_ids)})
    return pd.DataFrame(rows)


NO_DATE = "date not known"


def publication_year(published) -> str:
    """The year an inspection was published, at whatever precision the source gives it, or 'date not known'."""
    return str(published)[:4] if isinstance(published, str) and published else NO_DATE


@takes_release
def ratings_by_year(release: Release, inspections: pd.DataFrame | None = None) -> pd.DataFrame:
    """Overall ratings per year of publication, each inspection counted once under its best-known year (dated to
    the day, the month or only the year); those with no date form their own last group, 'date not known'.

    Columns: year, one per rating, 'Not known' (no rating in any source), n, and the source_ids of the year's
    inspections (their ratings and their dates)."""
    ins = (release.inspections if inspections is None else inspections).copy()
    ins["year"] = ins.published.map(publication_year)
    ins["rating"] = ins.overall_rating.astype(object).fillna("Not known")
    table = ins.pivot_table(index="year", columns="rating", values="inspection_id", aggfunc="count", fill_value=0)
    columns = [r for r in (*RATINGS, "Not known") if r in table.columns or r in RATINGS]
    table = table.reindex(columns=columns, fill_value=0)
    order = sorted(y for y in table.index if y != NO_DATE) + ([NO_DATE] if NO_DATE in table.index else [])
    table = table.loc[order]
    table["n"] = table.sum(axis=1)
    table.columns.name = None
    sources = {year: join_ids(group.source_ids, group.get("published_source_ids")) for year, group in ins.groupby("year")}
    return table.reset_index().assign(source_ids=lambda f: f.year.map(sources))


@takes_release
def inspections_by_year(release: Release) -> dict[str, list[str]]:
    """{year or 'date not known': inspection ids}, each inspection once, as `ratings_by_year` counts them."""
    ins = release.inspections
    years = ins.published.map(publication_year)
    return {year: sorted(ins.inspection_id[years == year]) for year in sorted(set(years))}


@takes_release
def standard_counts(release: Release, inspection_ids: str | Iterable[str] | None = None,
                    warn: bool = True) -> pd.DataFrame:
    """Per standard (framework order): known ratings n, count per rating, Inadequate split into stated and
    implied, and the source_ids of the ratings counted. Each inspection counts once per standard; unknown ratings
    are left out of n. `inspection_ids`: inspections, or PDUs by name, alias, code or id (all their inspections);
    None for every inspection.

    Inspections with no standard rating in the release are never counted silently as none: they are listed in
    `attrs["without_ratings"]`, and for inspections asked for by name a `pdukit.errors.NotKnownLeftOut` warning
    names them (off with `warn=False`). When none of the inspections asked for has a standard rating (Sheffield's
    two), NotInRelease says so rather than give an empty table.

        >>> standard_counts(release, ["Gwent", "west-sussex-1"])    # warns: gwent-2 has no standard ratings
    """
    warn = check_flag(warn, "warn")
    ratings = release.ratings.dropna(subset=["rating"])
    wanted = release.resolve_inspections(inspection_ids)
    missing = release.without_standard_ratings(wanted)
    if wanted is not None:
        ratings = ratings[ratings.inspection_id.isin(wanted)]
        if ratings.empty:
            raise NotInRelease(f"no standard ratings in release {release.version} for {_listed(release, missing)}: no "
                               "source gives them (often the public pages give only the overall rating)")
        if missing and warn:
            warnings.warn(f"standard_counts counted {len(wanted) - len(missing)} of {len(wanted)} inspections; "
                          f"{_listed(release, missing)} {'has' if len(missing) == 1 else 'have'} no standard ratings "
                          "in the release; see .attrs['without_ratings']", NotKnownLeftOut, stacklevel=3)
    rows = []
    for standard in STANDARDS:
        mine = ratings[ratings.standard == standard]
        if mine.empty:
            continue
        row: dict[str, object] = {"standard": standard, "label": STANDARD_LABELS[standard], "n": len(mine),
                                  "stated": int((mine.basis == "stated").sum()),
                                  "implied": int((mine.basis == "implied").sum())}
        for rating in RATINGS:
            row[rating] = int((mine.rating == rating).sum())
        bad = mine[mine.rating == "Inadequate"]
        row["inadequate_stated"] = int((bad.basis == "stated").sum())
        row["inadequate_implied"] = int((bad.basis == "implied").sum())
        row["source_ids"] = join_ids(mine.source_ids)
        rows.append(row)
    out = pd.DataFrame(rows, columns=["standard", "label", "n", "stated", "implied", *RATINGS, "inadequate_stated",
                                      "inadequate_implied", "source_ids"])
    out.attrs["without_ratings"] = missing
    return out


def _listed(release: Release, ids: list[str]) -> str:
    """'sheffield-1 (Sheffield (2023)) and sheffield-2 (Sheffield (2024))'."""
    named = [f"{i} ({release.inspection_labels.get(i, i)})" for i in ids]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1] if named else "no inspection"


@takes_release
def coverage_by_region(release: Release) -> pd.DataFrame:
    """Per region and in total: PDUs (register), PDUs inspected, inspections, and how many of those have a
    publication date, an overall rating, a score, standard ratings and staffing figures."""
    ins = release.inspections
    has_std = set(release.ratings.dropna(subset=["rating"]).inspection_id)
    has_staff = set(release.staffing.dropna(subset=["inspection_id"]).inspection_id)
    cov = pdu_coverage(release).set_index("region")
    rows = []
    for region in [*REGIONS, None]:
        mine = ins if region is None else ins[ins.region == region]
        key = region or "England and Wales"
        rows.append({"Region": key, "PDUs (register)": int(cov.at[key, "pdus"]), "PDUs inspected": int(cov.at[key, "inspected"]),
                     "Inspections": len(mine), "With a date": int(mine.published.notna().sum()),
                     "With a rating": int(mine.overall_rating.notna().sum()), "With a score": int(mine.score.notna().sum()),
                     "With standard ratings": int(mine.inspection_id.isin(has_std).sum()),
                     "With staffing figures": int(mine.inspection_id.isin(has_staff).sum()),
                     "source_ids": join_ids(mine.source_ids, cov.at[key, "source_ids"])})
    return pd.DataFrame(rows)


ENGLAND_AND_WALES = "England and Wales"


@takes_release
def rating_shares(release: Release, rating: str = "Inadequate", by: str = "region", latest_only: bool = False,
                  total: bool = False) -> pd.DataFrame:
    """Share of inspections with a known overall rating that were `rating`, per `by` (a column of inspections:
    region, framework, round, ...), with n, count, a 95% Wilson interval and the source_ids of the n inspections.
    Each inspection counts once; `latest_only` keeps each PDU's latest inspection. `total=True` adds a last row,
    'England and Wales', over every inspection (leave it out, the default, for a chart of the groups alone; or
    drop it with `shares[shares.region != "England and Wales"]`).

    A rating or column that does not exist raises UnknownName naming the closest (`"inadequate"` -> did you mean
    'Inadequate'?), never a table of zeros. `by="framework"` splits round 2 by its year of publication (the
    framework codes '2024' and '2025' are years, not frameworks: see `framework_label` and `attrs["note"]`); for
    the two programmes, `by="round"`.

        >>> rating_shares(release, "Inadequate", by="region", total=True).tail(1)   # England and Wales, 39 of 78
    """
    rating = check_choice(rating, RATINGS, "rating")
    latest_only, total = check_flag(latest_only, "latest_only"), check_flag(total, "total")
    frame = release.inspections
    by = check_choice(by, [c for c in frame.columns if c not in ("source_ids", "note")], "column of inspections to group by")
    if latest_only:
        frame = frame.sort_values("round").groupby("pdu_id", observed=True).tail(1)
    return share_table(frame, by, "overall_rating", rating, total=ENGLAND_AND_WALES if total else None)


@takes_release
def overall_share(release: Release, rating: str = "Inadequate") -> pd.Series:
    """England and Wales as a whole: n rated inspections, the count that were `rating`, the share, its interval
    and source_ids (the reference line of the regional comparisons)."""
    rating = check_choice(rating, RATINGS, "rating")
    return share_table(release.inspections.assign(scope=ENGLAND_AND_WALES), "scope", "overall_rating", rating).iloc[0]


@takes_release
def ratings_by_round(release: Release, inspections: pd.DataFrame | None = None) -> pd.DataFrame:
    """Overall ratings per inspection round (known for every inspection), each inspection counted once.

    Columns: round, one per rating, 'Not known', n, source_ids."""
    ins = (release.inspections if inspections is None else inspections).copy()
    ins["rating"] = ins.overall_rating.astype(object).fillna("Not known")
    table = ins.pivot_table(index="round", columns="rating", values="inspection_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=[r for r in (*RATINGS, "Not known") if r in table.columns or r in RATINGS],
                          fill_value=0)
    table["n"] = table.sum(axis=1)
    table.columns.name = None
    out = table.reset_index()
    out["source_ids"] = [";".join(ins[ins["round"] == r].source_ids.dropna()) for r in out["round"]]
    return out


@takes_release
def never_inspected(release: Release, region: str | None = None) -> pd.DataFrame:
    """Current PDUs of the Ministry of Justice register with no inspection in the release (merged PDUs apart),
    by region then name; `region` (any case, or its slug) keeps one region's. Columns: region, pdu, pdu_code,
    source_ids."""
    region = None if region is None else resolve_region(region)
    pdus = release.pdus
    seen = set(release.inspections.pdu_id)
    mine = pdus[(pdus.status.astype(object).fillna("current") == "current") & ~pdus.pdu_id.isin(seen)]
    if region is not None:
        mine = mine[mine.region == region]
    out = mine.rename(columns={"name": "pdu"})[["region", "pdu", "pdu_code", "source_ids"]]
    return out.sort_values(["region", "pdu"]).reset_index(drop=True)
