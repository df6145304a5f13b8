"""The reader's words for every code the data and the library use, declared once.

Each code (a grade, a staffing measure, a finding's measure, a case-quality topic, a column, a term of the
glossary) has one `Term`: its label as a column header or chart label, its plural for sentences, its
abbreviation, its unit and what it means. Tables, charts, CSV headers, the glossary, `<abbr>` marks, the data
dictionary and error messages all read these, so a label changes in one place. A code with no entry is never shown
to a reader: `term` raises, naming the closest known codes.

Standard library only (the renderer imports it before pandas).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pdukit.dataset.names import closest
from pdukit.dataset.schema import RATINGS, REGIONS, STANDARD_LABELS
from pdukit.errors import InvalidValue, UnknownName

# Units: how a value is written. A share is a fraction from 0 to 1 (shown as a rounded per cent); a percent is a
# figure already published as a per cent (shown as published).
COUNT, SHARE, PERCENT, CASES, POINTS, FTE, DAYS, DATE, TEXT, RANK = (
    "count", "share", "percent", "cases", "points", "FTE", "days", "date", "text", "rank")


@dataclass(frozen=True)
class Term:
    """One code as a reader meets it."""

    label: str  # column header or chart label: "Probation officer", "Vacancy rate"
    plural: str = ""  # in a sentence: "probation officers"
    short: str = ""  # abbreviation: "PO"
    unit: str = ""  # one of the units above ('' for a label with no value)
    description: str = ""  # one line: what it is (data dictionary, <abbr title>)
    glossary: str = ""  # the glossary entry, where the term has one

    def name(self, short: bool = False) -> str:
        """'probation officer (PO)' in running text, or 'PO' with `short`."""
        if short and self.short:
            return self.short
        lower = self.label[:1].lower() + self.label[1:] if not self.label[:2].isupper() else self.label
        return f"{lower} ({self.short})" if self.short else lower

    def many(self) -> str:
        """The plural with its abbreviation: 'probation officers (POs)'."""
        plural = self.plural or self.name()
        return f"{plural} ({self.short}s)" if self.short and self.plural else plural


def term(vocabulary: Mapping[str, Term], code: object, what: str) -> Term:
    """The Term of `code`; UnknownName naming the closest known codes when it has none."""
    key = str(code)
    if key in vocabulary:
        return vocabulary[key]
    raise UnknownName(f"no reader's label for {what} {key!r}; closest known: {closest(key, list(vocabulary))}")


def label(vocabulary: Mapping[str, Term], code: object, what: str) -> str:
    """The reader's label of `code` (see `term`)."""
    return term(vocabulary, code, what).label


def check_choice(value: object, choices: Iterable[object], what: str) -> str:
    """`value` itself when it is one of `choices`; else UnknownName naming the closest valid ones (never a silent
    empty answer for a typo)."""
    options = [str(c) for c in choices]
    if str(value) in options:
        return str(value)
    lowered = {o.lower(): o for o in options}
    if str(value).strip().lower() in lowered:
        raise UnknownName(f"unknown {what} {value!r}; did you mean {lowered[str(value).strip().lower()]!r}? "
                          f"Valid: {', '.join(map(repr, options))}")
    raise UnknownName(f"unknown {what} {value!r}; closest valid: {closest(str(value), options)}")


