"""pdukit: sourced, comparable data and reports on HM Inspectorate of Probation inspections of PDUs.

    import pdukit
    release = pdukit.load_release()        # latest release, validated, typed DataFrames
    release.inspections.head()
"""

from .load import Release, ReleaseError, load_release
from .paths import list_releases, resolve_release

__version__ = "0.1.0"
__all__ = ["Release", "ReleaseError", "load_release", "list_releases", "resolve_release", "__version__"]
