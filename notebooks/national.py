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
# # Probation inspections in England and Wales
#
# How HM Inspectorate of Probation rated the Probation Delivery Units (<abbr title="Probation Delivery Units">PDUs</abbr>)
# it inspected since the probation service was unified in June 2021, what staffing looked like, and where
# published figures do not follow the published rules. Every figure comes from a public source named beside it;
# where the data do not know something, the report says so. Terms are explained in the glossary.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

from pdukit.analysis import compare, outcomes, summaries
from pdukit.analysis.audit import run_audit
from pdukit.analysis.compare import compare_rounds
from pdukit.narrative import mainpoints, readable
from pdukit.narrative.words import month_year
from pdukit.report import charts, display
from pdukit.report import page as report

release = report.start(data_version)
ins = release.inspections
labels = release.inspection_labels
display.main_points(mainpoints.national(release))

# %% [markdown]
# ## Ratings over time
#
# Each inspection is counted once, under the year its report was published, at whatever precision the sources
# give the date (to the day, the month, or only the year). Inspections whose pages carry no date are shown last.

# %%
by_year = summaries.ratings_by_year(release)
undated = by_year[by_year.year == summaries.NO_DATE].n.sum()
display.figure(
    charts.stacked_rating_bars(by_year, "year"),
    "Inspections published each year, by overall rating",
    f"Bar chart of {by_year.n.sum()} inspections by year of publication and overall rating; {undated} have no known date.",
    by_year.rename(columns={"year": "Year of publication", "n": "Inspections"}), release, ins.source_ids,
    subtitle=f"{by_year.n.sum()} inspections, each counted once; {undated} with no known publication date.",
    filename="ratings-by-year")

# %% [markdown]
# ## Regions compared
#
# The share of each region's rated inspections that were Inadequate, with its n and a 95% interval: with a handful
# of inspections per region, the intervals are wide. The dashed line is England and Wales as a whole.

# %%
shares = summaries.rating_shares(release, "Inadequate")
national = summaries.overall_share(release)
display.figure(
    charts.share_bars(shares, "region", float(national.share), f"England and Wales {national['count']} of {national.n}"),
    "Share of rated inspections that were Inadequate, by region",
    "Horizontal bar chart of the share of each region's rated inspections rated Inadequate, with counts and intervals.",
    shares.assign(share=(shares.share * 100).round(1), low=(shares.low * 100).round(1), high=(shares.high * 100).round(1))
    .rename(columns={"region": "Region", "n": "Rated inspections", "count": "Inadequate", "share": "Share (%)",
                     "low": "95% interval from (%)", "high": "95% interval to (%)"}),
    release, ins.source_ids,
    subtitle=f"Count of rated inspections at each bar's end; dashed line: England and Wales, {national['count']} of {national.n}.",
    filename="inadequate-share-by-region")
display.links([(f"{r} region", report.href("region", r, "national")) for r in shares.region.astype(str)],
              "Each region's report:")

# %% [markdown]
# ## Standards: where inspections fall short
#
# Ratings of each of the nine standards of the 2021 framework, where a source gives them. A rating is *stated* when
# the source names the standard, *implied* when it follows from a wider statement ("all four case standards were
# Inadequate"); the chart keeps the two apart.

# %%
counts = summaries.standard_counts(release)
case = counts[counts.standard.isin(mainpoints.CASE_STANDARDS)]
display.figure(
    charts.standards_bars(counts),
    "Known ratings of each standard, with Inadequate ratings split into stated and implied",
    f"Bar chart of known ratings per standard; case supervision standards: {int(case.Inadequate.sum())} of "
    f"{int(case.n.sum())} Inadequate, {int(case.inadequate_stated.sum())} stated and {int(case.inadequate_implied.sum())} implied.",
    counts.drop(columns=["standard"]).rename(columns={"label": "Standard", "n": "Known ratings", "stated": "Stated",
        "implied": "Implied", "inadequate_stated": "Inadequate, stated", "inadequate_implied": "Inadequate, implied"}),
    release, release.ratings.source_ids,
    subtitle=(f"Case supervision (2.2 to 2.5): {int(case.Inadequate.sum())} of {int(case.n.sum())} known ratings "
              f"Inadequate, {int(case.inadequate_stated.sum())} stated and {int(case.inadequate_implied.sum())} "
              "implied (hatched). Each inspection counted once per standard."),
    filename="standards")

# %% [markdown]
# ## Change between inspections
#
# Every PDU inspected twice, its first and latest overall rating. The inspection framework changed between the
# rounds, so a change of rating is not a like-for-like measure of change in the service.

