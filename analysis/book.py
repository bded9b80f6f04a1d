"""The reading edition (`make book`): a static HTML site of every notebook, from stored outputs.

Readers without Python get the whole collection as web pages. The site is built with Jupyter
Book 1.x (Sphinx), which works offline, with `execute_notebooks: "off"`, so the pages show the
outputs that nbval has checked rather than a second, possibly different, run. The table of
contents is generated from the notebooks present (`notebooks/NN_*.ipynb`, in order) each time,
so a new notebook appears in the book as soon as it is merged and the contents never go stale.

Everything the build reads is assembled in `build/book/` (untracked): the generated
`_config.yml` and `_toc.yml`, and copies of the notebooks in which exercise solutions are
collapsed (see `collapse_solutions`). The committed notebooks are never modified.

The site carries its own stylesheet and script (`analysis/book_assets/`: tables that fit the
column, pages that fit a phone, captions with contrast, figures that open full-size on tap)
and the CJK font subset as a web font (`analysis/fonts/`), so Korean, Chinese and Japanese
terms render on a machine without CJK fonts; nothing is fetched from elsewhere.

    python -m analysis.book            # build (always from scratch, warnings are errors)
    python -m analysis.book --if-stale # build only if the inputs changed since the last build
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import fcntl
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat

from . import fonts
from .paths import BUILD_DIR, NOTEBOOKS_DIR, PACKAGE_DIR, PROJECT_ROOT

BOOK_DIR = BUILD_DIR / "book"
HTML_DIR = BOOK_DIR / "_build" / "html"
STAMP_FILE = BOOK_DIR / ".inputs.sha256"
LOCK_FILE = BUILD_DIR / "book.lock"
ASSETS_DIR = PACKAGE_DIR / "book_assets"
ASSETS = ("book.css", "book.js")
TITLE = "The Russia–DPRK Treaty on Comprehensive Strategic Partnership"
AUTHOR = "The project's contributors"

SPHINX_EXTENSIONS = (
    "sphinx_togglebutton",
    "sphinx_copybutton",
    "myst_nb",
    "jupyter_book",
    "sphinx_comments",
    "sphinx_external_toc",
    "sphinx.ext.intersphinx",
    "sphinx_design",
    "sphinx_book_theme",
    "sphinx_multitoc_numbering",
)

SOLUTION_TAG = "solution"
ANSWER_PREFIX = "*Answer:*"

# Sphinx settings that keep text from the data literal and the site offline.
# - No MyST syntax extensions: `dollarmath` would read "$5 ... $6" in a Markdown cell as maths and
#   `substitution` would read "{{ x }}" as a variable, `linkify` would turn a bare URL in a summary
#   into a link. Outputs are parsed as MyST with the same (empty) extension set, which keeps tables.
# - MathJax is told to touch only Sphinx's own math nodes (class "math", none today), never the
#   cells or their outputs, and to recognise no "$" delimiter, so a "$" or "\(" printed by a cell
#   stays text even if a later notebook adds an equation.
MATHJAX3_CONFIG = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]], "processEscapes": False},
    "options": {"ignoreHtmlClass": "tex2jax_ignore|mathjax_ignore|document", "processHtmlClass": "math"},
}


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The collection's notebooks in reading order (`NN_name.ipynb`), whatever exists now."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def toc(paths: list[Path]) -> dict:
    """The `_toc.yml` content: the first notebook is the landing page, the rest follow in order."""
    if not paths:
        raise ValueError("no notebooks to put in the book (expected notebooks/NN_*.ipynb)")
    files = [f"notebooks/{p.stem}" for p in paths]
    book: dict = {"format": "jb-book", "root": files[0]}
    if files[1:]:
        book["chapters"] = [{"file": f} for f in files[1:]]
    return book


def config() -> dict:
    """The `_config.yml` content (Jupyter Book 1.x)."""
    return {
        "title": TITLE,
        "author": AUTHOR,
        "copyright": "CC BY 4.0 (content), MIT (code)",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints"],
        "execute": {"execute_notebooks": "off"},
        "parse": {"myst_enable_extensions": []},
        "html": {"use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False},
        "launch_buttons": {
            "notebook_interface": "classic",
            "binderhub_url": "",
            "jupyterhub_url": "",
            "thebe": False,
            "colab_url": "",
        },
        "sphinx": {
            "config": {
                # Jupyter Book's default extensions minus sphinx_thebe (it declares THEBE_JS_URL twice,
                # a console error on every page, and would fetch thebe from unpkg.com); nothing here runs code.
                "extensions": list(SPHINX_EXTENSIONS),
                "html_theme_options": {
                    "search_bar_text": "Search this book...",
                    "home_page_in_toc": True,
                    "use_download_button": True,
                    "use_repository_button": False,
                    "use_edit_page_button": False,
                    "use_issues_button": False,
                    "launch_buttons": {"thebe": False, "binderhub_url": "", "jupyterhub_url": "", "colab_url": ""},
                },
                "html_context": {"default_mode": "light"},  # else the theme logs "invalid theme mode" as an error
                "nb_output_stderr": "warn",  # a stderr output is a warning, so -W fails the build
                "myst_enable_extensions": [],
                "myst_update_mathjax": False,
                "mathjax3_config": MATHJAX3_CONFIG,
                "nb_render_markdown_format": "myst",  # tables; with no extensions: no maths, no linkify
                "html_show_sourcelink": False,
                "html_static_path": ["_static"],
                "html_css_files": ["fonts.css", "book.css"],
                "html_js_files": ["book.js"],
                "html_last_updated_fmt": None,
            }
        },
    }


# Where an answer ends inside a Markdown cell: the next exercise, the discussion, or a heading.
_AFTER_ANSWER = re.compile(r"^(\*\*Exercise|\*\*Discussion|#)", re.MULTILINE)


def _answer_dropdown(text: str) -> str:
    """The answer paragraph(s) folded into a collapsed "Answer" admonition; the rest kept as is."""
    end = _AFTER_ANSWER.search(text)
    answer, rest = (text[: end.start()], text[end.start() :]) if end else (text, "")
    # A fence longer than any backtick run in the answer, so the answer cannot close it early.
    longest = max((len(run) for run in re.findall(r"`+", answer)), default=0)
    fence = "`" * max(3, longest + 1)
    folded = f"{fence}{{admonition}} Answer\n:class: dropdown\n\n{answer.strip()}\n{fence}"
    return folded + (f"\n\n{rest}" if rest else "")


def collapse_solutions(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `nb` for the book in which every exercise solution is folded away.

    A code cell tagged `solution` (and `hide-input`) gets `hide-output` too, so its code and
    its result are both behind a "show" toggle; a Markdown cell that starts with `*Answer:*`
    right after such a cell becomes a collapsed "Answer" dropdown. Nothing is executed.
    """
    nb = copy.deepcopy(nb)
    after_solution = False
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            after_solution = SOLUTION_TAG in tags
            if after_solution:
                cell.metadata["tags"] = list(dict.fromkeys([*tags, "hide-input", "hide-output"]))
        elif cell.cell_type == "markdown":
            if after_solution and cell.source.lstrip().startswith(ANSWER_PREFIX):
                cell.source = _answer_dropdown(cell.source.lstrip())
            after_solution = False
    return nb


