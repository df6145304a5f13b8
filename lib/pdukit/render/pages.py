"""HTML pages: report pages from executed notebooks, failure pages, the index and the glossary, all in one chrome.

Pages are self-contained: charts are inline SVG or data URIs, the stylesheet is inline, and no script, font or
stylesheet is fetched. Links between reports are relative, so the folder can be published anywhere. Every file is
written atomically. The release a page names sits between stamp markers, so a page whose inputs did not change
can be re-stamped for a new release without running its notebook again.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from pdukit.dataset.names import slug
from pdukit.files import write_atomic  # noqa: F401 (the renderer writes every page through it)
from pdukit.narrative.glossary import glossary_html, mark_terms
from pdukit.render.jobs import Job

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
CSS = (TEMPLATES / "pdukit" / "style.css").read_text(encoding="utf-8")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
STAMP = re.compile(r"<!--pdukit-stamp:(\w+)-->.*?<!--/pdukit-stamp:\1-->", re.S)
e = html.escape


def up(job_html: str) -> str:
    """The relative path from a page to the output folder ('' or '../')."""
    return "../" * job_html.count("/")


def relative_home(job_html: str) -> str:
    """Return the link from a report to index.html ('index.html' or '../index.html')."""
    return up(job_html) + "index.html"


def crumbs(job: Job) -> list[tuple[str, str]]:
    """The breadcrumb trail of a report: (label, relative link), the last one the page itself (no link)."""
    root = up(job.html)
    trail = [("All reports", root + "index.html")]
    if job.kind == "regions":
        trail.append((f"{job.title} region", ""))
    elif job.kind == "pdus":
        if job.region:
            trail.append((f"{job.region} region", f"{root}regions/{slug(job.region)}.html"))
        trail.append((f"{job.title} PDU", ""))
    elif job.kind == "national":
        trail.append(("England and Wales", ""))
    else:
        trail.append((job.title, ""))
    return trail


def page_title(job: Job) -> str:
    """The title a report's page and browser tab carry: the place it is about."""
    return {"regions": f"{job.title} region", "pdus": f"{job.title} PDU",
            "national": "England and Wales"}.get(job.kind, job.title) + ": probation inspections"


def _stamped(name: str, content: str) -> str:
    return f"<!--pdukit-stamp:{name}-->{content}<!--/pdukit-stamp:{name}-->"


def stamp_header(stamp: dict) -> str:
    """The release a page reflects, and a banner when it is a draft."""
    draft = stamp.get("draft")
    banner = (f'<p class="draft-banner" role="status"><strong>Draft data.</strong> Made from draft '
              f'{e(stamp["release"])}, which is not a published data release: do not quote or share it as one.</p>'
              if draft else "")
    kind = "Draft" if draft else "Data release"
    return _stamped("header", f'<span class="pdukit-release">{kind} {e(stamp["release"])}</span>{banner}')


def stamp_footer(stamp: dict) -> str:
    """The footer sentence naming the release, its checksum, the code and when the page was made."""
    kind = "draft data (not a published release)" if stamp.get("draft") else "data release"
    checksum = f" (manifest sha256 {e(stamp['checksum'])})" if stamp.get("checksum") else ""
    return _stamped("footer", (
        f"<p>Made {e(stamp['made'])} by pdukit {e(stamp['version'])} at git commit <code>{e(stamp['commit'])}</code> "
        f"from {kind} <strong>{e(stamp['release'])}</strong>{checksum}.</p>"))


def header(job: Job | None, stamp: dict, trail: list[tuple[str, str]] | None = None) -> str:
    """The top of every page: breadcrumbs, the glossary link and the release."""
    trail = trail if trail is not None else (crumbs(job) if job else [("All reports", "")])
    root = up(job.html) if job else ""
    items = "".join(f'<li><a href="{e(href)}">{e(label)}</a></li>' if href else f'<li aria-current="page">{e(label)}</li>'
                    for label, href in trail)
    return (f'<header class="pdukit-header"><nav class="crumbs" aria-label="Breadcrumb"><ol>{items}</ol></nav>'
            f'<span class="pdukit-meta"><a href="{root}glossary.html">Glossary</a><span class="sep"> · </span>{stamp_header(stamp)}</span></header>')


