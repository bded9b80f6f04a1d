"""The browser test's record of page visits: reused only while every file a page read is unchanged."""

from __future__ import annotations

import json

from visit_store import SITE_TOKEN, VisitStore, digest_of

SITE = "http://127.0.0.1:41000"
OTHER_SITE = "http://127.0.0.1:52000"
SEEN = {"page": {"url": f"{SITE}/notebooks/01_a.html", "links": [f"{SITE}/index.html#top"]}, "axe": []}


def _site(tmp_path):
    html = tmp_path / "html"
    (html / "notebooks").mkdir(parents=True)
    (html / "_static").mkdir()
    (html / "notebooks" / "01_a.html").write_text("<p>one</p>")
    (html / "_static" / "book.css").write_text("p {}")
    (html / "index.html").write_text("<meta http-equiv=refresh>")
    return html


def _recorded(tmp_path, requested=None):
    html = _site(tmp_path)
    store = VisitStore(tmp_path / "visits.json", html, tool="t1")
    requested = requested or [f"{SITE}/notebooks/01_a.html", f"{SITE}/_static/book.css?digest=abc"]
    store.record("notebooks/01_a.html@390", SEEN, requested, SITE)
    store.save(["notebooks/01_a.html@390"])
    return html


def test_an_unchanged_page_is_reused_with_this_runs_address(tmp_path):
    html = _recorded(tmp_path)
    stored = json.loads((tmp_path / "visits.json").read_text())
    assert SITE not in json.dumps(stored) and SITE_TOKEN in json.dumps(stored)
    assert stored["visits"]["notebooks/01_a.html@390"]["files"].keys() == {"notebooks/01_a.html", "_static/book.css"}
    store = VisitStore(tmp_path / "visits.json", html, tool="t1")
    seen = store.reuse("notebooks/01_a.html@390", OTHER_SITE)
    assert seen["page"]["url"] == f"{OTHER_SITE}/notebooks/01_a.html"
    assert seen["page"]["links"] == [f"{OTHER_SITE}/index.html#top"]
    assert store.reused_keys == ["notebooks/01_a.html@390"]


def test_a_changed_page_or_stylesheet_is_opened_again(tmp_path):
    html = _recorded(tmp_path)
    (html / "_static" / "book.css").write_text("p { color: red }")
    assert VisitStore(tmp_path / "visits.json", html, tool="t1").reuse("notebooks/01_a.html@390", SITE) is None
    html = _recorded(tmp_path / "again")
    (html / "notebooks" / "01_a.html").write_text("<p>two</p>")
    store = VisitStore(tmp_path / "again" / "visits.json", html, tool="t1")
    assert store.reuse("notebooks/01_a.html@390", SITE) is None and store.reused_keys == []


def test_a_file_that_was_missing_and_now_exists_counts_as_a_change(tmp_path):
    html = _recorded(tmp_path, [f"{SITE}/notebooks/01_a.html", f"{SITE}/_static/missing.js"])
    assert VisitStore(tmp_path / "visits.json", html, tool="t1").reuse("notebooks/01_a.html@390", SITE) is not None
    (html / "_static" / "missing.js").write_text("")
    assert VisitStore(tmp_path / "visits.json", html, tool="t1").reuse("notebooks/01_a.html@390", SITE) is None


def test_changed_checks_fresh_runs_and_unreadable_records_reuse_nothing(tmp_path):
    html = _recorded(tmp_path)
    assert VisitStore(tmp_path / "visits.json", html, tool="t2").reuse("notebooks/01_a.html@390", SITE) is None
    assert VisitStore(tmp_path / "visits.json", html, "t1", fresh=True).reuse("notebooks/01_a.html@390", SITE) is None
    (tmp_path / "visits.json").write_text("{not json")
    assert VisitStore(tmp_path / "visits.json", html, tool="t1").reuse("notebooks/01_a.html@390", SITE) is None


def test_the_site_root_reads_index_html_and_other_origins_are_no_files(tmp_path):
    store = VisitStore(tmp_path / "visits.json", tmp_path, tool="t")
    assert store.file_for(f"{SITE}/", SITE) == "index.html"
    assert store.file_for(f"{SITE}/notebooks/a%20b.html#x", SITE) == "notebooks/a b.html"
    assert store.file_for(f"{SITE}0/x.html", SITE) is None
    assert store.file_for("data:image/png;base64,AA", SITE) is None


def test_saving_drops_pages_that_no_longer_exist(tmp_path):
    html = _recorded(tmp_path)
    store = VisitStore(tmp_path / "visits.json", html, tool="t1")
    store.save([])
    assert json.loads((tmp_path / "visits.json").read_text())["visits"] == {}


def test_the_digest_separates_its_parts():
    assert digest_of([b"ab", b"c"]) != digest_of([b"a", b"bc"])
    assert digest_of([b"ab", b"c"]) == digest_of([b"ab", b"c"])
