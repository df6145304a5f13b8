"""The audit: where a published figure does not follow the published rules, or is not comparable with others.

`run_audit` returns one row per check and subject with columns check, subject, published, recomputed, status,
detail and source_ids (the sources of the figures and rules the row compares). `status` is 'consistent' (the published figure follows the rule), 'disputed' (it differs from what
the rule gives) or 'not_recomputable' (a count or rule the check needs is not published), so a figure in question
is never confused with one that cannot be checked. Rules marked unverified in the release are named as such in the detail.
"""

from __future__ import annotations

import pandas as pd

from pdukit.analysis.measures import upw_backlog
from pdukit.analysis.recommendations import complete_lists, recommendation_themes, risk_activities
from pdukit.analysis.scoring import (
    band_for_score,
    inspection_scores,
    points_to_next_band,
    rating_from_pct,
    rating_rank,
    rules_from_release,
)
from pdukit.dataset.release import Release, takes_release
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice

COLUMNS = ["check", "subject", "published", "recomputed", "status", "detail", "source_ids"]
NEAR_MISS_PTS = 5  # seed 000: ratings were lifted when a figure sat "within 5%" of the next band
TOPIC_STANDARD = {  # case-quality topic prefix -> the standard it measures
    "assessment": "assessment", "planning": "planning", "implementation": "implementation_and_delivery",
    "reviewing": "reviewing", "court_work": "court_work",
}


STATUSES = ("consistent", "disputed", "not_recomputable")
FLAGGED = ("disputed", "not_recomputable")  # the rows a reader is asked to look at
NOT_RECOMPUTABLE = "not_recomputable"


def _row(check: str, subject: str, published: object, recomputed: object, ok: bool | str, detail: str,
         *sources: object) -> dict:
    """One audit row; `ok` is True (consistent), False (disputed) or a status name; `sources`: the source ids of
    what the row compares."""
    status = ok if isinstance(ok, str) else ("consistent" if ok else "disputed")
    if status not in STATUSES:
        raise ValueError(f"audit status {status!r} is not one of {', '.join(STATUSES)}")
    return dict(check=check, subject=subject, published="" if published is None else str(published),
                recomputed="" if recomputed is None else str(recomputed), status=status, detail=detail,
                source_ids=join_ids(*sources))


@takes_release
def check_score_sum(release: Release, scores: pd.DataFrame) -> list[dict]:
    """Published score against the sum of its standard ratings, for inspections with every standard rated."""
    rows = []
    for s in scores[scores.published_score.notna() & scores.recomputed_score.notna()].itertuples():
        same = (s.published_score, s.published_max) == (s.recomputed_score, s.recomputed_max)
        implied = f"; uses implied ratings ({s.implied})" if s.implied else ""
        rules = "" if s.rules_verified else "; points rule unverified"
        rows.append(_row("score_sum", s.inspection_id, f"{s.published_score}/{s.published_max}",
                         f"{s.recomputed_score}/{s.recomputed_max}", same,
                         f"sum of the {s.standards_known} standard ratings {'matches' if same else 'differs'}"
                         + implied + rules, s.source_ids, rules_sources(release, "rule_points", s.framework)))
    return rows


@takes_release
def check_rating_band(release: Release, scores: pd.DataFrame, rules) -> list[dict]:
    """Published overall rating against the band its published score falls in."""
    rows = []
    for s in scores[scores.published_score.notna() & scores.overall_rating.notna()].itertuples():
        band = band_for_score(int(s.published_score), int(s.published_max), s.framework, rules)
        caveat = "" if band.verified else " (band table unverified: observed ranges only)"
        sources = (s.source_ids, rules_sources(release, "rule_bands", s.framework))
        if band.rating is None:
            rows.append(_row("rating_band", s.inspection_id, s.overall_rating, "", NOT_RECOMPUTABLE,
                             f"no known band holds {s.published_score}/{s.published_max}{caveat}", *sources))
        elif band.rating == s.overall_rating and not band.verified:
            # the unverified bands are the ranges of scores published with each rating: a score inside its own
            # rating's range agrees with the others, which checks no rule, so it is never counted as consistent
            rows.append(_row("rating_band", s.inspection_id, s.overall_rating, band.rating, NOT_RECOMPUTABLE,
                             f"score {s.published_score}/{s.published_max} lies in the range of scores published with a "
                             f"{band.rating} rating; no published band table to check it against", *sources))
        else:
            same = band.rating == s.overall_rating
            rows.append(_row("rating_band", s.inspection_id, s.overall_rating, band.rating, same,
                             f"score {s.published_score}/{s.published_max} falls in the {band.rating} band{caveat}",
                             *sources))
    return rows


