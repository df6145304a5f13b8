"""The `pdukit` command.

Exit codes: 0 done and clean; 1 the data has problems or a report failed; 2 the command was used wrongly
(unknown release, region or PDU, bad option); 3 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """The command line asked for something that does not exist; exits 2 with the message."""


def _release_dir(spec: str | None) -> Path:
    from .paths import ReleaseNotFound, resolve_release

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
    """`pdukit validate`: one line per problem; exit 0 clean, 1 problems."""
    from .validate import validate_release

    release = _release_dir(args.release)
    return _report(validate_release(release), release.name, f"{release.name}: valid")


def cmd_diff(args) -> int:
    """`pdukit diff OLD NEW`: the rows added, changed and removed, then counts per table."""
    from .diff import diff_releases, summarise

    changes = diff_releases(_release_dir(args.old), _release_dir(args.new))
    if not args.summary:
        for change in changes:
            print(change)
    print(summarise(changes))
    return EXIT_OK


def cmd_list(args) -> int:
    """`pdukit list`: release versions, oldest first."""
    from .paths import list_releases

    for path in list_releases():
        print(path.name)
    return EXIT_OK


def cmd_draft(args) -> int:
    """`pdukit release draft VERSION`: copy the latest release into data/drafts/VERSION."""
    from .publish import PublishError, draft

    try:
        target = draft(args.version)
    except PublishError as err:
        raise UsageError(str(err)) from None
    print(f"draft ready: edit the CSV files in {target}, then run: pdukit release publish {target} --note '...'")
    return EXIT_OK


def cmd_publish(args) -> int:
    """`pdukit release publish DRAFT`: validate, write manifest and changelog, release."""
    from .publish import PublishError, publish

    try:
        target, problems = publish(Path(args.draft), args.note)
    except PublishError as err:
        raise UsageError(str(err)) from None
    return _report(problems, f"not published: {target}", f"published {target}")


def cmd_audit(args) -> int:
    """`pdukit audit`: the audit as a table (flags only, or --all) or CSV; exit 0 when it ran."""
    from .audit import run_audit
    from .load import ReleaseError, load_release

    try:
        release = load_release(_release_dir(args.data))
    except ReleaseError as err:
        print(err, file=sys.stderr)
        return EXIT_PROBLEMS
    table = run_audit(release)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with_flags = table if args.all else table[table["status"] == "flag"]
        print(with_flags.to_string(index=False, max_colwidth=70))
        counts = table["status"].value_counts()
        print(f"\n{counts.get('ok', 0)} ok, {counts.get('flag', 0)} flagged ({release.version})")
    return EXIT_OK


def cmd_render(args) -> int:
    """`pdukit render`: see pdukit.render.runner."""
    from .render.runner import render_command

    return render_command(args)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `pdukit` command."""
    parser = argparse.ArgumentParser(prog="pdukit", description="Sourced data and reports on HMI Probation PDU inspections.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a release against its schemas, references and manifest")
    p.add_argument("release", nargs="?", default="latest", help="release folder or version (default: latest)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("diff", help="rows a release added, changed or removed")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--summary", action="store_true", help="counts per table only")
    p.set_defaults(func=cmd_diff)

    sub.add_parser("list", help="list releases, oldest first").set_defaults(func=cmd_list)

    release = sub.add_parser("release", help="make a new release").add_subparsers(dest="action", required=True)
    p = release.add_parser("draft", help="copy the latest release into data/drafts/VERSION for editing")
    p.add_argument("version", help="ISO date, with a suffix if two come on one day (2026-11-22b)")
    p.set_defaults(func=cmd_draft)
    p = release.add_parser("publish", help="validate a draft, write its manifest and changelog entry, release it")
    p.add_argument("draft", help="the draft folder (data/drafts/VERSION)")
    p.add_argument("--note", required=True, help="what the release adds or corrects, and why")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("audit", help="check published figures against the published rules")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument("--all", action="store_true", help="with --format table, show ok rows too")
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
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
