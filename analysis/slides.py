"""Slide-ready figures: every figure of the collection again at 16:9, 1920x1080, in large type.

The figures are drawn by the notebooks (through the functions in this package, with the
arguments the notebooks choose), so the slide versions come from the same code: each
notebook's code cells run in this process with `save_figure` replaced by a function that
re-lays the finished figure out on a 16:9 canvas with every text enlarged. Nothing about a
figure is written twice; a figure added to a notebook appears in the slides too. Running the
cells this way (no kernel, no outputs kept) takes seconds, which keeps `make kit` fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from . import style
from .paths import NOTEBOOKS_DIR

SLIDE_INCHES = (16.0, 9.0)
SLIDE_DPI = 120  # 16 x 9 in at 120 dpi = 1920 x 1080 px
SLIDE_PIXELS = (1920, 1080)
MIN_POINTS = 15.0  # smallest text on a slide: 15 pt at 120 dpi is 25 px, 2.3 % of the slide's height
FONT_SCALE = 1.6  # every text grows by this factor at least, and to MIN_POINTS where that is more
SLOW_FIRST = ("03", "05", "06")  # notebooks with the most computation or figures start first


@dataclass(frozen=True)
class Slide:
    """A slide-ready figure and the caption the notebook gave it."""

    name: str
    caption: str
    png: Path


def enlarge(fig: Figure) -> None:
    """Put `fig` on the 16:9 canvas with its type enlarged, re-running its layout engine."""
    for text in fig.findobj(Text):
        text.set_fontsize(max(text.get_fontsize() * FONT_SCALE, MIN_POINTS))
    fig.set_size_inches(*SLIDE_INCHES)
    if fig.get_layout_engine() is None:
        with contextlib.suppress(RuntimeError):
            fig.set_layout_engine("constrained")


def slide_png(fig: Figure) -> bytes:
    """The figure as a 1920x1080 PNG without metadata.

    The enlarged figure is drawn with a tight bounding box (so no label is cut off), then
    centred on the white slide; a drawing that came out larger than the slide is shrunk to
    fit, which `fit_factor` reports so a test can hold the type size.
    """
    enlarge(fig)
    drawn = io.BytesIO()
    with plt.rc_context({"savefig.bbox": "tight", "savefig.pad_inches": 0.2}):
        fig.savefig(drawn, format="png", dpi=SLIDE_DPI, metadata={"Software": None})
    image = Image.open(drawn).convert("RGB")
    factor = fit_factor(image.size)
    if factor < 1:
        image = image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", SLIDE_PIXELS, "white")
    canvas.paste(image, ((SLIDE_PIXELS[0] - image.width) // 2, (SLIDE_PIXELS[1] - image.height) // 2))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def fit_factor(size: tuple[int, int]) -> float:
    """How much a drawing of `size` pixels must shrink to fit the slide (1 when it fits)."""
    return min(1.0, SLIDE_PIXELS[0] / size[0], SLIDE_PIXELS[1] / size[1])


def _code_cells(path: Path) -> Iterator[str]:
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            yield "".join(cell["source"])


@contextlib.contextmanager
def _capturing(save: Callable[..., None]) -> Iterator[None]:
    """Replace `save_figure` wherever the notebooks and the package reach it."""
    targets = ["analysis.save_figure", "analysis.figures.save_figure", "analysis.reactions.save_figure"]
    with contextlib.ExitStack() as stack:
        for target in targets:
            stack.enter_context(mock.patch(target, save))
        yield


def render_notebook(path: Path, out: Path) -> list[Slide]:
    """Run one notebook's code and write each figure it saves as `<out>/<name>.png`.

    Cells run in the notebook's folder (as in JupyterLab) with their printed output discarded;
    an error names the notebook, since a notebook that fails here also fails `make test`.
    """
    out.mkdir(parents=True, exist_ok=True)
    slides: list[Slide] = []

    def save(fig: Figure, name: str, caption: str, alt: str, folder: Path | None = None) -> None:
        png = out / f"{name}.png"
        png.write_bytes(slide_png(fig))
        plt.close(fig)
        slides.append(Slide(name, caption, png))

    here = Path.cwd()
    namespace: dict[str, object] = {"__name__": "__main__"}
    with _capturing(save), plt.rc_context(style.RC_PARAMS):
        os.chdir(path.parent)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                for source in _code_cells(path):
                    exec(compile(source, path.name, "exec"), namespace)  # noqa: S102 - the project's own notebooks
        except Exception as error:
            raise RuntimeError(f"{path.name} failed while drawing its slides: {error}") from error
        finally:
            os.chdir(here)
            plt.close("all")
    return slides


def submit(pool: Executor, out: Path, notebooks: Path = NOTEBOOKS_DIR) -> list[Future[list[Slide]]]:
    """Queue every notebook on `pool`, the slowest first, so the kit can print PDFs meanwhile."""
    paths = sorted(notebooks.glob("[0-9][0-9]_*.ipynb"), key=lambda p: (p.name[:2] not in SLOW_FIRST, p.name))
    return [pool.submit(render_notebook, path, out) for path in paths]


def render_slides(out: Path, notebooks: Path = NOTEBOOKS_DIR, jobs: int = 2) -> list[Slide]:
    """Every notebook's figures as slides, `jobs` notebooks at a time, in notebook order."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = [future.result() for future in submit(pool, out, notebooks)]
    return sorted((slide for result in results for slide in result), key=lambda slide: slide.name)
