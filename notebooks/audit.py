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
# rules and counts the Inspectorate publishes, and flags where the published figure differs, cannot be compared,
# or where similar findings led to different recommendations. A flag is a question to ask, not a finding of
# error: several rules used here are not confirmed by a primary source, and each row says so.

# %%
from pdukit import parameters

parameters.begin(globals())

# %% tags=["parameters"]
data_version: str = "latest"  # data release: "latest", a version such as "2026-11-22b", a draft's version, or a folder

# %%
parameters.check(globals())

import html

from IPython.display import HTML
from IPython.display import display as show

from pdukit import display, mainpoints, report
from pdukit.audit import CHECK_NAMES, run_audit
from pdukit.measures import UPW_CAVEAT

release = report.start(data_version)
labels = report.inspection_labels(release)
names = report.pdu_names(release)
audit = run_audit(release)
display.main_points(mainpoints.audit(release, audit))


def readable(rows):
    """Audit rows for a reader: the subject named and linked to its PDU's page, ids in the detail replaced."""
    out = rows.assign(subject=rows.subject.map(lambda s: labels.get(s, mainpoints.humanise(s, release, labels))),
                      detail=rows.detail.map(lambda d: mainpoints.humanise(d, release, labels)),
                      check=rows.check.map(CHECK_NAMES))
    return out.rename(columns={"check": "Check", "subject": "Subject", "published": "Published",
                               "recomputed": "Recomputed", "status": "Result", "detail": "Detail"})


def pdu_links(rows):
    ids = [s.rsplit("-", 1)[0] for s in rows.subject if s in labels]
    return {"Subject": {labels[s]: report.href("pdu", names[s.rsplit("-", 1)[0]], "national")
                        for s in rows.subject if s in labels and s.rsplit("-", 1)[0] in ids}}


# %% [markdown]
# ## Scores: the sum of the standard ratings
#
# Each standard scores 3 (Outstanding), 2 (Good), 1 (Requires improvement) or 0 (Inadequate); the score is their
# sum, out of 27, or 24 where court work was not rated at PDU level.

# %%
rows = audit[audit.check == "score_sum"]
display.table(readable(rows), "Inspections whose every rated standard is known (eight standards where court work "
              "was not rated at PDU level, nine otherwise)", links=pdu_links(rows), filename="audit-scores")
display.table(release.rule_points[["framework", "rating", "points", "verified", "note", "source_ids"]],
              "Points per rating", release)

# %% [markdown]
# ## Overall ratings against score bands
#
# The band table holds only the ranges seen in published pairs of score and rating; it is not confirmed by a
# primary source, so a score outside every known range is flagged as unknown rather than guessed.

# %%
rows = audit[audit.check.isin(["rating_band", "rating_lift"])]
display.table(readable(rows), "Published ratings against their band", links=pdu_links(rows), filename="audit-bands")

# %% [markdown]
# ## Unpaid work backlog: one definition

# %%
rows = audit[audit.check == "upw_backlog"]
display.table(readable(rows), "Published backlog figures beside the one recomputed from the report's own counts",
              links=pdu_links(rows), note=UPW_CAVEAT, filename="audit-unpaid-work")

# %% [markdown]
# ## Standards against their case percentages
#
# Where a case-quality percentage measures one standard, the rating it implies under the threshold table (a
# working assumption, unverified) beside the published rating.

# %%
rows = audit[audit.check == "standard_from_cases"]
display.table(readable(rows), "Case percentages and the ratings they imply", links=pdu_links(rows),
              filename="audit-case-percentages")

# %% [markdown]
# ## Recommendations: same findings, different asks

# %%
rows = audit[audit.check == "recommendations"]
display.table(readable(rows).drop(columns=["Check"]), "Themes asked of different bodies or in different words, and "
              "risk-of-harm recommendations that leave out work rated below Good", links=pdu_links(rows),
              filename="audit-recommendations")

# %% [markdown]
# ## By PDU
#
# Every audit row about one inspection, under its PDU; each PDU's report links here.

# %%
by_pdu = audit[audit.subject.isin(labels)]
parts = []
for pdu_id in sorted({s.rsplit("-", 1)[0] for s in by_pdu.subject}, key=lambda p: names[p]):
    mine = by_pdu[by_pdu.subject.str.rsplit("-", n=1).str[0] == pdu_id]
    items = "".join(f"<li>{html.escape(labels[r.subject])}: {html.escape(CHECK_NAMES[r.check])}, "
                    f"{'flagged' if r.status == 'flag' else 'consistent'}: {html.escape(mainpoints.humanise(r.detail, release, labels))}</li>"
                    for r in mine.itertuples())
    parts.append(f'<h3 id="{html.escape(pdu_id)}"><a href="{report.href("pdu", names[pdu_id], "national")}">'
                 f"{html.escape(names[pdu_id])}</a></h3><ul>{items}</ul>")
show(HTML("".join(parts)))
