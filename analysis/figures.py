"""Save a figure once, byte-stable and legible, with its caption and alt text; build the index.

Committed figures must not change when nothing changed, or `make reproduce` would leave a
dirty work tree and reviewers would chase phantom diffs. So SVG ids use a fixed salt, date and
software metadata are dropped, and a file is rewritten only when its bytes differ. A figure is
read at the width of the book's text column, so before saving, `legibility_problems` measures
the rendered figure as the reader will see it and `save_figure` refuses one that fails.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.artist import Artist
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.textpath import TextPath
from matplotlib.transforms import Bbox

from . import colour, style
from .paths import FIGURES_DIR, NOTEBOOKS_DIR

NAME_PATTERN = re.compile(r"^(\d{2})-[a-z0-9]+(-[a-z0-9]+)*$")
INDEX_FILE = "README.md"

# The reading edition's text column is 672 px; at the figure dpi of 100 a figure up to this
# wide is shown at its natural size, a wider one is scaled down and its text with it.
COLUMN_WIDTH_IN = 6.72
MIN_TEXT_PT = 8.0  # smallest text, in points at the size the column displays the figure
OVERLAP_TOLERANCE_PX = 1.0  # extents touching by a pixel (anti-aliasing) do not count


class FigureLegibilityError(ValueError):
    """A figure a reader cannot take in at the book's column width; lists every problem."""


@dataclass(frozen=True)
class SavedFigure:
    """Where a figure went, and what a reader is told about it."""

    name: str
    caption: str
    alt: str
    svg: Path
    png: Path

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png.read_bytes()).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
            f'style="max-width:100%"/><figcaption style="color:#1a1a1a"><b>Figure {html.escape(self.name)}.</b> '
            f"{html.escape(self.caption)}</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"Figure {self.name}: {self.caption}"


def _render(fig: Figure, fmt: str) -> bytes:
    metadata = {"svg": {"Date": None}, "png": {"Software": None}}[fmt]
    buffer = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": style.SVG_HASHSALT}):
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


@contextmanager
def _recording_texts() -> Iterator[list[tuple[Text, Bbox]]]:
    """Record every text matplotlib actually draws (tick labels out of view are not drawn)."""
    drawn: list[tuple[Text, Bbox]] = []
    original, original_extent = Text.draw, Text.get_window_extent

    def draw(self: Text, renderer) -> None:  # noqa: ANN001 - matplotlib's renderer type
        original(self, renderer)
        if self.get_visible() and self.get_text().strip() and self.get_alpha() != 0:
            drawn.append((self, original_extent(self, renderer)))  # an annotation's text, not its arrow

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def _label(text: Text) -> str:
    shown = " ".join(text.get_text().split())
    return repr(shown if len(shown) <= 40 else shown[:39] + "…")


def _inside(inner: Bbox, outer: Bbox, tolerance: float = OVERLAP_TOLERANCE_PX) -> bool:
    return (
        inner.x0 >= outer.x0 - tolerance
        and inner.y0 >= outer.y0 - tolerance
        and inner.x1 <= outer.x1 + tolerance
        and inner.y1 <= outer.y1 + tolerance
    )


def _overlap(first: Bbox, second: Bbox) -> bool:
    width = min(first.x1, second.x1) - max(first.x0, second.x0)
    height = min(first.y1, second.y1) - max(first.y0, second.y0)
    return width > OVERLAP_TOLERANCE_PX and height > OVERLAP_TOLERANCE_PX


