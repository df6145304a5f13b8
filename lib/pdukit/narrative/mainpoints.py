"""Main points: the headlines at the top of each report, computed from the release.

Each point is one message a reader could quote (at most 25 words), then a second line with its n, where its
figures come from and its caveat. Every number comes from the data passed in; change a value in the release and
the sentence changes. A correlation's direction is always said in words, and no sentence claims cause.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pdukit.analysis.audit import FLAGGED
from pdukit.analysis.compare import compare_rounds
from pdukit.analysis.measures import upw_backlog
from pdukit.analysis.outcomes import staffing_outcomes
from pdukit.analysis.stats import MIN_N, Correlation, spearman
from pdukit.analysis.summaries import pdu_coverage, standard_counts
from pdukit.dataset import vocabulary as v
from pdukit.dataset.sources import split_ids
from pdukit.narrative.words import (
    FEW,
    count,
    grades,
    listing,
    month_year,
    percent,
    plural,
    possessive,
    rating_mix,
    sentence,
    share,
    share_of,
    signed,
    when,
)

CASE_STANDARDS = ("assessment", "planning", "implementation_and_delivery", "reviewing")
ORGANISATION_STANDARDS = ("leadership", "staff", "services", "information_and_facilities")
MAX_HEADLINE_WORDS = 25
SHORT_CAVEAT = "The framework changed between rounds, so this is not a like-for-like measure."


@dataclass(frozen=True)
class Point:
    """A main point: one message a reader could quote (at most 25 words), then its n, sources and caveat."""

    headline: str
    detail: str = ""
    source_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        words = len(self.headline.split())
        if words > MAX_HEADLINE_WORDS:
            raise ValueError(f"a headline has {words} words (at most {MAX_HEADLINE_WORDS}): {self.headline!r}")


def _point(headline: str, detail: str, *id_columns) -> Point:
    ids: list[str] = []
    for column in id_columns:
        ids += split_ids(column)
    return Point(sentence(headline), sentence(detail) if detail else "", tuple(dict.fromkeys(ids)))


def from_sources(release, source_ids) -> str:
    """'From 61 documents: HM Inspectorate of Probation 40, BBC News 9 and 12 from other publishers.'"""
    ids = split_ids(source_ids)
    known = release.sources[release.sources.source_id.isin(ids)]
    if known.empty:
        return ""
    counts = known.publisher.value_counts()
    top = ", ".join(f"{p} {n}" for p, n in counts.head(2).items())
    rest = int(counts.iloc[2:].sum())
    return f"From {plural(len(known), 'document')}: {top}" + (f" and {rest} from other publishers" if rest else "") + "."


def _end(published) -> pd.Timestamp:
    """The last day a partial date can mean: '2025' -> 31 December 2025, '2025-07' -> 31 July 2025."""
    text = str(published)
    if len(text) == 4:
        return pd.Timestamp(f"{text}-12-31")
    if len(text) == 7:
        return pd.Timestamp(f"{text}-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(text)


def _dates(frame: pd.DataFrame) -> tuple[str, str]:
    """The earliest and latest publication as a reader can state them: the latest is the date whose last possible
    day is latest, so a report dated only '2025' makes the range end '2025', never a month no source gives."""
    dated = frame.dropna(subset=["published_start"]).sort_values("published_start")
    if dated.empty:
        return "", ""
    last = dated.loc[dated.published.map(_end).idxmax()].published
    return month_year(dated.published.iloc[0]), month_year(last)


# --- the points ----------------------------------------------------------------------------------------------
def coverage_point(release, inspections: pd.DataFrame, region: str | None = None) -> Point:
    """How many PDUs the data hold inspections of, out of the PDUs in the Ministry of Justice register, over what
    dates: counted as the coverage table counts them (every PDU of the register, current and since merged or
    split), then current PDUs and merged or split ones apart, so the sentence and the table reconcile."""
    cov = pdu_coverage(release).set_index("region").loc[region or "England and Wales"]
    first, last = _dates(inspections)
    place = f"{region} region" if region else "England and Wales"
    total, inspected = int(cov.pdus), int(cov.inspected)
    current, seen = int(cov.current), int(cov.current_inspected)
    merged, merged_seen = int(cov.merged), int(cov.merged_inspected)
    which = f"all {count(total)}" if inspected == total else f"{count(inspected)} of the {count(total)}"
    headline = (f"The data hold {plural(len(inspections), 'inspection')} of {which} PDUs in the register for {place}"
                + (f", published {first} to {last}" if first and first != last else
                   f", published {first}" if first else "") + ".")

    split = (f"Of those {count(total)}, {count(current)} {'is a current PDU' if current == 1 else 'are current PDUs'} "
             f"({count(seen)} inspected) and {count(merged)} {'has' if merged == 1 else 'have'} since merged or split "
             f"({count(merged_seen)} inspected)" if merged else f"All {count(total)} are current PDUs")
    missing = (f"{count(current - seen)} current PDU{'s have' if current - seen != 1 else ' has'} no inspection in the data"
               if current > seen else "every current PDU has at least one inspection in the data")
    undated = int(inspections.published.isna().sum())
    yearly = int((inspections.published.astype(str).str.len() == 4).sum())
    detail = (f"{split}; {missing}"
              + (f"; {plural(undated, 'inspection')} with no known publication date" if undated else "")
              + ((f", {count(yearly)}" if undated else f"; {plural(yearly, 'inspection')}") + " dated only to the year"
                 if yearly else "")
              + ". 'No inspection in the data' means no public page about one was found, not that none took place. "
              "Ministry of Justice register of PDUs.")
    return _point(headline, detail, inspections.source_ids)


def ratings_point(release, inspections: pd.DataFrame, region: str | None = None) -> Point:
    """The mix of overall ratings, each inspection once; a region against England and Wales."""
    rated = inspections.overall_rating.dropna()
    bad = int((rated == "Inadequate").sum())
    unrated = len(inspections) - len(rated)
    caveat = f"{plural(unrated, 'inspection')} with no rating in any source. " if unrated else ""
    if region:
        nation = release.inspections.overall_rating.dropna()
        national = share(int((nation == 'Inadequate').sum()) / len(nation))
        verb = "was" if bad == 1 else "were"
        if not len(rated):
            headline = f"No source gives an overall rating for {region}'s inspections."
        elif len(rated) < FEW:  # too few to set a share beside the nation's
            headline = (f"{count(bad)} of {possessive(region)} {count(len(rated))} rated inspections {verb} Inadequate; "
                        f"too few to compare with England and Wales ({national}).")
        else:
            headline = (f"{share_of(bad, len(rated))} of {possessive(region)} rated inspections {verb} Inadequate, "
                        f"against {national} in England and Wales.")
        detail = sentence(rating_mix(inspections.overall_rating)) + ". " + caveat
    else:
        headline = sentence(rating_mix(inspections.overall_rating)) + "."
        detail = f"{share(bad / len(rated))} Inadequate; each inspection counted once. " + caveat if len(rated) else caveat
    return _point(headline, detail + from_sources(release, inspections.source_ids), inspections.source_ids)


def standards_point(release, inspection_ids=None, whose: str = "") -> Point | None:
    """The share of known case supervision ratings that were Inadequate, stated and implied apart (None where no
    standard rating of those inspections is known); a count without a per cent below `FEW` ratings (`share_of`),
    and a single rating of the inspections asked for named with its standard."""
    if inspection_ids is not None and set(release.without_standard_ratings(list(inspection_ids))) == set(inspection_ids):
        return None
    counts = standard_counts(release, inspection_ids, warn=False)
    if counts.empty:
        return None
    case = counts[counts.standard.isin(CASE_STANDARDS)]
    org = counts[counts.standard.isin(ORGANISATION_STANDARDS)]
    n, bad = int(case.n.sum()), int(case.Inadequate.sum())
    org_n, org_bad = int(org.n.sum()), int(org.Inadequate.sum())
    ratings = release.ratings
    ids = ratings[ratings.inspection_id.isin(inspection_ids) if inspection_ids is not None else ratings.index == ratings.index].source_ids
    def only(standards, kind: str) -> str:
        """'Its one known organisational rating, 1.1 Leadership, was Good.' (n = 1 on a PDU page)."""
        known = ratings[ratings.inspection_id.isin(inspection_ids) & ratings.standard.isin(standards)
                        & ratings.rating.notna()] if inspection_ids is not None else ratings.iloc[:0]
        if len(known) != 1:
            return ""
        r = known.iloc[0]
        return sentence(f"{whose}one known {kind} rating, {r.standard_label}, was {r.rating}.")

    if n:
        headline = (only(CASE_STANDARDS, "case supervision")
                    or f"{share_of(bad, n)} of {whose}known case supervision ratings were Inadequate.")
        detail = (f"Standards 2.2 to 2.5: {count(int(case.inadequate_stated.sum()))} stated, "
                  f"{count(int(case.inadequate_implied.sum()))} implied by a wider statement such as 'all four case "
                  "standards were Inadequate'."
                  + (f" Organisational standards (1.1 to 1.4): {share_of(org_bad, org_n)} Inadequate." if org_n else ""))
    elif org_n:
        headline = (only(ORGANISATION_STANDARDS, "organisational")
                    or f"{share_of(org_bad, org_n)} of {whose}known organisational ratings were Inadequate.")
        detail = "Standards 1.1 to 1.4; no case supervision rating is in the sources."
    else:
        return None
    return _point(headline, detail, ids)


def change_point(release, pdu_ids=None) -> Point | None:
    """Which way PDUs inspected twice moved."""
    compared = compare_rounds(release)
    if pdu_ids is not None:
        compared = compared[compared.pdu_id.isin(pdu_ids)]
    if compared.empty:
        return None
    counts = compared.change.value_counts()
    worse = compared[compared.change == "worse"]
    def n(change: str) -> str:
        return count(counts.get(change, 0)) if counts.get(change, 0) else "none"

    unknown = int(counts.get("not known", 0))  # every PDU counted in the headline, so its parts add up
    headline = (f"Of {plural(len(compared), 'PDU')} inspected twice, {n('improved')} improved, "
                f"{n('no change')} kept their rating{',' if unknown else ' and'} {n('worse')} got worse"
                + (f" and {count(unknown)} cannot be compared" if unknown else "") + ".")
    detail = ((f"Worse: {listing([f'{r.pdu} ({r.first_rating} to {r.second_rating})' for r in worse.itertuples()])}. "
               if len(worse) else "")
              + (f"{plural(int(counts.get('not known', 0)), 'PDU')} cannot be compared (a rating in no source). "
                 if counts.get("not known", 0) else "") + SHORT_CAVEAT)
    ins = release.inspections
    return _point(headline, detail, ins[ins.pdu_id.isin(compared.pdu_id)].source_ids)


def unpublished(release, rows: pd.DataFrame) -> pd.Series:
    """True for each row (with source_ids) whose every source is a document with no public web address: an
    unpublished document held by the compilers, which a reader cannot check online (tables mark such rows †)."""
    from pdukit.analysis.official import unlinked_only

    if rows.empty:
        return pd.Series(False, index=rows.index, dtype=bool)
    return pd.Series(unlinked_only(release, rows).to_numpy(), index=rows.index, dtype=bool)


def _documents(release, rows: pd.DataFrame) -> tuple[list[str], int]:
    """The unpublished documents behind `rows`, each by publisher, title and date, with how many rows rest on it
    when there are several: "HM Inspectorate of Probation's “Regional review letter to Greater Manchester RPD”
    (May 2023; 3 rates)", grouped by publisher, and how many documents they are."""
    sources = release.sources.set_index("source_id")
    used: dict[str, int] = {}
    for ids in rows.source_ids:
        for i in split_ids(ids):
            used[i] = used.get(i, 0) + 1
    by_publisher: dict[str, list[str]] = {}
    for i, n in sorted(used.items(), key=lambda kv: -kv[1]):
        if i not in sources.index:
            continue
        s = sources.loc[i]
        date = when(s.published) if pd.notna(s.published) and when(s.published) not in str(s.title) else ""
        extra = "; ".join(x for x in (month_year(date and s.published, ""), plural(n, "rate") if len(used) > 1 else "")
                          if x)
        by_publisher.setdefault(str(s.publisher), []).append(f"“{s.title}”" + (f" ({extra})" if extra else ""))
    return [f"{possessive(p)} {listing(titles)}" for p, titles in by_publisher.items()], sum(map(len, by_publisher.values()))


