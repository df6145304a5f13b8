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
# The national report: England and Wales. Run it top to bottom; `data_version` picks the data release. Every
# number a sentence states comes from `pdukit`; this notebook only narrates and calls.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

from pdukit.analysis import compare, official, outcomes, summaries
from pdukit.analysis.audit import run_audit
from pdukit.narrative import mainpoints, readable, titles
from pdukit.narrative import official as official_words
from pdukit.report import charts
from pdukit.report import page as report

page = report.start("national", data_version)
release = page.release
ins = release.inspections
page.title("Probation inspections in England and Wales")
page.main_points(mainpoints.national(release))

# %% [markdown]
# How HM Inspectorate of Probation rated the Probation Delivery Units (PDUs) it inspected since the probation
# service was unified in June 2021, what staffing looked like, and where published figures do not follow the
# published rules. Every figure comes from a source named beside it; a figure resting only on a document with no
# public web address (an unpublished document held by the compilers) is marked † and said to be so wherever it is
# used. Where the data do not know something, the page says so. Terms are explained in the glossary.
#
# ## Ratings over time
#
# Each inspection is counted once, under the year its report was published, at whatever precision the sources
# give the date; inspections whose pages carry no date are shown last. Every inspection belongs to a round, so the
# chart of ratings by round, below, counts them all.

# %%
by_year = summaries.ratings_by_year(release)
undated = int(by_year[by_year.year == summaries.NO_DATE].n.sum())
po_in_post = official.official_staffing(release, measure="staff_in_post", grade="po", scope="England and Wales",
                                        unit="fte", long=True) if official.has_official(release) else None
ratings_chart = dict(
    fig=charts.stacked_rating_bars(by_year, "year"), title=titles.ratings_by_year(by_year),
    alt=f"Bar chart of {by_year.n.sum()} inspections by year of publication and overall rating; {undated} have no known date.",
    data=by_year, subtitle=f"Inspections by year of publication and overall rating; {undated} have no known date.",
    source_ids=ins.source_ids, filename="ratings-by-year")
if po_in_post is None:
    page.figure(**ratings_chart)
else:
    page.pair(ratings_chart, dict(
        fig=charts.series_chart(po_in_post, "Probation officers in post (FTE)"),
        title=official_words.series_title(po_in_post),
        alt=f"Line chart of {len(po_in_post)} official figures of probation officers in post in England and Wales, "
            "one line per series.",
        data=po_in_post[["as_of", "value", "unit", "series", "definition", "source_ids"]],
        subtitle="Official figures at the dates they refer to; each series drawn on its own.",
        note=official_words.series_note(po_in_post), filename="po-in-post-over-time"))
by_round = summaries.ratings_by_round(release)
page.figure(
    charts.stacked_rating_bars(by_round.assign(round=by_round["round"].map(lambda r: f"Round {r}")), "round"),
    title=titles.ratings_by_round(by_round),
    alt=f"Bar chart of all {by_round.n.sum()} inspections by round and overall rating.", data=by_round,
    subtitle="Round 1: reports published 2022-23; round 2: the programme from October 2023.",
    filename="ratings-by-round")

# %% [markdown]
# ## Regions compared
#
# The share of each region's rated inspections that were Inadequate, with its n and a 95% interval: with a handful
# of inspections per region, the intervals are wide and most overlap.

# %%
shares = summaries.rating_shares(release, "Inadequate")
national = summaries.overall_share(release)
page.figure(
    charts.share_bars(shares, "region", float(national.share), f"England and Wales, {national['count']} of {national.n}"),
    title=titles.highest_share(shares, "region", national),
    alt="Horizontal bar chart of the share of each region's rated inspections rated Inadequate, with counts and intervals.",
    data=shares, subtitle="Share of rated inspections rated Inadequate, with the count at each bar's end.",
    source_ids=ins.source_ids, filename="inadequate-share-by-region")
page.links([(f"{r} region", page.href("region", r)) for r in shares.region.astype(str)], "Each region's report:")

