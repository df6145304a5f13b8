"""Main points: the three to six sentences at the top of each report, computed from the release.

Every number in a sentence comes from the data passed in, with its n; every sentence says where its figures come
from. Nothing here is typed from a finding: change a value in the release and the sentence changes.
"""

from __future__ import annotations

import pandas as pd

from pdukit.analysis.audit import FLAGGED
from pdukit.analysis.compare import compare_rounds
from pdukit.analysis.measures import upw_backlog
from pdukit.analysis.outcomes import staffing_outcomes
from pdukit.analysis.stats import spearman
from pdukit.analysis.summaries import pdu_coverage, standard_counts
from pdukit.dataset.sources import split_ids
from pdukit.dataset.vocabulary import AUDIT_CHECKS
from pdukit.narrative.readable import humanise
from pdukit.narrative.words import grade, grades, listing, month_year, plural, rating_mix, sentence, share_of

CASE_STANDARDS = ("assessment", "planning", "implementation_and_delivery", "reviewing")
ORGANISATION_STANDARDS = ("leadership", "staff", "services", "information_and_facilities")


def from_sources(release, source_ids) -> str:
    """'(from 61 documents: HM Inspectorate of Probation 40, BBC News 9, 12 others)'."""
    ids = split_ids(source_ids)
    known = release.sources[release.sources.source_id.isin(ids)]
    if known.empty:
        return ""
    counts = known.publisher.value_counts()
    top = ", ".join(f"{p} {n}" for p, n in counts.head(2).items())
    rest = int(counts.iloc[2:].sum())
    return f" (from {plural(len(known), 'document')}: {top}" + (f", {rest} from other publishers" if rest else "") + ")"


def _dates(frame: pd.DataFrame) -> tuple[str, str]:
    dated = frame.dropna(subset=["published_start"]).sort_values("published_start")
    return (month_year(dated.published.iloc[0]), month_year(dated.published.iloc[-1])) if len(dated) else ("", "")


def coverage_point(release, inspections: pd.DataFrame, region: str | None = None) -> str:
    cov = pdu_coverage(release).set_index("region").loc[region or "England and Wales"]
    first, last = _dates(inspections)
    place = f"{region} region has" if region else "England and Wales have"
    undated = int(inspections.published.isna().sum())
    return (f"{place} {plural(int(cov.current), 'PDU')} in the Ministry of Justice register"
            + (f" (and {int(cov.merged)} since merged)" if cov.merged else "")
            + f"; the data hold {plural(len(inspections), 'inspection')} of {int(cov.inspected)} of them"
            + (f", published from {first} to {last}" if first else "")
            + (f" ({undated} with no known publication date)" if undated else "") + ".")


def ratings_point(release, inspections: pd.DataFrame, region: str | None = None) -> str:
    text = sentence(rating_mix(inspections.overall_rating))
    if region:
        nation = release.inspections.overall_rating.dropna()
        mine = inspections.overall_rating.dropna()
        text += (f"; that is {share_of(int((mine == 'Inadequate').sum()), len(mine))} Inadequate, against "
                 f"{share_of(int((nation == 'Inadequate').sum()), len(nation))} in England and Wales")
    return text + from_sources(release, inspections.source_ids) + "."


def standards_point(release, inspection_ids=None) -> str | None:
    counts = standard_counts(release, inspection_ids)
    if counts.empty:
        return None
    parts: list[str] = []
    for label, standards in (("the four case supervision standards (2.2 to 2.5)", CASE_STANDARDS),
                             ("the four organisational standards (1.1 to 1.4)", ORGANISATION_STANDARDS)):
        mine = counts[counts.standard.isin(standards)]
        n, bad = int(mine.n.sum()), int(mine.Inadequate.sum())
        if n:
            stated, implied = int(mine.inadequate_stated.sum()), int(mine.inadequate_implied.sum())
            parts.append(f"{share_of(bad, n)} known ratings of {label} were Inadequate ({stated} stated, {implied} "
                         "implied by a wider statement" + (" such as 'all four standards')" if not parts else ")"))
    return sentence(" and ".join(parts)) + "." if parts else None


