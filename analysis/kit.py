"""The classroom kit: printable handouts, role cards, a draft resolution, a quiz and slides.

`make kit` (`python -m analysis.kit`) writes everything into `build/kit/` from the data and
the notebooks, offline: a lecturer who corrects a row and rebuilds gets a corrected handout,
role card, resolution and answer key. Documents are HTML printed to PDF by the same headless
Chromium the reading edition's browser test drives (through Playwright); the fonts travel
inside the PDFs: DejaVu Sans from matplotlib and a subset of Noto Sans CJK (from the
`noto-cjk-sans-otc` package, cut with fontTools to the characters the kit uses), so Korean,
Chinese and Russian quotations print without any system font.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from . import geo, quiz, slides, style, teaching
from .data import load
from .paths import BUILD_DIR, NOTEBOOKS_DIR
from .reactions import MEASURE_LABELS
from .slides import Slide

KIT_DIR = BUILD_DIR / "kit"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TABLES = (
    "events",
    "articles",
    "statements",
    "estimates",
    "treaties",
    "framing",
    "roles",
    "actors",
    "defence_clauses",
    "sources",
    "places",
    "quote_translations",
    "reading_list",
    "legal_assessment",
    "reliability_second_coding",
)
KEY_ARTICLES = (
    3,
    4,
    5,
    8,
    22,
    23,
)  # the lesson reads 3-5; 8 completes the security core; 22-23 entry into force and duration
TIMELINE_KINDS = (
    "summit",
    "signing",
    "entry_into_force",
    "intelligence_report",
    "confirmation",
    "combat",
    "acknowledgement",
    "deployment",
)
HANDOUT_TAG = "handout"
MAP_FILE = "theatre-map.png"
SLIDE_JOBS = 2  # processes drawing slides beside the PDF printing
MAX_MEASURES = 5  # measures listed on a role card, oldest first; the rest are counted so the card stays one page
CJK_FACE = 1  # Noto Sans CJK KR in the collection: Hangul plus the CJK ideographs the quotes use
TOPIC_TITLES = {
    "treaty": "The 2024 treaty and its use",
    "alliance_theory": "Alliances and their design",
    "self_defence_law": "The law of self-defence",
    "security_council": "The Security Council's rules",
}
e = html.escape


@dataclass(frozen=True)
class Document:
    """One printable document: its file name, page format and HTML body."""

    name: str
    title: str
    body: str
    page: str = "A4"


# --- reading the data ------------------------------------------------------------------------


def load_tables(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table the kit prints from, validated by the one loader."""
    return {name: load(name, data_dir) for name in TABLES}


def actor_display(actors: pd.DataFrame) -> dict[str, str]:
    return {**dict(zip(actors["actor_id"], actors["name"], strict=True)), **style.SHORT_NAMES}


def handout_exercises(folder: Path = NOTEBOOKS_DIR) -> list[tuple[str, str]]:
    """(notebook number, text) of every markdown cell tagged `handout`, in notebook order."""
    found = []
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown" and HANDOUT_TAG in cell.get("metadata", {}).get("tags", []):
                found.append((path.name[:2], "".join(cell["source"]).strip()))
    return found


def lesson_question(folder: Path = NOTEBOOKS_DIR) -> str:
    """The question that runs through the 90-minute lesson, as notebook 08 states it."""
    path = next(folder.glob("08_*.ipynb"))
    text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    match = re.search(r"The question that runs through it: \*(.+?)\*", text)
    if match is None:
        raise ValueError(f"{path.name} no longer states the lesson's question in the expected form")
    return match.group(1)


def translation_of(t: Mapping[str, pd.DataFrame], statement_id: str) -> str | None:
    rows = t["quote_translations"][t["quote_translations"]["statement_id"] == statement_id]
    return None if rows.empty else str(rows["translation"].iloc[0])


def quote_html(t: Mapping[str, pd.DataFrame], row: pd.Series) -> str:
    """The key phrase in quotation marks, with its English translation when it is not English."""
    phrase = row.get("key_phrase")
    if not isinstance(phrase, str) or not phrase.strip():
        return ""
    translation = translation_of(t, row["statement_id"])
    english = f" <span class='tr'>(English: “{e(translation)}”)</span>" if translation else ""
    return f" Key phrase: <q>{e(phrase)}</q>{english}"


