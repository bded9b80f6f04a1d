"""The reading edition: how it is assembled, and the built site checked in a real browser.

The browser tests build the book (or reuse a current build: `analysis.book.ensure_built`),
serve it on 127.0.0.1 and open every page in headless Chromium (Debian's `chromium`, driven by
Playwright). Locally, without Chromium, they are skipped with a reason in the pytest summary;
under CI=true a missing browser is a failure, never a skip (.ci/run installs it).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import book, teaching

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


# --- assembling the book (no browser) --------------------------------------------------------


def _notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    nb.cells = list(cells)
    return nb


def test_toc_lists_every_notebook_in_order(tmp_path):
    for name in ["05_b.ipynb", "00_start.ipynb", "12_c.ipynb", "notes.ipynb", "3_bad.ipynb"]:
        (tmp_path / name).write_text("{}")
    paths = book.notebooks(tmp_path)
    assert [p.name for p in paths] == ["00_start.ipynb", "05_b.ipynb", "12_c.ipynb"]
    assert book.toc(paths) == {
        "format": "jb-book", "root": "notebooks/00_start",
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


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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


@pytest.fixture(scope="module")
def site(browser) -> Iterator[str]:
    yield from _serve(book.ensure_built())


class PageProblems:
    """Console errors, page errors, failed requests and any request that leaves 127.0.0.1."""

    def __init__(self, page, origin: str):
        self.items: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.items.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.items.append(f"request failed: {r.url} ({r.failure})"))

        def route(request_route):
            url = request_route.request.url
            if url.startswith(origin) or url.startswith("data:"):
                request_route.continue_()
            else:
                self.items.append(f"request leaves the site (the book must read offline): {url}")
                request_route.abort()

        page.route("**/*", route)


_IMAGES_JS = """async () => {
  const images = [...document.images];
  for (const img of images) { img.loading = "eager"; try { await img.decode(); } catch (e) {} }
  return images.map(i => ({src: i.currentSrc.slice(0, 80), width: i.naturalWidth, alt: i.alt}));
}"""


def _pages(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not p.relative_to(html_dir).parts[0].startswith("_"))


def _status(url: str, method: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_every_page_loads_with_its_figures_links_and_no_console_error(browser, site):
    html_dir = book.HTML_DIR
    pages = _pages(html_dir)
    expected = [f"notebooks/{p.stem}.html" for p in book.notebooks()]
    assert set(expected) <= set(pages), f"notebooks without a page: {sorted(set(expected) - set(pages))}"
    problems: list[str] = []
    links: dict[str, str] = {}
    image_count = 0
    for name in pages:
        page = browser.new_page()
        seen = PageProblems(page, site)
        response = page.goto(f"{site}/{name}", wait_until="load")
        if response is None or response.status != 200:
            problems.append(f"{name}: status {response and response.status}")
        if 'http-equiv="refresh"' in (html_dir / name).read_text(encoding="utf-8").lower():
            page.wait_for_url(lambda url: not url.endswith(name), wait_until="load")  # a redirect page
        for image in page.evaluate(_IMAGES_JS):
            image_count += 1
            if image["width"] == 0:
                problems.append(f"{name}: image does not load: {image['src']}")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if href.startswith(site):
                links.setdefault(href, name)
        page.wait_for_timeout(50)
        problems += [f"{name}: {item}" for item in seen.items]
        page.close()
    checked: dict[str, int] = {}
    for href, found_on in sorted(links.items()):
        url, _, fragment = href.partition("#")
        if url not in checked:
            checked[url] = _status(url, "HEAD")
            if checked[url] != 200:
                checked[url] = _status(url, "GET")
        if checked[url] != 200:
            problems.append(f"{found_on}: broken link {href} ({checked[url]})")
        elif fragment and url.endswith(".html"):
            target = (html_dir / urllib.parse.urlparse(url).path.lstrip("/")).read_text(encoding="utf-8")
            if f'id="{urllib.parse.unquote(fragment)}"' not in target:
                problems.append(f"{found_on}: link to a missing anchor {href}")
    assert not problems, "\n".join(problems)
    figures = sum(1 for _ in Path(book.PROJECT_ROOT / "figures").glob("*.json"))
    assert image_count >= min(figures, 1), "no figure rendered at all"


def test_contents_follow_the_collection_order(browser, site):
    page = browser.new_page()
    page.goto(f"{site}/index.html", wait_until="load")  # a redirect to the first notebook
    page.wait_for_url(f"**/notebooks/{book.notebooks()[0].stem}.html", wait_until="load")
    hrefs = page.eval_on_selector_all("nav.bd-docs-nav a.reference", "els => els.map(e => e.href)")
    page.close()
    stems = list(dict.fromkeys(re.search(r"notebooks/(\d\d_[^/#]+)\.html", h).group(1) for h in hrefs))
    assert stems == [p.stem for p in book.notebooks()]


def test_solutions_are_collapsed_in_every_notebook_page(browser, site):
    for path in book.notebooks():
        solutions = sum("solution" in c.metadata.get("tags", []) for c in nbformat.read(path, as_version=4).cells)
        page = browser.new_page()
        page.goto(f"{site}/notebooks/{path.stem}.html", wait_until="load")
        cells = page.locator(".cell.tag_solution")
        assert cells.count() == solutions, path.name
        for i in range(cells.count()):
            cell = cells.nth(i)
            assert not cell.locator(".cell_input").is_visible(), f"{path.name}: solution {i + 1} code is shown"
            if cell.locator(".cell_output").count():
                assert not cell.locator(".cell_output").first.is_visible(), f"{path.name}: solution {i + 1} output is shown"
        answers = page.locator(".admonition.dropdown")
        for i in range(answers.count()):
            body = answers.nth(i).locator("p:not(.admonition-title)").first
            assert not body.is_visible(), f"{path.name}: answer {i + 1} is shown before it is opened"
        page.close()


HOSTILE = "Costs rose from $5 to $6 {x} <script>window.__pwned = 1</script> \\(a\\) *b* [l](http://e.invalid)"


def test_text_from_the_data_renders_literally(browser, tmp_path):
    """A synthetic statement with $, {}, <script> and Markdown, rendered through the helpers."""
    statements = pd.DataFrame([{
        "statement_id": "st-20240101-zzz-test", "date": pd.Timestamp("2024-01-01"), "actor_id": "ZZZ",
        "speaker": "Minister <b>", "speaker_role": "role", "phase": "signing", "stance": "condemn",
        "cameo_code": "111", "measure": "sanctions", "summary": HOSTILE, "key_phrase": "$1 {y}",
        "source_ids": ["s1"], "verification": "verified", "note": "",
    }])
    events = pd.DataFrame({"event_id": ["ev-1"], "date": [pd.Timestamp("2024-01-02")], "actors": [["ZZZ"]],
                           "label": ["Label $9 {z}"], "kind": ["statement"]})
    brief = teaching.role_brief("ZZZ", statements, events, {"ZZZ": "Zedland $ {}"})
    table = statements[["summary"]]
    notebook = _notebook(
        nbformat.v4.new_markdown_cell("# 99 · Escaping"),
        nbformat.v4.new_code_cell("brief", execution_count=1, outputs=[nbformat.v4.new_output(
            "execute_result", {"text/markdown": brief._repr_markdown_(), "text/plain": repr(brief)}, execution_count=1)]),
        nbformat.v4.new_code_cell("table", execution_count=2, outputs=[nbformat.v4.new_output(
            "execute_result", {"text/html": table.to_html(), "text/plain": repr(table)}, execution_count=2)]),
    )
    source = tmp_path / "src" / "99_escaping.ipynb"
    source.parent.mkdir()
    nbformat.write(notebook, source)
    html_dir = book.build(tmp_path / "book", [source], quiet=True)
    for base in _serve(html_dir):
        page = browser.new_page()
        seen = PageProblems(page, base)
        page.goto(f"{base}/notebooks/99_escaping.html", wait_until="load")
        page.wait_for_timeout(200)
        text = page.inner_text("main")
        assert text.count(HOSTILE) == 2, text  # once in the brief, once in the table
        assert "$1 {y}" in text and "Zedland $ {}" in text and "Label $9 {z}" in text and "Minister <b>" in text
        assert page.evaluate("window.__pwned") is None
        assert page.locator("main script, mjx-container, main a[href^='http://e.invalid']").count() == 0
        assert not seen.items, seen.items
        page.close()
