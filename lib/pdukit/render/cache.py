"""The render cache: which pages can be kept, and the record of every page the renderer wrote.

A report's key covers its notebook, the library's source (code and templates), its own parameters and the versions
of the packages that shape its output. The data tables it actually read (recorded while it ran) are fingerprinted
by content one by one, so a changed table re-renders only the reports that read it, whatever the release is called.

A page is kept only when it is byte for byte the page the cache wrote: the cache writes every page (and re-stamps
it for a new release), and records the page's sha256 as it writes it. A page cut short, replaced by another page,
edited, undecodable or missing is not the page the cache wrote: it is made again, and a page that cannot be made
again is removed rather than kept. The cache also remembers which release bytes validated, and holds the lock that
lets one render at a time write an output folder.

The cache uses the standard library only: a render with nothing to do never imports pandas.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pdukit.dataset.schema import TABLES
from pdukit.errors import OutputBusy, OutputError, UnreadableFile
from pdukit.files import read_regular, write_atomic
from pdukit.render.jobs import Job
from pdukit.render.pages import failure_page, page_stamp, restamp

if TYPE_CHECKING:  # the worker imports nbformat: a render with nothing to do never imports it
    from pdukit.render.worker import Result

PACKAGES = ("pandas", "numpy", "scipy", "matplotlib", "seaborn", "pandera", "papermill", "nbclient", "nbconvert",
            "nbformat", "ipykernel", "jupyter_client")
CACHE_DIR = ".cache"
VALIDATED = "release.validated"
LOCK = "render.lock"
LOCK_WAIT_SECONDS = 10.0  # a second render into the same folder waits this long for the first, then is refused
STAMP_FIELDS = ("release", "checksum", "draft")


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


def release_fingerprint(release_dir: Path, library: str) -> str:
    """One sha256 over every entry of the release folder (a regular file's bytes; for anything else, why it is not
    read) and the library that checks it: any change, a pipe or a link added, validates the release again."""
    digest = hashlib.sha256(library.encode())
    for path in sorted(release_dir.iterdir()):
        digest.update(path.name.encode())
        digest.update(file_sha(path).encode())
    return digest.hexdigest()


def static_key(job: Job, notebook: Path, library: str, versions: dict) -> str:
    """Return the key of everything a report depends on except the data it reads (which is checked table by
    table, on content: a new release whose tables a report reads are unchanged does not re-run it). The data
    folder's path is not part of it: where a release lies says nothing about what it holds."""
    parts = {"notebook": file_sha(notebook), "library": library, "parameters": job.own_parameters, "versions": versions}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def page_sha(page: bytes) -> str:
    """The sha256 the cache records for a page's bytes."""
    return hashlib.sha256(page).hexdigest()


@dataclass
class Checked:
    """The cache's answer for the planned reports: the ones to run, and how many were kept or re-stamped."""

    todo: list[Job] = field(default_factory=list)
    unchanged: int = 0
    restamped: int = 0
    failed: list[Outcome] = field(default_factory=list)  # a kept page that could not be re-stamped


@dataclass
class Outcome:
    """What became of one report: made, or failed with a one-line reason and the failure page (None when that could
    not be written either), plus the warnings it raised."""

    job: Job
    ok: bool
    message: str = ""
    details: Path | None = None
    warnings: list[str] = field(default_factory=list)


