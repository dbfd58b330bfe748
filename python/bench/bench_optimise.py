"""Wall time of one ``SurrogateSCOptimizer(...).optimise(...)`` call through Python.

Cases: the API page's two-layer example on the ice40-low-power budget, and
the 512-layer network of bench/core/bench_reference.cpp (MAC counts
16 + 97i mod 4081, every 4th layer critical, 20 LUTs and 1 mW per MAC), so
the difference to BM_ReferenceSurrogateOptimise/512 is the Python layer's cost.
Prints the median, min and max of several runs per case and profile.

Usage: PYTHONPATH=build/python /usr/bin/python3 python/bench/bench_optimise.py [--runs N]
"""

import argparse
import statistics
import time

from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile


def api_page_case():
    target = TargetHardwareProfile(
        name="ice40-low-power", budget=HardwareBudget(max_luts=7680, max_power_mw=250.0, max_latency_cycles=4096)
    )
    network = [
        LayerProfile(id="encoder", mac_count=256, is_critical_path=True),
        LayerProfile(id="decoder", mac_count=128),
    ]
    return target, network


def large_case(layers=512):
    network = [LayerProfile(f"layer{i}", 16 + (i * 97) % 4081, i % 4 == 0) for i in range(layers)]
    macs = sum(layer.mac_count for layer in network)
    target = TargetHardwareProfile("bench", HardwareBudget(max_luts=macs * 20, max_power_mw=float(macs),
                                                           max_latency_cycles=2048))
    return target, network


def time_once(target, network, profile):
    start = time.perf_counter()
    report = SurrogateSCOptimizer(target, profile=profile).optimise(network)
    elapsed = time.perf_counter() - start
    assert len(report.config) + len(report.rejected_layers) == len(network)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print(f"{'case':<28} {'profile':<10} {'median':>10} {'min':>10} {'max':>10}  (runs={args.runs})")
    for name, (target, network) in (("API page, 2 layers", api_page_case()), ("512 layers", large_case())):
        for profile in ("reference", "default"):
            time_once(target, network, profile)  # warm-up: imports, allocator
            times = [time_once(target, network, profile) for _ in range(args.runs)]
            print(f"{name:<28} {profile:<10} {statistics.median(times) * 1e3:>8.2f}ms "
                  f"{min(times) * 1e3:>8.2f}ms {max(times) * 1e3:>8.2f}ms")


if __name__ == "__main__":
    main()
