"""The reading edition: how it is assembled, and the built site checked in a real browser.

The browser tests build the book (or reuse a current build: `analysis.book.ensure_built`),
serve it on 127.0.0.1 and open every page in headless Chromium (Debian's `chromium`, driven by
Playwright), one class per width. What a page showed is kept until one of the files it requested
changes (`visit_store`); `make test FRESH=1` opens every page again. Locally, without Chromium,
they are skipped with a reason in the pytest summary; under CI=true a missing browser is a
failure, never a skip (.ci/run installs it).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from visit_store import VisitStore, digest_of, fresh_requested

from analysis import book, fonts, teaching
from analysis.kit import CHROMIUM, CHROMIUM_ARGS  # one browser set-up for the book test and the kit
from analysis.paths import BUILD_DIR

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
WIDTHS = (1280, 390)  # desktop, and a phone held upright


# --- assembling the book (no browser) --------------------------------------------------------


def _notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nb.cells = list(cells)
    return nb


def test_toc_lists_every_notebook_in_order(tmp_path):
    for name in ["05_b.ipynb", "00_start.ipynb", "12_c.ipynb", "notes.ipynb", "3_bad.ipynb"]:
        (tmp_path / name).write_text("{}")
    paths = book.notebooks(tmp_path)
    assert [p.name for p in paths] == ["00_start.ipynb", "05_b.ipynb", "12_c.ipynb"]
    assert book.toc(paths) == {
        "format": "jb-book",
        "root": "notebooks/00_start",
        "chapters": [{"file": "notebooks/05_b"}, {"file": "notebooks/12_c"}],
    }


def test_toc_needs_a_notebook():
    with pytest.raises(ValueError):
        book.toc([])


def test_the_book_covers_the_notebooks_on_disk():
    paths = book.notebooks()
    toc = book.toc(paths)
    files = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    assert files == [f"notebooks/{p.stem}" for p in paths]
    assert files[0] == "notebooks/00_start_here"


def test_config_builds_stored_outputs_and_keeps_dollars_literal():
    config = book.config()
    assert config["execute"]["execute_notebooks"] == "off"
    sphinx = config["sphinx"]["config"]
    assert sphinx["myst_enable_extensions"] == []  # no dollarmath, no {{substitution}}
    assert sphinx["myst_update_mathjax"] is False
    assert sphinx["nb_render_markdown_format"] == "myst"  # parsed with the same empty extension set
    assert sphinx["mathjax3_config"]["options"]["processHtmlClass"] == "math"
    assert all("$" not in pair for pair in sphinx["mathjax3_config"]["tex"]["inlineMath"])


def test_collapse_solutions_folds_code_output_and_answer():
    nb = _notebook(
        nbformat.v4.new_markdown_cell("**Exercise 1.** Count."),
        nbformat.v4.new_code_cell("1 + 1", metadata={"tags": ["hide-input", "solution"]}),
        nbformat.v4.new_markdown_cell("*Answer:* two, see `x`.\n\n**Exercise 2.** Next.\n\n**Discussion.**\n\n1. Why?"),
        nbformat.v4.new_code_cell("2 + 2"),
        nbformat.v4.new_markdown_cell("*Answer:* not after a solution, left alone."),
    )
    out = book.collapse_solutions(nb)
    assert out.cells[1].metadata["tags"] == ["hide-input", "solution", "hide-output"]
    answer = out.cells[2].source
    assert answer.startswith("```{admonition} Answer\n:class: dropdown\n\n*Answer:* two, see `x`.\n```")
    assert "```\n\n**Exercise 2.** Next." in answer and answer.endswith("1. Why?")
    assert "tags" not in out.cells[3].metadata or "hide-output" not in out.cells[3].metadata["tags"]
    assert out.cells[4].source == "*Answer:* not after a solution, left alone."
    assert nb.cells[1].metadata["tags"] == ["hide-input", "solution"], "the original must not change"


def test_answer_fence_outgrows_backticks_in_the_answer():
    nb = _notebook(
        nbformat.v4.new_code_cell("x", metadata={"tags": ["hide-input", "solution"]}),
        nbformat.v4.new_markdown_cell("*Answer:* a ```` run."),
    )
    assert book.collapse_solutions(nb).cells[1].source.startswith("`````{admonition}")


def test_the_book_ships_its_stylesheet_script_and_cjk_font(tmp_path):
    source = tmp_path / "00_a.ipynb"
    nbformat.write(_notebook(nbformat.v4.new_markdown_cell("# 00 · A")), source)
    book.assemble(tmp_path / "book", [source])
    static = tmp_path / "book" / "_static"
    assert (static / "fonts" / fonts.WOFF2.name).read_bytes() == fonts.WOFF2.read_bytes()
    css = (static / "fonts.css").read_text(encoding="utf-8")
    assert f'font-family: "{fonts.FAMILY}"' in css and f'url("fonts/{fonts.WOFF2.name}")' in css
    assert "U+AC00-D7A3" in css and "U+4E00-9FFF" in css  # Hangul syllables and Han
    assert (static / "book.css").exists() and (static / "book.js").exists()
    sphinx = book.config()["sphinx"]["config"]
    assert sphinx["html_css_files"] == ["fonts.css", "book.css"] and sphinx["html_js_files"] == ["book.js"]


def test_a_book_build_holds_the_build_folder_alone():
    """While one process builds (or checks) the book, another cannot take the folder's lock."""
    probe = (
        "import fcntl, sys\n"
        "with open(sys.argv[1], 'w') as handle:\n"
        "    try:\n"
        "        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "    except BlockingIOError:\n"
        "        sys.exit(3)\n"
    )
    with book._exclusive():
        held = subprocess.run([sys.executable, "-c", probe, str(book.LOCK_FILE)], check=False)
    free = subprocess.run([sys.executable, "-c", probe, str(book.LOCK_FILE)], check=False)
    assert (held.returncode, free.returncode) == (3, 0)


