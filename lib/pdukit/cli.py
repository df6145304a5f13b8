"""The `pdukit` command. Exit codes (the same for every command, defined once in `pdukit.exitcodes`):
0 done and clean; 1 the data has problems or a report failed; 2 the command was used wrongly (unknown release,
draft, region or PDU, bad option); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pdukit.exitcodes import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


class UsageError(Exception):
    """The command line asked for something that does not exist; exits 2 with the message."""


def _release_dir(spec: str | None) -> Path:
    from pdukit.errors import ReleaseNotFound
    from pdukit.paths import resolve_release

    try:
        return resolve_release(spec)
    except ReleaseNotFound as err:
        raise UsageError(str(err)) from None


def _report(problems, failed: str, succeeded: str) -> int:
    """Print one line per problem and a summary; return the exit code."""
    for problem in problems:
        print(problem)
    if problems:
        print(f"{failed}: {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_PROBLEMS
    print(succeeded)
    return EXIT_OK


def cmd_validate(args) -> int:
    """`pdukit validate`: one line per problem; exit 0 clean, 1 problems. A draft is checked fully except for
    the manifest it gets when published."""
    from pdukit.dataset.validate import validate_release
    from pdukit.paths import is_draft

    release = _release_dir(args.release)
    if is_draft(release):
        return _report(validate_release(release, check_checksums=False), f"draft {release.name}",
                       f"draft {release.name}: valid (its manifest is written when it is published)")
    return _report(validate_release(release), release.name, f"{release.name}: valid")


def cmd_diff(args) -> int:
    """`pdukit diff OLD NEW`: the rows added, changed and removed, then counts per table."""
    from pdukit.dataset.diff import list_changes, summarise
    from pdukit.errors import ReleaseError

    try:
        changes = list_changes(_release_dir(args.old), _release_dir(args.new))
    except ReleaseError as err:
        raise UsageError(str(err)) from None
    if not args.summary:
        for change in changes:
            print(change)
    print(summarise(changes))
    return EXIT_OK


def cmd_describe(args) -> int:
    """`pdukit describe [TABLE] [--markdown]`: the data dictionary (every column: label, unit, type, allowed
    values, meaning); --markdown prints docs/data-dictionary.md."""
    from pdukit.dataset.dictionary import describe, markdown
    from pdukit.errors import UnknownName

    if args.markdown:
        if args.table:
            raise UsageError("--markdown writes the whole dictionary; leave out the table")
        print(markdown(), end="")
        return EXIT_OK
    try:
        frame = describe(args.table)
    except UnknownName as err:
        raise UsageError(str(err)) from None
    print(frame.drop(columns=["in_file"]).to_string(index=False, max_colwidth=60))
    return EXIT_OK


def cmd_list(args) -> int:
    """`pdukit list`: release versions, oldest first."""
    from pdukit.paths import list_releases

    for path in list_releases():
        print(path.name)
    return EXIT_OK


def cmd_draft(args) -> int:
    """`pdukit release draft VERSION`: copy the latest release into data/drafts/VERSION."""
    from pdukit.dataset.publish import draft
    from pdukit.errors import BuildError, PublishError

    try:
        target = draft(args.version, replace=args.replace)
    except PublishError as err:
        raise UsageError(str(err)) from None
    except BuildError as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"draft ready in {target}: preview it with 'pdukit render --data {args.version}', edit its CSV files "
          f"(or the curation files, then draft again with --replace), then run: pdukit release publish {args.version} --note '...'")
    return EXIT_OK


def cmd_publish(args) -> int:
    """`pdukit release publish DRAFT`: validate, write manifest and changelog, release."""
    from pdukit.dataset.publish import publish
    from pdukit.errors import BuildError, PublishError

    try:
        target, problems = publish(args.draft, args.note)
    except PublishError as err:
        raise UsageError(str(err)) from None
    except BuildError as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    return _report(problems, f"not published: {target}", f"published {target}")


def cmd_rebuild(args) -> int:
    """`pdukit release rebuild VERSION --out DIR`: build a release again from data/raw and data/curation and
    compare it with the published one, file by file; exit 0 identical, 1 different."""
    from pdukit.dataset.publish import rebuild
    from pdukit.errors import BuildError

    release = _release_dir(args.version)
    try:
        target, different = rebuild(release.name, Path(args.out))
    except BuildError as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    if different:
        print(f"{target}: differs from the release in {', '.join(different)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{target}: identical to data/releases/{release.name}, byte for byte")
    return EXIT_OK


def cmd_audit(args) -> int:
    """`pdukit audit`: the audit as a table (flags only, or --all) or CSV; exit 0 when it ran."""
    from pdukit.analysis.audit import FLAGGED, STATUSES, run_audit
    from pdukit.dataset.release import load_release
    from pdukit.errors import ReleaseError

    try:
        release = load_release(_release_dir(args.data))
    except ReleaseError as err:
        print(err, file=sys.stderr)
        return EXIT_PROBLEMS
    table = run_audit(release)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with_flags = table if args.all else table[table["status"].isin(FLAGGED)]
        print(with_flags.drop(columns=["source_ids"]).to_string(index=False, max_colwidth=70))
        counts = table["status"].value_counts()
        print("\n" + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES) + f" ({release.version})")
    return EXIT_OK


def _kinds(text: str) -> list[str]:
    """The report kinds `--only` names; UsageError when it names none (`--only ""` would render nothing)."""
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    if not kinds:
        raise UsageError(f"--only {text!r} names no report kind; expected some of national, regions, pdus, audit")
    return kinds


def cmd_render(args) -> int:
    """`pdukit render`: the data folder is resolved here, once, to an absolute path that every kernel then reads
    (see pdukit.render.runner)."""
    from pdukit.paths import project_root
    from pdukit.render.runner import render_command

    release_dir = _release_dir(args.data)
    only = _kinds(args.only)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: expected at least 1 worker")
    out = Path(args.out).expanduser().resolve() if args.out else project_root() / "reports"
    return render_command(release_dir=release_dir, out=out, only=only, regions=args.region, pdus=args.pdu,
                          jobs=args.jobs, force=args.force, progress=not args.no_progress and sys.stderr.isatty())


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `pdukit` command."""
    from pdukit import __version__

    parser = argparse.ArgumentParser(prog="pdukit", description="Sourced data and reports on HMI Probation PDU inspections.",
                                     epilog="Exit codes: 0 done; 1 data problems or a failed report; 2 wrong usage; 130 interrupted.")
    parser.add_argument("--version", action="version", version=f"pdukit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a release against its schemas, references and manifest")
    p.add_argument("release", nargs="?", default="latest",
                   help="release or draft: a version, a folder, or 'latest' (the default)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("diff", help="rows a release added, changed or removed")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--summary", action="store_true", help="counts per table only")
    p.set_defaults(func=cmd_diff)

    sub.add_parser("list", help="list releases, oldest first").set_defaults(func=cmd_list)

    p = sub.add_parser("describe", help="the data dictionary: every column, its unit, allowed values and meaning")
    p.add_argument("table", nargs="?", default=None, help="one table (default: all)")
    p.add_argument("--markdown", action="store_true", help="print docs/data-dictionary.md")
    p.set_defaults(func=cmd_describe)

    release = sub.add_parser("release", help="make a new release").add_subparsers(dest="action", required=True)
    p = release.add_parser("draft", help="build data/drafts/VERSION from data/raw and data/curation")
    p.add_argument("version", help="a real date no later than today, YYYY-MM-DD, with one letter for a second release that day (2026-11-22b)")
    p.add_argument("--replace", action="store_true", help="build an existing draft again (its hand edits are lost)")
    p.set_defaults(func=cmd_draft)
    p = release.add_parser("publish", help="validate a draft, record its hand edits, write manifest and changelog, release it")
    p.add_argument("draft", help="the draft: its version or folder (data/drafts/VERSION)")
    p.add_argument("--note", required=True, help="what the release adds or corrects, and why")
    p.set_defaults(func=cmd_publish)

    p = release.add_parser("rebuild", help="build a release again from the repository and compare, byte for byte")
    p.add_argument("version", help="the release to rebuild")
    p.add_argument("--out", required=True, help="folder to build into (the release goes in OUT/VERSION)")
    p.set_defaults(func=cmd_rebuild)

    p = sub.add_parser("audit", help="check published figures against the published rules")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument("--all", action="store_true", help="with --format table, show consistent rows too")
    p.add_argument("--data", default="latest", help="release folder or version (default: latest)")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("render", help="execute the notebooks into HTML reports")
    p.add_argument("--only", default="national,regions,pdus,audit",
                   help="comma-separated kinds: national, regions, pdus, audit (default: all)")
    p.add_argument("--region", action="append", default=[], help="render only this region (repeatable)")
    p.add_argument("--pdu", action="append", default=[], help="render only this PDU (repeatable)")
    p.add_argument("--data", default="latest", help="release folder or version (default: latest)")
    p.add_argument("--out", default=None, help="output folder (default: reports/)")
    p.add_argument("--jobs", type=int, default=None, help="parallel workers (default: number of cores)")
    p.add_argument("--force", action="store_true", help="re-render even when nothing changed")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_render)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as err:
        print(f"pdukit: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pdukit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # python -m pdukit.cli: as the `pdukit` command runs, Ctrl-C handled the same way
    from pdukit_command import main as command

    sys.exit(command())
