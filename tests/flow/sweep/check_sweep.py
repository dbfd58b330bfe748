#!/usr/bin/python3
"""Checks of `sc-neurocore sweep` (standard library only).

  check_sweep.py --cli CLI errors
      bad arguments exit 2 with one line naming the problem, and write nothing.
  check_sweep.py --cli CLI --examples DIR pareto
      optimise --pareto on the example network (a small grid), then sweep --pareto --within-budget
      --max-points 3 --jobs 2: sweep.json has
      three results with measured logic cells, the logs and builds are where it says, one progress line per
      plan, and the table.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=kwargs.pop("timeout", 120), **kwargs)


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def expect_error(cli, args, words, tmp):
    result = run([cli, "sweep", *args])
    if result.returncode != 2:
        fail(f"{args}: exit {result.returncode}, expected 2\n{result.stdout}{result.stderr}")
    lines = result.stderr.strip().splitlines()
    if len(lines) != 1 or not lines[0].startswith("sc-neurocore: error: "):
        fail(f"{args}: expected one error line, got {result.stderr!r}")
    for word in words:
        if word not in lines[0]:
            fail(f"{args}: {word!r} not in {lines[0]!r}")
    if result.stdout:
        fail(f"{args}: printed {result.stdout!r}")
    print(f"ok: exit 2: {lines[0]}")


def errors(args):
    with tempfile.TemporaryDirectory() as tmp:
        network = os.path.join(tmp, "network.json")
        with open(network, "w") as f:
            json.dump({"layers": [{"id": "a", "mac_count": 4, "n_inputs": 2, "n_neurons": 2}]}, f)
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        with open(os.path.join(empty, "notes.txt"), "w") as f:
            f.write("not a plan\n")
        out = os.path.join(tmp, "out")
        frontier = os.path.join(tmp, "frontier.json")
        with open(frontier, "w") as f:
            json.dump({"points": []}, f)
        base = ["--network", network, "--out", out]
        expect_error(args.cli, base + ["--plans", empty], ["--plans", empty, "no *.json plan"], tmp)
        expect_error(args.cli, base + ["--pareto", os.path.join(tmp, "missing.json")],
                     ["missing.json", "no such file"], tmp)
        expect_error(args.cli, base + ["--pareto", frontier], [frontier, "points"], tmp)
        expect_error(args.cli, base, ["--plans DIR or --pareto FILE"], tmp)
        expect_error(args.cli, base + ["--plans", empty, "--pareto", frontier], ["excludes"], tmp)
        expect_error(args.cli, base + ["--plans", os.path.join(tmp, "nowhere")], ["not a folder"], tmp)
        expect_error(args.cli, base + ["--plans", empty, "--jobs", "0"], ["--jobs"], tmp)
        expect_error(args.cli, base + ["--plans", empty, "--device", "ice41"], ["ice41"], tmp)
        expect_error(args.cli, ["--network", os.path.join(tmp, "nonet.json"), "--out", out, "--plans", empty],
                     ["nonet.json"], tmp)
        expect_error(args.cli, base + ["--plans", empty, "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1"],
                     ["excludes"], tmp)
        if os.path.exists(out) and os.listdir(out):
            fail(f"an argument error wrote {os.listdir(out)}")


def pareto(args):
    examples = args.examples
    network = os.path.join(examples, "network.json")
    weights = os.path.join(examples, "network_weights.json")
    with tempfile.TemporaryDirectory() as tmp:
        frontier = os.path.join(tmp, "frontier.json")
        # A small grid (4-bit weights, 64 and 256 cycles): every point builds in seconds.
        result = run([args.cli, "optimise", "--network", network, "--target-profile", "ice40-low-power",
                      "--weights", weights, "--pareto", frontier, "--out", os.path.join(tmp, "plan.json"),
                      "--precisions", "4", "--bitstream-lengths", "64,256"])
        if result.returncode != 0:
            fail(f"optimise --pareto: exit {result.returncode}\n{result.stderr}")
        with open(frontier) as f:
            points = json.load(f)["points"]
        within = [i for i, p in enumerate(points) if p["within_budget"]]
        out = os.path.join(tmp, "sweep")
        start = time.monotonic()
        result = run([args.cli, "sweep", "--network", network, "--pareto", frontier, "--weights", weights,
                      "--device", "ice40-hx8k", "--clock-mhz", "50", "--out", out, "--jobs", "2",
                      "--max-points", "3", "--within-budget"], timeout=540)
        seconds = time.monotonic() - start
        print(result.stderr, end="")
        print(result.stdout, end="")
        if result.returncode != 0:
            fail(f"sweep: exit {result.returncode}")
        with open(os.path.join(out, "sweep.json")) as f:
            sweep = json.load(f)
        results = sweep["results"]
        if len(results) != 3:
            fail(f"{len(results)} results, expected 3")
        n = len(within)
        if n < 3:
            fail(f"the example's frontier has {n} points within budget, expected at least 3")
        expected = [f"point_{within[(i * (n - 1) + 1) // 2]:03d}" for i in range(3)]  # both ends, the middle
        names = [r["name"] for r in results]
        if names != expected:
            fail(f"names {names}, expected {expected} (evenly spaced over {n} points)")
        for r in results:
            if r["exit_status"] not in (0, 3):
                fail(f"{r['name']}: exit {r['exit_status']}: {r['message']}")
            cells = r["logic_cells"]
            if not isinstance(cells["measured"], (int, float)) or cells["measured"] <= 0:
                fail(f"{r['name']}: no measured logic cells: {r}")
            if not isinstance(cells["predicted"], (int, float)) or not isinstance(cells["relative_error"], float):
                fail(f"{r['name']}: no predicted cells or relative error: {cells}")
            with open(os.path.join(out, r["name"], "comparison.json")) as f:
                comparison = json.load(f)
            if comparison["design"]["logic_cells"]["measured"] != cells["measured"]:
                fail(f"{r['name']}: sweep.json and comparison.json disagree")
            if r["exit_status"] == 0:
                if r["fits"] is not True or not isinstance(r["fmax_mhz"]["measured"], float):
                    fail(f"{r['name']}: built but no fmax: {r}")
                if not isinstance(r["timing_met"], bool):
                    fail(f"{r['name']}: no timing verdict")
            if not os.path.isfile(os.path.join(out, r["name"] + ".log")):
                fail(f"{r['name']}: no log")
            if not os.path.isfile(os.path.join(out, "plans", r["name"] + ".json")):
                fail(f"{r['name']}: no plan file")
        summary = sweep["summary"]
        if summary["count"] != 3 or summary["logic_cells"]["compared"] != 3:
            fail(f"summary {summary}")
        if summary["logic_cells"]["max_abs_relative_error"] < summary["logic_cells"]["median_abs_relative_error"]:
            fail("max below median")
        progress = [line for line in result.stderr.splitlines() if " s] " in line and "/3 point_" in line]
        if len(progress) != 3:
            fail(f"{len(progress)} progress lines, expected 3")
        if "cells pred" not in result.stdout or "3 plans:" not in result.stdout:
            fail("no table")
        print(f"ok: 3 plans of the {n} points within budget built in {seconds:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--examples")
    parser.add_argument("check", choices=["errors", "pareto"])
    args = parser.parse_args()
    {"errors": errors, "pareto": pareto}[args.check](args)


if __name__ == "__main__":
    main()
