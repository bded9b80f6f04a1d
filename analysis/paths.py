"""Project folders, derived from where this package lives.

nbval and JupyterLab start each kernel in the notebook's own folder, so nothing here may
depend on the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PROJECT_ROOT / "data"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BUILD_DIR = PROJECT_ROOT / "build"

DATA_DIR_ENV = "ANALYSIS_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to read: the argument, else $ANALYSIS_DATA_DIR, else the project's."""
    chosen = override if override is not None else os.environ.get(DATA_DIR_ENV) or DATA_DIR
    return Path(chosen).resolve()