def unpublished_sentence(release, rows: pd.DataFrame, noun: str = "rate") -> str:
    """'9 of these 16 rates rest only on unpublished documents (no public web address, so they cannot be checked
    online; marked † in tables): ...' ('' when none does)."""
    marked = rows[unpublished(release, rows)]
    if marked.empty:
        return ""
    k, n = len(marked), len(rows)
    docs, n_docs = _documents(release, marked)
    which = (("It rests" if k == 1 else f"Both {noun}s rest" if k == 2 else f"All {plural(k, noun)} rest") if k == n
             else f"{count(k)} of these {plural(n, noun)} rest{'s' if k == 1 else ''}")
    return (f"{which} only on {'one unpublished document' if n_docs == 1 else 'unpublished documents'} (no public "
            f"web address, so {'it' if k == 1 else 'they'} cannot be checked online; marked † in tables): "
            f"{listing(docs)}.")


def _resting(k: int, n: int, documents: int) -> str:
    """'; 9 rest only on unpublished documents', '; all 3 rest only on one unpublished document' ('' for none)."""
    if not k:
        return ""
    what = "one unpublished document" if documents == 1 else "unpublished documents"
    if n == 1:
        return f", resting only on {what}"
    return f"; {('both' if k == 2 else 'all ' + count(k)) if k == n else count(k)} rest{'s' if k == 1 else ''} only on {what}"