class Cache:
    """The records under <out>/.cache (one JSON entry per report, the validation memo, the lock), and every page,
    failure page and executed notebook written into <out>."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.dir = self.out / CACHE_DIR
        self._trusted: dict[str, bool] = {}  # per report, this render: is its page the one the cache wrote?

    # --- records ------------------------------------------------------------------------------------------------
    def _path(self, job: Job) -> Path:
        return self.dir / (job.key.replace("/", "__") + ".json")

    def read(self, job: Job) -> dict:
        """Return the job's entry ({} when there is none or it cannot be read)."""
        try:
            entry = json.loads(self._path(job).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entry if isinstance(entry, dict) else {}

    def write(self, job: Job, entry: dict) -> None:
        """Write the job's entry atomically."""
        write_atomic(self._path(job), json.dumps(entry, indent=1, sort_keys=True))

    # --- the release's validation, remembered ---------------------------------------------------------------
    def validated(self, fingerprint: str) -> bool:
        """True when a release with exactly this fingerprint validated before (into this output folder)."""
        try:
            return json.loads((self.dir / VALIDATED).read_text(encoding="utf-8")).get("fingerprint") == fingerprint
        except (OSError, ValueError, AttributeError):
            return False

    def remember_validated(self, fingerprint: str, release_dir: Path) -> None:
        """Record a clean validation; OutputError when the output folder cannot be written (a full disk)."""
        try:
            write_atomic(self.dir / VALIDATED, json.dumps({"fingerprint": fingerprint, "release": str(release_dir)}))
        except OSError as err:
            raise OutputError(self._cannot_write(err)) from None

    # --- one render at a time -------------------------------------------------------------------------------
    @contextmanager
    def lock(self, wait: float | None = None) -> Iterator[None]:
        """Hold the output folder's lock for a render: flock on <out>/.cache/render.lock, released when the render
        ends or its process dies (a killed render leaves the file, not the lock). A second render waits up to `wait`
        seconds (LOCK_WAIT_SECONDS), then OutputBusy; a folder that cannot be written, OutputError."""
        wait = LOCK_WAIT_SECONDS if wait is None else wait
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            handle = open(self.dir / LOCK, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole render
        except OSError as err:
            raise OutputError(self._cannot_write(err)) from None
        try:
            self._acquire(handle, wait)
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n")
            handle.flush()
            yield
        finally:
            handle.close()  # closing the file releases the lock

    def _acquire(self, handle: TextIO, wait: float) -> None:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise OutputBusy(f"another pdukit render is writing {self.out} ({holder}); waited {wait:g}s: "
                                     "run again when it has finished (nothing was written)") from None
                time.sleep(0.1)

    def _cannot_write(self, err: OSError) -> str:
        where = f" ({err.filename})" if getattr(err, "filename", None) else ""
        return f"cannot write to the output folder {self.out}{where}: {err.strerror or err}; nothing was rendered"

    # --- pages the cache can trust --------------------------------------------------------------------------
    def trusted(self, job: Job, entry: dict | None = None) -> bool:
        """True when the job's page on disk is byte for byte the page the cache last wrote for it."""
        if job.key not in self._trusted:
            good = (self.read(job) if entry is None else entry).get("good") or {}
            try:
                self._trusted[job.key] = bool(good.get("page_sha")) and page_sha(
                    read_regular(self.out / job.html)) == good["page_sha"]
            except (OSError, UnreadableFile):  # missing, a folder, a link, a pipe: not a page the cache wrote
                self._trusted[job.key] = False
        return self._trusted[job.key]

    def is_fresh(self, job: Job, key: str, shas: dict[str, str]) -> bool:
        """True when the job's last good render used this key and the same content of every table it read, and its
        page is the one the cache wrote."""
        entry = self.read(job)
        good = entry.get("good") or {}
        if good.get("key") != key:
            return False
        if not all(shas.get(name) == sha for name, sha in (good.get("tables") or {}).items()):
            return False
        return self.trusted(job, entry)

    def check(self, jobs: list[Job], keys: dict[str, str], shas: dict[str, str], stamp: dict,
              force: bool = False) -> Checked:
        """Sort the planned reports: a fresh page is kept (re-stamped when it names another release, its stale
        failure cleared); every other report is to be run, and a page of it the cache did not write is removed
        now, so it is never kept, even when the report then fails or the render is interrupted."""
        checked = Checked()
        for job in jobs:
            if not force and self.is_fresh(job, keys[job.key], shas):
                try:
                    checked.restamped += self._restamp(job, stamp)
                except (UnreadableFile, UnicodeDecodeError, FileNotFoundError):  # changed since it was checked
                    self._trusted[job.key] = False
                except OSError as err:  # a write refused: the page stays good, naming the release it was made from
                    checked.failed.append(Outcome(job, False, f"could not re-stamp the page: {type(err).__name__}: {err}"))
                    continue
                else:
                    checked.unchanged += 1
                    self._clear_stale_failure(job)
                    continue
            checked.todo.append(job)
            if not self.trusted(job):
                self._remove_untrusted(job)
        return checked

    def _remove_untrusted(self, job: Job) -> None:
        """Remove a page the cache did not write (a folder there is left: writing the page then fails that report)."""
        path = self.out / job.html
        try:
            if os.path.lexists(path) and not path.is_dir():
                path.unlink()
        except OSError as err:
            raise OutputError(self._cannot_write(err)) from None

    def _restamp(self, job: Job, stamp: dict) -> int:
        """A kept page that names another release: stamp it with this one (no run), recording its new sha256."""
        entry = self.read(job)
        good = entry.get("good") or {}
        if {k: good.get(k) for k in STAMP_FIELDS} == {k: stamp[k] for k in STAMP_FIELDS}:
            return 0
        page = read_regular(self.out / job.html).decode("utf-8")  # trusted: the UTF-8 the cache wrote
        fresh = restamp(page, dict(stamp, made=good.get("made", stamp["made"]), commit=good.get("commit", stamp["commit"])))
        changed = page_stamp(fresh) != page_stamp(page)
        if changed:
            self._write_page(job, fresh)
        good.update({k: stamp[k] for k in STAMP_FIELDS}, page_sha=page_sha(fresh.encode("utf-8")))
        entry["good"] = good
        self.write(job, entry)
        return int(changed)

    def _clear_stale_failure(self, job: Job) -> None:
        """A report whose good page matches its current inputs is not failed, whatever an earlier attempt did."""
        entry = self.read(job)
        if (entry.get("last") or {}).get("status") == "failed":
            entry["last"] = {"status": "ok", "made": (entry.get("good") or {}).get("made", "")}
            try:
                self.write(job, entry)
                (self.out / "failed" / job.html).unlink(missing_ok=True)
            except OSError:
                pass  # tidying only: the index would still call it failed, which the next render corrects

    def _write_page(self, job: Job, page: str) -> None:
        write_atomic(self.out / job.html, page)
        self._trusted.pop(job.key, None)

    # --- what a run made ------------------------------------------------------------------------------------
    def store(self, result: Result, key: str, shas: dict[str, str], stamp: dict) -> Outcome:
        """Write what a report's run produced: on success its executed notebook, its page and a record of both (the
        page's sha256 among them); on failure its failure page, keeping the last good page when it is trusted.
        Never raises for a disk that refuses a write: that report fails, the old page untouched."""
        if result.page is not None:
            try:
                self._store_page(result, result.page, key, shas, stamp)
                return Outcome(result.job, True, warnings=list(result.warnings))
            except OSError as err:  # disk full, permissions: the old page is untouched (atomic writes)
                result.page, result.summary = None, f"could not write the report: {type(err).__name__}: {err}"
                result.error = result.summary
        return self._store_failure(result, stamp)

    def _store_page(self, result: Result, page: str, key: str, shas: dict[str, str], stamp: dict) -> None:
        import nbformat  # only when a report ran: a render with nothing to do does not import it

        job = result.job
        write_atomic(self.out / "notebooks" / (job.key + ".ipynb"), nbformat.writes(result.notebook))
        self._write_page(job, page)
        (self.out / "failed" / job.html).unlink(missing_ok=True)
        tables = {name: shas[name] for name in result.tables if name in shas} or dict(shas)
        good = {"key": key, "tables": tables, "made": stamp["made"], "commit": stamp["commit"],
                "page_sha": page_sha(page.encode("utf-8")), **{k: stamp[k] for k in STAMP_FIELDS}}
        self.write(job, {"good": good, "last": {"status": "ok", "made": stamp["made"], "seconds": round(result.seconds, 2),
                                                "warnings": list(result.warnings)}})
        self._trusted[job.key] = True

    def _store_failure(self, result: Result, stamp: dict) -> Outcome:
        job, details = result.job, self.out / "failed" / result.job.html
        outcome = Outcome(job, False, result.summary or _first_line(result.error), details,
                          warnings=list(result.warnings))
        try:
            write_atomic(details, failure_page(job, result.error, stamp, self.trusted(job)))
        except OSError as err:
            outcome.details = None
            outcome.message += f" (the failure page could not be written either: {type(err).__name__}: {err})"
        entry = self.read(job)
        entry["last"] = {"status": "failed", "made": stamp["made"], "error": result.error[-2000:]}
        with contextlib.suppress(OSError):  # the failure is still reported; the next render runs it again anyway
            self.write(job, entry)
        return outcome

    def status(self, job: Job) -> dict:
        """The index's row for a report: made (its trusted page linked), failed, or not made yet."""
        entry = self.read(job)
        good = entry.get("good") or {}
        has_good = self.trusted(job, entry)
        failed = (entry.get("last") or {}).get("status") == "failed"
        return {"job": job, "status": "failed" if failed else ("made" if has_good else "not made yet"),
                "has_good": has_good, "release": good.get("release", "")}


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "unknown error")
