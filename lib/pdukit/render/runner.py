"""`pdukit render`: plan the reports, skip the unchanged ones, run the rest in parallel warm kernels, write pages
atomically, and exit non-zero if any report failed (the others are still written, and a failed report's last good
page stays in place)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import UTC, datetime
from pathlib import Path

from ..exitcodes import EXIT_OK, EXIT_USAGE
from ..exitcodes import EXIT_PROBLEMS as EXIT_FAILED
from ..manifest import MANIFEST
from ..names import UnknownName
from ..paths import ReleaseNotFound, project_root, resolve_release
from .cache import Cache, library_sha, package_versions, static_key, table_shas
from .jobs import KINDS, Job, notebooks_dir, plan
from .pages import failure_page, index_page, write_atomic


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


def _stamp(release_dir: Path) -> dict:
    from importlib.metadata import version

    from .cache import file_sha

    manifest = json.loads((release_dir / MANIFEST).read_text(encoding="utf-8")) if (release_dir / MANIFEST).exists() else {}
    return {"release": str(manifest.get("version", release_dir.name)), "checksum": file_sha(release_dir / MANIFEST)[:12],
            "commit": git_commit(), "made": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "version": version("pdukit")}


class Pool:
    """Worker threads, each with its own warm kernel, all stopped at the end."""

    def __init__(self, size: int):
        self.size = size
        self.local = threading.local()
        self.workers: list = []
        self.lock = threading.Lock()

    def worker(self):
        """Return the calling thread's worker, starting one the first time."""
        from .worker import Worker

        if not hasattr(self.local, "worker"):
            self.local.worker = Worker()
            with self.lock:
                self.workers.append(self.local.worker)
        return self.local.worker

    def stop(self) -> None:
        """Close every worker's kernel."""
        for worker in self.workers:
            worker.close()


def _progress(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="report", desc="rendering", file=sys.stderr)


def render(release_dir: Path, data: str, out: Path, only: list[str], regions: list[str], pdus: list[str],
           jobs: int | None = None, force: bool = False, progress: bool = True) -> dict:
    """Render the planned reports into `out`; return counts {'rendered', 'unchanged', 'failed'} and the failed jobs.

    Raises UnknownName for an unknown kind, region or PDU before anything runs."""
    planned = plan(release_dir, data, only, regions, pdus)
    cache = Cache(out)
    library, versions, shas = library_sha(), package_versions(), table_shas(release_dir)
    release_name = release_dir.name
    keys = {job.key: static_key(job, notebooks_dir() / job.notebook, release_name, library, versions) for job in planned}
    todo = [job for job in planned if force or not cache.is_fresh(job, keys[job.key], shas, out)]
    unchanged = len(planned) - len(todo)
    for job in planned:
        if job not in todo:
            _clear_stale_failure(out, cache, job)
    stamp = _stamp(release_dir)
    failed: list[tuple[Job, str]] = []
    if todo:
        from ..validate import validate_release

        problems = validate_release(release_dir)
        if problems:
            error = "The data release did not validate:\n" + "\n".join(str(p) for p in problems[:50])
            for job in todo:
                failed.append((job, error))
                _record_failure(out, cache, job, error, stamp)
            todo = []
    bar = _progress(len(todo), progress)
    pool = Pool(max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1)))
    try:
        with ThreadPoolExecutor(max_workers=pool.size, thread_name_prefix="pdukit-render") as executor:
            futures = {executor.submit(lambda j: pool.worker().run(j, stamp), job): job for job in todo}
            for future in as_completed(futures):
                result = future.result()
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
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix_str(result.job.title[:30])
    finally:
        pool.stop()
        if bar is not None:
            bar.close()
    try:
        write_index(release_dir, data, out, cache, stamp)
    except OSError as err:
        failed.append((Job("index", "Index", "", "index.html"), f"could not write index.html: {err}"))
    return {"rendered": len(planned) - unchanged - len([j for j, _ in failed if j.kind != "index"]),
            "unchanged": unchanged, "failed": failed, "planned": len(planned)}


def _record_success(out: Path, cache: Cache, result, key: str, shas: dict, stamp: dict) -> None:
    import nbformat

    job = result.job
    write_atomic(out / "notebooks" / (job.key + ".ipynb"), nbformat.writes(result.notebook))
    write_atomic(out / job.html, result.page)
    (out / "failed" / job.html).unlink(missing_ok=True)
    tables = {name: shas[name] for name in result.tables if name in shas} or dict(shas)
    cache.write(job, {"good": {"key": key, "tables": tables, "made": stamp["made"]},
                      "last": {"status": "ok", "made": stamp["made"], "seconds": round(result.seconds, 2)}})


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


def write_index(release_dir: Path, data: str, out: Path, cache: Cache, stamp: dict) -> None:
    """Write index.html listing every report of the release with its last status."""
    rows = []
    for job in plan(release_dir, data, list(KINDS), [], []):
        entry = cache.read(job)
        last = entry.get("last", {})
        has_good = bool(entry.get("good")) and (out / job.html).exists()
        status = last.get("status", "not rendered yet") if (has_good or last) else "not rendered yet"
        rows.append({"job": job, "status": "made" if status == "ok" else status,
                     "made": (entry.get("good") or {}).get("made", ""), "has_good": has_good})
    write_atomic(out / "index.html", index_page(rows, stamp))


def render_command(args) -> int:
    """Run `pdukit render` from parsed arguments; return the exit code (0 ok, 1 a report failed, 2 bad usage)."""
    started = time.perf_counter()
    try:
        release_dir = resolve_release(args.data)
    except ReleaseNotFound as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out) if args.out else project_root() / "reports"
    only = [k.strip() for k in args.only.split(",") if k.strip()]
    try:
        summary = render(release_dir, str(args.data), out, only, args.region, args.pdu, args.jobs, args.force,
                         progress=not args.no_progress and sys.stderr.isatty())
    except UnknownName as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_USAGE
    for job, error in summary["failed"]:
        first = error.strip().splitlines()[0] if error.strip() else "unknown error"
        print(f"FAILED {job.html}: {first} (details: {out / 'failed' / job.html})", file=sys.stderr)
    print(f"{summary['planned']} reports: {summary['rendered']} rendered, {summary['unchanged']} unchanged, "
          f"{len(summary['failed'])} failed in {time.perf_counter() - started:.1f}s -> {out / 'index.html'}")
    return EXIT_FAILED if summary["failed"] else EXIT_OK
