"""The glossary as readers meet it: the glossary page, and the first use of each term on a page marked with its
explanation (<abbr title="...">), both read from `pdukit.dataset.vocabulary.GLOSSARY`, so a term is explained in
one place. Standard library only (the renderer uses it)."""

from __future__ import annotations

import html
import re

from pdukit.dataset.vocabulary import GLOSSARY, glossary_anchor

SKIP = {"svg", "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "title", "th",
        "summary", "nav", "header", "footer", "dt", "button"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<!--.*?-->", re.S)
VOID = {"br", "img", "meta", "link", "hr", "input", "wbr", "source", "col", "area", "base", "param", "track"}


def abbr(term: str, text: str | None = None) -> str:
    """HTML for a term with its explanation on hover or long-press: <abbr title="...">SPO</abbr>."""
    short = GLOSSARY[term].description
    return f'<abbr title="{html.escape(short, quote=True)}">{html.escape(text or term)}</abbr>'


def _pattern(term: str) -> re.Pattern[str]:
    # abbreviations match as written; words match in any case, as whole words (plural 's' allowed)
    flags = 0 if term.isupper() or term[:1].isupper() else re.I
    return re.compile(rf"(?<![\w-])({re.escape(term)})(s?)(?![\w-])", flags)


PATTERNS = [(term, _pattern(term)) for term in sorted(GLOSSARY, key=len, reverse=True)]


def mark_terms(page: str) -> str:
    """`page` with the first use of each glossary term in running text marked <abbr title="explanation">, outside
    headings, links, charts, code and table headers. Markup is never changed, only text between tags."""
    done: set[str] = set()
    out: list[str] = []
    stack: list[str] = []
    position = 0
    for match in TAG.finditer(page):
        text = page[position:match.start()]
        out.append(_mark(text, done) if text.strip() and not any(t in SKIP for t in stack) else text)
        out.append(match.group(0))
        closing, name, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if name and name not in VOID and not self_closing:
            if closing:
                while stack and stack.pop() != name:
                    pass
            else:
                stack.append(name)
        position = match.end()
    out.append(page[position:])
    return "".join(out)


def _mark(text: str, done: set[str]) -> str:
    found = []
    for term, pattern in PATTERNS:  # longest terms first, so "95% interval" wins over a shorter overlap
        if term not in done and (match := pattern.search(text)):
            found.append((match.start(), match.end(), term, match.group(1), match.group(2)))
    kept, end = [], -1
    for item in sorted(found):
        if item[0] >= end:
            kept.append(item)
            end = item[1]
    out, position = [], 0
    for start, stop, term, word, plural in kept:
        done.add(term)
        title = html.escape(GLOSSARY[term].description, quote=True)
        out.append(text[position:start] + f'<abbr title="{title}">{word}</abbr>{plural}')
        position = stop
    return "".join(out) + text[position:]


def glossary_html() -> str:
    """The glossary as an HTML definition list, one entry per term, each anchored for links."""
    items = "".join(f'<dt id="{glossary_anchor(term)}">{html.escape(term)}</dt><dd>{html.escape(t.glossary)}</dd>'
                    for term, t in GLOSSARY.items())
    return f'<dl class="glossary">{items}</dl>'
