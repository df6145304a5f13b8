# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A Probation Delivery Unit: its inspections, staffing and sources
#
# Every inspection of one PDU in the data, its ratings by standard, the staffing and case-quality figures
# published, and how it compares with its region and with England and Wales.

# %%
from pdukit import parameters

parameters.begin(globals())

# %% tags=["parameters"]
pdu: str = "Gwent"  # an inspected PDU: its name, an alias or its id in the release, e.g. "Swansea Neath Port Talbot"
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

import pandas as pd

from pdukit import charts, outcomes, report
from pdukit.measures import upw_backlog
from pdukit.schema import STANDARD_LABELS

release = report.start(data_version)
pdu_id = report.resolve_pdu(release, pdu)
info = release.pdus.set_index("pdu_id").loc[pdu_id]
labels = report.inspection_labels(release)
mine = release.inspections[release.inspections.pdu_id == pdu_id]
report.md("## {name}\n\n{region} region. In this data: {n}. Other names in sources: {aliases}.",
    name=info["name"], region=info.region,
    n=report.plural(len(mine), "inspection"), aliases=info.aliases if pd.notna(info.aliases) else "none")

# %% [markdown]
# ## Inspections

# %%
report.table(mine[["inspection_id", "round", "published", "fieldwork", "framework", "overall_rating", "score",
                   "score_max", "note"]],
             "Round 1: programme after unification (2022-23); round 2: programme from October 2023.",
             release, mine.source_ids)

# %% [markdown]
# ## Ratings by standard

# %%
ratings = release.ratings[release.ratings.inspection_id.isin(mine.inspection_id)]
if ratings.dropna(subset=["rating"]).empty:
    report.md("No standard ratings for this PDU are in the data: public pages gave only the overall rating.")
else:
    known = ratings.dropna(subset=["rating"])
    report.show(charts.rating_heatmap(known, release,
                                      f"{(known.rating == 'Inadequate').sum()} of {len(known)} known standards rated Inadequate",
                                      labels=labels))
    report.table(ratings.assign(standard=ratings.standard.map(STANDARD_LABELS))[
        ["inspection_id", "standard", "rating", "basis", "note"]],
        "'implied': the source states it for a group of standards, not for this one by name.", release, ratings.source_ids)

# %% [markdown]
# ## Staffing and case quality

# %%
staff = release.staffing[release.staffing.inspection_id.isin(mine.inspection_id)]
if staff.empty:
    report.md("No staffing figures for this PDU are in the data.")
else:
    report.table(staff[["inspection_id", "measure", "grade", "value", "as_of", "note"]],
                 "Vacancy rate: % of target posts vacant (negative = over target).", release, staff.source_ids)
cq = release.case_quality[release.case_quality.inspection_id.isin(mine.inspection_id)]
upw = upw_backlog(release)
upw = upw[upw.inspection_id.isin(mine.inspection_id)]
if len(cq):
    report.table(cq[["inspection_id", "topic", "pct", "numerator", "denominator", "value_text"]],
                 "Per cent of inspected cases judged sufficient.", release, cq.source_ids)
if len(upw):
    report.table(upw[["inspection_id", "requirements_total", "requirements_beyond_12m", "published_pct",
                      "recomputed_pct", "published_definition"]],
                 "Unpaid work: published backlog beside requirements beyond 12 months over all requirements.",
                 release, upw.source_ids)

# %% [markdown]
# ## Compared with its region and the nation

# %%
comparison = outcomes.pdu_comparison(outcomes.staffing_outcomes(release), pdu_id, labels)
if len(comparison):
    report.table(comparison, "Medians over inspections that publish the figure.")
report.md("In {region}, {mix}.", region=info.region,
    mix=report.rating_mix_sentence(release.inspections[release.inspections.region == info.region].overall_rating))

# %% [markdown]
# ## Recommendations and other findings

# %%
recs = release.recommendations[release.recommendations.inspection_id.isin(mine.inspection_id)]
if recs.empty:
    report.md("The data holds no recommendations for this PDU.")
else:
    report.table(recs[["inspection_id", "addressee", "number", "text"]], "Recommendations as published.",
                 release, recs.source_ids)
findings = release.findings[release.findings.inspection_id.isin(mine.inspection_id)]
if len(findings):
    report.table(findings[["inspection_id", "measure", "value", "value_text", "note"]], "Other figures.",
                 release, findings.source_ids)
disagree = release.disagreements[release.disagreements.key.str.split("|").str[0].isin(mine.inspection_id)]
if len(disagree):
    report.table(disagree, "Where sources disagree about this PDU.")

# %% [markdown]
# ## Sources

# %%
report.sources_table(release, list(mine.source_ids) + list(ratings.source_ids) + list(staff.source_ids)
                     + list(recs.source_ids) + list(findings.source_ids) + [info.source_ids])