# Code and output cells keep a monospace face; the CJK subset goes first so Hangul and Han in
# printed output draw from it (its unicode-range leaves every other character to these).
MONOSPACE = 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace'


def font_css(woff2: Path = fonts.WOFF2, family: str = fonts.FAMILY) -> str:
    """The `@font-face` rule of the CJK subset, limited to the CJK blocks, first in the font stacks.

    With `unicode-range`, the browser uses the subset only for Hangul, kana, Han and CJK
    punctuation; every other character keeps the theme's system font.
    """
    ranges = ",".join(f"U+{low:04X}-{high:04X}" for low, high in fonts.CJK_RANGES)
    return (
        f'@font-face {{\n  font-family: "{family}";\n  src: url("fonts/{woff2.name}") format("woff2");\n'
        f"  unicode-range: {ranges};\n  font-display: block;\n}}\n"
        f':root {{\n  --pst-font-family-base: "{family}", var(--pst-font-family-base-system);\n'
        f'  --pst-font-family-heading: "{family}", var(--pst-font-family-base-system);\n}}\n'
        "html body pre, html body code, html body kbd, html body samp {\n"
        f'  font-family: "{family}", {MONOSPACE};\n}}\n'
    )


def static_files() -> dict[str, bytes]:
    """The files of the site's `_static/` folder the project adds, by their path in it."""
    files = {name: (ASSETS_DIR / name).read_bytes() for name in ASSETS}
    files[f"fonts/{fonts.WOFF2.name}"] = fonts.WOFF2.read_bytes()
    files["fonts.css"] = font_css().encode("utf-8")
    return files


