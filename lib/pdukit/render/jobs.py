"""What to render: one job per report, planned from the release with the standard library only (fast to start)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdukit.dataset.names import UnknownName, resolve_pdu_record, resolve_region, slug
from pdukit.dataset.schema import REGIONS
from pdukit.files import read_csv_records
from pdukit.paths import project_root

KINDS = ("national", "regions", "pdus", "audit")


@dataclass(frozen=True)
class Job:
    """One report: its notebook, parameters and where its HTML goes (relative to the output folder)."""

    kind: str
    title: str
    notebook: str  # file name in notebooks/
    html: str  # e.g. 'regions/wales.html'
    parameters: dict = field(default_factory=dict)
    region: str = ""  # a PDU report's region, for its breadcrumb

    @property
    def key(self) -> str:
        """A stable name for the job's cache entry and failure page."""
        return self.html.removesuffix(".html")


def notebooks_dir() -> Path:
    """Return the folder of the report notebooks ($PDUKIT_NOTEBOOKS, else notebooks/ in the project)."""
    import os

    return Path(os.environ.get("PDUKIT_NOTEBOOKS") or project_root() / "notebooks")


def read_pdus(release_dir: Path) -> list[dict]:
    """Return the release's inspected PDUs (pdu_id, name, aliases, ...) without loading pandas: a PDU page is
    made for every PDU the release holds an inspection of (releases before the register list only those). Read as
    validation reads it (a BOM, CRLF; `TRUE` as a spreadsheet writes it)."""
    return [p for p in read_csv_records(release_dir / "pdus.csv")
            if (p.get("inspected") or "true").strip().lower() == "true"]


def plan(release_dir: Path, data: str, only: list[str], regions: list[str], pdus: list[str]) -> list[Job]:
    """Return the jobs to run. Unknown kinds, regions or PDUs raise UnknownName before anything runs."""
    for kind in only:
        if kind not in KINDS:
            raise UnknownName(f"unknown report kind {kind!r}; expected some of {', '.join(KINDS)}")
    chosen_regions = [resolve_region(r) for r in regions] if regions else list(REGIONS)
    all_pdus = read_pdus(release_dir)
    chosen_pdus = [resolve_pdu_record(p, all_pdus) for p in pdus] if pdus else all_pdus
    if regions and not pdus:  # a region filter also narrows the PDU pages to that region
        region_names = set(chosen_regions)
        chosen_pdus = [p for p in all_pdus if p["region"] in region_names]
    jobs = []
    if "national" in only:
        jobs.append(Job("national", "England and Wales", "national.ipynb", "national.html", {"data_version": data}))
    if "audit" in only:
        jobs.append(Job("audit", "Audit of published figures", "audit.ipynb", "audit.html", {"data_version": data}))
    if "regions" in only:
        jobs += [Job("regions", region, "region.ipynb", f"regions/{slug(region)}.html",
                     {"region": region, "data_version": data}) for region in chosen_regions]
    if "pdus" in only:
        jobs += [Job("pdus", p["name"], "pdu.ipynb", f"pdus/{slug(p['name'])}.html",
                     {"pdu": p["name"], "data_version": data}, region=p["region"]) for p in chosen_pdus]
    return jobs
