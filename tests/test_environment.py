"""The pins live in requirements.txt; environment.yml must mirror them exactly."""

from __future__ import annotations

import re

from analysis.paths import PROJECT_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)$")


def requirement_lines() -> list[str]:
    text = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def environment_pip_lines() -> list[str]:
    lines = (PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  - pip:")
    return [line.strip()[2:] for line in lines[start + 1 :] if line.startswith("      - ")]


def test_every_requirement_is_an_exact_pin():
    for line in requirement_lines():
        assert PIN.match(line), f"requirements.txt: {line!r} is not pinned as name==version"


def test_environment_yml_mirrors_requirements():
    pip_lines = environment_pip_lines()
    assert pip_lines[-1] == "-e .", "environment.yml must install the analysis package with `-e .`"
    assert pip_lines[:-1] == requirement_lines()


def test_environment_python_matches_pyproject():
    env = (PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8")
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    minimum = re.search(r'requires-python = ">=(\d+\.\d+)"', pyproject).group(1)
    assert f"  - python={minimum}" in env
