"""The table display: readable cells, a layout chosen from the content, stable output."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import tables
from analysis.tables import MISSING, show_table


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["s1", "s2"], "s1; s2"),
        ((), MISSING),
        (None, MISSING),
        (float("nan"), MISSING),
        (pd.NA, MISSING),
        (pd.NaT, MISSING),
        ("", MISSING),
        (True, "yes"),
        (np.bool_(False), "no"),
        (pd.Timestamp("2024-06-19"), "2024-06-19"),
        (pd.Timestamp("2024-06-19 14:30"), "2024-06-19 14:30"),
        (2.0, "2"),
        (0.25, "0.25"),
        (np.int64(7), "7"),
    ],
)
def test_cell_text(value, expected):
    assert tables.cell_text(value) == expected


def test_long_text_is_never_cut():
    text = "word " * 100
    table = show_table(pd.DataFrame({"summary": [text.strip()]}))
    assert text.strip() in table._repr_html_() and text.strip() in repr(table)


def test_html_escapes_and_keeps_dates_whole():
    frame = pd.DataFrame(
        {
            "date": [pd.Timestamp("2024-11-12")],
            "summary": ["<script>x</script> & $5"],
            "source_ids": [["a-1", "b-2"]],
            "met": [True],
        }
    )
    out = show_table(frame)._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;x&lt;/script&gt; &amp; $5" in out
    assert '<td data-label="date"><span class="nowrap">2024-11-12</span></td>' in out
    assert '<td data-label="source ids">a-1; b-2</td>' in out and '<td data-label="met">yes</td>' in out
    assert "<th>source ids</th>" in out
    assert '<td data-label="summary" class="long">' not in out
    long = show_table(pd.DataFrame({"summary": ["x" * 41]}))._repr_html_()
    assert '<td data-label="summary" class="long">' in long


def test_index_shown_only_when_it_means_something():
    plain = show_table(pd.DataFrame({"n": [1, 2]}))
    assert plain.index_header is None and "<th></th>" not in plain._repr_html_()
    named = show_table(pd.DataFrame({"n": [1, 2]}, index=pd.Index(["RUS", "PRK"], name="actor_id")))
    assert named.index_header == "actor id" and named.index == ("RUS", "PRK")
    assert '<tr><th>RUS</th><td data-label="n">1</td></tr>' in named._repr_html_()


def test_series_columns_and_rename():
    table = show_table(pd.Series([3, 4], index=["a", "b"], name="count"))
    assert table.headers == ("count",) and table.index == ("a", "b")
    frame = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    picked = show_table(frame, ["c", "a"], rename={"c": "see"})
    assert picked.headers == ("see", "a") and picked.rows == (("3", "1"),)


def test_layout_follows_the_longest_words():
    narrow = show_table(pd.DataFrame({"phase": ["signing"], "n": [3]}))
    assert narrow.layout == "plain"
    middle = show_table(pd.DataFrame({f"col{i}": ["ratification"] for i in range(4)}))
    assert tables.PHONE_COLUMN_PX < middle.min_width_px <= tables.TEXT_COLUMN_PX
    assert middle.layout == "stacked-narrow" and 'class="analysis-table stacked-narrow"' in middle._repr_html_()
    wide = show_table(pd.DataFrame({f"column_{i}": ["st-20241021-kor-cho-lammy-tech-transfer"] for i in range(3)}))
    assert wide.layout == "stacked"


def test_output_is_deterministic_and_plain_text_aligned():
    frame = pd.DataFrame({"actor": ["RUS", "PRK"], "stance": ["endorse", None]})
    first, second = show_table(frame, caption="Stances"), show_table(frame.copy(), caption="Stances")
    assert first._repr_html_() == second._repr_html_() and repr(first) == repr(second)
    assert repr(first).splitlines() == ["Stances", "actor  stance", "RUS    endorse", "PRK    —"]
