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
# The audit: published figures recomputed from the published rules and counts. Every number a sentence states
# comes from `pdukit`; this notebook only narrates and calls.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

from pdukit.analysis.audit import run_audit
from pdukit.analysis.measures import UPW_CAVEAT
from pdukit.narrative import mainpoints, readable
from pdukit.report import page as report

page = report.start("audit", data_version)
release = page.release
audit = run_audit(release)
page.title("Audit: do published figures follow the published rules?")
page.main_points(mainpoints.audit(release, audit))


def show_rows(checks, caption, filename, note="", drop=()):
    """One check's rows as a reader reads them, subjects linked to their PDU's page."""
    rows, pdus = readable.audit_for_readers(audit[audit.check.isin(checks)], release)
    page.table(rows.drop(columns=list(drop)), caption, key="Result", note=note, filename=filename,
               links={"Subject": {label: page.href("pdu", name) for label, name in pdus.items()}})


# %% [markdown]
# Inspection reports present their numbers in different ways. This audit recomputes each figure it can from the
# rules and counts the Inspectorate publishes, and flags where the published figure differs (disputed), where it
# cannot be recomputed because a count or rule is not published, and where similar findings led to different
# recommendations. A flag is a question to ask, not a finding of error: several rules used here are not confirmed
# by a primary source, and each row says so.
#
# ## Scores: the sum of the standard ratings
#
# Each standard scores 3 (Outstanding), 2 (Good), 1 (Requires improvement) or 0 (Inadequate); the score is their
# sum, out of 27, or 24 where court work was not rated at PDU level.

# %%
show_rows(["score_sum"], "Inspections whose every rated standard is known", "audit-scores", drop=["Check"])
page.table(release.rule_points[["framework", "rating", "points", "verified", "note", "source_ids"]],
           "Points per rating", key="points", filename="audit-points")

# %% [markdown]
# ## Overall ratings against score bands
#
# The band table holds only the ranges seen in published pairs of score and rating; it is not confirmed by a
# primary source, so a score outside every known range cannot be recomputed rather than being guessed.

# %%
show_rows(["rating_band", "rating_lift"], "Published ratings against their band", "audit-bands")

# %% [markdown]
# ## Unpaid work backlog: one definition

# %%
show_rows(["upw_backlog"], "Published backlog figures beside the one recomputed from the report's own counts",
          "audit-unpaid-work", note=UPW_CAVEAT, drop=["Check"])

# %% [markdown]
# ## Standards against their case percentages
#
# Where a case-quality percentage measures one standard, the rating it implies under the threshold table (a
# working assumption, unverified) beside the published rating.

# %%
show_rows(["standard_from_cases"], "Case percentages and the ratings they imply", "audit-case-percentages",
          drop=["Check"])

# %% [markdown]
# ## Recommendations: same findings, different asks

# %%
show_rows(["recommendations"], "Themes asked of different bodies or in different words, and risk-of-harm "
          "recommendations that leave out work rated below Good", "audit-recommendations", drop=["Check"])

# %% [markdown]
# ## By PDU
#
# Every audit row about one inspection, under its PDU; each PDU's report links here.

# %%
page.anchored_lists(readable.audit_by_pdu(audit, release), lambda name: page.href("pdu", name))

# %% [markdown]
# ## Sources

# %%
page.sources()