def _series_colour(handle: Artist) -> str | None:
    """The colour that identifies a legend entry, blended over white; None if it has none.

    A line's colour, else its marker's face (its edge if the face is empty); a patch's face
    (else its edge); a collection's first face. Entries drawn in white are told apart by
    shape or outline, not colour, so they take no part in the colour check.
    """
    if isinstance(handle, Line2D):
        drawn = (
            handle.get_color() if handle.get_linestyle() not in ("None", "none", "") else handle.get_markerfacecolor()
        )
        if to_rgba(drawn)[3] == 0 or drawn == "none":
            drawn = handle.get_markeredgecolor()
    elif isinstance(handle, Patch):
        drawn = handle.get_facecolor()
        if to_rgba(drawn)[3] == 0:
            drawn = handle.get_edgecolor()
    elif isinstance(handle, Collection):
        faces = handle.get_facecolor()
        drawn = faces[0] if len(faces) else (handle.get_edgecolor()[0] if len(handle.get_edgecolor()) else None)
    else:
        return None
    if drawn is None:
        return None
    red, green, blue, alpha = to_rgba(drawn)
    alpha = alpha if handle.get_alpha() is None else alpha * handle.get_alpha()
    blended = to_hex(tuple(alpha * c + (1 - alpha) for c in (red, green, blue)))
    return None if blended == "#ffffff" else blended  # white: the entry is told by shape or outline


def _series_groups(fig: Figure) -> list[tuple[str, dict[str, str]]]:
    """Per axes (and per figure legend), the colour of each labelled series: label -> colour."""
    groups = []
    for number, ax in enumerate(fig.axes, start=1):
        handles, labels = ax.get_legend_handles_labels()
        legend = ax.get_legend()
        if legend is not None:
            handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
        groups.append((f"axes {number}", dict(zip(labels, map(_series_colour, handles), strict=True))))
    for number, legend in enumerate(fig.legends, start=1):
        groups.append(
            (
                f"figure legend {number}",
                dict(
                    zip(
                        [t.get_text() for t in legend.get_texts()],
                        map(_series_colour, legend.legend_handles),
                        strict=True,
                    )
                ),
            )
        )
    return groups


def legibility_problems(fig: Figure) -> list[str]:
    """Everything that keeps a reader from taking `fig` in at the book's column width.

    Measured on the rendered figure, as `save_figure` saves it: the width the image will have
    (so the scale at which the column shows it); every drawn text's size at that scale; texts
    cut by the axes that clip them or lying outside the saved image; any two texts whose
    extents overlap; and, per axes and per legend, series colours closer than
    `colour.MIN_DISTANCE` (CIEDE2000) for normal, deuteranopic or protanopic vision.
    """
    with _recording_texts() as drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    dpi = fig.dpi
    problems = []
    if mpl.rcParams["savefig.bbox"] == "tight":
        pad = mpl.rcParams["savefig.pad_inches"]
        saved = fig.get_tightbbox(renderer).padded(pad)
        saved_px = Bbox.from_extents(saved.x0 * dpi, saved.y0 * dpi, saved.x1 * dpi, saved.y1 * dpi)
    else:
        saved_px = fig.bbox
    width_in = saved_px.width / dpi
    scale = min(1.0, COLUMN_WIDTH_IN / width_in)
    if scale < 1.0:
        problems.append(
            f"width {width_in:.2f} in is wider than the {COLUMN_WIDTH_IN} in column, "
            f"so the column shows it at {scale:.0%}"
        )
    for text, extent in drawn:
        shown_pt = text.get_fontsize() * scale
        if shown_pt < MIN_TEXT_PT - 1e-6:
            problems.append(f"text {_label(text)} shows at {shown_pt:.1f} pt, below {MIN_TEXT_PT:g} pt")
        clip = text.get_clip_box()
        if text.get_clip_on() and clip is not None and not _inside(extent, clip):
            problems.append(f"text {_label(text)} is cut by the axes that clip it")
        elif not _inside(extent, saved_px):
            problems.append(f"text {_label(text)} falls outside the saved image")
    for (first, first_extent), (second, second_extent) in itertools.combinations(drawn, 2):
        if _overlap(first_extent, second_extent):
            problems.append(f"texts {_label(first)} and {_label(second)} overlap")
    for where, series in _series_groups(fig):
        by_colour: dict[str, str] = {}
        for label, drawn_colour in series.items():
            if drawn_colour is not None:
                by_colour.setdefault(drawn_colour, label)
        closest = colour.closest_pair(sorted(by_colour))
        if closest is not None and closest[0] < colour.MIN_DISTANCE:
            distance, simulation, first_colour, second_colour = closest
            problems.append(
                f"{where}: series {by_colour[first_colour]!r} ({first_colour}) and "
                f"{by_colour[second_colour]!r} ({second_colour}) differ by ΔE2000 {distance:.1f} "
                f"under {simulation}, below {colour.MIN_DISTANCE:g}"
            )
    return problems


