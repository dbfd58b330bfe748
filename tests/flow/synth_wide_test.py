#!/usr/bin/python3
"""Issue 31's wide network: examples/network_784x64x10.json (a 28x28 image, 64 hidden neurons, 10 classes) planned
for the iCE40UP5K with a latency cap of 100,000 cycles, then built by synth. No spatial plan
and no register of its 784 input words fits that device; the plan keeps the hidden layer's weights in SPRAM and
its inputs in block RAM. The whole design's logic cells must be within 10 % of the plan's prediction, its block
RAMs and SPRAMs exactly as predicted, and one inference within 5 ms at the placed fmax. The weights are what a
trained network's look like: normal, standard deviation 1/sqrt(fan-in), seeded (numpy default_rng(31))."""
import json
import os
import sys
import tempfile

import numpy as np

from flow_script import cli_and_examples, run


def main():
    args = cli_and_examples()
    net = os.path.join(args.examples, "network_784x64x10.json")
    rng = np.random.default_rng(31)
    matrices = [rng.normal(0.0, 1.0 / np.sqrt(n), (n, m)).round(6).tolist() for n, m in ((784, 64), (64, 10))]
    with tempfile.TemporaryDirectory(prefix="scn-wide-") as tmp:
        plan_path = os.path.join(tmp, "plan.json")
        weights = os.path.join(tmp, "weights.json")
        with open(weights, "w") as f:
            json.dump(matrices, f)
        build = os.path.join(tmp, "BUILD")
        run(args.cli, "optimise", "--network", net, "--weights", weights, "--target-profile", "ice40-up5k",
            "--max-latency-cycles", "100000", "--out", plan_path)
        with open(plan_path) as f:
            plan = json.load(f)
        hidden = next(layer for layer in plan["layers"] if layer["id"] == "hidden").get("fold") or {}
        print(f"hidden layer fold: {hidden}")
        failures = []
        if hidden.get("weight_memory") != "spram" or not hidden.get("input_memory"):
            failures.append("hidden layer not folded into SPRAM with its inputs in block RAM")
        run(args.cli, "synth", "--network", net, "--plan", plan_path, "--weights", weights, "--device", "ice40-up5k",
            "--out", build, "--jobs", "2")
        with open(os.path.join(build, "comparison.json")) as f:
            comparison = json.load(f)
        design = comparison["design"]
        for quantity, limit in (("logic_cells", 0.10), ("bram", 0.0), ("spram", 0.0)):
            row = design[quantity]
            print(f"{quantity}: predicted {row['predicted']:.0f}, measured {row['measured']:.0f}, "
                  f"error {100 * row['relative_error']:+.1f} % (limit {100 * limit:.0f} %)")
            if abs(row["relative_error"]) > limit:
                failures.append(quantity)
        latency = comparison["latency_cycles"]
        print(f"latency: {latency['emitted']} cycles (planned {latency['planned']}), "
              f"{latency['us_at_placed_fmax']:.1f} us at the placed {design['fmax_mhz']['measured']:.1f} MHz")
        if latency["planned"] != latency["emitted"] or latency["us_at_placed_fmax"] > 5000.0:
            failures.append("latency")
        if failures:
            sys.exit(f"FAILED: {', '.join(failures)}")


if __name__ == "__main__":
    main()