def staffing_point(release, inspection_ids=None, region: str | None = None) -> Point | None:
    """The range of probation officer vacancy rates the inspections' sources give, with how many rest only on an
    unpublished document, and the workload figures (never mixed with vacancies), how few there are and what they
    rest on."""
    staff = release.staffing
    vac = staff[(staff.measure == "vacancy_rate") & (staff.grade == "po") & staff.inspection_id.notna()]
    if inspection_ids is not None:
        vac = vac[vac.inspection_id.isin(inspection_ids)]
    workload = staff[staff.measure == "workload_pct"]
    if region:
        workload = workload[workload.region == region]
    if vac.empty and workload.empty:
        return None
    marked = vac[unpublished(release, vac)]
    resting = _resting(len(marked), len(vac), _documents(release, marked)[1])
    if len(vac) >= 2:
        top = vac.sort_values("value", ascending=False).iloc[0]
        headline = (f"Probation officer vacancy rates ranged from {percent(vac.value.min())} to "
                    f"{percent(vac.value.max())} across {plural(len(vac), 'inspection')}{resting}.")
        detail = (f"Highest at {release.inspection_label(top.inspection_id)}"
                  + ("; below zero: more staff than the target." if (vac.value.astype(float) < 0).any() else "."))
    elif len(vac):
        only = vac.iloc[0]
        headline = (f"One inspection gives a probation officer vacancy rate: {percent(only.value)} at "
                    f"{release.inspection_label(only.inspection_id)}{resting}.")
        detail = "Below zero would mean more staff than the target."
    else:
        headline, detail = "", ""
    detail = " ".join(x for x in (detail, unpublished_sentence(release, vac)) if x)
    if len(workload):
        detail = " ".join(x for x in (detail, _workload_words(release, workload, alone=not headline)) if x)
        if not headline:
            top = workload.sort_values("value", ascending=False).iloc[0]
            headline = (f"{sentence(grades(str(top.grade)))} worked at {percent(top.value)} of capacity on the "
                        f"Workload Measurement Tool ({_where(release, top)})"
                        + _resting(int(unpublished(release, workload.head(1)).sum()), 1, 1) + ".")
    source = from_sources(release, pd.concat([vac.source_ids, workload.source_ids]))
    return _point(headline, f"{detail} {source}".strip(), vac.source_ids, workload.source_ids)


def _where(release, row) -> str:
    return f"{row.region}, region-wide" if pd.isna(row.inspection_id) else release.inspection_label(row.inspection_id)


def _workload_words(release, workload: pd.DataFrame, alone: bool = False) -> str:
    """Every workload figure (per cent of capacity on the Workload Measurement Tool), highest first, how many
    there are, where and when, and what they rest on: 'The data hold only 2 workload figures: ... Both rest only
    on one unpublished document: ...'."""
    ordered = workload.sort_values("value", ascending=False)
    places = {(_where(release, r), month_year(r.as_of, "date not stated")) for r in ordered.itertuples()}
    one_place = len(places) == 1

    def figure(r) -> str:
        text = f"{grades(str(r.grade))} at {percent(r.value)}"
        return text if one_place else f"{text} ({_where(release, r)}, {month_year(r.as_of, 'date not stated')})"

    where, when_ = next(iter(places)) if one_place else ("", "")
    n = len(ordered)
    text = ((f"The data hold only {plural(n, 'workload figure')} (per cent of capacity on the Workload "
             f"Measurement Tool): " if n <= 3 else f"The data hold {plural(n, 'workload figure')}, highest first: ")
            + listing([figure(r) for r in ordered.itertuples()]) + (f" ({where}, {when_})" if one_place else "") + ".")
    if alone:
        text += " Over 110% for four weeks counts as excessive."
    marked = ordered[unpublished(release, ordered)]
    if len(marked):
        docs, n_docs = _documents(release, marked)
        who = ("It rests" if n == 1 else "Both rest" if len(marked) == n == 2 else
               "All rest" if len(marked) == n else f"{count(len(marked))} of them rest")
        text += (f" {who} only on {'one unpublished document' if n_docs == 1 else 'unpublished documents'}, "
                 f"{listing(docs)}, which cannot be checked online.")
    return text


ORDINALS = {1: "", 2: "second ", 3: "third ", 4: "fourth ", 5: "fifth ", 6: "sixth "}


def _ordinal(place: int, tied: bool, fewest: bool = False) -> str:
    """'the most', 'joint fourth most', 'the third fewest' (ties share a place)."""
    text = f"{ORDINALS.get(place, f'{place}th ')}{'fewest' if fewest else 'most'}"
    return ("joint " + text) if tied else ("the " + text)


def _months_between(published, as_of) -> tuple[int, int, str]:
    """(fewest, most months, 'before' or 'after') between a publication date at its precision and a month: a
    year-only date spans its twelve months, so the gap is a range, never a false precise number."""
    start = pd.Timestamp(str(published)[:7] + "-01") if len(str(published)) >= 7 else pd.Timestamp(f"{published}-01-01")
    end = start if len(str(published)) >= 7 else pd.Timestamp(f"{published}-12-01")
    month = pd.Timestamp(str(as_of)[:7] + "-01")
    gaps = [round((d - month).days / 30.44) for d in (start, end)]
    side = "before" if max(gaps) < 0 else "after" if min(gaps) > 0 else "around"
    low, high = sorted(abs(g) for g in gaps)
    return low, high, side


