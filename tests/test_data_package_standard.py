"""The package passes the Frictionless reference validator, and the loader keeps its own messages.

Table Schema allows only its own keys inside `constraints`, no enum or pattern on the `list`
type and no foreign keys on list fields; the project's extra rules sit in `x-` properties that
only `analysis.load` reads. These tests hold both sides: the standard's tool accepts the whole
package (rows included) and the loader still enforces the moved rules with clear messages.
"""

from __future__ import annotations

import json

import frictionless
import pytest
from conftest import replace_in

from analysis import DataError, load
from analysis.paths import DATA_DIR

STANDARD_CONSTRAINTS = {
    "required",
    "unique",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "pattern",
    "enum",
    "jsonSchema",
}
LIST_CONSTRAINTS = {"required", "minLength", "maxLength"}


def _errors(report: frictionless.Report) -> list[str]:
    return [" / ".join(map(str, e)) for e in report.flatten(["title", "fieldName", "rowNumber", "note"])]


def test_reference_validator_accepts_the_whole_package():
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, "\n".join(_errors(report)[:30])


def test_reference_validator_sees_the_rows(data_copy):
    """A broken cell is caught by the standard's tool too, so the check above reads the data."""
    replace_in(data_copy / "statements.csv", ",2024-06-19,,GBR,", ",2024-13-19,,GBR,")
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    assert any("date" in e for e in _errors(report))


def test_schema_keeps_custom_keys_out_of_standard_places():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        for field in fields.values():
            allowed = LIST_CONSTRAINTS if field["type"] == "list" else STANDARD_CONSTRAINTS
            assert set(field.get("constraints", {})) <= allowed, (resource["name"], field["name"])
        for fk in resource["schema"].get("foreignKeys", []):
            assert fields[fk["fields"]]["type"] != "list", (resource["name"], fk["fields"])


def test_list_item_enum_still_enforced(data_copy):
    replace_in(data_copy / "statements.csv", "arms_supply_review;sanctions", "arms_supply_review;embargo")
    with pytest.raises(DataError) as err:
        load("statements", data_copy)
    assert "column 'measure': got 'arms_supply_review;embargo'; expected items that are each one of none" in str(
        err.value
    )
    assert "(bad item 'embargo')" in str(err.value)


def test_list_foreign_key_still_enforced(data_copy):
    replace_in(data_copy / "statements.csv", "arms_supply_review;sanctions", "arms_supply_review;sanctions", 1)
    replace_in(data_copy / "statements.csv", ",GBR,RUS;PRK,", ",GBR,RUS;XYZ,")
    with pytest.raises(DataError) as err:
        load("statements", data_copy)
    assert "column 'target': got 'XYZ'; expected an existing actors.actor_id" in str(err.value)


def test_pattern_meaning_read_beside_the_field(data_copy):
    replace_in(data_copy / "statements.csv", "st-20240619-gbr-shapps-axis-of-tyranny", "ST-bad")
    with pytest.raises(DataError) as err:
        load("statements", data_copy)
    assert "expected st-YYYYMMDD- followed by a lower-case hyphenated slug" in str(err.value)


def test_unknown_cameo_code_is_a_data_error(data_copy):
    replace_in(data_copy / "statements.csv", ",condemn,111,none,", ",condemn,119,none,")
    with pytest.raises(DataError) as err:
        load("statements", data_copy)
    assert "column 'cameo_code': got '119'; expected an existing cameo_codes.cameo_code" in str(err.value)


def test_every_code_in_the_data_is_in_the_cameo_list():
    codes = load("cameo_codes").set_index("cameo_code")
    used = set(load("statements")["cameo_code"])
    assert used <= set(codes.index)
    assert set(codes.loc[codes["level"] == "root"].index) == {f"{n:02d}" for n in range(1, 21)}
