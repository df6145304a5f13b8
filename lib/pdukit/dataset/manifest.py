"""The release manifest: a Frictionless-style `datapackage.json` naming every file, its schema and its sha256."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pdukit.dataset.schema import AS_PUBLISHED, Column, Table, column_bounds, columns_for, tables_for
from pdukit.paths import MANIFEST as MANIFEST  # importable from here

LICENCE = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0",
}
_FRICTIONLESS_TYPES = {
    "string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
    "partial_date": "string", "source_ids": "string",
}


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _field(table: Table, column: Column, version: str) -> dict[str, Any]:
    """One column as a Frictionless field; a release older than a change to the column gets what its manifest
    declared (schema.AS_PUBLISHED), so it rebuilds byte for byte."""
    minimum, maximum = column_bounds(table, column)  # a range_by rule's column: the widest of its ranges
    description = column.description
    earlier = AS_PUBLISHED.get((table.name, column.name))
    if earlier and version <= earlier.until:
        minimum = earlier.minimum if earlier.minimum is not None else minimum
        maximum = earlier.maximum if earlier.maximum is not None else maximum
        description = earlier.description if earlier.description is not None else description
    field: dict[str, Any] = {"name": column.name, "type": _FRICTIONLESS_TYPES[column.kind]}
    if description:
        field["description"] = description
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    allowed = column.allowed_for(version)  # values a later release introduced are not in an earlier manifest
    if allowed:
        constraints["enum"] = list(allowed)
    if minimum is not None:
        constraints["minimum"] = minimum
    if maximum is not None:
        constraints["maximum"] = maximum
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: Table, version: str) -> dict[str, Any]:
    """Return the Frictionless table schema of one table as a release of `version` has it (fields, keys)."""
    names = columns_for(table, version)
    schema: dict[str, Any] = {"fields": [_field(table, c, version) for c in table.columns if c.name in names]}
    if table.key:
        schema["primaryKey"] = list(table.key)
    if table.references:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target.split(".")[0], "fields": target.split(".")[1]}}
            for column, target in table.references.items()
        ]
    return schema


def build_manifest(release_dir: Path, version: str, created: str, description: str = "",
                   inputs: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the manifest of a release folder: version, creation time, licence, every table's schema and sha256,
    and (for releases built from the repository) the sha256 of every build input under data/."""
    resources = []
    for table in tables_for(version):
        path = release_dir / table.filename
        if not path.exists():
            continue
        resources.append({
            "name": table.name,
            "path": table.filename,
            "format": "csv",
            "encoding": "utf-8",
            "description": table.description,
            "hash": f"sha256:{sha256(path)}",
            "schema": table_schema(table, version),
        })
    return {
        "name": "pdukit-hmi-probation-pdu-inspections",
        "title": "HM Inspectorate of Probation: inspections of Probation Delivery Units",
        "version": version,
        "created": created,
        "description": description,
        "licenses": [LICENCE],
        "resources": resources,
    } | ({"pdukit_build_inputs": inputs} if inputs else {})


def write_manifest(release_dir: Path, version: str, created: str, description: str = "",
                   inputs: dict[str, str] | None = None) -> Path:
    """Write `datapackage.json` into a release folder and return its path."""
    path = release_dir / MANIFEST
    manifest = build_manifest(release_dir, version, created, description, inputs)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_manifest(release_dir: Path) -> dict[str, Any]:
    """Return the parsed manifest of a release folder (raises OSError or ValueError when unreadable)."""
    manifest = json.loads((release_dir / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(manifest, dict):
        raise ValueError(f"{release_dir / MANIFEST} holds {type(manifest).__name__}; expected a JSON object")
    return manifest