def official_point(release, region: str | None = None, latest=None) -> Point | None:
    """The regions' official vacancies at one date: the most (national), or where a region ranks (region and PDU
    pages), always with the figure's date, as a count (not a rate). A printed 0 is reported as printed, beside
    what the region's inspections published, never as 'no vacancies'. `latest` (a PDU page) is the PDU's latest
    inspection row: how far its report is from the figure, a range where its date is only a year."""
    from pdukit.analysis.official import has_official, regional_staffing
    from pdukit.errors import NotInRelease
    from pdukit.narrative.official import amount

    if not has_official(release, "official_staffing"):
        return None
    try:
        frame = regional_staffing(release, long=True)
    except NotInRelease:  # no regional figure at the date: no point to make
        return None
    frame = frame.assign(region=frame.scope.astype(str))
    if frame.empty or (region is not None and region not in set(frame.region)):
        return None
    when = month_year(frame.as_of.iloc[0])
    ranked = frame.assign(v=frame.value.astype(float)).sort_values("v", ascending=False).reset_index(drop=True)
    caveat = ("All grades together, full-time equivalent; a count, not a rate (no source gives each region's "
              "target). " + from_sources(release, frame.source_ids))
    zero = ranked[ranked.v == 0].region.tolist()
    if region is None:
        top = ranked.iloc[0]
        headline = (f"{top.region} had the most probation vacancies of the 12 regions in {when}: "
                    f"{amount(top.value, top.unit)}.")
        if zero:
            caveat += (f" The answer prints 0 for {listing(zero)}: see their region pages for what their "
                       "inspections published.")
        return _point(headline, caveat, frame.source_ids)
    mine = ranked[ranked.region == region].iloc[0]
    if mine.v == 0:
        headline = (f"A written answer to Parliament prints 0 for {region} region's probation vacancies in {when}; "
                    "a printed 0 need not mean none.")
        staff = release.staffing
        rates = staff[(staff.region == region) & (staff.measure == "vacancy_rate") & (staff.grade == "po")
                      & staff.inspection_id.notna()]  # inspections' own rates, never a region-wide figure
        ins = release.inspections[release.inspections.inspection_id.isin(rates.inspection_id)]
        first, last = _dates(ins)
        dated = f"{first} to {last}" if first and first != last else first or "on dates no source gives"
        marked = rates[unpublished(release, rates)]
        values = rates.value.astype(float)
        if len(rates) > 1 and values.max() > 0:
            caveat += (f" {possessive(region)} {plural(len(rates), 'inspection')} with a probation officer vacancy "
                       f"rate gave {percent(values.min())} to {percent(values.max())} (reports published {dated}): one "
                       "grade, at inspection, against a target, while the answer counts all grades at one month; the "
                       "two are not the same measure."
                       + (f" {'All' if len(marked) == len(rates) else count(len(marked)) + ' of'} "
                          f"{'these ' + count(len(rates)) + ' rates' if len(marked) < len(rates) else count(len(rates))}"
                          f" rest only on an unpublished document." if len(marked) else ""))
    else:
        counted = ranked[ranked.v > 0]  # a printed 0 is not ranked as the fewest vacancies
        place, fewer = int((counted.v > mine.v).sum()) + 1, int((counted.v < mine.v).sum()) + 1
        tied = int((counted.v == mine.v).sum()) > 1
        rank = (f"{_ordinal(place, tied)} of the {count(len(ranked))} regions" if place <= fewer else
                f"{_ordinal(fewer, tied, fewest=True)} of the "
                + (f"{count(len(counted))} regions not printed as 0" if zero else f"{count(len(ranked))} regions"))
        headline = f"{region} region had {amount(mine.value, mine.unit)} probation vacancies in {when}, {rank}."
        if zero and place > fewer:
            caveat += (f" The answer prints 0 for {listing(zero)}; a printed 0 need not mean no vacancies, so "
                       f"{'it is' if len(zero) == 1 else 'they are'} left out of this ranking.")
    later = _later_vacancies(release, region, after=mine)
    if not later.empty:  # a later figure of another series: said beside, with its date, never ranked with these
        caveat += (" A later written answer gives " + listing([f"{amount(r.value, r.unit)} for {month_year(r.as_of)}"
                                                              for r in later.itertuples()])
                   + (", after the answer that printed 0" if mine.v == 0 else "")
                   + "; the two answers describe their figures differently, so the change between the dates is "
                     "not read as a trend.")
    if latest is not None:
        if pd.isna(latest.published):
            caveat += f" This PDU's latest report (round {latest['round']}) has no known publication date."
        else:
            low, high, side = _months_between(latest.published, mine.as_of)
            gap = plural(low, "month") if low == high else f"{low} to {high} months"
            caveat += (f" This PDU's latest report (round {latest['round']}) was published in {month_year(latest.published)}, "
                       + (f"{gap} {side} that figure." if side != "around" else "around the time of that figure."))
    return _point(headline, caveat, frame[frame.region == region].source_ids, later.source_ids)


def _later_vacancies(release, region: str, after) -> pd.DataFrame:
    """The region's official vacancy counts (all grades) of other series dated after the figure `after`."""
    from pdukit.analysis.official import official_staffing

    own = official_staffing(release, scope=region, long=True)
    return own[(own.measure == "vacancies") & (own.grade == "overall") & (own.series != after.series)
               & (own.as_of.astype(str) > str(after.as_of))].sort_values("as_of")


def correlation_words(result: Correlation, x: str, y: str) -> str:
    """What a rank correlation says in words, direction first, with its n and interval, never claiming cause."""
    if result.refused:
        return (f"Only {result.n} inspections give both {x} and {y}: too few to tell whether they go together "
                f"(pdukit reports a correlation from {MIN_N}).")
    assert result.rho is not None and result.low is not None and result.high is not None
    direction = "higher" if result.rho > 0 else "lower"
    stats = (f"Spearman's rho {signed(result.rho)}, 95% interval {signed(result.low)} to {signed(result.high)}, "
             f"n = {result.n}")
    if result.low <= 0 <= result.high:
        return (f"No clear association: in this sample higher {x} went slightly with {direction} {y} ({stats}), but "
                "the 95% interval includes zero, so the figures are consistent with no link either way. "
                "Association is not cause.")
    return f"Higher {x} went with {direction} {y} ({stats}). An association in a small sample, not cause."


def association_point(outcomes: pd.DataFrame, grade_code: str = "po", outcome: str = "rating_rank",
                      release=None) -> Point:
    """What the figures do and do not show about a grade's vacancy rate and the overall rating; with `release`,
    how many of the rates rest only on an unpublished document (no public web address), and which."""
    result = spearman(outcomes.get(grade_code, pd.Series(dtype=float)), outcomes[outcome])
    who = f"{v.term(v.GRADES, grade_code, 'grade').name()} vacancy rates"
    what = "ratings" if outcome == "rating_rank" else v.term(v.OUTCOMES, outcome, "outcome").label.lower()
    rows = outcomes.dropna(subset=[c for c in (grade_code, outcome) if c in outcomes])
    rates = pd.DataFrame(columns=["source_ids"])
    if release is not None and "inspection_id" in rows:
        staff = release.staffing
        rates = staff[(staff.measure == "vacancy_rate") & (staff.grade == grade_code)
                      & staff.inspection_id.isin(rows.inspection_id)].drop_duplicates("inspection_id")
    marked = int(unpublished(release, rates).sum()) if len(rates) else 0
    resting = f", {count(marked)} resting only on unpublished documents" if marked else ""
    if result.refused:
        headline = f"Too few inspections ({result.n}) give {who} to tell whether they go with {what}."
    elif result.low is not None and result.high is not None and result.low <= 0 <= result.high:
        headline = f"No clear link between {who} and overall {what} across {result.n} inspections{resting}."
    else:
        better = (result.rho or 0) > 0
        headline = (f"Higher {who} went with {'better' if better else 'worse'} overall {what} across "
                    f"{result.n} inspections{resting}.")
    ids = rows.source_ids if "source_ids" in rows else []
    mixed = ""
    if "pdu_id" in rows and "round" in rows and len(rows):
        twice = rows.pdu_id.value_counts()
        twice = twice[twice > 1]
        rounds = sorted(rows["round"].dropna().astype(int).unique())
        mixed = (f" The {result.n} inspections come from {'both rounds' if len(rounds) > 1 else f'round {rounds[0]}'}"
                 + (f"; {plural(len(twice), 'PDU')} {'counts' if len(twice) == 1 else 'count'} twice (inspected in both)"
                    if len(twice) else "") + ".")
    if marked:
        mixed += " " + unpublished_sentence(release, rates) + " " + _checkable_only(
            outcomes, rates=rates, release=release, grade_code=grade_code, outcome=outcome, who=who, what=what)
    return _point(headline, correlation_words(result, who, f"overall {what}" if outcome == "rating_rank" else what)
                  .replace("higher overall ratings", "better overall ratings")
                  .replace("lower overall ratings", "worse overall ratings") + mixed, ids)