# %%
changes = compare_rounds(release)
tally = compare.change_counts(changes)
display.figure(
    charts.change_chart(changes),
    "First and latest rating of every PDU inspected twice",
    f"Chart of {len(changes)} PDUs inspected twice: {tally['improved']} improved, {tally['no change']} kept their "
    f"rating, {tally['worse']} got worse, {tally['not known']} not known.",
    changes[["pdu", "region", "first_published", "first_rating", "second_published", "second_rating", "change"]]
    .assign(first_published=changes.first_published.map(month_year), second_published=changes.second_published.map(month_year)),
    release, ins[ins.pdu_id.isin(changes.pdu_id)].source_ids,
    subtitle=(f"{tally['improved']} improved, {tally['no change']} kept their rating, {tally['worse']} got worse, "
              f"{tally['not known']} cannot be compared. " + compare.FRAMEWORK_CAVEAT),
    filename="change-between-inspections")
display.table(
    changes[["pdu", "region", "first_published", "first_rating", "second_published", "second_rating", "change"]]
    .assign(first_published=changes.first_published.map(month_year), second_published=changes.second_published.map(month_year),
            region=changes.region.astype(str)),
    "PDUs inspected twice", release, ins[ins.pdu_id.isin(changes.pdu_id)].source_ids,
    links={"pdu": {p: report.href("pdu", p, "national") for p in changes.pdu}}, filename="pdus-inspected-twice")

# %% [markdown]
# ## Staffing against outcomes
#
# Vacancy rates are the per cent of target posts unfilled, by grade: senior probation officers
# (<abbr title="senior probation officer">SPO</abbr>), probation officers (<abbr title="probation officer">PO</abbr>)
# and probation services officers (<abbr title="probation services officer">PSO</abbr>); below zero means more staff
# than the target. The chart shows each inspection that publishes a PO vacancy rate and an overall rating.

# %%
joined = outcomes.staffing_outcomes(release)
known = joined.dropna(subset=["po", "overall_rating"])
display.figure(
    charts.vacancy_by_rating(joined, "po"),
    f"Probation officer vacancy rate and overall rating, {len(known)} inspections",
    f"Dot plot of {len(known)} inspections' probation officer vacancy rates grouped by overall rating.",
    known.assign(inspection=known.inspection_id.map(labels))[["inspection", "overall_rating", "po"]]
    .rename(columns={"po": "PO vacancy rate (%)"}), release,
    release.staffing[release.staffing.measure == "vacancy_rate"].source_ids,
    subtitle="n per rating beside each row; each dot one inspection.", filename="po-vacancy-by-rating")
display.paragraph(mainpoints.association_sentence(joined, "po"), "finding")

# %% [markdown]
# ### Staffing pressure
#
# What inspections said about vacancies, caseloads, workloads and staff reporting unmanageable workloads, kept
# apart by measure: a caseload is cases held, a workload is the per cent of capacity on the Workload Measurement
# Tool (<abbr title="Workload Measurement Tool">WMT</abbr>); they are never compared as one.

# %%
pressure = readable.staffing_pressure(release)
display.table(pressure.rename(columns={"kind": "Measure", "place": "Where", "grade": "Staff or finding",
                                       "value": "Value", "as_of": "As of"}),
              "Staffing pressure as published, by measure", release, filename="staffing-pressure")

# %% [markdown]
# ## What the audit found
#
# The audit recomputes published figures from the published rules; a flag is a question to ask, not a finding
# of error. [The audit report](audit.html) has every row.

# %%
audit = run_audit(release)
tally = audit.groupby("check").status.value_counts().unstack(fill_value=0).reset_index()
display.table(tally.rename(columns={"check": "Check", "ok": "Consistent", "flag": "Flagged"})
              .assign(Check=lambda f: f.Check.str.replace("_", " ")), "Audit checks and how many were flagged",
              filename="audit-summary")

# %% [markdown]
# ## Where sources disagree
#
# Values two sources state differently: both are kept, with what the data release keeps and why.

# %%
display.table(readable.readable_disagreements(release), "Disagreements between sources", release,
              filename="disagreements")

# %% [markdown]
# ## What the data cover
#
# PDUs in the Ministry of Justice register, how many were inspected at least once, and what the sources give for
# each inspection. Most public pages give an overall rating; fewer give a score, ratings by standard or staffing.

# %%
display.table(summaries.coverage_by_region(release), "Coverage by region", filename="coverage")

# %% [markdown]
# ## Sources

# %%
display.sources(release, list(ins.source_ids) + list(release.ratings.source_ids) + list(release.staffing.source_ids)
                + list(release.disagreements.value_source_ids.fillna("")) + list(release.disagreements.other_source_ids.fillna("")))
