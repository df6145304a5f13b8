"""HTML pages: a report page from an executed notebook, a failure page, and the index of every report.

Pages are self-contained: images are embedded as data URIs by the notebook outputs, the stylesheet is inline, and
no script, font or stylesheet is fetched. Every file is written atomically (a temporary file, then a rename), so a
reader or the index never sees a half-written page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..files import write_atomic  # noqa: F401 (the renderer writes every page through it)
from .jobs import Job

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
CSS = (TEMPLATES / "pdukit" / "style.css").read_text(encoding="utf-8")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def relative_home(job_html: str) -> str:
    """Return the link from a report to index.html ('index.html' or '../index.html')."""
    return "../" * job_html.count("/") + "index.html"


class Exporter:
    """An nbconvert HTML exporter set up once (templates read once) and reused for every report of a worker."""

    def __init__(self) -> None:
        from nbconvert import HTMLExporter

        self._exporter = HTMLExporter(template_name="pdukit", extra_template_basedirs=[str(TEMPLATES)],
                                      exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                      embed_images=True)

    def export(self, nb, job: Job, stamp: dict) -> str:
        """Return the report page of an executed notebook: no code, a table of contents and the footer stamp."""
        resources = {"pdukit": dict(stamp, title=job.title, css=CSS, home=relative_home(job.html))}
        body, _ = self._exporter.from_notebook_node(nb, resources=resources)
        return add_toc(body)


def add_toc(page: str) -> str:
    """Insert a table of contents built from the page's level-1 and level-2 headings."""
    entries = re.findall(r'<h2 id="([^"]+)"[^>]*>(.*?)(?:<a class="anchor-link"|</h2>)', page, re.S)
    if not entries:
        return page.replace("<!--PDUKIT-TOC-->", "")
    items = "".join(f'<li><a href="#{anchor}">{re.sub(r"<[^>]+>", "", text).strip()}</a></li>'
                    for anchor, text in entries)
    return page.replace("<!--PDUKIT-TOC-->", f'<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>{items}</ol></nav>', 1)


def _page(title: str, body: str, home: str = "index.html") -> str:
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
            f"content='width=device-width, initial-scale=1.0'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body class='pdukit'><header class='pdukit-header'>"
            f"<a class='pdukit-home' href='{home}'>All reports</a></header><main>{body}</main></body></html>\n")


def failure_page(job: Job, error: str, stamp: dict, has_last_good: bool) -> str:
    """Return a page saying which report failed, why, and whether the last good version is still published."""
    kept = ("The last good version of this report is still published and has not been replaced."
            if has_last_good else "No good version of this report exists yet.")
    body = (f"<h1>Report failed: {html.escape(job.title)}</h1><p class='status-failed'>This report could not be "
            f"made on {html.escape(stamp['made'])}.</p><p>{kept}</p><h2>What failed</h2>"
            f"<pre>{html.escape(ANSI.sub('', error))[-6000:]}</pre><h2>Inputs</h2><p>Notebook "
            f"<code>notebooks/{html.escape(job.notebook)}</code>, parameters <code>{html.escape(str(job.parameters))}"
            f"</code>, data release {html.escape(stamp['release'])}, git commit {html.escape(stamp['commit'])}.</p>")
    return _page(f"Failed: {job.title}", body, home="../" * (job.html.count("/") + 1) + "index.html")


def index_page(rows: list[dict], stamp: dict) -> str:
    """Return the index of every report with its status. Each row: job, status, made, has_good, error."""
    groups = {"national": "National", "audit": "Audit", "regions": "Regions", "pdus": "Probation Delivery Units"}
    sections = []
    for kind, heading in groups.items():
        mine = [r for r in rows if r["job"].kind == kind]
        if not mine:
            continue
        lines = []
        for r in sorted(mine, key=lambda r: r["job"].title):
            job = r["job"]
            title = html.escape(job.title)
            link = f"<a href='{html.escape(job.html)}'>{title}</a>" if r["has_good"] else title
            if r["status"] == "failed":
                failed = f"failed/{job.html}"
                status = (f"<span class='status-failed'>failed</span> (<a href='{html.escape(failed)}'>what failed</a>"
                          + ("; last good version shown" if r["has_good"] else "") + ")")
            else:
                status = f"<span class='status-ok'>{html.escape(r['status'])}</span>"
            lines.append(f"<tr><td>{link}</td><td>{status}</td><td>{html.escape(r.get('made') or '')}</td></tr>")
        sections.append(f"<h2 id='{kind}'>{heading}</h2><table class='pdukit-table'><thead><tr><th>Report</th>"
                        f"<th>Status</th><th>Made</th></tr></thead><tbody>{''.join(lines)}</tbody></table>")
    failed = sum(r["status"] == "failed" for r in rows)
    summary = (f"<p>{len(rows)} reports from data release <strong>{html.escape(stamp['release'])}</strong>; "
               + (f"<span class='status-failed'>{failed} failed</span>." if failed else "all made successfully.")
               + f" Index written {html.escape(stamp['made'])} at git commit <code>{html.escape(stamp['commit'])}</code>.</p>")
    intro = ("<h1>HM Inspectorate of Probation: PDU inspection reports</h1><p>Ratings, staffing and case quality "
             "of Probation Delivery Units in England and Wales, from public sources. Each report is one "
             "self-contained file that can be read offline.</p>")
    return _page("pdukit reports", intro + summary + "".join(sections))