def _checkable_only(outcomes: pd.DataFrame, *, rates: pd.DataFrame, release, grade_code: str, outcome: str,
                    who: str, what: str) -> str:
    """The same correlation over the rates a reader can check online only (none resting only on an unpublished
    document): said beside the whole, so a reader sees whether the unpublished ones carry it."""
    public = set(rates.inspection_id[~unpublished(release, rates).to_numpy()])
    mine = outcomes[outcomes.inspection_id.isin(public)]
    result = spearman(mine.get(grade_code, pd.Series(dtype=float)), mine[outcome])
    if result.refused:
        return (f"The {count(result.n)} that can be checked online are too few on their own to tell either way "
                f"(pdukit reports a correlation from {MIN_N}).")
    return "Over the rates that can be checked online alone: " + correlation_words(
        result, who, f"overall {what}" if outcome == "rating_rank" else what)


def association_sentence(outcomes: pd.DataFrame, grade_code: str = "po", outcome: str = "rating_rank",
                         release=None) -> str:
    """The association point as one paragraph (headline, then its detail)."""
    point = association_point(outcomes, grade_code, outcome, release)
    return f"{point.headline} {point.detail}"


# --- per report -------------------------------------------------------------------------------------------
def national(release) -> list[Point]:
    """The national report's main points (the index shows them too): the story first, the ratings, then the
    newest inspections (of public protection, 2025-26), standards, change, staffing; what the data cover last."""
    ins = release.inspections
    points = [ratings_point(release, ins), public_protection_point(release), standards_point(release),
              change_point(release), staffing_point(release),
              association_point(staffing_outcomes(release), "po", release=release), official_point(release),
              coverage_point(release, ins)]
    return [p for p in points if p]


def _safe_what(row) -> str:
    """What a case-quality statement is about, for a sentence: 'work to keep people safe', 'assessment to keep
    people safe', 'assessment of risk of harm'."""
    topic = str(row.topic)
    label = v.PP_TOPICS[topic].label if topic in v.PP_TOPICS else topic.replace("_", " ")
    if topic == "keeping_safe":
        return "work to keep people safe"
    if label.endswith(": keeping people safe"):
        return label.split(":")[0].lower() + " to keep people safe"
    return label[:1].lower() + label[1:]


def _safe_words(row) -> tuple[str, str]:
    """What a case-quality statement of an inspection of public protection says, as a clause for a headline and
    the source's own words for its detail: ('less than half of the cases inspected had sufficient work to keep
    people safe', '“Less than half of the cases inspected”'). The clause puts the source's words in lower case
    mid-sentence and adds what was counted where its words do not say; the detail quotes them as printed."""
    what = _safe_what(row)
    counted = str(row.counted) if pd.notna(row.counted) else "cases"
    if pd.notna(row.pct):
        share_words = f"{percent(row.pct)} of the {counted} inspected"
    else:
        text = str(row.value_text).strip()
        share_words = text[:1].lower() + text[1:]
        if not any(word in share_words for word in ("case", "assignment")):
            share_words += f" of the {counted}"
    quote = f"“{row.value_text}”" if pd.notna(row.value_text) else ""
    return f"{share_words} had sufficient {what}", quote


def _keeping_safe(said: pd.DataFrame):
    """The statement a headline reports: on keeping people safe where the inspection gives one, else its first
    statement on case quality (None when it gives none)."""
    safe = said[said.kind.astype(str) == "case_quality"]
    if safe.empty:
        return None
    overall = safe[safe.topic.astype(str) == "keeping_safe"]
    return (overall if len(overall) else safe).iloc[0]


def public_protection_point(release, region: str | None = None) -> Point | None:
    """What a region's 2025-26 inspection of public protection found, in the inspectorate's words (these
    inspections give no rating and are never pooled with PDU ratings), with its staffing statements; without
    `region` (the national page), one headline for all the regions' inspections and each region's finding."""
    from pdukit.analysis.official import has_official, public_protection, public_protection_inspections

    if not has_official(release, "regional_inspections"):
        return None
    inspections = public_protection_inspections(release)
    if region is None:
        return _public_protection_national(release, inspections)
    mine = inspections[inspections.region.astype(str) == region]
    if mine.empty:
        return None
    row = mine.iloc[0]
    said = public_protection(release, region=region)
    staffing = said[said.kind.astype(str) == "staffing"]
    when_ = month_year(row.published, "2025-26")
    cases = f", {count(row.cases_inspected)} cases" if pd.notna(row.cases_inspected) else ""
    first = _keeping_safe(said)
    quote = ""
    if first is not None:
        clause, quote = _safe_words(first)
        headline = f"{possessive(region)} inspection of public protection ({when_}{cases}) found {clause}."
        if len(headline.split()) > MAX_HEADLINE_WORDS:
            headline = (f"{possessive(region)} inspection of public protection ({when_}{cases}) judged "
                        f"{_safe_what(first)} in words, quoted below.")
    else:
        headline = f"{possessive(region)} inspection of public protection ({when_}{cases}) gave a judgement in words, not a rating."
    detail = (f"In the inspectorate's words: {quote}. " if quote else "")
    detail += ("On staffing it said: " + "; ".join(f"“{s}”" for s in staffing.value_text.dropna().head(3)) + ". "
               if len(staffing) else "")
    detail += ("These inspections give a judgement, not a rating, and are never counted with PDU ratings. "
               + from_sources(release, pd.concat([mine.source_ids, said.source_ids])))
    return _point(headline, detail, mine.source_ids, said.source_ids)


def _public_protection_national(release, inspections: pd.DataFrame) -> Point | None:
    """The national point on the inspections of public protection: one headline for every region's inspection
    in the data (how many of the 12 regions, in 2025-26), none picked out, and each region's finding on keeping
    people safe in the inspectorate's words in the detail. Words stay words: 'less than half' is never made a
    number, and no finding is ranked against another worded differently."""
    from pdukit.analysis.official import public_protection

    if inspections.empty:
        return None
    said = public_protection(release)
    findings = []
    for r in inspections.itertuples():
        first = _keeping_safe(said[said.region.astype(str) == str(r.region)])
        if first is not None:
            findings.append((r, first))
    if not findings:
        return None
    n, k = len(inspections), len(findings)
    who = ("each says" if k == n else f"{count(k)} say") + " in words what share of cases had sufficient work"
    headline = f"The data hold 2025-26 inspections of public protection for {count(n)} of the 12 regions; {who}."
    each = "; ".join(f"{r.region}, on {_safe_what(f)}, {_safe_words(f)[1]}" for r, f in findings)
    detail = (f"What each found sufficient, in the inspectorate's words: {each}. "
              "These inspections give a judgement, not a rating, and are never counted with PDU ratings. "
              + from_sources(release, pd.concat([inspections.source_ids, said.source_ids])))
    return _point(headline, detail, inspections.source_ids, said.source_ids)


def region(release, name: str) -> list[Point]:
    """A region report's main points."""
    ins = release.inspections[release.inspections.region == name]
    points = [ratings_point(release, ins, name), coverage_point(release, ins, name),
              change_point(release, set(ins.pdu_id)), standards_point(release, set(ins.inspection_id)),
              staffing_point(release, set(ins.inspection_id), name), official_point(release, name),
              public_protection_point(release, name)]
    return [p for p in points if p][:7]


