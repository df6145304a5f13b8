"""Reading and writing files safely.

Writing: through a temporary sibling and a rename, so a reader sees the old file or the new one, never half of one.

Reading a data file: only a regular file of a sane size is read. It is opened without following a symbolic link
and without blocking, then checked on the open descriptor, so a named pipe (which would block for ever), a device
such as /dev/zero (which never ends), a folder or a link (to anywhere outside the release) is refused with an
UnreadableFile naming it, and a file is never read past MAX_BYTES. CSV text is UTF-8; a byte-order mark (what
Excel's "CSV UTF-8" writes) is dropped and CRLF line ends are read as line ends, the same for every reader of a
release (validation, the renderer's plan and index), so what validates is what renders.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from pdukit.errors import UnreadableFile

MAX_BYTES = 64 * 2**20  # a release's largest file is well under 1 MB; anything near this is not a table
_KINDS = ((stat.S_ISLNK, "symbolic link"), (stat.S_ISFIFO, "named pipe"), (stat.S_ISDIR, "folder"),
          (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"))


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file through a temporary sibling and a rename (atomic on one file system)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def kind_of(mode: int) -> str:
    """What a file is, from its (not followed) mode: 'regular file', 'symbolic link', 'named pipe', 'folder', ..."""
    if stat.S_ISREG(mode):
        return "regular file"
    return next((name for test, name in _KINDS if test(mode)), "special file")


def refusal(mode: int, size: int, limit: int = MAX_BYTES) -> str | None:
    """Why a file (given its not-followed mode and size) is not read, or None when it may be."""
    kind = kind_of(mode)
    if kind != "regular file":
        return f"is a {kind}; expected a regular file inside the release folder"
    if size > limit:
        return f"is larger than {limit // 2**20} MB ({size} bytes); expected a table file of at most {limit // 2**20} MB"
    return None


def read_regular(path: Path, limit: int = MAX_BYTES) -> bytes:
    """Return the bytes of a regular file of at most `limit` bytes; FileNotFoundError when it is missing,
    UnreadableFile when it is anything else (a link, a pipe, a device, a folder) or too large."""
    path = Path(path)
    try:  # O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: opening a pipe does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as err:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            raise UnreadableFile(path, f"cannot be read ({err.strerror}); expected a readable file") from None
        raise UnreadableFile(path, refusal(mode, 0, limit) or f"cannot be read ({err.strerror})") from None
    with os.fdopen(fd, "rb") as handle:  # checked on the open file: what is read is what was checked
        info = os.fstat(handle.fileno())
        reason = refusal(info.st_mode, info.st_size, limit)
        if reason:
            raise UnreadableFile(path, reason)
        data = handle.read(limit + 1)  # never more than the limit, even from a file that grows while read
    if len(data) > limit:
        raise UnreadableFile(path, refusal(info.st_mode, len(data), limit) or "grew while read")
    return data


def decode_utf8(path: Path, raw: bytes) -> str:
    """The text of a file's bytes: UTF-8 without its byte-order mark; UnreadableFile names the first bad byte's row."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        raise UnreadableFile(path, f"byte 0x{raw[err.start]:02x} is not UTF-8; expected a UTF-8 encoded file",
                             row) from None
    return text.removeprefix("\ufeff")


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a regular file (see read_regular and decode_utf8)."""
    return decode_utf8(Path(path), read_regular(path, limit))


def read_csv(path: Path) -> list[list[str]]:
    """Every row of a CSV file (blank lines as empty rows), read strictly: UnreadableFile for a file that is not a
    regular file of sane size, not UTF-8, or has a quote that does not close."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as err:
        raise UnreadableFile(path, f"malformed CSV ({err}); expected quotes to open and close on every field",
                             reader.line_num) from None
    return rows


def read_csv_records(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as {column: cell} (blank lines skipped), read as read_csv reads them."""
    rows = read_csv(path)
    if not rows:
        return []
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if row]
