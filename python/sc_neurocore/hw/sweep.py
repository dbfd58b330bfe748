"""Many plans built by ``sc-neurocore synth``, locally or on a Dask cluster, their evidence collected.

The Python side of ``sc-neurocore sweep`` (which runs this module for ``--scheduler``)::

    python3 -m sc_neurocore.hw.sweep --network NET.json (--plans DIR | --pareto FILE) [--weights W]
        --device D [--clock-mhz F] [--package P] --out DIR [--jobs N | --scheduler ADDRESS]
        [--timeout S] [--max-points K] [--within-budget] [--cli PATH]

``--plans DIR`` builds every ``*.json`` plan of DIR (sorted by name, each named by its file's stem);
``--pareto FILE`` every point of the frontier ``optimise --pareto FILE`` wrote, as ``OUT/plans/point_NNN.json``
(NNN = the point's index; ``--within-budget`` keeps the points within the target's budget, ``--max-points K``
K evenly spaced ones of those, both ends included). Each plan is one
task: ``<cli> synth ... --out OUT/<name> --jobs 1 --quiet`` with its output in ``OUT/<name>.log``, run by a
thread of this process (``--jobs N`` at once) or by a worker of the Dask cluster at ``--scheduler``
(``dask.distributed``, Debian's python3-distributed; OUT, the inputs and the CLI must be at the same paths on
the workers, as on one machine or a shared file system). A plan that does not fit (exit 3) or fails is a
result, not the end of the sweep. One progress line per finished plan on stderr; at the end
``OUT/sweep.json`` (written atomically: per plan its exit status, whether it fits, the predicted and measured
logic cells and fmax of its ``comparison.json``, the timing verdict, the relative errors; and a summary) and
a table on stdout. Exit status: 0, 2 for bad input, 1 when no plan was built, 130 when interrupted.

Example::

    from sc_neurocore.hw.sweep import sweep
    result = sweep("examples/network.json", "frontier.json", "ice40-hx8k", "build/sweep",
                   weights="examples/network_weights.json", jobs=2, max_points=3)
    result["summary"]["logic_cells"]["median_abs_relative_error"]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__all__ = ["SweepInputError", "build_plan", "main", "sweep", "sweep_table"]

PathLike = Union[str, "os.PathLike[str]"]

_STATUS = {0: "built", 2: "input_error", 3: "does_not_fit", 130: "interrupted"}


class SweepInputError(ValueError):
    """Bad sweep input: no plans, a missing frontier, a bad flag value (the CLI's exit status 2)."""


# ---------------------------------------------------------------------------------------------------------
# One plan: runs on a thread of this process or on a Dask worker. Standard library only.

# The synth processes this process runs (dict operations are atomic; a lock would not pickle for Dask).
_running: Dict[int, subprocess.Popen] = {}


def _last_error_line(log: str) -> Optional[str]:
    last, error = None, None
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                last = line
                if line.startswith("sc-neurocore: "):
                    error = line
    except OSError:
        return None
    return error or last


def _row(design: Any, quantity: str) -> Dict[str, Any]:
    row = {"predicted": None, "measured": None, "relative_error": None}
    if isinstance(design, dict) and isinstance(design.get(quantity), dict):
        for key in row:
            row[key] = design[quantity].get(key)
    return row


def _read_json(path: str, problems: List[str]) -> Optional[Any]:
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        problems.append(f"{path}: {error}")
        return None


def plan_result(name: str, plan: str, build: str, log: str, code: int, seconds: float) -> Dict[str, Any]:
    """One plan's entry of sweep.json, from its exit status and what its build folder holds."""
    result: Dict[str, Any] = {
        "name": name,
        "plan": plan,
        "build": None,
        "log": log,
        "exit_status": code,
        "status": _STATUS.get(code, "failed"),
        "fits": True if code == 0 else False if code == 3 else None,
        "seconds": round(seconds * 10) / 10,
        "unit": None,
        "logic_cells": _row(None, "logic_cells"),
        "fmax_mhz": _row(None, "fmax_mhz"),
        "timing_met": None,
        "placed": None,
        "warnings": [],
        "message": None,
    }
    problems: List[str] = []
    if code != 0:
        result["message"] = _last_error_line(log)
    if code in (0, 3):
        comparison = _read_json(os.path.join(build, "comparison.json"), problems)
        if isinstance(comparison, dict):
            design = comparison.get("design", {})
            result.update(
                build=build,
                unit=comparison.get("unit"),
                logic_cells=_row(design, "logic_cells"),
                fmax_mhz=_row(design, "fmax_mhz"),
                warnings=list(comparison.get("warnings", [])),
            )
        evidence = _read_json(os.path.join(build, "evidence.json"), problems)
        if isinstance(evidence, dict):
            measured = evidence.get("measurements", {})
            result["timing_met"] = measured.get("timing_met") if isinstance(measured, dict) else None
            result["placed"] = evidence.get("placed")
        if problems:
            result["message"] = problems[-1]
    return result


def build_plan(task: Dict[str, Any]) -> Dict[str, Any]:
    """Runs one plan's ``synth`` (``task``: cli, args, name, plan, build, log) and returns its result.

    A picklable call for a thread pool or a Dask worker; the build folder of an earlier sweep is removed
    first, so that it cannot pass for this one's.

    Example::

        build_plan({"cli": "sc-neurocore", "args": ["--network", "examples/network.json"], "name": "p0",
                    "plan": "SWEEP/p0.plan.json", "build": "SWEEP/p0", "log": "SWEEP/p0.log"})
    """
    command = list(task["cli"]) + ["synth"] + list(task["args"])
    build, log = task["build"], task["log"]
    shutil.rmtree(build, ignore_errors=True)
    with open(log, "w", encoding="utf-8") as f:
        f.write("$ " + shlex.join(command) + "\n")
    start = time.monotonic()
    with open(log, "a", encoding="utf-8") as f:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT)
        except OSError as error:
            f.write(f"sc-neurocore: error: cannot run {command[0]}: {error}\n")
            code = 127
        else:
            _running[process.pid] = process
            try:
                code = process.wait()
            finally:
                _running.pop(process.pid, None)
            if code < 0:  # killed by a signal
                code = 128 - code
    return plan_result(task["name"], task["plan"], build, log, code, time.monotonic() - start)


