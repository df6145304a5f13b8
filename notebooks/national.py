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
# # Probation Delivery Unit inspections: the national picture
#
# How HM Inspectorate of Probation has rated Probation Delivery Units (PDUs) in England and Wales since the
# probation service was unified in June 2021, what staffing looked like, and where published figures do not follow
# the published rules. Every figure comes from a public source named under it; where the data does not know
# something, the report says so.

# %%
from pdukit import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

from pdukit import charts, outcomes, report, summaries
from pdukit.audit import run_audit
from pdukit.measures import UNITS, staffing_measure, vacancy_by_grade
from pdukit.stats import MIN_N

release = report.start(data_version)
ins = release.inspections
labels = report.inspection_labels(release)
rated = ins.dropna(subset=["overall_rating"])
report.md("In this data: {n} inspections of {p} PDUs in all {r} probation regions; {rated} with a "
    "known overall rating.", n=len(ins), p=ins.pdu_id.nunique(),
    r=ins.region.nunique(), rated=len(rated))

# %% [markdown]
# ## Coverage: what the data holds and what it lacks
#
# One row per region and publication year. Most public pages give an overall rating; fewer give a score, the
# rating of each standard, or staffing figures.

# %%
cov = summaries.coverage(release)
report.table(cov, "Inspections held, by region and year of publication ('undated' where no source gives a date).")
missing = ins[ins.overall_rating.isna()]
report.md("Without a known overall rating: {names}. Publication dates are missing for {undated} inspections "
    "(their pages carry no date).", names=", ".join(labels[i] for i in missing.inspection_id) or "none",
    undated=int(ins.published.isna().sum()))

# %% [markdown]
# ## Ratings nationally and over time

# %%
quarters = summaries.ratings_by_quarter(release)
report.show(charts.ratings_over_time(quarters, release, report.sentence(report.rating_mix_sentence(ins.overall_rating)),
                                     source_ids=rated.source_ids))

# %%
joined = outcomes.staffing_outcomes(release)
summary = summaries.regional_summary(release, joined)
worst = summaries.highest_inadequate_share(summary)
report.show(charts.region_comparison(
    summary, release,
    f"{worst.region}: {int(worst.Inadequate)} of {int(worst.rated)} rated inspections Inadequate, the highest share",
    source_ids=rated.source_ids))

# %% [markdown]
# ## Standards: where inspections fall short
#
# Inspections with at least four standards known. Case supervision standards (2.x) are rated Inadequate far
# more often than organisational ones (1.x).

# %%
known = release.ratings.dropna(subset=["rating"])
enough = known.groupby("inspection_id").size().loc[lambda s: s >= 4].index
subset = known[known.inspection_id.isin(enough)]
case = subset[subset.standard.isin(["assessment", "planning", "implementation_and_delivery", "reviewing"])]
report.show(charts.rating_heatmap(
    subset, release,
    f"{(case.rating == 'Inadequate').sum()} of {len(case)} known case-supervision ratings are Inadequate",
    labels=labels))

# %% [markdown]
# ## Staffing: vacancies, caseloads and workloads
#
# Vacancy rates are per cent of target posts unfilled (below zero: more staff than target). Caseload (cases held
# per practitioner) and workload (per cent of capacity on the Workload Measurement Tool) are different measures
# and are shown separately.

# %%
vacancy = vacancy_by_grade(release)
vac_sources = staffing_measure(release, "vacancy_rate", pdu_level=True).source_ids
report.show(charts.vacancy_dotplot(
    vacancy, release,
    f"PO vacancy rates range from {vacancy.po.min():g}% to {vacancy.po.max():g}% across {vacancy.po.notna().sum()} inspections",
    labels=labels, source_ids=vac_sources))

# %%
for measure in ("caseload_avg", "workload_pct"):
    frame = staffing_measure(release, measure, pdu_level=False)
    report.table(frame[["region", "grade", "value", "as_of", "unit"]], f"Region-wide {UNITS[measure]}.",
                 release, frame.source_ids)

# %% [markdown]
# ## Staffing against outcomes
#
# Rank (Spearman) correlations between vacancy rates and the published score, with 95% bootstrap intervals and n.
# Few inspections publish both, so most correlations are refused rather than reported: an association in a handful
# of PDUs would say little, and none of this shows that vacancies cause low scores.

# %%
report.table(outcomes.correlation_table(release, joined), f"Minimum n for a correlation: {MIN_N}.")
po = outcomes.vacancy_against(release, "po", "score_pct", outcomes=joined)
report.show(charts.vacancy_score_scatter(joined, "po", release, "PO vacancies and published scores",
                                         po.describe(), source_ids=vac_sources))

# %%
report.table(outcomes.vacancy_by_rating(release, "po", joined),
             "PO vacancy rate (%) by overall rating: n, median and range.", release, vac_sources)

# %% [markdown]
# ## What the audit found
#
# The audit recomputes published figures from the published rules. Its full results are in the audit report.

# %%
audit = run_audit(release)
counts = audit.groupby(["check", "status"]).size().unstack(fill_value=0).reset_index()
report.table(counts, "Audit rows by check: 'flag' marks a published figure that does not follow the rules or "
             "cannot be compared.")
report.table(audit[audit.status == "flag"][["check", "subject", "published", "recomputed", "detail"]].head(12),
             "First flagged rows.")

# %% [markdown]
# ## Where sources disagree

# %%
report.table(release.disagreements, "Values two sources state differently, with what the release keeps.")
