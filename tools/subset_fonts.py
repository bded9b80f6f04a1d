"""Regenerate the CJK font subset in analysis/fonts/ from the pinned Noto Sans CJK package.

Run it after a data change adds a Korean, Chinese or Japanese character that
tests/test_fonts.py reports as missing:

    .venv/bin/python tools/subset_fonts.py

It reads NotoSansCJK-Regular.ttc from the `noto-cjk-sans-otc` package (pinned in
requirements.txt), keeps the Korean face, subsets it to the characters of data/*.csv plus a
fixed margin (analysis.fonts.MARGIN_RANGES), renames the family so it cannot be confused with
a full Noto Sans CJK installed on the machine, and writes OTF (for matplotlib) and WOFF2 (for
the reading edition) plus the licence. The output is byte-identical from run to run.
"""

from __future__ import annotations

import io
import sys
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import fonts  # noqa: E402

SOURCE_PACKAGE = "noto_cjk_sans_otc"
SOURCE_DISTRIBUTION = "noto-cjk-sans-otc"
SOURCE_FILE = "NotoSansCJK-Regular.ttc"
SOURCE_FAMILY = "Noto Sans CJK KR"
POSTSCRIPT_NAME = fonts.FAMILY.replace(" ", "") + "-Regular"


def source_face() -> TTFont:
    """The Korean face of the collection (its Han glyphs are drawn in the Korean style)."""
    data = (files(SOURCE_PACKAGE) / SOURCE_FILE).read_bytes()
    for face in TTCollection(io.BytesIO(data)).fonts:
        if face["name"].getDebugName(1) == SOURCE_FAMILY:
            return face
    raise SystemExit(f"{SOURCE_FILE} has no face named {SOURCE_FAMILY!r}")


def rename(font: TTFont) -> None:
    """Give the subset its own family name (the OFL asks modified fonts to say so)."""
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            table.removeNames(nameID=record.nameID)
    for name_id, value in {
        1: fonts.FAMILY,
        2: "Regular",
        3: POSTSCRIPT_NAME,
        4: fonts.FAMILY,
        6: POSTSCRIPT_NAME,
    }.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT_NAME]
        top = cff.topDictIndex[0]
        top.FullName = fonts.FAMILY
        top.FamilyName = fonts.FAMILY


def build(characters: set[str]) -> TTFont:
    font = source_face()
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in characters))
    subsetter.subset(font)
    rename(font)
    return font


def save(font: TTFont, path: Path, flavor: str | None) -> None:
    font.flavor = flavor
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    path.write_bytes(buffer.getvalue())


def main() -> int:
    characters = set(fonts.data_characters()) | fonts.margin_characters()
    font = build(characters)
    font.recalcTimestamp = False  # keep the source's head.modified, so reruns are byte-identical
    fonts.FONT_DIR.mkdir(exist_ok=True)
    save(font, fonts.OTF, None)
    save(font, fonts.WOFF2, "woff2")
    licence = metadata.distribution(SOURCE_DISTRIBUTION).read_text("licenses/LICENSE")
    if not licence:
        raise SystemExit(f"{SOURCE_DISTRIBUTION} ships no licence file; the subset cannot be shipped without it")
    notice = font["name"].getDebugName(0)  # the copyright line the OFL asks to keep with the font
    fonts.LICENCE.write_text(f"{notice}\n\n{licence}", encoding="utf-8", newline="\n")
    print(
        f"{len(characters)} characters -> {fonts.OTF.name} ({fonts.OTF.stat().st_size} bytes), "
        f"{fonts.WOFF2.name} ({fonts.WOFF2.stat().st_size} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