def _history(ins: pd.DataFrame) -> str:
    """'Requires improvement in February 2022 and again in 2025'; an undated inspection by its round; a rating in
    no source said so ('no source gives the rating of its round 2 inspection')."""
    said, previous = [], None
    for r in ins.itertuples():
        when = f"in {month_year(r.published)}" if pd.notna(r.published) else f"at its round {r.round} inspection (date not known)"
        if pd.isna(r.overall_rating):
            said.append(f"no source gives the rating of its round {r.round} inspection")
            continue
        rating = str(r.overall_rating)
        said.append(("again" if rating == previous else rating) + f" {when}")
        previous = rating
    rated = [s for s in said if not s.startswith("no source")]
    unrated = [s for s in said if s.startswith("no source")]
    return listing(rated) + ("; " + listing(unrated) if rated and unrated else listing(unrated) if unrated else "")


def pdu(release, pdu_id: str) -> list[Point]:
    """A PDU report's main points."""
    info = release.pdus.set_index("pdu_id").loc[pdu_id]
    ins = release.inspections[release.inspections.pdu_id == pdu_id].sort_values("round")
    times = {1: "once", 2: "twice"}.get(len(ins), f"{len(ins)} times")
    rated = ins.overall_rating.notna().any()
    history = _history(ins)
    headline = f"{info['name']} was rated {history}." if rated else f"{info['name']}: {history}."
    merged = (" It has since merged with or split between other PDUs (Ministry of Justice register)."
              if str(info.get("status", "current")) == "merged" else "")
    points = [_point(headline, f"{info.region} region; inspected {times} in these data.{merged} "
                     + from_sources(release, ins.source_ids), ins.source_ids)]
    for r in ins.dropna(subset=["score"]).itertuples():
        points.append(_point(f"It scored {r.score} of {r.score_max} in {month_year(r.published)}.",
                             f"The {r.framework} framework: each standard scores 0 (Inadequate) to 3 (Outstanding)"
                             + (", so nine standards make 27; court work (2.1) was not rated here, so the most is 24."
                                if int(r.score_max) == 24 else "."),
                             r.source_ids))
    std = standards_point(release, set(ins.inspection_id), whose="its ")
    if std:
        points.append(std)
    quality = case_quality_point(release, ins)
    if quality:
        points.append(quality)
    points += _vacancy_points(release, ins)
    upw = upw_backlog(release)
    for r in upw[upw.inspection_id.isin(ins.inspection_id)].itertuples():
        if pd.notna(r.recomputed_pct) and pd.notna(r.published_pct):
            note = _unlinked_note(release, r.source_ids)
            points.append(_point(
                f"Its unpaid work backlog was published as {percent(r.published_pct)}; one definition applied to its "
                f"own counts gives {percent(r.recomputed_pct)}" + (", counts from an unpublished document." if note else "."),
                f"{count(r.requirements_beyond_12m)} of {count(r.requirements_total)} requirements outstanding beyond "
                "12 months: the published figure used another definition (see the audit)." + note, r.source_ids))
    return points[:6]


def _sufficient_pct(row) -> float | None:
    """A case-quality row's per cent sufficient: as published, else from its counts ('34 of 93'); None where
    the source gives only words ('a quarter', '>33'), which stay words."""
    if pd.notna(row.pct):
        return float(row.pct)
    if pd.notna(row.numerator) and pd.notna(row.denominator) and row.denominator:
        return 100 * float(row.numerator) / float(row.denominator)
    return None


def _topic(code) -> str:
    """A case-quality topic for a sentence: 'keeping people safe', 'implementation to keep people safe', 'court
    work'."""
    label = v.term(v.TOPICS, str(code), "case-quality topic").label
    if label.endswith(": keeping people safe"):
        return label.split(":")[0].lower() + " to keep people safe"
    return label[:1].lower() + label[1:]


def _sufficient_words(row, noun: str = "cases") -> str:
    """'9% of inspected cases', '13 of 50 inspected cases (26%)': the counts where the source gives them."""
    if pd.isna(row.pct) and pd.notna(row.numerator) and pd.notna(row.denominator):
        return f"{count(row.numerator)} of {count(row.denominator)} inspected {noun} ({share(row.numerator / row.denominator)})"
    return f"{percent(row.pct)} of inspected {noun}"


def _quoted(text: str) -> str:
    """A quotation ending a sentence: '“... looked at.”' keeps its own full stop, never adds a second."""
    text = str(text).strip()
    return f"“{text}”" + ("" if text.endswith((".", "!", "?")) else ".")


def case_quality_point(release, ins: pd.DataFrame) -> Point | None:
    """A PDU's most telling case-quality figure: the lowest per cent of inspected cases judged sufficient among
    its case-quality rows, its topic in words, the inspection's date, n of cases where the data give it, and the
    median of PDU inspections on the same topic (like for like, with n) where at least three give one; a figure
    the source gives only in words is quoted, never turned into a number. None where the data hold no row."""
    cq = release.case_quality[release.case_quality.inspection_id.isin(ins.inspection_id)]
    if cq.empty:
        return None
    cq = cq.assign(sufficient=[_sufficient_pct(r) for r in cq.itertuples()])
    numeric = cq.dropna(subset=["sufficient"])
    row = numeric.sort_values("sufficient").iloc[0] if len(numeric) else cq.iloc[0]
    inspection = ins.set_index("inspection_id").loc[row.inspection_id]
    date = (f"its {month_year(inspection.published)} inspection" if pd.notna(inspection.published)
            else f"its round {inspection['round']} inspection (date not known)")
    topic = _topic(row.topic)
    detail = []
    if pd.notna(row.sufficient):
        headline = f"At {date}, {_sufficient_words(row)} were judged sufficient on {topic}."
        cases = release.findings[(release.findings.inspection_id == row.inspection_id)
                                 & (release.findings.measure == "cases_inspected")].dropna(subset=["value"])
        if pd.isna(row.denominator) and len(cases):
            detail.append(f"The inspectors read {plural(int(cases.value.iloc[0]), 'case')}.")
        like = release.case_quality[release.case_quality.inspection_id.notna()
                                    & (release.case_quality.topic.astype(str) == str(row.topic))]
        values = pd.Series([_sufficient_pct(r) for r in like.itertuples()], dtype=float).dropna()
        if len(values) >= 3:
            detail.append(f"Across the {plural(len(values), 'PDU inspection')} whose sources give a figure on "
                          f"{topic}, this one included, the median is {percent(values.median())} (n = {count(len(values))}).")
    else:
        plain_words = not any(c.isdigit() for c in str(row.value_text))
        headline = (f"At {date}, its sources give the share of cases sufficient on {topic} only in words"
                    + (f": “{row.value_text}”." if plain_words else ", quoted below."))
        quote = release.with_quotes(cq.loc[[row.name]]).quote.dropna()
        if len(quote):
            detail.append("In the source's words: " + _quoted(quote.iloc[0]))
    others = [f"{_topic(r.topic)}, " + (_sufficient_words(r) if pd.notna(r.sufficient) else f"“{r.value_text}”")
              for r in cq.drop(index=row.name).itertuples()]
    if others:
        detail.append(f"Its other case-quality figure{'s' if len(others) > 1 else ''}: {listing(others)}.")
    detail.append("Each figure is the share of the cases the inspectors read that met the standard on that topic.")
    marked = cq[unpublished(release, cq)]
    if len(marked):
        docs, n_docs = _documents(release, marked)
        detail.append(f"{'It rests' if len(marked) == 1 else 'These figures rest'} only on "
                      f"{'one unpublished document' if n_docs == 1 else 'unpublished documents'}, {listing(docs)}, "
                      "which cannot be checked online (marked † in the case-quality table).")
    detail.append(from_sources(release, cq.source_ids))
    return _point(headline, " ".join(x for x in detail if x), cq.source_ids)


