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


# --- legibility, measured on the rendered figure ----------------------------------------------


def small_figure():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([1, 2], [1, 2], label="Russia", color="#CC3311")
    ax.plot([1, 2], [2, 1], label="North Korea", color="#33BBEE")
    ax.legend()
    ax.set_title("Fits the column")
    return fig


def problems_of(fig):
    try:
        return figures.legibility_problems(fig)
    finally:
        plt.close(fig)


def test_a_column_sized_figure_passes_and_saves(tmp_path):
    assert problems_of(small_figure()) == []
    analysis.save_figure(small_figure(), "99-fine", "Caption", "Alt", folder=tmp_path)


def test_a_wide_figure_shrinks_its_text_below_eight_points():
    fig, ax = plt.subplots(figsize=(12, 3))
    ax.set_title("Too wide")
    found = problems_of(fig)
    assert any("wider than the 6.72 in column" in p for p in found)
    assert any("'Too wide' shows at" in p and "below 8 pt" in p for p in found)


def test_small_text_clipped_text_and_overlaps_are_named():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.text(0.5, 0.5, "tiny", fontsize=6)
    ax.text(0.98, 0.2, "a label cut by the axes", clip_on=True)
    ax.text(0.1, 0.8, "first label")
    ax.text(0.12, 0.8, "second label")
    found = problems_of(fig)
    assert "text 'tiny' shows at 6.0 pt, below 8 pt" in found
    assert "text 'a label cut by the axes' is cut by the axes that clip it" in found
    assert "texts 'first label' and 'second label' overlap" in found


def test_series_colours_too_close_for_colour_blind_readers_are_named():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([1, 2], [1, 2], label="red", color="#D55E00")
    ax.plot([1, 2], [2, 1], label="green", color="#6E8B00")  # apart for normal vision only
    ax.legend()
    found = problems_of(fig)
    assert len(found) == 1 and "'red'" in found[0] and "'green'" in found[0]
    assert "deuteranopia" in found[0] or "protanopia" in found[0]


def test_save_figure_refuses_an_illegible_figure_naming_it_and_the_text(tmp_path):
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.text(0.5, 0.5, "tiny", fontsize=6)
    with pytest.raises(figures.FigureLegibilityError, match=r"figure 99-bad: .*'tiny' shows at 6\.0 pt"):
        analysis.save_figure(fig, "99-bad", "Caption", "Alt", folder=tmp_path)
    assert not (tmp_path / "99-bad.svg").exists()


def test_committed_figures_fit_the_column():
    from PIL import Image

    dpi = plt.rcParams["savefig.dpi"]
    limit = (figures.COLUMN_WIDTH_IN + 2 * plt.rcParams["savefig.pad_inches"]) * dpi + 1
    for png in sorted(FIGURES_DIR.glob("*.png")):
        with Image.open(png) as image:
            assert image.width <= limit, f"{png.name} is {image.width / dpi:.2f} in wide"


def test_label_rows_keep_labels_apart():
    assert figures.label_rows([0.0, 0.5, 3.0], [1.0, 1.0, 1.0]) == [0, 1, 0]
    fig, ax = plt.subplots()
    drawn = ax.text(0, 0, "NIS first report", fontsize=8)
    fig.canvas.draw()
    try:
        assert figures.text_width_in("NIS first report", 8) == pytest.approx(
            drawn.get_window_extent().width / fig.dpi, rel=0.1
        )
    finally:
        plt.close(fig)
