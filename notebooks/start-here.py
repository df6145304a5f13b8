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
# Six common questions about HM Inspectorate of Probation's inspections of Probation Delivery Units (PDUs), each
# answered in a few lines with the library. Copy this notebook and change the questions. Every table keeps its
# `source_ids`; `release.with_sources(frame)` turns them into titles and links.

# %%
from pdukit.report import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # release to read: "latest", a version such as "2026-11-22b", or a folder
pdu: str = "Gwent"  # a PDU name, alias or id, for the one-PDU question
export_dir: str = "../reports/exports"  # where the export question writes its CSV and Excel files

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
# change of rating is not a like-for-like measure.

# %%
changes = pdukit.compare_rounds(release)
changes[["pdu", "region", "first_published", "first_rating", "second_published", "second_rating", "change"]]

# %%
changes.change.value_counts()

# %% [markdown]
# ## 2. What share of inspections were rated Inadequate, by region?
#
# Each inspection counts once; `n` is the inspections with a known overall rating, `low`-`high` a 95% Wilson
# interval (wide where n is small).

# %%
pdukit.rating_shares(release, "Inadequate", by="region")

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

# %%
pdu_id = release.resolve_pdu(pdu)
first = release.inspections[release.inspections.pdu_id == pdu_id].inspection_id.iloc[0]
rated = release.with_sources(release.standard_ratings(first))
rated[["standard_label", "rating", "basis", "source_title", "source_publisher", "source_link"]]

# %% [markdown]
# ## 5. Which figures do sources disagree on?
#
# Both values are kept, with what the release keeps and why.

# %%
release.disagreements[["table", "key", "field", "value", "other_value", "resolution"]]

# %% [markdown]
# ## 6. Export a table to CSV and Excel

# %%
out = Path(export_dir)
out.mkdir(parents=True, exist_ok=True)
changes.to_csv(out / "inspected-twice.csv", index=False)
changes.to_excel(out / "inspected-twice.xlsx", index=False)
sorted(p.name for p in out.iterdir())
