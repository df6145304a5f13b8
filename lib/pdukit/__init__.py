"""pdukit: sourced, comparable data and reports on HM Inspectorate of Probation inspections of PDUs.

    import pdukit
    release = pdukit.load_release()              # latest release, validated; dir(release) lists its tables
    release.inspections.head()
    pdukit.compare_rounds(release)               # PDUs inspected twice, and whether they improved
    pdukit.rating_shares(release, "Inadequate")  # share by region with n and a 95% interval
    release.with_sources(pdukit.compare_rounds(release))   # each row's sources: title, publisher, date, link
    pdukit.describe("staffing")                  # the data dictionary: every column, its unit and meaning

Layers, each importing only from those below it: `pdukit.dataset` (schema, vocabulary, reading, validating,
building, publishing and comparing releases; `Release` and its lookups), `pdukit.analysis` (the questions:
scoring, measures, statistics, summaries, change, outcomes, dates, recommendations, audit), `pdukit.narrative`
(the sentences readers see), `pdukit.report` (notebook display and charts), `pdukit.render` and `pdukit.cli`.
Every deliberate error is in `pdukit.errors`. See docs/api.md.
"""

from importlib import import_module

from pdukit import errors
from pdukit.dataset.schema import RATINGS, REGIONS, STANDARD_LABELS, STANDARDS
from pdukit.errors import (
    BuildError,
    InvalidValue,
    MixedMeasuresError,
    NoRule,
    NotARelease,
    NotInRelease,
    NotKnownLeftOut,
    ParameterError,
    PdukitError,
    PublishError,
    ReleaseError,
    ReleaseNotFound,
    UndatedLeftOut,
    UnknownName,
)
from pdukit.paths import list_releases, resolve_release

# Imported on first use, so `import pdukit` (and every `pdukit` command) does not pay for pandas and scipy up front.
_LAZY = {"Release": "dataset.release", "load_release": "dataset.release", "compare_rounds": "analysis.compare",
         "rating_shares": "analysis.summaries", "pdu_coverage": "analysis.summaries",
         "standard_counts": "analysis.summaries", "ratings_by_year": "analysis.summaries",
         "published_between": "analysis.dates", "share_table": "analysis.stats", "spearman": "analysis.stats",
         "staffing_outcomes": "analysis.outcomes", "staffing_measure": "analysis.measures",
         "run_audit": "analysis.audit", "diff_releases": "dataset.diff", "diff_summary": "dataset.diff", "describe": "dataset.dictionary",
         "official_staffing": "analysis.official", "official_series": "analysis.official",
         "staffing_series": "analysis.official", "regional_staffing": "analysis.official",
         "public_protection": "analysis.official", "public_protection_inspections": "analysis.official",
         "unlinked_only": "analysis.official", "has_official": "analysis.official"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pdukit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__version__ = "0.2.0"
__all__ = [
    "Release", "load_release", "list_releases", "resolve_release", "compare_rounds", "rating_shares", "pdu_coverage",
    "standard_counts", "ratings_by_year", "published_between", "share_table", "spearman", "staffing_outcomes",
    "staffing_measure", "run_audit", "diff_releases", "diff_summary", "describe",
    "official_staffing", "official_series", "staffing_series", "regional_staffing", "public_protection",
    "public_protection_inspections", "unlinked_only", "has_official",
    "RATINGS", "REGIONS", "STANDARDS", "STANDARD_LABELS", "errors", "PdukitError", "ReleaseError", "ReleaseNotFound",
    "UnknownName", "InvalidValue", "NoRule", "NotInRelease", "NotARelease", "UndatedLeftOut", "NotKnownLeftOut",
    "PublishError", "BuildError", "MixedMeasuresError", "ParameterError", "__version__",
]
