"""Every Python example of the API page (../shared/seed/optimiser-api.txt), verbatim."""

import json
import shutil
import subprocess
import sys


def test_fit_to_target_example(capsys):
    import numpy as np
    from sc_neurocore.optimizer import fit_to_target
    weights = [np.ones((32, 16), dtype=np.float32)]
    result = fit_to_target(
    layer_sizes=[(32, 16)],
    weights=weights,
    target="ice40",
    initial_bitstream_length=256,
    )
    print(result.summary())

    out = capsys.readouterr().out
    assert out.startswith("Resource Optimization: ice40\n  Fits: YES\n  LUTs: 3,992 / 7,680 (52.0%)\n")
    # "The result reports whether the design fits, final estimated LUT use, selected bitstream
    # length, sparsity, and each optimisation step."
    assert (result.fits, result.final_luts, result.final_bitstream_length, result.final_sparsity) == (True, 3992, 256, 0.0)
    assert result.steps == []


def test_surrogate_example():
    from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
    target = TargetHardwareProfile(
    name="ice40-low-power",
    budget=HardwareBudget(max_luts=7680, max_power_mw=250.0, max_latency_cycles=4096),
    )
    network = [
    LayerProfile(id="encoder", mac_count=256, is_critical_path=True),
    LayerProfile(id="decoder", mac_count=128),
    ]
    report = SurrogateSCOptimizer(target).optimise(network)

    # "The report contains selected bitstream length, decorrelator, precision, LFSR polynomial,
    # estimated LUTs, power, latency, utility score, and any rejected layers."
    for layer_id in ("encoder", "decoder"):
        config = report.config[layer_id]
        for field in ("bitstream_length", "decorrelator", "precision_bits", "lfsr_polynomial", "luts_used",
                      "power_used", "latency_cycles", "utility_score"):
            assert hasattr(config, field)
        assert config.luts_used >= 1 and config.power_used > 0  # the default profile never reports 1 LUT / 0 mW
    assert report.rejected_layers == [] and report.feasible
    assert report.total_luts <= 7680 and report.total_power_mw <= 250.0
    assert report.search.proven_optimal and report.search.relative_gap == 0.0


def test_load_observations_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    record = {"mac_count": 128, "bitstream_length": 64, "decorrelator": "SCC_Decorrelator", "mode": "SC",
              "precision_bits": 16, "lfsr_polynomial": "none", "luts_used": 1024, "power_mw": 125.0,
              "latency_cycles": 96, "accuracy_score": 0.991}
    (tmp_path / "benchmarks/results/fpga_power_observations.json").write_text(json.dumps({"observations": [record]}))

    from sc_neurocore.optimizer import load_observations
    observations = load_observations("benchmarks/results/fpga_power_observations.json")

    assert len(observations) == 1 and observations[0].luts_used == 1024 and observations[0].power_mw == 125.0


def _build_folder(tmp_path, reports_dir):
    build = tmp_path / "build"
    build.mkdir()
    shutil.copy(reports_dir / "vivado_util/vocos_post_place_util.rpt", build / "vivado_utilisation.rpt")
    shutil.copy(reports_dir / "vivado_power/vocos_post_route_power.rpt", build / "vivado_power.rpt")
    shutil.copy(reports_dir / "vivado_timing/vocos_post_route_timing_summary.rpt", build / "vivado_timing.rpt")
    (build / "network_design.json").write_text(json.dumps(
        {"mac_count": 128, "bitstream_length": 64, "decorrelator": "SCC_Decorrelator", "mode": "SC",
         "precision_bits": 16, "lfsr_polynomial": "none", "latency_cycles": 128}))


def test_build_payload_example(tmp_path, monkeypatch, reports_dir):
    _build_folder(tmp_path, reports_dir)
    monkeypatch.chdir(tmp_path)

    from sc_neurocore.optimizer import build_payload_from_reports, write_payload
    payload = build_payload_from_reports(
    design_path="build/network_design.json",
    utilisation_path="build/vivado_utilisation.rpt",
    power_path="build/vivado_power.rpt",
    timing_path="build/vivado_timing.rpt",
    accuracy_score=0.991,
    clock_mhz=100.0,
    inferences_per_run=1,
    )
    write_payload(payload, "build/synthesis_observations.json")

    written = json.loads((tmp_path / "build/synthesis_observations.json").read_text())
    assert written == payload
    assert written["observations"][0]["luts_used"] == 9
    assert written["observations"][0]["power_mw"] == 77.0
    assert written["energy"]["latency_seconds"] == 1.28e-06
    assert set(written["source_reports"]) == {"utilisation", "power", "timing"}


def test_collect_synthesis_cli_example(tmp_path, reports_dir):
    _build_folder(tmp_path, reports_dir)
    command = """sc-neurocore collect-synthesis \\
--design build/network_design.json \\
--utilisation build/vivado_utilisation.rpt \\
--power build/vivado_power.rpt \\
--timing build/vivado_timing.rpt \\
--accuracy-score 0.991 \\
--clock-mhz 100 \\
--inferences-per-run 1 \\
--out build/synthesis_observations.json"""
    args = command.replace("\\\n", " ").split()[1:]
    done = subprocess.run([sys.executable, "-m", "sc_neurocore", *args], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Evidence written: build/synthesis_observations.json\n"
    payload = json.loads((tmp_path / "build/synthesis_observations.json").read_text())
    assert payload["energy"]["energy_uj_per_inference"] > 0
