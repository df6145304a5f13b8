"""Load a release into tidy, typed pandas DataFrames.

The files are read, typed and checked once, by `pdukit.dataset.validate.read_release`; this module only shapes the typed
frames for analysis: ratings become ordered categoricals (Inadequate < Requires improvement < Good <
Outstanding), regions categoricals in the official order, and every partial date column `x` gains `x_start` (the
first day it can mean) and `x_precision` ('year', 'month' or 'day').
"""

from __future__ import annotations

import difflib
import functools
import os
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pandas as pd

from pdukit.dataset.manifest import MANIFEST, read_manifest, sha256
from pdukit.dataset.names import closest, resolve_pdu_record, resolve_region
from pdukit.dataset.schema import RATINGS, REGIONS, STANDARD_LABELS, STANDARDS, TABLES, Table
from pdukit.dataset.validate import Problem, read_release, release_version
from pdukit.dataset.vocabulary import READ_AS, check_flag, in_code_order, read_as_codes
from pdukit.errors import (
    InvalidValue,
    NotARelease,
    NotInRelease,
    ReleaseError,
    ReleaseNotFound,
    TableNotInRelease,
    UnknownAttribute,
    UnknownName,
)
from pdukit.paths import is_draft, resolve_release

RATING_TYPE = pd.CategoricalDtype(list(RATINGS), ordered=True)
REGION_TYPE = pd.CategoricalDtype(list(REGIONS), ordered=True)
PRECISION_TYPE = pd.CategoricalDtype(["year", "month", "day"], ordered=True)

MOVED_QUESTIONS = ("compare_rounds", "rating_shares", "pdu_coverage")
_LOADED: weakref.WeakSet[Release] = weakref.WeakSet()  # releases loaded in this process, so a caller can ask what was read


