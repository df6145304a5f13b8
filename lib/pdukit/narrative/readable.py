"""Tables as a reader reads them: every subject named (never an id), codes turned into words from the vocabulary,
and text that mentions an inspection or a source by id rewritten with its name and title."""

from __future__ import annotations

import re

import pandas as pd

from pdukit.dataset import vocabulary as v
from pdukit.dataset.release import Release
from pdukit.errors import UnknownName
from pdukit.narrative.words import count, half_up, listing, month_year, number, when

SOURCE_ID = re.compile(r"\b(?:seed|hmip|bbc|web|blog|council|napo|moj)-[0-9a-f]{3,6}\b")
INSPECTION_ID = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)*-[12])\b")


SEED = re.compile(r"\(?\bseed[ -](\d{3})\b\)?")
FILE_NAME = re.compile(r"\s*\((?:[a-z_]+\.csv)(?:,\s*[a-z_]+)?\)|\b[a-z_]+\.csv\b")
CODE_LIST = re.compile(r"\(([a-z_]+(?:,[a-z_]+)+)\)")
SUBJECT_PART = re.compile(r"\|([a-z_]+)")
ADDRESSEE = re.compile(r"(?<=asked of )(pdu|region|hmpps):|(?<=; )(pdu|region|hmpps):")
ISO_DATE = re.compile(r"(?<!release )\b(\d{4}-\d{2}-\d{2})\b(?![a-z])")  # a release's version is a name
CODES = {**v.TOPICS, **v.GRADES, **v.STAFFING_MEASURES, **v.STANDARDS}  # a standard's label wins


def _lower_the(label: str) -> str:
    return "the" + label[3:] if label.startswith("The ") else label


def _code(word: str) -> str:
    return CODES[word].label if word in CODES else word.replace("_", " ")


def plain(text: str) -> str:
    """Text with the data's internal names in words: file and column names left out, code lists and the parts
    of a subject ('|assessment') as labels, addressees ('hmpps:') and ISO dates ('17 February 2022') as a reader
    writes them."""
    text = FILE_NAME.sub("", str(text))
    text = CODE_LIST.sub(lambda m: "(" + ", ".join(_code(w) for w in m.group(1).split(",")) + ")", text)
    text = SUBJECT_PART.sub(lambda m: ", " + _code(m.group(1)), text)
    text = ADDRESSEE.sub(lambda m: _lower_the(v.ADDRESSEES[m.group(1) or m.group(2)].label) + ":", text)
    text = ISO_DATE.sub(lambda m: when(m.group(1)), text)
    for code, term in v.TOPICS.items():  # a topic code inside a sentence ('assessment_risk_of_harm 26% of cases')
        text = re.sub(rf"\b{code}\b", term.label, text)
    return text


def humanise(text: str, release: Release) -> str:
    """Text with inspection ids replaced by 'PDU (year)', source ids and seed documents by their publisher and
    title, and internal names in words (`plain`)."""
    labels = release.inspection_labels
    sources = release.sources.set_index("source_id")
    text = SOURCE_ID.sub(lambda m: f"{sources.at[m.group(0), 'publisher']}, {sources.at[m.group(0), 'title']}"
                         if m.group(0) in sources.index else m.group(0), str(text))
    text = SEED.sub(lambda m: (f"({sources.at[f'seed-{m.group(1)}', 'title']})" if f"seed-{m.group(1)}" in sources.index
                               else "(a seed document)"), text)
    return plain(INSPECTION_ID.sub(lambda m: labels.get(m.group(1), m.group(1)), text))


def subject_of(release: Release, inspection_id, region=None) -> str:
    """'Gwent (2022)' for an inspection, 'Wales (region-wide)' for a figure about a whole region."""
    if pd.isna(inspection_id):
        return f"{region} (region-wide)" if region is not None and not pd.isna(region) else "England and Wales"
    return release.inspection_labels.get(str(inspection_id), str(inspection_id))


def _note(note):
    return plain(note) if isinstance(note, str) else note


