"""Build a release from the repository alone: raw files in data/raw, decisions in data/curation.

    tables, inputs = build_tables("2026-11-22b")      # rows of every table, and the inputs read
    write_release(tables, inputs, target)              # validated in a staging folder, then moved into place

Every release is its curation replayed: the builders below, then curated corrections, then the hand edits
recorded when an edited draft was published. So `pdukit release rebuild VERSION` reproduces a release byte
for byte, and a draft and the curation files cannot drift apart.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

from pdukit.dataset.build.corrections import apply_corrections, apply_edits
from pdukit.dataset.build.facts import Subjects, apply_value_corrections, load_facts
from pdukit.dataset.build.inputs import Inputs, Row
from pdukit.dataset.build.merge import Fact, ids
from pdukit.dataset.build.official import (
    build_official_staffing,
    build_public_protection,
    framework_rules,
    publication_statements,
)
from pdukit.dataset.build.register import build_pdus, curated_pdus, register_refs
from pdukit.dataset.build.sources import SourceBook
from pdukit.dataset.build.tables import (
    Context,
    build_case_quality,
    build_evidence,
    build_findings,
    build_inspections,
    build_ratings,
    build_recommendations,
    build_rules,
    build_staffing,
    build_unpaid_work,
)
from pdukit.dataset.manifest import write_manifest
from pdukit.dataset.schema import FIRST_RELEASE, columns_for, tables_for
from pdukit.errors import BuildError
from pdukit.paths import project_root

__all__ = ["build_tables", "write_release", "release_metadata", "Inputs"]


def build_tables(version: str, root: Path | None = None) -> tuple[dict[str, list[Row]], Inputs]:
    """Return every table's rows for `version`, and the inputs read (for their checksums)."""
    inputs = Inputs(version, Path(root or project_root()))
    book = SourceBook(inputs)
    pdus = curated_pdus(inputs)
    facts = load_facts(inputs)
    dated, decided = publication_statements(inputs)  # from 2026-12-01: publication days, and decisions between them
    facts += dated
    apply_value_corrections(facts, inputs)
    Subjects(inputs, pdus, book).assign(facts)
    ctx = Context(facts, inputs)
    undated = {r["pdu_id"]: (int(r["round"]), r["evidence"]) for r in inputs.curation("undated_rounds.csv")}
    rules, rule_rows, rule_evidence, rule_refs = framework_rules(inputs, book.id)
    tables: dict[str, list[Row]] = {"inspections": build_inspections(ctx, undated, decided, rules)}
    tables["ratings"] = build_ratings(ctx)
    tables["staffing"] = build_staffing(ctx)
    tables["case_quality"] = build_case_quality(ctx)
    tables["unpaid_work"] = build_unpaid_work(ctx)
    tables["findings"] = build_findings(ctx)
    recommendations = inputs.curation("recommendations.csv")
    tables["recommendations"] = build_recommendations(recommendations, pdus, book.id)
    official, official_evidence, official_refs = build_official_staffing(inputs, book.id)
    regional, protection, protection_evidence, protection_refs = build_public_protection(inputs, book.id)
    tables["official_staffing"], tables["regional_inspections"], tables["public_protection"] = official, regional, protection
    tables["evidence"] = build_evidence(facts) + official_evidence + protection_evidence + rule_evidence
    rules = inputs.curation("rules.csv")
    tables.update(build_rules(rules, book.id))
    tables["rule_frameworks"] = rule_rows
    by_pdu = defaultdict(list)
    for fact in facts:
        by_pdu[fact.pdu_id].append(fact)
    tables["pdus"] = build_pdus(inputs, {p: ids(f) for p, f in by_pdu.items()}, book.id, ctx.disagreements)
    tables["disagreements"] = ctx.disagreements
    tables["sources"] = _sources(book, facts, recommendations, rules,
                                 register_refs(inputs) + official_refs + protection_refs + rule_refs)
    apply_corrections(tables, inputs)
    apply_edits(tables, inputs)
    return tables, inputs


def _sources(book: SourceBook, facts: list[Fact], recommendations: list[Row], rules: list[Row],
             extra: list[str]) -> list[Row]:
    refs = [f.source for f in facts] + [r["source"] for r in recommendations] + \
        [s.strip() for r in rules for s in r["sources"].split(";") if s.strip()] + extra
    dates = defaultdict(set)
    for f in facts:
        if f.published and not f.ignore_published and not f.source.startswith("seed:"):
            dates[f.source].add(f.published)
    rows: dict[str, Row] = {}
    for ref in refs:
        rows.setdefault(book.id(ref), book.row(ref, dates[ref]))
    return sorted(rows.values(), key=lambda r: r["source_id"])


def write_tables(tables: dict[str, list[Row]], folder: Path, version: str) -> None:
    """Write each table as CSV in the one canonical form (header, '\\n' line ends, minimal quoting)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in tables_for(version):
        name, columns = table.name, columns_for(table, version)
        with open(folder / table.filename, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            for row in tables.get(name, []):
                writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})


def release_metadata(version: str, root: Path | None = None) -> Row:
    """The created time and note of a release, as recorded in curation/releases.csv."""
    path = Path(root or project_root()) / "data" / "curation" / "releases.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["version"] == version:
                return row
    raise BuildError(f"curation/releases.csv: no row for release {version!r}; expected one per published release")


def write_release(tables: dict[str, list[Row]], inputs: Inputs, target: Path, created: str, note: str,
                  manifest: bool = True) -> Path:
    """Write a release (or a draft, without manifest) into `target`: built in a staging folder beside it and
    validated there, so nothing reaches `target` unless every table is valid. Raises BuildError listing problems."""
    from pdukit.dataset.validate import validate_release

    if target.exists():
        raise BuildError(f"{target} exists already; expected a new folder (releases are immutable)")
    staging = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        write_tables(tables, staging, inputs.version)
        problems = validate_release(staging, check_checksums=False, version=inputs.version)
        if problems:
            raise BuildError(f"the build of {inputs.version} is not valid:\n" + "\n".join(str(p) for p in problems[:30]))
        if manifest:  # the first release's manifest predates the record of build inputs
            write_manifest(staging, inputs.version, created, note,
                           inputs.hashes() if inputs.version > FIRST_RELEASE else None)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
