"""Load the data package's tables, validated against `data/datapackage.json`.

The schema file is the single source of truth: field types, required fields, unique keys,
enumerations, patterns and foreign keys all come from it, so a correction to a rule is made in
one place and every notebook sees it. Validation collects every problem in a file before it
raises, because a contributor fixing a CSV by hand wants the whole list, not one error per run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from .paths import DATA_DIR, PROJECT_ROOT
from .paths import data_dir as _data_dir

SCHEMA_FILE = "datapackage.json"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located precisely enough to fix by hand."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        got = "" if self.value is None else f": got {self.value!r}"
        return f"{', '.join(where)}{got}; expected {self.expected}"


class DataError(ValueError):
    """Every problem found in one or more data files, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        files = sorted({p.file for p in self.problems})
        head = f"{len(self.problems)} problem(s) in {', '.join(files)}:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


def read_package(folder: Path) -> dict[str, Any]:
    """The package descriptor of `folder`, or the project's when a data fork carries none."""
    path = folder / SCHEMA_FILE
    if not path.exists():
        path = DATA_DIR / SCHEMA_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError([Problem(str(path), None, None, None, f"a readable JSON data package ({exc})")]) from None


def resource_names(data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """The tables the package describes, in the order the descriptor lists them."""
    return [r["name"] for r in read_package(_data_dir(data_dir))["resources"]]


def schema(name: str, data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The resource descriptor (path, description, table schema) of table `name`."""
    package = read_package(_data_dir(data_dir))
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(r["name"] for r in package["resources"])
    raise DataError([Problem(SCHEMA_FILE, None, None, name, f"one of the tables {known}")])


def enum_values(name: str, field: str) -> tuple[str, ...]:
    """The allowed values of an enumerated column, in the schema's (documented) order.

    Helpers that order or colour categories take them from here, so the schema stays the one
    place a vocabulary is defined.
    """
    for spec in schema(name)["schema"]["fields"]:
        if spec["name"] == field:
            rules = spec.get("x-itemConstraints", {}) if spec.get("type") == "list" else spec.get("constraints", {})
            if "enum" in rules:
                return tuple(rules["enum"])
    raise DataError([Problem(SCHEMA_FILE, None, field, name, f"an enumerated column of the {name} table")])


# --- parsing one cell -------------------------------------------------------------------------


def _parse_scalar(raw: str, field: dict[str, Any], today: dt.date) -> tuple[Any, str | None]:
    """The typed value of one non-empty cell, or None and what was expected instead."""
    kind = field.get("type", "string")
    if kind == "string":
        if field.get("format") == "uri":
            parts = urlparse(raw)
            if parts.scheme not in ("http", "https") or not parts.netloc or " " in raw:
                return None, "an absolute http(s) URL"
        return raw, None
    if kind == "integer":
        if not _INTEGER.match(raw):
            return None, "a whole number"
        return int(raw), None
    if kind == "number":
        try:
            return float(raw), None
        except ValueError:
            return None, "a number"
    if kind == "boolean":
        if raw in ("true", "false"):
            return raw == "true", None
        return None, "true or false"
    if kind == "date":
        if not _ISO_DATE.match(raw):
            return None, "a date written YYYY-MM-DD"
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            return None, "a real calendar date (this day does not exist)"
        if value > today:
            return None, f"a date not after today ({today.isoformat()})"
        return value, None
    raise DataError([Problem(SCHEMA_FILE, None, field["name"], kind, "a supported field type")])


def _check_constraints(value: Any, raw: str, constraints: dict[str, Any], field: dict[str, Any]) -> str | None:
    """What `value` should have been, if it breaks a per-value constraint.

    The plain-language meaning of a pattern sits beside the field (`x-patternMeaning`), not in
    `constraints`, where the Table Schema standard allows only its own keys.
    """
    if "enum" in constraints and raw not in constraints["enum"]:
        return "one of " + ", ".join(map(str, constraints["enum"]))
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], raw):
        return field.get("x-patternMeaning", f"text matching {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        return f"a value of at least {constraints['minimum']}"
    if "maximum" in constraints and value > constraints["maximum"]:
        return f"a value of at most {constraints['maximum']}"
    if "maxLength" in constraints and len(raw) > constraints["maxLength"]:
        return f"at most {constraints['maxLength']} characters"
    return None


def _parse_cell(raw: str, field: dict[str, Any], today: dt.date) -> tuple[Any, str | None]:
    constraints = field.get("constraints", {})
    if field.get("type") == "list":
        # The standard's list type takes no enum or pattern; the item rules live in x-itemConstraints.
        item_constraints = field.get("x-itemConstraints", {})
        items = [item.strip() for item in raw.split(field.get("delimiter", ";"))]
        item_field = {"name": field["name"], "type": field.get("itemType", "string")}
        values = []
        for item in items:
            if not item:
                return None, f"a {field.get('delimiter', ';')!r}-separated list without empty items"
            value, expected = _parse_scalar(item, item_field, today)
            expected = expected or _check_constraints(value, item, item_constraints, field)
            if expected:
                return None, f"items that are each {expected} (bad item {item!r})"
            values.append(value)
        if len(set(values)) != len(values):
            return None, "a list without repeated items"
        return values, None
    value, expected = _parse_scalar(raw, field, today)
    if expected:
        return None, expected
    return value, _check_constraints(value, raw, constraints, field)


# --- reading a file ---------------------------------------------------------------------------


def _decode(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, None, None, None, "the file to exist (it is missing)")]
    except OSError as exc:
        return None, [Problem(display, None, None, None, f"a readable file ({exc.strerror})")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        codec, name = _likely_encoding(data)
        how = (
            f"the file looks like {name}: save it as UTF-8 (in a text editor or spreadsheet: Save As, encoding "
            f"UTF-8), or convert it with python -c \"import pathlib; p = pathlib.Path('{display}'); "
            f"p.write_text(p.read_text(encoding='{codec}'), encoding='utf-8')\""
        )
        if codec.startswith("utf-"):
            return None, [Problem(display, None, None, f"{name} text", f"UTF-8 text; {how}")]
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.end]
        shown = f"{bad!r} ({bad.decode(codec, errors='replace')!r} in {name})"
        return None, [Problem(display, line, None, shown, f"UTF-8 text; {how}")]


_WIDE_ENCODINGS = {  # byte-order mark, codec, name; UTF-32's marks first, UTF-16's are their prefixes
    "utf-32": [(b"\xff\xfe\x00\x00", "little-endian"), (b"\x00\x00\xfe\xff", "big-endian")],
    "utf-16": [(b"\xff\xfe", "little-endian"), (b"\xfe\xff", "big-endian")],
}


def _likely_encoding(data: bytes) -> tuple[str, str]:
    """The Python codec and the name of the encoding a non-UTF-8 file most likely uses.

    A byte-order mark names UTF-16 or UTF-32 outright; without one, text whose NUL bytes fall
    in a UTF-16 or UTF-32 pattern decodes cleanly only in that encoding. Anything else is taken
    for a Western single-byte code page: Windows-1252 when it uses bytes 0x80-0x9F (curly quotes,
    dashes, euro sign), which ISO-8859-1 reserves for control characters.
    """
    for family, marks in _WIDE_ENCODINGS.items():
        for mark, order in marks:
            if data.startswith(mark):
                return family, f"{family.upper()} ({order}, with byte-order mark)"
    if b"\x00" in data:
        # Both byte orders can decode to printable text (ASCII read the wrong way round lands in
        # the CJK blocks), so the order whose text is mostly Latin script wins.
        candidates = []
        for family in _WIDE_ENCODINGS:
            for suffix, order in (("le", "little-endian"), ("be", "big-endian")):
                width = 4 if family == "utf-32" else 2
                sample = data[: len(data) - len(data) % width][:4096]
                try:
                    text = sample.decode(f"{family}-{suffix}")
                except UnicodeDecodeError:
                    continue
                if "\x00" not in text and sum(c.isprintable() or c.isspace() for c in text) >= 0.95 * len(text):
                    latin = sum(ord(c) < 0x250 for c in text)
                    name = f"{family.upper()} ({order}, without byte-order mark)"
                    candidates.append((latin, f"{family}-{suffix}", name))
        if candidates:
            _, codec, name = max(candidates, key=lambda found: found[0])
            return codec, name
    single_bytes = re.sub(rb"[\xc2-\xf4][\x80-\xbf]+", b"", data)  # leave out what may be UTF-8 already
    if any(0x80 <= byte <= 0x9F for byte in single_bytes):
        return "cp1252", "Windows-1252"
    return "latin-1", "Latin-1 (ISO-8859-1)"


@dataclass
class _Table:
    rows: list[dict[str, Any]]
    lines: list[int]


def _parse_rows(text: str, resource: dict[str, Any], display: str, today: dt.date) -> tuple[_Table, list[Problem]]:
    fields = resource["schema"]["fields"]
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        return _Table([], []), [Problem(display, 1, None, None, f"a well-formed CSV header ({exc})")]
    header = [h.strip() for h in header]
    names = [f["name"] for f in fields]
    for name in names:
        if name not in header:
            problems.append(Problem(display, 1, name, None, "this column in the header"))
    for name in header:
        if name not in names:
            problems.append(Problem(display, 1, name, None, "only columns the schema defines: " + ", ".join(names)))
    if problems:
        return _Table([], []), problems

    table = _Table([], [])
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(display, line, None, None, f"well-formed CSV ({exc})"))
            break
        start, line = line, reader.line_num + 1
        if not row:
            continue
        if len(row) != len(header):
            problems.append(
                Problem(display, start, None, ",".join(row)[:60], f"{len(header)} fields, found {len(row)}")
            )
            continue
        raw = dict(zip(header, row, strict=True))
        record: dict[str, Any] = {}
        for field in fields:
            cell = raw[field["name"]].strip()
            if not cell:
                if field.get("constraints", {}).get("required"):
                    problems.append(Problem(display, start, field["name"], "", "a value (this field is required)"))
                record[field["name"]] = None
                continue
            value, expected = _parse_cell(cell, field, today)
            if expected:
                problems.append(Problem(display, start, field["name"], cell, expected))
            record[field["name"]] = value
        table.rows.append(record)
        table.lines.append(start)
    return table, problems


def _check_unique(table: _Table, resource: dict[str, Any], display: str) -> list[Problem]:
    tbl_schema = resource["schema"]
    keys = [
        [f["name"]] for f in tbl_schema["fields"] if f.get("constraints", {}).get("unique") and f.get("type") != "list"
    ]
    primary = tbl_schema.get("primaryKey")
    if primary:
        keys.append([primary] if isinstance(primary, str) else list(primary))
    problems = []
    for key in {tuple(k) for k in keys}:
        seen: dict[tuple, int] = {}
        for row, line in zip(table.rows, table.lines, strict=True):
            value = tuple(row[k] for k in key)
            if any(v is None for v in value):
                continue
            if value in seen:
                shown = ",".join(str(v) for v in value)
                problems.append(
                    Problem(display, line, ",".join(key), shown, f"a unique value (already on line {seen[value]})")
                )
            else:
                seen[value] = line
    return problems


def _check_required_values(table: _Table, resource: dict[str, Any], display: str) -> list[Problem]:
    """Rows the schema says must be present (e.g. every article 0-23 of the treaty)."""
    problems: list[Problem] = []
    if not table.rows:  # an unreadable header is already reported; don't list every value too
        return problems
    for rule in resource["schema"].get("x-requiredValues", []):
        present = {row[rule["field"]] for row in table.rows}
        for value in rule["values"]:
            if value not in present:
                problems.append(
                    Problem(display, None, rule["field"], str(value), f"a row with this value ({rule['why']})")
                )
    return problems


def _present(value: Any) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and pd.isna(value))


def row_rule_violations(row: dict[str, Any], rules: list[dict[str, Any]]) -> list[tuple[list[str], str]]:
    """The `x-rowRules` a row breaks, as (fields involved, what was expected).

    Rules tie cells of one row together, which per-cell types cannot. Each rule may have a
    condition `when: {field, in: [...]}` and one or more checks: `atLeastOne: [fields]`,
    `present: [fields]`, `empty: [fields]`, `equal: [a, b]`, `notGreater: [a, b]` (a <= b when
    both are present), `less: [a, b]` (both present and a < b). `why` says what the rule protects.
    """
    broken = []
    for rule in rules:
        when = rule.get("when")
        if when and row.get(when["field"]) not in when["in"]:
            continue
        prefix = f"where {when['field']} is {row.get(when['field'])}, " if when else ""
        checks: list[tuple[list[str], bool, str]] = []
        if "atLeastOne" in rule:
            fields = rule["atLeastOne"]
            checks.append((fields, any(_present(row.get(f)) for f in fields), f"at least one of {', '.join(fields)}"))
        for field in rule.get("present", []):
            checks.append(([field], _present(row.get(field)), f"a value in {field}"))
        for field in rule.get("empty", []):
            checks.append(([field], not _present(row.get(field)), f"{field} left empty"))
        if "equal" in rule:
            a, b = rule["equal"]
            ok = _present(row.get(a)) and _present(row.get(b)) and row[a] == row[b]
            checks.append(([a, b], ok, f"{a} equal to {b}"))
        if "notGreater" in rule:
            a, b = rule["notGreater"]
            ok = not (_present(row.get(a)) and _present(row.get(b))) or row[a] <= row[b]
            checks.append(([a, b], ok, f"{a} not greater than {b}"))
        if "less" in rule:
            a, b = rule["less"]
            ok = _present(row.get(a)) and _present(row.get(b)) and row[a] < row[b]
            checks.append(([a, b], ok, f"{a} less than {b}"))
        for fields, ok, expected in checks:
            if not ok:
                broken.append((fields, f"{prefix}{expected} ({rule['why']})"))
    return broken


def _check_row_rules(table: _Table, resource: dict[str, Any], display: str) -> list[Problem]:
    rules = resource["schema"].get("x-rowRules", [])
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        for fields, expected in row_rule_violations(row, rules):
            shown = ", ".join(f"{f}={'' if row.get(f) is None else row.get(f)}" for f in fields)
            problems.append(Problem(display, line, ",".join(fields), shown, expected))
    return problems


def _check_foreign_keys(table: _Table, resource: dict[str, Any], display: str, folder: Path) -> list[Problem]:
    """Standard foreign keys, and those on list fields (`x-listForeignKeys`), applied to every item.

    The standard does not define foreign keys on list fields, so those sit in a custom property
    that only this loader reads; both kinds give the same message.
    """
    problems = []
    schema_ = resource["schema"]
    for fk in [*schema_.get("foreignKeys", []), *schema_.get("x-listForeignKeys", [])]:
        (column,) = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        (ref_field,) = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        if ref["resource"] in ("", resource["name"]):
            known = {row[ref_field] for row in table.rows}
        else:
            try:
                known = set(_load_validated(ref["resource"], folder)[ref_field])
            except DataError as exc:  # report the referenced table's problems with ours
                problems += [p for p in exc.problems if p not in problems]
                continue
        for row, line in zip(table.rows, table.lines, strict=True):
            value = row[column]
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item is not None and item not in known:
                    problems.append(
                        Problem(
                            display,
                            line,
                            column,
                            str(item),
                            f"an existing {ref['resource'] or resource['name']}.{ref_field}",
                        )
                    )
    return problems


def _to_frame(table: _Table, resource: dict[str, Any]) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for field in resource["schema"]["fields"]:
        values = [row[field["name"]] for row in table.rows]
        kind = field.get("type", "string")
        if kind == "date":
            columns[field["name"]] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif kind == "integer":
            columns[field["name"]] = pd.array(values, dtype="Int64")
        elif kind == "number":
            columns[field["name"]] = pd.array(values, dtype="Float64")
        elif kind == "boolean":
            columns[field["name"]] = pd.array(values, dtype="boolean")
        elif kind == "list":
            columns[field["name"]] = pd.Series(values, dtype="object")
        else:
            columns[field["name"]] = pd.Series(values, dtype="str")
    return pd.DataFrame(columns)


_CACHE: dict[tuple, pd.DataFrame] = {}


def _load_validated(name: str, folder: Path) -> pd.DataFrame:
    resource = schema(name, folder)
    path = folder / resource["path"]
    try:
        stat = path.stat()
        stamp: tuple = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = ()
    today = dt.date.today()
    key = (str(path), stamp, today, json.dumps(resource, sort_keys=True))
    if key in _CACHE:
        return _CACHE[key]
    display = str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)
    text, problems = _decode(path, display)
    if text is None:
        raise DataError(problems)
    table, problems = _parse_rows(text, resource, display, today)
    problems += _check_unique(table, resource, display)
    problems += _check_required_values(table, resource, display)
    problems += _check_row_rules(table, resource, display)
    problems += _check_foreign_keys(table, resource, display, folder)
    if problems:
        raise DataError(problems)
    frame = _to_frame(table, resource)
    _CACHE[key] = frame
    return frame


def load(name: str, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Table `name` as a validated DataFrame: dates as datetime64, list fields as lists.

    The folder is `data_dir`, else $ANALYSIS_DATA_DIR, else the project's `data/`. Any problem
    with the file raises one `DataError` that lists them all.
    """
    return _load_validated(name, _data_dir(data_dir)).copy()


def validate_all(data_dir: str | os.PathLike[str] | None = None) -> dict[str, int]:
    """Validate every table; the row count of each, or one DataError listing every problem."""
    folder = _data_dir(data_dir)
    counts: dict[str, int] = {}
    problems: list[Problem] = []
    for name in resource_names(folder):
        try:
            counts[name] = len(_load_validated(name, folder))
        except DataError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise DataError(problems)
    return counts
