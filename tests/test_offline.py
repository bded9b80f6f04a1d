"""Nothing in the package or the notebooks reaches for the network at run time."""

from __future__ import annotations

import json
import re

from analysis.paths import NOTEBOOKS_DIR, PACKAGE_DIR

NETWORK = re.compile(
    r"\bimport (requests|urllib\.request|http\.client|socket|httpx|aiohttp)\b"
    r"|\bfrom (requests|urllib\.request|http\.client|socket|httpx|aiohttp) import\b"
    r"|read_(csv|json|html|excel|parquet)\(\s*[\"']https?://"
    r"|urlopen\(|pooch\.|!pip|%pip"
)


def code_of_notebooks():
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                yield path.name, "".join(cell["source"])


def test_package_has_no_network_calls():
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        assert not NETWORK.search(path.read_text(encoding="utf-8")), path.name


def test_notebooks_have_no_network_calls():
    for name, source in code_of_notebooks():
        assert not NETWORK.search(source), name


def test_pattern_catches_the_usual_ways():
    for line in [
        "import requests",
        "pd.read_csv('https://x.org/a.csv')",
        "%pip install x",
        "from urllib.request import urlopen",
    ]:
        assert NETWORK.search(line), line
