"""Figures are byte-stable, carry caption and alt text, and the index matches the records."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pytest

import analysis
from analysis import figures
from analysis.paths import FIGURES_DIR


def make_figure():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], label="a <b> & $c$")
    ax.set_title("Sample")
    ax.legend()
    return fig


def test_two_saves_give_identical_bytes(tmp_path):
    first = analysis.save_figure(make_figure(), "99-sample", "Caption", "Alt", folder=tmp_path / "a")
    second = analysis.save_figure(make_figure(), "99-sample", "Caption", "Alt", folder=tmp_path / "b")
    assert first.svg.read_bytes() == second.svg.read_bytes()
    assert first.png.read_bytes() == second.png.read_bytes()
    assert b"<dc:date>" not in first.svg.read_bytes()


def test_unchanged_figure_is_not_rewritten(tmp_path):
    saved = analysis.save_figure(make_figure(), "99-sample", "Caption", "Alt", folder=tmp_path)
    stamp = saved.svg.stat().st_mtime_ns
    analysis.save_figure(make_figure(), "99-sample", "Caption", "Alt", folder=tmp_path)
    assert saved.svg.stat().st_mtime_ns == stamp


def test_name_caption_and_alt_are_required(tmp_path):
    with pytest.raises(ValueError, match="notebook number"):
        analysis.save_figure(make_figure(), "sample", "Caption", "Alt", folder=tmp_path)
    with pytest.raises(ValueError, match="caption and alt"):
        analysis.save_figure(make_figure(), "99-sample", "", "Alt", folder=tmp_path)


def test_html_escapes_caption_and_alt(tmp_path):
    saved = analysis.save_figure(make_figure(), "99-sample", "<script>x</script> {a} $1", 'say "hi"', folder=tmp_path)
    shown = saved._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert 'alt="say &quot;hi&quot;"' in shown


def test_index_lists_every_record(tmp_path):
    analysis.save_figure(make_figure(), "99-sample", "A | piped caption", "Alt", folder=tmp_path)
    index = figures.figure_index(tmp_path)
    assert "[99-sample](99-sample.svg)" in index and "A \\| piped caption" in index


def test_committed_figures_are_complete_and_indexed():
    records = sorted(FIGURES_DIR.glob("*.json"))
    assert records, "no figures committed"
    for record in records:
        meta = json.loads(record.read_text(encoding="utf-8"))
        assert (FIGURES_DIR / f"{meta['name']}.svg").exists() and (FIGURES_DIR / f"{meta['name']}.png").exists()
        assert meta["caption"].strip() and meta["alt"].strip()
    assert (FIGURES_DIR / "README.md").read_text(encoding="utf-8") == figures.figure_index()


def test_data_text_in_figures_is_literal():
    fig, ax = plt.subplots()
    title = ax.set_title("costs $5 and $6 {x} <script>")
    try:
        assert title.get_parse_math() is False
        fig.canvas.draw()  # would raise or render maths if '$...$' were parsed
    finally:
        plt.close(fig)