@takes_release
def check_upw_backlog(release: Release) -> list[dict]:
    """Published unpaid-work backlog percentage against requirements beyond 12 months over all requirements."""
    rows = []
    for u in upw_backlog(release).itertuples():
        subject = u.inspection_id if pd.notna(u.inspection_id) else f"{u.region} region"
        when = f" at {u.as_of}" if pd.notna(u.as_of) else ""
        if u.comparable:
            ok = abs(u.published_pct - u.recomputed_pct) < 1
            detail = (f"{u.requirements_beyond_12m} of {u.requirements_total} requirements beyond 12 months = "
                      f"{u.recomputed_pct:g}%; published {u.published_pct:g}%"
                      + ("" if ok else f": {abs(u.difference_pts):g} points apart, a different definition"))
            if pd.notna(u.note) and not ok:
                detail += f" ({u.note})"
            rows.append(_row("upw_backlog", subject, f"{u.published_pct:g}%", f"{u.recomputed_pct:g}%", ok, detail,
                             u.source_ids))
        else:
            rows.append(_row("upw_backlog", subject, f"{u.published_pct:g}%", "", NOT_RECOMPUTABLE,
                             f"cannot be recomputed: the count beyond 12 months is not published{when}; "
                             f"definition: {u.published_definition}", u.source_ids))
    return rows


@takes_release
def check_standard_from_cases(release: Release, rules) -> list[dict]:
    """Standard ratings against the rating their case percentages imply; flags lifts and near misses."""
    rows = []
    rated = release.ratings.dropna(subset=["rating"]).set_index(["inspection_id", "standard"])
    ratings, rating_sources = rated.rating, rated.source_ids
    frameworks = release.inspections.set_index("inspection_id").framework
    thresholds = rules_sources(release, "rule_case_thresholds", "2021")
    for c in release.case_quality.dropna(subset=["inspection_id"]).itertuples():
        pct = c.pct if pd.notna(c.pct) else (c.numerator / c.denominator * 100 if pd.notna(c.numerator) else None)
        standard = next((s for prefix, s in TOPIC_STANDARD.items() if c.topic.startswith(prefix)), None)
        framework = frameworks.get(c.inspection_id)
        if pct is None or standard is None or (c.inspection_id, standard) not in ratings.index or pd.isna(framework):
            continue
        published = str(ratings[(c.inspection_id, standard)])
        sources = (c.source_ids, rating_sources[(c.inspection_id, standard)], thresholds)
        implied = rating_from_pct(float(pct), "2021", rules)  # the only threshold table in the release
        if implied.rating is None:
            rows.append(_row("standard_from_cases", f"{c.inspection_id}|{standard}", published, "", NOT_RECOMPUTABLE,
                             f"{c.topic} {pct:.0f}% of cases sufficient: no threshold band holds it", *sources))
            continue
        gap = points_to_next_band(float(pct), "2021", rules)
        lifted = rating_rank(published) > rating_rank(implied.rating)
        near = gap is not None and gap <= NEAR_MISS_PTS and not lifted
        caveat = "" if implied.verified else "; thresholds unverified (working assumption)"
        detail = (f"{c.topic} {pct:.0f}% of cases sufficient implies {implied.rating}; published {published}"
                  + ("; published rating is above it (a discretionary lift?)" if lifted else "")
                  + (f"; {gap:.0f} points below the next band without a lift" if near else "")
                  + "; one key question, not the whole standard" + caveat)
        rows.append(_row("standard_from_cases", f"{c.inspection_id}|{standard}", published, implied.rating,
                         not (lifted or near or rating_rank(published) < rating_rank(implied.rating)), detail,
                         *sources))
    return rows


@takes_release
def check_rating_lifts(release: Release, scores: pd.DataFrame, rules) -> list[dict]:
    """Stated score uplifts (seed 000: Northamptonshire) against inspections with similar scores and none."""
    rows = []
    lifts = release.findings[release.findings.measure == "score_uplift_points"]
    scored = scores.dropna(subset=["published_score"])
    for lift in lifts.itertuples():
        ins = scored[scored.inspection_id == lift.inspection_id]
        if ins.empty:
            continue
        published = int(ins.published_score.iloc[0])
        before = published - int(lift.value)
        peers = scored[(scored.framework == ins.framework.iloc[0]) & (scored.inspection_id != lift.inspection_id)
                       & (scored.published_score - before).abs().le(2)]
        band = band_for_score(before, int(ins.published_max.iloc[0]), ins.framework.iloc[0], rules)
        peer_text = ", ".join(f"{p.inspection_id} {p.published_score}/{p.published_max}" for p in peers.itertuples())
        rows.append(_row("rating_lift", lift.inspection_id, f"{published}/{ins.published_max.iloc[0]}",
                         f"{before}/{ins.published_max.iloc[0]} before the stated +{int(lift.value)}", False,
                         f"professional judgement added {int(lift.value)} points (source: {lift.source_ids}); "
                         f"band without it: {band.rating or 'unknown'}; inspections within 2 points of the unlifted "
                         f"score, with no lift recorded: {peer_text or 'none'}", lift.source_ids,
                         ins.source_ids.iloc[0], peers.source_ids))
    return rows