def _interrupt_running() -> None:
    for process in list(_running.values()):
        try:
            process.send_signal(signal.SIGINT)  # synth stops its tools and removes its temporary folder
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------------------
# The sweep.


def _evenly_spaced(n: int, count: int) -> List[int]:
    if count <= 0 or count >= n:
        return list(range(n))
    if count == 1:
        return [0]
    return [(i * (n - 1) + (count - 1) // 2) // (count - 1) for i in range(count)]


def _json_text(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True) + "\n"


def _write_atomically(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _plan_jobs(
    source: Any, out: str, max_points: int, within_budget: bool
) -> Tuple[List[Dict[str, str]], Dict[str, Any]]:
    """(name, plan file) of every plan, and the sweep's "source" record."""
    if isinstance(source, (list, tuple)):
        files = sorted(os.fspath(p) for p in source)
        if not files:
            raise SweepInputError("no plans given")
        picked = [files[i] for i in _evenly_spaced(len(files), max_points)]
        return [{"name": Path(f).stem, "plan": f} for f in picked], {"plans": files, "max_points": max_points}
    path = os.fspath(source)
    if os.path.isdir(path):
        files = sorted(
            os.path.join(path, name)
            for name in os.listdir(path)
            if name.endswith(".json") and os.path.isfile(os.path.join(path, name))
        )
        if not files:
            raise SweepInputError(f"--plans {path}: no *.json plan in the folder")
        picked = [files[i] for i in _evenly_spaced(len(files), max_points)]
        os.makedirs(out, exist_ok=True)
        return [{"name": Path(f).stem, "plan": f} for f in picked], {"plans": path, "max_points": max_points}
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file (--pareto)")
    try:
        with open(path, encoding="utf-8") as f:
            frontier = json.load(f)
    except ValueError as error:
        raise SweepInputError(f"{path} is not valid JSON: {error}") from None
    points = frontier.get("points") if isinstance(frontier, dict) else None
    if not isinstance(points, list) or not points:
        raise SweepInputError(f'{path}: not a frontier of optimise --pareto (no "points")')
    for i, point in enumerate(points):
        if not isinstance(point, dict) or not isinstance(point.get("layers"), list):
            raise SweepInputError(f'{path}: point {i} has no "layers" list')
    candidates = [i for i, point in enumerate(points) if not within_budget or point.get("within_budget") is True]
    if not candidates:
        raise SweepInputError(f"{path}: no point is within the budget (--within-budget)")
    os.makedirs(os.path.join(out, "plans"), exist_ok=True)
    jobs = []
    for k in _evenly_spaced(len(candidates), max_points):
        i = candidates[k]
        plan = dict(points[i])
        plan["rejected_layers"] = []
        plan["target_name"] = frontier.get("target_name")
        plan["source"] = {"pareto": path, "point": i}
        name = f"point_{i:03d}"
        file = os.path.join(out, "plans", name + ".json")
        _write_atomically(file, _json_text(plan))
        jobs.append({"name": name, "plan": file})
    return jobs, {"pareto": path, "max_points": max_points, "within_budget": within_budget}


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


def _check_inputs(network: str, weights: List[str], device: str, package: Optional[str], local: bool) -> None:
    """Bad input found once, before any build (the C++ engine's own checks, when the package is there)."""
    try:
        from sc_neurocore import _core
    except ImportError:  # the standard-library runner alone: synth will say it per plan
        return
    _core.flow_load_network(network)
    for w in weights:
        if not os.path.exists(w):
            raise FileNotFoundError(f"{w}: no such file (--weights)")
    tools = _core.flow_toolchain_tools(device, package or "")
    if local:  # a Dask worker has its own PATH
        for name, flag, debian in tools:
            if shutil.which(name) is None:
                raise SweepInputError(
                    f"{name} not found on PATH: install the Debian package {debian} (scripts/install-deps)"
                )


def _number(value: Any, decimals: int) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "-"
    return f"{round(value):,}" if decimals == 0 else f"{value:.{decimals}f}"


def _percent(value: Any) -> str:
    return f"{100 * value:.1f} %" if isinstance(value, (int, float)) and not isinstance(value, bool) else "-"


def _progress_text(r: Dict[str, Any]) -> str:
    code = r["exit_status"]
    unit = r["unit"] if isinstance(r["unit"], str) else "cells"
    state = "built" if code == 0 else "does not fit (exit 3)" if code == 3 else f"{r['status']} (exit {code})"
    text = f"{r['name']}: {state} in {r['seconds']:.1f} s"
    cells, fmax = r["logic_cells"], r["fmax_mhz"]
    if cells["measured"] is not None:
        text += (
            f"; {_number(cells['measured'], 0)} {unit}{' packed' if code == 3 else ''} (predicted "
            f"{_number(cells['predicted'], 0)}, error {_percent(cells['relative_error'])})"
        )
    if fmax["measured"] is not None:
        text += (
            f", fmax {_number(fmax['measured'], 1)} MHz (predicted {_number(fmax['predicted'], 1)}, error "
            f"{_percent(fmax['relative_error'])})"
        )
    if isinstance(r["timing_met"], bool):
        text += ", timing met" if r["timing_met"] else ", timing missed"
    if code != 0 and r["message"]:
        text += f": {r['message']} (log {r['log']})"
    return text


def _error_summary(results: List[Dict[str, Any]], quantity: str) -> Dict[str, Any]:
    errors = sorted(
        abs(r[quantity]["relative_error"])
        for r in results
        if isinstance(r[quantity]["relative_error"], (int, float))
    )
    out = {"compared": len(errors), "median_abs_relative_error": None, "max_abs_relative_error": None}
    if errors:
        n = len(errors)
        out["median_abs_relative_error"] = errors[n // 2] if n % 2 else (errors[n // 2 - 1] + errors[n // 2]) / 2
        out["max_abs_relative_error"] = errors[-1]
    return out


def summary_of(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The summary of sweep.json: counts by outcome and the median / max |relative error|."""
    codes = [r["exit_status"] for r in results]
    return {
        "count": len(results),
        "built": codes.count(0),
        "does_not_fit": codes.count(3),
        "failed": sum(c not in (0, 3) for c in codes),
        "timing_met": sum(r["timing_met"] is True for r in results),
        "logic_cells": _error_summary(results, "logic_cells"),
        "fmax_mhz": _error_summary(results, "fmax_mhz"),
    }


def sweep_table(result: Dict[str, Any]) -> str:
    """The table ``sc-neurocore sweep`` prints, of a sweep.json.

    Example::

        print(sweep_table(json.loads(Path("SWEEP/sweep.json").read_text())))
    """
    line = "{:<16} {:>4} {:<5} {:>11} {:>11} {:>9} {:>9} {:>9} {:>9} {}\n"
    out = line.format("plan", "exit", "fits", "cells pred", "cells meas", "error", "fmax pred", "fmax meas",
                      "error", "timing")
    for r in result["results"]:
        cells, fmax = r["logic_cells"], r["fmax_mhz"]
        fits = "-" if r["fits"] is None else "yes" if r["fits"] else "no"
        timing = "-" if not isinstance(r["timing_met"], bool) else "met" if r["timing_met"] else "missed"
        out += line.format(r["name"], r["exit_status"], fits, _number(cells["predicted"], 0),
                           _number(cells["measured"], 0), _percent(cells["relative_error"]),
                           _number(fmax["predicted"], 1), _number(fmax["measured"], 1),
                           _percent(fmax["relative_error"]), timing)
    s = result["summary"]
    out += (f"{s['count']} plans: {s['built']} built, {s['does_not_fit']} do not fit, {s['failed']} failed, "
            f"timing met by {s['timing_met']}\n")
    for q in ("logic_cells", "fmax_mhz"):
        e = s[q]
        out += (f"|relative error| of {q}: median {_percent(e['median_abs_relative_error'])}, max "
                f"{_percent(e['max_abs_relative_error'])} over {e['compared']} build(s)\n")
    return out


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
    if int(jobs) < 1:
        raise SweepInputError(f"--jobs must be at least 1, got {jobs}")
    if float(timeout) < 0:
        raise SweepInputError("--timeout must not be negative")
    if int(max_points) < 0:
        raise SweepInputError("--max-points must not be negative")
    if clock_mhz is not None and not float(clock_mhz) > 0:
        raise SweepInputError("--clock-mhz must be positive")
    # Absolute paths: a Dask worker does not run in this folder.
    network, out = os.path.abspath(network), os.path.abspath(out)
    if weights is None:
        weight_files: List[str] = []
    elif isinstance(weights, (str, os.PathLike)):
        weight_files = [os.path.abspath(w) for w in os.fspath(weights).split(",") if w]
    else:
        weight_files = [os.path.abspath(w) for w in weights]
    if isinstance(plans_or_pareto, (list, tuple)):
        plans_or_pareto = [os.path.abspath(p) for p in plans_or_pareto]
    else:
        plans_or_pareto = os.path.abspath(plans_or_pareto)
    _check_inputs(network, weight_files, device, package, scheduler is None and check_tools)
    if os.path.exists(out) and not os.path.isdir(out):
        raise SweepInputError(f"--out {out}: not a folder")
    os.makedirs(out, exist_ok=True)
    if within_budget and (isinstance(plans_or_pareto, (list, tuple)) or os.path.isdir(os.fspath(plans_or_pareto))):
        raise SweepInputError("--within-budget needs --pareto")
    plans, source = _plan_jobs(plans_or_pareto, out, int(max_points), bool(within_budget))
    command = _cli_list(cli)

    tasks = []
    for job in plans:
        args = ["--network", network, "--plan", job["plan"]]
        if weight_files:
            args += ["--weights", ",".join(weight_files)]
        args += ["--device", device]
        if package:
            args += ["--package", package]
        if clock_mhz is not None:
            args += ["--clock-mhz", repr(float(clock_mhz))]
        build = os.path.join(out, job["name"])
        args += ["--out", build, "--jobs", "1", "--quiet"]
        if timeout:
            args += ["--timeout", repr(float(timeout))]
        tasks.append(dict(job, cli=command, args=args, build=build, log=os.path.join(out, job["name"] + ".log")))

    start = time.monotonic()
    results: List[Optional[Dict[str, Any]]] = [None] * len(tasks)

    def progress(text: str) -> None:
        if not quiet:
            print(f"sc-neurocore sweep: [{time.monotonic() - start:7.1f} s] {text}", file=sys.stderr, flush=True)

    def report(i: int, result: Dict[str, Any]) -> None:
        results[i] = result
        done = sum(r is not None for r in results)
        progress(f"{done}/{len(tasks)} {_progress_text(result)}")

    where = f"on the Dask cluster at {scheduler}" if scheduler else f"{min(int(jobs), len(tasks))} at once"
    progress(f"{len(tasks)} plan(s), {where}, into {out}")
    interrupted = False
    try:
        if scheduler:
            try:
                from distributed import Client, as_completed  # Debian python3-distributed
            except ImportError:
                raise SweepInputError(
                    "--scheduler needs dask.distributed: install Debian's python3-distributed"
                ) from None
            # The task travels by value, so a worker needs the standard library and the CLI, not this package.
            by_value = _pickle_by_value()
            try:
                with Client(scheduler) as client:
                    futures = [client.submit(build_plan, t, pure=False) for t in tasks]
                    index = {f.key: i for i, f in enumerate(futures)}
                    try:
                        for future in as_completed(futures):
                            report(index[future.key], future.result())
                    except KeyboardInterrupt:
                        client.cancel(futures)
                        raise
            finally:
                by_value()
        else:
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, int(jobs)))
            try:
                futures = {pool.submit(build_plan, t): i for i, t in enumerate(tasks)}
                for future in concurrent.futures.as_completed(futures):
                    report(futures[future], future.result())
            except KeyboardInterrupt:
                for future in futures:
                    future.cancel()
                _interrupt_running()
                pool.shutdown(wait=True, cancel_futures=True)
                for future, i in futures.items():
                    if results[i] is None and future.done() and not future.cancelled() and not future.exception():
                        results[i] = future.result()
                raise
            finally:
                pool.shutdown(wait=True)
    except KeyboardInterrupt:
        interrupted = True

    finished = [r for r in results if r is not None]
    record = {
        "generator": "sc_neurocore.hw.sweep",
        "tool_version": _version(),
        "cli": shlex.join(command),
        "runner": "dask" if scheduler else "local",
        "scheduler": scheduler,
        "jobs": None if scheduler else int(jobs),
        "network": network,
        "weights": weight_files,
        "device": device,
        "package": package or None,
        "clock_mhz": None if clock_mhz is None else float(clock_mhz),
        "timeout": float(timeout),
        "source": source,
        "interrupted": interrupted,
        "results": finished,
        "summary": summary_of(finished),
    }
    _write_atomically(os.path.join(out, "sweep.json"), _json_text(record))
    progress(f"wrote {os.path.join(out, 'sweep.json')}")
    if interrupted:
        raise KeyboardInterrupt(f"sweep interrupted after {len(finished)} of {len(tasks)} plan(s)")
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