def readable_disagreements(release: Release, pdu_id: str | None = None) -> pd.DataFrame:
    """Disagreements between sources with the subject named ('Gwent (2022), court work'), not keyed by ids; of one
    PDU (its own rows and its inspections') with `pdu_id`."""
    d = release.disagreements
    if pdu_id is not None:
        heads = d.key.astype(str).str.split("|").str[0]
        mine = {pdu_id, *release.inspections_of(pdu_id)}
        d = d[heads.isin(mine)]
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

    def said(value, name) -> str | None:
        coded = CODED_COLUMNS.get(str(name), {})
        if pd.isna(value):
            return None
        if str(value) in coded:
            return coded[str(value)].label
        return when(value) if str(name) in ("published", "as_of") else str(value)

    rows = pd.DataFrame({"About": d.key.map(subject), "Field": d.field.astype(str).map(field),
                         "Kept": [said(x, f) for x, f in zip(d.value, d.field, strict=True)],
                         "Other value": [said(x, f) for x, f in zip(d.other_value, d.field, strict=True)],
                         "Why": d.resolution.map(plain),
                         "source_ids": (d.value_source_ids.fillna("") + ";" + d.other_source_ids.fillna("")).str.strip(";")})
    # one disagreement with two other values (Bedfordshire's planning: one sentence states both) is one row
    same = ["About", "Field", "Kept", "Why"]
    return (rows.fillna({"Kept": "\0"}).groupby(same, sort=False, dropna=False)
            .agg({"Other value": lambda x: "; ".join(dict.fromkeys(str(i) for i in x if i is not None)),
                  "source_ids": lambda x: ";".join(dict.fromkeys(i for ids in x for i in str(ids).split(";") if i))})
            .reset_index().replace({"Kept": {"\0": None}})[[*same[:3], "Other value", "Why", "source_ids"]])