def regional_staffing(release, pdu_id: str) -> tuple[str, tuple[str, ...]] | None:
    """For a PDU page's staffing section, not its main points: its region's official vacancy count, said plainly
    as region-wide (never the PDU's own), with the figure's date, the region's size and how far the PDU's latest
    report is from the figure; with its source ids. None where the release has no such figure."""
    info = release.pdus.set_index("pdu_id").loc[pdu_id]
    ins = release.inspections[release.inspections.pdu_id == pdu_id].sort_values("round")
    region = str(info.region)
    point = official_point(release, region, ins.iloc[-1] if len(ins) else None)
    if point is None:
        return None
    pdus = release.pdus[release.pdus.region.astype(str) == region]
    size = int((pdus.status.astype(str) == "current").sum()) if "status" in pdus else len(pdus)
    said = point.headline[:1].lower() + point.headline[1:] if point.headline.startswith(("The ", "A ")) else point.headline
    text = (f"A region-wide figure, not this PDU's own: {said} {point.detail} {region} region has "
            f"{plural(size, 'current PDU')} in the Ministry of Justice register, and a count of vacancies grows with "
            "a region's size.")
    return text, point.source_ids


def _rates_said(year: str, rows: list) -> str:
    """'At its 2022 inspection, vacancy rates were SPO 20%, PO 0% and PSO 28%.'; a rate the source dates is
    said with its date, apart from those it gives no other date for (as the staffing table shows them 'at
    inspection'): 'At its 2023 inspection, vacancy rates were SPO 47% and PO 38%; the PSO rate was 5% in January
    2023.'; one rate: 'the PSO vacancy rate was 0%'."""
    undated = [r for r in rows if pd.isna(r.as_of)]
    dated: dict[str, list] = {}
    for r in rows:
        if pd.notna(r.as_of):
            dated.setdefault(month_year(r.as_of), []).append(r)

    def rates(group: list, noun: str = "vacancy rate") -> str:
        if len(group) == 1:
            return f"the {v.GRADES[str(group[0].grade)].short} {noun} was {percent(group[0].value)}"
        return f"{noun}s were " + listing([f"{v.GRADES[str(r.grade)].short} {percent(r.value)}" for r in group])

    parts = [rates(undated)] if undated else []
    for when_, group in dated.items():
        parts.append(f"{rates(group, 'rate' if parts else 'vacancy rate')} in {when_}")
    return f"At its {year} inspection, " + "; ".join(parts) + "."


def _medians(release, grades_: list[str]) -> str:
    """The national median of each grade a PDU's points give, over the inspections with that grade's rate (the
    figures the page's comparison table uses), each with its n: like grade beside like grade, never another's."""
    from pdukit.analysis.measures import vacancy_by_grade

    wide = vacancy_by_grade(release)
    said = [(g, wide[g].dropna()) for g in grades_ if g in wide and wide[g].notna().any()]
    if not said:
        return ""
    if len(said) == 1:
        g, values = said[0]
        return (f"The national median {v.GRADES[g].short} vacancy rate, over the {plural(len(values), 'inspection')} "
                f"with one, is {percent(values.median())}.")
    return ("National medians, over the inspections with each rate: "
            + listing([f"{v.GRADES[g].short} {percent(x.median())} (n = {count(len(x))})" for g, x in said]) + ".")


STAFFING_COUNTS = ("unallocated_cases", "unallocated_mappa_cases")


def _stated(row) -> str:
    """A count as its source states it: 'over 900' where the note says the source wrote 'over 900', else '58'."""
    import re

    said = re.search(r"stated as '([^']+)'", str(row.note)) if pd.notna(row.note) else None
    return said.group(1) if said else count(row.value)


def _wider_rates(rows: list) -> str:
    """'the all-staff vacancy rate was 43%', 'the vacancy rate of staff of another team was 43%'."""
    def one(r) -> str:
        grade = str(r.grade)
        who = ("the all-staff vacancy rate" if grade == "overall" else "one team's vacancy rate" if grade == "other"
               else f"the vacancy rate of {v.GRADES[grade].many()}")
        return f"{who} was {percent(r.value)}" + (f" in {month_year(r.as_of)}" if pd.notna(r.as_of) else "")
    return listing([one(r) for r in rows])


def _counts_said(rows: list, lead: bool = False) -> str:
    """'over 900 cases had no practitioner; 58 MAPPA cases (managed under multi-agency public protection
    arrangements) had no practitioner'; `lead`: the first count alone, for a headline."""
    nouns = {"unallocated_cases": "cases", "unallocated_mappa_cases": "MAPPA cases (managed under multi-agency "
                                                                      "public protection arrangements)"}
    rows = sorted(rows, key=lambda r: STAFFING_COUNTS.index(str(r.measure)))[:1 if lead else None]
    if lead:
        nouns["unallocated_mappa_cases"] = "MAPPA cases"
    return "; ".join(f"{_stated(r)} {nouns[str(r.measure)]} had no practitioner"
                     + (f" in {month_year(r.as_of)}" if pd.notna(r.as_of) else "") for r in rows)


