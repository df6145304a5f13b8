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
# A probation region: its Probation Delivery Units (PDUs) against each other and against England and Wales, what
# changed between inspections, staffing, what the Inspectorate found at regional level, and its recommendations.
# Every number a sentence states comes from `pdukit`; this notebook only narrates and calls.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
region: str = "Greater Manchester"  # probation region: one of the 12 in pdukit.REGIONS (any case), e.g. "Wales"
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals(), region=parameters.region)

from pdukit.analysis import compare, measures, official, recommendations, summaries
from pdukit.dataset import vocabulary
from pdukit.narrative import mainpoints, readable, titles
from pdukit.narrative import official as official_words
from pdukit.report import charts
from pdukit.report import page as report

page = report.start("regions", data_version, place=region)
release = page.release
ins = release.inspections
mine = ins[ins.region == region]
page.title(f"{region} region")
page.main_points(mainpoints.region(release, region))
page.links([("England and Wales: the national picture", page.href("national")),
            ("Audit of published figures", page.href("audit"))], "Related reports:")

# %% [markdown]
# ## The region's inspections
#
# One row per inspection: a PDU inspected twice has two rows. A dash means no source gives the value.

# %%
page.table(readable.readable_inspections(release, mine), f"Inspections in {region} region", key="Overall rating",
           links={"PDU": page.pdu_links()}, filename=f"{region}-inspections")
never = summaries.never_inspected(release, region)
if len(never):
    page.table(never.drop(columns=["region"]), f"{len(never)} of the region's current PDUs have no inspection in "
               "the data", key="pdu", filename=f"{region}-never-inspected")
else:
    page.paragraph(f"Every current PDU of {region} region has at least one inspection in the data.")

# %% [markdown]
# ## Against England and Wales
#
# The share of each region's rated inspections that were Inadequate, this region in bold; the dashed line is
# England and Wales. With a few inspections per region the 95% intervals are wide.

# %%
shares = summaries.rating_shares(release, "Inadequate")
national = summaries.overall_share(release)
own = shares.set_index("region").loc[region]
page.figure(
    charts.share_bars(shares, "region", float(national.share), f"England and Wales, {national['count']} of {national.n}",
                      highlight=region),
    title=f"{region}: {int(own['count'])} of {int(own.n)} rated inspections Inadequate; England and Wales "
          f"{int(national['count'])} of {int(national.n)}",
    alt=f"Bar chart of the share of rated inspections rated Inadequate in each region, {region} highlighted.",
    data=shares, source_ids=ins.source_ids, subtitle="Count of rated inspections at each bar's end.",
    filename="inadequate-share-by-region")

# %% [markdown]
# ## Change between inspections

# %%
changes = compare.compare_rounds(release)
changes = changes[changes.region == region]
if changes.empty:
    page.paragraph("No PDU in this region was inspected twice in the data.")
else:
    page.table(changes[["pdu", "first_published", "first_rating", "second_published", "second_rating", "change"]],
               "PDUs inspected twice: first and latest rating", key="change",
               source_ids=ins[ins.pdu_id.isin(changes.pdu_id)].source_ids, links={"pdu": page.pdu_links()},
               note=mainpoints.SHORT_CAVEAT, filename=f"{region}-inspected-twice")

# %% [markdown]
# ## Standards
#
# Each standard's rating for the region's inspections; "i" marks a rating implied by a wider statement rather than
# stated for the standard.

# %%
ratings = release.ratings[release.ratings.inspection_id.isin(mine.inspection_id)].dropna(subset=["rating"])
if ratings.empty:
    page.paragraph("No standard ratings for this region's inspections are in the data: the public pages give "
                   "only the overall rating.")
else:
    page.standards(ratings, f"{region} region", f"{region}-standards")

# %% [markdown]
# ## Staffing
#
# Vacancy rates by grade for the region's inspections: senior probation officers (SPO), probation officers (PO),
# probation services officers (PSO). Then region-wide figures: caseload (cases held) and workload (per cent of
# capacity on the Workload Measurement Tool, WMT) are shown apart, as they measure different things.

# %%
vacancy = measures.vacancy_by_grade(release)
all_po = vacancy.po.dropna() if "po" in vacancy else vacancy.iloc[:0, 0]
vacancy = vacancy[vacancy.inspection_id.isin(mine.inspection_id)]
if vacancy.empty:
    page.paragraph("No PDU vacancy rates for this region are in the data.")
else:
    labels = titles.marked_labels(release, vacancy, release.inspection_labels)
    marked = [i for i in vacancy.inspection_id if labels[i] != release.inspection_labels[i]]
    page.figure(
        charts.vacancy_dots(vacancy, labels, float(all_po.median()),
                            f"National median, probation officers: {all_po.median():g}%"),
        title=titles.vacancy_range(vacancy, region),
        alt=f"Dot chart of vacancy rates by grade for {len(vacancy)} inspections in {region}, with the national median.",
        data=vacancy.assign(inspection=vacancy.inspection_id.map(labels)).drop(columns=["inspection_id"]),
        source_ids=vacancy.source_ids, note=titles.UNPUBLISHED_MARK if marked else "",
        subtitle=f"Dashed line: median probation officer vacancy rate over the {len(all_po)} inspections with one.",
        filename=f"{region}-vacancies")