def test_vendored_axe_is_the_pinned_release():
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256
    assert data.startswith(f"/*! axe v{AXE_VERSION}".encode())
    assert (AXE.parent / "LICENSE").read_text().lstrip().startswith("Mozilla Public License")


# --- the built site in a browser -------------------------------------------------------------


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = "chromium not installed: run apt-get install chromium"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI must install it; see .ci/run)", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (an ephemeral port) from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


HOSTILE = "Costs rose from $5 to $6 {x} <script>window.__pwned = 1</script> \\(a\\) *b* [l](http://e.invalid)"


def _escaping_notebook(folder: Path) -> Path:
    """A one-page notebook whose outputs carry a hostile statement rendered through the helpers."""
    statements = pd.DataFrame(
        [
            {
                "statement_id": "st-20240101-zzz-test",
                "date": pd.Timestamp("2024-01-01"),
                "actor_id": "ZZZ",
                "speaker": "Minister <b>",
                "speaker_role": "role",
                "phase": "signing",
                "stance": "condemn",
                "cameo_code": "111",
                "measure": "sanctions",
                "summary": HOSTILE,
                "key_phrase": "$1 {y}",
                "source_ids": ["s1"],
                "verification": "verified",
                "note": "",
            }
        ]
    )
    events = pd.DataFrame(
        {
            "event_id": ["ev-1"],
            "date": [pd.Timestamp("2024-01-02")],
            "actors": [["ZZZ"]],
            "label": ["Label $9 {z}"],
            "kind": ["statement"],
        }
    )
    brief = teaching.role_brief("ZZZ", statements, events, {"ZZZ": "Zedland $ {}"})
    table = statements[["summary"]]
    notebook = _notebook(
        nbformat.v4.new_markdown_cell("# 99 · Escaping"),
        nbformat.v4.new_code_cell(
            "brief",
            execution_count=1,
            outputs=[
                nbformat.v4.new_output(
                    "execute_result",
                    {"text/markdown": brief._repr_markdown_(), "text/plain": repr(brief)},
                    execution_count=1,
                )
            ],
        ),
        nbformat.v4.new_code_cell(
            "table",
            execution_count=2,
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", {"text/html": table.to_html(), "text/plain": repr(table)}, execution_count=2
                )
            ],
        ),
    )
    path = folder / "src" / "99_escaping.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class PageProblems:
    """Console errors, page errors, failed requests and any request that leaves 127.0.0.1.

    Also lists every same-origin URL the page requested: the files its checks depend on.
    """

    def __init__(self, page, origin: str):
        self.items: list[str] = []
        self.requested: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.items.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.items.append(f"request failed: {r.url} ({r.failure})"))

        def route(request_route):
            url = request_route.request.url
            if url.startswith(origin) or url.startswith("data:"):
                if url.startswith(origin):
                    self.requested.append(url)
                request_route.continue_()
            else:
                self.items.append(f"request leaves the site (the book must read offline): {url}")
                request_route.abort()

        page.route("**/*", route)