def readable_inspections(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """Inspections as a reader reads them: PDU name, round, month and year, rating, 'score of maximum', note."""
    return pd.DataFrame({
        "PDU": frame.pdu_id.map(release.pdu_names), "Round": frame["round"],
        "Published": frame.published.map(month_year),
        "Overall rating": frame.overall_rating.astype(object),
        "Score": [f"{s} of {m}" if pd.notna(s) else None for s, m in zip(frame.score, frame.score_max, strict=True)],
        "framework": frame.framework, "Note": frame.note.map(lambda n: plain(n) if pd.notna(n) else n),
        "source_ids": frame.source_ids})


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

    Columns: measure, subject, grade, value, as_of, source_ids (value as published, in words with its unit)."""
    staff = release.staffing[release.staffing.measure.isin(PRESSURE_MEASURES)]
    staff = staff[~((staff.measure == "vacancy_rate") & staff.inspection_id.notna())]  # PDU rates: their own chart
    if region:
        staff = staff[staff.region == region]
    rows = [{"measure": v.STAFFING_MEASURES[str(r.measure)].label, "subject": subject_of(release, r.inspection_id, r.region),
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
        rows.append({"measure": "Other findings", "subject": subject_of(release, r.inspection_id, r.region),
                     "grade": found.label, "value": value, "as_of": month_year(r.as_of, "at inspection"),
                     "source_ids": r.source_ids})
    return pd.DataFrame(rows, columns=["measure", "subject", "grade", "value", "as_of", "source_ids"])


# --- any frame as a reader reads it: the one formatter of tables and CSV downloads -------------------------------
# Columns whose cells are codes, and the vocabulary that names them (so no code reaches a page).
CODED_COLUMNS: dict[str, dict[str, v.Term]] = {
    "grade": v.GRADES, "basis": v.BASES, "addressee": v.ADDRESSEES, "topic": v.TOPICS, "standard": v.STANDARDS,
    "change": v.CHANGES, "check": v.AUDIT_CHECKS, "status": {**v.AUDIT_STATUSES, **v.PDU_STATUSES},
    "kind": {**v.SOURCE_KINDS, **v.PP_KINDS}, "measure": {**v.STAFFING_MEASURES, **v.FINDINGS, **v.OFFICIAL_MEASURES},
    "unit": v.OFFICIAL_UNITS, "series": v.OFFICIAL_SERIES, "framework": v.FRAMEWORKS, "counted": v.PP_COUNTED,
}


def header(column: str, csv: bool = False) -> str:
    """The reader's header of a column: its vocabulary label (with '(%)' for a share in a CSV), or the caller's
    own header when it is already words. A code-like name with no label raises: it would reach a reader."""
    if column in v.COLUMNS:
        found = v.COLUMNS[column]
        text = found.label
        if csv and found.unit == v.SHARE and not text.endswith("(%)"):
            text += " (%)"
        return text
    if CODE_NAME.match(column) or column.islower() and "_" in column:
        raise UnknownName(f"column {column!r} has no reader's label; add it to pdukit.dataset.vocabulary.COLUMNS "
                            "or rename it")
    return column[:1].upper() + column[1:]


CODE_NAME = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


def _cell(value, unit: str, coded: dict[str, v.Term] | None, csv: bool):
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return "" if csv else "—"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if coded is not None and str(value) in coded:
        return coded[str(value)].label
    if unit == v.DATE:
        return str(value) if csv else when(value)
    if isinstance(value, str):
        return value
    if csv:
        if unit == v.SHARE:
            return half_up(float(value) * 100)
        if unit in (v.COUNT, v.RANK, v.POINTS) and isinstance(value, (int, float)):
            return half_up(float(value))
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    return number(value, unit)  # thousands separators, a typographic minus, per cents and shares rounded


def for_reader(frame: pd.DataFrame, csv: bool = False) -> pd.DataFrame:
    """The frame as a reader reads it, for a page (`csv=False`: text cells, '—' for unknown) or a download
    (`csv=True`: numbers stay numbers, shares become rounded per cents, unknown is empty): readable headers, codes
    in words, counts whole, shares and intervals as rounded per cents. `source_ids` is left out (the page lists
    the sources; a download gets their links from `with_links`)."""
    out = {}
    for column in frame.columns:
        if column == "source_ids":
            continue
        unit = v.COLUMNS[column].unit if column in v.COLUMNS else ""
        coded = CODED_COLUMNS.get(column)
        out[header(column, csv)] = [_cell(value, unit, coded, csv) for value in frame[column].tolist()]
    return pd.DataFrame(out, index=frame.index)


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Staffing rows with a `label` for charts: the grade's short name, and the month in words where one grade of a
    region has several figures ('PSO (December 2022)')."""
    labels = frame.grade.map(lambda g: v.GRADES[str(g)].short or v.GRADES[str(g)].label).astype(str)
    repeated = frame.duplicated(subset=["region", "grade"], keep=False)
    dated = frame.as_of.notna() & repeated
    labels = labels.where(~dated, labels + " (" + frame.as_of.map(month_year) + ")")
    out = frame.assign(label=labels)
    out.attrs = dict(frame.attrs)
    return out


# --- sources in words --------------------------------------------------------------------------------------
def _known_sources(release: Release, source_ids) -> pd.DataFrame:
    from pdukit.dataset.sources import split_ids

    ids = split_ids(source_ids)
    return release.sources[release.sources.source_id.isin(ids)]


def dated(title: str, published) -> str:
    """' (17 February 2022)' after a source's title, in words; '' when it has no date or its title already says it
    ('... answered 25 January 2024')."""
    if pd.isna(published):
        return ""
    said = when(published)
    return "" if said in str(title) else f" ({said})"


def sources_line(release: Release, source_ids) -> str:
    """'Sources: HM Inspectorate of Probation, Gwent PDU report (2022).' for up to three documents, else
    'Sources: 12 documents, HM Inspectorate of Probation 8, BBC News 3 and 1 other; each listed under Sources.'"""
    known = _known_sources(release, source_ids)
    if known.empty:
        return ""
    if len(known) <= 3:
        parts = [f"{r.publisher}, {r.title}" + dated(r.title, r.published) for r in known.itertuples()]
        return "Sources: " + "; ".join(parts) + "."
    counts = known.publisher.value_counts()
    others = int(counts.iloc[3:].sum())
    return (f"Sources: {len(known)} documents, " + ", ".join(f"{p} {n}" for p, n in counts.head(3).items())
            + (f" and {others} from {len(counts) - 3} other publisher{'s' if len(counts) > 4 else ''}" if others else "")
            + "; each listed under Sources below.")


def sources_credit(release: Release, source_ids) -> str:
    """The source line inside a downloaded chart: 'Source: HM Inspectorate of Probation and 2 other publishers
    (14 documents), compiled by pdukit.'"""
    known = _known_sources(release, source_ids)
    counts = known.publisher.value_counts()
    if counts.empty:
        who = "pdukit's data"
    else:
        who = str(counts.index[0]) + (f" and {len(counts) - 1} other publisher{'s' if len(counts) > 2 else ''}"
                                      if len(counts) > 1 else "")
    # The release is named by the page's stamp (re-stamped when a new release leaves a chart's data unchanged),
    # not here, so a chart file never names a release its page no longer reflects.
    return f"Source: {who} ({len(known)} document{'s' if len(known) != 1 else ''}), compiled by pdukit."


def every_inspection(release: Release) -> pd.DataFrame:
    """One row per inspection, every inspection once: PDU, official code, region, round, publication date,
    overall rating, score, the rating of each standard ('i' after an implied one), and the staffing figures the
    sources give for it with their dates. The table a reader downloads to work with all the inspections."""
    ins = release.inspections.sort_values(["region", "pdu_id", "round"])
    codes = release.pdus.set_index("pdu_id").pdu_code
    ratings = release.ratings.dropna(subset=["rating"])
    staff = release.staffing.dropna(subset=["inspection_id"])
    rows = []
    for r in ins.itertuples():
        row = {"pdu": release.pdu_name(r.pdu_id), "overall_rating": r.overall_rating if pd.notna(r.overall_rating) else None,
               "published": r.published, "round": r.round, "region": str(r.region),
               "pdu_code": codes.get(r.pdu_id), "score": f"{r.score} of {r.score_max}" if pd.notna(r.score) else None,
               "framework": r.framework if pd.notna(r.framework) else None}
        mine = ratings[ratings.inspection_id == r.inspection_id].set_index("standard")
        for code, term in v.STANDARDS.items():
            if code in mine.index:
                found = mine.loc[code]
                row[term.label] = str(found.rating) + (" (implied)" if found.basis == "implied" else "")
            else:
                row[term.label] = None
        figures = staff[staff.inspection_id == r.inspection_id]
        # each grade's rate, the one at inspection first, else the one the source dates: every rate the national
        # medians count is in a column of its own, so a reader can rebuild them from the download
        used, dates = [], []
        for grade in v.CORE_GRADES:
            rates = figures[(figures.measure == "vacancy_rate") & (figures.grade == grade)]
            rates = rates.assign(undated=rates.as_of.isna()).sort_values("undated", ascending=False)
            row[f"{v.GRADES[grade].short} vacancy rate (%)"] = float(rates.value.iloc[0]) if len(rates) else None
            if len(rates):
                used.append(rates.index[0])
                dates.append((v.GRADES[grade].short, month_year(rates.as_of.iloc[0], "at inspection")))
        by_date: dict[str, list[str]] = {}
        for short, date in dates:
            by_date.setdefault(date, []).append(short)
        row["Vacancy rates as of"] = (next(iter(by_date)) if len(by_date) == 1 else "; ".join(
            f"{listing(grades)} {date}" for date, grades in by_date.items())) if dates else None
        other = figures.drop(index=used)
        row["Other staffing figures"] = "; ".join(
            f"{v.STAFFING_MEASURES[str(f.measure)].label}, {v.GRADES[str(f.grade)].label.lower()}: "
            f"{number(f.value, v.STAFFING_MEASURES[str(f.measure)].unit)} ({month_year(f.as_of, 'at inspection')})"
            for f in other.itertuples()) or None
        row["source_ids"] = ";".join(x for x in [r.source_ids, *figures.source_ids, *ratings[ratings.inspection_id == r.inspection_id].source_ids] if isinstance(x, str))
        rows.append(row)
    return pd.DataFrame(rows)


# What a per cent of each staffing measure counts, said in the measure's own cell: a vacancy rate and a share of
# target staff in post are different measures (38% of posts vacant is not 50% of staff in post), so a table that
# holds both never lets one caption speak for every row.
MEASURE_READS = {"vacancy_rate": "% of target posts vacant", "pct_of_target_in_post": "% of target posts filled"}
STAFFING_CAPTION = "Staffing figures, each row's measure named in its own column (vacancy rates below zero: over target)"


def staffing_figures(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """Staffing rows as a reader reads them: the inspection (or region-wide), the measure and grade in words (a
    per cent saying what it counts: 'Vacancy rate (% of target posts vacant)', 'Staff in post against target (%
    of target posts filled)'), the value in its unit ('40%', '38 cases'), when, the note and the sources."""
    def measure(code) -> str:
        label = v.term(v.STAFFING_MEASURES, code, "staffing measure").label
        return f"{label} ({MEASURE_READS[str(code)]})" if str(code) in MEASURE_READS else label

    return pd.DataFrame({
        "inspection": [subject_of(release, i, r) for i, r in zip(frame.inspection_id, frame.region, strict=True)],
        "measure": [measure(m) for m in frame.measure],
        "grade": [v.term(v.GRADES, g, "grade").label for g in frame.grade],
        "value": [number(x, v.STAFFING_MEASURES[str(m)].unit) for x, m in zip(frame.value, frame.measure, strict=True)],
        "as_of": [month_year(a, "at inspection") for a in frame.as_of], "note": [_note(n) for n in frame.note],
        "source_ids": frame.source_ids.tolist()}, index=frame.index)


ISO_DAY = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")


def finding_figures(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """Findings as a reader reads them: the inspection (or region-wide), what was found in words, its value in its
    unit or the source's words, when, the note and the sources."""
    def value(row) -> str:
        unit = v.term(v.FINDINGS, row.measure, "finding").unit
        if pd.notna(row.value):
            return number(row.value, unit)
        if pd.isna(row.value_text):
            return "—"
        # a date the source gives (a report's publication day, a fieldwork window) is written in words
        return ISO_DAY.sub(lambda m: when(m.group()), str(row.value_text))

    return pd.DataFrame({
        "inspection": [subject_of(release, i, r) for i, r in zip(frame.inspection_id, frame.region, strict=True)],
        "measure": [v.term(v.FINDINGS, m, "finding").label for m in frame.measure],
        "value": [value(r) for r in frame.itertuples()],
        "as_of": [month_year(a, "") or None for a in frame.as_of], "note": [_note(n) for n in frame.note],
        "source_ids": frame.source_ids.tolist()}, index=frame.index)


def case_quality_figures(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """Case-quality rows as a reader reads them: the inspection (or region-wide), the topic in words, the per cent
    sufficient (or 'n of d', or the source's words), the note and the sources."""
    def value(row) -> str:
        if pd.notna(row.pct):
            return number(row.pct, v.PERCENT)
        if pd.notna(row.numerator) and pd.notna(row.denominator):
            return f"{int(row.numerator)} of {int(row.denominator)} cases"
        return str(row.value_text) if pd.notna(row.value_text) else "—"

    return pd.DataFrame({
        "inspection": [subject_of(release, i, r) for i, r in zip(frame.inspection_id, frame.region, strict=True)],
        "topic": [v.term(v.TOPICS, t, "case-quality topic").label for t in frame.topic],
        "value": [value(r) for r in frame.itertuples()], "note": [_note(n) for n in frame.note],
        "source_ids": frame.source_ids.tolist()}, index=frame.index)


def audit_pdus(table: pd.DataFrame, release: Release) -> set[str]:
    """The PDUs the audit page has a section (an anchor) for: those with a row about one of their inspections."""
    return {pdu_id for pdu_id, _, _ in audit_by_pdu(table, release)}


def no_recommendations_sentence(release: Release, findings: pd.DataFrame) -> str:
    """What the data know of an inspection's recommendations when they hold none of their wording: the count a
    source gives ('The 2022 report made 8 recommendations; the data hold none of their wording.'), or that none
    is known."""
    counted = findings[findings.measure == "recommendations"].dropna(subset=["value"])
    if counted.empty:
        return "The data hold no recommendations for this PDU: no source quotes or counts them."
    parts = [f"the {release.inspection_label(r.inspection_id).rsplit('(', 1)[1].rstrip(')')} report made "
             f"{count(r.value)} recommendation{'s' if r.value != 1 else ''}" for r in counted.itertuples()]
    return listing(parts)[:1].upper() + listing(parts)[1:] + "; the data hold none of their wording."


def comparison_table(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """`outcomes.pdu_comparison` as a reader reads it: what is compared (with its inspection's year), this PDU's
    figure, its region's median and the national median, each as a per cent with its n (a region median of one
    figure, the PDU's own, is said to be so)."""
    def year(label: str) -> str:
        return label[label.rindex("(") + 1:-1] if "(" in label else label

    return pd.DataFrame({
        "Figure": [f"{m} ({year(i)})" for m, i in zip(frame.measure, frame.inspection, strict=True)],
        "this PDU": [number(x, v.PERCENT) for x in frame["this PDU"]],
        "Region median": [f"{number(x, v.PERCENT)} (n = {count(n)})" if n > 1 else "only this PDU's figure (n = 1)"
                          for x, n in zip(frame["region median"], frame.get("region n", pd.Series(2, index=frame.index)),
                                          strict=True)],
        "National median": [f"{number(x, v.PERCENT)} (n = {count(n)})"
                            for x, n in zip(frame["national median"], frame["national n"], strict=True)],
        "source_ids": frame.get("source_ids", ""), })
