"""The migration switch (issue 13): SC_NEUROCORE_PROFILE=reference makes calls that pass no ``profile=``
behave as the published package; an explicit ``profile=`` wins; another value raises ValueError naming the
variable."""
import numpy as np
import pytest

from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile, fit_to_target
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile

TARGET = TargetHardwareProfile("ice40-low-power", HardwareBudget(max_luts=7680, max_power_mw=250.0,
                                                                  max_latency_cycles=4096))
NETWORK = [LayerProfile("encoder", 256, is_critical_path=True), LayerProfile("decoder", 128)]


def plan(**kwargs):
    report = SurrogateSCOptimizer(TARGET, **kwargs).optimise(NETWORK)
    return report.profile, {name: (c.bitstream_length, c.decorrelator, c.precision_bits) for name, c in report.config.items()}


def test_the_variable_selects_the_published_planner_and_an_explicit_profile_wins(monkeypatch):
    monkeypatch.delenv("SC_NEUROCORE_PROFILE", raising=False)
    ours, published = plan(), plan(profile="reference")
    assert ours[0] == "default" and published[0] == "reference"
    monkeypatch.setenv("SC_NEUROCORE_PROFILE", "reference")
    assert plan() == published
    assert SurrogateSCOptimizer(TARGET).profile == "reference"
    assert plan(profile="default") == ours
    monkeypatch.setenv("SC_NEUROCORE_PROFILE", "")
    assert plan() == ours


def test_fit_to_target_follows_the_variable(monkeypatch):
    rng = np.random.default_rng(3)
    weights = [rng.normal(size=(16, 8)), rng.normal(size=(8, 4))]
    monkeypatch.setenv("SC_NEUROCORE_PROFILE", "reference")
    assert fit_to_target([(16, 8), (8, 4)], weights, target="ice40").profile == "reference"
    assert fit_to_target([(16, 8), (8, 4)], weights, target="ice40", profile="default").profile == "default"


def test_an_unknown_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("SC_NEUROCORE_PROFILE", "fast")
    with pytest.raises(ValueError, match="SC_NEUROCORE_PROFILE='fast': unknown profile; valid profiles: "
                                         "reference, default"):
        SurrogateSCOptimizer(TARGET)
    assert SurrogateSCOptimizer(TARGET, profile="default").profile == "default"