# One round trip per page: every image decoded (naturalWidth 0 = missing), every link, the
# contents' order, and whether each solution's code/output and each answer is visible.
_PAGE_JS = """async () => {
  const images = [...document.images];
  for (const img of images) { img.loading = "eager"; try { await img.decode(); } catch (e) {} }
  const visible = el => !!el && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  return {
    images: images.map(i => ({src: i.currentSrc.slice(0, 80), width: i.naturalWidth})),
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    contents: [...document.querySelectorAll("nav.bd-docs-nav a.reference")].map(a => a.href),
    solutions: [...document.querySelectorAll(".cell.tag_solution")].map(c => ({
      input: visible(c.querySelector(".cell_input")), output: visible(c.querySelector(".cell_output"))})),
    answers: [...document.querySelectorAll(".admonition.dropdown")].map(
      a => visible(a.querySelector("p:not(.admonition-title)"))),
  };
}"""


# At each width: does anything make the page scroll sideways, is any table wider than the text
# column, is every image loaded and described, and which CJK characters does the page show in
# which font (the fonts actually loaded, and the font stack of each element holding them).
_LAYOUT_JS = """async (family) => {
  const images = [...document.images];
  for (const img of images) { img.loading = "eager"; try { await img.decode(); } catch (e) {} }
  await document.fonts.ready;
  const cjk = /[\\u1100-\\u11ff\\u3000-\\u30ff\\u3130-\\u318f\
\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7a3\\uf900-\\ufaff\\uff00-\\uffef]/;
  const holders = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (cjk.test(node.nodeValue) && node.parentElement.checkVisibility()) {
      holders.push({text: node.nodeValue.trim().slice(0, 60), font: getComputedStyle(node.parentElement).fontFamily});
    }
  }
  const text = holders.map(h => h.text).join("");
  if (text) { await document.fonts.load(`16px "${family}"`, text); }
  const faces = [...document.fonts].filter(f => f.family.replace(/"/g, "") === family).map(f => f.status);
  const column = document.querySelector(".bd-article") || document.body;
  const limit = column.getBoundingClientRect().width;
  return {
    viewport: window.innerWidth,
    documentWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll("table")].filter(t => t.checkVisibility())
      .map(t => ({width: Math.round(t.getBoundingClientRect().width), limit: Math.round(limit),
                  head: (t.querySelector("caption, th, td") || {}).textContent?.slice(0, 50)}))
      .filter(t => t.width > t.limit + 1),
    images: images.map(i => ({src: i.currentSrc.slice(0, 60), width: i.naturalWidth, \
alt: (i.getAttribute("alt") || "").trim()})),
    cjk: holders, cjkFaces: faces,
  };
}"""

