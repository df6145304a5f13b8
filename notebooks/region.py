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
# # A probation region: its PDUs against each other and the nation
#
# The region's PDU inspections, how they compare with each other and with England and Wales as a whole, what the
# Inspectorate found at regional level, and the recommendations it made, grouped by whom they address.

# %%
from pdukit import parameters

parameters.begin(globals())

# %% tags=["parameters"]
region: str = "Greater Manchester"  # probation region: one of the 12 in pdukit.REGIONS (any case), e.g. "Wales"
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals(), region=parameters.region)

from pdukit import charts, report, summaries
from pdukit.measures import SHORT_NAMES, UNITS, staffing_measure, vacancy_by_grade, with_labels
from pdukit.recommendations import recommendation_themes

release = report.start(data_version)
region = report.resolve_region(region)
labels = report.inspection_labels(release)
names = report.pdu_names(release)
ins = release.inspections
mine = ins[ins.region == region]
report.md("## {region}\n\nIn this data: {n} inspections of {p} PDUs in this region; "
    "{mix}. Nationally, {national}.", region=region, n=len(mine),
    p=mine.pdu_id.nunique(), mix=report.rating_mix_sentence(mine.overall_rating),
    national=report.rating_mix_sentence(ins.overall_rating))

# %% [markdown]
# ## The region's inspections

# %%
shown = mine.assign(pdu=mine.pdu_id.map(names))[
    ["pdu", "round", "published", "fieldwork", "overall_rating", "score", "score_max"]]
report.table(shown, "One row per inspection; a PDU inspected twice has two rows. Empty cells: not in any source.",
             release, mine.source_ids)

# %% [markdown]
# ## Against the national picture

# %%
summary = summaries.regional_summary(release)
row = summary.set_index("region").loc[region]
share = f"{int(row.Inadequate)} of {int(row.rated)}" if row.rated else "none of its"
report.show(charts.region_comparison(summary, release, f"{region}: {share} rated inspections Inadequate",
                                     highlight=region, source_ids=ins.source_ids))

# %% [markdown]
# ## Standards

# %%
ratings = release.ratings[release.ratings.inspection_id.isin(mine.inspection_id)].dropna(subset=["rating"])
if ratings.empty:
    report.md("No standard ratings for this region's inspections are in the data yet.")
else:
    inadequate = (ratings.rating == "Inadequate").sum()
    report.show(charts.rating_heatmap(ratings, release, f"{inadequate} of {len(ratings)} known standard ratings are Inadequate",
                                      labels=labels))

# %% [markdown]
# ## Staffing
#
# Vacancy rates by grade for the region's inspections, then the region-wide figures the Inspectorate published.
# Caseload (cases held) and workload (per cent of Workload Measurement Tool capacity) are shown apart: they
# measure different things.

# %%
vacancy = vacancy_by_grade(release)
vacancy = vacancy[vacancy.inspection_id.isin(mine.inspection_id)]
pdu_staffing = staffing_measure(release, "vacancy_rate", pdu_level=True)
if vacancy.empty:
    report.md("No PDU vacancy rates for this region are in the data.")
else:
    top = vacancy.set_index("inspection_id").max(axis=1).sort_values(ascending=False)
    report.show(charts.vacancy_dotplot(vacancy, release,
                                       f"Highest vacancy rate: {top.iloc[0]:g}% at {labels[top.index[0]]}",
                                       labels=labels, source_ids=pdu_staffing[pdu_staffing.region == region].source_ids))

# %%
regional = release.staffing[release.staffing.inspection_id.isna() & (release.staffing.region == region)]
if regional.empty:
    report.md("The data holds no region-wide staffing figures for {region}.", region=region)
for measure in regional.measure.dropna().unique():
    frame = staffing_measure(release, str(measure), pdu_level=False)
    frame = frame[frame.region == region]
    bars = with_labels(frame)
    reference = 100 if measure == "workload_pct" else None
    report.show(charts.measure_bars(bars, release, f"{region}: {SHORT_NAMES[str(measure)]}", UNITS[str(measure)],
                                    reference=reference, reference_label="100% = full capacity" if reference else "",
                                    source_ids=frame.source_ids))

# %% [markdown]
# ## Case quality and other regional findings

# %%
cq = release.case_quality[release.case_quality.region == region]
report.table(cq.assign(inspection=cq.inspection_id.map(labels).fillna("region-wide"))[
    ["inspection", "topic", "pct", "numerator", "denominator", "value_text", "note"]],
    "Per cent of inspected cases judged sufficient.", release, cq.source_ids)
findings = release.findings[release.findings.region == region]
report.table(findings.assign(inspection=findings.inspection_id.map(labels).fillna("region-wide"))[
    ["inspection", "measure", "value", "value_text", "as_of", "note"]], "Other figures and statements.",
    release, findings.source_ids)

# %% [markdown]
# ## Recommendations, by addressee and theme

# %%
recs = recommendation_themes(release)
recs = recs[recs.region == region]
if recs.empty:
    report.md("The data holds no recommendations for this region's inspections yet.")
else:
    by = recs.groupby(["addressee", "theme"], observed=True).inspection_id.nunique().rename("inspections").reset_index()
    report.table(by, "How many inspections received a recommendation on each theme, by addressee.")
    listing = recs.drop_duplicates(["inspection_id", "addressee", "text"]).assign(
        inspection=lambda f: f.inspection_id.map(labels))
    report.table(listing[["addressee", "inspection", "number", "text"]].sort_values(["addressee", "inspection"]),
                 "Recommendations as published.", release, listing.source_ids)

# %% [markdown]
# ## Sources

# %%
report.sources_table(release, list(mine.source_ids) + list(regional.source_ids) + list(findings.source_ids))
