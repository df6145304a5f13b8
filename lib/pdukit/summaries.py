"""Summaries of the release by region and over time: counts, shares and coverage, each with its n."""

from __future__ import annotations

import pandas as pd

from .load import Release
from .outcomes import staffing_outcomes
from .schema import RATINGS, REGIONS


def regional_summary(release: Release, outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per region: inspections held, rated, count per rating, and the median and range of
    PO vacancy rates (%) with their n."""
    ins = release.inspections
    vac = staffing_outcomes(release) if outcomes is None else outcomes
    rows = []
    for region in REGIONS:
        mine = ins[ins.region == region]
        po = vac[vac.region == region]["po"].dropna() if "po" in vac else pd.Series(dtype=float)
        row = dict(region=region, inspections=len(mine), rated=int(mine.overall_rating.notna().sum()))
        for rating in RATINGS:
            row[rating] = int((mine.overall_rating == rating).sum())
        row.update(po_vacancy_n=len(po), po_vacancy_median=po.median() if len(po) else None,
                   po_vacancy_min=po.min() if len(po) else None, po_vacancy_max=po.max() if len(po) else None)
        rows.append(row)
    return pd.DataFrame(rows)


def ratings_by_quarter(release: Release) -> pd.DataFrame:
    """Return counts of overall ratings per publication quarter ('2022Q2'); inspections dated only to a year, or
    not dated, are counted under 'undated' so nothing is silently dropped."""
    ins = release.inspections.dropna(subset=["overall_rating"]).copy()
    precise = ins.published_precision.isin(["month", "day"])
    ins["quarter"] = "undated"
    ins.loc[precise, "quarter"] = ins.loc[precise, "published_start"].dt.to_period("Q").astype(str)
    table = ins.pivot_table(index="quarter", columns="overall_rating", values="inspection_id", aggfunc="count",
                            observed=False, fill_value=0)
    table = table.reindex(columns=list(RATINGS), fill_value=0)
    order = sorted(q for q in table.index if q != "undated") + (["undated"] if "undated" in table.index else [])
    table = table.loc[order]
    table["n"] = table[list(RATINGS)].sum(axis=1)
    return table.reset_index()


def coverage(release: Release) -> pd.DataFrame:
    """Return, per region and publication year, how many inspections the release holds and how many of them have
    a rating, a score, standard ratings and staffing figures: what the data has and what it lacks."""
    ins = release.inspections.copy()
    ins["year"] = ins.published.str[:4].fillna("undated")
    has_std = set(release.ratings.dropna(subset=["rating"]).inspection_id)
    has_staff = set(release.staffing.dropna(subset=["inspection_id"]).inspection_id)
    ins["rated"] = ins.overall_rating.notna()
    ins["scored"] = ins.score.notna()
    ins["standards"] = ins.inspection_id.isin(has_std)
    ins["staffing"] = ins.inspection_id.isin(has_staff)
    out = ins.groupby(["region", "year"], observed=True).agg(
        inspections=("inspection_id", "count"), rated=("rated", "sum"), scored=("scored", "sum"),
        with_standards=("standards", "sum"), with_staffing=("staffing", "sum")).reset_index()
    return out


def highest_inadequate_share(summary: pd.DataFrame) -> pd.Series:
    """Return the row of `regional_summary` whose rated inspections are most often Inadequate."""
    rated = summary[summary.rated > 0]
    return rated.assign(share=rated.Inadequate / rated.rated).sort_values("share", ascending=False).iloc[0]




def pdu_coverage(release: Release) -> pd.DataFrame:
    """Per region and for England and Wales: PDUs in the MoJ register (current, and since merged), how many the
    release holds an inspection of, and how many it never does. One row per region, then a 'England and Wales' row.

        >>> pdu_coverage(release).tail(1)   # e.g. 65 of the 112 register PDUs inspected at least once
    """
    pdus = release.pdus.copy()
    inspected = set(release.inspections.pdu_id)
    pdus["was_inspected"] = pdus.pdu_id.isin(inspected)
    current = pdus.status.astype(object).fillna("current") == "current"
    rows = []
    for region in [*REGIONS, None]:
        mine = pdus if region is None else pdus[pdus.region == region]
        cur = current.loc[mine.index]
        rows.append({"region": region or "England and Wales", "pdus": len(mine), "current": int(cur.sum()),
                     "merged": int((~cur).sum()), "inspected": int(mine.was_inspected.sum()),
                     "current_inspected": int((mine.was_inspected & cur).sum()),
                     "never_inspected": int((~mine.was_inspected).sum())})
    return pd.DataFrame(rows)