_AXE_JS = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter(v => v.impact === "serious" || v.impact === "critical").map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + \
(n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 160)),
  }))"""


def _pages(html_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if not p.relative_to(html_dir).parts[0].startswith("_")
    )


def _status(url: str, method: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _tool_digest(browser) -> str:
    """What the checks are, besides the site: this module's scripts and asserts, the store, axe-core, Chromium."""
    here = Path(__file__)
    parts = [here.read_bytes(), (here.parent / "visit_store.py").read_bytes(), AXE.read_bytes()]
    return digest_of([*parts, browser.version.encode(), fonts.FAMILY.encode()])


def _look(context, site: str, html_dir: Path, name: str) -> tuple[dict, list[str]]:
    """Open one page and record what it shows; returns that and the URLs it requested."""
    page = context.new_page()
    seen = PageProblems(page, site)
    problems = []
    response = page.goto(f"{site}/{name}", wait_until="load")
    if response is None or response.status != 200:
        problems.append(f"status {response and response.status}")
    if 'http-equiv="refresh"' in (html_dir / name).read_text(encoding="utf-8").lower():
        page.wait_for_url(lambda url: not url.endswith(name), wait_until="load")  # a redirect page
    found = page.evaluate(_PAGE_JS)
    found["url"] = page.url
    layout = page.evaluate(_LAYOUT_JS, fonts.FAMILY)
    page.add_script_tag(path=str(AXE))
    axe = page.evaluate(_AXE_JS)
    page.close()
    return {"page": found, "layout": layout, "axe": axe, "problems": problems + seen.items}, seen.requested


@pytest.fixture(scope="class")
def visited(browser, request):
    """Every page of the (built or reused) book at the class's width: what each page showed.

    A page whose files are all unchanged since an earlier run is not opened again; what that
    run saw is reused (`visit_store`; `make test FRESH=1` opens every page).
    """
    width = request.cls.width
    html_dir = book.ensure_built()
    store = VisitStore(BUILD_DIR / f"book-visits-{width}.json", html_dir, _tool_digest(browser), fresh_requested())
    report = {"width": width, "pages": {}, "layout": {}, "axe": {}, "problems": [], "link_status": {}}
    context = browser.new_context(viewport={"width": width, "height": 800})
    with _serve(html_dir) as site:
        names = _pages(html_dir)
        for name in names:
            key = f"{name}@{width}"
            seen = store.reuse(key, site)
            if seen is None:
                seen, requested = _look(context, site, html_dir, name)
                store.record(key, seen, requested, site)
            report["pages"][name] = seen["page"]
            report["layout"][name] = seen["layout"]
            report["axe"][name] = seen["axe"]
            report["problems"] += [f"{name} at {width} px: {item}" for item in seen["problems"]]
        store.save(f"{name}@{width}" for name in names)
        for found in report["pages"].values():
            for href in found["links"]:
                url = href.partition("#")[0]
                if url.startswith(site) and url not in report["link_status"]:
                    status = _status(url, "HEAD")
                    report["link_status"][url] = status if status == 200 else _status(url, "GET")
        report["site"] = site
    context.close()
    report["html_dir"] = html_dir
    report["reused"], report["visited"] = len(store.reused_keys), len(store.visited_keys)
    return report


