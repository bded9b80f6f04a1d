"""The data package described from its own schema, for readers and for notebook 00.

Describing the tables from `datapackage.json` rather than in prose keeps the description
true when a column is added or a rule changes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from . import style
from .data import load, resource_names, schema
from .paths import NOTEBOOKS_DIR


def tables(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per table: its file, row count, number of columns and description."""
    rows = []
    for name in resource_names(data_dir):
        resource = schema(name, data_dir)
        rows.append(
            {
                "table": name,
                "file": f"data/{resource['path']}",
                "rows": len(load(name, data_dir)),
                "columns": len(resource["schema"]["fields"]),
                "description": resource.get("description", ""),
            }
        )
    return pd.DataFrame(rows)


def actor_names(data_dir: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Display name of every actor: the actors table's name, shortened per `style.SHORT_NAMES`."""
    actors = load("actors", data_dir)
    return {**dict(zip(actors["actor_id"], actors["name"], strict=True)), **style.SHORT_NAMES}


def _rule(field: dict) -> str:
    constraints = {**field.get("constraints", {}), **field.get("x-itemConstraints", {})}
    parts = []
    if "enum" in constraints:
        values = constraints["enum"]
        parts.append(field.get("x-enumMeaning") or "one of: " + ", ".join(map(str, values)))
    if "pattern" in constraints:
        parts.append(field.get("x-patternMeaning", f"pattern {constraints['pattern']}"))
    if "maxLength" in constraints:
        parts.append(f"at most {constraints['maxLength']} characters")
    if constraints.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def fields(name: str, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per column of table `name`: type, whether required, allowed values, meaning."""
    resource = schema(name, data_dir)
    links = [*resource["schema"].get("foreignKeys", []), *resource["schema"].get("x-listForeignKeys", [])]
    keys = {fk["fields"]: fk["reference"]["resource"] for fk in links}
    rows = []
    for field in resource["schema"]["fields"]:
        kind = field.get("type", "string")
        if kind == "list":
            kind = f"list of {field.get('itemType', 'string')} ('{field.get('delimiter', ';')}'-separated)"
        rule = _rule(field)
        if field["name"] in keys:
            rule = "; ".join(filter(None, [rule, f"ids of the {keys[field['name']]} table"]))
        rows.append(
            {
                "column": field["name"],
                "type": kind,
                "required": bool(field.get("constraints", {}).get("required")),
                "rule": rule,
                "meaning": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows)


def _first_paragraph_after(lines: list[str], heading: str) -> str:
    for i, line in enumerate(lines):
        if line.strip().lower() == heading.lower():
            paragraph = []
            for rest in lines[i + 1 :]:
                if rest.strip():
                    paragraph.append(rest.strip())
                elif paragraph:
                    break
            return " ".join(paragraph)
    return ""


def notebooks(folder: os.PathLike[str] | None = None) -> pd.DataFrame:
    """The map of the collection: each notebook's file, title and the opening of its Overview."""
    folder = NOTEBOOKS_DIR if folder is None else folder
    rows = []
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = [line for c in cells if c["cell_type"] == "markdown" for line in "".join(c["source"]).splitlines()]
        title = next((line[2:].strip() for line in markdown if line.startswith("# ")), path.stem)
        rows.append(
            {"notebook": path.name, "title": title, "what it does": _first_paragraph_after(markdown, "## Overview")}
        )
    return pd.DataFrame(rows)


DATED_TABLES: dict[str, str] = {"statements": "date", "events": "date", "estimates": "report_date", "framing": "date"}
"""The record's dated tables and the column that dates each row (estimates by their report date)."""


def record_span(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """How far each dated table reaches: rows, first and last date, and the id of the latest row.

    Readers need to know the date a record runs to before reading its silences; computing it
    keeps notebook 00 and the README true when rows are added.
    """
    rows = []
    for name, column in DATED_TABLES.items():
        table = load(name, data_dir)
        id_column = schema(name, data_dir)["schema"]["primaryKey"]
        latest = table.sort_values([column, id_column]).iloc[-1]
        rows.append(
            {
                "table": name,
                "rows": len(table),
                "first": table[column].min().strftime("%Y-%m-%d"),
                "last": table[column].max().strftime("%Y-%m-%d"),
                "latest row": latest[id_column],
            }
        )
    return pd.DataFrame(rows)


def record_end(data_dir: str | os.PathLike[str] | None = None) -> str:
    """The last date any dated row of the record carries (YYYY-MM-DD)."""
    return max(record_span(data_dir)["last"])
