"""Sources: a stable id for every document a value comes from, and its row in sources.csv.

Seeds and fixed sources are described in curation files; a web page's publisher and kind come from its domain
(curation/publishers.csv) and its title, until one is curated, from its address.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

from pdukit.dataset.build.inputs import Inputs, Row


class SourceBook:
    """Turns a reference (a URL, 'seed:<file>' or a fixed source id) into a source id and a sources.csv row."""

    def __init__(self, inputs: Inputs):
        self.seeds = {r["file"]: r for r in inputs.curation("seed_sources.csv")}
        self.fixed = {r["source_id"]: r for r in inputs.curation("fixed_sources.csv")}
        self.publishers = inputs.curation("publishers.csv")
        self.details = {r["url"]: r for r in inputs.curation("source_details.csv")}  # curated titles and dates

    @staticmethod
    def _url(ref: str) -> str:
        ref = ref.strip()
        return ref if re.match(r"^[a-z]+:", ref) else "https://" + ref

    def _publisher(self, host: str) -> Row | None:
        return next((p for p in self.publishers if host.endswith(p["domain"])), None)

    def id(self, ref: str) -> str:
        """'seed-000' for a seed, the id itself for a fixed source, '<prefix>-<6 hex of the address>' for a page."""
        if ref.startswith("seed:"):
            return "seed-" + ref[5:8]
        if ref in self.fixed:
            return ref
        url = urlparse(self._url(ref))
        host = url.netloc.removeprefix("www.")
        publisher = self._publisher(host)
        key = host + url.path.rstrip("/") + ("?" + url.query if url.query else "")
        return f"{publisher['id_prefix'] if publisher else 'web'}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"

    def kind(self, ref: str) -> str:
        """inspectorate, other or news: how much a value from this source is trusted against another."""
        if ref.startswith("seed:"):
            return str(self.seeds[ref[5:]]["kind"])
        return str(self.row(ref, set())["kind"])

    def row(self, ref: str, dates: set[str]) -> Row:
        """The sources.csv row; a page's date is kept only where every statement from it agrees on one."""
        if ref.startswith("seed:"):
            seed = self.seeds[ref[5:]]
            return dict(source_id=self.id(ref), url=ref, title=seed["title"], publisher=seed["publisher"],
                        published=seed["published"], kind=seed["kind"])
        if ref in self.fixed:
            return {k: v for k, v in self.fixed[ref].items() if k != "since"}
        url = self._url(ref)
        parts = urlparse(url)
        host = parts.netloc.removeprefix("www.")
        found = self._publisher(host)
        publisher, kind = (found["publisher"], found["kind"]) if found else (host, "news")
        slug = [p for p in parts.path.split("/") if p]
        title = (slug[-1] if slug else host).replace("-", " ").replace("_", " ")
        if parts.query:
            title = f"{publisher} page ?{parts.query}"
        published = next(iter(dates)) if len(dates) == 1 else ""
        title = title.strip()
        row = dict(source_id=self.id(ref), url=url, title=title[:1].upper() + title[1:], publisher=publisher,
                   published=published, kind=kind)
        curated = self.details.get(url)
        if curated:
            row.update({k: curated[k] for k in ("title", "publisher", "published", "kind") if curated[k]})
        return row
