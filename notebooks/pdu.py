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

# %% [markdown] tags=["notebook-only"]
# One Probation Delivery Unit (PDU): every inspection of it in the data, its ratings by standard, staffing and
# case quality, recommendations, and how it compares with its region and with England and Wales.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
pdu: str = "Gwent"  # an inspected PDU: its name, an alias or its id in the release, e.g. "Swansea Neath Port Talbot"
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

import pandas as pd

from pdukit.analysis import outcomes
from pdukit.analysis.measures import UPW_CAVEAT, upw_backlog
from pdukit.dataset.vocabulary import GRADES
from pdukit.narrative import mainpoints, readable
from pdukit.narrative.words import month_year
from pdukit.report import display
from pdukit.report import page as report

release = report.start(data_version)
pdu_id = release.resolve_pdu(pdu)
info = release.pdus.set_index("pdu_id").loc[pdu_id]
labels = release.inspection_labels
mine = release.inspections[release.inspections.pdu_id == pdu_id].sort_values("round")
display.title(f"{info['name']} PDU")
display.main_points(mainpoints.pdu(release, pdu_id))
audit_anchor = report.href("audit", "", "pdus") + "#" + pdu_id
display.links([(f"{info.region} region", report.href("region", str(info.region), "pdus")),
               ("England and Wales: the national picture", "../national.html"),
               (f"Audit rows about {info['name']}", audit_anchor)], "Related reports:")

# %% [markdown]
# ## Inspections

# %%
aliases = f" Other names in sources and the Ministry of Justice register: {info.aliases}." if pd.notna(info.aliases) else ""
display.table(readable.readable_inspections(release, mine), f"Inspections of {info['name']}", release,
              note=f"Official code {info.pdu_code}.{aliases} Round 1: reports published 2022-23; round 2: from 2024.")

# %% [markdown]
# ## Ratings by standard
#
# "Stated": the source names the standard; "implied": it follows from a wider statement ("all four case
# standards were Inadequate").

# %%
ratings = release.standard_ratings()
ratings = ratings[ratings.inspection_id.isin(mine.inspection_id)]
known = ratings.dropna(subset=["rating"])
if known.empty:
    display.paragraph("No standard ratings for this PDU are in the data: the public pages give only the overall rating.")
else:
    display.standards_figure(release, known, labels, str(info["name"]), f"{pdu_id}-standards")
    display.table(ratings.assign(inspection=ratings.inspection_id.map(labels))[
        ["inspection", "standard_label", "rating", "basis", "note", "source_ids"]],
        "Ratings by standard", release, filename=f"{pdu_id}-ratings")

# %% [markdown]
# ## Staffing and case quality

# %%
staff = release.staffing[release.staffing.inspection_id.isin(mine.inspection_id)]
if staff.empty:
    display.paragraph("No staffing figures for this PDU are in the data.")
else:
    display.table(staff.assign(inspection=staff.inspection_id.map(labels), grade=staff.grade.map(lambda g: GRADES[g].label),
                               measure=staff.measure.astype(str).str.replace("_", " "), as_of=staff.as_of.map(month_year))[
        ["inspection", "measure", "grade", "value", "as_of", "note", "source_ids"]],
        "Staffing figures (vacancy rate: % of target posts vacant, below zero over target)", release,
        filename=f"{pdu_id}-staffing")
cq = release.case_quality[release.case_quality.inspection_id.isin(mine.inspection_id)]
if len(cq):
    display.table(cq.assign(inspection=cq.inspection_id.map(labels), topic=cq.topic.str.replace("_", " "))[
        ["inspection", "topic", "pct", "numerator", "denominator", "value_text", "source_ids"]],
        "Per cent of inspected cases judged sufficient", release, filename=f"{pdu_id}-case-quality")
upw = upw_backlog(release)
upw = upw[upw.inspection_id.isin(mine.inspection_id)]
if len(upw):
    display.table(upw.assign(inspection=upw.inspection_id.map(labels))[
        ["inspection", "requirements_total", "requirements_beyond_12m", "published_pct", "recomputed_pct", "source_ids"]]
        .rename(columns={"requirements_total": "Requirements", "requirements_beyond_12m": "Beyond 12 months",
                         "published_pct": "Published (%)", "recomputed_pct": "Recomputed (%)"}),
        "Unpaid work backlog: the published figure beside one definition", release, note=UPW_CAVEAT,
        filename=f"{pdu_id}-unpaid-work")

# %% [markdown]
# ## Compared with its region and England and Wales

# %%
comparison = outcomes.pdu_comparison(outcomes.staffing_outcomes(release), pdu_id, labels)
if len(comparison):
    display.table(comparison.rename(columns={"inspection": "Inspection", "measure": "Measure"}),
                  "This PDU's figures beside the medians of its region and of all inspections that publish them",
                  filename=f"{pdu_id}-comparison")
else:
    display.paragraph("The sources give no vacancy rate or score for this PDU to compare.")

# %% [markdown]
# ## Recommendations and other findings

# %%
recs = release.recommendations[release.recommendations.inspection_id.isin(mine.inspection_id)]
if recs.empty:
    display.paragraph("The data hold no recommendations for this PDU.")
else:
    display.table(recs.assign(inspection=recs.inspection_id.map(labels))[["inspection", "addressee", "number", "text", "source_ids"]],
                  "Recommendations as published", release, filename=f"{pdu_id}-recommendations")
findings = release.findings[release.findings.inspection_id.isin(mine.inspection_id)]
if len(findings):
    display.table(findings.assign(inspection=findings.inspection_id.map(labels),
                                  measure=findings.measure.str.replace("_", " "))[
        ["inspection", "measure", "value", "value_text", "note", "source_ids"]], "Other figures and statements",
        release, filename=f"{pdu_id}-findings")
from pdukit.narrative.readable import readable_disagreements

disagree = readable_disagreements(release)
disagree = disagree[release.disagreements.key.str.split("|").str[0].str.startswith(pdu_id).to_numpy()]
if len(disagree):
    display.table(disagree, "Where sources disagree about this PDU", release, filename=f"{pdu_id}-disagreements")

# %% [markdown]
# ## Sources

# %%
display.sources(release, list(mine.source_ids) + list(ratings.source_ids) + list(staff.source_ids)
                + list(recs.source_ids) + list(findings.source_ids) + [info.source_ids])
