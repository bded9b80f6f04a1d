"""A notebook's bibliography: exactly the sources behind the rows it shows.

Each notebook ends with the sources it used, generated from the sources table, so the list
can never cite a page no row rests on, nor miss one that a row does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from IPython.display import Markdown

from .data import load

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|$~<>])")


def escape_markdown(text: str) -> str:
    """Text from the data shown literally in Markdown (no emphasis, links, maths or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\\&", "&")


def source_ids_used(*frames: pd.DataFrame) -> list[str]:
    """Every source id cited in the `source_ids` column of the given tables, sorted, once."""
    ids: set[str] = set()
    for frame in frames:
        for cell in frame["source_ids"]:
            ids.update(cell)
    return sorted(ids)


def _entry(row: pd.Series) -> str:
    return (
        f"- {escape_markdown(row['publisher'])} ({row['published']:%Y-%m-%d}). "
        f"*{escape_markdown(row['title'])}*. [{row['language']}] <{row['url']}> "
        f"`{row['source_id']}`"
    )


def bibliography(*frames: pd.DataFrame, extra: Iterable[str] = (), sources: pd.DataFrame | None = None) -> Markdown:
    """A Markdown list of the sources cited by `frames` (plus `extra` ids), by publisher."""
    from IPython.display import Markdown  # imported on use: a kernel has it loaded already

    sources = load("sources") if sources is None else sources
    wanted = set(source_ids_used(*frames)) | set(extra)
    rows = sources[sources["source_id"].isin(wanted)].sort_values(["publisher", "published", "source_id"])
    lines = [f"{len(rows)} sources, each cited by at least one row shown in this notebook.", ""]
    lines += [_entry(row) for _, row in rows.iterrows()]
    return Markdown("\n".join(lines))