def inputs_digest(paths: list[Path] | None = None) -> str:
    """A hash of everything the book is built from, to tell whether a built book is current."""
    paths = notebooks() if paths is None else paths
    digest = hashlib.sha256()
    for name, data in sorted(static_files().items()):
        digest.update(name.encode())
        digest.update(data)
    for path in [*paths, Path(__file__)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(json.dumps([config(), toc(paths)], sort_keys=True).encode())
    return digest.hexdigest()


def is_current() -> bool:
    """True when build/book holds a site built from the current notebooks and settings."""
    return (
        (HTML_DIR / "index.html").exists() and STAMP_FILE.exists() and STAMP_FILE.read_text().strip() == inputs_digest()
    )


def _write_yaml(path: Path, data: dict) -> None:
    # JSON is valid YAML; no YAML library is needed to write it.
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def assemble(book_dir: Path = BOOK_DIR, paths: list[Path] | None = None) -> list[Path]:
    """Write the book's sources into `book_dir` (emptied first): config, contents, notebooks."""
    paths = notebooks() if paths is None else paths
    if book_dir.exists():
        shutil.rmtree(book_dir)
    (book_dir / "notebooks").mkdir(parents=True)
    _write_yaml(book_dir / "_config.yml", config())
    _write_yaml(book_dir / "_toc.yml", toc(paths))
    for name, data in static_files().items():
        target = book_dir / "_static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    written = []
    for path in paths:
        target = book_dir / "notebooks" / path.name
        nbformat.write(collapse_solutions(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


def build(book_dir: Path = BOOK_DIR, paths: list[Path] | None = None, quiet: bool = False) -> Path:
    """Assemble and build the site from scratch (warnings are errors); returns the HTML folder.

    Always a clean build: Sphinx only reports warnings for pages it rebuilds, so an
    incremental build could pass with a broken page left over from before.
    """
    paths = notebooks() if paths is None else paths
    assemble(book_dir, paths)
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(book_dir),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
    ]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"jupyter-book build failed (exit {result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
        )
    if not quiet:
        print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "built")
    return book_dir / "_build" / "html"


@contextlib.contextmanager
def _exclusive() -> Iterator[None]:
    """Hold the build folder alone: two test workers, or a test and `make book`, share it."""
    LOCK_FILE.parent.mkdir(parents=True, exist_ok=True)
    with LOCK_FILE.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def ensure_built() -> Path:
    """The HTML folder of a current book: reused when its inputs are unchanged, else rebuilt."""
    with _exclusive():
        if not is_current():
            _build_and_stamp(notebooks())
    return HTML_DIR


def _build_and_stamp(paths: list[Path]) -> None:
    build(BOOK_DIR, paths, quiet=True)
    STAMP_FILE.write_text(inputs_digest(paths) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--if-stale", action="store_true", help="skip the build when build/book is current")
    args = parser.parse_args(argv)
    paths = notebooks()
    with _exclusive():
        if args.if_stale and is_current():
            print(f"Reading edition is up to date: {HTML_DIR.relative_to(PROJECT_ROOT)}/index.html")
            return 0
        start = time.perf_counter()
        try:
            _build_and_stamp(paths)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(
        f"Reading edition: {len(paths)} notebooks -> {HTML_DIR.relative_to(PROJECT_ROOT)}/index.html "
        f"({time.perf_counter() - start:.1f} s). Open it in a browser, or serve it with "
        f"`python -m http.server -d {HTML_DIR.relative_to(PROJECT_ROOT)}`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
