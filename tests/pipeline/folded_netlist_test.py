#!/usr/bin/python3
"""Folded layers after synthesis (issue 31): a trained network whose layers keep their weights in block RAM and
in a logic ROM, emitted by emit-network, synthesised by Yosys synth_ice40, written back as a netlist of iCE40
cells (write_verilog) and simulated under Icarus with Yosys' own cell models (SB_RAM40_4K with its INIT
values): every output word of every vector must be what `simulate` computes. Memory initialisation order is
where such designs break; the netlist must also hold the block RAMs the plan's cost model counts.

With --spram the first and last layers keep their weights in SPRAM (SB_SPRAM256KA, no initial contents): the
testbench loads emit-network's weights_load.hex through the weight-load port, and the netlist must hold exactly
the SB_SPRAM256KA blocks the manifest states (hw::spram_layout, model::spram_blocks)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(*args, cwd=None):
    start = time.time()
    result = subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    print(f"[{time.time() - start:6.1f} s] {os.path.basename(args[0])} {args[1] if len(args) > 1 else ''}")
    return result


def plan_layer(layer_id, length, decorrelator, fold):
    return {"id": layer_id, "bitstream_length": length, "decorrelator": decorrelator, "lfsr_polynomial": "none",
            "precision_bits": 8, "weight_bits": 6, "mode": "SC", "fold": fold}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--trained", required=True, help="data/calibration/trained")
    parser.add_argument("--yosys", required=True)
    parser.add_argument("--iverilog", required=True)
    parser.add_argument("--vvp", required=True)
    parser.add_argument("--spram", action="store_true", help="layers 0 and 2 in SPRAM")
    args = parser.parse_args()
    share = os.path.join(os.path.dirname(os.path.realpath(args.yosys)), "..", "share", "yosys")
    cells_sim = os.path.normpath(os.path.join(share, "ice40", "cells_sim.v"))
    if not os.path.exists(cells_sim):
        sys.exit(f"no iCE40 cell models beside {args.yosys} ({cells_sim})")
    net = os.path.join(args.trained, "digits-16-16.network.json")
    weights = os.path.join(args.trained, "digits-16-16.weights.json")
    with open(os.path.join(args.trained, "digits.test-inputs.json")) as f:
        vectors = json.load(f)[:4]
    outer = "spram" if args.spram else "block_ram"
    plan = {"layers": [
        plan_layer("l0", 16, "Sobol", {"neuron_lanes": 4, "input_lanes": 2, "weight_memory": outer,
                                       "input_memory": True}),
        plan_layer("l1", 16, "LFSR", {"neuron_lanes": 4, "input_lanes": 4, "weight_memory": "logic"}),
        plan_layer("l2", 24, "SCC_Decorrelator", {"neuron_lanes": 5, "input_lanes": 1, "weight_memory": outer}),
    ]}
    with tempfile.TemporaryDirectory(prefix="scn-netlist-") as tmp:
        plan_path = os.path.join(tmp, "plan.json")
        inputs = os.path.join(tmp, "inputs.json")
        with open(plan_path, "w") as f:
            json.dump(plan, f)
        with open(inputs, "w") as f:
            json.dump(vectors, f)
        common = ["--network", net, "--plan", plan_path, "--weights", weights]
        run(args.cli, "simulate", *common, "--inputs", inputs, "--out", os.path.join(tmp, "sim.json"),
            "--hex-inputs", os.path.join(tmp, "in.hex"), "--hex-outputs", os.path.join(tmp, "expected.hex"))
        run(args.cli, "emit-network", *common, "--out", os.path.join(tmp, "gen"))
        run(args.yosys, "-q", "-l", os.path.join(tmp, "yosys.log"), "-p",
            f"read_verilog {tmp}/gen/sc_network.v; synth_ice40 -top sc_network; stat; "
            f"write_verilog -noattr {tmp}/netlist.v")
        with open(os.path.join(tmp, "netlist.v")) as f:
            netlist = f.read()
        brams = netlist.count("SB_RAM40_4K ")
        sprams = netlist.count("SB_SPRAM256KA ")
        with open(os.path.join(tmp, "gen", "manifest.json")) as f:
            manifest = json.load(f)
        predicted_sprams = sum((layer["fold"] or {}).get("spram_blocks", 0) for layer in manifest["layers"])
        run(args.iverilog, "-g2005", "-DNO_ICE40_DEFAULT_ASSIGNMENTS", "-o", os.path.join(tmp, "post.vvp"),
            os.path.join(tmp, "gen", "tb_sc_network.v"), os.path.join(tmp, "netlist.v"), cells_sim)
        run(args.vvp, "-n", os.path.join(tmp, "post.vvp"), f"+inputs={tmp}/in.hex", f"+outputs={tmp}/post.hex",
            f"+weights={tmp}/gen/weights_load.hex")
        with open(os.path.join(tmp, "expected.hex")) as f:
            expected = f.read().split("\n")
        with open(os.path.join(tmp, "post.hex")) as f:
            measured = f.read().split("\n")
        print(f"{len(vectors)} vectors; netlist holds {brams} SB_RAM40_4K, {sprams} SB_SPRAM256KA "
              f"(manifest: {predicted_sprams})")
        if measured != expected:
            for k, (e, m) in enumerate(zip(expected, measured)):
                if e != m:
                    sys.exit(f"vector {k}: netlist {m!r}, simulate {e!r}")
            sys.exit(f"netlist gave {len(measured)} lines, simulate {len(expected)}")
        if args.spram:
            if sprams == 0 or sprams != predicted_sprams:
                sys.exit(f"the netlist holds {sprams} SB_SPRAM256KA, the manifest predicts {predicted_sprams}")
        elif brams == 0:
            sys.exit("the netlist holds no block RAM: the weight memories were not mapped to SB_RAM40_4K")
    print("netlist matches simulate word for word")


if __name__ == "__main__":
    main()
