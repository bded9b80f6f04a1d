"""The CJK font subset that lets figures and the reading edition draw 동맹, 同盟, 同盟国.

The framing of the treaty is a contest over words in Korean, Chinese and Japanese as well as
Russian and English. DejaVu Sans (matplotlib's own font) has Cyrillic but no Han, Hangul or
Kana, and a reader's machine may have no CJK font either, so the collection ships a subset of
Noto Sans CJK (SIL Open Font License, `OFL.txt` beside it) with just the glyphs its data uses
plus all kana and CJK punctuation. `tools/subset_fonts.py` regenerates it from the pinned
`noto-cjk-sans-otc` package; `tests/test_fonts.py` fails when a data change adds a character
the subset lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from .paths import PACKAGE_DIR, data_dir

FONT_DIR = PACKAGE_DIR / "fonts"
FAMILY = "Noto Sans CJK KR Subset"
OTF = FONT_DIR / "NotoSansCJKkr-Subset.otf"
WOFF2 = FONT_DIR / "NotoSansCJKkr-Subset.woff2"
LICENCE = FONT_DIR / "OFL.txt"

# Unicode blocks drawn from the CJK font: Hangul (jamo, compatibility jamo, syllables), kana,
# CJK symbols and punctuation, Han (extension A, unified, compatibility) and full-width forms.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),
    (0x3000, 0x303F),
    (0x3040, 0x309F),
    (0x30A0, 0x30FF),
    (0x3130, 0x318F),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)
# The margin shipped beyond the data: every kana, CJK punctuation and full-width ASCII form,
# so a new Japanese phrase or a bracket does not need a new subset.
MARGIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3000, 0x303F),
    (0x3041, 0x3096),
    (0x30A0, 0x30FF),
    (0xFF01, 0xFF5E),
)


def is_cjk(char: str) -> bool:
    """True for a character the CJK font must draw (DejaVu Sans has no glyph for it)."""
    code = ord(char)
    return any(low <= code <= high for low, high in CJK_RANGES)


def cjk_characters(texts: Iterable[str]) -> set[str]:
    """Every CJK character in `texts`."""
    return {char for text in texts for char in text if is_cjk(char)}


def data_characters(folder: str | Path | None = None) -> dict[str, set[Path]]:
    """Each CJK character of the data package's CSV files, with the files that use it."""
    found: dict[str, set[Path]] = {}
    for path in sorted(data_dir(folder).glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        # A percent-encoded address (a Korean Wikipedia page) is shown decoded in the book.
        for char in cjk_characters([text, unquote(text)]):
            found.setdefault(char, set()).add(path)
    return found


def margin_characters() -> set[str]:
    """The characters shipped beyond those the data uses."""
    return {chr(code) for low, high in MARGIN_RANGES for code in range(low, high + 1)}


def covered_characters(font_path: Path = OTF) -> set[str]:
    """The characters a font file has a glyph for."""
    from fontTools.ttLib import TTFont

    with TTFont(font_path, lazy=True) as font:
        return {chr(code) for code in font.getBestCmap()}


# Weights a figure may ask for. Only the regular weight is shipped; it is registered under
# each of them, so bold CJK text draws in the regular weight instead of logging a warning.
WEIGHTS = (400, 700)


def register() -> None:
    """Make the subset known to matplotlib, so `FAMILY` works as a fallback font family."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if FAMILY in {entry.name for entry in manager.ttflist}:
        return
    manager.addfont(str(OTF))
    regular = next(entry for entry in manager.ttflist if entry.name == FAMILY)
    manager.ttflist.extend(replace(regular, weight=weight) for weight in WEIGHTS if weight != regular.weight)
