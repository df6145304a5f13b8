"""Sources: a stable id for every document a value comes from, and its row in sources.csv.

Seeds and fixed sources are described in curation files; a web page's publisher and kind come from its domain
(curation/publishers.csv) and its title, until one is curated, from its address. From release 2026-12-01 every
title is curated (curation/source_titles.csv, with the evidence for it), seeds are cited by their own title,
author, date and public address where one exists (curation/seed_documents.csv), documents first cited then have
their own ids (curation/documents.csv), and each source says whether a reader can follow its address (`linked`).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

from pdukit.dataset.build.inputs import Inputs, Row
from pdukit.dataset.schema import OFFICIAL_RELEASE
from pdukit.errors import BuildError


def is_public_address(url: str) -> bool:
    """True for a web address a reader can open (http or https)."""
    return bool(re.match(r"^https?://", url or ""))


class SourceBook:
    """Turns a reference (a URL, 'seed:<file>' or a fixed source id) into a source id and a sources.csv row."""

    def __init__(self, inputs: Inputs):
        self.seeds = {r["file"]: r for r in inputs.curation("seed_sources.csv")}
        for r in inputs.curation("seed_documents.csv", since=OFFICIAL_RELEASE):  # the seeds' own titles and authors
            self.seeds[r["file"]] = dict(r, title=r["title"], published=r["published"])
        self.fixed = {r["source_id"]: r for r in inputs.curation("fixed_sources.csv")}
        for r in inputs.curation("documents.csv", since=OFFICIAL_RELEASE):  # documents first cited from 2026-12-01
            self.fixed[r["source_id"]] = r
        self.publishers = inputs.curation("publishers.csv")
        self.details = {r["url"]: r for r in inputs.curation("source_details.csv")}  # curated titles and dates
        for r in inputs.curation("source_titles.csv", since=OFFICIAL_RELEASE):  # titles with their evidence
            self.details[r["url"]] = r
        if inputs.version >= OFFICIAL_RELEASE:
            urls = {self._url(r["url"]) for r in self.fixed.values() if is_public_address(r["url"])}
            clash = sorted(urls & set(self.details))
            if clash:
                raise BuildError(f"curation/documents.csv: {clash[0]} is also a titled web page; expected each "
                                 "document under one source id")

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
            url = seed.get("public_url") or ref
            return dict(source_id=self.id(ref), url=url, title=seed["title"], publisher=seed["publisher"],
                        published=seed["published"], kind=seed["kind"], author=seed.get("author", ""),
                        linked=_flag(is_public_address(url)), copy=ref)
        if ref in self.fixed:
            fixed = self.fixed[ref]
            return dict(source_id=ref, url=fixed["url"], title=fixed["title"], publisher=fixed["publisher"],
                        published=fixed["published"], kind=fixed["kind"], author=fixed.get("author", ""),
                        linked=_flag(is_public_address(fixed["url"])), copy="")
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
                   published=published, kind=kind, author="", linked=_flag(True), copy="")
        curated = self.details.get(url)
        if curated:
            row.update({k: curated[k] for k in ("title", "publisher", "published", "kind", "author") if curated.get(k)})
        return row


def _flag(value: bool) -> str:
    return "true" if value else "false"
