"""Build a data release from the shared sources and this folder's curated tables.

    python data/curation/build_release.py VERSION [--shared ../shared] [--out data/releases]

Inputs (never edited by this script):
  ../shared/sources/hmip-facts.csv   facts harvested from public pages, one statement per row with its quote
  curated_facts.csv                  facts transcribed from ../shared/seeds, same shape plus basis and note
  recommendations.csv                recommendations transcribed from the seeds
  pdus.csv                           canonical PDU names, regions and aliases
  rules.csv                          scoring rules with their sources and a verified flag

Each statement becomes a row of `evidence.csv`; statements about the same thing are merged into one value with
all the sources that state it. Where sources differ, the higher-ranked source wins (inspectorate > other > news;
a stated value > an implied one), sources of equal rank that differ leave the value empty, and every such
difference is written to `disagreements.csv`. The script refuses to write into an existing release.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from pdukit.manifest import write_manifest  # noqa: E402
from pdukit.schema import REGIONS, TABLES  # noqa: E402

# --- sources -------------------------------------------------------------------------------------------------
SEEDS = {
    "000_606ca3147d77e98a.txt": ("GMB/SCOOP: response to the first six PDU inspection reports of 2022", "GMB/SCOOP", "2022", "other"),
    "001_ea4e4f16e45084c1.txt": ("Blog post quoting HMI Probation's press release on three London PDUs", "On Probation blog", "2022-10-18", "other"),
    "002_e9634e9afcece682.txt": ("Regional letter to the Probation Service - Wales region", "HM Inspectorate of Probation", "2022-02-17", "inspectorate"),
    "003_9022a76372f12a19.txt": ("Chief Inspector's slides, Westminster Legal Policy Forum conference", "HM Inspectorate of Probation", "2022-07-05", "inspectorate"),
    "004_7967672e6804636a.txt": ("Regional review letter to the Greater Manchester Regional Probation Director", "HM Inspectorate of Probation", "2023-05-25", "inspectorate"),
}
ASSUMPTION_SOURCE = ("pdukit-working-assumption", "docs/rules.md",
                     "pdukit working assumption, not confirmed from a primary source", "pdukit", "", "other")
PUBLISHERS = [  # (domain suffix, publisher, kind, id prefix)
    ("justiceinspectorates.gov.uk", "HM Inspectorate of Probation", "inspectorate", "hmip"),
    ("bbc.co.uk", "BBC News", "news", "bbc"),
    ("bbci.co.uk", "BBC News", "news", "bbc"),
    ("napo.org.uk", "Napo (probation union)", "other", "napo"),
    ("russellwebster.com", "Russell Webster (blog)", "other", "blog"),
    ("probationmatters.blogspot.com", "On Probation (blog)", "other", "blog"),
    ("gov.uk", "Local authority committee papers", "other", "council"),
]
KIND_RANK = {"inspectorate": 3, "other": 2, "news": 1}


def _norm_url(url: str) -> str:
    url = url.strip()
    if not re.match(r"^[a-z]+:", url):
        url = "https://" + url
    return url


def source_id(ref: str) -> str:
    """Stable id of a source: 'seed-000' for seeds, '<publisher>-<6 hex of the address>' for web pages."""
    if ref.startswith("seed:"):
        return "seed-" + ref[5:8]
    if ref == ASSUMPTION_SOURCE[0]:
        return ref
    url = _norm_url(ref)
    host = urlparse(url).netloc.removeprefix("www.")
    prefix = next((p for dom, _, _, p in PUBLISHERS if host.endswith(dom)), "web")
    key = host + urlparse(url).path.rstrip("/") + ("?" + urlparse(url).query if urlparse(url).query else "")
    return f"{prefix}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def source_row(ref: str, dates: set[str]) -> dict:
    if ref.startswith("seed:"):
        title, publisher, published, kind = SEEDS[ref[5:]]
        return dict(source_id=source_id(ref), url=ref, title=title, publisher=publisher, published=published, kind=kind)
    if ref == ASSUMPTION_SOURCE[0]:
        return dict(zip(("source_id", "url", "title", "publisher", "published", "kind"), ASSUMPTION_SOURCE))
    url = _norm_url(ref)
    host = urlparse(url).netloc.removeprefix("www.")
    publisher, kind = next(((pub, k) for dom, pub, k, _ in PUBLISHERS if host.endswith(dom)), (host, "news"))
    slug = [p for p in urlparse(url).path.split("/") if p]
    title = (slug[-1] if slug else host).replace("-", " ").replace("_", " ")
    if urlparse(url).query:
        title = f"{publisher} page ?{urlparse(url).query}"
    # A page's date is kept only where every statement from it agrees.
    published = next(iter(dates)) if len(dates) == 1 else ""
    return dict(source_id=source_id(ref), url=url, title=title.strip()[:1].upper() + title.strip()[1:],
                publisher=publisher, published=published, kind=kind)


# --- subjects and rounds -------------------------------------------------------------------------------------
REGIONAL_SUBJECTS = {
    "east midlands region (regional inspection)": "East Midlands",
    "east of england region (regional inspection)": "East of England",
    "kent, surrey and sussex (region)": "Kent, Surrey and Sussex",
    "london (region)": "London",
    "london (region; six pdus inspected in 2022 combined)": "London",
    "wales region (regional inspection)": "Wales",
    "wales region": "Wales",
    "west midlands region (public protection inspection)": "West Midlands",
    "greater manchester region": "Greater Manchester",
    "national (first twelve pdus)": "",
}
# Pages with no date: the round each PDU's undated statements belong to, and the evidence for it.
UNDATED_ROUND = {
    "derby-city": (2, "Page says the PDU 'was last inspected 2023'"),
    "derbyshire": (2, "Reported in the same BBC article as Derby City's second inspection"),
    "leicester-leicestershire-and-rutland": (2, "Page: 'second inspection ... previously been rated Inadequate in 2022'"),
    "northamptonshire": (2, "Pages refer to 'the last inspection in 2022' / 'a May 2022 inspection'"),
    "nottingham-city": (2, "HMI Probation page quotes Chief Inspector Martin Jones; East Midlands inspected in the programme from October 2023"),
    "nottinghamshire": (2, "HMI Probation page quotes Chief Inspector Martin Jones; East Midlands inspected in the programme from October 2023"),
    "bedfordshire": (2, "'His Majesty's Inspectorate'; East of England region inspected in 2024"),
    "essex-south": (2, "Fieldwork April-May; HMI Probation page numbered beside Cambridgeshire and Peterborough's (July 2024)"),
    "hertfordshire": (2, "HMI Probation page quotes Chief Inspector Martin Jones (from 2024)"),
    "suffolk": (2, "Fieldwork February 2024"),
    "brighton-and-east-sussex": (2, "HMI Probation page quotes Interim Chief Inspector Sue McAllister (programme from October 2023)"),
    "east-kent": (2, "Same article as West Kent's second inspection"),
    "west-kent": (2, "Page: 'an improvement from a previous inadequate rating in 2022'"),
    "west-sussex": (2, "Page: 'This follows the PDU's last inspection in 2022'"),
    "county-durham-and-darlington": (2, "North East fieldwork window 2025"),
    "gateshead-and-south-tyneside": (2, "Page: 'last inspected ... in 2022'"),
    "newcastle-upon-tyne": (2, "North East fieldwork window 2025"),
    "redcar-cleveland-and-middlesbrough": (2, "HMI Probation page in the 2025 North East series"),
    "stockton-and-hartlepool": (2, "North East fieldwork window 2025"),
    "sunderland": (2, "North East fieldwork window 2025"),
    "swansea-neath-port-talbot": (1, "Page gives the PDU's caseload as of November 2021"),
    "cumbria": (1, "HMI Probation page quotes Chief Inspector Justin Russell and lists the 2023 North West inspections"),
    "barnsley-and-rotherham": (2, "Yorkshire and the Humber fieldwork window 2024"),
    "bradford-and-calderdale": (2, "Yorkshire and the Humber fieldwork window 2024"),
    "leeds": (2, "Yorkshire and the Humber fieldwork window 2024"),
    "north-yorkshire": (2, "Yorkshire and the Humber fieldwork window 2024"),
    "wakefield": (2, "Yorkshire and the Humber fieldwork window 2024"),
}
# Statements whose own date belongs to another inspection than the page describes.
MISDATED = [("west-sussex", "?p=1100", "Page describes the second inspection; its '2022' is the earlier inspection's year")]

# The word that shows a quote names a standard rather than implying it from "all four standards".
STANDARD_WORDS = {"leadership": "leadership", "staff": "staff", "services": r"\bservices\b", "information_and_facilities": "information",
                  "court_work": "court", "assessment": "assess", "planning": "planning",
                  "implementation_and_delivery": "implementation", "reviewing": "review"}
STANDARD_ALIASES = {"all_categories": None, "statutory_victim_work": None}
GRADE_ALIASES = {"unpaid_work": "unpaid_work"}


@dataclass
class Fact:
    fact_id: str
    pdu: str
    region: str
    published: str
    measure: str
    value: str
    source: str
    quote: str
    basis: str = "stated"
    note: str = ""
    subject: str = ""  # inspection_id, region name, or "national"
    pdu_id: str = ""
    round: int = 0
    kind: str = ""
    ignore_published: bool = False

    @property
    def rank(self) -> float:
        return KIND_RANK[self.kind] + (0.5 if self.basis == "stated" else 0)


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_facts(shared: Path) -> list[Fact]:
    facts = []
    for i, row in enumerate(read_csv(shared / "sources" / "hmip-facts.csv"), start=1):
        quote = row["quote"]
        named = STANDARD_WORDS.get(row["measure"].removeprefix("rating:"), "")
        implied = (row["measure"].startswith("rating:") and re.search(r"\ball (four|five|seven|categories)\b", quote, re.I)
                   and not (named and re.search(named, quote, re.I)))
        facts.append(Fact(f"hmip-{i}", row["pdu"], row["region"], row["published"], row["measure"], row["value"],
                          row["source_url"], quote, "implied" if implied else "stated"))
    for i, row in enumerate(read_csv(HERE / "curated_facts.csv"), start=1):
        facts.append(Fact(f"seed-{i}", row["pdu"], row["region"], row["published"], row["measure"], row["value"],
                          row["source"], row["quote"], row["basis"], row["note"]))
    return facts


def year(value: str) -> int | None:
    return int(value[:4]) if re.match(r"^\d{4}", value or "") else None


def assign(facts: list[Fact], pdus: list[dict]) -> None:
    """Give each fact its subject: an inspection (<pdu_id>-<round>), a region, or 'national'."""
    names = {}
    for pdu in pdus:
        for name in [pdu["name"], *filter(None, pdu["aliases"].split(";"))]:
            names[name.strip().lower()] = pdu
    dated_rounds = defaultdict(set)  # pdu name -> rounds its dated statements fall in
    for fact in facts:
        if year(fact.published) and fact.measure != "previous_rating":
            dated_rounds[fact.pdu.strip().lower()].add(1 if year(fact.published) <= 2023 else 2)
    for fact in facts:
        fact.kind = "inspectorate" if fact.source.startswith("seed:00") and SEEDS[fact.source[5:]][3] == "inspectorate" \
            else source_row(fact.source, set())["kind"]
        key = fact.pdu.strip().lower()
        if key in REGIONAL_SUBJECTS:
            fact.subject = REGIONAL_SUBJECTS[key] or "national"
            fact.region = REGIONAL_SUBJECTS[key]
            continue
        if key not in names:
            raise SystemExit(f"{fact.fact_id}: PDU name {fact.pdu!r} is not in pdus.csv (name or alias)")
        pdu = names[key]
        fact.pdu_id, fact.region = pdu["pdu_id"], pdu["region"]
        for pdu_id, url_part, why in MISDATED:
            if fact.pdu_id == pdu_id and url_part in fact.source and fact.measure != "previous_rating":
                fact.ignore_published, fact.note = True, (fact.note + "; " if fact.note else "") + why
        if fact.measure == "previous_rating":
            fact.round = 1
        elif year(fact.published) and not fact.ignore_published:
            fact.round = 1 if year(fact.published) <= 2023 else 2
        elif fact.pdu_id in UNDATED_ROUND:
            fact.round = UNDATED_ROUND[fact.pdu_id][0]
        elif len(dated_rounds[key]) == 1:  # the PDU's only inspection in the sources
            fact.round = next(iter(dated_rounds[key]))
        else:
            raise SystemExit(f"{fact.fact_id}: no date and no round known for {fact.pdu!r}: add it to UNDATED_ROUND")
        fact.subject = f"{fact.pdu_id}-{fact.round}"


# --- merging statements into values --------------------------------------------------------------------------
@dataclass
class Merged:
    value: str = ""
    sources: list[str] = field(default_factory=list)
    basis: str = "stated"
    notes: list[str] = field(default_factory=list)


def _same(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return a.strip().lower() == b.strip().lower()


def _ids(facts) -> str:
    return ";".join(sorted({source_id(f.source) for f in facts}))


def merge(facts: list[Fact], table: str, key: str, field_name: str, disagreements: list[dict]) -> Merged:
    """One value from several statements: the best-ranked value, with every source that states it."""
    best = max(f.rank for f in facts)
    top_values = []
    for f in facts:
        if f.rank == best and not any(_same(f.value, v) for v in top_values):
            top_values.append(f.value)
    chosen = top_values[0] if len(top_values) == 1 else ""
    agreeing = [f for f in facts if chosen and _same(f.value, chosen)]
    for other in sorted({f.value for f in facts if not (chosen and _same(f.value, chosen))}):
        others = [f for f in facts if _same(f.value, other)]
        disagreements.append(dict(
            table=table, key=key, field=field_name, value=chosen, value_source_ids=_ids(agreeing),
            other_value=other, other_source_ids=_ids(others),
            resolution=("kept the better-ranked source (inspectorate > other > news; stated > implied)" if chosen
                        else "sources of equal rank contradict each other: the value is left empty")))
    notes = sorted({re.sub(r";?\s*as_of=\S+( \([^)]*\))?;?\s*", "", f.note).strip() for f in agreeing if f.note} - {""})
    basis = "stated" if any(f.basis == "stated" for f in agreeing) or not agreeing else "implied"
    return Merged(chosen, [source_id(f.source) for f in agreeing], basis, notes)


def _consistent(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def merge_published(facts: list[Fact], key: str, disagreements: list[dict]) -> Merged:
    """The report's publication date: the most precise date that agrees with the best-ranked one."""
    candidates = []
    for f in facts:
        if f.measure == "report_published":
            candidates.append((f.value, f, f.rank))
        elif f.measure == "previous_rating":
            found = re.search(r"\b(20\d\d)\b", f.quote)
            if found:  # a later report's mention of the year: the weakest evidence of a date
                candidates.append((found.group(1), f, 0))
        elif f.published and not f.source.startswith("seed:") and not f.ignore_published \
                and "regional window" not in f.value:
            candidates.append((f.published, f, f.rank))
    if not candidates:
        return Merged()
    best = max(r for _, _, r in candidates)

    def support(value: str) -> int:  # how many statements agree with a date
        return sum(_consistent(value, v) for v, _, _ in candidates)

    chosen = max((v for v, _, r in candidates if r == best), key=lambda v: (support(v), len(v)))
    finer = {v for v, _, _ in candidates if len(v) > len(chosen) and v.startswith(chosen)}
    finest = max(finer, key=len) if finer else ""
    if finest and all(_consistent(finest, v) for v in finer):  # refine only where the finer dates agree
        chosen = finest
    elif finer:
        for value in sorted(finer):
            disagreements.append(dict(
                table="inspections", key=key, field="published", value=chosen,
                value_source_ids=_ids([f for v, f, _ in candidates if v == chosen]), other_value=value,
                other_source_ids=_ids([f for v, f, _ in candidates if v == value]),
                resolution="more precise dates disagree with each other: kept the precision they share"))
    agree = [f for v, f, _ in candidates if chosen.startswith(v)]
    for value in sorted({v for v, _, _ in candidates if not _consistent(v, chosen)}):
        disagreements.append(dict(
            table="inspections", key=key, field="published", value=chosen, value_source_ids=_ids(agree),
            other_value=value, other_source_ids=_ids([f for v, f, _ in candidates if v == value]),
            resolution="kept the date of the better-ranked, more precise source"))
    return Merged(chosen, [source_id(f.source) for f in agree])


