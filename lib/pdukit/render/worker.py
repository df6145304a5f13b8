"""A render worker: one warm Jupyter kernel that executes report notebooks one after another.

Each report is still a papermill run in all that matters to an analyst: papermill injects the parameters after
the cell tagged `parameters`, and the executed notebook is saved beside the HTML. What the worker saves is the cost
around it: the kernel starts once and imports pandas, matplotlib, seaborn and pdukit once (a report then costs
its analysis only), the HTML exporter loads its templates once, and kernels start one at a time over IPC
sockets, which avoids the TCP port race that parallel papermill runs hit.

Between reports the kernel's namespace is cleared and matplotlib's settings reset, so no report sees another's
variables; imported modules stay loaded, which is the point.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from pdukit.render.jobs import Job, notebooks_dir
from pdukit.render.kernel import MARKER
from pdukit.render.pages import ANSI, Exporter

START_LOCK = threading.Lock()  # kernels start one at a time
CELL_TIMEOUT = 600
WARM_UP = ("import matplotlib\nimport matplotlib.pyplot as plt\nimport pandas\nimport seaborn\nimport warnings\n"
           "import pdukit, pdukit.report.page, pdukit.report.charts, pdukit.analysis.stats, pdukit.analysis.outcomes, pdukit.analysis.summaries, pdukit.analysis.audit\n"
           "pdukit.report.page.KERNEL_WARNING_FILTERS[:] = warnings.filters\n")
# Between reports: a fresh namespace, matplotlib's and pandas' settings back to their defaults, warnings filters
# reset, and pdukit's per-report state cleared, so a report's output does not depend on which ran before it.
RESET = ("get_ipython().run_line_magic('reset', '-f')\nimport warnings, matplotlib, matplotlib.pyplot, pandas\n"
         "matplotlib.pyplot.close('all')\nmatplotlib.rcdefaults()\nimport pdukit.report.page\n"
         "warnings.filters[:] = pdukit.report.page.KERNEL_WARNING_FILTERS\n"
         "with warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n    pandas.reset_option('all')\n"
         "get_ipython().run_line_magic('matplotlib', 'inline')\nimport pdukit.dataset.release, pdukit.report.page\n"
         "pdukit.dataset.release.forget_reads()\npdukit.report.page.reset()\n"
         "import pdukit.render.kernel\npdukit.render.kernel.record_warnings()\n"
         "del warnings, matplotlib, pandas, pdukit")
# After the report: the tables it read and the warnings it raised, one marked line each.
REPORT_TABLES = ("import json as _j, pdukit.dataset.release as _l, pdukit.render.kernel as _k\n"
                 "print('PDUKIT-TABLES ' + _j.dumps(sorted(_l.tables_read())))\n_k.print_recorded()")
STRICT_WARNINGS = "PDUKIT_STRICT_WARNINGS"  # set to 1: a warning raised while a report runs fails that report


class KernelStopped(RuntimeError):
    """The render is stopping (Ctrl-C): the worker starts no kernel."""


@dataclass
class Result:
    """What one job produced: the page (None on failure), the executed notebook, the tables it read, or the error
    (`error` in full, for the failure page; `summary` in one line: the exception, its message and the cell)."""

    job: Job
    page: str | None = None
    notebook: object = None
    tables: list[str] = field(default_factory=list)
    error: str = ""
    summary: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def failure_summary(err: Exception, nb: Any) -> str:
    """One line saying what failed: the exception's type and message and, for a cell that raised, which cell
    (numbered from 1 as the notebook file numbers them: pdukit's hidden cells and papermill's injected one are not
    counted) and how it starts."""
    ename, evalue = getattr(err, "ename", ""), getattr(err, "evalue", "")
    if not ename:  # not a cell's error: the kernel died, a timeout, the export
        return _one_line(f"{type(err).__name__}: {err}")
    where, number = "", 0
    for cell in nb.cells if nb is not None else []:
        tags = cell.metadata.get("tags", [])
        own = "pdukit-hidden" not in tags and "injected-parameters" not in tags
        number += own
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
            where = f" (cell {number}: {first[:60]})" if own else " (in a cell pdukit or papermill added)"
            break
    return _one_line(f"{ename}: {ANSI.sub('', str(evalue))}") + where


def strict_warnings() -> bool:
    """True when a warning fails its report ($PDUKIT_STRICT_WARNINGS set to 1)."""
    return os.environ.get(STRICT_WARNINGS, "").strip().lower() in ("1", "true", "yes")


def _marked(printed: str, marker: str) -> list[str]:
    """The JSON list printed after `marker` on a line of a hidden cell's output ([] when absent)."""
    line = next((line for line in printed.splitlines() if line.startswith(marker)), "")
    return json.loads(line.removeprefix(marker)) if line else []


def without_stderr(nb: Any) -> tuple[Any, list[str]]:
    """A copy of an executed notebook without its stderr outputs (what a library printed there is not for the
    reader), and the first line of each, for the render's log."""
    page_nb, lines = copy.deepcopy(nb), []
    for cell in page_nb.cells:
        outputs = cell.get("outputs", [])
        for output in outputs:
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                first = next((line.strip() for line in ANSI.sub("", output.get("text", "")).splitlines() if line.strip()), "")
                if first:
                    lines.append(first[:200])
        if outputs:
            cell["outputs"] = [o for o in outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return page_nb, list(dict.fromkeys(lines))


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines)[:300] if lines else "unknown error"