# %% [markdown]
# ## Standards: where inspections fall short
#
# Ratings of each of the nine standards of the 2021 framework, where a source gives them. A rating is *stated* when
# the source names the standard, *implied* when it follows from a wider statement ("all four case standards were
# Inadequate"); the chart keeps the two apart.

# %%
counts = summaries.standard_counts(release)
page.figure(
    charts.standards_bars(counts), title=titles.standards(counts, mainpoints.CASE_STANDARDS),
    alt=f"Bar chart of known ratings per standard; {titles.standards(counts, mainpoints.CASE_STANDARDS)}.",
    data=counts.drop(columns=["standard"]), source_ids=release.ratings.source_ids,
    subtitle="Known ratings of each standard; Inadequate split into stated and implied (hatched). Each inspection "
             "counted once per standard.", filename="standards")

# %% [markdown]
# ## Change between inspections
#
# Every PDU inspected twice, its first and latest overall rating. The inspection framework changed between the
# rounds, so a change of rating is not a like-for-like measure of change in the service.

# %%
changes = compare.compare_rounds(release)
tally = compare.change_counts(changes)
page.figure(
    charts.change_chart(changes), title=titles.change(tally, len(changes)),
    alt=f"Chart of {len(changes)} PDUs inspected twice: {tally['improved']} improved, {tally['no change']} kept their "
        f"rating, {tally['worse']} got worse, {tally['not known']} not known.",
    data=changes[["pdu", "region", "first_published", "first_rating", "second_published", "second_rating", "change"]],
    source_ids=ins[ins.pdu_id.isin(changes.pdu_id)].source_ids, note=compare.FRAMEWORK_CAVEAT,
    subtitle="Hollow: first inspection; filled: latest.", filename="change-between-inspections")

# %% [markdown]
# ## Staffing against outcomes
#
# Vacancy rates are the per cent of target posts unfilled, by grade: senior probation officers (SPO), probation
# officers (PO) and probation services officers (PSO); below zero means more staff than the target. The chart shows
# each inspection with a PO vacancy rate and an overall rating in the data.

# %%
joined = outcomes.staffing_outcomes(release)
known = joined.dropna(subset=["po", "overall_rating"])
association = mainpoints.association_point(joined, "po", release=release)
staff = release.staffing
po_rates = staff[(staff.measure == "vacancy_rate") & (staff.grade == "po") & staff.inspection_id.isin(known.inspection_id)]
labels = titles.marked_labels(release, po_rates, release.inspection_labels)
rings = [i for i in known.inspection_id if labels[i] != release.inspection_labels[i]]
page.figure(
    charts.vacancy_by_rating(joined, "po", hollow=rings), title=association.headline.rstrip("."),
    alt=f"Dot plot of {len(known)} inspections' probation officer vacancy rates grouped by overall rating; "
        f"{len(rings)} drawn as rings rest only on an unpublished document.",
    data=known.assign(inspection=known.inspection_id.map(labels))[["inspection", "overall_rating", "po"]],
    source_ids=po_rates.source_ids, note=titles.UNPUBLISHED_MARK if rings else "",
    subtitle=f"Each dot one inspection; n per rating beside each row. Rings (†): the {len(rings)} of {len(known)} "
             "rates resting only on an unpublished document.", filename="po-vacancy-by-rating")
page.paragraph(association.detail, "finding")

# %% [markdown]
# ### Official staffing beside inspection outcomes
#
# The Ministry of Justice has given each region's vacancies (full-time equivalents, all grades) at one date, in a
# written answer to Parliament. Beside them, each region's rated inspections and how many were Inadequate. The two
# are of different dates, and a count of vacancies is not a rate: the note under the table says how far apart they
# are and what the counts cannot show.

# %%
beside = official.staffing_beside_outcomes(release) if official.has_official(release) else None
if beside is None:
    page.paragraph("This data release holds no official staffing figure for the regions.")
