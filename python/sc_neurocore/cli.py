"""The ``sc-neurocore`` command line, run in this process by the C++ engine."""

from __future__ import annotations

import sys
from typing import Sequence

from sc_neurocore import _core

__all__ = ["main", "run"]


def run(argv: Sequence[str]) -> int:
    """Run one command line (without the program name) and return its exit code."""
    # Python and the engine share stdout/stderr: flush ours first so the
    # output keeps its order; the engine flushes its own before returning.
    sys.stdout.flush()
    sys.stderr.flush()
    return _core.cli_run(["sc-neurocore", *argv])


def main() -> int:
    """Entry point: run ``sys.argv[1:]`` and return the exit code."""
    return run(sys.argv[1:])
