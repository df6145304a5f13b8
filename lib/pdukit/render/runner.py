"""`pdukit render`: validate the release, plan the reports, skip the unchanged ones, run the rest in parallel warm
kernels, write pages atomically, and exit non-zero if any report failed (the others are still written, and a failed
report's last good page stays in place).

A report is re-run only when something it depends on changed: its notebook, the library, its parameters, the
package versions, or the content of a data table it read. A report whose inputs are unchanged but whose release is
new (a release that changed only tables it does not read) keeps its page, re-stamped with the new release's name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import UTC, datetime
from pathlib import Path

from pdukit.errors import UnknownName
from pdukit.exitcodes import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pdukit.files import read_csv_records, read_text
from pdukit.narrative.words import month_year
from pdukit.paths import MANIFEST, is_draft, project_root
from pdukit.render.cache import Cache, file_sha, library_sha, package_versions, static_key, table_shas
from pdukit.render.jobs import Job, notebooks_dir, plan
from pdukit.render.pages import failure_page, glossary_page, index_page, page_stamp, restamp, write_atomic


class InvalidRelease(Exception):
    """The release did not validate: nothing was rendered or written."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def git_commit() -> str:
    """Return the short commit of the project checkout, marked '+dirty' with uncommitted changes ('unknown' outside git)."""
    root = str(project_root())
    try:
        commit = subprocess.run(["git", "-C", root, "rev-parse", "--short=12", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (commit + ("+dirty" if dirty else "")) if commit else "unknown"


def make_stamp(release_dir: Path) -> dict:
    """What every page says about where it came from: release (or draft), checksum, code, time."""
    from importlib.metadata import version

    draft = is_draft(release_dir)
    manifest = {} if draft else json.loads(read_text(release_dir / MANIFEST))
    return {"release": str(manifest.get("version", release_dir.name)), "draft": draft,
            "checksum": "" if draft else file_sha(release_dir / MANIFEST)[:12], "commit": git_commit(),
            "made": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "version": version("pdukit")}


class Pool:
    """Worker threads, each with its own warm kernel, all stopped at the end (or on Ctrl-C)."""

    def __init__(self, size: int):
        self.size = size
        self.local = threading.local()
        self.workers: list = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def worker(self):
        """Return the calling thread's worker, starting one the first time."""
        from pdukit.render.worker import Worker

        if not hasattr(self.local, "worker"):
            self.local.worker = Worker()
            with self.lock:
                self.workers.append(self.local.worker)
        return self.local.worker

    def run(self, job: Job, stamp: dict):
        """Run one job on this thread's worker, unless the pool is stopping."""
        if self.stopping.is_set():
            return None
        return self.worker().run(job, stamp)

    def interrupt(self) -> None:
        """Stop taking jobs, interrupt every running kernel and shut it down, so a running report ends at once."""
        self.stopping.set()
        for worker in list(self.workers):
            worker.interrupt()

    def stop(self) -> None:
        """Close every worker's kernel."""
        for worker in list(self.workers):
            worker.close()


def _progress(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="report", desc="rendering", file=sys.stderr)


def _release_fingerprint(release_dir: Path, library: str) -> str:
    """One sha256 over every file of the release (bytes) and the library that checks it."""
    import hashlib

    digest = hashlib.sha256(library.encode())
    for path in sorted(release_dir.iterdir()):  # every entry, a pipe or a link too: any change validates again
        digest.update(path.name.encode())
        digest.update(file_sha(path).encode())
    return digest.hexdigest()


def _validate(release_dir: Path, out: Path, library: str):
    """Validate the release, every render. The result is remembered for these exact bytes (every file of the
    release) and this library: a byte changed anywhere, or a new schema, validates again; an unchanged release is
    not re-read, so a render with nothing to do stays under a second."""
    fingerprint = _release_fingerprint(release_dir, library)
    record = out / ".cache" / "release.validated"

    def remember() -> None:  # called once the render has got past planning: a refused render writes nothing
        write_atomic(record, json.dumps({"fingerprint": fingerprint, "release": str(release_dir)}))

    try:
        if json.loads(record.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
            return lambda: None
    except (OSError, ValueError):
        pass
    from pdukit.dataset.validate import validate_release

    problems = validate_release(release_dir, check_checksums=not is_draft(release_dir))
    if problems:
        raise InvalidRelease(problems)
    return remember


def render(release_dir: Path, out: Path, only: list[str], regions: list[str], pdus: list[str],
           jobs: int | None = None, force: bool = False, progress: bool = True) -> dict:
    """Render the planned reports into `out`; return counts and the failed jobs.

    Raises InvalidRelease (nothing written) for a release with problems, cached or not, and UnknownName for an
    unknown kind, region or PDU, before anything runs. On Ctrl-C, queued reports are cancelled, running kernels
    interrupted, finished pages kept, the index written; the summary says `interrupted`."""
    library = library_sha()
    remember_valid = _validate(release_dir, out, library)
    reports = plan(release_dir, only, regions, pdus)
    planned = list(reports.chosen)
    remember_valid()
    cache = Cache(out)
    versions, shas = package_versions(), table_shas(release_dir)
    keys = {job.key: static_key(job, notebooks_dir() / job.notebook, library, versions) for job in planned}
    stamp = make_stamp(release_dir)
    todo, restamped = [], 0
    for job in planned:
        if force or not cache.is_fresh(job, keys[job.key], shas, out):
            todo.append(job)
            continue
        _clear_stale_failure(out, cache, job)
        restamped += _restamp_if_needed(out, cache, job, stamp)
    unchanged = len(planned) - len(todo)
    failed: list[tuple[Job, str]] = []
    bar = _progress(len(todo), progress)
    pool = Pool(max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1)))
    executor = ThreadPoolExecutor(max_workers=pool.size, thread_name_prefix="pdukit-render")
    interrupted, done = False, 0
    try:
        pending = {executor.submit(pool.run, job, stamp) for job in todo}
        while pending:
            finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                if result is None:
                    continue
                done += 1
                _record(out, cache, result, keys, shas, stamp, failed)
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix_str(result.job.title[:30])
    except KeyboardInterrupt:
        interrupted = True
        print("\npdukit: interrupted: cancelling queued reports and stopping kernels", file=sys.stderr)
        executor.shutdown(wait=False, cancel_futures=True)
        pool.interrupt()
    finally:
        executor.shutdown(wait=not interrupted, cancel_futures=True)
        pool.stop()
        if bar is not None:
            bar.close()
    try:
        write_index(release_dir, reports.every, out, cache, stamp)
    except OSError as err:
        failed.append((Job("index", "Index", "", "index.html"), f"could not write index.html: {err}"))
    return {"rendered": done - len([j for j, _ in failed if j.kind != "index"]), "unchanged": unchanged,
            "restamped": restamped, "failed": failed, "planned": len(planned), "interrupted": interrupted}


def _record(out: Path, cache: Cache, result, keys: dict, shas: dict, stamp: dict, failed: list) -> None:
    if result.page is not None:
        try:
            _record_success(out, cache, result, keys[result.job.key], shas, stamp)
        except OSError as err:  # disk full, permissions: the old page is untouched (atomic writes)
            result.page, result.error = None, f"could not write the report: {type(err).__name__}: {err}"
    if result.page is None:
        failed.append((result.job, result.error))
        try:
            _record_failure(out, cache, result.job, result.error, stamp)
        except OSError as err:
            print(f"pdukit: could not record the failure of {result.job.html}: {err}", file=sys.stderr)


def _stamp_fields(stamp: dict) -> dict:
    return {k: stamp[k] for k in ("release", "checksum", "draft")}


def _record_success(out: Path, cache: Cache, result, key: str, shas: dict, stamp: dict) -> None:
    import nbformat

    job = result.job
    write_atomic(out / "notebooks" / (job.key + ".ipynb"), nbformat.writes(result.notebook))
    write_atomic(out / job.html, result.page)
    (out / "failed" / job.html).unlink(missing_ok=True)
    tables = {name: shas[name] for name in result.tables if name in shas} or dict(shas)
    cache.write(job, {"good": {"key": key, "tables": tables, "made": stamp["made"], **_stamp_fields(stamp)},
                      "last": {"status": "ok", "made": stamp["made"], "seconds": round(result.seconds, 2)}})


def _restamp_if_needed(out: Path, cache: Cache, job: Job, stamp: dict) -> int:
    """A page whose inputs are unchanged but that names another release: stamp it with this one (no run)."""
    entry = cache.read(job)
    good = entry.get("good") or {}
    if {k: good.get(k) for k in ("release", "checksum", "draft")} == _stamp_fields(stamp):
        return 0
    page = (out / job.html).read_text(encoding="utf-8")
    fresh = restamp(page, dict(stamp, made=good.get("made", stamp["made"]), commit=good.get("commit", stamp["commit"])))
    if page_stamp(fresh) == page_stamp(page) and page_stamp(page):
        return 0
    write_atomic(out / job.html, fresh)
    good.update(_stamp_fields(stamp))
    entry["good"] = good
    cache.write(job, entry)
    return 1


def _clear_stale_failure(out: Path, cache: Cache, job: Job) -> None:
    """A report whose good page matches its current inputs is not failed, whatever an earlier attempt did."""
    entry = cache.read(job)
    if entry.get("last", {}).get("status") == "failed":
        entry["last"] = {"status": "ok", "made": entry["good"].get("made", "")}
        cache.write(job, entry)
        (out / "failed" / job.html).unlink(missing_ok=True)


def _record_failure(out: Path, cache: Cache, job: Job, error: str, stamp: dict) -> None:
    entry = cache.read(job)
    has_good = bool(entry.get("good")) and (out / job.html).exists()
    write_atomic(out / "failed" / job.html, failure_page(job, error, stamp, has_good))
    entry["last"] = {"status": "failed", "made": stamp["made"], "error": error[-2000:]}
    cache.write(job, entry)


def pdu_facts(release_dir: Path) -> dict[str, dict]:
    """Each PDU's latest overall rating and publication date, read without pandas (for the index)."""
    names = {p["pdu_id"]: p["name"] for p in read_csv_records(release_dir / "pdus.csv")}
    latest: dict[str, dict] = {}
    for row in read_csv_records(release_dir / "inspections.csv"):
        name, number = names.get(row["pdu_id"], row["pdu_id"]), _whole(row["round"])
        if name not in latest or number > latest[name]["round"]:
            latest[name] = {"round": number, "rating": row["overall_rating"],
                            "date": month_year(row["published"], f"round {number}, date not known")}
    return latest


def _whole(text: str) -> int:
    """A whole number as validation accepts it ('2', ' 2', '2.0')."""
    return int(float(text))


def write_index(release_dir: Path, every: tuple[Job, ...], out: Path, cache: Cache, stamp: dict) -> None:
    """Write index.html (every report of the release with its status and release) and glossary.html."""
    rows = []
    for job in every:
        entry = cache.read(job)
        last, good = entry.get("last", {}), entry.get("good") or {}
        has_good = bool(good) and (out / job.html).exists()
        status = "failed" if last.get("status") == "failed" else ("made" if has_good else "not made yet")
        rows.append({"job": job, "status": status, "has_good": has_good, "release": good.get("release", "")})
    write_atomic(out / "glossary.html", glossary_page(stamp))
    write_atomic(out / "index.html", index_page(rows, stamp, pdu_facts(release_dir)))


def render_command(*, release_dir: Path, out: Path, only: list[str], regions: list[str], pdus: list[str],
                   jobs: int | None, force: bool, progress: bool) -> int:
    """Run `pdukit render` for a release folder the command line resolved (absolute); return the exit code (0 ok,
    1 a report failed or the release is invalid, 2 bad usage, 130 interrupted)."""
    started = time.perf_counter()
    try:
        summary = render(release_dir, out, only, regions, pdus, jobs, force, progress=progress)
    except UnknownName as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidRelease as err:
        for problem in err.problems[:50]:
            print(problem, file=sys.stderr)
        print(f"pdukit: release {release_dir.name} did not validate ({len(err.problems)} problem(s)): nothing was "
              "rendered; the published reports are unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    for job, error in summary["failed"]:
        first = error.strip().splitlines()[0] if error.strip() else "unknown error"
        print(f"FAILED {job.html}: {first} (details: {out / 'failed' / job.html})", file=sys.stderr)
    restamped = f", {summary['restamped']} re-stamped for this release" if summary["restamped"] else ""
    print(f"{summary['planned']} reports: {summary['rendered']} rendered, {summary['unchanged']} unchanged{restamped}, "
          f"{len(summary['failed'])} failed in {time.perf_counter() - started:.1f}s -> {out / 'index.html'}")
    if summary["interrupted"]:
        print("pdukit: interrupted: the reports finished before Ctrl-C are kept and listed in the index", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_PROBLEMS if summary["failed"] else EXIT_OK