class _EveryPageAtOneWidth:
    """The checks every page passes at each width; a subclass per width, so two workers share them."""

    width: int

    def test_every_page_loads_without_console_errors_or_outside_requests(self, visited):
        notebook_pages = [f"notebooks/{p.stem}.html" for p in book.notebooks()]
        missing = sorted(set(notebook_pages) - set(visited["pages"]))
        assert not missing, f"notebooks without a page: {missing}"
        assert not visited["problems"], "\n".join(visited["problems"])

    def test_no_page_scrolls_sideways_and_no_table_is_wider_than_the_column(self, visited):
        problems = []
        for name, found in visited["layout"].items():
            assert found["viewport"] == self.width
            if found["documentWidth"] > found["viewport"]:
                problems.append(f"{name} at {self.width} px: the page is {found['documentWidth']} px wide")
            problems += [
                f"{name} at {self.width} px: table {t['head']!r} is {t['width']} px in a {t['limit']} px column"
                for t in found["wide"]
            ]
        assert not problems, "\n".join(problems)

    def test_every_image_is_loaded_and_described(self, visited):
        problems = [
            f"{name} at {self.width} px: {image['src']} " + ("not loaded" if not image["width"] else "has no alt text")
            for name, found in visited["layout"].items()
            for image in found["images"]
            if not image["width"] or not image["alt"]
        ]
        assert not problems, "\n".join(problems)
        figures_shown = sum(
            len(found["images"]) for name, found in visited["layout"].items() if name.startswith("notebooks/")
        )
        assert figures_shown > 0

    def test_cjk_text_renders_in_the_shipped_font(self, visited):
        """Korean, Chinese and Japanese text is drawn with the web font, whose subset has every glyph.

        Chromium here has no CJK font of its own, so a character missing from the subset, a font
        that failed to load or a font stack without the subset would show as an empty box.
        """
        from fontTools.ttLib import TTFont

        covered = set(TTFont(fonts.OTF).getBestCmap())
        pages_with_cjk, problems = set(), []
        for name, found in visited["layout"].items():
            if not found["cjk"]:
                continue
            pages_with_cjk.add(name)
            if "loaded" not in found["cjkFaces"]:
                problems.append(f"{name} at {self.width} px: the CJK web font did not load ({found['cjkFaces']})")
            for holder in found["cjk"]:
                if fonts.FAMILY not in holder["font"]:
                    problems.append(f"{name} at {self.width} px: {holder['text']!r} is set in {holder['font']}")
                missing = sorted({c for c in holder["text"] if fonts.is_cjk(c) and ord(c) not in covered})
                if missing:
                    problems.append(
                        f"{name} at {self.width} px: no glyph for {''.join(missing)!r} in {holder['text']!r}"
                    )
        assert pages_with_cjk, "no page shows CJK text, so the check checked nothing"
        assert not problems, "\n".join(sorted(set(problems)))

    def test_axe_finds_no_serious_or_critical_violation(self, visited):
        problems = [
            f"{name} at {self.width} px: {v['impact']} {v['id']} ({v['help']}): {'; '.join(v['nodes'])}"
            for name, violations in visited["axe"].items()
            for v in violations
        ]
        assert len(visited["axe"]) == len(visited["pages"]) > 0
        assert not problems, "\n".join(problems)

    def test_each_kept_visit_names_the_files_it_depends_on(self, visited):
        """A visit kept for later runs lists its page, the stylesheets and, where CJK shows, the web font."""
        record = json.loads((BUILD_DIR / f"book-visits-{self.width}.json").read_text(encoding="utf-8"))["visits"]
        assert set(record) == {f"{name}@{self.width}" for name in visited["pages"]}
        font = f"_static/fonts/{fonts.WOFF2.name}"
        for name, layout in visited["layout"].items():
            files = record[f"{name}@{self.width}"]["files"]
            assert name in files and "_static/book.css" in files, (name, sorted(files))
            assert all(sha is not None for sha in files.values()), f"{name} requested a file the site lacks"
            if layout["cjk"]:
                assert font in files, (name, sorted(files))


