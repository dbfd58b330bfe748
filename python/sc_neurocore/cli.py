"""The ``sc-neurocore`` command line, run in this process by the C++ engine."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from typing import Sequence, TextIO

from sc_neurocore import _core

__all__ = ["main", "run"]


def _writes_to_fd(stream: TextIO, fd: int) -> bool:
    try:
        return stream.fileno() == fd
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False


def run(argv: Sequence[str]) -> int:
    """Run one command line (without the program name) and return its exit code.

    The engine writes to the process's stdout and stderr. When ``sys.stdout`` or ``sys.stderr`` is not the
    process's own stream (pytest's ``capsys``, ``contextlib.redirect_stdout``, a notebook), the engine's output
    is collected and written to them when the command ends, so in-process callers see what it printed.

    Example::

        from sc_neurocore.cli import run
        run(["estimate", "--layers", "64x32"])  # 0, the estimate table on sys.stdout
    """
    # Python and the engine share stdout/stderr: flush ours first so the
    # output keeps its order; the engine flushes its own before returning.
    sys.stdout.flush()
    sys.stderr.flush()
    command = ["sc-neurocore", *argv]
    if _writes_to_fd(sys.stdout, 1) and _writes_to_fd(sys.stderr, 2):
        return _core.cli_run(command)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        saved = os.dup(1), os.dup(2)
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            code = _core.cli_run(command)
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        for captured, stream in ((out, sys.stdout), (err, sys.stderr)):
            captured.seek(0)
            stream.write(captured.read().decode("utf-8", errors="replace"))
            stream.flush()
    return code


def main() -> int:
    """Entry point: run ``sys.argv[1:]`` and return the exit code (``python3 -m sc_neurocore``).

    Example: ``sys.argv = ["sc-neurocore", "targets"]; sys.exit(main())``; ``run(["targets"])`` takes the
    arguments directly.
    """
    return run(sys.argv[1:])
