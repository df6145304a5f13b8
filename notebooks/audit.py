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
# # Audit: do published figures follow the published rules?
#
# Inspection reports present their numbers in different ways. This audit recomputes each figure it can from the
# rules and counts the Inspectorate publishes, and marks `flag` wherever the published figure differs, cannot be
# compared, or where similar findings led to different recommendations. A flag is a question to ask, not a
# finding of error: several rules used here are not confirmed from a primary source, and each row says so.

# %%
from pdukit import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

from pdukit import report
from pdukit.audit import run_audit

release = report.start(data_version)
audit = run_audit(release)
counts = audit.status.value_counts()
report.md("{rows} audit rows, {flags} flagged.",
          rows=len(audit), flags=int(counts.get("flag", 0)))
report.table(release.rule_points[["framework", "rating", "points", "verified", "note"]],
             "Points per rating: reproduce every published score whose standards are all known.", release,
             release.rule_points.source_ids)

# %% [markdown]
# ## Scores: the sum of the standard ratings
#
# Each standard scores 3 (Outstanding), 2 (Good), 1 (Requires improvement) or 0 (Inadequate); the score is their
# sum, out of 27, or 24 where court work was not rated at PDU level.

# %%
report.table(audit[audit.check == "score_sum"], "Inspections whose every rated standard is known (eight standards "
             "where court work was not rated at PDU level, nine otherwise).")

# %% [markdown]
# ## Overall ratings against score bands
#
# The band table holds only the ranges seen in published pairs of score and rating; it is not confirmed by a
# primary source, so a score outside every known range is flagged as unknown rather than guessed.

# %%
report.table(release.rule_bands[["framework", "score_max", "rating", "min_score", "max_score", "verified", "note"]],
             "Score bands as held in the release.", release, release.rule_bands.source_ids)
report.table(audit[audit.check.isin(["rating_band", "rating_lift"])], "Published ratings against their band.")

# %% [markdown]
# ## Unpaid work backlog: one definition
#
# Recomputed as requirements with hours outstanding beyond 12 months over all requirements. West Sussex published
# 70%; on this definition its own counts give 27%.

# %%
report.table(audit[audit.check == "upw_backlog"], "Published backlog figures beside the recomputed one.")

# %% [markdown]
# ## Standards against their case percentages
#
# Where a case-quality percentage measures one standard, the rating it implies under the threshold table (a
# working assumption, unverified) beside the published rating.

# %%
report.table(audit[audit.check == "standard_from_cases"], "Case percentages and the ratings they imply.")

# %% [markdown]
# ## Recommendations: same findings, different asks

# %%
report.table(audit[audit.check == "recommendations"][["subject", "published", "recomputed", "status", "detail"]],
             "Themes asked of different addressees or in different words, and risk-of-harm recommendations "
             "that leave out work rated below Good.")