@pytest.mark.start_first
class TestEveryPageOnADesktop(_EveryPageAtOneWidth):
    width = WIDTHS[0]

    def test_every_internal_link_resolves(self, visited):
        site, html_dir = visited["site"], visited["html_dir"]
        problems = []
        for name, found in visited["pages"].items():
            for href in found["links"]:
                if not href.startswith(site):
                    continue
                url, _, fragment = href.partition("#")
                if visited["link_status"][url] != 200:
                    problems.append(f"{name}: broken link {href} ({visited['link_status'][url]})")
                elif fragment and url.endswith(".html"):
                    target = (html_dir / urllib.parse.urlparse(url).path.lstrip("/")).read_text(encoding="utf-8")
                    if f'id="{urllib.parse.unquote(fragment)}"' not in target:
                        problems.append(f"{name}: link to a missing anchor {href}")
        assert visited["link_status"], "no internal link found at all"
        assert not problems, "\n".join(sorted(set(problems)))

    def test_contents_follow_the_collection_order(self, visited):
        landing = visited["pages"]["index.html"]
        first = book.notebooks()[0].stem
        assert landing["url"].endswith(f"notebooks/{first}.html"), "index.html must lead to the first notebook"
        stems = list(
            dict.fromkeys(re.search(r"notebooks/(\d\d_[^/#]+)\.html", h).group(1) for h in landing["contents"])
        )
        assert stems == [p.stem for p in book.notebooks()]

    def test_solutions_and_answers_are_collapsed(self, visited):
        problems = []
        for path in book.notebooks():
            found = visited["pages"][f"notebooks/{path.stem}.html"]
            expected = sum("solution" in c.metadata.get("tags", []) for c in nbformat.read(path, as_version=4).cells)
            if len(found["solutions"]) != expected:
                problems.append(
                    f"{path.name}: {len(found['solutions'])} solution cells on the page, {expected} in the notebook"
                )
            for i, cell in enumerate(found["solutions"], start=1):
                if cell["input"] or cell["output"]:
                    problems.append(f"{path.name}: solution {i} is shown before it is opened ({cell})")
            problems += [
                f"{path.name}: answer {i} is shown before it is opened"
                for i, shown in enumerate(found["answers"], start=1)
                if shown
            ]
        assert not problems, "\n".join(problems)


@pytest.mark.start_first
class TestEveryPageOnAPhone(_EveryPageAtOneWidth):
    width = WIDTHS[1]


# --- two pages apart from the walk-through ---------------------------------------------------


@pytest.fixture(scope="module")
def escaping_book(tmp_path_factory) -> Path:
    """A separate one-page book whose notebook carries hostile text."""
    folder = tmp_path_factory.mktemp("escaping")
    return book.build(folder / "book", [_escaping_notebook(folder)], True)


def test_text_from_the_data_renders_literally(browser, escaping_book):
    """A statement with $, {}, <script> and Markdown, through the role brief and a table, in the book."""
    html_dir = escaping_book
    with _serve(html_dir) as base:
        page = browser.new_page()
        seen = PageProblems(page, base)
        page.goto(f"{base}/notebooks/99_escaping.html", wait_until="load")
        text = page.inner_text("main")
        assert text.count(HOSTILE) == 2, text  # once in the brief, once in the table
        for literal in ["$1 {y}", "Zedland $ {}", "Label $9 {z}", "Minister <b>"]:
            assert literal in text
        assert page.evaluate("window.__pwned") is None
        assert page.locator("main table").count() == 2, "the brief's Markdown table and the DataFrame render as tables"
        assert page.locator("main script, mjx-container, .math, main a[href^='http://e.invalid']").count() == 0
        assert not seen.items, seen.items
        page.close()


def test_a_figure_opens_full_size_on_tap(browser):
    """On a phone, tapping a figure shows it at its natural size; Escape returns to the page."""
    with _serve(book.ensure_built()) as site:
        context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True)
        page = context.new_page()
        page.goto(f"{site}/notebooks/{book.notebooks()[5].stem}.html", wait_until="load")
        button = page.locator(".figure-zoom").first
        button.scroll_into_view_if_needed()
        button.tap()
        overlay = page.locator(".figure-overlay img")
        overlay.wait_for()
        shown = overlay.evaluate("img => [img.getBoundingClientRect().width, img.naturalWidth, img.alt]")
        assert shown[0] == shown[1] > 390 and shown[2], shown  # full size, wider than the phone, described
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.keyboard.press("Escape")
        assert page.locator(".figure-overlay").count() == 0
        assert page.evaluate("document.activeElement.className") == "figure-zoom"
        context.close()
