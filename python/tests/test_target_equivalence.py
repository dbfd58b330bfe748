"""Every built-in target profile plans the same in Python and on the command line (issue 30, item 3):
SurrogateSCOptimizer("name") is `sc-neurocore optimise --target-profile name`, device and clock included, for the
default and the reference profile, with and without weights."""
import json
import subprocess

import pytest

from conftest import REPO, cli_path
from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateSCOptimizer

NETWORK = REPO / "examples" / "network.json"


def targets():
    done = subprocess.run([cli_path(), "targets", "--json"], capture_output=True, text=True, check=True)
    return {t["name"]: t["device"] for t in json.loads(done.stdout)["target_profiles"]}


def test_there_is_a_target_per_catalogue_device():
    assert {"ice40-low-power", "ice40-up5k", "ice40-hx8k"} <= set(targets())


@pytest.mark.parametrize("profile", ["default", "reference"])
def test_python_and_the_cli_give_the_same_plan_for_every_target(profile):
    for name, device in targets().items():
        done = subprocess.run([cli_path(), "optimise", "--network", str(NETWORK), "--target-profile", name,
                               "--profile", profile], capture_output=True, text=True)
        assert done.returncode == 0, (name, done.stderr)
        cli_plan = json.loads(done.stdout)
        python_plan = SurrogateSCOptimizer(name, profile=profile).optimise(str(NETWORK)).to_json()
        assert python_plan == cli_plan, name
        if profile == "default":  # made on the target's own device, not the HX8K for every name
            assert python_plan["device"] == device, name
