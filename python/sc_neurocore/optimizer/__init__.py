"""Automatically compress and tune SNNs for target hardware.

- ``fit_to_target``: deterministic resource fitting against FPGA target budgets.
- ``SurrogateSCOptimizer``: ML-guided stochastic-computing compiler choices from
  analytical design points plus optional measured observations.
- Strict evidence loaders, so benchmark and synthesis reports can feed the
  surrogate without fabricating missing LUT, power, latency or accuracy values.

``SCOptimizer`` and its value types live in ``sc_neurocore.optimizer.sc_optimizer``.

Every ``sc-neurocore`` command has a Python name:

=========================  =======================================================================================
CLI                        Python
=========================  =======================================================================================
optimise                   ``SurrogateSCOptimizer(target, device=..., ...).optimise(network, weights=...)``
                           (layers with ``n_inputs``/``n_neurons`` give shapes); ``report.to_json()`` is ``--out``
optimise --network         ``load_network(path)`` (or give ``optimise`` the path)
optimise --weights         ``load_weights(paths)`` (or give ``weights=`` the paths)
optimise --target-profile  ``target_profile(name)`` (or give ``SurrogateSCOptimizer`` the name)
optimise --pareto          ``SurrogateSCOptimizer(...).pareto_frontier(network, weights=...)``, ``.to_json()``
fit                        ``fit_to_target``
estimate                   ``sc_neurocore.energy.estimate`` (``profile="default"`` for the device model)
emit-network               ``sc_neurocore.hw.emit_network``
simulate                   ``sc_neurocore.hw.simulate``
synth / sweep              ``sc_neurocore.hw.synth`` / ``sc_neurocore.hw.sweep``
feedback --build           ``optimise_from_build``
feedback                   ``optimise_from_synthesis_reports``
collect-synthesis          ``build_payload_from_reports`` + ``write_payload`` (``synthesis_evidence.main``)
parse-report               ``parse_report``
report                     ``write_report(report, "report.html", pareto=frontier)`` (results or their JSON files)
=========================  =======================================================================================

Migration: with ``SC_NEUROCORE_PROFILE=reference`` every call that passes no ``profile=`` behaves as the
published package, number for number, report reading included; an explicit ``profile=`` wins.

Example::

    from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
    target = TargetHardwareProfile("ice40-low-power", HardwareBudget(7680, 250.0, 4096))
    report = SurrogateSCOptimizer(target).optimise([LayerProfile("fc1", 64 * 32, True, 64, 32)])
"""

from sc_neurocore.optimizer.feedback_loop import (
    SynthesisFeedbackResult,
    optimise_from_build,
    optimise_from_evidence_payload,
    optimise_from_synthesis_reports,
)
from sc_neurocore.optimizer.observation_loader import (
    ObservationLoadError,
    load_observations,
    load_synthesis_observation,
    observation_from_synthesis_reports,
    observations_from_payload,
    parse_report,
)
from sc_neurocore.optimizer.inputs import load_network, load_weights, target_profile
from sc_neurocore.optimizer.resource_optimizer import OptimizationResult, fit_to_target
from sc_neurocore.optimizer.surrogate_sc_optimizer import (
    BenchmarkObservation,
    SurrogateOptimizerReport,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
)
from sc_neurocore.optimizer.synthesis_evidence import build_payload_from_reports, write_payload
from sc_neurocore.report import write_report

__all__ = [
    "BenchmarkObservation",
    "ObservationLoadError",
    "OptimizationResult",
    "SurrogateOptimizerReport",
    "SurrogateSCOptimizer",
    "SynthesisFeedbackResult",
    "TargetHardwareProfile",
    "build_payload_from_reports",
    "fit_to_target",
    "load_network",
    "load_observations",
    "load_synthesis_observation",
    "load_weights",
    "observation_from_synthesis_reports",
    "observations_from_payload",
    "optimise_from_build",
    "optimise_from_evidence_payload",
    "optimise_from_synthesis_reports",
    "parse_report",
    "target_profile",
    "write_payload",
    "write_report",
]
