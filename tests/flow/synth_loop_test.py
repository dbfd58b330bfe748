#!/usr/bin/python3
"""Issue 12's loop on the README's example network: optimise (shapes and weights) -> synth on the
iCE40HX8K -> feedback. The whole design's measured logic cells must be within 10 % of the plan's
prediction and its fmax within 15 %; the second plan must have learned from the build."""
import json
import os
import sys
import tempfile

from flow_script import cli_and_examples, run


def main():
    args = cli_and_examples()
    net = os.path.join(args.examples, "network.json")
    weights = os.path.join(args.examples, "network_weights.json")
    with tempfile.TemporaryDirectory(prefix="scn-loop-") as tmp:
        plan = os.path.join(tmp, "plan.json")
        build = os.path.join(tmp, "BUILD")
        run(args.cli, "optimise", "--network", net, "--weights", weights, "--target-profile", "ice40-hx8k",
            "--out", plan)
        run(args.cli, "synth", "--network", net, "--plan", plan, "--weights", weights, "--device", "ice40-hx8k",
            "--out", build, "--jobs", "2")
        with open(os.path.join(build, "comparison.json")) as f:
            design = json.load(f)["design"]
        failures = []
        for quantity, limit in (("logic_cells", 0.10), ("fmax_mhz", 0.15)):
            row = design[quantity]
            print(f"{quantity}: predicted {row['predicted']:.1f}, measured {row['measured']:.1f}, "
                  f"error {100 * row['relative_error']:+.1f} % (limit {100 * limit:.0f} %)")
            if abs(row["relative_error"]) > limit:
                failures.append(quantity)
        plan2 = os.path.join(tmp, "plan2.json")
        run(args.cli, "feedback", "--network", net, "--weights", weights, "--target-profile", "ice40-hx8k",
            "--build", build, "--plan-out", plan2)
        with open(plan2) as f:
            second = json.load(f)
        print(f"second plan: training_points {second['training_points']}, costs "
              f"{[layer['costs'] for layer in second['layers']]}")
        if second["training_points"] < 2:
            failures.append("training_points")
        if failures:
            sys.exit(f"FAILED: {', '.join(failures)}")


if __name__ == "__main__":
    main()
