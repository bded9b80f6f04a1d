"""Which release of the record a reader is looking at, and the last date it covers.

The version and release date live in CITATION.cff (the file citation tools read), so notebooks
print them from there instead of repeating them; the date the record runs to is computed from
the data, so it moves when rows are added.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from .data import load, resource_names, schema
from .paths import PROJECT_ROOT

CITATION_FILE = PROJECT_ROOT / "CITATION.cff"


def citation_field(key: str) -> str:
    """A top-level scalar of CITATION.cff (e.g. 'version', 'date-released')."""
    text = CITATION_FILE.read_text(encoding="utf-8")
    match = re.search(rf'^{re.escape(key)}:\s*"?([^"\n]+)"?\s*$', text, flags=re.MULTILINE)
    if not match:
        raise KeyError(f"{key} is not set in {CITATION_FILE.name}")
    return match.group(1).strip()


def record_runs_to(data_dir: str | os.PathLike[str] | None = None) -> dt.date:
    """The latest dated fact in the package (any date column of any table but the sources list)."""
    latest = []
    for name in resource_names(data_dir):
        if name == "sources":  # a page's publication date is not a fact of the record
            continue
        for field in schema(name, data_dir)["schema"]["fields"]:
            if field.get("type") == "date":
                values = load(name, data_dir)[field["name"]].dropna()
                if not values.empty:
                    latest.append(values.max().date())
    return max(latest)


def release_line(data_dir: str | os.PathLike[str] | None = None) -> str:
    """One sentence for the front page: version, release date and how far the record runs."""
    return (
        f"Release {citation_field('version')} of {citation_field('date-released')}; "
        f"the record runs to {record_runs_to(data_dir).isoformat()} (the latest dated fact in the data)."
    )
