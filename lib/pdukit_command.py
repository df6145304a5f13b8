"""The `pdukit` command's entry point: Ctrl-C at any moment ends the command without a traceback, exit 130.

This module sits outside the pdukit package on purpose. Importing any pdukit module first runs the package's
__init__ and everything it imports, and a Ctrl-C during those imports (the command's first second on a busy
machine) would end in a KeyboardInterrupt traceback. Here nothing but the standard library is imported before
Ctrl-C is taken over: the first press raises KeyboardInterrupt as usual, so the command stops the way it chooses
(a render cancels its queue, stops its kernels and writes the index); a second press while it stops is noted, not
raised, so the clean-up is not cut short by a traceback. Python's own start-up, before any of this runs, is the
only moment left uncovered.
"""

from __future__ import annotations

import os
import signal

EXIT_INTERRUPTED = 130  # as pdukit.exitcodes says: not imported from there, which would import the package


def _already_stopping(signum: int, frame: object) -> None:
    """Any later Ctrl-C: say so (written straight to the descriptor: safe whatever the program was printing)."""
    os.write(2, b"pdukit: already stopping; what was made is being kept\n")


def _first_press(signum: int, frame: object) -> None:
    """The first Ctrl-C: interrupt the program where it is; later presses only say it is stopping."""
    signal.signal(signal.SIGINT, _already_stopping)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the `pdukit` command with Ctrl-C handled from its first line; return the exit code."""
    signal.signal(signal.SIGINT, _first_press)
    try:
        from pdukit.cli import main as run

        return run(argv)
    except KeyboardInterrupt:  # pressed before the command could catch it itself (while importing)
        os.write(2, b"pdukit: interrupted\n")
        return EXIT_INTERRUPTED
    finally:
        # The command's work is done. Python restores the default Ctrl-C action as it shuts down (which would end
        # the process by the signal, not with its exit code) unless Ctrl-C is ignored: so it is, from here on.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
