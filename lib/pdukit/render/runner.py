"""`pdukit render`, in the order it runs:

1. validate the release (every render; remembered for its exact bytes): an invalid release writes nothing;
2. plan, once: every report of the release (what the index lists) and the ones asked for (unknown names refused);
3. lock the output folder (one render at a time), and ask the cache which pages it can keep (re-stamped for a new
   release when needed) and which reports must run;
4. execute those in parallel warm kernels (pdukit.render.worker);
5. store each result through the cache (page, executed notebook and record, atomically; a failure page on failure);
6. write the index and the glossary.

The cache (pdukit.render.cache) owns every record, page hash and page write; this module orchestrates and says
what happened: one line per failed report or warning, one summary line, and the exit code (0 all made; 1 a report
failed, the release is invalid or the output folder cannot be written; 2 refused before anything is written;
130 interrupted). A failed report's last good page stays, and the others are still made.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pdukit.errors import OutputBusy, OutputError, UnknownName, UnreadableFile
from pdukit.exitcodes import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pdukit.files import read_text, write_atomic
from pdukit.paths import MANIFEST, is_draft, project_root
from pdukit.render.cache import (
    Cache,
    Outcome,
    file_sha,
    library_sha,
    package_versions,
    release_fingerprint,
    static_key,
    table_shas,
)
from pdukit.render.jobs import Job, notebooks_dir, pdu_facts, plan
from pdukit.render.pages import glossary_page, index_page

if TYPE_CHECKING:  # the worker imports nbformat: a render with nothing to do never imports it
    from pdukit.render.worker import Result


class InvalidRelease(Exception):
    """The release did not validate: nothing was rendered or written."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@dataclass
class Summary:
    """What one render did: reports counted apart from the index (which is not a report)."""

    planned: int = 0
    rendered: int = 0
    unchanged: int = 0
    restamped: int = 0
    failed: list[Outcome] = field(default_factory=list)
    warned: list[Outcome] = field(default_factory=list)
    index_error: str = ""
    interrupted: bool = False


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
    """What every page says about where it came from: the release (or draft) the kernels read, its checksum, the
    code, the time."""
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
            self.local.worker = Worker(stopping=self.stopping)
            with self.lock:
                self.workers.append(self.local.worker)
        return self.local.worker

    def run(self, job: Job, stamp: dict):
        """Run one job on this thread's worker, unless the pool is stopping; a worker whose report was running when
        the pool stopped closes itself here, on the thread that used its kernel's channels."""
        if self.stopping.is_set():
            return None
        worker = self.worker()
        try:
            return worker.run(job, stamp)
        finally:
            if self.stopping.is_set():
                worker.close()

    def interrupt(self) -> None:
        """Stop taking jobs, interrupt every running kernel and shut it down, so a running report ends at once."""
        self.stopping.set()
        for worker in list(self.workers):
            worker.interrupt()

    def stop(self) -> None:
        """Close every idle worker's kernel (after Ctrl-C a busy one closes itself when its report ends: closing
        its channels from this thread while its own thread waits on them can hang both)."""
        for worker in list(self.workers):
            if not worker.busy:
                worker.close()


def _progress(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="report", desc="rendering", file=sys.stderr)


# --- 1. validate --------------------------------------------------------------------------------------------
def check_release(*, release_dir: Path, cache: Cache, library: str) -> str:
    """Validate the release, every render, and return its fingerprint (remembered once the render holds the lock).
    Byte-identical data checked by the same library before is not read again, so a render with nothing to do
    stays under a second and never imports pandas. InvalidRelease lists the problems; nothing is written."""
    fingerprint = release_fingerprint(release_dir, library)
    if cache.validated(fingerprint):
        return fingerprint
    from pdukit.dataset.validate import validate_release

    problems = validate_release(release_dir, check_checksums=not is_draft(release_dir))
    if problems:
        raise InvalidRelease(problems)
    return fingerprint


# --- 4. execute ---------------------------------------------------------------------------------------------
def execute(*, todo: list[Job], stamp: dict, store: Callable[[Result], None], jobs: int | None, progress: bool) -> bool:
    """Run the reports in parallel warm kernels, handing each result to `store` as it finishes; return True when
    interrupted (Ctrl-C: queued reports cancelled, running kernels stopped, what finished kept)."""
    if not todo:
        return False
    bar = _progress(len(todo), progress)
    pool = Pool(max(1, min(jobs or os.cpu_count() or 1, len(todo))))
    executor = ThreadPoolExecutor(max_workers=pool.size, thread_name_prefix="pdukit-render")
    interrupted = False
    try:
        pending = {executor.submit(pool.run, job, stamp) for job in todo}
        while pending:
            finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                if result is None:
                    continue
                store(result)
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
    return interrupted


