"""Render benchmark: the naive way (papermill CLI, then jupyter nbconvert CLI, one report after another) against
`pdukit render`, on the same notebooks and data, in paired rounds.

    .venv/bin/python bench/render_bench.py [--rounds 3] [--all-rounds 1] [--jobs N]

Per round: (a) naive, (b) `pdukit render --force`, (c) `pdukit render` again with nothing changed; first for the
national and 12 regional reports, then (with --all-rounds > 0) for every report including the PDU pages.
Whole-process wall times; medians over rounds; the peak memory of (b)'s whole process tree. Results are printed
and written to bench/results/<date>.json. Nothing here is a test: it measures, it does not assert.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REGIONS = ("North East", "North West", "Greater Manchester", "Yorkshire and the Humber", "West Midlands",
           "East Midlands", "East of England", "Wales", "London", "Kent, Surrey and Sussex", "South West", "South Central")


def reports(include_pdus: bool) -> list[tuple[str, dict]]:
    jobs = [("national", {})] + [("region", {"region": r}) for r in REGIONS]
    if include_pdus:
        release = sorted((ROOT / "data" / "releases").iterdir())[-1]
        with open(release / "pdus.csv", newline="", encoding="utf-8") as handle:
            jobs += [("pdu", {"pdu": row["name"]}) for row in csv.DictReader(handle)
                     if (row.get("inspected") or "true") == "true"]  # a page per inspected PDU, as pdukit renders
        jobs.append(("audit", {}))
    return jobs


def timed(command: list[str], env=None) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak MB of its whole process tree sampled every 50 ms)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, parent = 0.0, psutil.Process(process.pid)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = process.communicate()
    done.set()
    thread.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err.decode()[-2000:]}")
    return time.perf_counter() - started, peak


def naive(jobs, work: Path) -> float:
    """Papermill CLI then nbconvert CLI for each report, one after another; return the total wall time."""
    started = time.perf_counter()
    for i, (notebook, params) in enumerate(jobs):
        executed = work / f"{i}.ipynb"
        command = [str(BIN / "papermill"), "--log-level", "ERROR", "--no-progress-bar",
                   str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(executed), "--cwd", str(ROOT / "notebooks")]
        for name, value in params.items():
            command += ["-p", name, value]
        timed(command)
        timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", "--log-level", "ERROR", str(executed)])
    return time.perf_counter() - started


def pdukit(only: str, out: Path, force: bool, jobs: int | None) -> tuple[float, float]:
    command = [str(BIN / "pdukit"), "render", "--only", only, "--out", str(out), "--no-progress"]
    command += ["--force"] if force else []
    command += ["--jobs", str(jobs)] if jobs else []
    return timed(command)


def run(label: str, only: str, include_pdus: bool, rounds: int, jobs: int | None) -> dict:
    rows = {"a": [], "b": [], "c": [], "peak_mb": []}
    for round_no in range(1, rounds + 1):
        with tempfile.TemporaryDirectory(prefix="pdukit-bench-") as tmp:
            work, out = Path(tmp) / "naive", Path(tmp) / "reports"
            work.mkdir()
            a = naive(reports(include_pdus), work)
            b, peak = pdukit(only, out, force=True, jobs=jobs)
            c, _ = pdukit(only, out, force=False, jobs=jobs)
        rows["a"].append(a), rows["b"].append(b), rows["c"].append(c), rows["peak_mb"].append(peak)
        print(f"  {label} round {round_no}: (a) naive {a:.1f}s  (b) pdukit {b:.1f}s  (c) unchanged {c:.2f}s  "
              f"peak {peak:.0f} MB", flush=True)
    result = {k: statistics.median(v) for k, v in rows.items()}
    result.update(rounds=rounds, reports=len(reports(include_pdus)), raw=rows, ratio=result["a"] / result["b"])
    print(f"{label}: {result['reports']} reports, medians over {rounds} round(s): (a) {result['a']:.1f}s, "
          f"(b) {result['b']:.1f}s, ratio (a)/(b) {result['ratio']:.1f}x, (c) {result['c']:.2f}s, "
          f"peak memory of (b) {result['peak_mb']:.0f} MB", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds for the national + 12 regions comparison")
    parser.add_argument("--all-rounds", type=int, default=1, help="rounds for every report (0 to skip)")
    parser.add_argument("--jobs", type=int, default=None, help="pdukit render --jobs (default: its own default)")
    args = parser.parse_args()
    machine = {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
               "python": platform.python_version(), "platform": platform.platform()}
    print(f"machine: {machine}")
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine,
               "national_and_regions": run("national + 12 regions", "national,regions", False, args.rounds, args.jobs)}
    if args.all_rounds:
        results["all_reports"] = run("all reports", "national,regions,pdus,audit", True, args.all_rounds, args.jobs)
    target = ROOT / "bench" / "results" / f"{datetime.now(UTC):%Y-%m-%dT%H%M%S}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2))
    print(f"written {target.relative_to(ROOT)}")
    shutil.rmtree(ROOT / "notebooks" / ".ipynb_checkpoints", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
