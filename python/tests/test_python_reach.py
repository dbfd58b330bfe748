"""Issue 13, item 5: what ``sc-neurocore optimise`` and ``report`` do is reachable from Python with the same
inputs (the manifest, the weight files, a built-in target's name) and gives the same documents and bytes."""

import dataclasses
import json
import subprocess
import sys

import numpy as np
import pytest

from conftest import REPO, python_env
from sc_neurocore.optimizer import (
    SurrogateSCOptimizer,
    load_network,
    load_weights,
    target_profile,
    write_report,
)

NETWORK = REPO / "examples" / "network.json"
WEIGHTS = REPO / "examples" / "network_weights.json"


@pytest.fixture(autouse=True)
def default_profile(monkeypatch):
    monkeypatch.delenv("SC_NEUROCORE_PROFILE", raising=False)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "sc_neurocore", *map(str, args)], env=python_env(),
                          capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def cli_documents(tmp_path_factory):
    """The plan and frontier the CLI writes for the example network and its trained weights."""
    out = tmp_path_factory.mktemp("cli")
    cli("optimise", "--network", NETWORK, "--weights", WEIGHTS, "--target-profile", "ice40-low-power",
        "--out", out / "plan.json", "--pareto", out / "pareto.json")
    return out


def test_the_cli_inputs_read_from_python_keep_shapes_and_budgets():
    network = load_network(NETWORK)
    assert [(layer.id, layer.mac_count, layer.n_inputs, layer.n_neurons) for layer in network] == [
        ("encoder", 256, 16, 16), ("decoder", 128, 16, 8)]
    weights = load_weights(WEIGHTS)
    assert [w.shape for w in weights] == [(16, 16), (16, 8)]
    assert weights[0].dtype == np.float64
    target = target_profile("ice40-low-power")
    assert (target.name, target.budget.max_luts, target.budget.max_power_mw) == ("ice40-low-power", 7680, 250.0)
    with pytest.raises(ValueError, match="ice40-nowhere"):
        target_profile("ice40-nowhere")


def test_optimise_from_the_files_is_the_cli_plan(cli_documents):
    report = SurrogateSCOptimizer("ice40-low-power").optimise(NETWORK, weights=WEIGHTS)
    plan = json.loads((cli_documents / "plan.json").read_text())
    assert report.to_json() == plan
    assert plan["device"] == "ice40-hx8k" and plan["lut_unit"] == "ICESTORM_LC"
    assert report.total_luts == plan["total_luts"]
    # The same plan from values instead of paths.
    by_value = SurrogateSCOptimizer(target_profile("ice40-low-power")).optimise(
        load_network(NETWORK), weights=load_weights(WEIGHTS))
    assert by_value == report and by_value.to_json() == plan


def test_the_frontier_document_is_the_cli_pareto_file(cli_documents):
    frontier = SurrogateSCOptimizer("ice40-low-power").pareto_frontier(NETWORK, weights=[WEIGHTS])
    document = frontier.to_json()
    assert document == json.loads((cli_documents / "pareto.json").read_text())
    assert len(document["points"]) == len(frontier.plans) > 1


def test_a_report_from_python_results_is_byte_identical_to_the_cli_report(cli_documents, tmp_path):
    optimiser = SurrogateSCOptimizer("ice40-low-power")
    write_report(optimiser.optimise(NETWORK, weights=WEIGHTS), tmp_path / "python.html",
                 pareto=optimiser.pareto_frontier(NETWORK, weights=WEIGHTS))
    cli("report", "--plan", cli_documents / "plan.json", "--pareto", cli_documents / "pareto.json",
        "--out", tmp_path / "cli.html")
    # The same page; only the sources it names differ (the files, or the objects given in Python).
    cli_page = (tmp_path / "cli.html").read_text()
    for path, given in ((cli_documents / "plan.json", "a SurrogateOptimizerReport given in Python"),
                        (cli_documents / "pareto.json", "a NetworkFrontier given in Python")):
        assert str(path) in cli_page
        cli_page = cli_page.replace(str(path), given)
    assert (tmp_path / "python.html").read_text() == cli_page


def test_a_report_changed_in_python_documents_its_own_fields():
    report = SurrogateSCOptimizer("ice40-low-power").optimise(NETWORK, weights=WEIGHTS)
    changed = dataclasses.replace(report, total_luts=report.total_luts + 1)
    document = changed.to_json()
    assert document["total_luts"] == report.total_luts + 1
    assert "device" not in document  # the engine's device details belong to the engine's result only
    assert [layer["id"] for layer in document["layers"]] == sorted(report.config)
    # The engine's document is a copy: editing it leaves the report's alone.
    report.to_json()["total_luts"] = -1
    assert report.to_json()["total_luts"] == report.total_luts
