"""Shared fixtures: a private copy of the data package that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR


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
