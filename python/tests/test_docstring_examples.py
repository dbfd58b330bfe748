"""Issue 13, item 5: every public function of the package documents itself with an example, and the examples
that need no synthesis tools run as doctests (from the repository's root, where their files are)."""

import doctest
import importlib
import inspect
import pkgutil

import pytest

import sc_neurocore
from conftest import REPO

PUBLIC_MODULES = ["sc_neurocore.optimizer", "sc_neurocore.optimizer.sc_optimizer",
                  "sc_neurocore.optimizer.synthesis_evidence", "sc_neurocore.energy", "sc_neurocore.hw",
                  "sc_neurocore.hw.sweep", "sc_neurocore.compression", "sc_neurocore.report", "sc_neurocore.cli"]


def package_modules():
    for info in pkgutil.walk_packages(sc_neurocore.__path__, "sc_neurocore."):
        if not info.name.endswith("_core"):
            yield importlib.import_module(info.name)


def public_functions():
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if inspect.isfunction(value):
                yield f"{name}.{attribute}", value
            elif inspect.isclass(value) and not hasattr(value, "__dataclass_fields__"):
                # Engines (the optimisers): their public methods; value types document their fields instead.
                for method_name, method in vars(value).items():
                    if inspect.isfunction(method) and not method_name.startswith("_"):
                        yield f"{name}.{attribute}.{method_name}", method


def test_every_public_function_has_an_example():
    missing = [name for name, function in public_functions()
               if not any(marker in (inspect.getdoc(function) or "") for marker in (">>>", "Example"))]
    assert missing == []


def test_the_examples_run_as_written(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("SC_NEUROCORE_PROFILE", raising=False)
    attempted = failed = 0
    for module in package_modules():
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        attempted += result.attempted
        failed += result.failed
    assert failed == 0
    assert attempted >= 38
