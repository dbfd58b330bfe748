"""python3 -m sc_neurocore runs the same commands as sc-neurocore."""

import json
import os
import subprocess
import sys


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sc_neurocore", *args], capture_output=True, text=True, cwd=cwd)


def test_same_output_as_the_binary():
    module = run("estimate", "--layers", "4x2", "--json")
    assert module.returncode == 0
    assert json.loads(module.stdout)["total_luts"] == 612
    binary = os.environ.get("SCN_CLI")
    if binary:
        direct = subprocess.run([binary, "estimate", "--layers", "4x2", "--json"], capture_output=True, text=True)
        assert direct.stdout == module.stdout


def test_errors_exit_2_with_one_line():
    done = run("estimate", "--layers", "32x")
    assert done.returncode == 2
    assert done.stderr.startswith("sc-neurocore: error: --layers: invalid layer '32x'")
    assert done.stderr.count("\n") == 1


def test_cli_main_function(capsys):
    from sc_neurocore.cli import main
    assert main(["targets", "--json"]) == 0
