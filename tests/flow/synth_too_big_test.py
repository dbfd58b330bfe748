#!/usr/bin/python3
"""A design too big for the device, found by nextpnr's packer (issue 12, item 4): the README's example plan
(about 1,550 ICESTORM_LC) on the iCE40HX1K (1,280). Without --force the prediction stops it before any tool
runs; with --force Yosys and the packer run, synth exits 3 with one line naming the packed cells and the
device, and BUILD still holds the synthesis measurements and the comparison (nothing placed)."""
import json
import os
import re
import subprocess
import sys
import tempfile

from flow_script import cli_and_examples


def main():
    args = cli_and_examples()
    net = os.path.join(args.examples, "network.json")
    weights = os.path.join(args.examples, "network_weights.json")
    failures = []

    def check(condition, what):
        print(("ok    " if condition else "FAIL  ") + what)
        if not condition:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="scn-too-big-") as tmp:
        plan = os.path.join(tmp, "plan.json")
        subprocess.run([args.cli, "optimise", "--network", net, "--weights", weights, "--target-profile",
                        "ice40-hx8k", "--out", plan], check=True, capture_output=True)
        build = os.path.join(tmp, "BUILD")
        synth = [args.cli, "synth", "--network", net, "--plan", plan, "--weights", weights, "--device",
                 "ice40-hx1k", "--out", build, "--jobs", "2"]
        refused = subprocess.run(synth, capture_output=True, text=True)
        check(refused.returncode == 3, f"predicted too big: exit 3 (got {refused.returncode})")
        check("(predicted), device ice40-hx1k has 1,280; no tool was run" in refused.stderr,
              "predicted too big: the one line says so: " + refused.stderr.strip())
        check(not os.path.exists(build), "predicted too big: no BUILD")

        forced = subprocess.run(synth + ["--force", "--quiet"], capture_output=True, text=True)
        lines = forced.stderr.strip().splitlines()
        check(forced.returncode == 3, f"--force: exit 3 (got {forced.returncode}): {forced.stderr.strip()}")
        check(len(lines) == 1, f"--force: one line on stderr (got {len(lines)})")
        found = re.search(r"needs ([0-9,]+) ICESTORM_LC, device ice40-hx1k has 1,280 \(nextpnr-ice40 pack",
                          forced.stderr)
        check(found is not None, "--force: the line names the packed cells and the device")
        with open(os.path.join(build, "comparison.json")) as f:
            comparison = json.load(f)
        with open(os.path.join(build, "evidence.json")) as f:
            evidence = json.load(f)
        measured = comparison["design"]["logic_cells"]["measured"]
        check(measured > 1280, f"--force: the packed design is measured ({measured} ICESTORM_LC)")
        if found:
            check(int(found.group(1).replace(",", "")) == measured, "--force: the line and the comparison agree")
        check(not evidence["placed"], "--force: nothing placed")
        check(not os.path.exists(os.path.join(build, "sc_network.bin")), "--force: no bitstream")
        check(any(w.startswith("built with --force") for w in evidence["warnings"]),
              "--force: the evidence says it was forced")
        check(any(w.startswith("does not fit: needs") for w in evidence["warnings"]),
              "--force: the evidence says it does not fit")
        check(all(comparison["layers"][layer]["logic_cells"]["measured"] > 0 for layer in ("encoder", "decoder")),
              "--force: each layer module is measured")
    if failures:
        sys.exit(f"FAILED: {len(failures)} checks")


if __name__ == "__main__":
    main()
