"""One builder per table: each takes the assigned facts (and curation rows) and returns the table's rows.

Row order is part of a release (it rebuilds byte for byte), so every builder sorts by its key or keeps its
input's order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from pdukit.dataset.build.inputs import Inputs, Row
from pdukit.dataset.build.merge import Fact, Merged, as_of, ids, merge, merge_published, number, same, year
from pdukit.dataset.schema import REGIONS
from pdukit.errors import BuildError

INSPECTION_MEASURES = ("overall_rating", "previous_rating", "score", "score_max", "fieldwork", "report_published")
STANDARD_ALIASES = ("all_categories", "statutory_victim_work")  # kept as evidence only: not one standard
STAFFING_PREFIXES = ("vacancy_rate", "caseload_avg", "workload_pct")
UPW_DEFINITIONS = {
    "upw_pct_requirements_not_completed_12m": "requirements not completed 12 months after commencement",
    "upw_pct_hours_outstanding_12m": "hours outstanding beyond 12 months of order commencement",
}
UPW_PDU_DEFINITION = "requirements with hours outstanding beyond 12 months (as published in the PDU report)"


class Context:
    """What every builder shares: the facts by table, the curated measure maps, the collected disagreements."""

    def __init__(self, facts: list[Fact], inputs: Inputs):
        self.facts = facts
        self.version = inputs.version
        self.staffing_map = {r["harvested_measure"]: (r["measure"], r["grade"]) for r in inputs.curation("staffing_measures.csv")}
        self.case_counts = {r["numerator_measure"]: (r["denominator_measure"], r["topic"]) for r in inputs.curation("case_counts.csv")}
        self.disagreements: list[Row] = []
        self.by_table: dict[str, list[Fact]] = defaultdict(list)
        self.by_subject: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self.by_table[self.route(fact)].append(fact)
            self.by_subject[fact.subject].append(fact)
        self.inspection_ids: set[str] = set()

    def merge(self, facts: list[Fact], table: str, key: str, field_name: str) -> Merged:
        return merge(facts, table, key, field_name, self.disagreements, self.version)

    def _is_staffing(self, measure: str) -> bool:
        return measure.split(":")[0] in STAFFING_PREFIXES or measure in self.staffing_map

    def route(self, fact: Fact) -> str:
        """The table a fact's value goes to ('evidence' for statements kept only as evidence)."""
        m = fact.measure
        if fact.subject in REGIONS or fact.subject == "national":
            if self._is_staffing(m):
                return "staffing"
            if m.startswith("pct_cases_sufficient:"):
                return "case_quality"
            return "unpaid_work" if m.startswith("upw_pct_") else "findings"
        if m in INSPECTION_MEASURES:
            return "inspections"
        if m.startswith("rating:"):
            return "evidence" if m[7:] in STANDARD_ALIASES else "ratings"
        if self._is_staffing(m):
            return "staffing"
        if m.startswith("pct_cases_sufficient:") or m in self.case_counts:
            return "case_quality"
        if m.startswith("upw_"):
            return "unpaid_work"
        if any(m == d for d, _ in self.case_counts.values()):
            return "evidence"  # read with its numerator
        return "findings"

    def own(self, subject: str) -> str:
        """The inspection id for a PDU subject, '' for a regional or national one."""
        return subject if subject in self.inspection_ids else ""


def framework_of(rnd: str, published: str, rules: list[Row] | None) -> tuple[str, Row | None]:
    """The framework of an inspection of round `rnd` published `published`: from the curated rules
    (curation/frameworks.csv: a rule for the round and year, else for the round alone) where they are in force,
    else the rule of the releases before them (round 1: 2021; round 2: the year of publication, 2024 or 2025)."""
    when = year(published)
    if rules:
        for wanted in (str(when or ""), ""):
            rule = next((r for r in rules if r["round"] == rnd and r["published_year"] == wanted), None)
            if rule is not None:
                return rule["framework"], rule
        return "", None
    return ("2021" if rnd == "1" else (str(when) if when in (2024, 2025) else "")), None