@takes_release
def check_recommendations(release: Release) -> list[dict]:
    """Same findings, different recommendations: wording, addressee, and risk-of-harm work left out."""
    rows = []
    themed = recommendation_themes(release)
    full = complete_lists(release)
    # 1. one theme across inspections of the same round: different addressees or wordings
    themed["round"] = themed.inspection_id.map(release.inspections.set_index("inspection_id")["round"]).astype(str)
    for (theme, rnd), group in themed[themed.theme.isin(["vetting", "staffing", "performance monitoring"])].groupby(
            ["theme", "round"]):
        if group.inspection_id.nunique() < 2:
            continue
        addressees = group.groupby("addressee", observed=True).inspection_id.apply(lambda s: ", ".join(sorted(set(s))))
        wordings = group.text.str.lower().str.strip(" .").nunique()
        same = wordings == 1 and len(addressees) == 1
        detail = f"{group.inspection_id.nunique()} inspections, {wordings} different wordings; asked of " + \
            "; ".join(f"{a}: {ids}" for a, ids in addressees.items())
        rows.append(_row("recommendations", f"{theme} (round {rnd})", f"{len(group)} recommendations",
                         f"{wordings} wordings, {len(addressees)} addressees", same, detail, group.source_ids))
    # 2. a risk-of-harm recommendation that leaves out work rated below Good
    rated = release.ratings.dropna(subset=["rating"]).set_index(["inspection_id", "standard"])
    ratings = rated.rating

    def rating_sources(inspection_id: str, standards: list[str]) -> list[str]:
        return [rated.source_ids[(inspection_id, s)] for s in standards if (inspection_id, s) in rated.index]

    for rec in themed[(themed.theme == "risk of harm") & (themed.addressee == "pdu")].itertuples():
        named = risk_activities(rec.text)
        if "quality of work" not in rec.text.lower() or len(named) < 2:
            continue  # only the "improve the quality of work to assess, plan, ..." kind that seed 000 compares
        standards = {"assess": "assessment", "plan": "planning", "manage": "implementation_and_delivery", "review": "reviewing"}
        left_out = [a for a, s in standards.items() if a not in named and (rec.inspection_id, s) in ratings.index
                    and rating_rank(str(ratings[(rec.inspection_id, s)])) < rating_rank("Good")]
        detail = f"names {', '.join(named)}" + (
            "; leaves out " + ", ".join(f"{a} ({ratings[(rec.inspection_id, standards[a])]})" for a in left_out)
            if left_out else "")
        rows.append(_row("recommendations", f"{rec.inspection_id}|risk of harm", rec.text[:80], ", ".join(named),
                         not left_out, detail, rec.source_ids,
                         rating_sources(rec.inspection_id, [standards[a] for a in left_out])))
    # 3. inspections whose whole list is known but that have no risk-of-harm recommendation to the PDU
    with_risk = set(themed[(themed.theme == "risk of harm") & (themed.addressee == "pdu")].inspection_id)
    for inspection_id in sorted(full - with_risk):
        poor = [s for s in ("assessment", "planning", "implementation_and_delivery", "reviewing")
                if (inspection_id, s) in ratings.index and str(ratings[(inspection_id, s)]) == "Inadequate"]
        if poor:
            rows.append(_row("recommendations", f"{inspection_id}|risk of harm", "none", "", False,
                             f"no risk-of-harm recommendation to the PDU although {', '.join(poor)} rated Inadequate",
                             themed[themed.inspection_id == inspection_id].source_ids,
                             rating_sources(inspection_id, poor)))
    return rows


@takes_release
def rules_sources(release: Release, table: str, framework: object) -> list[str]:
    """The source ids of a rule table's rows for one framework."""
    table = check_choice(table, [t for t in release.tables if t.startswith("rule_")], "rule table")
    frame = release.tables[table]
    return list(frame.source_ids[frame.framework == framework])


@takes_release
def run_audit(release: Release) -> pd.DataFrame:
    """Return every audit row (columns: check, subject, published, recomputed, status, detail, source_ids).

    status: 'consistent', 'disputed' or 'not_recomputable' (STATUSES); FLAGGED are the last two."""
    rules = rules_from_release(release)
    scores = inspection_scores(release, rules)
    rows = (check_score_sum(release, scores) + check_rating_band(release, scores, rules) + check_upw_backlog(release)
            + check_standard_from_cases(release, rules) + check_rating_lifts(release, scores, rules)
            + check_recommendations(release))
    return pd.DataFrame(rows, columns=COLUMNS)


