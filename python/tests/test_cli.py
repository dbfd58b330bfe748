"""`python3 -m sc_neurocore` runs the engine's CLI in process: same output,
same exit codes, same error lines as the sc-neurocore executable."""

import json
import subprocess
import sys

import pytest

from conftest import DESIGN, EVIDENCE, REPO, VIVADO_POWER, VIVADO_UTIL, cli_path, python_env


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


def test_synthesis_evidence_main_follows_argparse_conventions(capsys, tmp_path):
    from sc_neurocore.optimizer.synthesis_evidence import main

    with pytest.raises(SystemExit) as exited:
        main(["--design", "/nonexistent.json"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and "the following arguments are required: --utilisation/--utilization, --power, --accuracy-score" in err
    with pytest.raises(SystemExit) as exited:
        main(["--design", "d", "--utilisation", "u", "--power", "p", "--accuracy-score", "high"])
    assert exited.value.code == 2 and "invalid float value: 'high'" in capsys.readouterr().err
    # A missing report: exit 2, the OS error's message on stderr.
    with pytest.raises(SystemExit) as exited:
        main(["--design", str(DESIGN), "--utilisation", str(tmp_path / "none.rpt"), "--power", str(VIVADO_POWER),
              "--accuracy-score", "0.9"])
    assert exited.value.code == 2 and "none.rpt" in capsys.readouterr().err


def test_synthesis_evidence_main_writes_the_payload_to_stdout_without_out(capsys, tmp_path):
    from sc_neurocore.optimizer.synthesis_evidence import main

    args = ["--design", str(DESIGN), "--utilisation", str(VIVADO_UTIL), "--power", str(VIVADO_POWER),
            "--accuracy-score", "0.991", "--latency-cycles", "128"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed)["observations"][0]["latency_cycles"] == 128 and printed.endswith("}\n")
    assert main([*args, "--out", str(tmp_path / "e.json")]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads((tmp_path / "e.json").read_text()) == json.loads(printed)


def test_the_cli_prints_into_python_streams_in_process(capsys):
    from sc_neurocore.cli import run

    assert run(["estimate", "--layers", "4x2"]) == 0
    assert "Total LUTs:     612" in capsys.readouterr().out
    assert run(["estimate", "--layers", "4xtwo"]) == 2
    assert capsys.readouterr().err.startswith("sc-neurocore: error:")
