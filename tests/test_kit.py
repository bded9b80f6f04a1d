"""The classroom kit: quiz answers against the tables, roles, places, slides, and the printed PDFs.

The quiz answers are re-derived here with the csv module, independently of `analysis.quiz`, so a
mistake in either shows up as a disagreement. The PDF tests build the kit with headless Chromium
(skipped with a note where Debian's chromium is missing, as the book's browser test is).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import geo, kit, quiz, slides
from analysis.paths import DATA_DIR, FIGURES_DIR


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return kit.load_tables()


@pytest.fixture(scope="module")
def questions(tables) -> dict[str, quiz.Question]:
    return {q.qid: q for q in quiz.build_quiz(tables)}


# --- the quiz --------------------------------------------------------------------------------


def test_quiz_has_twenty_questions_of_both_kinds_across_every_notebook(questions):
    assert len(questions) >= quiz.MIN_QUESTIONS
    kinds = Counter(q.kind for q in questions.values())
    assert kinds["multiple choice"] >= 5 and kinds["short answer"] >= 5
    notebooks = {p.name[:2] for p in analysis.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    assert notebooks <= {q.notebook for q in questions.values()}
    for q in questions.values():
        assert q.evidence, q.qid
        if q.options:
            assert q.answer in q.options and len(set(q.options)) == len(q.options), q.qid


def _expected_answers() -> dict[str, str]:
    """Every answer recomputed from the CSV files with the standard library."""
    events = _rows("events")
    date = {r["event_id"]: dt.date.fromisoformat(r["date"]) for r in events}
    articles = _rows("articles")
    statements = _rows("statements")
    estimates = _rows("estimates")
    treaties = {r["treaty_id"]: r for r in _rows("treaties")}
    framing = _rows("framing")
    signed = date["ev-20240619-treaty-signed"]
    in_force = min(date[r["event_id"]] for r in events if r["kind"] == "entry_into_force")
    per_actor = Counter(r["actor_id"] for r in statements)
    nis = min(
        (r for r in estimates if r["estimator_actor"] == "KOR" and r["measure"] == "deployed"),
        key=lambda r: r["report_date"],
    )
    deployed = [r for r in estimates if r["measure"] == "deployed"]
    peak = max(deployed, key=lambda r: (int(r["high"] or r["low"]), [-ord(c) for c in r["report_date"]]))
    first_ack = min((r for r in events if r["kind"] == "acknowledgement"), key=lambda r: (r["date"], r["event_id"]))
    p5 = sorted(quiz.P5, key=lambda a: per_actor[a])
    names = {r["actor_id"]: r["name"] for r in _rows("actors")} | analysis.style.SHORT_NAMES
    publishers = Counter(r["publisher_type"] for r in _rows("sources"))
    return {
        "q01": signed.isoformat(),
        "q02": str(max(int(r["article"]) for r in articles)),
        "q03": in_force.isoformat(),
        "q04": str((in_force - signed).days),
        "q05": "Duma ratifies (2024-10-24)"
        if date["ev-20241024-duma-ratifies"] <= date["ev-20241111-kim-ratification-decree"]
        else "Kim's ratification decree (2024-11-11)",
        "q06": "Article 4",
        "q07": "Article 5",
        "q08": str(sum(r["domain"] == "security_defence" for r in articles)),
        "q09": str(sum(r["number_status"] != "settled" for r in articles)),
        "q10": ", ".join(
            r["treaty_id"]
            for r in _rows("defence_clauses")
            if r["DEFENSE"] == "0" and "PRK" in treaties[r["treaty_id"]]["parties"]
        ),
        "q11": str(len(treaties)),
        "q12": str(len({r["original_language"] for r in framing})),
        "q13": Counter(r["term"] for r in framing).most_common(1)[0][0],
        "q14": names[per_actor.most_common(1)[0][0]],
        "q15": Counter(r["stance"] for r in statements if r["actor_id"] == "CHN").most_common(1)[0][0],
        "q16": str(sum(r["measure"] != "none" for r in statements)),
        "q17": names[p5[0]],
        "q18": f"{int(nis['low']):,}",
        "q19": "; ".join(
            f"{r['estimator']}: {r['qualifier'].replace('_', ' ')} {int(r['low']):,}"
            for r in sorted(estimates, key=lambda r: r["estimate_id"])
            if r["measure"] == "casualties" and r["report_date"] == "2024-12-23"
        ),
        "q20": f"{first_ack['date']} ({first_ack['label']})",
        "q21": f"{int(peak['high'] or peak['low']):,} ({peak['estimator']}, {peak['report_date']})",
        "q22": next(t for t, r in treaties.items() if r["ended"].startswith("2024")),
        "q23": treaties["ussr-dprk-1961"]["ended"][:4]
        + (
            f" (another source: {treaties['ussr-dprk-1961']['ended_alt'][:4]})"
            if treaties["ussr-dprk-1961"]["ended_alt"]
            else ""
        ),
        "q24": str(len(_rows("roles"))),
        "q25": str((date["ev-20241018-nis-first-report"] - date["ev-20240806-kursk-incursion"]).days),
        "q26": str(sum(r["verdict_code"] == "favours_critics" for r in _rows("legal_assessment"))),
        "q27": str(len({r["statement_id"] for r in _rows("reliability_second_coding") if r["statement_id"]})),
        "q28": sorted(publishers, key=lambda k: (-publishers[k], k))[0],
    }


def test_every_quiz_answer_matches_the_tables(questions):
    expected = _expected_answers()
    assert set(expected) == set(questions), "a question was added or removed: extend the independent check"
    wrong = {qid: (questions[qid].answer, want) for qid, want in expected.items() if questions[qid].answer != want}
    assert not wrong, wrong


def test_a_corrected_row_corrects_the_answer_key(tables):
    changed = dict(tables)
    events = tables["events"].copy()
    events.loc[events["event_id"] == "ev-20240619-treaty-signed", "date"] = pd.Timestamp("2024-06-20")
    changed["events"] = events
    answers = {q.qid: q.answer for q in quiz.build_quiz(changed)}
    assert answers["q01"] == "2024-06-20" and answers["q04"] == "167"


def test_article_questions_fail_loudly_when_headings_change(tables):
    changed = dict(tables)
    changed["articles"] = tables["articles"].assign(heading="renamed")
    with pytest.raises(KeyError, match="heading"):
        quiz.build_quiz(changed)


# --- roles, translations, places, reading list -------------------------------------------------


def test_roles_seat_every_permanent_member_and_the_lessons_actors(tables):
    roles = tables["roles"]
    assert set(quiz.P5) | {"PRK", "KOR", "UKR", "JPN"} <= set(roles["actor_id"])
    owner = dict(zip(tables["statements"]["statement_id"], tables["statements"]["actor_id"], strict=True))
    for _, row in roles.iterrows():
        assert all(owner[s] == row["actor_id"] for s in row["statement_ids"]), row["actor_id"]


def test_every_non_english_quote_on_a_role_card_has_a_translation(tables):
    translated = set(tables["quote_translations"]["statement_id"])
    names = kit.actor_display(tables["actors"])
    from analysis import teaching

    for actor in tables["roles"]["actor_id"]:
        brief = teaching.role_brief(actor, tables["statements"], tables["events"], names)
        for _, row in brief.key_statements.iterrows():
            phrase = row["key_phrase"]
            if isinstance(phrase, str) and any(ord(c) > 0x7F for c in phrase):
                assert row["statement_id"] in translated, (actor, phrase)
    russia = teaching.key_statements(tables["statements"], "RUS")
    lavrov = russia[russia["statement_id"] == "st-20240619-rus-lavrov-purely-defensive"]
    assert not lavrov.empty and "Italian" not in kit.quote_html(tables, lavrov.iloc[0])
    assert "(English: “a purely defensive position”)" in kit.quote_html(tables, lavrov.iloc[0])


def test_every_non_ascii_key_phrase_in_the_table_is_translated(tables):
    statements = tables["statements"]
    foreign = statements[statements["key_phrase"].fillna("").map(lambda p: any(ord(c) > 0x7F for c in p))]
    missing = set(foreign["statement_id"]) - set(tables["quote_translations"]["statement_id"])
    assert not missing, missing


def test_route_is_ordered_and_places_sit_inside_the_map(tables):
    places = tables["places"]
    steps = geo.route(places)
    assert list(steps["route_step"]) == list(range(1, len(steps) + 1))
    assert steps["name"].iloc[0] == "Wonsan" and steps["name"].iloc[-1] == "Kursk"
    lon0, lon1, lat0, lat1 = geo.EXTENTS["overview"]
    assert places["lon"].between(lon0, lon1).all() and places["lat"].between(lat0, lat1).all()
    needed = {"pyongyang", "vladivostok", "khasan-tumangang", "moscow", "kursk", "sudzha", "seoul"}
    assert needed <= set(places["place_id"])


def test_boundaries_file_records_its_provenance_and_holds_both_parties():
    collection = geo.load_boundaries()
    assert "Natural Earth" in collection["properties"]["source"]
    assert collection["properties"]["natural_earth_version"]
    isos = {f["properties"].get("iso_a3") for f in collection["features"]}
    assert {"RUS", "PRK", "KOR", "CHN", "UKR", "JPN"} <= isos


def test_map_is_byte_stable(tables, tmp_path):
    """Drawn in this process, the map has the bytes notebook 01 committed from its own kernel."""
    drawn = analysis.save_figure(geo.plot_theatre(tables["places"]), "01-theatre-map", "c", "a", folder=tmp_path)
    for saved in (drawn.svg, drawn.png):
        assert saved.read_bytes() == (FIGURES_DIR / saved.name).read_bytes(), f"{saved.name} differs from figures/"


def test_reading_list_entries_are_published_and_linked(tables):
    sources = tables["sources"].set_index("source_id")
    listed = tables["reading_list"]
    assert set(listed["topic"]) == {"treaty", "alliance_theory", "self_defence_law", "security_council"}
    assert (listed["source_ids"].map(len) == 1).all()
    ids = [ids[0] for ids in listed["source_ids"]]
    scholarly = listed["topic"] != "security_council"
    kinds = sources.loc[ids, "kind"]
    assert (kinds == "scholarship").sum() >= 5 and kinds[scholarly.values].isin(
        ["scholarship", "official", "analysis"]
    ).all()
    assert sources.loc[ids, "url"].str.match(r"https?://").all()


# --- slides ----------------------------------------------------------------------------------


def test_slide_is_1920_by_1080_with_enlarged_type():
    fig, ax = plt.subplots(figsize=(6.7, 3))
    ax.set_title("A title", fontsize=12)
    ax.set_xlabel("small label", fontsize=8)
    png = slides.slide_png(fig)
    sizes = [t.get_fontsize() for t in (ax.title, ax.xaxis.label)]
    plt.close(fig)
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(png)).size == slides.SLIDE_PIXELS
    assert min(sizes) >= slides.MIN_POINTS and sizes[0] >= 12 * slides.FONT_SCALE


def test_fit_factor_shrinks_only_oversized_drawings():
    assert slides.fit_factor((1000, 500)) == 1.0
    assert slides.fit_factor((3840, 1080)) == 0.5


# --- the printed kit -------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


def _text(reader) -> str:
    return unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    if not CHROMIUM.exists():
        pytest.skip("chromium not installed: run apt-get install chromium")
    return kit.build(tmp_path_factory.mktemp("kit"), with_slides=False)


def test_every_pdf_opens_with_extractable_text_and_embedded_fonts(built):
    from pypdf import PdfReader

    expected = {
        "handout-a4",
        "handout-letter",
        "role-cards",
        "draft-resolution",
        "quiz",
        "quiz-answer-key",
        "reading-list",
    }
    assert set(built) == expected
    for name, path in built.items():
        reader = PdfReader(path)
        assert len(reader.pages) >= 1 and len(_text(reader)) > 500, name
        for page in reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                if font["/Subtype"] == "/Type3":
                    continue
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    name,
                    font["/BaseFont"],
                )


def test_page_sizes_and_counts(built, tables):
    from pypdf import PdfReader

    a4, letter = PdfReader(built["handout-a4"]), PdfReader(built["handout-letter"])

    def size(reader):  # points; Chromium rounds page sizes to whole pixels, so allow a point
        box = reader.pages[0].mediabox
        return float(box.width), float(box.height)

    assert size(a4) == pytest.approx((595.3, 841.9), abs=1.2)  # 210 x 297 mm
    assert size(letter) == pytest.approx((612, 792), abs=1.2)  # 8.5 x 11 in
    assert 2 <= len(a4.pages) <= 5 and 2 <= len(letter.pages) <= 5
    assert len(PdfReader(built["role-cards"]).pages) == len(tables["roles"])  # one card per page
    assert len(PdfReader(built["quiz-answer-key"]).pages) <= 2


def test_every_role_card_is_on_its_own_page(built, tables):
    from pypdf import PdfReader

    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(built["role-cards"]).pages]
    names = kit.actor_display(tables["actors"])
    for page, actor in zip(pages, tables["roles"]["actor_id"], strict=True):
        assert f"Role card: {names[actor]}" in page
    assert "논평하지" in " ".join(pages)  # CJK text printed with the embedded subset, and extractable


def test_every_quiz_answer_and_question_is_printed(built, questions):
    from pypdf import PdfReader

    key = _squash(_text(PdfReader(built["quiz-answer-key"])))
    student = _squash(_text(PdfReader(built["quiz"])))
    for q in questions.values():
        assert _squash(q.answer) in key, q.qid
        assert _squash(q.prompt) in student, q.qid


def test_handout_and_resolution_carry_the_lesson(built):
    from pypdf import PdfReader

    handout = _squash(_text(PdfReader(built["handout-a4"])))
    for words in ("Thetreatyinapage", "Keyarticles", "Timeline", "Mapofthetheatre", "Questionsforthelesson"):
        assert words in handout
    assert len(kit.handout_exercises()) == 9
    resolution = _squash(_text(PdfReader(built["draft-resolution"])))
    assert "TEACHINGTEXT" in resolution and "veto" in resolution
    assert json.dumps("ev-20240619-treaty-signed").strip('"') in _text(PdfReader(built["draft-resolution"]))