def footer(stamp: dict, root: str, parameters: str = "") -> str:
    """The end of every page: provenance, where the data and the other reports are, the licence."""
    params = f"<p>Parameters: <code>{e(parameters)}</code>.</p>" if parameters else ""
    return (f'<footer class="pdukit-footer">{stamp_footer(stamp)}{params}'
            "<p>Every figure comes from a public HM Inspectorate of Probation, Ministry of Justice or news source named "
            "beside it; the data are under the Open Government Licence v3.0. The whole data release (CSV files with "
            "their sources and quotes) is <code>data/releases/</code> in the pdukit repository. This page is one of "
            f'a set of reports: <a href="{root}index.html">the index of reports</a> lists them all, and '
            f'<a href="{root}glossary.html">the glossary</a> explains the terms.</p></footer>')


def restamp(page: str, stamp: dict) -> str:
    """Replace the release a page names (header and footer) with `stamp`'s, leaving the rest byte for byte."""
    fresh = {"header": stamp_header(stamp), "footer": stamp_footer(stamp)}
    return STAMP.sub(lambda m: fresh[m.group(1)], page)


def page_stamp(page: str) -> str:
    """The stamped parts of a page, to tell whether it names the current release."""
    return "".join(m.group(0) for m in STAMP.finditer(page))


class Exporter:
    """An nbconvert HTML exporter set up once (templates read once) and reused for every report of a worker."""

    def __init__(self) -> None:
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        self._exporter = HTMLExporter(template_name="pdukit", extra_template_basedirs=[str(TEMPLATES)],
                                      exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                      embed_images=True)
        # A cell tagged notebook-only speaks to someone with the notebook open; the report's reader skips it.
        self._exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"notebook-only"}), enabled=True)

    def export(self, nb, job: Job, stamp: dict) -> str:
        """Return the report page of an executed notebook: no code, breadcrumbs, contents, provenance."""
        resources = {"pdukit": {"title": page_title(job), "css": CSS, "header": header(job, stamp),
                                "footer": footer(stamp, up(job.html), stamp.get("parameters", ""))}}
        body, _ = self._exporter.from_notebook_node(nb, resources=resources)
        return add_toc(mark_terms(body))


def add_toc(page: str) -> str:
    """Insert a table of contents built from the page's level-2 headings."""
    entries = re.findall(r'<h2 id="([^"]+)"[^>]*>(.*?)(?:<a class="anchor-link"|</h2>)', page, re.S)
    if not entries:
        return page.replace("<!--PDUKIT-TOC-->", "")
    items = "".join(f'<li><a href="#{anchor}">{re.sub(r"<[^>]+>", "", text).strip()}</a></li>'
                    for anchor, text in entries if anchor != "main-points")
    toc = f'<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>{items}</ol></nav>'
    if "<!--/main-points-->" in page:  # after the main points: a reader meets the findings first
        return page.replace("<!--PDUKIT-TOC-->", "", 1).replace("<!--/main-points-->", toc, 1)
    return page.replace("<!--PDUKIT-TOC-->", toc, 1)


def _page(title: str, body: str, stamp: dict, job: Job | None = None, trail=None, root: str = "") -> str:
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
            f"content='width=device-width, initial-scale=1.0'><title>{e(title)}</title>"
            f"<style>{CSS}</style></head><body class='pdukit'>{header(job, stamp, trail)}<main>{body}</main>"
            f"{footer(stamp, root)}</body></html>\n")


def failure_page(job: Job, error: str, stamp: dict, has_last_good: bool) -> str:
    """Return a page saying which report failed, why, and whether the last good version is still published."""
    kept = ("The last good version of this report is still published and has not been replaced."
            if has_last_good else "No good version of this report exists yet.")
    body = (f"<h1>Report failed: {e(job.title)}</h1><p class='status-failed'>This report could not be "
            f"made on {e(stamp['made'])}.</p><p>{kept}</p><h2>What failed</h2>"
            f"<pre>{e(ANSI.sub('', error))[-6000:]}</pre><h2>Inputs</h2><p>Notebook "
            f"<code>notebooks/{e(job.notebook)}</code>, parameters <code>{e(str(job.own_parameters))}"
            f"</code>, data release {e(stamp['release'])}, git commit {e(stamp['commit'])}.</p>")
    root = "../" * (job.html.count("/") + 1)
    failed_job = Job(job.kind, job.title, job.notebook, "failed/" + job.html, job.parameters, job.region)
    return _page(f"Failed: {job.title}", body, stamp, failed_job, root=root)