def check_flag(value: object, name: str) -> bool:
    """`value` when it is True or False; else InvalidValue. The text 'False' is not False (any non-empty text
    counts as true), so a flag typed as text is refused, never read the wrong way."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":  # numpy's bool too
        return bool(value)
    hint = f" (the text {value!r} is not a bool: any non-empty text counts as true)" if isinstance(value, str) else ""
    raise InvalidValue(f"{name} must be True or False, not {value!r}{hint}")


def check_optional_flag(value: object, name: str) -> bool | None:
    """`value` when it is True, False or None; else InvalidValue (see `check_flag`)."""
    if value is None:
        return None
    try:
        return check_flag(value, name)
    except InvalidValue as err:
        raise InvalidValue(str(err).replace("True or False", "True, False or None", 1)) from None


def check_number(value: object, name: str, low: float | None = None, high: float | None = None,
                 whole: bool = False) -> float:
    """`value` as a number when it is one from `low` to `high` (a whole number with `whole`); else InvalidValue
    saying what was expected, so an impossible input (5 successes of 3, a score of 30 out of 27, 150%) is refused
    rather than answered."""
    # numbers.Real takes numpy's numbers too; a bool is refused (True is not a count)
    number = float(value) if isinstance(value, numbers.Real) and not isinstance(value, bool) else float("nan")
    wanted = ("a whole number" if whole else "a number") + (
        f" from {low:g} to {high:g}" if low is not None and high is not None
        else f" of at least {low:g}" if low is not None else f" of at most {high:g}" if high is not None else "")
    if number != number or (whole and not number.is_integer()):  # NaN: not a number at all
        raise InvalidValue(f"{name} must be {wanted}, not {value!r}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidValue(f"{name} {value!r} is impossible: expected {wanted}")
    return number


# --- staff -------------------------------------------------------------------------------------------------
GRADES: dict[str, Term] = {
    "spo": Term("Senior probation officer", "senior probation officers", "SPO",
                description="manages a team of probation officers and probation services officers",
                glossary="Senior probation officer: manages a team of probation officers and probation services "
                         "officers."),
    "po": Term("Probation officer", "probation officers", "PO",
               description="a qualified practitioner who supervises people on probation, including those who pose "
                           "a higher risk of harm",
               glossary="Probation officer: a qualified practitioner who supervises people on probation, including "
                        "those who pose a higher risk of harm."),
    "pso": Term("Probation services officer", "probation services officers", "PSO",
                description="supervises people on probation who pose a lower risk, and supports probation officers",
                glossary="Probation services officer: supervises people on probation who pose a lower risk, and "
                         "supports probation officers."),
    "overall": Term("All staff", "all staff", description="every grade together, as the source counts them"),
    "other": Term("Other team", "staff of another team", description="a team the source names apart"),
    "unpaid_work": Term("Unpaid work staff", "unpaid work staff", description="staff who run unpaid work"),
    "accredited_programmes": Term("Accredited programmes staff", "accredited programmes staff",
                                  description="staff who deliver accredited programmes"),
    "statutory_victim_work": Term("Victim work staff", "victim liaison staff",
                                  description="staff of the statutory victim contact scheme"),
    # official staffing (from release 2026-12-01)
    "po_and_pso": Term("Probation officers and probation services officers", "probation officers and probation "
                       "services officers", "PO and PSO", description="the two practitioner grades counted together"),
    "trainee_po": Term("Trainee probation officer", "trainee probation officers",
                       description="in training to qualify as a probation officer"),
    "sentence_management": Term("Sentence management staff", "sentence management staff",
                                description="staff who manage people's sentences in the community, as HMPPS counts "
                                            "them"),
}
CORE_GRADES = ("spo", "po", "pso")  # the three practitioner grades vacancy rates are compared on

STAFFING_MEASURES: dict[str, Term] = {
    "vacancy_rate": Term("Vacancy rate", "vacancy rates", unit=PERCENT,
                         description="per cent of the target number of posts unfilled; below zero: more staff than "
                                     "the target"),
    "caseload_avg": Term("Average caseload", "average caseloads", unit=CASES,
                         description="cases (people on probation) held per practitioner: a count, not a measure of "
                                     "effort"),
    "workload_pct": Term("Workload", "workloads", unit=PERCENT,
                         description="per cent of a practitioner's capacity their cases take on the Workload "
                                     "Measurement Tool (WMT)"),
    "pct_of_target_in_post": Term("Staff in post against target", unit=PERCENT,
                                  description="per cent of the target number of staff in post"),
    "headcount": Term("Headcount", "headcounts", unit=COUNT, description="staff in post, counted as people"),
    "sickness_days_avg": Term("Sickness absence", unit=DAYS,
                              description="working days lost to sickness per person per year"),
}
# The name of the value column of each measure's frame, so that two measures can never meet in one column.
MEASURE_COLUMNS = {"vacancy_rate": "vacancy_pct", "caseload_avg": "cases_per_practitioner",
                   "workload_pct": "workload_pct_of_capacity", "pct_of_target_in_post": "in_post_pct_of_target",
                   "headcount": "headcount", "sickness_days_avg": "sickness_days"}

OUTCOMES: dict[str, Term] = {
    "score_pct": Term("Score, % of maximum", unit=PERCENT,
                      description="the published score as a per cent of the most the framework allows"),
    "rating_rank": Term("Overall rating", unit=RANK,
                        description="the overall rating in order: Inadequate 0, Requires improvement 1, Good 2, "
                                    "Outstanding 3"),
    "risk_cases_pct": Term("Risk-of-harm cases sufficient, %", unit=PERCENT,
                           description="per cent of inspected cases whose work to keep people safe was sufficient"),
}

# --- ratings and their qualifiers --------------------------------------------------------------------------
RATING_TERMS: dict[str, Term] = {r: Term(r, description=f"overall or standard rating {r}") for r in RATINGS}
STANDARDS: dict[str, Term] = {code: Term(text, description=f"standard {text}") for code, text in STANDARD_LABELS.items()}
BASES: dict[str, Term] = {
    "stated": Term("Stated", description="the source gives the rating of this standard by name"),
    "implied": Term("Implied", description="follows from a wider statement such as 'all four case standards were "
                                           "Inadequate'"),
}
CHANGES: dict[str, Term] = {
    "improved": Term("Improved"), "no change": Term("No change"), "worse": Term("Worse"),
    "not known": Term("Not known", description="one of the two ratings is in no source"),
}
ADDRESSEES: dict[str, Term] = {
    "pdu": Term("The PDU"), "region": Term("The region"),
    "hmpps": Term("HMPPS", description="HM Prison and Probation Service"),
}
PDU_STATUSES: dict[str, Term] = {"current": Term("Current"), "merged": Term("Since merged or split")}
SOURCE_KINDS: dict[str, Term] = {"inspectorate": Term("HM Inspectorate of Probation"), "news": Term("News"),
                                 "other": Term("Other"),
                                 "official": Term("Official", description="a government, parliamentary or audit "
                                                  "publication: official statistics, a written answer, the National "
                                                  "Audit Office")}
AUDIT_CHECKS: dict[str, Term] = {
    "score_sum": Term("Score against the sum of its ratings"),
    "rating_band": Term("Rating against its score band"),
    "rating_lift": Term("Score lifted by judgement"),
    "upw_backlog": Term("Unpaid work backlog"),
    "standard_from_cases": Term("Standard against its case percentage"),
    "recommendations": Term("Recommendations"),
}
AUDIT_STATUSES: dict[str, Term] = {
    "consistent": Term("Consistent", description="the published figure follows the published rule"),
    "disputed": Term("Disputed", description="the published figure differs from the one the rules give"),
    "not_recomputable": Term("Cannot be recomputed",
                             description="a count or rule the check needs is not published"),
}

# --- official staffing (from release 2026-12-01) -----------------------------------------------------------
OFFICIAL_MEASURES: dict[str, Term] = {
    "vacancies": Term("Vacancies", "vacancies", description="posts or full-time equivalents unfilled, as the source "
                                                            "counts them (against the target staffing, where it says "
                                                            "so)"),
    "staff_in_post": Term("Staff in post", "staff in post", description="staff employed, as the source counts them"),
    "court_staff_in_post": Term("Staff in post in court teams", "staff in post in court teams",
                                description="staff working in the courts function only (advice to courts before "
                                            "sentence), not the service's staff in post: see READ_AS"),
    "staff_required": Term("Staff required", "staff required", description="the target or required staffing level "
                                                                           "the source gives"),
    "vacancy_rate": Term("Vacancy rate", "vacancy rates", unit=PERCENT,
                         description="per cent of the target unfilled, as published (never computed here)"),
    "pct_of_target_in_post": Term("Staff in post against target", unit=PERCENT,
                                  description="staff in post as a per cent of the target, as published"),
    "caseload_avg": Term("Average caseload", "average caseloads", unit=CASES,
                         description="cases (people on probation) held per practitioner: a count, not a measure of "
                                     "effort"),
    "workload_pct": Term("Workload", "workloads", unit=PERCENT,
                         description="per cent of capacity the work takes on the Workload Measurement Tool (WMT)"),
    "leaving_rate": Term("Leaving rate", "leaving rates", unit=PERCENT,
                         description="per cent of staff who left in the 12 months, as published"),
    "people_on_probation": Term("People on probation", unit=COUNT,
                                description="people the Probation Service supervises: the service's caseload, not a "
                                            "caseload per practitioner"),
    "regions_beyond_capacity": Term("Regions beyond full capacity", unit=COUNT,
                                    description="how many of the 12 probation regions operate beyond full capacity"),
    "staff_required_underestimate": Term("Staff required, under-counted", unit=COUNT,
                                         description="staff HMPPS found it had under-counted as required"),
}
OFFICIAL_UNITS: dict[str, Term] = {
    "fte": Term("FTE", short="FTE", unit=FTE, description="full-time equivalent: part-time staff counted by their hours"),
    "headcount": Term("Headcount", unit=COUNT, description="people, each counted once whatever their hours"),
    "count": Term("Count", unit=COUNT, description="posts or people, as the source counts them"),
    "percent": Term("Per cent", unit=PERCENT, description="a per cent as published"),
    "cases": Term("Cases", unit=CASES, description="cases per practitioner"),
    "people": Term("People", unit=COUNT, description="people on probation"),
    "unstated": Term("Not stated", description="the source does not say whether people or full-time equivalents"),
}
OFFICIAL_SCOPES: dict[str, Term] = {
    "England and Wales": Term("England and Wales", description="the whole Probation Service"),
    **{r: Term(r, description=f"the {r} probation region") for r in REGIONS},
}
# Each series: figures of one publisher on one definition (and one vintage where the publisher revised it).
OFFICIAL_SERIES: dict[str, Term] = {
    "regional_vacancies_answer_2024_01": Term("Vacancies by region, September 2023 (written answer, January 2024)"),
    "regional_vacancies_answer_2024_03": Term("Vacancies by region, December 2023 (written answer, March 2024)",
                                              description="six regions: the stored copy of the answer stops after "
                                                          "North East"),
    "wmt_caseload_answer_2024_09": Term("Probation officers' average caseload, Workload Measurement Tool (written "
                                        "answer, September 2024)"),
    "channel4_foi_workload": Term("Average workload, from Freedom of Information data (Channel 4 News)",
                                  description="second-hand: a news report, not an official publication"),
    "hmpps_workforce_2022_23": Term("HMPPS workforce statistics as published September 2022 to June 2023",
                                    description="the vintage before the revision seen in the June 2024 publication"),
    "hmpps_workforce_2024_25": Term("HMPPS workforce statistics as published June 2024 to June 2025",
                                    description="a revised vintage: not one series with the 2022-23 publications"),
    "written_answer_2021_09": Term("Staff in post, June 2021 (written answer, September 2021)"),
    "hmpps_workforce_nps_2020": Term("National Probation Service staff in post, 2020 (before unification)",
                                     description="NPS only: CRC staff not counted, so not comparable with later "
                                                 "figures"),
    "data_justice": Term("Probation Service staff in post (Ministry of Justice data, from March 2022)"),
    "data_justice_nps": Term("Probation Service staff in post, March 2015 to March 2021 (before unification)",
                             description="NPS only: CRC staff not counted, so not comparable with later figures"),
    "written_answer_2024_03": Term("Probation Service staff in post, December 2023, including Approved Premises "
                                   "(written answer, March 2024)",
                                   description="staff in Probation Service grades, including those in Approved "
                                               "Premises: a different count from the data.justice.gov.uk series at "
                                               "the same date"),
    "written_answer_2025_07": Term("Probation Service staffing, March 2024 and March 2025 (written answer, July 2025)"),
    "courts_function_answer": Term("Probation officers and probation services officers in court teams, December of "
                                   "each year (written answer)"),
    "hmip_london_2022": Term("Vacant posts in London at the 2022 inspections (HMI Probation)"),
    "bbc_east_midlands_region": Term("Average caseloads in the East Midlands region inspections (BBC News)",
                                     description="second-hand: a news report of the inspection reports"),
    "bbc_nps_wales": Term("Probation officers in the National Probation Service in Wales (BBC News, before "
                          "unification)", description="second-hand, and NPS only"),
    "police_oracle_2023_03": Term("Probation officers against target, March 2023 (Police Oracle)",
                                  description="second-hand: a news report's reading of the workforce statistics"),
    "nao_2025": Term("National Audit Office report on the Probation Service (October 2025)"),
    "leaked_sentence_management_review": Term("HMPPS sentence management activity review (leaked, reported by BBC "
                                              "News)", description="second-hand"),
    "britisheye_2025": Term("People on probation, March 2025 (The British Eye)", description="second-hand"),
}



@dataclass(frozen=True)
class ReadAs:
    """A code a published release writes more generally than what its rows count, and the code the library reads
    it as (`load_release` applies it; the release's files keep the code as published: releases are immutable)."""

    table: str
    column: str
    code: str  # as published
    read_as: str  # as every frame of the library holds it
    where: str  # the column that singles out the rows
    values: tuple[str, ...]  # ... whose value is one of these
    why: str

    def describe(self) -> str:
        """'staff_in_post of series courts_function_answer as court_staff_in_post (court teams only, ...)'."""
        return f"{self.code} of {self.where} {', '.join(self.values)} as {self.read_as} ({self.why})"


# The court-team series counts only the probation officers and probation services officers working in courts, but
# its figures were published under the generic measure staff_in_post: a hurried staffing_series(release,
# "staff_in_post", "po_and_pso") would give 1,140 court staff as though they were the service's. Read as
# court_staff_in_post, no generic name returns them, and their value column (court_staff_in_post_fte) says courts.
# Their quotes in evidence.csv (official:<measure>:<grade>, from the written answer that gives them) follow.
COURTS_ONLY = "court teams only, not the service's staff in post"
READ_AS: tuple[ReadAs, ...] = (
    ReadAs("official_staffing", "measure", "staff_in_post", "court_staff_in_post", "series",
           ("courts_function_answer",), COURTS_ONLY),
    ReadAs("evidence", "measure", "official:staff_in_post:po_and_pso", "official:court_staff_in_post:po_and_pso",
           "source_ids", ("parliament-wq-48157",), COURTS_ONLY),
)


def read_as_codes(table: str, column: str) -> list[str]:
    """The codes the library reads into a column beyond those its files may hold (see READ_AS)."""
    return list(dict.fromkeys(r.read_as for r in READ_AS if (r.table, r.column) == (table, column)))


# How the codes of a column are formed, where they are made of other codes (the data dictionary shows it).
CODE_FORMS: dict[tuple[str, str], str] = {
    ("evidence", "measure"): (
        "codes: a column of inspections.csv (overall_rating, score, score_max, fieldwork, report_published, "
        "framework) or previous_rating (the rating of the inspection before); rating:<standard> (ratings.csv; "
        "rating:all_categories for a statement about every standard); <staffing measure>:<grade> (staffing.csv: "
        "vacancy_rate:spo, caseload_avg:po), or another staffing figure by name (pso_pct_of_target_in_post); "
        "pct_cases_sufficient:<topic> (case_quality.csv); upw_... (unpaid_work.csv); other:<measure> "
        "(findings.csv: other:recommendations); claim:<measure> (a national claim); official:<measure>:<grade> "
        "(official_staffing.csv: official:vacancies:overall); public_protection:<column> or "
        "public_protection:<kind>:<topic> (the dynamic inspections). release.with_quotes(frame) gives the "
        "statements behind a frame's rows"),
    ("evidence", "subject"): (
        "an inspection_id (<pdu_id>-<round>, or <region>-public-protection), a region, 'England and Wales' or "
        "'national' for the whole service, or 'round 1' / 'round 2' for a statement about a programme"),
}


# --- the dynamic inspections of public protection (from release 2026-12-01) --------------------------------
# Framework codes: '2021' is round 1. Round 2 is one programme (from October 2023) whose code is the year its
# report was published ('2024', '2025'; '2023' where no source gives the year): rule_frameworks.csv records no
# change of rules between those years, so the labels say 'round 2 ... published 2024', never 'the 2024 framework'.
# In time order, which is the order of their categories in every frame.
FRAMEWORKS: dict[str, Term] = {
    "2021": Term("2021 framework (round 1)",
                 description="round 1: the methodology introduced after unification in June 2021"),
    "2023": Term("Round 2 (programme from October 2023), year of publication not known",
                 description="round 2, the inspection programme that started in October 2023, where no source gives "
                             "the year the report was published"),
    "2024": Term("Round 2 (programme from October 2023), published 2024",
                 description="round 2, labelled by the year its report was published: a year, not a framework of "
                             "its own"),
    "2025": Term("Round 2 (programme from October 2023), published 2025",
                 description="round 2, labelled by the year its report was published: a year, not a framework of "
                             "its own"),
    "2025-public-protection": Term("Dynamic inspection of public protection",
                                   description="the region-by-region inspections of public protection from October "
                                               "2025: no ratings, never pooled with PDU inspections"),
}
FRAMEWORK_NOTE = ("framework '2021' is round 1; '2023', '2024' and '2025' are one programme, round 2 (from October "
                  "2023), split by the year its reports were published ('2023': the year not known). No source "
                  "records a change of rules between them, so a difference between them is one of publication "
                  "year, not of framework: group by 'round' to compare the two programmes")
# Coded columns whose categories follow the vocabulary's order rather than the schema's (which a published
# manifest fixes): the frameworks in time order.
CODE_ORDER: dict[str, Mapping[str, Term]] = {"framework": FRAMEWORKS}


def in_code_order(column: str, codes: Iterable[str]) -> list[str]:
    """`codes` in the vocabulary's order for `column` (frameworks in time order), else as given."""
    order = list(CODE_ORDER.get(column, {}))
    codes = list(codes)
    return sorted(codes, key=lambda c: order.index(c) if c in order else len(order)) if order else codes


PP_KINDS: dict[str, Term] = {
    "case_quality": Term("Cases sufficient", description="how many of the cases inspected met the standard"),
    "staffing": Term("Staffing", description="what the inspection says about staff and vacancies"),
    "practice": Term("Practice", description="other findings on the work with cases"),
    "programme": Term("The programme", description="the dynamic inspection programme as a whole"),
}
PP_TOPICS: dict[str, Term] = {
    "keeping_safe": Term("Keeping people safe"),
    "assessment": Term("Assessment: keeping people safe"),
    "planning": Term("Planning: keeping people safe"),
    "implementation_and_delivery": Term("Implementation and delivery: keeping people safe"),
    "reviewing": Term("Reviewing: keeping people safe"),
    "risk_of_harm_assessment": Term("Assessment of risk of harm"),
    "work_to_address_risk": Term("Work to address risk of harm"),
    "domestic_abuse_multi_agency": Term("Work with other agencies on domestic abuse"),
    "management_oversight": Term("Management oversight"),
    "child_protection_information": Term("Information for child protection"),
    "child_safeguarding": Term("Child safeguarding"),
    "po_target_staffing": Term("Probation officers against target"),
    "understaffing": Term("Understaffing"),
    "recruitment_and_retention": Term("Recruitment and retention"),
    "workforce_stability": Term("Workforce stability"),
    "staffing_challenges": Term("Staffing challenges"),
    "capacity": Term("Capacity and workloads"),
    "vetting": Term("Vetting of new staff"),
    "vacancies": Term("Vacancies"),
    "programme_scope": Term("Regions to be inspected"),
    "cases_insufficient_before": Term("Cases insufficient before the programme"),
    "guidance_published": Term("Guidance published"),
    "programme_start": Term("Programme start"),
}
PP_COUNTED: dict[str, Term] = {
    "cases": Term("Cases", description="each case inspected counted once"),
    "assignments": Term("Assignments", description="the pieces of work inspected, several to a case"),
}

# --- case quality and other findings -----------------------------------------------------------------------
TOPICS: dict[str, Term] = {
    "assessment_keeping_safe": Term("Assessment: keeping people safe", unit=PERCENT),
    "assessment_protected_characteristics": Term("Assessment: protected characteristics", unit=PERCENT),
    "assessment_risk_of_harm": Term("Assessment of risk of harm", unit=PERCENT),
    "court_work": Term("Court work", unit=PERCENT),
    "domestic_abuse_info_used": Term("Domestic abuse information used", unit=PERCENT),
    "implementation_keeping_safe": Term("Implementation: keeping people safe", unit=PERCENT),
    "keeping_safe": Term("Keeping people safe", unit=PERCENT),
    "reviewing_keeping_safe": Term("Reviewing: keeping people safe", unit=PERCENT),
    "risk_arrangements": Term("Arrangements to manage risk of harm", unit=PERCENT),
    "risk_of_serious_harm": Term("Risk of serious harm", unit=PERCENT),
}

FINDINGS: dict[str, Term] = {
    "accredited_programme_requirements_not_commenced_pct": Term("Accredited programme requirements not started", unit=PERCENT),
    "annual_report_2023:inspections_covered": Term("Inspections in the 2022-23 annual report", unit=COUNT),
    "annual_report_2023:rated_good": Term("Rated Good, 2022-23 annual report", unit=COUNT),
    "annual_report_2023:rated_inadequate": Term("Rated Inadequate, 2022-23 annual report", unit=COUNT),
    "annual_report_2025:pdus_inspected": Term("PDUs inspected, 2025 annual report", unit=COUNT),
    "annual_report_2025:rated_inadequate": Term("Rated Inadequate, 2025 annual report", unit=COUNT),
    "annual_report_2025:rated_requires_improvement": Term("Rated Requires improvement, 2025 annual report", unit=COUNT),
    "case_quality_standards_rated_inadequate": Term("Case standards rated Inadequate, as the report counts them",
                                                    unit=COUNT),
    "cases_awaiting_assessment_pct": Term("Cases awaiting assessment", unit=PERCENT),
    "cases_community_sentences": Term("Cases on community sentences", unit=CASES),
    "cases_in_custody": Term("Cases in custody", unit=CASES),
    "cases_in_sample_for_cases_no_da_info_request": Term("Cases checked for domestic abuse enquiries", unit=CASES),
    "cases_inaccurate_rosh_classification": Term("Cases with a wrong risk-of-serious-harm level", unit=CASES),
    "cases_inspected": Term("Cases inspected", unit=CASES),
    "cases_inspected_community": Term("Community cases inspected", unit=CASES),
    "cases_inspected_community_orders": Term("Community order cases inspected", unit=CASES),
    "cases_inspected_licence": Term("Licence cases inspected", unit=CASES),
    "cases_inspected_licences": Term("Licence cases inspected", unit=CASES),
    "cases_no_da_info_request": Term("Cases with no domestic abuse enquiry made", unit=CASES),
    "cases_post_release": Term("Cases supervised after release", unit=CASES),
    "cases_reallocated_unification": Term("Cases moved to new practitioners at unification", unit=CASES),
    "cases_reviewed": Term("Cases reviewed", unit=CASES),
    "cases_without_effective_mgmt_oversight": Term("Cases without effective management oversight", unit=CASES),
    "casework_dimensions_rated_inadequate": Term("Casework standards rated Inadequate", unit=COUNT),
    "casework_standards_insufficient_of_4": Term("Casework standards insufficient, of 4", unit=COUNT),
    "claim:first12_inadequate": Term("First 12 inspections rated Inadequate (as claimed)", unit=COUNT),
    "claim:first12_requires_improvement": Term("First 12 inspections rated Requires improvement (as claimed)", unit=COUNT),
    "cs_info_not_requested_cases": Term("Cases with no child safeguarding enquiry made", unit=CASES),
    "da_info_insufficient_pct": Term("Cases with insufficient domestic abuse information", unit=PERCENT),
    "da_info_not_requested_cases": Term("Cases with no domestic abuse enquiry made", unit=CASES),
    "effective_relationship_pct": Term("People on probation with an effective relationship with staff", unit=PERCENT),
    "enforcement_not_undertaken_cases": Term("Cases where enforcement was not taken", unit=CASES),
    "establishment_staff_full": Term("Staff in post with every post filled", unit=COUNT),
    "fieldwork_window": Term("Fieldwork", unit=TEXT),
    "head_of_pdu_months_in_post": Term("Head of PDU's months in post", unit=COUNT),
    "headcount_change_jun2021_to_jun2022": Term("Change in headcount, June 2021 to June 2022", unit=COUNT),
    "mgmt_oversight_missing_or_insufficient_pct": Term("Cases with missing or insufficient management oversight",
                                                       unit=PERCENT),
    "new_pos_expected_next_12_months": Term("New probation officers expected within 12 months", unit=COUNT),
    "news_copy_published": Term("News copy of the press release published", unit=DATE),
    "pct_cases_child_safeguarding_info_not_requested": Term("Cases with no child safeguarding enquiry made",
                                                            unit=PERCENT),
    "pct_cases_da_info_not_requested": Term("Cases with no domestic abuse enquiry made", unit=PERCENT),
    "pct_cases_domestic_abuse_info_not_requested": Term("Cases with no domestic abuse enquiry made", unit=PERCENT),
    "pct_cases_domestic_abuse_police_checks_not_made": Term("Cases with no police domestic abuse check", unit=PERCENT),
    "pct_cases_safeguarding_info_used_in_assessment": Term("Cases whose assessment used safeguarding information",
                                                           unit=PERCENT),
    "pct_victims_contributed_before_release": Term("Victims who contributed before release", unit=PERCENT),
    "pdus_in_region": Term("PDUs in the region", unit=COUNT),
    "published_score_text": Term("Score as published (not comparable)", unit=TEXT,
                                 description="a score in the page's words whose maximum matches no framework"),
    "peer_mentors": Term("Peer mentors", unit=COUNT),
    "people_on_probation": Term("People on probation", unit=COUNT),
    "people_on_probation_total": Term("People on probation supervised by the PDU", unit=COUNT),
    "police_da_responses_outstanding": Term("Police domestic abuse responses outstanding", unit=COUNT),
    "practitioner_interviews": Term("Practitioners interviewed", unit=COUNT),
    "previous_inspection_date": Term("Previous inspection", unit=DATE),
    "recommendations": Term("Recommendations made", unit=COUNT),
    "regional_overall_rating": Term("Regional rating", unit=TEXT),
    "regional_rating:statutory_victim_work": Term("Regional rating of victim work", unit=TEXT),
    "reoffending_rate_barnsley_pct": Term("Reoffending rate, Barnsley", unit=PERCENT),
    "reoffending_rate_rotherham_pct": Term("Reoffending rate, Rotherham", unit=PERCENT),
    "report_published": Term("Report published", unit=DATE),
    "score_uplift_points": Term("Points added to the score by professional judgement", unit=POINTS),
    "service_delivery_standards_rated_inadequate": Term("Service delivery standards rated Inadequate", unit=COUNT),
    "sex_offenders_awaiting_programme": Term("People convicted of sexual offences awaiting a programme", unit=COUNT),
    "sickness_days_lost_per_annum_avg": Term("Sickness absence, days a year per person", unit=DAYS),
    "specialist_accommodation_workers": Term("Specialist accommodation workers", unit=COUNT),
    "spo_in_post": Term("Senior probation officers in post", unit=COUNT),
    "staff_attrition_pct": Term("Staff leaving a year", unit=PERCENT),
    "staff_bame_pct": Term("Staff from ethnic minorities", unit=PERCENT),
    "staff_integrated_unification": Term("Staff who joined at unification", unit=COUNT),
    "staff_spoken_to_reporting_unmanageable_workload_pct": Term("Staff interviewed who called their workload "
                                                                "unmanageable", unit=PERCENT),
    "standards_lifted_within_5pct": Term("Standards lifted from within 5% of the next band", unit=COUNT),
    "standards_rated_inadequate": Term("Standards rated Inadequate", unit=COUNT),
    "standards_rated_inadequate_of_7": Term("Standards rated Inadequate, of 7", unit=COUNT),
    "standards_rated_inadequate_of_9": Term("Standards rated Inadequate, of 9", unit=COUNT),
    "total_caseload_nov2021": Term("People on probation, November 2021", unit=COUNT),
    "unallocated_cases": Term("Cases with no practitioner", unit=CASES),
    "unallocated_mappa_cases": Term("MAPPA cases with no practitioner", unit=CASES),
    "vacancy_rate_reported_after_inspection": Term("Vacancy rate reported after the inspection", unit=TEXT),
    "vacant_positions_london": Term("Vacant posts in London", unit=COUNT),
    "victim_risk_analysis_insufficient_cases": Term("Cases with insufficient analysis of risk to victims", unit=CASES),
    "victims": Term("Victims in contact with the service", unit=COUNT),
    "wm_pdus_inspected_same_round": Term("West Midlands PDUs inspected in the same round", unit=COUNT),
    "years_without_permanent_head_of_service": Term("Years without a permanent head of service", unit=COUNT),
}

# --- columns ----------------------------------------------------------------------------------------------
# Every column a table of the release or of the library carries, with its reader's header. A table's own notes on
# a column (what it holds in that table) stay in `pdukit.dataset.schema`; `describe()` shows both.
COLUMNS: dict[str, Term] = {
    # keys and names
    "source_id": Term("Source id", description="the source's identifier in sources.csv"),
    "source_ids": Term("Sources", description="';'-separated source_id values from sources.csv"),
    "published_source_ids": Term("Sources of the date", description="the sources that state the publication date"),
    "value_source_ids": Term("Sources of the kept value", description="the sources that state the value the release "
                                                                      "keeps"),
    "other_source_ids": Term("Sources of the other value", description="the sources that state the other value"),
    "pdu_id": Term("PDU id", description="the PDU's identifier in pdus.csv"),
    "inspection_id": Term("Inspection id", description="the inspection's identifier: <pdu_id>-<round>"),
    "fact_id": Term("Statement id", description="the identifier of a harvested or transcribed statement"),
    "pdu": Term("PDU", description="Probation Delivery Unit, by the inspectorate's name"),
    "name": Term("Name", description="the PDU's name"),
    "pdu_code": Term("Official code", description="the Ministry of Justice's code of the PDU"),
    "aliases": Term("Other names", description="other spellings seen in sources and the register"),
    "region": Term("Region", description="one of the 12 probation regions"),
    "status": Term("Status", description="current, or since merged into or split between other PDUs"),
    "inspected": Term("Inspected", description="whether the release holds an inspection of the PDU"),
    "inspection": Term("Inspection", description="the PDU and the year (or round) of the inspection"),
    "subject": Term("About", description="the inspection, PDU or region a statement is about"),
    # sources
    "url": Term("Link", description="the web address, or the seed document's file in the repository"),
    "title": Term("Title", description="the document's title"),
    "publisher": Term("Publisher", description="who published the document"),
    "kind": Term("Kind", description="inspectorate, news or other"),
    "author": Term("Author", description="the author or signatory the document names"),
    "linked": Term("Public address", description="whether the source has a web address a reader can open"),
    "copy": Term("Copy in the repository", description="the stored copy in data/raw/seeds the values come from"),
    "quote": Term("Quote", unit=TEXT, description="the source's words, verbatim"),
    # inspections
    "round": Term("Round", unit=COUNT, description="1: published 2022-23; 2: the programme from October 2023"),
    "published": Term("Published", unit=DATE, description="when the document or report was published, only as precisely "
                                                          "as a source gives it"),
    "fieldwork": Term("Fieldwork", unit=TEXT, description="when inspectors were on site, in the source's words"),
    "framework": Term("Inspection programme", description="the inspection rules in force: the 2021 framework, or the programme from October 2023 (labelled by year of publication where known: a year, not a framework of its own)"),
    "framework_label": Term("Inspection programme and year", description="the framework code in words: round 1's "
                                                                         "2021 framework, or round 2 and the year "
                                                                         "its report was published"),
    "overall_rating": Term("Overall rating", description="the inspection's overall rating"),
    "score": Term("Score", unit=POINTS, description="points over the standards rated"),
    "score_max": Term("Out of", unit=POINTS, description="the most points the rated standards allow"),
    "note": Term("Note", unit=TEXT, description="a caveat, or the reasoning behind a value"),
    # ratings
    "standard": Term("Standard", description="one of the framework's standards"),
    "standard_label": Term("Standard", description="the standard's number and name"),
    "rating": Term("Rating", description="Outstanding, Good, Requires improvement or Inadequate"),
    "basis": Term("Stated or implied", description="stated: the source names the standard; implied: from a wider "
                                                   "statement"),
    # staffing, findings, case quality
    "measure": Term("Measure", description="what the figure measures"),
    "grade": Term("Grade", description="the staff grade the figure is about"),
    "value": Term("Value", description="the figure as published, in the measure's unit"),
    "value_text": Term("In the source's words", unit=TEXT, description="the source's wording where it gives no "
                                                                       "exact number"),
    "as_of": Term("As of", unit=DATE, description="the date the figure refers to"),
    "unit": Term("Unit", description="what the value counts"),
    "topic": Term("Topic", description="the piece of work the cases were judged on"),
    "pct": Term("Cases sufficient (%)", unit=PERCENT, description="per cent of inspected cases judged sufficient"),
    "numerator": Term("Cases sufficient", unit=CASES, description="inspected cases judged sufficient"),
    "denominator": Term("Cases inspected", unit=CASES, description="cases inspected on this topic"),
    "requirements_total": Term("Requirements", unit=COUNT, description="unpaid work requirements in the count"),
    "requirements_beyond_12m": Term("Beyond 12 months", unit=COUNT,
                                    description="requirements outstanding more than 12 months after they began"),
    "published_pct": Term("Published (%)", unit=PERCENT, description="the backlog figure as published"),
    "published_definition": Term("Definition", unit=TEXT, description="what the published figure counts"),
    "recomputed_pct": Term("Recomputed (%)", unit=PERCENT,
                           description="requirements beyond 12 months over all requirements"),
    "difference_pts": Term("Difference (points)", unit=PERCENT),
    "comparable": Term("Recomputable", description="whether the counts to recompute the figure are published"),
    # recommendations
    "addressee": Term("Asked of", description="whom a recommendation asks: the PDU, the region or HMPPS"),
    "number": Term("Number", unit=COUNT, description="the recommendation's number in the report"),
    "text": Term("Recommendation", unit=TEXT, description="the recommendation as published"),
    "theme": Term("Theme", description="what a recommendation is about"),
    # disagreements
    "table": Term("Table", description="the table the disagreement is about"),
    "key": Term("Row", description="the key of the row the disagreement is about, its parts '|'-separated"),
    "field": Term("Field", description="the column the sources disagree on"),
    "other_value": Term("Other value", description="the value another source gives"),
    "resolution": Term("Why", unit=TEXT, description="what the release keeps, and why"),
    # official staffing
    "scope": Term("Area", description="a probation region, or England and Wales"),
    "period_from": Term("Period from", unit=DATE, description="the first month of the period a figure covers"),
    "series": Term("Series", description="figures of one publisher on one definition: only these form a time series"),
    "definition": Term("Definition", unit=TEXT, description="what the figure counts, in the source's words"),
    # dynamic inspections of public protection
    "report_number": Term("Report number", unit=COUNT, description="the report's place in the programme"),
    "announced": Term("Announced", unit=DATE, description="when the inspection was announced"),
    "cases_inspected": Term("Cases inspected", unit=CASES, description="cases the inspectors read"),
    "judgement": Term("Chief Inspector's judgement", unit=TEXT, description="the report's words: these inspections "
                                                                           "give no rating"),
    "counted": Term("Counted in", description="cases, or assignments (several to a case)"),
    "published_year": Term("Year published", unit=DATE, description="the year of publication a rule is for"),
    # rules
    "points": Term("Points", unit=POINTS, description="the points a rating earns towards an inspection's score"),
    "verified": Term("Confirmed by a primary source", description="true where an inspectorate document states the "
                                                                  "rule; false for a working assumption"),
    "domain": Term("Domain", unit=COUNT, description="1: organisational delivery (standards 1.1 to 1.4); 2: case "
                                                     "supervision (2.1 to 2.5)"),
    "optional": Term("May be unrated", description="whether the standard may go unrated at PDU level"),
    "min_score": Term("Lowest score", unit=POINTS, description="the lowest score known to carry the rating"),
    "max_score": Term("Highest score", unit=POINTS, description="the highest score known to carry the rating"),
    "min_pct": Term("From (%)", unit=PERCENT, description="the lowest per cent of sufficient cases for the rating"),
    "max_pct": Term("To (%)", unit=PERCENT, description="the highest per cent of sufficient cases for the rating"),
    # derived by the library
    "n": Term("n", unit=COUNT, description="how many the figure is out of"),
    "count": Term("Count", unit=COUNT),
    "share": Term("Share", unit=SHARE, description="count over n"),
    "low": Term("95% interval from", unit=SHARE, description="lower end of the 95% Wilson interval"),
    "high": Term("95% interval to", unit=SHARE, description="upper end of the 95% Wilson interval"),
    "change": Term("Change", description="improved, no change, worse or not known"),
    "first_inspection": Term("First inspection"), "second_inspection": Term("Latest inspection"),
    "first_rating": Term("First rating"), "second_rating": Term("Latest rating"),
    "first_published": Term("First published", unit=DATE), "second_published": Term("Latest published", unit=DATE),
    "first_framework": Term("First framework"), "second_framework": Term("Latest framework"),
    "year": Term("Year of publication"),
    "check": Term("Check"), "detail": Term("Detail", unit=TEXT),
    "label": Term("Standard"), "stated": Term("Stated", unit=COUNT), "implied": Term("Implied", unit=COUNT),
    "inadequate_stated": Term("Inadequate, stated", unit=COUNT),
    "inadequate_implied": Term("Inadequate, implied", unit=COUNT),
    "consistent": Term("Consistent", unit=COUNT), "disputed": Term("Disputed", unit=COUNT),
    "not_recomputable": Term("Cannot be recomputed", unit=COUNT),
    "Not known": Term("Not known", unit=COUNT, description="inspections whose rating is in no source"),
    **{r: Term(r, unit=COUNT, description=f"inspections rated {r}") for r in RATINGS},
    "recomputed": Term("Recomputed"), "result": Term("Result"),
    **{g: Term(f"{t.short} vacancy rate (%)", unit=PERCENT, description=f"{t.plural}: per cent of target posts vacant")
       for g, t in GRADES.items() if g in CORE_GRADES},
    "overall": Term("All-staff vacancy rate (%)", unit=PERCENT),
    "inspections": Term("Inspections", unit=COUNT), "this PDU": Term("This PDU"),
    **{code: Term(t.label, unit=t.unit, description=t.description) for code, t in OUTCOMES.items()},
    **{column: Term(STAFFING_MEASURES[m].label + (f" ({'%' if STAFFING_MEASURES[m].unit == PERCENT else STAFFING_MEASURES[m].unit})"),
                    unit=STAFFING_MEASURES[m].unit, description=STAFFING_MEASURES[m].description)
       for m, column in MEASURE_COLUMNS.items()},
}

# --- the glossary -------------------------------------------------------------------------------------------
GLOSSARY: dict[str, Term] = {
    "PDU": Term("PDU", short="PDU", description="Probation Delivery Unit",
                glossary="Probation Delivery Unit: the local probation service, usually covering one or a few local "
                         "authority areas. The Ministry of Justice's register lists every PDU with its official code; the "
                         "national report counts them."),
    "HMI Probation": Term("HMI Probation", description="HM Inspectorate of Probation",
                          glossary="HM Inspectorate of Probation, the independent inspectorate of probation services "
                                   "in England and Wales."),
    "HMPPS": Term("HMPPS", short="HMPPS", description="HM Prison and Probation Service",
                  glossary="HM Prison and Probation Service: the agency of the Ministry of Justice that runs the "
                           "Probation Service in England and Wales and publishes its workforce statistics."),
    "SPO": Term("SPO", description=GRADES["spo"].label.lower(), glossary=GRADES["spo"].glossary),
    "PO": Term("PO", description=GRADES["po"].label.lower(), glossary=GRADES["po"].glossary),
    "PSO": Term("PSO", description=GRADES["pso"].label.lower(), glossary=GRADES["pso"].glossary),
    "vacancy rate": Term("vacancy rate", description="per cent of target posts unfilled",
                         glossary="Per cent of the target number of posts (by grade) that are unfilled. Negative "
                                  "means more staff in post than the target."),
    "caseload": Term("caseload", description="cases held per practitioner",
                     glossary="Caseload: the number of cases (people on probation) a practitioner holds. It is a "
                              "count, not a measure of effort."),
    "WMT": Term("WMT", short="WMT", description="Workload Measurement Tool",
                glossary="Workload Measurement Tool: HM Prison and Probation Service's measure of how much work a "
                         "practitioner's cases take, as a per cent of their capacity. Over 110% for four weeks counts "
                         "as excessive. Workload and caseload are different measures and are never compared as one."),
    "unpaid work": Term("unpaid work", description="work in the community ordered by a court",
                        glossary="Unpaid work: hours of work in the community that a court orders as part of a "
                                 "sentence. A backlog is the requirements (or hours) still outstanding long after they "
                                 "began; reports measure it in different ways."),
    "court work": Term("court work", description="advice to courts before sentence",
                       glossary="Court work (standard 2.1): the reports and advice probation gives a court before it "
                                "sentences. Some PDU inspections did not rate it, so their score is out of 24, not 27."),
    "risk of harm": Term("risk of harm", description="the risk a person poses to others",
                         glossary="Risk of harm: the risk that a person on probation will cause serious harm to "
                                  "others. Inspectors judge whether work to assess, plan for, manage and review it "
                                  "(keeping people safe) was sufficient in each case they read."),
    "MAPPA": Term("MAPPA", short="MAPPA", description="Multi-Agency Public Protection Arrangements",
                  glossary="Multi-Agency Public Protection Arrangements: how police, probation and prisons manage "
                           "people convicted of violent and sexual offences who pose the highest risks."),
    "round": Term("round", description="inspection programme",
                  glossary="Round 1: the first programme of PDU inspections after the probation service was unified "
                           "in June 2021 (reports published 2022-23). Round 2: the programme from October 2023 "
                           "(published 2024-25)."),
    "framework": Term("framework", description="the inspection's rules",
                      glossary="The standards an inspection rates and how. The 2021 framework rates nine standards "
                               "(1.1 Leadership to 2.5 Reviewing) Outstanding, Good, Requires improvement or "
                               "Inadequate, worth 3, 2, 1 or 0 points, summed out of 27 (24 where court work is not "
                               "rated). The programme from October 2023 changed the rules, so scores and ratings are "
                               "compared only within one framework. In these data, a round 2 inspection's framework "
                               "is labelled by its year of publication where a source gives it: 2024 and 2025 are "
                               "years of one programme, not two frameworks."),
    "stated": Term("stated", description=BASES["stated"].description,
                   glossary="Stated rating: the source gives the rating of this standard by name."),
    "implied": Term("implied", description="follows from a wider statement",
                    glossary="Implied rating: it follows from a wider statement such as 'all four case standards "
                             "were Inadequate'. Counted apart from stated ratings."),
    "score band": Term("score band", description="score range for an overall rating",
                       glossary="The range of scores that carries each overall rating. The bands are not confirmed "
                                "by a primary source: pdukit holds only the ranges seen in published pairs of score "
                                "and rating, marked unverified."),
    "case quality": Term("case quality", description="share of inspected cases judged sufficient",
                         glossary="The per cent of the cases inspectors read in which a piece of work (for example, "
                                  "assessing risk of harm) was judged sufficient."),
    "Spearman's rho": Term("Spearman's rho", description="a rank correlation, from -1 to +1",
                           glossary="Spearman's rho: how closely two measures rise and fall together in rank order, "
                                    "from -1 (one always lower where the other is higher) through 0 (no pattern) to "
                                    "+1 (both rise together). It shows association, never cause; pdukit reports it "
                                    "only when at least 8 inspections give both figures, with its 95% interval."),
    "FTE": Term("FTE", short="FTE", description="full-time equivalent",
                glossary="Full-time equivalent: staff counted by the hours they work, so two half-time posts are "
                         "one FTE. Official vacancy and staff-in-post figures are in FTE."),
    "rating": Term("rating", description="Outstanding, Good, Requires improvement or Inadequate",
                   glossary="Ratings, best to worst: Outstanding, Good, Requires improvement, Inadequate. Each "
                            "standard is rated, and the inspection gets an overall rating."),
    "case supervision standards": Term("case supervision standards", description="standards 2.2 to 2.5",
                                       glossary="Case supervision standards: 2.2 Assessment, 2.3 Planning, 2.4 "
                                                "Implementation and delivery and 2.5 Reviewing, rated from the cases "
                                                "inspectors read. Some reports count court work (2.1) with them."),
    "organisational standards": Term("organisational standards", description="standards 1.1 to 1.4",
                                     glossary="Organisational standards: 1.1 Leadership, 1.2 Staff, 1.3 Services and "
                                              "1.4 Information and facilities."),
    "official code": Term("official code", description="the Ministry of Justice's code of a PDU",
                          glossary="Official code: the code the Ministry of Justice's register gives each PDU (such "
                                   "as N54DUR), which stays the same when names are spelt differently."),
    "data release": Term("data release", description="a dated, fixed version of the data",
                         glossary="Data release: a dated version of the pdukit data (for example, data release 2026-12-01). A "
                                  "release never changes; corrections come in a new one, so a page names the release "
                                  "it was made from."),
    "inspection of public protection": Term("inspection of public protection",
                                            description="the 2025-26 region-by-region inspections",
                                            glossary="From October 2025 HM Inspectorate of Probation inspects "
                                                     "probation's public protection work region by region (it calls "
                                                     "them dynamic inspections). They give a judgement in words, not "
                                                     "a rating, and are never counted with PDU ratings."),
    "95% interval": Term("95% interval", description="the range the true figure plausibly lies in",
                         glossary="95% interval: the range of values consistent with the data at the 95% level. "
                                  "Shares use the Wilson interval, correlations a bootstrap; with few inspections "
                                  "the range is wide, and two ranges that overlap do not show a difference."),
}


def glossary_anchor(key: str) -> str:
    """The id of a glossary entry on glossary.html ('Spearman's rho' -> 'spearmans-rho')."""
    from pdukit.dataset.names import slug

    return slug(key.replace("'", ""))


VOCABULARIES: dict[str, dict[str, Term]] = {
    "grade": GRADES, "staffing measure": STAFFING_MEASURES, "outcome": OUTCOMES, "rating": RATING_TERMS,
    "standard": STANDARDS, "basis": BASES, "change": CHANGES, "addressee": ADDRESSEES, "PDU status": PDU_STATUSES,
    "source kind": SOURCE_KINDS, "audit check": AUDIT_CHECKS, "audit status": AUDIT_STATUSES,
    "case-quality topic": TOPICS, "finding": FINDINGS, "column": COLUMNS, "glossary term": GLOSSARY,
    "official measure": OFFICIAL_MEASURES, "unit": OFFICIAL_UNITS, "area": OFFICIAL_SCOPES, "series": OFFICIAL_SERIES,
    "framework": FRAMEWORKS, "public protection kind": PP_KINDS, "public protection topic": PP_TOPICS,
    "counted in": PP_COUNTED,
}