def _markdown_inline(text: str) -> str:
    """Escape, then render the two inline marks the notebooks' handout cells use (bold, italic)."""
    out = e(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", out)


# --- documents -------------------------------------------------------------------------------


def handout(t: Mapping[str, pd.DataFrame], page: str) -> Document:
    """The student handout: the treaty in a page, key articles, timeline, map, questions."""
    events, articles = t["events"], t["articles"]
    signed = events[(events["kind"] == "signing") & (events["label"] == "Treaty signed")].iloc[0]
    in_force = events[events["kind"] == "entry_into_force"].iloc[0]
    numbered = articles[articles["article"] > 0]
    domains = numbered["domain"].str.replace("_", " ").value_counts()
    duration = articles[articles["article"] == articles["article"].max()].iloc[0]
    parts = [
        "<h1>The Russia–DPRK Treaty on Comprehensive Strategic Partnership</h1>",
        "<p class='sub'>Student handout. Every line below comes from the collection's data tables; "
        "the codes in grey are the rows to check.</p>",
        "<h2>1. The treaty in a page</h2><ul>",
        f"<li><b>Signed</b> {signed['date']:%-d %B %Y}: {e(signed['summary'])} "
        f"<span class='id'>{signed['event_id']}</span></li>",
        f"<li><b>In force</b> {in_force['date']:%-d %B %Y}: {e(in_force['summary'])} "
        f"<span class='id'>{in_force['event_id']}</span></li>",
        f"<li><b>Length</b>: a preamble and {len(numbered)} articles; by domain: "
        + ", ".join(f"{e(d)} {n}" for d, n in domains.items())
        + ".</li>",
        f"<li><b>Duration</b> (Article {duration['article']}): {e(duration['summary'])}</li></ul>",
        "<h2>2. Key articles, in the collection's own words</h2>",
        "<p class='small'>Number status: settled, or disputed/inferred where sources number the article differently. "
        "Verification: whether the cited pages confirm the row fully.</p>",
        "<table><tr><th>Art.</th><th>Heading</th><th>What it says</th><th>Number</th><th>Verified</th></tr>",
    ]
    for _, row in articles[articles["article"].isin(KEY_ARTICLES)].iterrows():
        parts.append(
            f"<tr><td>{row['article']}</td><td>{e(row['heading'])}</td><td>{e(row['summary'])}</td>"
            f"<td>{e(row['number_status'])}</td><td>{e(row['verification'])}</td></tr>"
        )
    parts.append("</table>")
    parts.append(
        "<h2 class='break'>3. Timeline</h2>"
        "<table class='tl'><tr><th>Date</th><th>Event</th><th>Who</th><th>Row</th></tr>"
    )
    names = actor_display(t["actors"])
    shown = events[events["kind"].isin(TIMELINE_KINDS)].sort_values(["date", "event_id"])
    for _, row in shown.iterrows():
        who = ", ".join(names.get(a, a) for a in row["actors"])
        parts.append(
            f"<tr><td>{row['date']:%Y-%m-%d}</td><td>{e(row['label'])}</td><td>{e(who)}</td>"
            f"<td class='id'>{row['event_id']}</td></tr>"
        )
    parts.append("</table>")
    caption = e(geo.route_caption(t["places"]))
    parts.append(
        f"<div class='keep'><h2>4. Map of the theatre</h2><img class='map' src='{MAP_FILE}' alt='{caption}'/>"
        f"<p class='small'>{caption}</p></div>"
    )
    parts.append("<h2 class='break'>5. Questions for the lesson</h2>")
    parts.append(f"<p><b>The question that runs through the lesson:</b> <i>{e(lesson_question())}</i></p><ol>")
    for number, text in handout_exercises():
        question = re.sub(r"^\*\*Handout exercise[^*]*\*\*\s*", "", text)
        parts.append(f"<li>{_markdown_inline(question)} <span class='id'>notebook {number}</span></li>")
    parts.append("</ol>")
    suffix = "a4" if page == "A4" else "letter"
    return Document(f"handout-{suffix}", "Student handout", "\n".join(parts), page)


def seat(actor_id: str, kind: str) -> str:
    if actor_id in quiz.P5:
        return "Permanent member of the Security Council: your vote against a draft is a veto."
    if kind == "state":
        return (
            "Your seat is set by the teacher: an elected Council member with a vote, "
            "or a state invited to speak without a vote."
        )
    return "You speak in the debate without a vote."


def role_cards(t: Mapping[str, pd.DataFrame]) -> Document:
    """One page per role: seat, interests, concessions, dated positions and the rows behind them."""
    names = actor_display(t["actors"])
    kinds = dict(zip(t["actors"]["actor_id"], t["actors"]["kind"], strict=True))
    statements, events = t["statements"], t["events"]
    parts = []
    for _, role in t["roles"].iterrows():
        actor = role["actor_id"]
        brief = teaching.role_brief(actor, statements, events, names)
        parts.append(f"<section class='card'><h1>Role card: {e(names.get(actor, actor))}</h1>")
        parts.append(f"<p class='seat'>{e(seat(actor, kinds.get(actor, '')))}</p>")
        parts.append("<table class='kv'>")
        for label, column in (
            ("Your interests", "interests"),
            ("You may concede", "may_concede"),
            ("You may not concede", "may_not_concede"),
        ):
            parts.append(f"<tr><th>{label}</th><td>{e(role[column])}</td></tr>")
        parts.append("</table><h2>Your position, phase by phase</h2><p>")
        parts.append(
            "; ".join(
                f"<b>{e(r['phase'])}</b>: {e(r['position'])}" + (f" ({r['statements']})" if r["statements"] else "")
                for _, r in brief.positions.iterrows()
            )
            + "</p>"
        )
        parts.append("<h2>What you said</h2><ul>")
        for _, row in brief.key_statements.iterrows():
            parts.append(
                f"<li>{row['date']:%-d %b %Y}, {e(row['speaker'])}: {e(row['summary'])}{quote_html(t, row)} "
                f"<span class='id'>{row['statement_id']}</span></li>"
            )
        parts.append("</ul><h2>What you did</h2><ul>")
        for _, row in brief.measures.head(MAX_MEASURES).iterrows():
            parts.append(
                f"<li>{row['date']:%-d %b %Y}: {e(MEASURE_LABELS.get(row['measure'], row['measure']))} "
                f"({e(row['speaker'])}) <span class='id'>{row['statement_id']}</span></li>"
            )
        if len(brief.measures) > MAX_MEASURES:
            parts.append(
                f"<li>and {len(brief.measures) - MAX_MEASURES} more, "
                "listed in notebook 05 §6 and the statements table</li>"
            )
        if brief.measures.empty:
            parts.append("<li>No concrete measure recorded: your words are your only tool.</li>")
        parts.append("</ul>")
        rests = ", ".join(role["statement_ids"])
        note = e(role["note"]) if isinstance(role["note"], str) else ""
        parts.append(f"<p class='small'>This card's reading rests on {e(rests)}. {note}</p></section>")
    return Document("role-cards", "Role cards", "\n".join(parts))


def _cite(*row_ids: str) -> str:
    return f" <span class='id'>[{'; '.join(row_ids)}]</span>"


def resolution(t: Mapping[str, pd.DataFrame]) -> Document:
    """A draft Security Council resolution for the exercise: a teaching text, facts cited to rows."""
    events, statements, estimates = t["events"], t["statements"], t["estimates"]
    by_id = events.set_index("event_id")
    signed, in_force = by_id.loc["ev-20240619-treaty-signed"], by_id.loc["ev-20241204-entry-into-force"]
    first_report = events[events["kind"] == "intelligence_report"].sort_values("date").iloc[0]
    clashes = events[events["kind"] == "combat"].sort_values("date").iloc[0]
    acks = events[events["kind"] == "acknowledgement"].sort_values("date")
    deployed = estimates[estimates["measure"] == "deployed"]
    low = deployed.sort_values(["report_date", "estimate_id"]).iloc[0]
    high = deployed.assign(top=deployed["high"].fillna(deployed["low"])).sort_values("top").iloc[-1]
    unscr = (
        statements[statements["summary"].str.contains("1718, 1874 and 2270", regex=False)].sort_values("date").iloc[0]
    )
    council = statements[statements["measure"] == "unsc_meeting"].sort_values("date")
    article4 = t["articles"].set_index("article").loc[4]
    article4_text = article4["summary"][0].lower() + article4["summary"][1:]
    meeting_dates = ", ".join(f"{d:%-d %B %Y}" for d in sorted(set(council["date"])))
    preamble = [
        f"<i>Recalling</i> its resolutions 1718, 1874 and 2270 on the Democratic People's Republic of Korea, "
        f"which several members have said the events below breach,{_cite(unscr['statement_id'])}",
        "<i>Noting</i> that the Russian Federation and the DPRK signed "
        "a Treaty on Comprehensive Strategic Partnership on "
        f"{signed['date']:%-d %B %Y}, which entered into force on {in_force['date']:%-d %B %Y},"
        f"{_cite('ev-20240619-treaty-signed', 'ev-20241204-entry-into-force')}",
        f"<i>Noting</i> that Article 4 of that treaty provides that {e(article4_text)}{_cite('article 4')}",
        f"<i>Noting</i> the first public report, on {first_report['date']:%-d %B %Y}, "
        "that DPRK troops were being sent to Russia, "
        f"and the first reported clashes with them in Kursk on {clashes['date']:%-d %B %Y},"
        f"{_cite(first_report['event_id'], clashes['event_id'])}",
        f"<i>Taking note</i> of published estimates of the troops sent, "
        f"from a first {int(low['low']):,} ({e(low['estimator'])}, "
        f"{low['report_date']:%-d %B %Y}) to {int(high['top']):,} "
        f"({e(high['estimator'])}, {high['report_date']:%-d %B %Y}),"
        f"{_cite(low['estimate_id'], high['estimate_id'])}",
        f"<i>Noting</i> that between {acks['date'].min():%-d} and {acks['date'].max():%-d %B %Y} "
        "Russian and DPRK officials "
        f"acknowledged the troops' part in the fighting in Kursk and invoked Article 4,{_cite(*acks['event_id'])}",
        f"<i>Recalling</i> its meetings on this matter, among them those of {meeting_dates},"
        f"{_cite(*council['statement_id'])}",
    ]
    operative = [
        "<i>Calls upon</i> all Member States to comply fully with resolutions 1718, 1874 and 2270;",
        "[<i>Demands</i> | <i>Calls for</i>] the withdrawal of all DPRK military personnel "
        "deployed to the territory of the Russian Federation [within 30 days];",
        "<i>Requests</i> the Secretary-General to report to the Council within 60 days "
        "on the implementation of this resolution, drawing on information the United Nations can verify;",
        "[<i>Expresses its readiness</i> to consider further measures, including targeted sanctions, "
        "in case of non-compliance;]",
        "<i>Decides</i> to remain seized of the matter.",
    ]
    parts = [
        "<p class='banner'>TEACHING TEXT written for a classroom exercise. "
        "It is not a United Nations document and no such draft has been tabled. "
        "Its wording is the collection's own; every fact in the preamble cites the rows it rests on.</p>",
        "<h1>Draft resolution S/EX/1 (classroom exercise)</h1>"
        "<p class='sub'>Non-proliferation / Democratic People's Republic of Korea</p>",
        "<p><i>The Security Council,</i></p><ul class='pre'>",
        *[f"<li>{p}</li>" for p in preamble],
        "</ul><ol>",
        *[f"<li>{p}</li>" for p in operative],
        "</ol>",
        "<h2>Rules for the exercise</h2><ol class='rules'>",
        "<li><b>Seats.</b> Fifteen seats: the five permanent members "
        "(China, France, Russia, the United Kingdom, the United States) "
        "and ten elected members the teacher assigns. Roles without a seat speak without a vote."
        + _cite("enwiki-undated-un-charter-chapter-5")
        + "</li>",
        "<li><b>Amendments.</b> Any seat may table an amendment in writing, "
        "replacing or deleting one paragraph or choosing between bracketed options. "
        "One amendment per delegation per round. "
        "Amendments are voted before the whole text, the one furthest from the draft first; "
        "an amendment passes with nine votes in favour "
        "(a procedural choice made for the exercise: no veto on amendments).</li>",
        "<li><b>The vote.</b> Each seat has one vote. "
        "The draft is adopted with at least nine votes in favour and no vote against by a permanent member; "
        "a permanent member's vote against is a veto, while its abstention does not block adoption. "
        "In decisions under Chapter VI a party to the dispute abstains."
        + _cite("uncharter-undated-article-27")
        + "</li>",
        "<li><b>Explanations of vote.</b> After the vote each seat may explain it in one minute, "
        "citing at least one row of its card.</li>",
        "</ol>",
    ]
    return Document("draft-resolution", "Draft Security Council resolution (teaching text)", "\n".join(parts))


def quiz_documents(questions: Sequence[quiz.Question]) -> list[Document]:
    """The student quiz (questions and options) and the teacher's answer key."""
    student = [
        "<h1>Quiz: the Russia–DPRK treaty</h1>",
        f"<p class='sub'>{len(questions)} questions across the notebooks; "
        "multiple choice (tick one) and short answer.</p><ol>",
    ]
    key = [
        "<h1>Quiz: answer key</h1>",
        "<p class='sub'>Computed from the data when the kit was built; "
        "the rows cited are where to check each answer.</p>",
        "<table><tr><th>Q</th><th>NB</th><th>Answer</th><th>Rows</th></tr>",
    ]
    for q in questions:
        options = "".join(f"<li>{e(o)}</li>" for o in q.options)
        body = f"<ul class='opts'>{options}</ul>" if q.options else "<div class='line'></div>"
        student.append(
            f"<li><b>{q.qid}</b> <span class='id'>(notebook {q.notebook}, {q.kind})</span> {e(q.prompt)}{body}</li>"
        )
        key.append(
            f"<tr><td>{q.qid}</td><td>{q.notebook}</td><td>{e(q.answer)}</td>"
            f"<td class='id'>{e('; '.join(q.evidence))}</td></tr>"
        )
    student.append("</ol>")
    key.append("</table>")
    return [
        Document("quiz", "Quiz", "\n".join(student)),
        Document("quiz-answer-key", "Quiz answer key", "\n".join(key)),
    ]


def reading_list(t: Mapping[str, pd.DataFrame]) -> Document:
    """Published scholarship and legal sources by topic, each with its full record and link."""
    sources = t["sources"].set_index("source_id")
    parts = [
        "<h1>Reading list</h1>"
        "<p class='sub'>Published scholarship and legal sources; each entry is a row of the sources table.</p>"
    ]
    for topic, group in t["reading_list"].groupby("topic", sort=False):
        parts.append(f"<h2>{e(TOPIC_TITLES.get(topic, topic))}</h2><ul>")
        for _, row in group.iterrows():
            source_id = row["source_ids"][0]
            s = sources.loc[source_id]
            parts.append(
                f"<li><b>{e(s['title'])}</b>. {e(s['publisher'])}, {s['published']:%Y}. "
                f"<a href='{e(s['url'])}'>{e(s['url'])}</a><br/>{e(row['why'])} "
                f"<span class='id'>{source_id}</span></li>"
            )
        parts.append("</ul>")
    return Document("reading-list", "Reading list", "\n".join(parts))


# --- fonts and printing ----------------------------------------------------------------------


def cjk_subset(text: str, dest: Path) -> Path:
    """Noto Sans CJK cut down to the characters of `text` beyond Latin-1, as an OpenType file."""
    import noto_cjk_sans_otc
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = sorted({c for c in text if ord(c) > 0xFF})
    font = TTFont(str(noto_cjk_sans_otc.FONT_PATH), fontNumber=CJK_FACE)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    font.save(str(dest))
    return dest


def _font_face(family: str, path: Path, fmt: str) -> str:
    """A face loaded from the kit's own `fonts/` folder, so the HTML files stay small and offline."""
    return f"@font-face {{ font-family: '{family}'; src: url('fonts/{path.name}') format('{fmt}'); }}"


def _bold_faces() -> str:
    return (
        "@font-face { font-family: 'KitSans'; font-weight: bold; "
        "src: url('fonts/DejaVuSans-Bold.ttf') format('truetype'); }"
        "@font-face { font-family: 'KitSans'; font-style: italic; "
        "src: url('fonts/DejaVuSans-Oblique.ttf') format('truetype'); }"
    )


CSS = """
body { font-family: 'KitSans', 'KitCJK'; font-size: 10pt; line-height: 1.35; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 10pt 0 4pt; }
.sub, .small { color: #444; font-size: 8.5pt; } .id { color: #777; font-size: 7.5pt; } .tr { color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; } \
th, td { border: 0.5pt solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left; }
table.tl td, table.tl th { padding: 1pt 4pt; }
.kv th { width: 22%; background: #f2f2f2; }
.card { page-break-after: always; } .card:last-child { page-break-after: auto; }
.break { page-break-before: always; }
.seat { font-weight: bold; color: #882255; }
.map { width: 100%; max-height: 125mm; object-fit: contain; }
.banner { border: 2pt solid #B2182B; padding: 6pt; font-weight: bold; color: #B2182B; }
ul.pre { list-style: none; padding-left: 12pt; } li { margin-bottom: 4pt; }
.keep { break-inside: avoid; } .opts { list-style: '\\2610  '; }
.line { border-bottom: 0.5pt solid #888; height: 16pt; margin-bottom: 6pt; }
a { color: #114477; word-break: break-all; }
"""


def page_html(doc: Document, faces: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{e(doc.title)}</title>"
        f"<style>{faces}{CSS}</style></head><body>{doc.body}</body></html>"
    )


def print_pdfs(documents: Sequence[Document], dest: Path, faces: str) -> dict[str, Path]:
    """Print every document to `<dest>/<name>.pdf` with one headless Chromium."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: `make kit` prints PDFs with Debian's chromium (apt-get install chromium)"
        )
    written = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for doc in documents:
                source = dest / f"{doc.name}.html"
                source.write_text(page_html(doc, faces), encoding="utf-8")
                page.goto(source.resolve().as_uri(), wait_until="load")
                path = dest / f"{doc.name}.pdf"
                page.pdf(
                    path=str(path),
                    format=doc.page,
                    print_background=True,
                    margin={"top": "14mm", "bottom": "14mm", "left": "14mm", "right": "14mm"},
                )
                written[doc.name] = path
        finally:
            browser.close()
    return written


# --- the build -------------------------------------------------------------------------------


def write_map(places: pd.DataFrame, dest: Path) -> Path:
    """The map of the theatre as a print-resolution PNG beside the handouts."""
    fig = geo.plot_theatre(places)
    path = dest / MAP_FILE
    fig.savefig(path, format="png", dpi=200, metadata={"Software": None})
    plt.close(fig)
    return path


def documents(t: Mapping[str, pd.DataFrame]) -> list[Document]:
    """Every printable document of the kit, built from the tables."""
    docs = [handout(t, "A4"), handout(t, "Letter"), role_cards(t), resolution(t)]
    docs += quiz_documents(quiz.build_quiz(t))
    docs.append(reading_list(t))
    return docs


def document_texts(t: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Each printed document's text without its markup, by title: what the glossary searches."""
    return {doc.title: html.unescape(re.sub(r"<[^>]+>", " ", doc.body)) for doc in documents(t)}


def _readme(pdfs: Mapping[str, Path], drawn: Iterable[Slide]) -> str:
    lines = ["# Classroom kit", "", "Built by `make kit` from the data and the notebooks; do not edit by hand.", ""]
    lines += [f"- `{path.name}`" for path in pdfs.values()]
    lines += [
        f"- `{MAP_FILE}`: the map of the theatre at print resolution",
        "",
        "## Slides (1920x1080, 16:9, large type)",
        "",
    ]
    lines += [f"- `slides/{slide.png.name}`: {slide.caption}" for slide in sorted(drawn, key=lambda s: s.name)]
    return "\n".join(lines) + "\n"


def build(dest: Path = KIT_DIR, with_slides: bool = True) -> dict[str, Path]:
    """Write the whole kit into `dest`; returns the PDFs by document name."""
    dest.mkdir(parents=True, exist_ok=True)
    pool = ProcessPoolExecutor(max_workers=SLIDE_JOBS) if with_slides else None
    pending = slides.submit(pool, dest / "slides") if pool else []  # drawn while the PDFs print
    t = load_tables()
    docs = documents(t)
    write_map(t["places"], dest)
    fonts = dest / "fonts"
    fonts.mkdir(exist_ok=True)
    cjk = cjk_subset("".join(page_html(d, "") for d in docs), fonts / "NotoSansCJKkr-kit-subset.otf")
    dejavu = fonts / "DejaVuSans.ttf"
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        shutil.copyfile(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / face, fonts / face)
    faces = _font_face("KitSans", dejavu, "truetype") + _bold_faces() + _font_face("KitCJK", cjk, "opentype")
    pdfs = print_pdfs(docs, dest, faces)
    try:
        rendered = [slide for future in pending for slide in future.result()]
    finally:
        if pool:
            pool.shutdown()
    (dest / "README.md").write_text(_readme(pdfs, rendered), encoding="utf-8")
    return pdfs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the classroom kit into build/kit/")
    parser.add_argument("--dest", type=Path, default=KIT_DIR)
    parser.add_argument("--no-slides", action="store_true", help="skip the slide-ready figures")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pdfs = build(args.dest, with_slides=not args.no_slides)
    from pypdf import PdfReader

    for path in pdfs.values():
        shown = path.relative_to(args.dest.parent) if args.dest.parent in path.parents else path
        print(f"  {shown}: {len(PdfReader(path).pages)} pages")
    print(f"Kit written to {args.dest} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