def change_point(release, pdu_ids=None) -> str | None:
    compared = compare_rounds(release)
    if pdu_ids is not None:
        compared = compared[compared.pdu_id.isin(pdu_ids)]
    if compared.empty:
        return None
    counts = compared.change.value_counts()
    worse = compared[compared.change == "worse"]
    detail = listing([f"{r.pdu} ({r.first_rating} to {r.second_rating})" for r in worse.itertuples()])
    text = (f"Of the {plural(len(compared), 'PDU')} inspected twice, {counts.get('improved', 0)} improved, "
            f"{counts.get('no change', 0)} kept the same rating, {counts.get('worse', 0)} got worse"
            + (f" ({detail})" if detail else "")
            + (f" and {counts.get('not known', 0)} cannot be compared" if counts.get("not known", 0) else "")
            + "; the inspection framework changed between the two rounds.")
    return text


def staffing_point(release, inspection_ids=None, region: str | None = None) -> str | None:
    vac = release.staffing[(release.staffing.measure == "vacancy_rate") & (release.staffing.grade == "po")
                           & release.staffing.inspection_id.notna()]
    if inspection_ids is not None:
        vac = vac[vac.inspection_id.isin(inspection_ids)]
    parts = []
    if len(vac) >= 3:
        top = vac.sort_values("value", ascending=False).iloc[0]
        pdu = release.pdu_name(release.pdu_of(top.inspection_id))
        parts.append(f"published {grade('po')} vacancy rates ranged from {vac.value.min():g}% to {vac.value.max():g}% "
                     f"across {plural(len(vac), 'inspection')}, highest at {pdu}")
    elif len(vac):
        parts.append(f"{plural(len(vac), 'inspection')} published a {grade('po')} vacancy rate "
                     f"({listing([f'{v:g}%' for v in vac.value])})")
    workload = release.staffing[(release.staffing.measure == "workload_pct")]
    if region:
        workload = workload[workload.region == region]
    if len(workload):
        top = workload.sort_values("value", ascending=False).iloc[0]
        parts.append(f"the highest workload published was {grades(str(top.grade))} at {top.value:g}% of their "
                     f"capacity on the Workload Measurement Tool ({top.region}, {'region-wide' if pd.isna(top.inspection_id) else 'one PDU'}"
                     f", {month_year(top.as_of, 'as published')})")
    if not parts:
        return None
    return sentence("; ".join(parts)) + from_sources(release, pd.concat([vac.source_ids, workload.source_ids])) + "."


def national(release) -> list[str]:
    """The national report's main points."""
    ins = release.inspections
    joined = staffing_outcomes(release)
    points = [coverage_point(release, ins), ratings_point(release, ins), standards_point(release),
              change_point(release), staffing_point(release), association_sentence(joined, "po")]
    return [p for p in points if p]


def region(release, name: str) -> list[str]:
    """A region report's main points."""
    ins = release.inspections[release.inspections.region == name]
    points = [coverage_point(release, ins, name), ratings_point(release, ins, name),
              change_point(release, set(ins.pdu_id)), standards_point(release, set(ins.inspection_id)),
              staffing_point(release, set(ins.inspection_id), name)]
    return [p for p in points if p]