def _hidden_cell(source: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["pdukit-hidden"]
    return cell


class Worker:
    """One kernel and one exporter, used by one thread for many jobs."""

    def __init__(self, stopping: threading.Event | None = None) -> None:
        self.km: Any = None
        self.kc: Any = None
        self.exporter = Exporter()
        self._cwd = tempfile.mkdtemp(prefix="pdukit-kernel-")
        self._stopping = stopping or threading.Event()  # set on Ctrl-C: no kernel starts or keeps starting
        self._life = threading.RLock()  # starting, stopping and closing the kernel never overlap
        self.busy = False  # running a report: only its own thread may then touch the kernel's channels

    def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        with START_LOCK, self._life:
            if self._stopping.is_set():
                raise KernelStopped("the render is stopping: no kernel was started")
            self.km = AsyncKernelManager(kernel_name="python3", transport="ipc")
            self.km.ip = str(Path(self._cwd) / "kernel")  # IPC socket files live in the worker's own folder
            run_sync(self.km.start_kernel)(cwd=str(notebooks_dir()))
            if self._stopping.is_set():  # Ctrl-C came while the kernel started: end it before its sockets go
                self.stop()
                raise KernelStopped("the render is stopping: the kernel that was starting was shut down")
            self.kc = self.km.client()
            self.kc.start_channels()
            run_sync(self.kc.wait_for_ready)(timeout=60)
            self.kc.allow_stdin = False
        self._execute(nbformat.v4.new_notebook(cells=[_hidden_cell(WARM_UP)]))

    def _execute(self, nb):
        from nbclient import NotebookClient

        client = NotebookClient(nb, km=self.km, timeout=CELL_TIMEOUT, allow_errors=False, record_timing=False,
                                resources={"metadata": {"path": str(notebooks_dir())}})
        client.kc = self.kc  # the worker's client: the kernel and its channels outlive the notebook
        client.execute()
        return nb

    def interrupt(self) -> None:
        """Interrupt the running report and end the kernel at once (Ctrl-C): signal its process directly, since
        the worker's own thread is busy waiting on it."""
        import signal

        self._stopping.set()
        pid = getattr(getattr(self.km, "provisioner", None), "pid", None) if self.km is not None else None
        if pid:
            for sig in (signal.SIGINT, signal.SIGKILL):
                with contextlib.suppress(OSError):
                    os.kill(pid, sig)

    def close(self) -> None:
        """Shut the kernel down and remove the worker's socket folder (after a kernel that is starting has either
        started or been ended: removing its socket folder under it would make it fail loudly)."""
        with self._life:
            self.stop()
            shutil.rmtree(self._cwd, ignore_errors=True)

    def stop(self) -> None:
        """Shut the kernel down (quietly if it has already died)."""
        from jupyter_core.utils import run_sync

        with self._life:
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None
            if self.km is not None:
                with contextlib.suppress(Exception):  # a dead kernel has nothing left to shut down
                    run_sync(self.km.shutdown_kernel)(now=True)
                self.km = None

    def alive(self) -> bool:
        """True while the worker's kernel process is running."""
        from jupyter_core.utils import run_sync

        return self.km is not None and run_sync(self.km.is_alive)()

    def run(self, job: Job, stamp: dict) -> Result:
        """Execute one report notebook with its parameters and export it; never raises for a failing report."""
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        started = time.perf_counter()
        result = Result(job)
        executed = None
        self.busy = True
        try:
            if not self.alive():
                self.stop()
                self._start()
            source = load_notebook_node(str(notebooks_dir() / job.notebook))  # as papermill reads it
            nb = parameterize_notebook(source, dict(job.parameters), kernel_name="python3", language="python")
            for cell in nb.cells:  # papermill gives its cell a random id: fix it, so a page depends on its inputs only
                if "injected-parameters" in cell.metadata.get("tags", []):
                    cell.id = "injected-parameters"
            nb.cells.insert(0, _hidden_cell(RESET))
            nb.cells.append(_hidden_cell(REPORT_TABLES))
            executed = nb
            self._execute(nb)
            printed = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []) if o.get("name") == "stdout")
            result.tables = _marked(printed, "PDUKIT-TABLES ")
            raised = _marked(printed, MARKER)
            nb.cells = [c for c in nb.cells if "pdukit-hidden" not in c.metadata.get("tags", [])]
            nb.metadata["pdukit"] = {"warnings": raised}
            result.notebook = nb
            page_nb, printed_to_stderr = without_stderr(nb)
            result.warnings = raised + [f"stderr: {line}" for line in printed_to_stderr]
            if raised and strict_warnings():
                result.summary = f"{raised[0]} (a warning fails the report: {STRICT_WARNINGS}=1)"
                result.error = "Warnings raised while the report ran:\n" + "\n".join(raised)
                return result
            result.page = self.exporter.export(page_nb, job, dict(stamp, parameters=json.dumps(job.own_parameters)))
        except Exception as err:  # noqa: BLE001 - any failure of one report is reported, the others go on
            result.error = f"{type(err).__name__}: {err}"
            result.summary = failure_summary(err, executed)
            if not self.alive():
                result.error += "\n(the kernel died; a new one will run the next report)"
                result.summary += " (the kernel died; a new one runs the next report)"
                self.stop()
        finally:
            result.seconds = time.perf_counter() - started
            self.busy = False
        return result
