"""Exit codes of every pdukit command, defined once."""

EXIT_OK = 0  # done; the data is clean and every report was made
EXIT_PROBLEMS = 1  # the data has problems, a build failed, or a report failed (the others were still made)
EXIT_USAGE = 2  # the command was used wrongly: unknown release, draft, region, PDU or option
EXIT_INTERRUPTED = 130  # stopped by Ctrl-C (SIGINT), as shells report it
