"""`python3 -m sc_neurocore` runs the engine's CLI in process: same output,
same exit codes, same error lines as the sc-neurocore executable."""

import json
import subprocess
import sys

import pytest

from conftest import EVIDENCE, REPO, cli_path, python_env


def python_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sc_neurocore", *args], capture_output=True, text=True, cwd=cwd,
                          env=python_env())


def test_targets_json():
    done = python_cli("targets", "--json")
    assert done.returncode == 0, done.stderr
    targets = json.loads(done.stdout)
    assert "ice40" in json.dumps(targets) and "7680" in done.stdout


def test_optimise_plan_is_byte_identical_to_the_executable(tmp_path):
    args = ["optimise", "--network", str(REPO / "examples" / "network.json"), "--target-profile", "ice40-low-power",
            "--profile", "reference"]
    done = python_cli(*args)
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["profile"] == "reference" and plan["target_name"] == "ice40-low-power"
    executable = cli_path()
    if executable is None:
        pytest.skip("sc-neurocore executable not built")
    native = subprocess.run([executable, *args], capture_output=True, text=True)
    assert native.returncode == 0 and native.stdout == done.stdout


def test_errors_and_exit_codes_match_the_executable():
    cases = [["fit", "--layers", "4x0"], ["no-such-command"], ["optimise", "--network", "/nonexistent.json",
                                                               "--max-luts", "1", "--max-power-mw", "1"]]
    executable = cli_path()
    for args in cases:
        done = python_cli(*args)
        assert done.returncode == 2
        assert done.stderr.startswith("sc-neurocore: error: ")
        assert done.stdout == ""
        if executable:
            native = subprocess.run([executable, *args], capture_output=True, text=True)
            assert (native.returncode, native.stdout, native.stderr) == (2, "", done.stderr)


def test_help_and_version():
    assert python_cli("--version").stdout.startswith("sc-neurocore ")
    done = python_cli("--help")
    assert done.returncode == 0 and "collect-synthesis" in done.stdout


def test_feedback_command_uses_the_evidence_fixture(tmp_path):
    done = python_cli("optimise", "--network", str(EVIDENCE / "dense0_network.json"), "--max-luts", "10000",
                      "--max-power-mw", "100", "--max-latency-cycles", "512", "--evidence",
                      str(EVIDENCE / "case_d_feedback.json"), "--profile", "reference", "--out",
                      str(tmp_path / "plan.json"))
    assert done.returncode == 0, done.stderr
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert plan["layers"][0]["luts_used"] == 825 and plan["training_points"] == 425


def test_main_reads_sys_argv(monkeypatch, capfd):
    from sc_neurocore.cli import main

    monkeypatch.setattr(sys, "argv", ["sc-neurocore", "estimate", "--layers", "4x2"])
    assert main() == 0
    assert "Total LUTs:     612" in capfd.readouterr().out


def test_synthesis_evidence_main_is_collect_synthesis(capfd):
    from sc_neurocore.optimizer.synthesis_evidence import main

    assert main(["--design", "/nonexistent.json"]) == 2
    assert "sc-neurocore: error:" in capfd.readouterr().err
