"""Shared fixtures (a private copy of the data package that a test may break) and run order.

`make test` spreads the suite over two workers a module (or class) at a time, in collection
order (`--no-loadscope-reorder`). Scopes marked `start_first`, the long browser visits, are
handed out first, so that the short scopes fill in around them and both workers finish together.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from analysis.paths import BUILD_DIR, DATA_DIR

_STARTED = time.time()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder, so a test can corrupt one file."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a data file in place; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "start_first: a long scope, handed to a worker before the others")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("start_first") is None)  # stable: order kept within


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many page visits of the browser test were made and how many reused (`make test FRESH=1`)."""
    for record in sorted(BUILD_DIR.glob("book-visits-*.json")):
        if record.stat().st_mtime < _STARTED:
            continue  # not written by this run
        counts = json.loads(record.read_text(encoding="utf-8"))["last_run"]
        width = record.stem.rpartition("-")[2]
        terminalreporter.write_line(
            f"reading edition at {width} px: {counts['visited']} pages opened, {counts['reused']} unchanged "
            "since an earlier run and not reopened (make test FRESH=1 reopens all)"
        )