def build_inspections(ctx: Context, undated: dict[str, tuple[int, str]], decided: dict[str, tuple[str, str]] | None = None,
                      frameworks: list[Row] | None = None) -> list[Row]:
    """Every PDU subject is an inspection, even where only its fieldwork is known."""
    rows = []
    decided = decided or {}
    for subject in sorted({f.subject for f in ctx.facts if f.pdu_id}):
        mine = [f for f in ctx.by_table["inspections"] if f.subject == subject]
        everything = ctx.by_subject[subject]
        pdu_id, rnd = subject.rsplit("-", 1)
        row: dict[str, str] = dict(inspection_id=subject, pdu_id=pdu_id, region=everything[0].region, round=rnd)
        published = merge_published(everything, subject, ctx.disagreements, ctx.version, decided.get(subject))
        row["published"], row["published_source_ids"] = published.value, ";".join(sorted(set(published.sources)))
        sources, notes = set(published.sources), []
        for field_name, measures in (("overall_rating", ("overall_rating", "previous_rating")), ("score", ("score",)),
                                     ("score_max", ("score_max",))):
            stated = [f for f in mine if f.measure in measures]
            if stated:
                merged = ctx.merge(stated, "inspections", subject, field_name)
                row[field_name] = merged.value
                sources.update(merged.sources)
                notes += merged.notes
        fieldwork = [f for f in mine if f.measure == "fieldwork"]
        own = [f for f in fieldwork if "regional window" not in f.value] or fieldwork
        if own:
            own.sort(key=lambda f: (-f.rank, not re.match(r"^\d{4}", f.value), -len(f.value)))
            row["fieldwork"] = own[0].value
            sources.add(own[0].source_id)
        row["framework"], rule = framework_of(rnd, row["published"], frameworks)
        if rule is not None and not rule["published_year"] and not year(row["published"]):
            notes.append(f"Framework from the round alone (rule_frameworks.csv): {rule['note']}")
        if pdu_id in undated and any(not f.published for f in everything) and int(rnd) == undated[pdu_id][0]:
            notes.append("Round from undated pages: " + undated[pdu_id][1])
        row["source_ids"] = ";".join(sorted(sources or {f.source_id for f in everything}))
        row["note"] = "; ".join(dict.fromkeys(n for n in notes if n and "slide date" not in n))
        rows.append(row)
    ctx.inspection_ids = {r["inspection_id"] for r in rows}
    return rows


def build_ratings(ctx: Context) -> list[Row]:
    """One rating per standard of an inspection, merged over every statement of it."""
    groups = defaultdict(list)
    for f in ctx.by_table["ratings"]:
        groups[(f.subject, f.measure[7:])].append(f)
    rows = []
    for (subject, standard), group in sorted(groups.items()):
        merged = ctx.merge(group, "ratings", f"{subject}|{standard}", "rating")
        rows.append(dict(inspection_id=subject, standard=standard, rating=merged.value, basis=merged.basis,
                         source_ids=";".join(sorted(set(merged.sources) or {f.source_id for f in group})),
                         note="; ".join(n for n in merged.notes if "slide date" not in n)))
    return rows


def build_staffing(ctx: Context) -> list[Row]:
    """Numeric staffing figures; a figure stated for one grade by one source and all staff by another is kept
    twice and listed as a disagreement."""
    groups = defaultdict(list)
    for f in ctx.by_table["staffing"]:
        measure, grade = ctx.staffing_map.get(f.measure) or f.measure.split(":")
        when = as_of(f) or ("2023" if f.measure.endswith("_2023") else "")
        groups[(f.subject, f.region, measure, grade, when)].append(f)
    rows = []
    for (subject, region, measure, grade, when), group in sorted(groups.items()):
        merged = ctx.merge(group, "staffing", f"{subject}|{measure}|{grade}|{when}", "value")
        if not number(merged.value):
            continue
        rows.append(dict(inspection_id=ctx.own(subject), region=region, measure=measure, grade=grade,
                         value=merged.value, as_of=when, source_ids=";".join(sorted(set(merged.sources))),
                         note="; ".join(merged.notes)))
    for a in rows:
        for b in rows:
            if (a["inspection_id"] and a["inspection_id"] == b["inspection_id"] and a["measure"] == b["measure"]
                    and a["grade"] == "overall" and b["grade"] != "overall" and same(a["value"], b["value"])):
                ctx.disagreements.append(dict(
                    table="staffing", key=f"{a['inspection_id']}|{a['measure']}", field="grade", value=b["grade"],
                    value_source_ids=b["source_ids"], other_value=a["grade"], other_source_ids=a["source_ids"],
                    resolution="both rows kept: the same figure is given for one grade by one source and for all staff by another"))
    return rows


def build_case_quality(ctx: Context) -> list[Row]:
    """Per cent of cases judged sufficient, or a count out of a sample; wording kept as value_text."""
    groups = defaultdict(list)
    denominators = {(f.subject, f.measure): f for f in ctx.by_table["evidence"]}
    for f in ctx.by_table["case_quality"]:
        topic = f.measure.split(":", 1)[1] if f.measure.startswith("pct_cases_sufficient:") else ctx.case_counts[f.measure][1]
        groups[(f.subject, f.region, topic)].append(f)
    rows = []
    for (subject, region, topic), group in sorted(groups.items()):
        pct = [f for f in group if f.measure.startswith("pct_cases_sufficient:")]
        counts = [f for f in group if f.measure in ctx.case_counts]
        row = dict(inspection_id=ctx.own(subject), region=region, topic=topic, pct="", numerator="", denominator="",
                   value_text="", source_ids="", note="")
        sources = set()
        if pct:
            merged = ctx.merge(pct, "case_quality", f"{subject}|{topic}", "pct")
            row["pct"] = number(merged.value)
            row["value_text"] = "" if row["pct"] else merged.value
            sources.update(merged.sources)
            row["note"] = "; ".join(merged.notes)
        for f in counts:
            denominator = denominators.get((f.subject, ctx.case_counts[f.measure][0]))
            if denominator is None:
                raise BuildError(f"{f.fact_id}: {f.measure} has no {ctx.case_counts[f.measure][0]} for {f.subject}; "
                                 "expected the sample size beside the count")
            row["numerator"], row["denominator"] = f.value, denominator.value
            sources.update({f.source_id, denominator.source_id})
        row["source_ids"] = ";".join(sorted(sources))
        rows.append(row)
    return rows


