#!/usr/bin/env bash
# `pip install .` as a user does it on Debian 12: a fresh venv over Debian's
# python3 with its system site packages (NumPy), no build isolation, no
# package index (offline). Then the package is used from outside the checkout.
# Usage: pip_install_check.sh SOURCE_DIR [PYTHON]
set -euo pipefail
source_dir=$(cd "$1" && pwd)
python=${2:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m venv --system-site-packages "$work/venv"
# The setuptools build folder goes to the temp dir: the checkout is not written.
SCN_OPT_LEVEL=-O0 SCN_BUILD_BASE="$work/build" "$work/venv/bin/pip" install --quiet --no-build-isolation --no-index "$source_dir"

cd "$work"
"$work/venv/bin/python" -c "from sc_neurocore.optimizer import fit_to_target, SurrogateSCOptimizer"
"$work/venv/bin/python" - <<'PY'
import sc_neurocore
from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile

assert "/venv/" in sc_neurocore.__file__, sc_neurocore.__file__
target = TargetHardwareProfile(
    name="ice40-low-power", budget=HardwareBudget(max_luts=7680, max_power_mw=250.0, max_latency_cycles=4096)
)
network = [LayerProfile(id="encoder", mac_count=256, is_critical_path=True), LayerProfile(id="decoder", mac_count=128)]
report = SurrogateSCOptimizer(target).optimise(network)
assert report.feasible and list(report.config) == ["encoder", "decoder"], report
print("installed", sc_neurocore.__version__, "at", sc_neurocore.__file__)
PY
"$work/venv/bin/sc-neurocore" --version
version=$("$work/venv/bin/python" -m sc_neurocore --version)
[[ $version == "sc-neurocore "* ]] || { echo "python -m sc_neurocore --version printed '$version'" >&2; exit 1; }
# PEP 561: the type hints ship with the package.
"$work/venv/bin/python" -c "import pathlib, sc_neurocore; assert (pathlib.Path(sc_neurocore.__file__).parent / 'py.typed').is_file()"
"$work/venv/bin/python" -m sc_neurocore targets >/dev/null
