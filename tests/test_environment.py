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


LOCKED = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_packages() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as {name: (version, hashes)}; a line ending in `\\` continues."""
    text = (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").replace("\\\n", " ")
    packages = {}
    for line in text.splitlines():
        match = LOCKED.match(line)
        if match:
            packages[_normalise(match.group(1))] = (match.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return packages


def test_lock_pins_every_top_level_requirement_at_its_version():
    locked = locked_packages()
    for line in requirement_lines():
        name, version = PIN.match(line).groups()
        assert _normalise(name) in locked, f"requirements.lock lacks {name}: run `make lock`"
        assert locked[_normalise(name)][0] == version, (
            f"requirements.txt pins {name}=={version} but requirements.lock has {locked[_normalise(name)][0]}: "
            "run `make lock`"
        )


def test_every_locked_package_has_an_exact_version_and_hashes():
    locked = locked_packages()
    assert len(locked) > len(requirement_lines()), "the lock must pin the dependencies too, not only the top level"
    for name, (version, hashes) in locked.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!]*", version), f"requirements.lock: {name} has no exact version"
        assert hashes, f"requirements.lock: {name} has no --hash (hash-checked installs need one)"


def test_lock_uses_no_indirect_inputs():
    text = (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8")
    for forbidden in ("-e ", "--index-url", "--extra-index-url", "file://"):
        assert forbidden not in text, f"requirements.lock must list registry packages only, found {forbidden!r}"