# --- 6. index -----------------------------------------------------------------------------------------------
def write_index(*, release_dir: Path, every: tuple[Job, ...], cache: Cache, stamp: dict) -> str:
    """Write index.html (every report of the release with its status, linking only trusted pages) and
    glossary.html; return '' or why the index could not be written."""
    rows = [cache.status(job) for job in every]
    try:
        write_atomic(cache.out / "glossary.html", glossary_page(stamp))
        write_atomic(cache.out / "index.html", index_page(rows, stamp, pdu_facts(release_dir)))
    except OSError as err:
        return f"{type(err).__name__}: {err}"
    return ""


def render(*, release_dir: Path, out: Path, only: list[str], regions: list[str], pdus: list[str],
           jobs: int | None = None, force: bool = False, progress: bool = True) -> Summary:
    """Render the planned reports of a release folder into `out`; return what was done.

    Raises InvalidRelease (nothing written) for a release with problems, UnknownName for an unknown kind, region or
    PDU, OutputBusy when another render holds `out`, and OutputError when `out` cannot be written, all before any
    report runs."""
    cache, library = Cache(out), library_sha()
    fingerprint = check_release(release_dir=release_dir, cache=cache, library=library)
    reports = plan(release_dir, only, regions, pdus)
    summary = Summary(planned=len(reports.chosen))
    with cache.lock():
        cache.remember_validated(fingerprint, release_dir)
        stamp, versions, shas = make_stamp(release_dir), package_versions(), table_shas(release_dir)
        keys = {job.key: static_key(job, notebooks_dir() / job.notebook, library, versions) for job in reports.chosen}
        checked = cache.check(list(reports.chosen), keys, shas, stamp, force=force)
        summary.unchanged, summary.restamped, summary.failed = checked.unchanged, checked.restamped, checked.failed

        def store(result: Result) -> None:
            outcome = cache.store(result, keys[result.job.key], shas, stamp)
            summary.rendered += outcome.ok
            if outcome.warnings:
                summary.warned.append(outcome)
            if not outcome.ok:
                summary.failed.append(outcome)

        summary.interrupted = execute(todo=checked.todo, stamp=stamp, store=store, jobs=jobs, progress=progress)
        summary.index_error = write_index(release_dir=release_dir, every=reports.every, cache=cache, stamp=stamp)
    return summary


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report_summary(summary: Summary, out: Path, seconds: float) -> None:
    """Print one line per failed report and per warning, then one line counting the reports (the index apart)."""
    for outcome in summary.failed:
        where = f" (details: {outcome.details})" if outcome.details else ""
        print(f"FAILED {outcome.job.html}: {outcome.message}{where}", file=sys.stderr)
    for outcome in summary.warned:
        for warning in outcome.warnings:
            print(f"WARNING {outcome.job.html}: {warning}", file=sys.stderr)
    restamped = f", {summary.restamped} re-stamped for this release" if summary.restamped else ""
    index = f"; index.html not written: {summary.index_error}" if summary.index_error else f" -> {out / 'index.html'}"
    print(f"{_plural(summary.planned, 'report')}: {summary.rendered} rendered, {summary.unchanged} unchanged{restamped}, "
          f"{len(summary.failed)} failed in {seconds:.1f}s{index}")


def render_command(*, release_dir: Path, out: Path, only: list[str], regions: list[str], pdus: list[str],
                   jobs: int | None, force: bool, progress: bool) -> int:
    """Run `pdukit render` for a release folder the command line resolved (absolute); return the exit code."""
    started = time.perf_counter()
    try:
        summary = render(release_dir=release_dir, out=out, only=only, regions=regions, pdus=pdus, jobs=jobs,
                         force=force, progress=progress)
    except (UnknownName, OutputBusy) as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (OutputError, UnreadableFile) as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    except InvalidRelease as err:
        for problem in err.problems[:50]:
            print(problem, file=sys.stderr)
        print(f"pdukit: release {release_dir.name} did not validate ({len(err.problems)} problem(s)): nothing was "
              "rendered; the published reports are unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    report_summary(summary, out, time.perf_counter() - started)
    if summary.interrupted:
        print("pdukit: interrupted: the reports finished before Ctrl-C are kept and listed in the index", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_PROBLEMS if summary.failed or summary.index_error else EXIT_OK
