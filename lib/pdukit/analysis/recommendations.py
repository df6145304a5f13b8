"""Recommendations by theme: which inspections were asked what, of whom, and where the same finding got different
recommendations or a different addressee."""

from __future__ import annotations

import re

import pandas as pd

from pdukit.dataset.release import Release, takes_release

# Theme -> pattern on the recommendation text. A recommendation can carry several themes.
THEMES = {
    "risk of harm": r"risk of harm|keep (other )?people safe|protect the public|safety of victims",
    "vetting": r"vetting",
    "staffing": r"staffing|recruit|retention|sufficiently resourced|vacanc|resource in place",
    "management oversight": r"management oversight|quality assurance|middle management",
    "interventions": r"intervention|services available|accredited programme|unpaid work",
    "information sharing": r"information sharing|domestic abuse|safeguarding",
    "performance monitoring": r"performance monitoring",
    "training": r"training|skills|knowledge",
    "people on probation": r"people on probation (to|from)|engage with people on probation|complaints",
}
# The four activities a complete risk-of-harm recommendation names (seed 000 compares their wording).
RISK_ACTIVITIES = {"assess": r"assess", "plan": r"plan", "manage": r"manag", "review": r"review"}


def themes_of(text: str) -> list[str]:
    """Return the themes a recommendation's text touches, in THEMES order."""
    return [theme for theme, pattern in THEMES.items() if re.search(pattern, text, re.I)]


@takes_release
def recommendation_themes(release: Release) -> pd.DataFrame:
    """Return one row per (recommendation, theme) with inspection, region, addressee, number and text."""
    recs = release.recommendations.merge(release.inspections[["inspection_id", "region", "pdu_id"]], on="inspection_id")
    recs["theme"] = recs.text.map(themes_of)
    exploded = recs.explode("theme")
    exploded["theme"] = exploded.theme.fillna("other")
    return exploded.reset_index(drop=True)


@takes_release
def complete_lists(release: Release) -> set[str]:
    """Return the inspections whose whole numbered list of recommendations is in the release (not just one quoted)."""
    recs = release.recommendations
    return set(recs[recs.number.notna()].inspection_id)


def risk_activities(text: str) -> list[str]:
    """Return which of assess, plan, manage, review a risk-of-harm recommendation names."""
    return [name for name, pattern in RISK_ACTIVITIES.items() if re.search(pattern, text, re.I)]
