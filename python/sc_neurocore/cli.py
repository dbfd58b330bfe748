"""The ``sc-neurocore`` command line, run in-process by the C++ engine."""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from sc_neurocore import _core


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``sc-neurocore`` with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.stderr.flush()
    return _core.run_cli(args)