def glossary_page(stamp: dict) -> str:
    """The glossary every report links to."""
    body = ("<h1>Glossary</h1><p>The terms the reports use, and how pdukit treats them.</p>" + glossary_html())
    return _page("Glossary: probation inspection reports", body, stamp, trail=[("All reports", "index.html"), ("Glossary", "")])


def _status(row: dict) -> str:
    job = row["job"]
    if row["status"] == "failed":
        return (f"<span class='status-failed'>failed</span> (<a href='{e('failed/' + job.html)}'>what failed</a>"
                + ("; last good version shown" if row["has_good"] else "") + ")")
    if not row["has_good"]:
        return "<span class='status-missing'>not made yet</span>"
    return ""


def _link(row: dict, label: str | None = None) -> str:
    job = row["job"]
    text = e(label or job.title)
    return f"<a href='{e(job.html)}'>{text}</a>" if row["has_good"] else text


def index_page(rows: list[dict], stamp: dict, pdu_facts: dict[str, dict]) -> str:
    """The index: national and audit reports, then the regions, each with its PDUs' latest rating and date.

    rows: one per report (job, status, has_good, release); pdu_facts: PDU name -> {'rating', 'date', 'region'}."""
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(row["job"].kind, []).append(row)
    failed = sum(r["status"] == "failed" for r in rows)
    older = sorted({r["release"] for r in rows if r["has_good"] and r.get("release") and r["release"] != stamp["release"]})
    notes = []
    if failed:
        notes.append(f"<p class='status-failed'>{failed} report(s) failed: see the marked rows.</p>")
    if older:
        count = sum(r.get("release") in older for r in rows if r["has_good"])
        notes.append(f"<p class='status-failed'>Mixed releases: {count} report(s) were last made from an older data "
                     f"release ({', '.join(map(e, older))}), not {e(stamp['release'])}; each page names its own.</p>")
    top = "".join(f"<li>{_link(r, label)} {_status(r)}</li>" for kind, label in
                  (("national", "England and Wales: the national picture"), ("audit", "Audit of published figures"))
                  for r in by_kind.get(kind, []))
    regions = []
    pdus_by_region: dict[str, list[dict]] = {}
    for row in by_kind.get("pdus", []):
        pdus_by_region.setdefault(row["job"].region, []).append(row)
    for row in by_kind.get("regions", []):
        region = row["job"].title
        items = []
        for p in sorted(pdus_by_region.get(region, []), key=lambda r: r["job"].title):
            facts = pdu_facts.get(p["job"].title, {})
            latest = (f"{e(facts['rating'])}, {e(facts['date'])}" if facts.get("rating") else
                      f"rating not known, {e(facts.get('date') or 'date not known')}")
            items.append(f"<li>{_link(p)}: {latest} {_status(p)}</li>")
        regions.append(f"<section class='index-region'><h3>{_link(row, region + ' region')} {_status(row)}</h3>"
                       f"<ul>{''.join(items)}</ul></section>")
    body = ("<h1>Probation inspections in England and Wales: reports</h1>"
            "<p>How HM Inspectorate of Probation rated each Probation Delivery Unit (PDU) it inspected since "
            "unification in 2021, with staffing and case quality, from public sources. Each report is one "
            "self-contained page that can be read offline or attached to an email.</p>"
            f"<p>Reports from data release <strong>{e(stamp['release'])}</strong>, index written {e(stamp['made'])}. "
            "After each PDU: its latest overall rating and when it was published.</p>" + "".join(notes)
            + f"<ul class='index-top'>{top}</ul><h2>Regions and their PDUs</h2>{''.join(regions)}")
    return _page("Probation inspection reports", body, stamp, trail=[("All reports", "")])
