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
# Terms are explained in the glossary.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
region: str = "Greater Manchester"  # probation region: one of the 12 in pdukit.REGIONS (any case), e.g. "Wales"
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals(), region=parameters.region)

from pdukit.analysis import summaries
from pdukit.analysis.compare import compare_rounds
from pdukit.analysis.measures import SHORT_NAMES, UNITS, staffing_measure, vacancy_by_grade, value_column, with_labels
from pdukit.analysis.recommendations import recommendation_themes
from pdukit.narrative import mainpoints, readable
from pdukit.narrative.words import month_year
from pdukit.report import charts, display
from pdukit.report import page as report

release = report.start(data_version)
labels = release.inspection_labels
names = release.pdu_names
ins = release.inspections
mine = ins[ins.region == region]
links = {"PDU": {names[p]: report.href("pdu", names[p], "regions") for p in mine.pdu_id}}
display.title(f"{region} region")
display.main_points(mainpoints.region(release, region))
display.links([("England and Wales: the national picture", "../national.html"),
               ("Audit of published figures", "../audit.html")], "Related reports:")

# %% [markdown]
# ## The region's inspections
#
# One row per inspection: a PDU inspected twice has two rows. A dash means no source gives the value.

# %%
display.table(readable.readable_inspections(release, mine), f"Inspections in {region} region", release,
              links=links, filename=f"{region}-inspections")

# %% [markdown]
# ## Against England and Wales
#
# The share of each region's rated inspections that were Inadequate, this region in bold; the dashed line is
# England and Wales. With a few inspections per region the 95% intervals are wide.

# %%
shares = summaries.rating_shares(release, "Inadequate")
national = summaries.overall_share(release)
own = shares.set_index("region").loc[region]
display.figure(
    charts.share_bars(shares, "region", float(national.share), f"England and Wales {national['count']} of {national.n}",
                      highlight=region),
    f"{region}: {own['count']} of {own.n} rated inspections Inadequate; England and Wales {national['count']} of {national.n}",
    f"Bar chart of the share of rated inspections rated Inadequate in each region, {region} highlighted.",
    shares.assign(share=(shares.share * 100).round(1)).rename(columns={"region": "Region", "n": "Rated inspections",
        "count": "Inadequate", "share": "Share (%)", "low": "Interval from", "high": "Interval to"}),
    release, ins.source_ids, subtitle="Count of rated inspections at each bar's end; line: 95% interval.",
    filename="inadequate-share-by-region")

# %% [markdown]
# ## Change between inspections

# %%
changes = compare_rounds(release)
changes = changes[changes.region == region]
if changes.empty:
    display.paragraph("No PDU in this region was inspected twice in the data.")
else:
    display.table(changes[["pdu", "first_published", "first_rating", "second_published", "second_rating", "change"]]
                  .assign(first_published=changes.first_published.map(month_year),
                          second_published=changes.second_published.map(month_year)),
                  "PDUs inspected twice: first and latest rating", release, ins[ins.pdu_id.isin(changes.pdu_id)].source_ids,
                  links={"pdu": links["PDU"]}, note="The inspection framework changed between the rounds.",
                  filename=f"{region}-inspected-twice")

# %% [markdown]
# ## Standards
#
# Each standard's rating for the region's inspections; "i" marks a rating implied by a wider statement rather than
# stated for the standard.

# %%
ratings = release.ratings[release.ratings.inspection_id.isin(mine.inspection_id)].dropna(subset=["rating"])
if ratings.empty:
    display.paragraph("No standard ratings for this region's inspections are in the data: the public pages give "
                      "only the overall rating.")
else:
    display.standards_figure(release, ratings, labels, f"{region} region", f"{region}-standards")

# %% [markdown]
# ## Staffing
#
# Vacancy rates by grade for the region's inspections: senior probation officers
# (<abbr title="senior probation officer">SPO</abbr>), probation officers (<abbr title="probation officer">PO</abbr>),
# probation services officers (<abbr title="probation services officer">PSO</abbr>). Then region-wide figures:
# caseload (cases held) and workload (per cent of capacity on the Workload Measurement Tool,
# <abbr title="Workload Measurement Tool">WMT</abbr>) are shown apart, as they measure different things.

