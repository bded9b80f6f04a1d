"""The shipped CJK subset covers the data, is what the tool makes, and draws in figures."""

from __future__ import annotations

import importlib.util
import warnings

import matplotlib.pyplot as plt
import pytest

import analysis
from analysis import fonts, style
from analysis.paths import PROJECT_ROOT

TOOL = PROJECT_ROOT / "tools" / "subset_fonts.py"


def test_every_cjk_character_of_the_data_is_in_the_subset():
    covered = fonts.covered_characters()
    missing = {char: paths for char, paths in fonts.data_characters().items() if char not in covered}
    assert not missing, (
        "the CJK font subset lacks "
        + ", ".join(
            f"{char!r} (U+{ord(char):04X}, in {', '.join(sorted(p.name for p in paths))})"
            for char, paths in sorted(missing.items())
        )
        + "; run `.venv/bin/python tools/subset_fonts.py` and commit analysis/fonts/"
    )


def test_data_characters_finds_new_glyphs(tmp_path):
    (tmp_path / "a.csv").write_text("id,term\nx,동맹 alliance\ny,союз 同盟\n", encoding="utf-8")
    found = fonts.data_characters(tmp_path)
    assert set(found) == {"동", "맹", "同", "盟"}  # Cyrillic is DejaVu Sans's, not the subset's
    assert "\u9fa5" not in fonts.covered_characters(), "test premise: a rare Han character stays outside"


def test_subset_and_webfont_cover_the_same_characters():
    assert fonts.covered_characters(fonts.WOFF2) == fonts.covered_characters(fonts.OTF)
    assert fonts.LICENCE.read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE Version 1.1") >= 1


def test_the_tool_rebuilds_the_committed_subset_byte_for_byte(tmp_path, monkeypatch):
    committed = fonts.FONT_DIR
    spec = importlib.util.spec_from_file_location("subset_fonts", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    monkeypatch.setattr(fonts, "OTF", tmp_path / fonts.OTF.name)
    monkeypatch.setattr(fonts, "WOFF2", tmp_path / fonts.WOFF2.name)
    monkeypatch.setattr(fonts, "LICENCE", tmp_path / fonts.LICENCE.name)
    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    assert tool.main() == 0
    for name in (fonts.OTF.name, fonts.WOFF2.name, fonts.LICENCE.name):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), f"{name} differs from a fresh build"


def test_figures_draw_korean_chinese_and_russian_without_missing_glyphs(tmp_path):
    assert style.FONT_FAMILIES[-1] == fonts.FAMILY
    texts = ["동맹 / союз / 同盟", "同盟国 · 軍事同盟"]

    def draw(folder):
        fig, ax = plt.subplots(figsize=(4, 2))
        ax.set_title(texts[0])
        ax.set_xlabel(texts[1])
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
            return analysis.save_figure(fig, "99-cjk", "Caption", "Alt", folder=folder)

    first, second = draw(tmp_path / "a"), draw(tmp_path / "b")
    svg = first.svg.read_bytes()
    assert b"NotoSansCJKKRSubset-Regular" in svg
    assert svg == second.svg.read_bytes() and first.png.read_bytes() == second.png.read_bytes()


def test_a_character_outside_the_subset_is_reported_by_matplotlib():
    fig, ax = plt.subplots()
    ax.set_title("\u9fa5")
    try:
        with pytest.warns(UserWarning, match="missing from font"):
            fig.canvas.draw()
    finally:
        plt.close(fig)
