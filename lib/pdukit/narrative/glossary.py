"""The words a report uses, explained once: abbreviations, measures, rounds and frameworks, kinds of rating.

The renderer writes these as glossary.html beside the reports; report text marks a term's first use with
<abbr title="..."> from `TERMS`.
"""

from __future__ import annotations

import html

# term -> (short explanation for <abbr title>, longer explanation for the glossary page)
TERMS: dict[str, tuple[str, str]] = {
    "PDU": ("Probation Delivery Unit", "Probation Delivery Unit: the local probation service, usually covering one "
            "or a few local authority areas. England and Wales have 108 (Ministry of Justice register)."),
    "HMI Probation": ("HM Inspectorate of Probation", "HM Inspectorate of Probation, the independent inspectorate "
                      "of probation services in England and Wales."),
    "SPO": ("senior probation officer", "Senior probation officer: manages a team of probation officers and "
            "probation services officers."),
    "PO": ("probation officer", "Probation officer: a qualified practitioner who supervises people on probation, "
           "including those who pose a higher risk of harm."),
    "PSO": ("probation services officer", "Probation services officer: supervises people on probation who pose a "
            "lower risk, and supports probation officers."),
    "vacancy rate": ("per cent of target posts unfilled", "Per cent of the target number of posts (by grade) that "
                     "are unfilled. Negative means more staff in post than the target."),
    "caseload": ("cases held per practitioner", "Caseload: the number of cases (people on probation) a "
                 "practitioner holds. It is a count, not a measure of effort."),
    "WMT": ("Workload Measurement Tool", "Workload Measurement Tool: HM Prison and Probation Service's measure of "
            "how much work a practitioner's cases take, as a per cent of their capacity. Over 110% for four weeks "
            "counts as excessive. Workload and caseload are different measures and are never compared as one."),
    "round": ("inspection programme", "Round 1: the first programme of PDU inspections after the probation service "
              "was unified in June 2021 (reports published 2022-23). Round 2: the programme from October 2023 "
              "(published 2024-25)."),
    "framework": ("the inspection's rules", "The standards an inspection rates and how. The 2021 framework rates "
                  "nine standards (1.1 Leadership to 2.5 Reviewing) Outstanding, Good, Requires improvement or "
                  "Inadequate, worth 3, 2, 1 or 0 points, summed out of 27 (24 where court work is not rated). "
                  "Later frameworks differ (some scores are out of 25), so scores are compared only within one."),
    "stated": ("the source names this rating", "Stated rating: the source gives the rating of this standard by name."),
    "implied": ("follows from a wider statement", "Implied rating: it follows from a wider statement such as "
                "'all four case standards were Inadequate'. Counted apart from stated ratings."),
    "score band": ("score range for an overall rating", "The range of scores that carries each overall rating. "
                   "The bands are not confirmed by a primary source: pdukit holds only the ranges seen in "
                   "published pairs of score and rating, marked unverified."),
    "case quality": ("share of inspected cases judged sufficient", "The per cent of the cases inspectors read in "
                     "which a piece of work (for example, assessing risk of harm) was judged sufficient."),
}


def abbr(term: str, text: str | None = None) -> str:
    """HTML for a term with its explanation on hover or long-press: <abbr title="...">SPO</abbr>."""
    short = TERMS[term][0]
    return f'<abbr title="{html.escape(short, quote=True)}">{html.escape(text or term)}</abbr>'


def glossary_html() -> str:
    """The glossary as an HTML definition list, one entry per term."""
    items = "".join(f'<dt id="{html.escape(term.lower().replace(" ", "-"))}">{html.escape(term)}</dt>'
                    f"<dd>{html.escape(long)}</dd>" for term, (_, long) in TERMS.items())
    return f'<dl class="glossary">{items}</dl>'