def number(value: str) -> str:
    """The value as a plain number, or '' where the source gives wording ('>33', 'two thirds')."""
    return value if re.fullmatch(r"-?\d+(\.\d+)?", value.strip()) else ""


def as_of(fact: Fact) -> str:
    found = re.search(r"as_of=(\d{4}(-\d{2}(-\d{2})?)?)", fact.note)
    return found.group(1) if found else ""


# --- the tables ----------------------------------------------------------------------------------------------
STAFFING_OTHER = {  # other:<name> -> (measure, grade)
    "other:po_pct_of_target_in_post": ("pct_of_target_in_post", "po"),
    "other:po_in_post_pct_of_needed": ("pct_of_target_in_post", "po"),
    "pso_pct_of_target_in_post": ("pct_of_target_in_post", "pso"),
    "other:staff_headcount": ("headcount", "overall"),
    "other:sickness_days_avg_all_staff": ("sickness_days_avg", "overall"),
    "sickness_days_avg_all_staff": ("sickness_days_avg", "overall"),
    "other:sickness_days_avg_po": ("sickness_days_avg", "po"),
    "other:vacancy_rate_pct_reported_by_pdu_head_2023": ("vacancy_rate", "overall"),
}
CASE_COUNTS = {  # numerator measure -> (denominator measure, topic)
    "other:cases_risk_arrangements_sufficient": ("other:cases_in_sample_for_cases_risk_arrangements_sufficient", "risk_arrangements"),
    "other:cases_da_info_used_sufficiently": ("other:cases_in_sample_for_cases_da_info_used_sufficiently", "domestic_abuse_info_used"),
}