class Tables(Mapping[str, pd.DataFrame]):
    """A release's tables by name, read-only, noting every table handed out (however it is asked for)."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self._frames = frames
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> pd.DataFrame:
        frame = self._frames[name]
        self.read.add(name)
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)


class Release:
    """One data release (or draft): its version, folder, manifest and typed tables.

    Each table is an attribute (`release.inspections`, `release.ratings`, ...; `pdukit.describe()` for columns)
    and is listed by `dir(release)`, so tab completion shows them."""

    def __init__(self, version: str, path: Path, manifest: dict[str, Any], tables: dict[str, pd.DataFrame],
                 draft: bool = False) -> None:
        self.version = version
        self.path = path
        self.manifest = manifest
        self.draft = draft
        self.tables = Tables(tables)
        _LOADED.add(self)

    def __repr__(self) -> str:
        kind = "draft" if self.draft else "release"
        return f"<pdukit {kind} {self.version}: " + ", ".join(f"{n} {len(f)}" for n, f in self.tables._frames.items()) + ">"

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables")
        if tables is not None and name in tables:
            return tables[name]
        if name.startswith("__") or tables is None:
            raise AttributeError(name)
        if name in MOVED_QUESTIONS:
            raise UnknownAttribute(f"release.{name}() is now pdukit.{name}(release, ...): the questions live in "
                                   "pdukit.analysis and take the release as their first argument")
        if name in TABLES and TABLES[name].since > self.version:  # a table of a later release, not a typo
            raise TableNotInRelease(f"release {self.version} has no {name} table; it was added in release "
                                    f"{TABLES[name].since}: load that release or a later one (pdukit.load_release() "
                                    "is the latest)")
        later = {t: f" (from release {TABLES[t].since})" for t in TABLES if t not in tables}
        close = difflib.get_close_matches(name, [*tables, *later], n=3)
        hint = f"; did you mean {', '.join(c + later.get(c, '') for c in close)}?" if close else ""
        raise UnknownAttribute(f"a release has no table or attribute {name!r}{hint} Tables: {', '.join(tables)}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.tables))

    # --- lookups: names and labels, so no caller splits an id or rebuilds a map ---------------------------------
    @property
    def pdu_names(self) -> dict[str, str]:
        """{pdu_id: the PDU's name} for every PDU of the register."""
        cached = self.__dict__.get("_pdu_names")
        if cached is None:
            frame = self.tables._frames["pdus"]
            cached = self.__dict__["_pdu_names"] = dict(zip(frame.pdu_id, frame.name, strict=True))
        return cached

    @property
    def inspection_labels(self) -> dict[str, str]:
        """{inspection_id: 'PDU name (year)'}, or '(round n)' where no source dates it; for charts and tables."""
        cached = self.__dict__.get("_inspection_labels")
        if cached is None:
            frame = self.tables._frames["inspections"]
            cached = {}
            for row in frame.itertuples():
                when = str(row.published)[:4] if pd.notna(row.published) else f"round {row.round}"
                cached[row.inspection_id] = f"{self.pdu_names[row.pdu_id]} ({when})"
            self.__dict__["_inspection_labels"] = cached
        return cached

    def pdu_name(self, pdu: str) -> str:
        """The name of a PDU given its id (or its name, an alias or its official code); UnknownName names the
        closest PDUs."""
        if pdu in self.pdu_names:
            return self.pdu_names[pdu]
        return self.pdu_names[self.resolve_pdu(pdu)]

    def pdu_of(self, inspection_id: str) -> str:
        """The pdu_id of an inspection (read from the inspections table, never split from the id)."""
        frame = self.tables._frames["inspections"]
        match = frame.pdu_id[frame.inspection_id == inspection_id]
        if match.empty:
            raise UnknownName(f"unknown inspection {inspection_id!r}; closest: "
                              f"{closest(str(inspection_id), list(frame.inspection_id))}")
        return str(match.iloc[0])

    def inspection_label(self, inspection_id: str) -> str:
        """'Gwent (2022)' for an inspection id."""
        self.pdu_of(inspection_id)  # raises for an unknown id
        return self.inspection_labels[inspection_id]

    def resolve_pdu(self, name: str) -> str:
        """The pdu_id of a PDU given its name, an alias, its slug, its official code or its id (any case);
        UnknownName names the closest PDUs."""
        return str(resolve_pdu_record(name, self.tables._frames["pdus"].to_dict("records"))["pdu_id"])

    def inspections_of(self, subject: str) -> list[str]:
        """The inspection ids a name stands for: an inspection id itself, or every inspection of a PDU (given by
        name, alias, code or id), in round order. UnknownName for anything else, naming the closest; a region's
        name says it is a region and how to get its inspections; a PDU of the register that was never inspected
        raises NotInRelease saying so (never an empty list, which would read as 'nothing to report').

            >>> release.inspections_of("Gwent")
            ['gwent-1', 'gwent-2']
        """
        frame = self.tables._frames["inspections"]
        if subject in self._inspection_ids:
            return [subject]
        try:
            pdu_id = self.resolve_pdu(subject)
        except UnknownName:
            try:
                region = resolve_region(str(subject))
            except UnknownName:
                choices = list(frame.inspection_id) + list(self.pdu_names.values())
                raise UnknownName(f"unknown PDU or inspection {subject!r}; closest: "
                                  f"{closest(str(subject), choices)}") from None
            count = int((frame.region == region).sum())
            raise UnknownName(f"{subject!r} is a region, not a PDU or an inspection: name one of its PDUs, or pass its "
                              f"{count} inspections: list(release.inspections.inspection_id[release.inspections.region "
                              f"== {region!r}])") from None
        found = list(frame[frame.pdu_id == pdu_id].sort_values("round").inspection_id)
        if not found:
            raise NotInRelease(self._never_inspected(pdu_id))
        return found

    def _never_inspected(self, pdu_id: str) -> str:
        """'Bolton (Greater Manchester) is in the register but has no inspection in release 2026-12-01; ...'."""
        pdu = self.tables._frames["pdus"].set_index("pdu_id").loc[pdu_id]
        merged = " (since merged or split)" if str(pdu.get("status")) == "merged" else ""
        return (f"{pdu['name']} ({pdu['region']}) is in the register{merged} but has no inspection in release "
                f"{self.version}: no source reports one (pdukit.pdu_coverage(release) counts the PDUs never inspected)")

    def resolve_inspections(self, subjects: str | Iterable[str] | None) -> list[str] | None:
        """The inspection ids of one subject or many (inspection ids, or PDUs by name, alias, code or id), each
        once, in the order given; None stays None (every inspection). UnknownName for any that is not known,
        NotInRelease for a PDU never inspected, InvalidValue for an empty list."""
        if subjects is None:
            return None
        if isinstance(subjects, str):
            subjects = [subjects]
        elif not isinstance(subjects, Iterable):
            raise UnknownName(f"expected an inspection or PDU name (or a list of them), not {type(subjects).__name__} "
                              f"{subjects!r}")
        found: dict[str, None] = {}
        for subject in subjects:
            for inspection_id in ([subject] if subject in self._inspection_ids else self.inspections_of(subject)):
                found[inspection_id] = None
        if not found:  # an empty list asks for nothing: never an empty answer that reads as 'none of them'
            raise InvalidValue("no inspection or PDU was named (an empty list); name one or more, or pass None for "
                               "every inspection")
        return list(found)

    def without_standard_ratings(self, subject: str | Iterable[str] | None = None) -> list[str]:
        """The inspections (of `subject`, as `standard_ratings` takes it; of every inspection for None) for which
        the release holds no standard rating: no source gives them (often the public pages give only the overall
        rating), in the order asked."""
        wanted = self.resolve_inspections(subject)
        ids = list(self.tables._frames["inspections"].inspection_id) if wanted is None else wanted
        rated = set(self.tables._frames["ratings"].dropna(subset=["rating"]).inspection_id)
        return [i for i in ids if i not in rated]

    @property
    def _inspection_ids(self) -> set[str]:
        cached = self.__dict__.get("_ids")
        if cached is None:
            cached = self.__dict__["_ids"] = set(self.tables._frames["inspections"].inspection_id)
        return cached

    def with_sources(self, frame: pd.DataFrame, column: str = "source_ids", long: bool = False) -> pd.DataFrame:
        """`frame` with the title, publisher, date and link of each row's sources (`long=True`: a row per source).

            >>> release.with_sources(release.ratings.query("inspection_id == 'gwent-1'"))
        """
        from pdukit.dataset.sources import with_sources

        check_flag(long, "long")
        return with_sources(self, frame, column, long)

    def with_quotes(self, frame: pd.DataFrame, column: str = "source_ids") -> pd.DataFrame:
        """The statements behind each row of `frame`, verbatim (evidence.csv): a row per (row, statement) with
        `quote`, `quote_measure`, `quote_value`, `quote_fact_id` and `quote_source_ids` (see
        `pdukit.dataset.sources.with_quotes`).

            >>> release.with_quotes(release.inspections.query("inspection_id == 'gwent-1'"))[["quote_measure", "quote"]]
        """
        from pdukit.dataset.sources import with_quotes

        return with_quotes(self, frame, column)

    def standard_ratings(self, subject: str | Iterable[str] | None = None, unrated: bool = True) -> pd.DataFrame:
        """Standard ratings in framework order (1.1 Leadership ... 2.5 Reviewing): of every inspection, or of one
        inspection, or of every inspection of one PDU (by name, alias, code or id), or of a list of them;
        `inspection_id` and `inspection` ('West Sussex (2022)') say which inspection each row is.

        An inspection with no standard rating in the release (no source gives them) is never silently absent:
        with `unrated` (the default) it has one row of its own, `standard` and `rating` empty (not known) and a
        `note` saying so, with the inspection's own sources; `unrated=False` leaves those rows out. Either way
        `attrs["without_ratings"]` lists those inspections. So a PDU with no standard ratings (Sheffield) gives a
        row per inspection saying its ratings are not known, never an empty frame, and `.dropna(subset=["rating"])`
        keeps the ratings alone.

            >>> release.standard_ratings("West Sussex")[["inspection", "standard_label", "rating", "basis"]]
            >>> release.standard_ratings("Gwent").attrs["without_ratings"]
            ['gwent-2']
        """
        unrated = check_flag(unrated, "unrated")
        ratings = self.ratings
        wanted = self.resolve_inspections(subject)
        if wanted is not None:
            ratings = ratings[ratings.inspection_id.isin(wanted)]
        missing = self.without_standard_ratings(wanted)
        if unrated and missing:
            inspections = self.tables._frames["inspections"].set_index("inspection_id")
            blank = pd.DataFrame({"inspection_id": pd.Series(missing, dtype=ratings.inspection_id.dtype),
                                  "source_ids": pd.Series([inspections.at[i, "source_ids"] for i in missing],
                                                          dtype=ratings.source_ids.dtype),
                                  "note": pd.Series(["no standard ratings in the release: no source gives them"]
                                                    * len(missing), dtype=ratings.note.dtype)})
            for column in ratings.columns:
                if column not in blank:
                    blank[column] = pd.Series([pd.NA] * len(missing), dtype=ratings[column].dtype)
            ratings = pd.concat([ratings, blank[list(ratings.columns)]], ignore_index=True)
        ratings = ratings.sort_values(["inspection_id", "standard"], na_position="last").reset_index(drop=True)
        ratings.insert(1, "inspection", ratings.inspection_id.map(self.inspection_labels))
        ratings.attrs["without_ratings"] = missing
        return ratings

    @property
    def tables_read(self) -> set[str]:
        """Names of the tables this object has handed out so far."""
        return set(self.tables.read)

    @property
    def checksum(self) -> str:
        """sha256 of the manifest, which holds every file's sha256: one fingerprint of the release ('' for a draft)."""
        path = self.path / MANIFEST
        return sha256(path) if path.exists() else ""


P = ParamSpec("P")
R = TypeVar("R")


def takes_release(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a function whose first argument is a Release: anything else (a rating, a version name: the
    release forgotten) raises NotARelease saying to pass `pdukit.load_release()`, never an AttributeError from
    inside pandas."""
    name = getattr(function, "__name__", "this function")

    @functools.wraps(function)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        given = args[0] if args else kwargs.get("release")
        if not isinstance(given, Release):
            raise NotARelease(not_a_release(name, given))
        return function(*args, **kwargs)

    return checked


def not_a_release(name: str, given: object) -> str:
    """The message for a function given `given` where it takes a Release."""
    hint = ""
    if isinstance(given, (str, os.PathLike)):
        try:
            resolve_release(given)
            hint = f" (for release {str(given)!r}: release = pdukit.load_release({str(given)!r}))"
        except ReleaseNotFound:
            pass
    shown = repr(given) if len(repr(given)) <= 60 else repr(given)[:57] + "..."
    return (f"{name}() takes a Release as its first argument, not {type(given).__name__} {shown}; pass a Release: "
            f"release = pdukit.load_release(){hint}, then {name}(release, ...)")


def tables_read() -> set[str]:
    """Names of the tables handed out since the last `forget_reads()` by every release loaded in this process."""
    return set().union(*(r.tables_read for r in list(_LOADED))) if len(_LOADED) else set()


def forget_reads() -> None:
    """Start counting table reads afresh (e.g. between two analyses run in one process)."""
    for release in list(_LOADED):
        release.tables.read.clear()


def _precision(value: object) -> str | None:
    if pd.isna(value):
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(str(value)))


def read_as(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The frame with each code a published release writes too generally replaced by the library's name for it
    (`vocabulary.READ_AS`: the court teams' staff in post), so no generic name returns those rows."""
    for rule in (r for r in READ_AS if r.table == table.name and r.column in frame and r.where in frame):
        rows = (frame[rule.column] == rule.code) & frame[rule.where].isin(rule.values)
        frame.loc[rows.fillna(False), rule.column] = rule.read_as
    return frame


def shape_table(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Turn a typed frame into the analysis form: categoricals and date helpers, a fresh 0-based index."""
    frame = read_as(frame.reset_index(drop=True), table)
    for column in (table.column(c) for c in list(frame.columns)):
        values = frame[column.name]
        if column.allowed or column.name == "region":  # values outside the categories were reported: kept empty
            kind = RATING_TYPE if column.allowed == RATINGS else REGION_TYPE if column.name == "region" \
                else pd.CategoricalDtype(in_code_order(column.name, [*(column.allowed or ()),
                                                                     *read_as_codes(table.name, column.name)]))
            frame[column.name] = values.astype(object).where(values.isin(kind.categories)).astype(kind)
        elif column.kind == "partial_date":
            frame[f"{column.name}_start"] = pd.to_datetime(values.astype(object), format="mixed", errors="coerce")
            frame[f"{column.name}_precision"] = values.map(_precision).astype(PRECISION_TYPE)
    if table.name == "ratings":  # the standard's number and name, in framework order
        labels = pd.CategoricalDtype([STANDARD_LABELS[s] for s in STANDARDS], ordered=True)
        frame["standard"] = frame["standard"].astype(pd.CategoricalDtype(list(STANDARDS), ordered=True))
        frame["standard_label"] = frame["standard"].map(STANDARD_LABELS).astype(object).astype(labels)
    for column in table.columns:  # a column a release predates is there, empty
        if column.name not in frame:
            frame[column.name] = pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame


_CACHE: dict[tuple[object, ...], tuple[list[Problem], dict[str, pd.DataFrame]]] = {}


def load_release(spec: str | os.PathLike[str] | None = "latest", validate: bool = True) -> Release:
    """Return the release named by `spec` ('latest', a version, a release or draft folder) as typed DataFrames.

    With `validate` (the default) a release with any problem raises ReleaseError listing them all, so no analysis
    runs on data that does not match its schema or its manifest. A draft (a folder without a manifest yet) is
    checked fully except for the manifest, and the Release says it is a draft.

        >>> release = load_release()
        >>> release.inspections.overall_rating.value_counts()
    """
    check_flag(validate, "validate")
    path = resolve_release(spec)
    draft = is_draft(path)
    key = _fingerprint(path)
    if key not in _CACHE:
        _CACHE.clear()  # keep one release: a kernel reused for many reports reads and checks the files once
        frames, problems = read_release(path, check_checksums=not draft)
        _CACHE[key] = (problems, {name: shape_table(frame, TABLES[name]) for name, frame in frames.items()})
    problems, frames = _CACHE[key]
    if problems and validate:
        raise ReleaseError(path, problems)
    manifest = {} if draft else read_manifest(path)
    version = manifest.get("version") or release_version(path)
    return Release(version=version, path=path, manifest=manifest, tables={n: f.copy() for n, f in frames.items()},
                   draft=draft)


def _fingerprint(path: Path) -> tuple[object, ...]:
    """Name, size and modification time of every file: changes whenever any file is rewritten."""
    return (str(path),) + tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(path.iterdir()) if p.is_file())
