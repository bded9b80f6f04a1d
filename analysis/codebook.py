"""The codebook, read from the schema: each coded variable's values, their meanings, real examples.

The field descriptions in `data/datapackage.json` define every vocabulary as `'value': meaning`
pairs separated by semicolons. Parsing them here keeps the codebook in the reading edition
identical to the rules the loader enforces, so the two cannot drift apart.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from .data import enum_values, schema

# (table, column) of every variable a coder decides, in the order the codebook presents them.
CODED_VARIABLES: tuple[tuple[str, str], ...] = (
    ("statements", "phase"),
    ("statements", "stance"),
    ("statements", "cameo_code"),
    ("statements", "target"),
    ("statements", "measure"),
    ("framing", "item_kind"),
    ("framing", "term"),
    ("framing", "stance_toward_alliance_label"),
    ("estimates", "measure"),
    ("estimates", "qualifier"),
    ("statements", "verification"),
    ("sources", "publisher_type"),
)


def field_spec(table: str, column: str, data_dir: str | os.PathLike[str] | None = None) -> dict:
    """The schema entry of one column."""
    for field in schema(table, data_dir)["schema"]["fields"]:
        if field["name"] == column:
            return field
    raise KeyError(f"{table} has no column {column}")


def value_meanings(table: str, column: str) -> pd.DataFrame:
    """Each allowed value of an enumerated column with its meaning as the schema states it."""
    values = enum_values(table, column)
    text = field_spec(table, column)["description"]
    return pd.DataFrame({"value": values, "meaning": [_meaning(text, v, values) for v in values]})


def _marker(text: str, value: str) -> re.Match | None:
    """Where a description defines `value`: `'value': ...`, `value: ...` or `'value' (...)`."""
    return re.search(rf"(?:'{value}'\s*:|(?<![\w']){value}:|'{value}'\s*(?=\())", text)


def _meaning(text: str, value: str, values: tuple[str, ...]) -> str:
    start = _marker(text, value)
    if start is None:
        return "—"
    ends = [m.start() for v in values if v != value and (m := _marker(text, v)) and m.start() > start.end()]
    body = text[start.end() : min(ends, default=len(text))]
    body = re.split(r"(?<=[a-z)'])\.\s+(?=[A-Z])", body)[0]  # stop at the sentence that closes the list
    body = " ".join(body.split()).strip(" ;.,")
    if body.startswith("("):  # the `'value' (meaning)` form
        body = body[1:]
    if body.count(")") > body.count("("):
        body = body[: body.rfind(")")] + body[body.rfind(")") + 1 :]
    return body.strip(" ;.,")


def variables_overview() -> pd.DataFrame:
    """One row per coded variable: table, column, how many values it may take."""
    rows = []
    for table, column in CODED_VARIABLES:
        spec = field_spec(table, column)
        try:
            values = str(len(enum_values(table, column)))
        except Exception:  # free codes checked by pattern or link, not by a list
            values = "see rule"
        rows.append({"table": table, "column": column, "type": spec["type"], "values": values})
    return pd.DataFrame(rows)


def worked_examples(statements: pd.DataFrame, column: str = "stance") -> pd.DataFrame:
    """One real row per value of `column`: a verified row with a quoted key phrase, earliest first."""
    ranked = statements.assign(
        _unverified=statements["verification"].ne("verified"),
        _no_phrase=statements["key_phrase"].isna(),
    ).sort_values(["_unverified", "_no_phrase", "date", "statement_id"])
    picked = ranked.groupby(column, sort=False).head(1).set_index(column)
    order = [v for v in enum_values("statements", column) if v in picked.index]
    return picked.loc[order, ["actor_id", "date", "cameo_code", "summary", "key_phrase", "statement_id"]]
