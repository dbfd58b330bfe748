"""The plan report: one self-contained HTML page of a plan, and its Pareto frontier as SVG.

``write_report`` writes what ``sc-neurocore report`` writes (the plan table, the Pareto plot, the
predicted-vs-measured tables of a ``synth`` build, and where each number comes from); ``pareto_svg`` returns
the plot ``sc-neurocore optimise --pareto-svg`` writes. Both run the C++ engine's renderer, so the CLI and
Python give the same bytes. See docs/report.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple, Union

from sc_neurocore import _core

if TYPE_CHECKING:
    from sc_neurocore.optimizer.surrogate_sc_optimizer import NetworkFrontier, SurrogateOptimizerReport

__all__ = ["pareto_svg", "write_report"]

PathLike = Union[str, "os.PathLike[str]"]
JsonSource = Union[PathLike, Dict[str, Any], "SurrogateOptimizerReport", "NetworkFrontier"]


def _source(value: JsonSource, name: str) -> Union[str, Dict[str, Any], Tuple[Dict[str, Any], str]]:
    if hasattr(value, "to_json"):  # a SurrogateOptimizerReport or NetworkFrontier: its document, named
        return value.to_json(), f"a {type(value).__name__} given in Python"
    if isinstance(value, dict):
        return value
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    raise TypeError(f"{name} must be a path, a dict or an optimiser result, got {type(value).__name__}")


def write_report(
    plan: JsonSource,
    out: PathLike,
    pareto: Optional[JsonSource] = None,
    build: Optional[PathLike] = None,
) -> Path:
    """Write the HTML plan report to ``out`` (atomically) and return its path.

    ``plan`` and ``pareto`` are the JSON files ``optimise --out`` / ``--pareto`` write (paths), the same
    documents as dicts, or the ``SurrogateOptimizerReport`` / ``NetworkFrontier`` that
    ``SurrogateSCOptimizer.optimise`` / ``pareto_frontier`` return; ``build`` is a folder ``synth`` wrote (``comparison.json``, ``evidence.json``). A
    malformed input raises ``ValueError`` (a missing file ``FileNotFoundError``) naming the file and field.

    Example::

        from sc_neurocore.report import write_report
        write_report("plan.json", "report.html", pareto="pareto.json", build="BUILD")
        write_report(optimiser.optimise(network), "report.html", pareto=optimiser.pareto_frontier(network))
    """
    out_path = Path(out)
    _core.report_write(
        _source(plan, "plan"),
        os.fspath(out_path),
        None if pareto is None else _source(pareto, "pareto"),
        None if build is None else os.fspath(build),
    )
    return out_path


def pareto_svg(pareto: JsonSource, plan: Optional[JsonSource] = None) -> str:
    """The network Pareto frontier as a standalone SVG document (cells against accuracy).

    With ``plan`` (a path or dict) the plot also draws the plan's cell budget and marks the chosen plan.

    Example::

        from sc_neurocore.report import pareto_svg
        Path("pareto.svg").write_text(pareto_svg("pareto.json", plan="plan.json"))
    """
    return _core.report_pareto_svg(_source(pareto, "pareto"), None if plan is None else _source(plan, "plan"))
