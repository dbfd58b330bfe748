import os
import pathlib

import pytest

DATA = pathlib.Path(os.environ.get("SCN_TEST_DATA_DIR", pathlib.Path(__file__).resolve().parents[2] / "tests" / "data"))


@pytest.fixture
def data_dir() -> pathlib.Path:
    return DATA


@pytest.fixture
def reports_dir() -> pathlib.Path:
    return DATA / "reports"