def build_unpaid_work(ctx: Context) -> list[Row]:
    """Unpaid-work backlog figures with the definition each was published under."""
    groups = defaultdict(list)
    for f in ctx.by_table["unpaid_work"]:
        groups[(f.subject, f.region, as_of(f), f.measure if f.subject in REGIONS else "")].append(f)
    rows = []
    for (subject, region, when, measure), group in sorted(groups.items()):
        values = {f.measure: f.value for f in group}
        note = "; ".join(sorted({f.note for f in group if f.note and "as_of" not in f.note}))
        if "upw_published_denominator" in values:
            note = (note + "; " if note else "") + \
                f"published figure appears to use {values['upw_published_denominator']} requirements as denominator (seed 000)"
        rows.append(dict(
            inspection_id=ctx.own(subject), region=region, requirements_total=values.get("upw_requirements_total", ""),
            requirements_beyond_12m=values.get("upw_requirements_beyond_12m", ""),
            published_pct=values.get("upw_pct_published", values.get(measure, "")),
            published_definition=UPW_DEFINITIONS.get(measure, UPW_PDU_DEFINITION), as_of=when, source_ids=ids(group),
            note=note))
    return rows


def _finding_measure(f: Fact) -> str:
    if f.subject in REGIONS and f.measure == "overall_rating":
        return "regional_overall_rating"
    if f.subject in REGIONS and f.measure.startswith("rating:"):
        return "regional_rating:" + f.measure[7:]
    if f.subject in REGIONS and f.measure == "fieldwork":
        return "fieldwork_window"
    return f.measure.replace("other:", "")


def build_findings(ctx: Context) -> list[Row]:
    """Every other figure or statement; numbers only where the source gives one."""
    groups = defaultdict(list)
    for f in ctx.by_table["findings"]:
        groups[(f.subject, f.region, _finding_measure(f), as_of(f))].append(f)
    for f in ctx.by_table["inspections"]:  # regional fieldwork windows stated on PDU rows
        if "regional window" in f.value:
            groups[(f.region, f.region, "fieldwork_window", "")].append(f)
    rows = []
    for (subject, region, measure, when), group in sorted(groups.items()):
        merged = ctx.merge(group, "findings", f"{subject}|{measure}", "value")
        rows.append(dict(
            inspection_id=ctx.own(subject), region=region, measure=measure, value=number(merged.value),
            value_text="" if number(merged.value) else merged.value, as_of=when,
            source_ids=";".join(sorted(set(merged.sources) or {f.source_id for f in group})), note="; ".join(merged.notes)))
    return rows


def build_recommendations(rows: list[Row], pdus: list[Row], source_id: Callable[[str], str]) -> list[Row]:
    """Recommendations transcribed from the seeds, attached to the inspection their date falls in."""
    by_name = {p["name"]: p for p in pdus}
    out = []
    for number_, r in enumerate(rows, start=2):
        pdu = by_name.get(r["pdu"])
        when = year(r["published"])
        if pdu is None or when is None:
            raise BuildError(f"curation/recommendations.csv:{number_}: PDU {r['pdu']!r}, published {r['published']!r}; "
                             "expected a PDU name from curation/pdus.csv and a date starting with its year")
        out.append(dict(inspection_id=f"{pdu['pdu_id']}-{1 if when <= 2023 else 2}", addressee=r["addressee"],
                        number=r["number"], text=r["text"], source_ids=source_id(r["source"])))
    return out


def build_evidence(facts: list[Fact]) -> list[Row]:
    """Every statement with its verbatim quote, in reading order."""
    return [dict(fact_id=f.fact_id, subject=f.subject, measure=f.measure, value=f.value, basis=f.basis,
                 source_ids=f.source_id, quote=f.quote, note=f.note) for f in facts]


def build_rules(rows: list[Row], source_id: Callable[[str], str]) -> dict[str, list[Row]]:
    """The four rule tables from curation/rules.csv."""
    tables: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        common = dict(verified=r["verified"], note=r["note"],
                      source_ids=";".join(sorted({source_id(s.strip()) for s in r["sources"].split(";") if s.strip()})))
        if r["table"] == "rule_points":
            tables["rule_points"].append(dict(framework=r["framework"], rating=r["key"], points=r["value"], **common))
        elif r["table"] == "rule_standards":
            tables["rule_standards"].append(dict(framework=r["framework"], standard=r["key"], domain=r["value"],
                                                 optional=r["value2"], **common))
        elif r["table"] == "rule_bands":
            out_of, rating = r["key"].split("|")
            tables["rule_bands"].append(dict(framework=r["framework"], score_max=out_of, rating=rating,
                                             min_score=r["value"], max_score=r["value2"], **common))
        else:
            tables["rule_case_thresholds"].append(dict(framework=r["framework"], rating=r["key"], min_pct=r["value"],
                                                       max_pct=r["value2"], **common))
    return tables
