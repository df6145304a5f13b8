"""The render cache: a report is re-rendered only when something it depends on changed.

A report's key covers its notebook, the library's source (code and templates), the parameters and the versions of
the packages that shape its output. The data tables it actually read (recorded while it ran) are fingerprinted
by content one by one, so a changed table re-renders only the reports that read it, whatever the release is called.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

from pdukit.dataset.schema import TABLES
from pdukit.errors import UnreadableFile
from pdukit.files import read_regular, write_atomic
from pdukit.render.jobs import Job

PACKAGES = ("pandas", "numpy", "scipy", "matplotlib", "seaborn", "pandera", "papermill", "nbclient", "nbconvert",
            "nbformat", "ipykernel", "jupyter_client")
CACHE_DIR = ".cache"


def file_sha(path: Path) -> str:
    """Return the sha256 of a regular file, 'missing', or why it is not read ('refused: is a named pipe; ...'):
    a release file is read only as pdukit.files allows, so a pipe or a device never blocks the cache."""
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except FileNotFoundError:
        return "missing"
    except UnreadableFile as err:
        return f"refused: {err.message}"


def library_sha() -> str:
    """Return one sha256 over every source and template file of the pdukit package."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".json", ".css") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    """Return the Python version and the versions of the packages that shape a report."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def table_shas(release_dir: Path) -> dict[str, str]:
    """Return {table name: sha256 of its CSV file} for the release."""
    return {name: file_sha(release_dir / t.filename) for name, t in TABLES.items()}


def static_key(job: Job, notebook: Path, library: str, versions: dict) -> str:
    """Return the key of everything a report depends on except the data it reads (which is checked table by
    table, on content: a new release whose tables a report reads are unchanged does not re-run it)."""
    parts = {"notebook": file_sha(notebook), "library": library, "parameters": job.own_parameters, "versions": versions}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class Cache:
    """Cache entries stored as JSON under <out>/.cache, one per report."""

    def __init__(self, out: Path):
        self.dir = out / CACHE_DIR

    def _path(self, job: Job) -> Path:
        return self.dir / (job.key.replace("/", "__") + ".json")

    def read(self, job: Job) -> dict:
        """Return the job's entry ({} when there is none or it cannot be read)."""
        try:
            return json.loads(self._path(job).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write(self, job: Job, entry: dict) -> None:
        """Write the job's entry atomically."""
        write_atomic(self._path(job), json.dumps(entry, indent=1, sort_keys=True))

    def is_fresh(self, job: Job, key: str, shas: dict[str, str], out: Path) -> bool:
        """True when the job's last good render used this key and the same data files, and its HTML exists."""
        entry = self.read(job)
        good = entry.get("good") or {}
        if good.get("key") != key or not (out / job.html).exists():
            return False
        return all(shas.get(name) == sha for name, sha in good.get("tables", {}).items())