regional = release.staffing[release.staffing.inspection_id.isna() & (release.staffing.region == region)]
for measure in regional.measure.dropna().astype(str).unique():
    frame = measures.staffing_measure(release, measure, pdu_level=False)
    bars, unpublished = titles.marked_rows(release, readable.with_labels(frame[frame.region == region]), "label")
    term = vocabulary.STAFFING_MEASURES[measure]
    reference = 100 if measure == "workload_pct" else None
    page.figure(
        charts.measure_bars(bars, f"{term.label}: {term.description}", reference,
                            "100% = full capacity" if reference else ""), note=unpublished,
        title=f"{region}, region-wide: {term.label.lower()} by grade",
        alt=f"Bar chart of {region}'s region-wide {term.label.lower()} by grade: {term.description}.",
        data=bars[["grade", measures.value_column(measure), "as_of", "source_ids"]], subtitle=term.description[:1].upper() + term.description[1:] + ".",
        filename=f"{region}-{measure}")

figures = official.official_staffing(release, long=True) if official.has_official(release) else None
own_figures = figures[figures.scope == region] if figures is not None else None
if own_figures is not None and len(own_figures):
    beside = official.staffing_beside_outcomes(release)
    mine_beside = beside[beside.region == region]
    page.table(own_figures[["measure", "grade", "value", "unit", "as_of", "definition", "source_ids"]],
               f"Official staffing figures for {region}", key="value", filename=f"{region}-official-staffing",
               note=official_words.mixed_figures_note(own_figures))
    if len(mine_beside):
        page.table(official_words.beside_outcomes_table(beside), official_words.beside_outcomes_title(beside),
                   key=f"{beside.attrs['measure'].capitalize()}, {titles.month_of(beside.as_of.iloc[0])}",
                   links={"region": page.region_links()}, filename="official-vacancies-by-region",
                   note=official_words.beside_outcomes_caveat(beside, release),
                   download=official_words.beside_outcomes_download(beside))
else:
    page.paragraph(f"No official staffing figure for {region} region is in this data release.")

pressure = readable.staffing_pressure(release, region)
if len(pressure):
    page.table(pressure, f"Staffing pressure in {region}, by measure", key="value",
               filename=f"{region}-staffing-pressure")

# %% [markdown]
# ## Inspection of public protection, 2025-26
#
# From October 2025 HM Inspectorate of Probation inspects probation's public protection work region by region,
# under its own framework: a judgement in words, not a rating, never counted with the PDU ratings.

# %%
protection = official.public_protection_inspections(release) if official.has_official(release) else None
protection = protection[protection.region == region] if protection is not None else None
if protection is None or protection.empty:
    page.paragraph(f"The data hold no inspection of public protection in {region} region yet.")
else:
    page.table(official_words.public_protection_table(release, protection), f"{region}: inspection of public protection",
               key="cases_inspected", filename=f"{region}-public-protection")
    statements = official.public_protection(release, region=region)
    if len(statements):
        page.table(official_words.public_protection_findings(statements), "What it found", key="value",
                   filename=f"{region}-public-protection-findings")

# %% [markdown]
# ## Case quality and other regional findings

# %%
cq = release.case_quality[release.case_quality.region == region]
if len(cq):
    page.table(readable.case_quality_figures(release, cq), "Inspected cases judged sufficient", key="value", filename=f"{region}-case-quality")
findings = release.findings[release.findings.region == region]
if len(findings):
    page.table(readable.finding_figures(release, findings), "Other figures and statements", key="value", filename=f"{region}-findings")
if cq.empty and findings.empty:  # a heading is never left standing over nothing
    page.paragraph("The data hold no case-quality figure and no other finding for this region's inspections.")

# %% [markdown]
# ## Recommendations, by whom they ask

# %%
recs = recommendations.recommendation_themes(release)
recs = recs[recs.region == region]
if recs.empty:
    page.paragraph("The data hold the wording of no recommendation for this region's inspections.")
else:
    by = recs.groupby(["addressee", "theme"], observed=True).agg(
        inspections=("inspection_id", "nunique"), source_ids=("source_ids", ";".join)).reset_index()
    page.table(by, "Inspections with a recommendation on each theme, by whom it asks", key="inspections",
               filename=f"{region}-themes")
    listing = recs.drop_duplicates(["inspection_id", "addressee", "text"]).assign(
        inspection=lambda f: f.inspection_id.map(release.inspection_labels))
    page.table(listing[["inspection", "addressee", "number", "text", "source_ids"]].sort_values(["addressee", "inspection"]),
               "Recommendations as published", key="text", filename=f"{region}-recommendations")

# %% [markdown]
# ## Sources

# %%
page.sources()
