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
# # Start here: the pdukit library in your own notebook
#
# Seven common questions about HM Inspectorate of Probation's inspections of Probation Delivery Units (PDUs), each
# answered in a few lines with the library. Copy this notebook and change the questions. Every table keeps its
# `source_ids`; `release.with_sources(frame)` turns them into titles and links. A mistyped name (a rating, a
# region, a PDU, a column) is an error naming the closest valid ones, never a table of zeros; `pdukit.describe()`
# says what every column holds.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # release to read: "latest", a version such as "2026-11-22b", or a folder
pdu: str = "West Sussex"  # a PDU name, alias, official code or id, for the one-PDU question
export_dir: str = "~/pdukit-exports"  # where question 7 writes its CSV and Excel files: your own folder, not the repository

# %%
parameters.check(globals())

from pathlib import Path

import pdukit
from pdukit.analysis import outcomes, stats

release = pdukit.load_release(data_version)
release

# %% [markdown]
# `dir(release)` lists the tables; each is a pandas DataFrame with ordered rating categories.

# %%
[name for name in dir(release) if name in release.tables]

# %% [markdown]
# ## 1. Which PDUs were inspected twice, and did they improve?
#
# `compare_rounds()` compares ratings by their order, never as text. The framework changed between rounds, so a
# change of rating is not a like-for-like measure. `release.with_sources(changes)` would add each row's sources.

# %%
changes = pdukit.compare_rounds(release)
changes[["pdu", "region", "first_published", "first_rating", "second_published", "second_rating", "change"]]

# %%
changes.change.value_counts()

# %% [markdown]
# ## 2. What share of inspections were rated Inadequate, by region?
#
# Each inspection counts once; `n` is the inspections with a known overall rating, `low`-`high` a 95% Wilson
# interval (wide where n is small). `total=True` adds England and Wales as a last row.

# %%
pdukit.rating_shares(release, "Inadequate", by="region", total=True).drop(columns="source_ids")

# %% [markdown]
# ## 3. Probation officer (PO) vacancy rate against the overall rating
#
# A rank correlation with its n and a bootstrap interval, refused when n is below the minimum; then the figures
# themselves, by rating. Neither can show cause.

# %%
joined = outcomes.staffing_outcomes(release)
print(stats.spearman(joined["po"], joined["rating_rank"]).describe())
outcomes.vacancy_by_rating(release, "po", joined)

# %% [markdown]
# ## 4. One PDU's ratings by standard, with their sources
#
# A PDU (by name, alias, official code or id) stands for every one of its inspections; `inspection` says which
# each row is from.

# %%
rated = release.with_sources(release.standard_ratings(pdu))
rated[["inspection", "standard_label", "rating", "basis", "source_title", "source_publisher", "source_link"]]

# %% [markdown]
# ## 5. Which figures do sources disagree on?
#
# Both values are kept, with what the release keeps and why.

# %%
release.disagreements[["table", "key", "field", "value", "other_value", "resolution"]]

# %% [markdown]
# ## 6. How many were rated Inadequate on standard 2.4 since 2023, and how many cannot be placed?
#
# `published_between` keeps the rows whose inspection was published in the range and counts those it leaves out
# for want of a date (it also warns), so the answer is never the dated part alone.

# %%
ratings = release.standard_ratings()
inadequate = ratings[(ratings.standard == "implementation_and_delivery") & (ratings.rating == "Inadequate")]
since = pdukit.published_between(release, "2023", frame=inadequate, warn=False)
print(f"{len(since)} rated Inadequate on 2.4 Implementation and delivery in inspections published since 2023, "
      f"and {since.attrs['undated_left_out']} more in inspections with no known date: {', '.join(since.attrs['left_out'])}")

# %% [markdown]
# ## 7. Export a table to CSV and Excel
#
# The files go to `export_dir`: `~/pdukit-exports` (a folder in your home) unless you set it, never into the
# repository.

# %%
out = Path(export_dir).expanduser()
out.mkdir(parents=True, exist_ok=True)
changes.to_csv(out / "inspected-twice.csv", index=False)
changes.to_excel(out / "inspected-twice.xlsx", index=False)
print(f"written to {out}")
sorted(p.name for p in out.iterdir())
