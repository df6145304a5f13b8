"""Change between inspections: each PDU inspected more than once, its first and latest rating, and the direction.

The direction compares ordered ratings (Inadequate < Requires improvement < Good < Outstanding) as ranks, never as
text, so Good -> Requires improvement reads 'worse'. The framework changed between rounds (the 2021 framework in round
1, the programme from October 2023 in round 2), so a change in rating is not a like-for-like measure of change in
the service: every table built from this says so.
"""

from __future__ import annotations

import pandas as pd

from pdukit.dataset.release import RATING_TYPE, REGION_TYPE, Release, takes_release
from pdukit.dataset.schema import RATINGS
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice

CHANGES = ("worse", "no change", "improved", "not known")
CHANGE_TYPE = pd.CategoricalDtype(list(CHANGES), ordered=False)
FRAMEWORK_CAVEAT = ("The inspection framework changed between rounds (the 2021 framework, then the programme from "
                    "October 2023), so a change of rating is not a like-for-like measure of change in the service.")


def direction(first: object, second: object) -> str:
    """'improved', 'no change', 'worse' or 'not known' for two ratings (names or ordered categoricals); a rating
    that does not exist raises UnknownName."""
    if pd.isna(first) or pd.isna(second):
        return "not known"
    a = RATINGS.index(check_choice(first, RATINGS, "rating"))
    b = RATINGS.index(check_choice(second, RATINGS, "rating"))
    return "improved" if b > a else "worse" if b < a else "no change"


@takes_release
def compare_rounds(release: Release) -> pd.DataFrame:
    """One row per PDU inspected more than once: region, its first and latest inspection (`first_inspection`,
    `first_published`, `first_framework`, `first_rating`, and the same with `second_`: the latest, its second
    round), `change`, and the source_ids of both inspections, in region then PDU order.

        >>> pdukit.compare_rounds(release).query("change == 'worse'").pdu.tolist()
        >>> release.with_sources(pdukit.compare_rounds(release))   # each row's sources
    """
    ins = release.inspections.sort_values(["pdu_id", "round"])
    names = release.pdu_names
    rows = []
    for pdu_id, group in ins.groupby("pdu_id", sort=False):
        if len(group) < 2:
            continue
        first, last = group.iloc[0], group.iloc[-1]
        rows.append({
            "pdu_id": pdu_id, "pdu": names.get(pdu_id, pdu_id), "region": first.region,
            "first_inspection": first.inspection_id, "first_published": first.published,
            "first_framework": first.framework, "first_rating": first.overall_rating,
            "second_inspection": last.inspection_id, "second_published": last.published,
            "second_framework": last.framework, "second_rating": last.overall_rating,
            "change": direction(first.overall_rating, last.overall_rating),
            "source_ids": join_ids(first.source_ids, first.published_source_ids, last.source_ids,
                                   last.published_source_ids),
        })
    out = pd.DataFrame(rows, columns=["pdu_id", "pdu", "region", "first_inspection", "first_published", "first_framework",
                                      "first_rating", "second_inspection", "second_published", "second_framework",
                                      "second_rating", "change", "source_ids"])
    out["region"] = out.region.astype(object).astype(REGION_TYPE)
    for column in ("first_rating", "second_rating"):
        out[column] = out[column].astype(object).astype(RATING_TYPE)
    out["change"] = out.change.astype(CHANGE_TYPE)
    return out.sort_values(["region", "pdu"]).reset_index(drop=True)


def change_counts(compared: pd.DataFrame) -> dict[str, int]:
    """How many PDUs improved, stayed the same, got worse, or cannot be compared."""
    counts = compared.change.value_counts()
    return {c: int(counts.get(c, 0)) for c in CHANGES}
