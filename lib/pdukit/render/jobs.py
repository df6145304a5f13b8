"""What to render: one job per report, planned from the release with the standard library only (fast to start)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdukit.dataset.names import UnknownName, resolve_pdu_record, resolve_region, slug
from pdukit.dataset.schema import REGIONS
from pdukit.files import read_csv_records
from pdukit.paths import project_root

KINDS = ("national", "regions", "pdus", "audit")
DATA_PARAMETER = "data_version"  # the notebooks' parameter naming the release folder they read


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

    @property
    def own_parameters(self) -> dict:
        """What the report is about (its region or PDU), without the data folder: the stamp names the release, and
        the folder's path is neither published on a page nor part of the cache key (the tables' content is)."""
        return {k: v for k, v in self.parameters.items() if k != DATA_PARAMETER}


@dataclass(frozen=True)
class Plan:
    """Every report a release has (what the index lists) and the ones this render makes, planned once."""

    every: tuple[Job, ...]
    chosen: tuple[Job, ...]


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


def pdu_facts(release_dir: Path) -> dict[str, dict]:
    """Each PDU's latest overall rating and publication date, read without pandas (for the index)."""
    from pdukit.narrative.words import month_year

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


def every_job(release_dir: Path, pdus: list[dict]) -> list[Job]:
    """Every report of a release, in the index's order. Each reads `release_dir` itself (an absolute folder, passed
    as the notebook's data parameter), so a kernel in any working directory reads what was validated."""
    data = {DATA_PARAMETER: str(release_dir)}
    return ([Job("national", "England and Wales", "national.ipynb", "national.html", dict(data)),
             Job("audit", "Audit of published figures", "audit.ipynb", "audit.html", dict(data))]
            + [Job("regions", region, "region.ipynb", f"regions/{slug(region)}.html", {"region": region, **data})
               for region in REGIONS]
            + [Job("pdus", p["name"], "pdu.ipynb", f"pdus/{slug(p['name'])}.html", {"pdu": p["name"], **data},
                   region=p["region"]) for p in pdus])


def plan(release_dir: Path, only: list[str], regions: list[str], pdus: list[str]) -> Plan:
    """Return every report of the release and the ones asked for. Unknown kinds, regions or PDUs raise UnknownName
    before anything runs; an absent filter means every report of its kind."""
    for kind in only:
        if kind not in KINDS:
            raise UnknownName(f"unknown report kind {kind!r}; expected some of {', '.join(KINDS)}")
    all_pdus = read_pdus(release_dir)
    chosen_regions = {resolve_region(r) for r in regions} if regions else set(REGIONS)
    if pdus:
        chosen_pdus = {resolve_pdu_record(p, all_pdus)["name"] for p in pdus}
    else:  # a region filter also narrows the PDU pages to that region
        chosen_pdus = {p["name"] for p in all_pdus if not regions or p["region"] in chosen_regions}
    every = every_job(release_dir, all_pdus)
    chosen = [job for job in every if job.kind in only and (
        (job.kind == "regions" and job.title in chosen_regions) or (job.kind == "pdus" and job.title in chosen_pdus)
        or job.kind in ("national", "audit"))]
    order = {kind: i for i, kind in enumerate(("national", "audit", "regions", "pdus"))}
    return Plan(every=tuple(every), chosen=tuple(sorted(chosen, key=lambda job: order[job.kind])))
