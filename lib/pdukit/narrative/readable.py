"""Tables as a reader reads them: every subject named (never an id), codes turned into words from the vocabulary,
and text that mentions an inspection or a source by id rewritten with its name and title."""

from __future__ import annotations

import re

import pandas as pd

from pdukit.dataset import vocabulary as v
from pdukit.dataset.release import Release
from pdukit.narrative.words import month_year, number

SOURCE_ID = re.compile(r"\b(?:seed|hmip|bbc|web|blog|council|napo|moj)-[0-9a-f]{3,6}\b")
INSPECTION_ID = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)*-[12])\b")


def humanise(text: str, release: Release) -> str:
    """Text with inspection ids replaced by 'PDU (year)' and source ids by their publisher and title."""
    labels = release.inspection_labels
    sources = release.sources.set_index("source_id")
    text = SOURCE_ID.sub(lambda m: f"{sources.at[m.group(0), 'publisher']}, {sources.at[m.group(0), 'title']}"
                         if m.group(0) in sources.index else m.group(0), str(text))
    return INSPECTION_ID.sub(lambda m: labels.get(m.group(1), m.group(1)), text)


def subject_of(release: Release, inspection_id, region=None) -> str:
    """'Gwent (2022)' for an inspection, 'Wales (region-wide)' for a figure about a whole region."""
    if pd.isna(inspection_id):
        return f"{region} (region-wide)" if region is not None and not pd.isna(region) else "England and Wales"
    return release.inspection_labels.get(str(inspection_id), str(inspection_id))


def readable_disagreements(release: Release) -> pd.DataFrame:
    """Disagreements between sources with the subject named ('Gwent (2022), court work'), not keyed by ids."""
    d = release.disagreements
    labels, names = release.inspection_labels, release.pdu_names

    def subject(key: str) -> str:
        head, _, rest = str(key).partition("|")
        what = labels.get(head) or names.get(head) or head
        detail = [v.STANDARDS[p].label if p in v.STANDARDS else v.GRADES[p].label if p in v.GRADES
                  else v.STAFFING_MEASURES[p].label if p in v.STAFFING_MEASURES else p.replace("_", " ")
                  for p in rest.split("|") if p]
        return what + (", " + ", ".join(detail) if detail else "")

    def field(name: str) -> str:
        return v.COLUMNS[name].label if name in v.COLUMNS else name.replace("_", " ")

    return pd.DataFrame({"About": d.key.map(subject), "Field": d.field.astype(str).map(field),
                         "Kept": d.value, "Other value": d.other_value, "Why": d.resolution,
                         "source_ids": (d.value_source_ids.fillna("") + ";" + d.other_source_ids.fillna("")).str.strip(";")})


def readable_inspections(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """Inspections as a reader reads them: PDU name, round, month and year, rating, 'score of maximum', note."""
    return pd.DataFrame({
        "PDU": frame.pdu_id.map(release.pdu_names), "Round": frame["round"],
        "Published": frame.published.map(month_year),
        "Overall rating": frame.overall_rating.astype(object),
        "Score": [f"{s} of {m}" if pd.notna(s) else None for s, m in zip(frame.score, frame.score_max, strict=True)],
        "Framework": frame.framework, "Note": frame.note, "source_ids": frame.source_ids})


def audit_for_readers(table: pd.DataFrame, release: Release) -> tuple[pd.DataFrame, dict[str, str]]:
    """Audit rows as a reader reads them, and the PDU each row's subject is about (for links): each subject named
    ('Gwent (2022)'), ids in the detail replaced by names and titles, the result in words."""
    labels = release.inspection_labels
    out = table.assign(subject=table.subject.map(lambda s: labels.get(s) or humanise(s, release)),
                       detail=table.detail.map(lambda d: humanise(d, release)),
                       check=table.check.map(lambda c: v.label(v.AUDIT_CHECKS, c, "audit check")),
                       status=table.status.map(lambda s: v.label(v.AUDIT_STATUSES, s, "audit status")))
    pdus = {labels[s]: release.pdu_name(release.pdu_of(s)) for s in table.subject if s in labels}
    out = out.rename(columns={"check": "Check", "subject": "Subject", "published": "Published",
                              "recomputed": "Recomputed", "status": "Result", "detail": "Detail"})
    return out, pdus


def audit_by_pdu(table: pd.DataFrame, release: Release) -> list[tuple[str, str, list[str]]]:
    """(pdu_id, PDU name, one line per audit row about one of its inspections), PDUs in name order."""
    labels = release.inspection_labels
    rows = table[table.subject.isin(labels)].assign(pdu_id=lambda f: f.subject.map(release.pdu_of))
    groups = []
    for pdu_id in sorted(set(rows.pdu_id), key=release.pdu_name):
        lines = [f"{labels[r.subject]}: {v.label(v.AUDIT_CHECKS, r.check, 'audit check')}, "
                 f"{v.label(v.AUDIT_STATUSES, r.status, 'audit status').lower()}: {humanise(r.detail, release)}"
                 for r in rows[rows.pdu_id == pdu_id].itertuples()]
        groups.append((pdu_id, release.pdu_name(pdu_id), lines))
    return groups


PRESSURE_FINDINGS = ("staff_spoken_to_reporting_unmanageable_workload_pct", "total_caseload_nov2021",
                     "people_on_probation_total", "unallocated_cases", "unallocated_mappa_cases")
PRESSURE_MEASURES = ("workload_pct", "caseload_avg", "vacancy_rate")


def staffing_pressure(release: Release, region: str | None = None) -> pd.DataFrame:
    """What inspections said about staffing pressure, kept apart by measure: region-wide vacancy rates, caseloads
    (cases held), workloads (% of Workload Measurement Tool capacity), and findings such as staff reporting
    unmanageable workloads.

    Columns: kind, place, grade, value, as_of, source_ids (value as published: a number with its unit, or words)."""
    staff = release.staffing[release.staffing.measure.isin(PRESSURE_MEASURES)]
    staff = staff[~((staff.measure == "vacancy_rate") & staff.inspection_id.notna())]  # PDU rates: their own chart
    if region:
        staff = staff[staff.region == region]
    rows = [{"kind": v.STAFFING_MEASURES[str(r.measure)].label, "place": subject_of(release, r.inspection_id, r.region),
             "grade": v.label(v.GRADES, r.grade, "grade"),
             "value": number(r.value, v.STAFFING_MEASURES[str(r.measure)].unit),
             "as_of": month_year(r.as_of, "at inspection"), "source_ids": r.source_ids}
            for r in staff.itertuples()]
    findings = release.findings[release.findings.measure.isin(PRESSURE_FINDINGS)]
    if region:
        findings = findings[findings.region == region]
    for r in findings.itertuples():
        found = v.term(v.FINDINGS, r.measure, "finding")
        value = number(r.value, found.unit) if pd.notna(r.value) else str(r.value_text)
        rows.append({"kind": "Other findings", "place": subject_of(release, r.inspection_id, r.region),
                     "grade": found.label, "value": value, "as_of": month_year(r.as_of, "at inspection"),
                     "source_ids": r.source_ids})
    return pd.DataFrame(rows, columns=["kind", "place", "grade", "value", "as_of", "source_ids"])
