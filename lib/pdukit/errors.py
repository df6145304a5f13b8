"""Every error pdukit raises on purpose, in one place, each saying what was wrong and what was expected."""

from __future__ import annotations


class PdukitError(Exception):
    """Base of pdukit's own errors."""


class UnknownName(PdukitError, ValueError):
    """A region, PDU, report kind or parameter that is not known; the message lists the valid ones."""


class ReleaseNotFound(UnknownName, LookupError):
    """No release or draft folder matches what was asked for (a mistyped release is an unknown name, so
    `except pdukit.UnknownName` catches it too); the message lists the releases."""


class NotInRelease(UnknownName):
    """Every name asked for is valid, but the release (or the frame given) holds nothing for them: a table the
    release predates (official_staffing before 2026-12-01), a combination no figure has (an average caseload for
    London), inspections with no standard ratings, a value no row has. The message says what there is instead."""


class UnknownAttribute(UnknownName, AttributeError):
    """`release.inspection` (a mistyped table) or `release.compare_rounds` (a question that moved to pdukit): the
    message names the closest tables; an AttributeError too, so `hasattr` and `getattr(..., default)` work."""


class TableNotInRelease(NotInRelease, AttributeError):
    """`release.official_staffing` on a release that predates the table: a NotInRelease saying when the table was
    added, and an AttributeError, so `hasattr(release, "official_staffing")` is False rather than an error."""


class NotARelease(PdukitError, TypeError):
    """A function that takes a Release was given something else (a rating, a version name): the message says to
    pass `pdukit.load_release()`."""


class InvalidValue(PdukitError, ValueError):
    """An argument of the right kind whose value cannot be used: a date that is not a date, a start after its end;
    the message says what was expected."""


class NoRule(PdukitError, LookupError):
    """The release holds no rule for what was asked (e.g. no points rule for a framework); the message names the
    rules it does hold."""


class PublishError(PdukitError, ValueError):
    """A draft cannot become a release; the message says why and what to do."""


class BuildError(PdukitError, ValueError):
    """A build input is missing or inconsistent; the message names the file, row and what was expected."""


class UnreadableFile(PdukitError, ValueError):
    """A data file that is not read: not a regular file (a link, a named pipe, a device, a folder), too large, not
    UTF-8 or not well-formed CSV. `row` is the line it stops at (0: the whole file); the message says what was found
    and what was expected."""

    def __init__(self, path, message: str, row: int = 0):
        self.path = path
        self.row = row
        self.message = message
        super().__init__(f"{getattr(path, 'name', path)}:{row}: {message}")


class OutputError(PdukitError):
    """The output folder cannot be written (read-only, full, not a folder): one line, exit 1."""


class OutputBusy(PdukitError):
    """Another render holds the output folder's lock: refused before anything is written, exit 2."""


class MixedMeasuresError(PdukitError, ValueError):
    """Two different measures (e.g. caseload and workload) were about to be compared as one."""


class ParameterError(PdukitError, ValueError):
    """A notebook was given an unknown parameter or an invalid value; the message lists the valid ones."""


class UndatedLeftOut(UserWarning):
    """A date filter left out rows whose date is not known (or too imprecise to place): the message says how many,
    so a count 'since 2023' can say 'and 2 undated'."""


class NotKnownLeftOut(UserWarning):
    """An answer left out subjects the release knows nothing about for it (an inspection with no standard
    ratings): the message names them, and the frame's attrs list them."""


class ReleaseError(PdukitError, ValueError):
    """A release that failed validation; `problems` lists every fault, one line each."""

    def __init__(self, release_dir: object, problems: list) -> None:
        self.release_dir = release_dir
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"release {release_dir} has {len(problems)} problem(s):\n{lines}{more}")