else:
    page.table(official_words.beside_outcomes_table(beside), official_words.beside_outcomes_title(beside),
               key=f"{beside.attrs['measure'].capitalize()}, {titles.month_of(beside.as_of.iloc[0])}",
               links={"region": page.region_links()}, note=official_words.beside_outcomes_caveat(beside, release),
               filename="official-vacancies-by-region", download=official_words.beside_outcomes_download(beside))
caseload = official.official_staffing(release, measure="caseload_avg", grade="po", scope="England and Wales",
                                      long=True) if official.has_official(release) else None
if caseload is not None:
    page.figure(
        charts.value_bars([f"Year to {titles.month_of(a)}" for a in caseload.as_of], list(caseload.value),
                          "Average cases held per probation officer (WMT)",
                          [official_words.amount(x, "cases") for x in caseload.value]),
        title=official_words.series_title(caseload),
        alt=f"Bar chart of the average probation officer caseload in England and Wales in {len(caseload)} years.",
        data=caseload[["period_from", "as_of", "value", "unit", "definition", "source_ids"]],
        subtitle="Average caseload per probation officer from the Workload Measurement Tool, by year to June.",
        note="A caseload is cases held, not the effort they take (that is the workload, a per cent of capacity).",
        filename="po-caseload-by-year")

# %% [markdown]
# ### Staffing pressure
#
# What inspections said about caseloads, workloads and staff reporting unmanageable workloads, kept apart by
# measure: a caseload is cases held, a workload is the per cent of capacity on the Workload Measurement Tool (WMT);
# they are never compared as one.

# %%
page.table(readable.staffing_pressure(release), "Staffing pressure as published, by measure", key="value",
           filename="staffing-pressure")

# %% [markdown]
# ## Inspections of public protection, 2025-26
#
# From October 2025 HM Inspectorate of Probation inspects probation's public protection work region by region,
# under its own framework. These inspections give a judgement in words, not a rating, and they are never counted
# with the PDU ratings above.

# %%
protection = official.public_protection_inspections(release) if official.has_official(release) else None
if protection is None or protection.empty:
    page.paragraph("This data release holds none of these inspections.")
else:
    page.table(official_words.public_protection_table(release, protection),
               f"{len(protection)} regions' inspections of public protection in the data", key="cases_inspected",
               links={"region": page.region_links()}, filename="public-protection-inspections")
    statements = official.public_protection(release, kind="case_quality")
    if len(statements):
        page.table(official_words.public_protection_findings(statements), "What they found on keeping people safe",
                   key="value", filename="public-protection-findings")

# %% [markdown]
# ## What the audit found
#
# The audit recomputes published figures from the published rules; a flag is a question to ask, not a finding
# of error. [The audit report](audit.html) has every row.

# %%
audit = run_audit(release)
tally = audit.groupby("check").status.value_counts().unstack(fill_value=0).reset_index()
page.table(tally, "Audit checks and their results", key="disputed", filename="audit-summary")

# %% [markdown]
# ## Every inspection
#
# One row per inspection, every inspection once: its PDU and official code, region, round, publication date,
# overall rating, score, the rating of each standard and the staffing figures the sources give for it. Download it
# to work with all the inspections in a spreadsheet.

# %%
page.table(readable.every_inspection(release), "Every inspection in the data", key="overall_rating",
           links={"pdu": page.pdu_links()}, filename="every-inspection", excel=True, block="every-inspection")

# %% [markdown]
# ## Where sources disagree
#
# Values two sources state differently: both are kept, with what the data release keeps and why.

# %%
page.table(readable.readable_disagreements(release), "Disagreements between sources", key="Kept", layout="records",
           filename="disagreements")

# %% [markdown]
# ## What the data cover
#
# PDUs in the Ministry of Justice register, how many were inspected at least once, and what the sources give for
# each inspection. Most public pages give an overall rating; fewer give a score, ratings by standard or staffing.

# %%
page.table(summaries.coverage_by_region(release), "Coverage by region", filename="coverage")
never = summaries.never_inspected(release)
page.table(never, f"The {len(never)} current PDUs with no inspection in the data", key="pdu",
           filename="never-inspected")

# %% [markdown]
# ## Sources

# %%
page.sources()
