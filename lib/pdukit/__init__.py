"""pdukit: sourced, comparable data and reports on HM Inspectorate of Probation inspections of PDUs.

    import pdukit
    release = pdukit.load_release()              # latest release, validated; dir(release) lists its tables
    release.inspections.head()
    release.compare_rounds()                     # PDUs inspected twice, and whether they improved
    release.rating_shares("Inadequate")          # share by region with n and a 95% interval
    release.with_sources(release.ratings)        # each row's sources: title, publisher, date, link

Modules, one concept each: `schema` (tables), `load`/`validate` (reading), `build`/`publish`/`diff` (making
releases), `scoring` (rules), `measures` (comparable measures), `stats` (small-sample statistics), `outcomes`
(staffing against outcomes), `summaries` (by region and time), `compare` (change between inspections), `sources`,
`recommendations`, `audit`, `charts`, `report` (notebook display), `errors`. See docs/api.md.
"""

from importlib import import_module

from pdukit import errors
from pdukit.dataset.schema import RATINGS, REGIONS, STANDARD_LABELS, STANDARDS
from pdukit.errors import (
    BuildError,
    MixedMeasuresError,
    ParameterError,
    PdukitError,
    PublishError,
    ReleaseError,
    ReleaseNotFound,
    UnknownName,
)
from pdukit.paths import list_releases, resolve_release

# Imported on first use, so `import pdukit` (and every `pdukit` command) does not pay for pandas and scipy up front.
_LAZY = {"Release": "dataset.release", "load_release": "dataset.release", "compare_rounds": "analysis.compare",
         "rating_shares": "analysis.summaries", "pdu_coverage": "analysis.summaries", "share_table": "analysis.stats",
         "spearman": "analysis.stats", "staffing_outcomes": "analysis.outcomes", "run_audit": "analysis.audit",
         "diff_releases": "dataset.diff", "official_staffing": "analysis.official", "official_series": "analysis.official",
         "staffing_series": "analysis.official", "regional_staffing": "analysis.official",
         "public_protection": "analysis.official", "public_protection_inspections": "analysis.official",
         "unlinked_only": "analysis.official"}


def __getattr__(name: str):
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
    "share_table", "spearman", "staffing_outcomes", "run_audit", "diff_releases", "official_staffing", "official_series",
    "staffing_series", "regional_staffing", "public_protection", "public_protection_inspections", "unlinked_only",
    "RATINGS", "REGIONS", "STANDARDS", "STANDARD_LABELS", "errors", "PdukitError", "ReleaseError", "ReleaseNotFound",
    "UnknownName", "PublishError", "BuildError", "MixedMeasuresError", "ParameterError", "__version__",
]
