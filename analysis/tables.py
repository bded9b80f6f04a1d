"""Tables a reader takes in at a glance, in JupyterLab and in the reading edition.

pandas' own display is made for a console: it prints Python list brackets, `<NA>` and `NaT`,
`True`, cuts text at `display.max_colwidth`, and lets a wide frame run off the right edge of
the page. `show_table` renders the same frame as prose-like cells instead: lists as "a; b",
missing values as an em dash, booleans as yes/no, dates as ISO dates that never break at the
hyphen, and every text in full, wrapping inside its column.

Width is decided from the content, deterministically: a table whose columns cannot fit the
book's 672 px text column side by side (estimated from the longest unbreakable word of each
column) is marked `stacked`, and the book's stylesheet shows each of its rows as a small card
(column name, then value); a table that fits the desktop column but not a 390 px phone is
marked `stacked-narrow` and becomes cards only on small screens. Inside a card, short fields
sit side by side and a long text (class `long`) takes the card's full width. JupyterLab, without that
stylesheet, shows a plain wrapping table.

The HTML and the plain-text forms are both pure functions of the frame (no ids, no styler
uuid), so nbval compares them byte for byte.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MISSING = "—"
LIST_SEPARATOR = "; "
TEXT_COLUMN_PX = 672  # the reading edition's text column at desktop width
PHONE_COLUMN_PX = 350  # what is left of a 390 px phone screen after the page margins
CHAR_PX = 8.0  # average width of a character at the book's table font size
CELL_PADDING_PX = 16
LONG_TEXT = 40  # characters: a longer cell takes a card's full width when rows are shown as cards
_WORD = re.compile(r"\S+")


def cell_text(value: object) -> str:
    """One value as a reader should see it: no brackets, no `nan`, no `True`, no time of day."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(cell_text(v) for v in items) or MISSING
    if value is None or value is pd.NaT or value is pd.NA:
        return MISSING
    if isinstance(value, float) and math.isnan(value):
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        if value.hour or value.minute or value.second:
            return value.strftime("%Y-%m-%d %H:%M")
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) or abs(value) >= 1e15 else f"{int(value)}"
    text = str(value)
    return text if text.strip() else MISSING


def _is_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", text))


def header_text(name: object) -> str:
    """A column name as a heading: underscores read as spaces, so long names can wrap."""
    if isinstance(name, tuple):
        return " / ".join(header_text(part) for part in name if str(part))
    return MISSING if name is None else str(name).replace("_", " ")


def _min_width(texts: Sequence[str]) -> float:
    longest = max((len(word) for text in texts for word in _WORD.findall(text)), default=1)
    return longest * CHAR_PX + CELL_PADDING_PX


@dataclass(frozen=True)
class Table:
    """A formatted table: headers and cell texts, ready to display as HTML or plain text."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    index_header: str | None  # None: no index column
    index: tuple[str, ...]
    caption: str = ""
    note: str = ""

    @property
    def min_width_px(self) -> float:
        """The narrowest the table can be with no word broken inside, estimated from its text."""
        columns = [[h, *(r[i] for r in self.rows)] for i, h in enumerate(self.headers)]
        if self.index_header is not None:
            columns.append([self.index_header, *self.index])
        return sum(_min_width(c) for c in columns)

    @property
    def layout(self) -> str:
        """'plain', 'stacked-narrow' (cards on a phone) or 'stacked' (cards at every width)."""
        width = self.min_width_px
        if width > TEXT_COLUMN_PX:
            return "stacked"
        return "stacked-narrow" if width > PHONE_COLUMN_PX else "plain"

    def _repr_html_(self) -> str:
        e = html.escape

        def cell(tag: str, text: str, label: str | None = None) -> str:
            shown = f'<span class="nowrap">{e(text)}</span>' if _is_date(text) else e(text)
            attribute = f' data-label="{e(label)}"' if label is not None else ""
            attribute += ' class="long"' if len(text) > LONG_TEXT else ""
            return f"<{tag}{attribute}>{shown}</{tag}>"

        head = [f"<th>{e(self.index_header)}</th>"] if self.index_header is not None else []
        head += [f"<th>{e(h)}</th>" for h in self.headers]
        body = []
        for key, row in zip(self.index, self.rows, strict=True):
            cells = [cell("th", key)] if self.index_header is not None else []
            cells += [cell("td", text, label) for label, text in zip(self.headers, row, strict=True)]
            body.append(f"<tr>{''.join(cells)}</tr>")
        caption = f"<caption>{e(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="table-note">{e(self.note)}</p>' if self.note else ""
        return (
            f'<div class="analysis-table {self.layout}"><table>{caption}'
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}</div>"
        )

    def __repr__(self) -> str:
        columns = ([self.index_header or ""] if self.index_header is not None else []) + list(self.headers)
        rows = [
            ([key] if self.index_header is not None else []) + list(row)
            for key, row in zip(self.index, self.rows, strict=True)
        ]
        widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)]
        lines = [self.caption] if self.caption else []
        lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
        lines += ["  ".join(t.ljust(w) for t, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def show_table(
    frame: pd.DataFrame | pd.Series,
    columns: Sequence[str] | None = None,
    *,
    rename: Mapping[str, str] | None = None,
    index: bool | None = None,
    caption: str = "",
    note: str = "",
) -> Table:
    """`frame` (or a Series) as a readable table, every row and every text in full.

    `columns` picks and orders the columns shown; `rename` relabels them; `index` shows the
    index as the first column (default: only when it is not a plain 0..n-1 range).
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name=frame.name if frame.name is not None else "value")
    if columns is not None:
        frame = frame[list(columns)]
    if index is None:
        index = not (isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1)
    headers = tuple((rename or {}).get(c, header_text(c)) for c in frame.columns)
    rows = tuple(tuple(cell_text(v) for v in record) for record in frame.itertuples(index=False, name=None))
    names = [n for n in frame.index.names if n is not None]
    index_header = (" / ".join(header_text(n) for n in names) if names else "") if index else None
    keys = tuple(cell_text(k) if not isinstance(k, tuple) else " / ".join(cell_text(p) for p in k) for k in frame.index)
    return Table(headers, rows, index_header, keys, caption, note)
