"""CITATION.cff is valid Citation File Format 1.2.0, and the release it names is documented.

The schema file is the CFF 1.2.0 JSON schema as shipped in cffconvert 2.0.0 (Apache-2.0). The
cffconvert tool itself pins jsonschema below 4, which the notebook stack cannot use, so the
test applies the same schema with the jsonschema package the stack already has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import yaml

from analysis import release
from analysis.paths import PROJECT_ROOT

SCHEMA = Path(__file__).parent / "schemas" / "citation-file-format-1.2.0.json"


def _as_text(value):
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _citation() -> dict:
    return _as_text(yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8")))


def test_citation_validates_against_cff_1_2_0():
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = sorted(validator.iter_errors(_citation()), key=str)
    assert not errors, "\n".join(e.message for e in errors)


def test_validator_rejects_a_broken_citation():
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    broken = {**_citation(), "date-released": "30 November 2026"}
    assert list(validator.iter_errors(broken))


def test_version_and_date_are_set_and_logged():
    citation = _citation()
    assert re.fullmatch(r"\d+\.\d+\.\d+", citation["version"])
    assert release.citation_field("version") == citation["version"]
    assert release.citation_field("date-released") == citation["date-released"]
    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{citation['version']}]" in changelog


def test_record_runs_to_the_latest_dated_fact():
    import analysis

    latest = release.record_runs_to()
    assert latest >= analysis.load("statements")["date"].max().date()
    assert latest.isoformat() in release.release_line()