def pdu(release, pdu_id: str) -> list[str]:
    """A PDU report's main points."""
    info = release.pdus.set_index("pdu_id").loc[pdu_id]
    ins = release.inspections[release.inspections.pdu_id == pdu_id].sort_values("round")
    said, previous = [], None
    for r in ins.itertuples():
        rating = str(r.overall_rating) if pd.notna(r.overall_rating) else "rated, but the rating is in no source here"
        again = previous is not None and rating == previous
        said.append(("again" if again else rating) + f" in {month_year(r.published, f'round {r.round} (date not known)')}")
        previous = rating
    times = {1: "once", 2: "twice"}.get(len(ins), f"{len(ins)} times")
    points = [f"{info['name']} ({info.region} region) was inspected {times}: {' and '.join(said)}"
              + from_sources(release, ins.source_ids) + "."]
    scored = ins.dropna(subset=["score"])
    for r in scored.itertuples():
        points.append(f"It scored {r.score} of {r.score_max} in {month_year(r.published)} (the {r.framework} framework; "
                      f"each standard scores 0 to 3).")
    std = standards_point(release, set(ins.inspection_id))
    if std:
        points.append(std.replace("known ratings of", "of its known ratings of", 1))
    vac = release.staffing[(release.staffing.measure == "vacancy_rate") & release.staffing.inspection_id.isin(ins.inspection_id)
                           & release.staffing.grade.isin(["spo", "po", "pso"])]
    if len(vac):
        national = release.staffing[(release.staffing.measure == "vacancy_rate") & (release.staffing.grade == "po")
                                    & release.staffing.inspection_id.notna()].value
        parts = listing([f"{r.value:g}% for {grades(str(r.grade))}" for r in vac.itertuples()])
        points.append(f"At inspection its vacancy rates were {parts} (below zero: more staff than the target); the median "
                      f"{grade('po', short=True)} vacancy rate over the {len(national)} inspections that publish one "
                      f"is {national.median():g}%" + from_sources(release, vac.source_ids) + ".")
    upw = upw_backlog(release)
    for r in upw[upw.inspection_id.isin(ins.inspection_id)].itertuples():
        if pd.notna(r.recomputed_pct) and pd.notna(r.published_pct):
            points.append(f"Its unpaid work backlog was published as {r.published_pct:g}%, but its own counts "
                          f"({r.requirements_beyond_12m} of {r.requirements_total} requirements outstanding beyond 12 "
                          f"months) give {r.recomputed_pct:g}%: the published figure used another definition (see the audit).")
    return points[:6]


def audit(release, table: pd.DataFrame) -> list[str]:
    """The audit report's main points, from the audit table."""
    flags = table[table.status.isin(FLAGGED)]
    by_check = flags.check.value_counts()

    points = [f"{plural(len(flags), 'check')} of {len(table)} flag a published figure that does not follow the "
              "published rules, cannot be compared, or a difference in recommendations: "
              + listing([f"{n} on {AUDIT_CHECKS[c].label.lower()}" for c, n in by_check.items()]) + "."]
    upw = upw_backlog(release).dropna(subset=["recomputed_pct", "published_pct"])
    for r in upw.itertuples():
        pdu_name = release.pdu_name(release.pdu_of(r.inspection_id)) if pd.notna(r.inspection_id) else f"{r.region} region"
        points.append(f"{pdu_name}'s unpaid work backlog was published as {r.published_pct:g}%; its own counts "
                      f"({r.requirements_beyond_12m} of {r.requirements_total} requirements beyond 12 months) give "
                      f"{r.recomputed_pct:g}% on the definition other reports use.")
    lifts = table[(table.check == "rating_lift") & table.status.isin(FLAGGED)]
    labels = release.inspection_labels
    for r in lifts.head(2).itertuples():
        points.append(f"{labels.get(r.subject, r.subject)}: {humanise(r.detail, release)}.")
    recs = table[(table.check == "recommendations") & table.status.isin(FLAGGED)]
    if len(recs):
        points.append(f"{plural(len(recs), 'recommendation theme')} were worded differently or asked of different "
                      "bodies for similar findings.")
    return points[:6]



def association_sentence(outcomes: pd.DataFrame, grade: str = "po", outcome: str = "rating_rank") -> str:
    """One plain sentence on what the figures do and do not show about a grade's vacancy rate and the overall
    rating: computed from the rank correlation and its interval, never claiming cause."""
    from pdukit.narrative.words import grade as grade_name

    result = spearman(outcomes.get(grade, pd.Series(dtype=float)), outcomes[outcome])
    who = f"{grade_name(grade)} vacancy rate"
    if result.refused:
        return (f"Only {result.n} inspections publish both a {who} and an overall rating: too few to tell whether "
                "the two go together (pdukit reports a correlation from 8), and none of this could show cause.")
    assert result.low is not None and result.high is not None and result.rho is not None
    if result.low <= 0 <= result.high:
        return (f"Among the {result.n} inspections that publish both a {who} and an overall rating, there is no clear "
                f"association (Spearman rho {result.rho:+.2f}, 95% interval {result.low:+.2f} to {result.high:+.2f}); "
                "this cannot show cause.")
    direction = "worse" if result.rho < 0 else "better"
    return (f"Among the {result.n} inspections that publish both a {who} and an overall rating, higher vacancy rates "
            f"went with {direction} ratings (Spearman rho {result.rho:+.2f}, 95% interval {result.low:+.2f} to "
            f"{result.high:+.2f}); an association in a small sample, which cannot show cause.")