def _vacancy_points(release, ins: pd.DataFrame) -> list[Point]:
    """One point per inspection whose sources give vacancy rates, the share of target staff in post or counts
    of cases with no practitioner, each naming its own inspection, dating the rates the source dates apart from
    those it gives 'at inspection' (as the staffing table does), saying when a figure rests only on an
    unpublished document, and giving once per page the national median of each grade it states (like with like,
    with n). Grade rates lead; an inspection with none leads with its all-staff (or one team's) vacancy rate and
    its counts of cases with no practitioner. A share in post is never set beside a vacancy rate in a headline:
    it is said in the detail as another measure, or leads alone where no vacancy rate is known."""
    staff = release.staffing
    mine_ins = staff.inspection_id.isin(ins.inspection_id)
    core = staff.grade.isin(list(v.CORE_GRADES))
    vac = staff[(staff.measure == "vacancy_rate") & mine_ins & core]
    wider = staff[(staff.measure == "vacancy_rate") & mine_ins & ~core]
    in_post = staff[(staff.measure == "pct_of_target_in_post") & mine_ins & core]
    findings = release.findings
    counts = findings[findings.measure.isin(STAFFING_COUNTS) & findings.inspection_id.isin(ins.inspection_id)
                      & findings.value.notna()]
    if vac.empty and in_post.empty and wider.empty and counts.empty:
        return []
    order = {g: i for i, g in enumerate(v.CORE_GRADES)}
    grades_used = [g for g in v.CORE_GRADES if g in set(vac.grade.astype(str))]
    medians = _medians(release, grades_used)
    points = []
    having = set(vac.inspection_id) | set(in_post.inspection_id) | set(wider.inspection_id) | set(counts.inspection_id)
    for inspection_id in [i for i in ins.inspection_id if i in having]:
        label = release.inspection_label(str(inspection_id))
        year = label[label.rindex("(") + 1:-1]
        mine = vac[vac.inspection_id == inspection_id]
        posts = in_post[in_post.inspection_id == inspection_id]
        broad = list(wider[wider.inspection_id == inspection_id].itertuples())
        cases = list(counts[counts.inspection_id == inspection_id].itertuples())
        detail = []
        if len(mine):
            rows = sorted(mine.itertuples(), key=lambda r: order[str(r.grade)])
            headline = _rates_said(year, rows)
            if (mine.value.astype(float) < 0).any():
                detail.append("Below zero: more staff than the target.")
            if broad or cases:
                detail.append(sentence(f"At the same inspection {listing([x for x in (_wider_rates(broad), _counts_said(cases)) if x])}") + ".")
        elif broad or cases:
            headline = f"At its {year} inspection, " + " and ".join(
                x for x in (_wider_rates(broad), _counts_said(cases, lead=True)) if x) + "."
            if len(cases) > 1:  # the headline said the first count: the detail says the rest
                rest = sorted(cases, key=lambda r: STAFFING_COUNTS.index(str(r.measure)))[1:]
                detail.append("Also " + _counts_said(rest) + "; each count as its source gives it.")
            if any(str(r.grade) == "other" for r in broad):
                quotes = release.with_quotes(wider[(wider.inspection_id == inspection_id)
                                                   & (wider.grade == "other")]).quote.dropna()
                if len(quotes):
                    detail.append("The team, in the source's words: " + _quoted(quotes.iloc[0]))
            if broad:
                detail.append("A vacancy rate is the per cent of target posts unfilled; the sources give no rate by "
                              "grade for this inspection.")
        else:
            shares = listing([f"{percent(r.value)} of the target number of {v.GRADES[str(r.grade)].plural}"
                              for r in posts.itertuples()])
            headline = f"At its {year} inspection, {shares} were in post."
            detail.append("A share of target staff in post, not a vacancy rate: the sources give no vacancy rate for "
                          "this inspection.")
        if len(mine) or broad or cases:
            for r in posts.itertuples():
                detail.append(f"Another source gives {percent(r.value)} of the target number of "
                              f"{v.GRADES[str(r.grade)].plural} in post for this inspection: a share in post, a "
                              "different measure from a vacancy rate, from another document, so the two need not agree.")
        figures = pd.concat([mine, posts, wider[wider.inspection_id == inspection_id],
                             counts[counts.inspection_id == inspection_id]])
        marked = figures[unpublished(release, figures)]
        if len(marked):
            docs, n_docs = _documents(release, marked)
            detail.append(f"{'It rests' if len(marked) == 1 else 'These figures rest' if len(marked) == len(figures) else f'{count(len(marked))} of these figures rest'} "
                          f"only on {'one unpublished document' if n_docs == 1 else 'unpublished documents'}, "
                          f"{listing(docs)}, which cannot be checked online (marked † in the staffing table).")
        if medians and len(mine):
            detail.append(medians)
            medians = ""  # said once a page
        detail.append(from_sources(release, figures.source_ids))
        points.append(_point(headline, " ".join(x for x in detail if x), figures.source_ids))
    return points


def _unlinked_note(release, source_ids) -> str:
    """' It rests only on a document with no public web address.' when every source of a figure is one."""
    from pdukit.analysis.official import unlinked_only

    ids = split_ids(source_ids)
    if not ids:
        return ""
    rests = bool(unlinked_only(release, pd.DataFrame({"source_ids": [";".join(ids)]})).iloc[0])
    return " It rests only on a document with no public web address, so it cannot be checked online." if rests else ""


def audit(release, table: pd.DataFrame) -> list[Point]:
    """The audit report's main points, from the audit table: published figures in question apart from
    recommendations worded differently, and each figure's source said plainly (a union's or an unpublished
    document is named as such)."""
    figures = table[table.check != "recommendations"]
    disputed = int((figures.status == "disputed").sum())
    open_ = int((figures.status == "not_recomputable").sum())
    recs = table[(table.check == "recommendations") & table.status.isin(FLAGGED)]
    by_check = figures[figures.status == "disputed"].check.value_counts()
    points = [_point(f"{count(disputed)} of {plural(len(figures), 'published figure')} checked differ from what the "
                     f"published rules give; {count(open_)} cannot be recomputed.",
                     ("Differ: " + listing([f"{n} on {v.AUDIT_CHECKS[c].label.lower()}" for c, n in by_check.items()])
                      + ". " if len(by_check) else "")
                     + (f"Apart from these, {plural(len(recs), 'recommendation theme')} got different wording or "
                        "addressees for similar findings. " if len(recs) else "")
                     + "A difference is a question to ask, not a finding of error.")]
    upw = upw_backlog(release).dropna(subset=["recomputed_pct", "published_pct"])
    for r in upw.itertuples():
        who = release.pdu_name(release.pdu_of(r.inspection_id)) if pd.notna(r.inspection_id) else f"{r.region} region"
        note = _unlinked_note(release, r.source_ids)
        points.append(_point(f"{who}'s unpaid work backlog was published as {percent(r.published_pct)}; one "
                             f"definition applied to its own counts gives {percent(r.recomputed_pct)}"
                             + (", counts from an unpublished document." if note else "."),
                             f"{count(r.requirements_beyond_12m)} of {count(r.requirements_total)} requirements beyond "
                             "12 months, the definition other reports use. " + from_sources(release, r.source_ids)
                             + note, r.source_ids))
    labels = release.inspection_labels
    for r in table[(table.check == "rating_lift") & table.status.isin(FLAGGED)].head(2).itertuples():
        lift = release.findings[(release.findings.measure == "score_uplift_points")
                                & (release.findings.inspection_id == r.subject)]
        ids = lift.source_ids if len(lift) else []
        points.append(_point(f"{labels.get(r.subject, r.subject)}: a source says professional judgement lifted its "
                             f"score to {r.published.replace('/', ' of ')}, from "
                             f"{r.recomputed.split(' before')[0].replace('/', ' of ')}.",
                             from_sources(release, ids) + _unlinked_note(release, ids), ids))
    return points[:6]


def standards_title(known: pd.DataFrame, place: str) -> tuple[str, str, str]:
    """Title, subtitle and alt text of a grid of standard ratings, from its counts."""
    bad = int((known.rating == "Inadequate").sum())
    stated, implied = int((known.basis == "stated").sum()), int((known.basis == "implied").sum())
    inspections = known.inspection_id.nunique()
    title = (f"{place}: {count(bad)} of {count(len(known))} known standard ratings Inadequate, over "
             f"{plural(inspections, 'inspection')}")
    subtitle = f"{count(stated)} stated, {count(implied)} implied by a wider statement (marked 'i'); grey: in no source."
    alt = f"Grid of {place}'s standard ratings by inspection: {count(bad)} of {count(len(known))} known ratings Inadequate."
    return title, subtitle, alt
