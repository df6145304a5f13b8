"""Scoring rules, read from the release's rule tables (never hard-coded here).

An inspection's score is the sum of points over its rated standards; its maximum is three points per standard the
framework rates (27 with court work, 24 without). A score falls in a band of the band table; a case percentage
falls in a band of the threshold table. Every answer says whether the rule it used is verified.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pdukit.dataset.release import RATING_TYPE, REGION_TYPE, Release, takes_release
from pdukit.dataset.schema import RATINGS, STANDARDS, TABLES
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice, check_number
from pdukit.errors import NoRule

POINTS_PER_STANDARD_MAX = 3
SCORE_MAX = POINTS_PER_STANDARD_MAX * len(STANDARDS)  # 27: every standard rated Outstanding


@dataclass(frozen=True)
class Rules:
    """The rule tables of one release, indexed for lookup."""

    points: pd.DataFrame  # index (framework, rating) -> points, verified
    standards: pd.DataFrame  # rows: framework, standard, domain, optional, verified
    bands: pd.DataFrame  # rows: framework, score_max, rating, min_score, max_score, verified
    thresholds: pd.DataFrame  # rows: framework, rating, min_pct, max_pct, verified

    def framework_standards(self, framework: str) -> pd.DataFrame:
        """Return the standards a framework rates (empty when the framework's standards are not known)."""
        return self.standards[self.standards.framework == framework]


@dataclass(frozen=True)
class ScoreResult:
    """A score recomputed from standard ratings; `score` is None when a needed rating is missing."""

    score: int | None
    score_max: int | None
    missing: tuple[str, ...]
    implied: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class BandResult:
    """The overall rating a score implies (None when no band covers it) and whether that band is verified."""

    rating: str | None
    verified: bool


@takes_release
def rules_from_release(release: Release) -> Rules:
    """Return the release's rule tables (points, standards, score bands, case thresholds)."""
    return Rules(
        points=release.rule_points.set_index(["framework", "rating"]),
        standards=release.rule_standards,
        bands=release.rule_bands,
        thresholds=release.rule_case_thresholds,
    )


FRAMEWORKS = TABLES["inspections"].column("framework").allowed or ()


def check_framework(framework: str) -> str:
    """`framework` itself when it is one the inspections can have ('2021', '2024', '2025'); else UnknownName."""
    return check_choice(framework, FRAMEWORKS, "framework")


def points_for(rating: str, framework: str, rules: Rules) -> tuple[int, bool]:
    """Return (points, verified) a rating earns under a framework; UnknownName for a rating or framework that does
    not exist, NoRule where the framework has no points rule in the release."""
    check_choice(rating, RATINGS, "rating")
    check_framework(framework)
    if (framework, rating) not in rules.points.index:
        raise NoRule(f"the release has no points rule for a {rating} rating under the {framework} framework; "
                     f"frameworks with one: {', '.join(sorted(set(rules.points.index.get_level_values(0))))}")
    row = rules.points.loc[(framework, rating)]
    return int(row["points"]), bool(row["verified"])


def score_from_ratings(ratings: dict[str, str], framework: str, rules: Rules,
                       implied: set[str] | frozenset[str] = frozenset()) -> ScoreResult:
    """Recompute a score from {standard: rating}. Optional standards (court work) may be unrated: they lower the
    maximum by three points instead of counting as missing. Returns score and maximum in points. A standard,
    rating or framework that does not exist raises UnknownName (a framework the rules do not cover gives no
    score)."""
    check_framework(framework)
    for standard, given in ratings.items():
        check_choice(standard, STANDARDS, "standard")
        if given is not None and not pd.isna(given):
            check_choice(given, RATINGS, "rating")
    standards = rules.framework_standards(framework)
    if standards.empty or framework not in rules.points.index.get_level_values(0):
        return ScoreResult(None, None, tuple(), tuple(), False)
    total, out_of, missing, verified = 0, 0, [], bool(standards.verified.all())
    for row in standards.itertuples():
        rating = ratings.get(row.standard)
        if rating is None or pd.isna(rating):
            if not row.optional:
                missing.append(row.standard)
            continue
        points, points_verified = points_for(rating, framework, rules)
        total += points
        out_of += POINTS_PER_STANDARD_MAX
        verified = verified and points_verified
    used_implied = tuple(sorted(s for s in implied if s in ratings))
    if missing:
        return ScoreResult(None, None, tuple(missing), used_implied, verified)
    return ScoreResult(total, out_of, tuple(), used_implied, verified)


def band_for_score(score: int, score_max: int, framework: str, rules: Rules) -> BandResult:
    """Return the overall rating whose band holds `score` out of `score_max`, or rating None if no band does
    (UnknownName for a framework that does not exist; InvalidValue for a score no inspection can have: below 0,
    above its maximum, or a maximum above the 27 points of nine standards)."""
    check_framework(framework)
    score_max = int(check_number(score_max, "score_max", low=1, high=SCORE_MAX, whole=True))
    check_number(score, "score", low=0, high=score_max, whole=True)
    bands = rules.bands[(rules.bands.framework == framework) & (rules.bands.score_max == score_max)]
    for row in bands.itertuples():
        if pd.notna(row.min_score) and pd.notna(row.max_score) and row.min_score <= score <= row.max_score:
            return BandResult(str(row.rating), bool(row.verified))
    return BandResult(None, bool(bands.verified.all()) if len(bands) else False)


def rating_from_pct(pct: float, framework: str, rules: Rules) -> BandResult:
    """Return the rating a standard gets from the per cent of cases judged sufficient, under the threshold table
    (rating None where the table has no band for it; UnknownName for a framework that does not exist;
    InvalidValue for a per cent outside 0 to 100)."""
    check_framework(framework)
    check_number(pct, "pct", low=0, high=100)
    table = rules.thresholds[rules.thresholds.framework == framework]
    for row in table.itertuples():
        if row.min_pct <= pct <= row.max_pct:
            return BandResult(str(row.rating), bool(row.verified))
    return BandResult(None, False)


def points_to_next_band(pct: float, framework: str, rules: Rules) -> float | None:
    """Return how many percentage points `pct` lies below the next band up (None at the top band; InvalidValue
    for a per cent outside 0 to 100)."""
    check_framework(framework)
    check_number(pct, "pct", low=0, high=100)
    table = rules.thresholds[rules.thresholds.framework == framework].sort_values("min_pct")
    above = table[table.min_pct > pct]
    return None if above.empty else float(above.min_pct.iloc[0] - pct)


def rating_rank(rating: str) -> int:
    """Return 0 for Inadequate up to 3 for Outstanding (UnknownName for anything else)."""
    return RATINGS.index(check_choice(rating, RATINGS, "rating"))


SCORE_COLUMNS = ["inspection_id", "pdu_id", "region", "framework", "overall_rating", "published_score", "published_max",
                 "recomputed_score", "recomputed_max", "standards_known", "missing", "implied", "rules_verified",
                 "source_ids"]


@takes_release
def inspection_scores(release: Release, rules: Rules | None = None) -> pd.DataFrame:
    """Return one row per inspection: published score and maximum, the score recomputed from its standard
    ratings (points), the standards missing, the implied ratings used, whether the rules are verified, and the
    source_ids of the inspection and of its standard ratings."""
    rules = rules or rules_from_release(release)
    ratings = release.ratings.dropna(subset=["rating"])
    rows = []
    for ins in release.inspections.itertuples():
        mine = ratings[ratings.inspection_id == ins.inspection_id]
        given = {r.standard: str(r.rating) for r in mine.itertuples()}
        implied = {r.standard for r in mine.itertuples() if r.basis == "implied"}
        framework = ins.framework if pd.notna(ins.framework) else ""
        result = score_from_ratings(given, str(framework), rules, implied) if framework else \
            ScoreResult(None, None, (), (), False)
        rows.append(dict(
            inspection_id=ins.inspection_id, pdu_id=ins.pdu_id, region=ins.region, framework=framework,
            overall_rating=ins.overall_rating, published_score=ins.score, published_max=ins.score_max,
            recomputed_score=result.score, recomputed_max=result.score_max, standards_known=len(given),
            missing=",".join(result.missing), implied=",".join(result.implied), rules_verified=result.verified,
            source_ids=join_ids(ins.source_ids, mine.source_ids)))
    frame = pd.DataFrame(rows, columns=SCORE_COLUMNS)  # the columns even with no inspection (validate=False)
    frame["overall_rating"] = frame.overall_rating.astype(RATING_TYPE)
    frame["region"] = frame.region.astype(REGION_TYPE)
    for column in ("published_score", "published_max", "recomputed_score", "recomputed_max"):
        frame[column] = frame[column].astype("Int64")
    return frame
