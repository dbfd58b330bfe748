"""Median time of one SurrogateSCOptimizer(...).optimise(...) call through Python.

Run: PYTHONPATH=build/python /usr/bin/python3 bench/python/time_optimise.py
"""

import math
import statistics
import time

from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile


def network_of(layers):
    state = 2026
    result = []
    for i in range(layers):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        mac_count = round(math.exp((state >> 11) / 2**53 * math.log(4096)))
        result.append(LayerProfile(f"layer{i}", mac_count, i % 4 == 0))
    return result


def median_ms(target, network, profile, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        SurrogateSCOptimizer(target, profile=profile).optimise(network)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    api_target = TargetHardwareProfile("ice40-low-power", HardwareBudget(7680, 250.0, 4096))
    api_network = [LayerProfile("encoder", 256, True), LayerProfile("decoder", 128)]
    big = network_of(512)
    macs = sum(layer.mac_count for layer in big)
    big_target = TargetHardwareProfile("bench", HardwareBudget(5 * macs, 0.02 * macs, 1024))
    for profile in ("default", "reference"):
        print(f"{profile:9s}  API page 2-layer example: {median_ms(api_target, api_network, profile, 21):8.3f} ms   "
              f"512 layers: {median_ms(big_target, big, profile, 7):8.1f} ms  (median)")


if __name__ == "__main__":
    main()