def label_rows(centres: list[float], widths: list[float], gap: float = 0.08) -> list[int]:
    """A row for each label (0 = first), so labels in one row never overlap.

    `centres` and `widths` are in one unit (inches); labels are taken left to right and each
    goes to the lowest row whose last label ends `gap` before it starts.
    """
    ends: list[float] = []
    rows = [0] * len(centres)
    for i in sorted(range(len(centres)), key=lambda k: centres[k]):
        start = centres[i] - widths[i] / 2
        row = next((r for r, end in enumerate(ends) if end + gap <= start), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = centres[i] + widths[i] / 2
        rows[i] = row
    return rows


def text_width_in(text: str, fontsize: float) -> float:
    """Width of one line of `text` in inches, as the figure font draws it."""
    path = TextPath((0, 0), text, size=fontsize, prop=FontProperties(family=style.FONT_FAMILIES))
    return path.get_extents().width / 72


def _write_if_changed(path: Path, data: bytes) -> None:
    """Replace the file whole (write beside it, then rename), so a stopped run never leaves half a figure."""
    if not path.exists() or path.read_bytes() != data:
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, path)


def save_figure(fig: Figure, name: str, caption: str, alt: str, folder: Path | None = None) -> SavedFigure:
    """Write `fig` as `<name>.svg` and `<name>.png` plus its caption record, and close it.

    `name` starts with the two-digit number of the notebook that makes it (e.g.
    `01-timeline`), which is how the figure index finds the notebook. The figure must pass
    `legibility_problems` (else `FigureLegibilityError` lists every problem). The returned
    object displays in a notebook as the PNG with its alt text and caption.
    """
    if not NAME_PATTERN.match(name):
        raise ValueError(f"figure name {name!r} must look like '01-short-name' (notebook number, then a slug)")
    if not caption.strip() or not alt.strip():
        raise ValueError(f"figure {name!r} needs a caption and alt text")
    problems = legibility_problems(fig)
    if problems:
        plt.close(fig)
        raise FigureLegibilityError(f"figure {name}: " + "; ".join(problems))
    folder = FIGURES_DIR if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    svg, png = folder / f"{name}.svg", folder / f"{name}.png"
    _write_if_changed(svg, _render(fig, "svg"))
    _write_if_changed(png, _render(fig, "png"))
    record = json.dumps({"name": name, "caption": caption, "alt": alt}, indent=2, ensure_ascii=False) + "\n"
    _write_if_changed(folder / f"{name}.json", record.encode("utf-8"))
    plt.close(fig)
    return SavedFigure(name, caption, alt, svg, png)


def _notebook_for(number: str) -> str:
    matches = sorted(p.name for p in NOTEBOOKS_DIR.glob(f"{number}_*.ipynb"))
    return matches[0] if matches else "(no notebook)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def figure_index(folder: Path | None = None) -> str:
    """The Markdown text of the figure index, from the caption records in `folder`."""
    folder = FIGURES_DIR if folder is None else folder
    lines = [
        "# Figures",
        "",
        "Generated by `make reproduce` from the caption records (`*.json`) beside each figure;",
        "do not edit by hand. Every figure exists as SVG and PNG.",
        "",
        "| Figure | Notebook | Caption |",
        "|---|---|---|",
    ]
    for record_path in sorted(folder.glob("*.json")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        name = record["name"]
        notebook = _notebook_for(name[:2])
        lines.append(
            f"| [{name}]({name}.svg) ([png]({name}.png)) | [{notebook}](../notebooks/{notebook}) "
            f"| {_cell(record['caption'])} |"
        )
    return "\n".join(lines) + "\n"


def write_figure_index(folder: Path | None = None) -> Path:
    """Regenerate `figures/README.md`; rewritten only if its text changed."""
    folder = FIGURES_DIR if folder is None else folder
    path = folder / INDEX_FILE
    _write_if_changed(path, figure_index(folder).encode("utf-8"))
    return path