def route(fact: Fact) -> str:
    m = fact.measure
    if fact.subject in REGIONS or fact.subject == "national":
        if m.split(":")[0] in ("vacancy_rate", "caseload_avg", "workload_pct") or m in STAFFING_OTHER:
            return "staffing"
        if m.startswith("pct_cases_sufficient:"):
            return "case_quality"
        return "unpaid_work" if m.startswith("upw_pct_") else "findings"
    if m in ("overall_rating", "previous_rating", "score", "score_max", "fieldwork", "report_published"):
        return "inspections"
    if m.startswith("rating:"):
        return "ratings" if m[7:] not in STANDARD_ALIASES else "evidence"
    if m.split(":")[0] in ("vacancy_rate", "caseload_avg", "workload_pct") or m in STAFFING_OTHER:
        return "staffing"
    if m.startswith("pct_cases_sufficient:") or m in CASE_COUNTS:
        return "case_quality"
    if m.startswith("upw_"):
        return "unpaid_work"
    if any(m == d for d, _ in CASE_COUNTS.values()):
        return "evidence"  # read with its numerator
    return "findings"


def build_tables(facts: list[Fact], pdus: list[dict], recommendations: list[dict], rules: list[dict]) -> dict:
    disagreements: list[dict] = []
    by_route: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_route[route(fact)].append(fact)
    subject_facts: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        subject_facts[fact.subject].append(fact)

    # inspections: every PDU subject is an inspection, even where only its fieldwork is known
    inspections = []
    for subject in sorted({f.subject for f in facts if f.pdu_id}):
        mine = [f for f in by_route["inspections"] if f.subject == subject]
        pdu_id, rnd = subject.rsplit("-", 1)
        row = dict(inspection_id=subject, pdu_id=pdu_id, region=subject_facts[subject][0].region, round=int(rnd))
        published = merge_published(subject_facts[subject], subject, disagreements)
        row["published"], row["published_source_ids"] = published.value, ";".join(sorted(set(published.sources)))
        sources, notes = set(published.sources), []
        for field_name, measures in (("overall_rating", ("overall_rating", "previous_rating")), ("score", ("score",)),
                                     ("score_max", ("score_max",))):
            stated = [f for f in mine if f.measure in measures]
            if stated:
                merged = merge(stated, "inspections", subject, field_name, disagreements)
                row[field_name] = merged.value
                sources.update(merged.sources)
                notes += merged.notes
        fieldwork = [f for f in mine if f.measure == "fieldwork"]
        own = [f for f in fieldwork if "regional window" not in f.value] or fieldwork
        if own:
            own.sort(key=lambda f: (-f.rank, not re.match(r"^\d{4}", f.value), -len(f.value)))
            row["fieldwork"] = own[0].value
            sources.add(source_id(own[0].source))
        year_published = year(row["published"])
        row["framework"] = "2021" if row["round"] == 1 else (str(year_published) if year_published in (2024, 2025) else "")
        if pdu_id in UNDATED_ROUND and any(not f.published for f in subject_facts[subject]) and row["round"] == UNDATED_ROUND[pdu_id][0]:
            notes.append("Round from undated pages: " + UNDATED_ROUND[pdu_id][1])
        row["source_ids"] = ";".join(sorted(sources or {source_id(f.source) for f in subject_facts[subject]}))
        row["note"] = "; ".join(dict.fromkeys(n for n in notes if n and "slide date" not in n))
        inspections.append(row)
    inspection_ids = {r["inspection_id"] for r in inspections}

    ratings = []
    groups = defaultdict(list)
    for f in by_route["ratings"]:
        groups[(f.subject, f.measure[7:])].append(f)
    for (subject, standard), group in sorted(groups.items()):
        merged = merge(group, "ratings", f"{subject}|{standard}", "rating", disagreements)
        ratings.append(dict(inspection_id=subject, standard=standard, rating=merged.value, basis=merged.basis,
                            source_ids=";".join(sorted(set(merged.sources) or {source_id(f.source) for f in group})),
                            note="; ".join(n for n in merged.notes if "slide date" not in n)))

    staffing = []
    groups = defaultdict(list)
    for f in by_route["staffing"]:
        measure, grade = STAFFING_OTHER.get(f.measure) or f.measure.split(":")
        when = as_of(f) or ("2023" if f.measure.endswith("_2023") else "")
        groups[(f.subject, f.region, measure, grade, when)].append(f)
    for (subject, region, measure, grade, when), group in sorted(groups.items()):
        merged = merge(group, "staffing", f"{subject}|{measure}|{grade}|{when}", "value", disagreements)
        if not number(merged.value):
            continue
        staffing.append(dict(inspection_id=subject if subject in inspection_ids else "", region=region,
                             measure=measure, grade=grade, value=merged.value, as_of=when,
                             source_ids=";".join(sorted(set(merged.sources))), note="; ".join(merged.notes)))

    # The same figure given for one grade by one source and for all staff by another (README of shared/sources).
    for a in staffing:
        for b in staffing:
            if (a["inspection_id"] and a["inspection_id"] == b["inspection_id"] and a["measure"] == b["measure"]
                    and a["grade"] == "overall" and b["grade"] != "overall" and _same(a["value"], b["value"])):
                disagreements.append(dict(
                    table="staffing", key=f"{a['inspection_id']}|{a['measure']}", field="grade", value=b["grade"],
                    value_source_ids=b["source_ids"], other_value=a["grade"], other_source_ids=a["source_ids"],
                    resolution="both rows kept: the same figure is given for one grade by one source and for all staff by another"))

    case_quality = []
    groups = defaultdict(list)
    denominators = {(f.subject, f.measure): f for f in by_route["evidence"]}
    for f in by_route["case_quality"]:
        topic = f.measure.split(":", 1)[1] if f.measure.startswith("pct_cases_sufficient:") else CASE_COUNTS[f.measure][1]
        groups[(f.subject, f.region, topic)].append(f)
    for (subject, region, topic), group in sorted(groups.items()):
        pct = [f for f in group if f.measure.startswith("pct_cases_sufficient:")]
        counts = [f for f in group if f.measure in CASE_COUNTS]
        row = dict(inspection_id=subject if subject in inspection_ids else "", region=region, topic=topic,
                   pct="", numerator="", denominator="", value_text="", source_ids="", note="")
        sources = set()
        if pct:
            merged = merge(pct, "case_quality", f"{subject}|{topic}", "pct", disagreements)
            row["pct"] = number(merged.value)
            row["value_text"] = "" if row["pct"] else merged.value
            sources.update(merged.sources)
            row["note"] = "; ".join(merged.notes)
        for f in counts:
            denominator = denominators[(f.subject, CASE_COUNTS[f.measure][0])]
            row["numerator"], row["denominator"] = f.value, denominator.value
            sources.update({source_id(f.source), source_id(denominator.source)})
        row["source_ids"] = ";".join(sorted(sources))
        case_quality.append(row)

    unpaid_work = []
    groups = defaultdict(list)
    for f in by_route["unpaid_work"]:
        groups[(f.subject, f.region, as_of(f), f.measure if f.subject in REGIONS else "")].append(f)
    for (subject, region, when, measure), group in sorted(groups.items()):
        values = {f.measure: f.value for f in group}
        definition = {
            "upw_pct_requirements_not_completed_12m": "requirements not completed 12 months after commencement",
            "upw_pct_hours_outstanding_12m": "hours outstanding beyond 12 months of order commencement",
        }.get(measure, "requirements with hours outstanding beyond 12 months (as published in the PDU report)")
        published_pct = values.get("upw_pct_published", values.get(measure, ""))
        note = "; ".join(sorted({f.note for f in group if f.note and "as_of" not in f.note}))
        if "upw_published_denominator" in values:
            note = (note + "; " if note else "") + \
                f"published figure appears to use {values['upw_published_denominator']} requirements as denominator (seed 000)"
        unpaid_work.append(dict(
            inspection_id=subject if subject in inspection_ids else "", region=region,
            requirements_total=values.get("upw_requirements_total", ""),
            requirements_beyond_12m=values.get("upw_requirements_beyond_12m", ""),
            published_pct=published_pct, published_definition=definition, as_of=when,
            source_ids=_ids(group), note=note))

    findings = []
    groups = defaultdict(list)
    for f in by_route["findings"]:
        measure = f.measure.replace("other:", "")
        if f.subject in REGIONS and f.measure == "overall_rating":
            measure = "regional_overall_rating"
        elif f.subject in REGIONS and f.measure.startswith("rating:"):
            measure = "regional_rating:" + f.measure[7:]
        elif f.subject in REGIONS and f.measure == "fieldwork":
            measure = "fieldwork_window"
        groups[(f.subject, f.region, measure, as_of(f))].append(f)
    for f in by_route["inspections"]:  # regional fieldwork windows stated on PDU rows
        if "regional window" in f.value:
            groups[(f.region, f.region, "fieldwork_window", "")].append(f)
    for (subject, region, measure, when), group in sorted(groups.items()):
        merged = merge(group, "findings", f"{subject}|{measure}", "value", disagreements)
        findings.append(dict(
            inspection_id=subject if subject in inspection_ids else "", region=region, measure=measure,
            value=number(merged.value), value_text="" if number(merged.value) else merged.value, as_of=when,
            source_ids=";".join(sorted(set(merged.sources) or {source_id(f.source) for f in group})),
            note="; ".join(merged.notes)))

    recs = []
    for r in recommendations:
        pdu = next(p for p in pdus if p["name"] == r["pdu"])
        rnd = 1 if year(r["published"]) <= 2023 else 2
        recs.append(dict(inspection_id=f"{pdu['pdu_id']}-{rnd}", addressee=r["addressee"], number=r["number"],
                         text=r["text"], source_ids=source_id(r["source"])))

    evidence = [dict(fact_id=f.fact_id, subject=f.subject, measure=f.measure, value=f.value, basis=f.basis,
                     source_ids=source_id(f.source), quote=f.quote, note=f.note) for f in facts]

    rule_tables: dict[str, list[dict]] = defaultdict(list)
    for r in rules:
        ids = ";".join(sorted({source_id(s.strip()) for s in r["sources"].split(";") if s.strip()}))
        common = dict(verified=r["verified"], source_ids=ids, note=r["note"])
        if r["table"] == "rule_points":
            rule_tables["rule_points"].append(dict(framework=r["framework"], rating=r["key"], points=r["value"], **common))
        elif r["table"] == "rule_standards":
            rule_tables["rule_standards"].append(dict(framework=r["framework"], standard=r["key"], domain=r["value"],
                                                      optional=r["value2"], **common))
        elif r["table"] == "rule_bands":
            out_of, rating = r["key"].split("|")
            rule_tables["rule_bands"].append(dict(framework=r["framework"], score_max=out_of, rating=rating,
                                                  min_score=r["value"], max_score=r["value2"], **common))
        else:
            rule_tables["rule_case_thresholds"].append(dict(framework=r["framework"], rating=r["key"],
                                                            min_pct=r["value"], max_pct=r["value2"], **common))

    refs = [f.source for f in facts] + [r["source"] for r in recommendations] + \
           [s.strip() for r in rules for s in r["sources"].split(";") if s.strip()]
    dates = defaultdict(set)
    for f in facts:
        if f.published and not f.ignore_published and not f.source.startswith("seed:"):
            dates[f.source].add(f.published)
    sources = {}
    for ref in refs:
        sources.setdefault(source_id(ref), source_row(ref, dates[ref]))

    return dict(sources=sorted(sources.values(), key=lambda r: r["source_id"]),
                pdus=[dict(p, source_ids=_ids([f for f in facts if f.pdu_id == p["pdu_id"]])) for p in pdus], inspections=inspections, ratings=ratings, staffing=staffing,
                case_quality=case_quality, unpaid_work=unpaid_work, recommendations=recs, findings=findings,
                disagreements=disagreements, evidence=evidence, **rule_tables)


def write_release(tables: dict, out: Path, version: str) -> Path:
    target = out / version
    if target.exists():
        raise SystemExit(f"{target} exists: releases are immutable; choose a new version")
    staging = out / f".{version}.tmp"
    staging.mkdir(parents=True)
    for name, rows in tables.items():
        columns = TABLES[name].column_names
        with open(staging / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: row.get(c, "") for c in columns})
    write_manifest(staging, version, date.today().isoformat(),
                   "Built by data/curation/build_release.py from shared/sources/hmip-facts.csv and the seeds.")
    staging.rename(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "releases")
    args = parser.parse_args(argv)
    pdus = read_csv(HERE / "pdus.csv")
    facts = load_facts(args.shared)
    assign(facts, pdus)
    tables = build_tables(facts, pdus, read_csv(HERE / "recommendations.csv"), read_csv(HERE / "rules.csv"))
    target = write_release(tables, args.out, args.version)
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in tables.items())
    print(f"wrote {target}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