# %%
vacancy = vacancy_by_grade(release)
all_po = vacancy.po.dropna() if "po" in vacancy else vacancy.iloc[:0, 0]
vacancy = vacancy[vacancy.inspection_id.isin(mine.inspection_id)]
if vacancy.empty:
    display.paragraph("No PDU vacancy rates for this region are in the data.")
else:
    display.figure(
        charts.vacancy_dots(vacancy, labels, float(all_po.median()), f"national PO median {all_po.median():g}%"),
        f"Vacancy rates by grade at {len(vacancy)} of the region's inspections",
        f"Dot chart of vacancy rates by grade for {len(vacancy)} inspections in {region}, with the national median.",
        vacancy.assign(inspection=vacancy.inspection_id.map(labels)).drop(columns=["inspection_id"]),
        release, release.staffing[release.staffing.inspection_id.isin(vacancy.inspection_id)].source_ids,
        subtitle=f"Dashed line: median probation officer vacancy rate over the {len(all_po)} inspections that publish one.",
        filename=f"{region}-vacancies")

regional = release.staffing[release.staffing.inspection_id.isna() & (release.staffing.region == region)]
for measure in regional.measure.dropna().astype(str).unique():
    frame = staffing_measure(release, measure, pdu_level=False)
    frame = frame[frame.region == region]
    bars = with_labels(frame)
    reference = 100 if measure == "workload_pct" else None
    display.figure(
        charts.measure_bars(bars, UNITS[measure], reference, "100% = full capacity" if reference else ""),
        f"{region}, region-wide: {SHORT_NAMES[measure]}",
        f"Bar chart of {region}'s region-wide {SHORT_NAMES[measure]} by grade, in {UNITS[measure]}.",
        bars[["label", value_column(measure), "as_of", "source_ids"]].rename(
            columns={"label": "Grade", value_column(measure): UNITS[measure]}),
        release, subtitle=f"In {UNITS[measure]}.", filename=f"{region}-{measure}")

pressure = readable.staffing_pressure(release, region)
if len(pressure):
    display.table(pressure.rename(columns={"kind": "Measure", "place": "Where", "grade": "Staff or finding",
                                           "value": "Value", "as_of": "As of"}),
                  f"Staffing pressure in {region}, by measure", release, filename=f"{region}-staffing-pressure")

# %% [markdown]
# ## Case quality and other regional findings

# %%
cq = release.case_quality[release.case_quality.region == region]
if len(cq):
    display.table(cq.assign(inspection=cq.inspection_id.map(labels).fillna("region-wide"),
                            topic=cq.topic.str.replace("_", " "))[
        ["inspection", "topic", "pct", "numerator", "denominator", "value_text", "note", "source_ids"]],
        "Per cent of inspected cases judged sufficient", release, filename=f"{region}-case-quality")
findings = release.findings[release.findings.region == region]
if len(findings):
    display.table(findings.assign(inspection=findings.inspection_id.map(labels).fillna("region-wide"),
                                  measure=findings.measure.str.replace("_", " "), as_of=findings.as_of.map(month_year))[
        ["inspection", "measure", "value", "value_text", "as_of", "note", "source_ids"]],
        "Other figures and statements", release, filename=f"{region}-findings")

# %% [markdown]
# ## Recommendations, by whom they ask

# %%
recs = recommendation_themes(release)
recs = recs[recs.region == region]
if recs.empty:
    display.paragraph("The data hold no recommendations for this region's inspections.")
else:
    by = recs.groupby(["addressee", "theme"], observed=True).inspection_id.nunique().rename("n").reset_index()
    display.table(by.rename(columns={"addressee": "Asked of", "theme": "Theme", "n": "Inspections"}),
                  "Inspections with a recommendation on each theme, by whom it asks", filename=f"{region}-themes")
    listing = recs.drop_duplicates(["inspection_id", "addressee", "text"]).assign(
        inspection=lambda f: f.inspection_id.map(labels))
    display.table(listing[["addressee", "inspection", "number", "text", "source_ids"]].sort_values(["addressee", "inspection"]),
                  "Recommendations as published", release, filename=f"{region}-recommendations")

# %% [markdown]
# ## Sources

# %%
display.sources(release, list(mine.source_ids) + list(ratings.source_ids) + list(regional.source_ids)
                + list(cq.source_ids) + list(findings.source_ids) + list(recs.source_ids))
