"""The PDU list: every geographic PDU of the Ministry of Justice's register (current and since merged), each with
its official code and the register's region, joined to the inspectorate's spelling where it was inspected.

Before the register was adopted (releases up to 2026-11-22), the list held only the inspected PDUs with the
regions the harvest gave them.
"""

from __future__ import annotations

from collections.abc import Callable

from pdukit.dataset.build.inputs import Inputs, Row
from pdukit.dataset.names import slug
from pdukit.dataset.schema import REGIONS


def curated_pdus(inputs: Inputs) -> list[Row]:
    """The inspected PDUs (curation/pdus.csv), with the register's region once the register is in force."""
    pdus = inputs.curation("pdus.csv")
    codes = {r["pdu_id"]: r["pdu_code"] for r in inputs.curation("register_pdus.csv")}
    if not codes:
        return pdus
    register = _register(inputs)
    return [dict(p, region=register[codes[p["pdu_id"]]]["region"]) for p in pdus]


def _register(inputs: Inputs) -> dict[str, Row]:
    regions = {r["region_code"]: r["region"] for r in inputs.curation("register_regions.csv")}
    rows = {}
    for r in inputs.raw("hmpps-pdu-register.csv"):
        if r["unit_kind"] == "geographic":
            rows[r["pdu_code"]] = dict(r, region=regions[r["region_code"]])
    return rows


def build_pdus(inputs: Inputs, facts_sources: dict[str, str], source_id: Callable[[str], str],
               disagreements: list[Row]) -> list[Row]:
    """pdus.csv rows. `facts_sources` maps pdu_id to the ids of the sources that name it."""
    pdus = inputs.curation("pdus.csv")
    codes = {r["pdu_id"]: r["pdu_code"] for r in inputs.curation("register_pdus.csv")}
    if not codes:  # before the register: the inspected PDUs only
        return [dict(p, source_ids=facts_sources.get(p["pdu_id"], "")) for p in pdus]
    register = _register(inputs)
    inspected = {codes[p["pdu_id"]]: p for p in pdus}
    rows = []
    for code, unit in register.items():
        register_ids = sorted({source_id(unit["added_in"])} | ({source_id(unit["removed_in"])} if unit["removed_in"] else set()))
        pdu = inspected.get(code)
        if pdu is None:
            row = dict(pdu_id=slug(unit["pdu_name"]), name=unit["pdu_name"], aliases="", inspected="false")
        else:
            aliases = [a for a in (pdu["aliases"] or "").split(";") if a]
            if unit["pdu_name"] != pdu["name"] and unit["pdu_name"] not in aliases:
                aliases.append(unit["pdu_name"])
            row = dict(pdu_id=pdu["pdu_id"], name=pdu["name"], aliases=";".join(aliases), inspected="true")
            if pdu["region"] != unit["region"]:
                disagreements.append(dict(
                    table="pdus", key=pdu["pdu_id"], field="region", value=unit["region"],
                    value_source_ids=";".join(register_ids), other_value=pdu["region"], other_source_ids="",
                    resolution="kept the Ministry of Justice register's region: no cited page gives the other, which "
                               "came from the harvest's region column (release 2026-11-22)"))
        ids = set(register_ids) | set(filter(None, facts_sources.get(row["pdu_id"], "").split(";")))
        rows.append(dict(row, region=unit["region"], pdu_code=code,
                         status="current" if unit["status"] == "current" else "merged",
                         source_ids=";".join(sorted(ids))))
    rows.sort(key=lambda r: (REGIONS.index(r["region"]), r["name"].lower()))
    return rows


def register_refs(inputs: Inputs) -> list[str]:
    """The register files every PDU row cites (sources.csv rows), once the register is in force."""
    if not inputs.curation("register_pdus.csv"):
        return []
    refs = set()
    for unit in _register(inputs).values():
        refs.add(unit["added_in"])
        if unit["removed_in"]:
            refs.add(unit["removed_in"])
    return sorted(refs)
