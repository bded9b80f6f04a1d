"""Bibliographies cite exactly the sources of the rows shown, and show data text literally."""

from __future__ import annotations

import pandas as pd

import analysis


def test_escape_markdown_keeps_text_literal():
    escaped = analysis.escape_markdown("<script>alert(1)</script> costs $5 {x} *y* [z](u)")
    assert "<script>" not in escaped
    assert "\\$5" in escaped and "\\{x\\}" in escaped and "\\*y\\*" in escaped and "\\[z\\]" in escaped


def test_bibliography_lists_only_cited_sources():
    events = analysis.load("events")
    shown = events[events["event_id"] == "ev-20240619-treaty-signed"]
    cited = analysis.source_ids_used(shown)
    text = analysis.bibliography(shown).data
    assert text.startswith(f"{len(cited)} sources")
    for source_id in cited:
        assert f"`{source_id}`" in text
    other = set(analysis.load("sources")["source_id"]) - set(cited)
    assert not any(f"`{s}`" in text for s in other)


def test_source_ids_used_is_sorted_and_unique():
    frame = pd.DataFrame({"source_ids": [["b", "a"], ["a"]]})
    assert analysis.source_ids_used(frame) == ["a", "b"]


def test_every_source_is_cited_somewhere():
    tables = [analysis.load(name) for name in analysis.resource_names() if name != "sources"]
    cited = set(analysis.source_ids_used(*[t for t in tables if "source_ids" in t]))
    unused = set(analysis.load("sources")["source_id"]) - cited
    assert not unused, f"sources no row cites: {sorted(unused)}"
