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
pdu: str = "Gwent"  # an inspected PDU: its name, an alias, its official code or its id, e.g. "Swansea Neath Port Talbot"
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

import pandas as pd

from pdukit.analysis import measures, outcomes
from pdukit.analysis.audit import run_audit
from pdukit.dataset import vocabulary
from pdukit.narrative import mainpoints, readable
from pdukit.report import page as report

page = report.start("pdus", data_version)
release = page.release
pdu_id = release.resolve_pdu(pdu)
info = release.pdus.set_index("pdu_id").loc[pdu_id]
mine = release.inspections[release.inspections.pdu_id == pdu_id].sort_values("round")
page.place = str(info["name"])
page.title(f"{info['name']} PDU")
page.main_points(mainpoints.pdu(release, pdu_id))
audit = run_audit(release)
related = [(f"{info.region} region", page.href("region", str(info.region))),
           ("England and Wales: the national picture", page.href("national"))]
if pdu_id in readable.audit_pdus(audit, release):  # link only to an anchor the audit page has
    related.append((f"Audit rows about {info['name']}", page.href("audit") + "#" + pdu_id))
page.links(related, "Related reports:")

# %% [markdown]
# ## Inspections

# %%
aliases = f" Other names in sources and the Ministry of Justice register: {info.aliases}." if pd.notna(info.aliases) else ""
page.table(readable.readable_inspections(release, mine), f"Inspections of {info['name']}", key="Overall rating",
           note=f"Official code {info.pdu_code}.{aliases} {vocabulary.GLOSSARY['round'].glossary}",
           filename=f"{pdu_id}-inspections")

# %% [markdown]
# ## Ratings by standard
#
# "Stated": the source names the standard; "implied": it follows from a wider statement ("all four case
# standards were Inadequate").

# %%
ratings = release.standard_ratings(pdu_id)
known = ratings.dropna(subset=["rating"])
if known.empty:
    page.paragraph("No standard ratings for this PDU are in the data: the public pages give only the overall rating.")
else:
    page.standards(ratings, str(info["name"]), f"{pdu_id}-standards")

# %% [markdown]
# ## Staffing and case quality

# %%
staff = release.staffing[release.staffing.inspection_id.isin(mine.inspection_id)]
if staff.empty:
    page.paragraph("No staffing figures for this PDU are in the data.")
else:
    page.table(readable.staffing_figures(release, staff), readable.STAFFING_CAPTION, key="value",
               filename=f"{pdu_id}-staffing")
regional = mainpoints.regional_staffing(release, pdu_id)
if regional is not None:
    page.paragraph(regional[0], source_ids=regional[1])
cq = release.case_quality[release.case_quality.inspection_id.isin(mine.inspection_id)]
if len(cq):
    page.table(readable.case_quality_figures(release, cq), "Inspected cases judged sufficient", key="value", filename=f"{pdu_id}-case-quality")
upw = measures.upw_backlog(release)
upw = upw[upw.inspection_id.isin(mine.inspection_id)]
if len(upw):
    page.table(upw.assign(inspection=upw.inspection_id.map(release.inspection_labels))[
        ["inspection", "requirements_total", "requirements_beyond_12m", "published_pct", "recomputed_pct", "source_ids"]],
        "Unpaid work backlog: the published figure beside one definition", key="published_pct",
        note=measures.UPW_CAVEAT, filename=f"{pdu_id}-unpaid-work")

# %% [markdown]
# ## Compared with its region and England and Wales

# %%
comparison = outcomes.pdu_comparison(outcomes.staffing_outcomes(release), pdu_id, release.inspection_labels)
if len(comparison):
    page.table(readable.comparison_table(release, comparison),
               "This PDU's figures beside the medians of its region and of all inspections that publish them",
               key="this PDU", filename=f"{pdu_id}-comparison")
else:
    page.paragraph("The sources give no vacancy rate or score for this PDU to compare.")

# %% [markdown]
# ## Recommendations and other findings

# %%
recs = release.recommendations[release.recommendations.inspection_id.isin(mine.inspection_id)]
findings = release.findings[release.findings.inspection_id.isin(mine.inspection_id)]
if recs.empty:
    page.paragraph(readable.no_recommendations_sentence(release, findings))
else:
    page.table(recs.assign(inspection=recs.inspection_id.map(release.inspection_labels))[
        ["inspection", "addressee", "number", "text", "source_ids"]],
        "Recommendations as published", key="text", filename=f"{pdu_id}-recommendations")
if len(findings):
    page.table(readable.finding_figures(release, findings), "Other figures and statements", key="value", filename=f"{pdu_id}-findings")
disagree = readable.readable_disagreements(release, pdu_id)
if len(disagree):
    page.table(disagree, "Where sources disagree about this PDU", key="Kept", layout="records", filename=f"{pdu_id}-disagreements")

# %% [markdown]
# ## Sources

# %%
page.cite(info.source_ids)
page.sources()
