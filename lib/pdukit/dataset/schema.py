"""The release's tables: one declaration per table, read by the loader, the validator and the manifest.

Every table is a CSV file in a release folder. A column is declared once here with its type, whether it may be
empty, the values it allows and its range (or the rule that gives its range), and a table's own note on it; its
reader's label, unit and general meaning are in `pdukit.dataset.vocabulary.COLUMNS`. Nothing else in the kit
repeats those facts: the validator, the loader, the manifest and the data dictionary (`pdukit.describe()`) read
them here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RATINGS = ("Inadequate", "Requires improvement", "Good", "Outstanding")  # worst to best

REGIONS = (
    "North East",
    "North West",
    "Greater Manchester",
    "Yorkshire and the Humber",
    "West Midlands",
    "East Midlands",
    "East of England",
    "Wales",
    "London",
    "Kent, Surrey and Sussex",
    "South West",
    "South Central",
)

STANDARDS = (
    "leadership",
    "staff",
    "services",
    "information_and_facilities",
    "court_work",
    "assessment",
    "planning",
    "implementation_and_delivery",
    "reviewing",
)

STANDARD_LABELS = {
    "leadership": "1.1 Leadership",
    "staff": "1.2 Staff",
    "services": "1.3 Services",
    "information_and_facilities": "1.4 Information and facilities",
    "court_work": "2.1 Court work",
    "assessment": "2.2 Assessment",
    "planning": "2.3 Planning",
    "implementation_and_delivery": "2.4 Implementation and delivery",
    "reviewing": "2.5 Reviewing",
}

STAFFING_MEASURES = (
    "vacancy_rate",  # per cent of target posts vacant; negative = over target
    "caseload_avg",  # cases held per practitioner
    "workload_pct",  # per cent of capacity on the Workload Measurement Tool
    "pct_of_target_in_post",  # per cent of target staff in post
    "headcount",
    "sickness_days_avg",
)
# Range of `value` in staffing.csv for each measure (vacancy can be negative: over target): the one range rule of
# that column (a `range_by` rule of the staffing table, declared with it below; the column itself has no bounds).
STAFFING_RANGES = {
    "vacancy_rate": (-100, 100),
    "caseload_avg": (0, 500),
    "workload_pct": (0, 400),
    "pct_of_target_in_post": (0, 300),
    "headcount": (0, 100_000),
    "sickness_days_avg": (0, 366),
}
GRADES = (
    "spo", "po", "pso", "overall", "other", "unpaid_work", "accredited_programmes", "statutory_victim_work",
)
ADDRESSEES = ("pdu", "region", "hmpps")
BASES = ("stated", "implied")
SOURCE_KINDS = ("inspectorate", "news", "other", "official")  # official: from 2026-12-01 (OFFICIAL_RELEASE)
PDU_STATUSES = ("current", "merged")
FIRST_RELEASE = "2026-11-22"
REGISTER_RELEASE = "2026-11-22b"  # the first release whose pdus.csv is the MoJ register
OFFICIAL_RELEASE = "2026-12-01"  # the first release with official staffing, the public protection inspections,
# framework rules as curation data, and sources marked linked or not
FRAMEWORKS = ("2021", "2024", "2025", "2023")  # '2023' (from OFFICIAL_RELEASE): round 2, year of publication unknown
PUBLIC_PROTECTION_FRAMEWORK = "2025-public-protection"  # never a PDU inspection's framework

NATIONAL = "England and Wales"
OFFICIAL_SCOPES = (NATIONAL, *REGIONS)
OFFICIAL_MEASURES = (
    "vacancies",  # posts or FTE unfilled (against the target staffing level, where the source says so)
    "staff_in_post",
    "staff_required",  # the target or required staffing level
    "vacancy_rate",  # per cent, only as published
    "pct_of_target_in_post",  # per cent, only as published
    "caseload_avg",  # cases per practitioner
    "workload_pct",  # per cent of capacity on the Workload Measurement Tool
    "leaving_rate",  # per cent leaving in 12 months
    "people_on_probation",  # the service's caseload: people supervised
    "regions_beyond_capacity",  # count of regions
    "staff_required_underestimate",  # staff the service found it had under-counted
)
OFFICIAL_GRADES = ("overall", "po", "pso", "po_and_pso", "trainee_po", "sentence_management")
OFFICIAL_UNITS = ("fte", "headcount", "count", "percent", "cases", "people", "unstated")
PP_KINDS = ("case_quality", "staffing", "practice", "programme")
PP_TOPICS = (
    "keeping_safe", "assessment", "planning", "implementation_and_delivery", "reviewing", "risk_of_harm_assessment",
    "work_to_address_risk", "domestic_abuse_multi_agency", "management_oversight", "child_protection_information",
    "child_safeguarding", "po_target_staffing", "understaffing", "recruitment_and_retention", "workforce_stability",
    "staffing_challenges", "capacity", "vetting", "vacancies", "programme_scope", "cases_insufficient_before",
    "guidance_published", "programme_start",
)
PP_COUNTED = ("cases", "assignments")

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SOURCE_IDS = r"^[a-z0-9][a-z0-9-]*(;[a-z0-9][a-z0-9-]*)*$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Column:
    """One column: `kind` is string, integer, number, boolean, partial_date or source_ids."""

    name: str
    kind: str = "string"
    required: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    description: str = ""
    since: str = ""  # the first release that has this column; earlier releases are read without it
    values_since: tuple[tuple[str, str], ...] = ()  # (allowed value, first release that allows it)

    def allowed_for(self, version: str) -> tuple[str, ...] | None:
        """The values a release of `version` allows: those introduced later are left out of its manifest."""
        if self.allowed is None:
            return None
        later = {value for value, since in self.values_since if since > version}
        return tuple(v for v in self.allowed if v not in later)


@dataclass(frozen=True)
class Rule:
    """A check that relates columns of one table to each other or to another table, declared beside the table.

    kind: 'not_above' (column <= other column of the same row), 'same_as' (column equals the other table's
    column for the row it references), 'range_by' (column within bounds chosen by another column, as
    STAFFING_RANGES by measure: the column's only range), 'not_after_release' (a partial date no later than the
    release's own date)."""

    kind: str
    column: str
    other: str = ""
    via: str = ""
    ranges: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Table:
    """One CSV file of a release, its key and its references to other tables (column -> table.column)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    references: dict[str, str] = field(default_factory=dict)
    description: str = ""
    rules: tuple[Rule, ...] = ()
    since: str = ""  # the first release that has this table; earlier releases have no such file

    @property
    def filename(self) -> str:
        """The table's file name in a release folder."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        """The columns in file order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The declaration of one column."""
        return next(c for c in self.columns if c.name == name)


def column_bounds(table: Table, column: Column) -> tuple[float | None, float | None]:
    """The lowest and highest value a column may hold: its own minimum and maximum, or, for a column whose range
    a `range_by` rule chooses, the lowest and highest of the rule's ranges (a value of any kind)."""
    ranges = [r.ranges for r in table.rules if r.kind == "range_by" and r.column == column.name]
    if ranges:
        return min(low for _, low, _ in ranges[0]), max(high for _, _, high in ranges[0])
    return column.minimum, column.maximum


# What the manifests of releases up to a version declared for a column that has since changed: (table, column) ->
# the last release that declared it and the bounds or description it declared. A rebuild of such a release writes
# them again, so it stays byte for byte what was published; validation always applies today's rules, which only
# allow more. staffing.value had its own range of -100 to 1000 beside STAFFING_RANGES, which refused a headcount
# of 1500 that STAFFING_RANGES allows: STAFFING_RANGES is now its one rule. The seed documents moved from
# shared/seeds to data/raw/seeds.
@dataclass(frozen=True)
class Declared:
    """What the manifests of releases up to `until` declared for a column (None: as the schema declares it now)."""

    until: str
    minimum: float | None = None
    maximum: float | None = None
    description: str | None = None


AS_PUBLISHED: dict[tuple[str, str], Declared] = {
    ("staffing", "value"): Declared(OFFICIAL_RELEASE, minimum=-100, maximum=1000),
    ("sources", "url"): Declared(OFFICIAL_RELEASE,
                                 description="Web address, or 'seed:<file>' for a document in shared/seeds"),
}


def columns_for(table: Table, version: str) -> list[str]:
    """The columns a release of `version` has: those introduced later are left out of earlier releases."""
    return [c.name for c in table.columns if not c.since or c.since <= version]


def tables_for(version: str) -> list[Table]:
    """The tables a release of `version` has: those introduced later are not files of earlier releases."""
    return [t for t in TABLES.values() if not t.since or t.since <= version]


def _sources(required: bool = True) -> Column:
    return Column("source_ids", "source_ids", required, pattern=SOURCE_IDS,
                  description="';'-separated source_id values from sources.csv")


def _note() -> Column:
    return Column("note", description="Caveat or the reasoning behind a value")


def _pct(name: str, description: str, minimum: float = 0) -> Column:
    return Column(name, "number", minimum=minimum, maximum=100, description=description)


TABLES: dict[str, Table] = {}


def _add(table: Table) -> None:
    TABLES[table.name] = table


_add(Table("sources", (
    Column("source_id", required=True, pattern=SLUG),
    Column("url", required=True, description="Web address, or 'seed:<file>' for a document in data/raw/seeds"),
    Column("title", required=True),
    Column("publisher", required=True),
    Column("published", "partial_date", pattern=PARTIAL_DATE, description="Only the precision the source gives"),
    Column("kind", required=True, allowed=SOURCE_KINDS, values_since=(("official", OFFICIAL_RELEASE),)),
    Column("author", since=OFFICIAL_RELEASE,
           description="The author or signatory as the document names them; empty where it names none"),
    Column("linked", "boolean", True, since=OFFICIAL_RELEASE,
           description="true when url is a public web address a reader can open; false for a document known only "
                       "from a copy in the repository or a page whose address was not recorded"),
    Column("copy", since=OFFICIAL_RELEASE,
           description="'seed:<file>': the copy in data/raw/seeds the values were transcribed from"),
), key=("source_id",), description="Every document a value comes from."))

_add(Table("pdus", (
    Column("pdu_id", required=True, pattern=SLUG),
    Column("name", required=True, description="The inspectorate's spelling where inspected, else the register's"),
    Column("region", required=True, allowed=REGIONS, description="From the MoJ register (from release 2026-11-22b)"),
    Column("aliases", description="Other spellings seen in sources and the register's spelling, ';'-separated"),
    Column("pdu_code", required=True, pattern=r"^[A-Z0-9]+$", since=REGISTER_RELEASE,
           description="The Ministry of Justice's official PDU code"),
    Column("status", required=True, allowed=PDU_STATUSES, since=REGISTER_RELEASE,
           description="current, or merged: since merged into or split between other PDUs"),
    Column("inspected", "boolean", True, since=REGISTER_RELEASE,
           description="true when the release holds at least one inspection of the PDU"),
    _sources(),
), key=("pdu_id",), description="Probation Delivery Units: every geographic PDU of the MoJ register (from release "
   "2026-11-22b; before it, only those named by a source)."))

_add(Table("inspections", (
    Column("inspection_id", required=True, pattern=SLUG, description="<pdu_id>-<round>"),
    Column("pdu_id", required=True),
    Column("region", required=True, allowed=REGIONS),
    Column("round", "integer", True, minimum=1, maximum=2,
           description="1 = first programme after unification (published 2022-2023), 2 = second (2024-2025)"),
    Column("published", "partial_date", pattern=PARTIAL_DATE, description="Report publication; precision as sourced"),
    Column("published_source_ids", "source_ids", pattern=SOURCE_IDS),
    Column("fieldwork", description="Fieldwork period in the source's words"),
    Column("framework", allowed=FRAMEWORKS, values_since=(("2023", OFFICIAL_RELEASE),),
           description="Inspection framework, by programme and publication year"),
    Column("overall_rating", allowed=RATINGS),
    Column("score", "integer", minimum=0, maximum=27),
    Column("score_max", "integer", minimum=1, maximum=27),
    _sources(),
    _note(),
), key=("inspection_id",), references={"pdu_id": "pdus.pdu_id"},
    rules=(Rule("same_as", "region", "pdus.region", via="pdu_id"), Rule("not_above", "score", "score_max"),
           Rule("not_after_release", "published")),
    description="One row per inspection of a PDU; a PDU inspected twice has two rows."))

_add(Table("ratings", (
    Column("inspection_id", required=True),
    Column("standard", required=True, allowed=STANDARDS),
    Column("rating", allowed=RATINGS, description="Empty where sources contradict each other"),
    Column("basis", required=True, allowed=BASES,
           description="stated: the source names this standard; implied: it follows from a wider statement"),
    _sources(),
    _note(),
), key=("inspection_id", "standard"), references={"inspection_id": "inspections.inspection_id"},
    description="Rating of each standard of an inspection."))

_add(Table("staffing", (
    Column("inspection_id", description="Empty for region-wide figures"),
    Column("region", required=True, allowed=REGIONS),
    Column("measure", required=True, allowed=STAFFING_MEASURES),
    Column("grade", required=True, allowed=GRADES),
    Column("value", "number", True),  # its range depends on the measure: STAFFING_RANGES, the range_by rule below
    Column("as_of", "partial_date", pattern=PARTIAL_DATE),
    _sources(),
    _note(),
), key=("inspection_id", "region", "measure", "grade", "as_of"),
    references={"inspection_id": "inspections.inspection_id"},
    rules=(Rule("range_by", "value", "measure", ranges=tuple((m, lo, hi) for m, (lo, hi) in STAFFING_RANGES.items())),
           Rule("not_after_release", "as_of")),
    description="Vacancy rates (%), caseloads (cases held), workloads (% of WMT capacity) and other staffing figures."))

_add(Table("case_quality", (
    Column("inspection_id"),
    Column("region", required=True, allowed=REGIONS),
    Column("topic", required=True, pattern=r"^[a-z_]+$"),
    _pct("pct", "Per cent of inspected cases judged sufficient, as published"),
    Column("numerator", "integer", minimum=0),
    Column("denominator", "integer", minimum=1),
    Column("value_text", description="The source's wording where it gives no exact number"),
    _sources(),
    _note(),
), key=("inspection_id", "region", "topic"), references={"inspection_id": "inspections.inspection_id"},
    rules=(Rule("not_above", "numerator", "denominator"),),
    description="Case-quality percentages (share of inspected cases judged sufficient)."))

_add(Table("unpaid_work", (
    Column("inspection_id"),
    Column("region", required=True, allowed=REGIONS),
    Column("requirements_total", "integer", minimum=0),
    Column("requirements_beyond_12m", "integer", minimum=0),
    _pct("published_pct", "The figure as published"),
    Column("published_definition", required=True),
    Column("as_of", "partial_date", pattern=PARTIAL_DATE),
    _sources(),
    _note(),
), key=("inspection_id", "region", "published_definition", "as_of"),
    references={"inspection_id": "inspections.inspection_id"},
    description="Unpaid work backlog: requirements outstanding beyond 12 months."))

_add(Table("recommendations", (
    Column("inspection_id", required=True),
    Column("addressee", required=True, allowed=ADDRESSEES),
    Column("number", "integer", minimum=1, description="Number in the report; empty where the source quotes one alone"),
    Column("text", required=True),
    _sources(),
), key=("inspection_id", "addressee", "text"), references={"inspection_id": "inspections.inspection_id"},
    description="Recommendations of an inspection and whom they address."))

_add(Table("findings", (
    Column("inspection_id"),
    Column("region", allowed=REGIONS, description="Empty for national statements"),
    Column("measure", required=True, pattern=r"^[a-z0-9_:]+$"),
    Column("value", "number"),
    Column("value_text"),
    Column("as_of", "partial_date", pattern=PARTIAL_DATE),
    _sources(),
    _note(),
), key=("inspection_id", "region", "measure", "as_of"), references={"inspection_id": "inspections.inspection_id"},
    description="Other figures and statements: regional ratings, counts, national claims."))

_add(Table("disagreements", (
    Column("table", required=True),
    Column("key", required=True),
    Column("field", required=True),
    Column("value", description="The value the release keeps"),
    Column("value_source_ids", "source_ids", pattern=SOURCE_IDS),
    Column("other_value", required=True),
    Column("other_source_ids", "source_ids", pattern=SOURCE_IDS,
           description="Empty where no cited source states the other value (the resolution says where it came from)"),
    Column("resolution", required=True),
), key=("table", "key", "field", "other_value", "other_source_ids"),
    description="Where sources state a value differently: both values, both sources, and what the release keeps."))

_add(Table("evidence", (
    Column("fact_id", required=True, pattern=r"^[a-z]+-\d+$"),
    Column("subject", required=True, description="inspection_id, or the region for regional facts"),
    Column("measure", required=True),
    Column("value", required=True),
    Column("basis", required=True, allowed=BASES),
    Column("source_ids", "source_ids", True, pattern=SOURCE_IDS),
    Column("quote", required=True),
    _note(),
), key=("fact_id",), description="Every harvested or transcribed statement behind the tables, with its verbatim quote."))

_add(Table("rule_points", (
    Column("framework", required=True),
    Column("rating", required=True, allowed=RATINGS),
    Column("points", "integer", True, minimum=0, maximum=3),
    Column("verified", "boolean", True),
    _sources(),
    _note(),
), key=("framework", "rating"), description="Points each rating earns towards an inspection's score."))

_add(Table("rule_standards", (
    Column("framework", required=True),
    Column("standard", required=True, allowed=STANDARDS),
    Column("domain", "integer", True, minimum=1, maximum=2),
    Column("optional", "boolean", True, description="True where the standard may be unrated at PDU level"),
    Column("verified", "boolean", True),
    _sources(),
    _note(),
), key=("framework", "standard"), description="Standards scored under each framework."))

_add(Table("rule_bands", (
    Column("framework", required=True),
    Column("score_max", "integer", True, minimum=1, maximum=27),
    Column("rating", required=True, allowed=RATINGS),
    Column("min_score", "integer", minimum=0, maximum=27),
    Column("max_score", "integer", minimum=0, maximum=27),
    Column("verified", "boolean", True),
    _sources(),
    _note(),
), key=("framework", "score_max", "rating"), description="Score ranges known to carry each overall rating."))

_add(Table("rule_case_thresholds", (
    Column("framework", required=True),
    Column("rating", required=True, allowed=RATINGS),
    _pct("min_pct", "Lowest percentage of sufficient cases for this rating"),
    _pct("max_pct", "Highest percentage (exclusive below 100)"),
    Column("verified", "boolean", True),
    _sources(),
    _note(),
), key=("framework", "rating"), description="Rating a standard gets from its share of sufficient cases."))

# --- from release 2026-12-01: official staffing, and the dynamic inspections of public protection ---------------
_add(Table("official_staffing", (
    Column("scope", required=True, allowed=OFFICIAL_SCOPES, description="A probation region, or England and Wales"),
    Column("measure", required=True, allowed=OFFICIAL_MEASURES),
    Column("grade", required=True, allowed=OFFICIAL_GRADES, description="The staff the figure counts"),
    Column("unit", required=True, allowed=OFFICIAL_UNITS,
           description="fte, headcount, count (posts or people, as the source says), percent, cases, people, or "
                       "unstated where the source does not say"),
    Column("value", "number", minimum=0, maximum=1_000_000, description="The figure as published; empty where the "
                                                                        "source gives words only"),
    Column("value_text", description="The source's words where it gives no exact number"),
    Column("period_from", "partial_date", pattern=PARTIAL_DATE,
           description="First month of the period a figure over a period covers; empty for a point in time"),
    Column("as_of", "partial_date", pattern=PARTIAL_DATE,
           description="The date the figure refers to (a period's last month), at the source's precision"),
    Column("series", required=True, pattern=r"^[a-z0-9_]+$",
           description="Figures of one publisher on one definition (and one vintage where the publisher revised "
                       "it): only figures of one series form a time series"),
    Column("definition", required=True, description="What the figure counts, in the source's words"),
    _sources(),
    _note(),
), key=("scope", "measure", "grade", "unit", "series", "period_from", "as_of"),
    rules=(Rule("not_after_release", "as_of"),), since=OFFICIAL_RELEASE,
    description="Official staffing figures for a region or England and Wales (vacancies, staff in post, caseloads, "
                "workloads, leaving rates), each dated, with its definition and series."))

_add(Table("regional_inspections", (
    Column("inspection_id", required=True, pattern=SLUG, description="<region>-public-protection"),
    Column("region", required=True, allowed=REGIONS),
    Column("framework", required=True, allowed=(PUBLIC_PROTECTION_FRAMEWORK,),
           description="The dynamic inspection of public protection (from October 2025): never pooled with PDU "
                       "ratings"),
    Column("report_number", "integer", minimum=1, maximum=12,
           description="The report's place in the programme, where the inspectorate states it"),
    Column("announced", "partial_date", pattern=PARTIAL_DATE),
    Column("fieldwork", description="When inspectors were on site, in the source's words"),
    Column("published", "partial_date", pattern=PARTIAL_DATE, description="Report publication; precision as sourced"),
    Column("published_source_ids", "source_ids", pattern=SOURCE_IDS),
    Column("cases_inspected", "integer", minimum=1),
    Column("judgement", description="The Chief Inspector's judgement, in the report's words (these inspections give "
                                    "no rating)"),
    _sources(),
    _note(),
), key=("inspection_id",), rules=(Rule("not_after_release", "published"),), since=OFFICIAL_RELEASE,
    description="One row per region's dynamic inspection of public protection (2025-26)."))

_add(Table("public_protection", (
    Column("inspection_id", description="Empty for statements about the programme as a whole"),
    Column("kind", required=True, allowed=PP_KINDS),
    Column("topic", required=True, allowed=PP_TOPICS),
    _pct("pct", "Per cent, only where the source prints one"),
    Column("numerator", "integer", minimum=0),
    Column("denominator", "integer", minimum=1),
    Column("counted", allowed=PP_COUNTED, description="What the per cent or count is of: cases, or assignments"),
    Column("value_text", description="The source's words"),
    Column("as_of", "partial_date", pattern=PARTIAL_DATE),
    _sources(),
    _note(),
), key=("inspection_id", "kind", "topic"), references={"inspection_id": "regional_inspections.inspection_id"},
    rules=(Rule("not_above", "numerator", "denominator"), Rule("not_after_release", "as_of")), since=OFFICIAL_RELEASE,
    description="What the dynamic inspections of public protection state: shares of cases sufficient (numbers only "
                "where printed), staffing and practice statements."))

_add(Table("rule_frameworks", (
    Column("round", "integer", True, minimum=1, maximum=2),
    Column("published_year", pattern=r"^\d{4}$", description="The year of publication the rule is for; empty: any "
                                                             "year, or the year not known"),
    Column("framework", required=True, allowed=FRAMEWORKS),
    Column("verified", "boolean", True),
    _sources(),
    _note(),
), key=("round", "published_year"), since=OFFICIAL_RELEASE,
    description="The framework an inspection of a round (and year of publication) was under: the rule inspections.csv "
                "takes its framework from."))
