"""Facts: every statement the build reads (harvested, transcribed from the seeds, added on review), and the
subject each belongs to: an inspection (<pdu_id>-<round>), a region, or the nation."""

from __future__ import annotations

import re
from collections import defaultdict

from pdukit.dataset.build.inputs import Inputs, Row
from pdukit.dataset.build.merge import Fact, year
from pdukit.dataset.build.sources import SourceBook
from pdukit.errors import BuildError

# The word that shows a quote names a standard rather than implying it from "all four standards".
STANDARD_WORDS = {"leadership": "leadership", "staff": "staff", "services": r"\bservices\b",
                  "information_and_facilities": "information", "court_work": "court", "assessment": "assess",
                  "planning": "planning", "implementation_and_delivery": "implementation", "reviewing": "review"}
WIDER_STATEMENT = re.compile(r"\ball (four|five|seven|categories)\b", re.I)


def _harvested_basis(measure: str, quote: str) -> str:
    """'implied' where a harvested rating rests on "all four standards ..." and the quote never names it."""
    named = STANDARD_WORDS.get(measure.removeprefix("rating:"), "")
    implied = measure.startswith("rating:") and WIDER_STATEMENT.search(quote) and not (named and re.search(named, quote, re.I))
    return "implied" if implied else "stated"


def load_facts(inputs: Inputs) -> list[Fact]:
    """Every statement, in a stable order: harvested (hmip-N), transcribed (seed-N), added on review (review-N)."""
    facts = []
    for i, row in enumerate(inputs.raw("hmip-facts.csv"), start=1):
        facts.append(Fact(f"hmip-{i}", row["pdu"], row["region"], row["published"], row["measure"], row["value"],
                          row["source_url"], row["quote"], _harvested_basis(row["measure"], row["quote"])))
    for prefix, name in (("seed", "curated_facts.csv"), ("review", "reviewed_facts.csv")):
        for i, row in enumerate(inputs.curation(name), start=1):
            facts.append(Fact(f"{prefix}-{i}", row["pdu"], row["region"], row["published"], row["measure"],
                              row["value"], row["source"], row["quote"], row["basis"], row["note"],
                              inspection=row.get("inspection") or ""))
    return facts


def apply_value_corrections(facts: list[Fact], inputs: Inputs) -> None:
    """Curated corrections of what a statement says (e.g. '25' harvested from "a quarter": words stay words)."""
    for row in inputs.curation("fact_corrections.csv"):
        matched = [f for f in facts if f.source == row["source"] and f.measure == row["measure"] and f.value == row["value"]]
        if not matched:
            raise BuildError(f"curation/fact_corrections.csv: no fact with source {row['source']!r}, measure "
                             f"{row['measure']!r} and value {row['value']!r}; expected one to correct")
        for fact in matched:
            fact.value = row["corrected_value"]
            fact.measure = row["corrected_measure"] or fact.measure
            fact.note = (fact.note + "; " if fact.note else "") + row["reason"]


class Subjects:
    """Assigns each fact its subject, round and source rank from the curated PDU list and round evidence."""

    def __init__(self, inputs: Inputs, pdus: list[Row], sources: SourceBook):
        self.sources = sources
        self.regional = {r["subject_as_harvested"]: r["region"] for r in inputs.curation("regional_subjects.csv")}
        self.undated = {r["pdu_id"]: (int(r["round"]), r["evidence"]) for r in inputs.curation("undated_rounds.csv")}
        self.misdated = inputs.curation("misdated.csv")
        self.names = {}
        for pdu in pdus:
            for name in [pdu["name"], *filter(None, (pdu.get("aliases") or "").split(";"))]:
                self.names[name.strip().lower()] = pdu

    def assign(self, facts: list[Fact]) -> None:
        """Give each fact its source id and kind, and its subject: an inspection, a region or 'national'."""
        dated_rounds = defaultdict(set)  # PDU name -> rounds its dated statements fall in
        for fact in facts:
            when = year(fact.published)
            if when and fact.measure != "previous_rating":
                dated_rounds[fact.pdu.strip().lower()].add(1 if when <= 2023 else 2)
        for fact in facts:
            fact.source_id, fact.kind = self.sources.id(fact.source), self.sources.kind(fact.source)
            key = fact.pdu.strip().lower()
            if key in self.regional:
                fact.region = self.regional[key]
                fact.subject = fact.region or "national"
                continue
            if key not in self.names:
                raise BuildError(f"{fact.fact_id}: PDU name {fact.pdu!r} is in neither curation/pdus.csv (name or "
                                 "alias) nor curation/regional_subjects.csv; expected a known PDU or region")
            pdu = self.names[key]
            fact.pdu_id, fact.region = pdu["pdu_id"], pdu["region"]
            for rule in self.misdated:
                if fact.pdu_id == rule["pdu_id"] and rule["url_contains"] in fact.source and fact.measure != "previous_rating":
                    fact.ignore_published, fact.note = True, (fact.note + "; " if fact.note else "") + rule["why"]
            if fact.inspection:  # curation names the inspection: no date needed
                if not fact.inspection.startswith(fact.pdu_id + "-"):
                    raise BuildError(f"{fact.fact_id}: inspection {fact.inspection!r} is not one of {fact.pdu_id}; "
                                     f"expected {fact.pdu_id}-<round>")
                fact.round = int(fact.inspection.rsplit("-", 1)[1])
            else:
                fact.round = self._round(fact, dated_rounds[key])
            fact.subject = f"{fact.pdu_id}-{fact.round}"

    def _round(self, fact: Fact, dated: set[int]) -> int:
        when = year(fact.published)
        if fact.measure == "previous_rating":
            return 1
        if when and not fact.ignore_published:
            return 1 if when <= 2023 else 2
        if fact.pdu_id in self.undated:
            return self.undated[fact.pdu_id][0]
        if len(dated) == 1:  # the PDU's only inspection in the sources
            return next(iter(dated))
        raise BuildError(f"{fact.fact_id}: no date and no round known for {fact.pdu!r}; expected a row in "
                         "curation/undated_rounds.csv giving its round and the evidence for it")
