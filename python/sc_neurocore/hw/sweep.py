"""Many plans built by ``sc-neurocore synth``, locally or on a Dask cluster, their evidence collected.

The Python face of ``sc-neurocore sweep`` (which runs this module for ``--scheduler``)::

    python3 -m sc_neurocore.hw.sweep --network NET.json (--plans DIR | --pareto FILE) [--weights W]
        --device D [--clock-mhz F] [--package P] --out DIR [--jobs N | --scheduler ADDRESS]
        [--timeout S] [--max-points K] [--within-budget] [--cli PATH]

The sweep itself is the C++ engine's (``flow/sweep.hpp``, the one behind ``sc-neurocore sweep``): the checks
of the inputs, the job list (``--plans DIR``: every ``*.json`` plan of DIR, sorted by name, each named by its
file's stem; ``--pareto FILE``: the points of the frontier ``optimise --pareto`` wrote, as
``OUT/plans/point_NNN.json``, ``--within-budget`` keeping those within the target's budget, ``--max-points K``
K evenly spaced ones, both ends included), each build (``<cli> synth ... --out OUT/<name> --jobs 1 --quiet``
with its output in ``OUT/<name>.log``), its result row, the summary, ``OUT/sweep.json`` (written atomically)
and the table. Without ``--scheduler`` this module calls the engine, which builds ``--jobs N`` plans at once.
What this module adds is the Dask executor: with ``--scheduler`` every plan is a task on a worker of that
cluster (``dask.distributed``, Debian's python3-distributed), which runs the engine's build of that one plan
(``<cli> sweep ... --build-one NAME --build-plan PLAN``, printing the plan's row); OUT, the inputs and the CLI
must be at the same paths on the workers, as on one machine or a shared file system. A plan that does not fit
(exit 3) or fails is a result, not the end of the sweep. One progress line per finished plan on stderr; a
table on stdout. Exit status: 0, 2 for bad input, 1 when no plan was built, 130 when interrupted.

Example::

    from sc_neurocore.hw.sweep import sweep
    result = sweep("examples/network.json", "frontier.json", "ice40-hx8k", "build/sweep",
                   weights="examples/network_weights.json", jobs=2, max_points=3)
    result["summary"]["logic_cells"]["median_abs_relative_error"]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

__all__ = ["SweepInputError", "build_plan", "main", "sweep", "sweep_table"]

PathLike = Union[str, "os.PathLike[str]"]


class SweepInputError(ValueError):
    """Bad sweep input: no plans, a missing frontier, a bad flag value (the CLI's exit status 2)."""


def _engine():
    from sc_neurocore import _core

    return _core


def build_plan(task: Dict[str, Any]) -> Dict[str, Any]:
    """Runs one plan's build on this machine (``task``: one job of the engine's list, with ``cli``) and
    returns its result row.

    A picklable call for a Dask worker: it needs the standard library and the CLI, not this package. The
    engine's ``--build-one`` removes the build folder of an earlier sweep first, so that it cannot pass for
    this one's, runs ``synth`` with its output in the log, and prints the row.

    Example::

        build_plan({"cli": ["sc-neurocore"], "name": "p0", "plan": "SWEEP/p0.plan.json",
                    "build_one": ["sweep", "--network", "examples/network.json", "--out", "SWEEP",
                                  "--build-one", "p0", "--build-plan", "SWEEP/p0.plan.json"]})
    """
    command = list(task["cli"]) + list(task["build_one"])
    run = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines()
        raise RuntimeError(f"{task['name']}: {lines[-1] if lines else f'{command[0]} exited with {run.returncode}'}")
    return json.loads(run.stdout)


def sweep_table(result: Dict[str, Any]) -> str:
    """The table ``sc-neurocore sweep`` prints, of a sweep.json.

    Example::

        print(sweep_table(json.loads(Path("SWEEP/sweep.json").read_text())))
    """
    return _engine().sweep_table(result)


def _default_cli() -> List[str]:
    given = os.environ.get("SCN_CLI_PATH")
    if given and os.path.isfile(given):
        return [given]
    found = shutil.which("sc-neurocore")
    if found:
        return [found]
    return [sys.executable, "-m", "sc_neurocore"]  # the CLI of this package, in its own process


def _cli_list(cli: Union[None, PathLike, Sequence[str]]) -> List[str]:
    if cli is None:
        command = _default_cli()
    elif isinstance(cli, (str, os.PathLike)):
        command = [os.fspath(cli)]
    else:
        command = [os.fspath(c) for c in cli]
    if os.sep in command[0]:  # a path, not a name looked up on PATH
        command[0] = os.path.abspath(command[0])
    return command


def _pickle_by_value():
    """Makes cloudpickle send this module's functions by value; returns the undo."""
    module = sys.modules.get(__name__)
    try:
        import cloudpickle

        if __name__ == "__main__" or module is None or not hasattr(cloudpickle, "register_pickle_by_value"):
            return lambda: None
        cloudpickle.register_pickle_by_value(module)
    except (ImportError, ValueError):
        return lambda: None

    def undo() -> None:
        try:
            cloudpickle.unregister_pickle_by_value(module)
        except ValueError:
            pass

    return undo


def _version() -> Optional[str]:
    try:
        from sc_neurocore import __version__

        return __version__
    except ImportError:
        return None


def _options(network, plans_or_pareto, device, out, weights, jobs, clock_mhz, package, timeout, max_points,
             within_budget) -> Dict[str, Any]:
    """The engine's SweepOptions, with absolute paths: a Dask worker does not run in this folder."""
    if weights is None:
        weight_files: List[str] = []
    elif isinstance(weights, (str, os.PathLike)):
        weight_files = [os.path.abspath(w) for w in os.fspath(weights).split(",") if w]
    else:
        weight_files = [os.path.abspath(w) for w in weights]
    options = {"network": os.path.abspath(network), "weights": weight_files, "device": device,
               "clock_mhz": None if clock_mhz is None else float(clock_mhz), "package": package or "",
               "out": os.path.abspath(out), "jobs": int(jobs), "timeout": float(timeout),
               "max_points": int(max_points), "within_budget": bool(within_budget)}
    if isinstance(plans_or_pareto, (list, tuple)):
        options["plan_files"] = [os.path.abspath(p) for p in plans_or_pareto]
        if not options["plan_files"]:
            raise SweepInputError("no plans given")
    elif os.path.isdir(os.fspath(plans_or_pareto)):
        options["plans"] = os.path.abspath(plans_or_pareto)
    else:
        options["pareto"] = os.path.abspath(plans_or_pareto)
    return options


def _on_dask(
    options: Dict[str, Any], command: List[str], scheduler: str, quiet: bool
) -> Tuple[List[Optional[Dict[str, Any]]], bool, Callable[[str], None]]:
    """The Dask executor: the engine's jobs as tasks on the cluster's workers, one progress line per finished
    task. Returns the rows by job (None: not finished), whether a Ctrl-C stopped it, and the progress printer."""
    engine = _engine()
    tasks = [dict(job, cli=command) for job in engine.sweep_jobs(options)]
    start = time.monotonic()

    def progress(text: str) -> None:
        if not quiet:
            print(f"sc-neurocore sweep: [{time.monotonic() - start:7.1f} s] {text}", file=sys.stderr, flush=True)

    results: List[Optional[Dict[str, Any]]] = [None] * len(tasks)
    progress(f"{len(tasks)} plan(s), on the Dask cluster at {scheduler}, into {options['out']}")
    try:
        from distributed import Client, as_completed  # Debian python3-distributed
    except ImportError:
        raise SweepInputError("--scheduler needs dask.distributed: install Debian's python3-distributed") from None
    interrupted = False
    by_value = _pickle_by_value()  # the task travels by value: a worker needs the CLI, not this package
    try:
        with Client(scheduler) as client:
            futures = [client.submit(build_plan, t, pure=False) for t in tasks]
            index = {f.key: i for i, f in enumerate(futures)}
            try:
                for future in as_completed(futures):
                    i = index[future.key]
                    results[i] = future.result()
                    done = sum(r is not None for r in results)
                    progress(f"{done}/{len(tasks)} {engine.sweep_progress_text(results[i])}")
            except KeyboardInterrupt:
                client.cancel(futures)
                raise
    except KeyboardInterrupt:
        interrupted = True
    finally:
        by_value()
    return results, interrupted, progress


def sweep(
    network: PathLike,
    plans_or_pareto: Union[PathLike, Sequence[PathLike]],
    device: str,
    out: PathLike,
    *,
    weights: Union[None, PathLike, Sequence[PathLike]] = None,
    jobs: int = 1,
    scheduler: Optional[str] = None,
    cli: Union[None, PathLike, Sequence[str]] = None,
    clock_mhz: Optional[float] = None,
    package: Optional[str] = None,
    timeout: float = 0,
    max_points: int = 0,
    within_budget: bool = False,
    quiet: bool = False,
    check_tools: bool = True,
) -> Dict[str, Any]:
    """Build every plan with ``<cli> synth`` and return the content of ``out/sweep.json`` (also written).

    ``plans_or_pareto``: a folder of plan JSON files, a list of plan files, or the frontier file of
    ``optimise --pareto``. ``weights``: a path or a list of paths (.npy per layer, or a JSON list of
    matrices). ``jobs`` plans at once on this machine, or every plan a task on the Dask cluster at
    ``scheduler`` (``dask.distributed.Client(scheduler)``). ``cli``: the ``sc-neurocore`` executable, or
    a command list (default: ``$SCN_CLI_PATH``, ``sc-neurocore`` on PATH, else ``python3 -m
    sc_neurocore``). ``timeout``: seconds each tool stage of a build may run (0 = none); ``max_points``:
    build at most that many plans, evenly spaced (0 = all); ``within_budget``: of a frontier, only the points
    within the target's budget; ``check_tools``: locally, refuse to start when a
    tool of the device's flow is not on PATH. A plan that does not fit or fails is a result
    (its ``exit_status``, ``status`` and ``message``); bad input raises ``ValueError`` /
    ``FileNotFoundError`` before any build; Ctrl-C writes the finished results (``"interrupted": true``)
    and raises ``KeyboardInterrupt``.

    >>> result = sweep("examples/network.json", "frontier.json", "ice40-hx8k", "build/sweep",
    ...                weights="examples/network_weights.json", jobs=2, max_points=3)  # doctest: +SKIP
    >>> [r["logic_cells"]["measured"] for r in result["results"]]  # doctest: +SKIP
    [221.0, 1581.0, 4472.0]
    """
    engine = _engine()
    options = _options(network, plans_or_pareto, device, out, weights, jobs, clock_mhz, package, timeout,
                       max_points, within_budget)
    command = _cli_list(cli)
    provenance = {"generator": "sc_neurocore.hw.sweep", "tool_version": _version(), "cli": shlex.join(command),
                  "runner": "dask" if scheduler else "local", "scheduler": scheduler,
                  "jobs": None if scheduler else int(jobs)}
    try:
        engine.sweep_check(options, scheduler is None and check_tools)
        if scheduler is None:
            executable = shutil.which(command[0]) or command[0]
            record, planned = engine.sweep_local(options, command, executable, provenance, quiet)
        else:
            results, interrupted, progress = _on_dask(options, command, scheduler, quiet)
            planned = len(results)
            record = engine.sweep_record(options, provenance, [r for r in results if r is not None], interrupted)
            progress(f"wrote {os.path.join(options['out'], 'sweep.json')}")
    except SweepInputError:
        raise
    except ValueError as error:  # the engine's InputError (exit 2)
        raise SweepInputError(str(error)) from None
    if record["interrupted"]:
        raise KeyboardInterrupt(f"sweep interrupted after {len(record['results'])} of {planned} plan(s)")
    return record


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python3 -m sc_neurocore.hw.sweep ...``; returns the exit status.

    Example::

        main(["--network", "examples/network.json", "--weights", "examples/network_weights.json",
              "--out", "SWEEP", "--max-points", "3"])
    """
    parser = argparse.ArgumentParser(
        prog="python3 -m sc_neurocore.hw.sweep",
        description="Build many plans with sc-neurocore synth, locally or on a Dask cluster, and collect "
        "their evidence into OUT/sweep.json.",
    )
    parser.add_argument("--network", required=True, help="network manifest JSON (with n_inputs, n_neurons)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--plans", help="folder of plan JSON files (every *.json, sorted by name)")
    source.add_argument("--pareto", help="frontier JSON of optimise --pareto (each point a plan point_NNN)")
    parser.add_argument("--weights", help="weights: .npy per layer (comma-separated) or a JSON list of matrices")
    parser.add_argument("--device", default="ice40-hx8k", help="device of the catalogue (default ice40-hx8k)")
    parser.add_argument("--clock-mhz", type=float, help="clock constraint (default: the device's)")
    parser.add_argument("--package", help="package (default: the device's)")
    parser.add_argument("--out", required=True, help="sweep folder")
    runner = parser.add_mutually_exclusive_group()
    runner.add_argument("--jobs", type=int, default=1, help="plans built at once on this machine (default 1)")
    runner.add_argument("--scheduler", help="address of a Dask scheduler to run the builds on")
    parser.add_argument("--timeout", type=float, default=0, help="seconds each tool stage may run (0 = none)")
    parser.add_argument("--max-points", type=int, default=0, help="build at most K plans, evenly spaced")
    parser.add_argument("--within-budget", action="store_true",
                        help="with --pareto: only the points within the target's budget")
    parser.add_argument("--cli", help="the sc-neurocore executable (default: $SCN_CLI_PATH or PATH)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    try:
        if args.plans is not None and not os.path.isdir(args.plans):
            raise SweepInputError(f"--plans {args.plans}: not a folder")
        if args.pareto is not None and os.path.isdir(args.pareto):
            raise SweepInputError(f"--pareto {args.pareto}: a folder, not a frontier file")
        result = sweep(
            args.network,
            args.plans if args.plans is not None else args.pareto,
            args.device,
            args.out,
            weights=args.weights,
            jobs=args.jobs,
            scheduler=args.scheduler,
            cli=args.cli,
            clock_mhz=args.clock_mhz,
            package=args.package,
            timeout=args.timeout,
            max_points=args.max_points,
            within_budget=args.within_budget,
            quiet=args.quiet,
        )
    except KeyboardInterrupt as interrupt:
        print(f"sc-neurocore: error: {interrupt or 'interrupted'}", file=sys.stderr)
        return 130
    except (ValueError, OSError) as error:
        print(f"sc-neurocore: error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(sweep_table(result))
    sys.stdout.flush()
    s = result["summary"]
    if s["built"] + s["does_not_fit"] == 0:
        print(f"sc-neurocore: error: no plan was built: every synth failed (the logs are in {args.out})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
