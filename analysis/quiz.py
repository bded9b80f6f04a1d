"""The classroom quiz: questions across the notebooks whose answers are computed from the tables.

A printed answer key goes stale the day a date is corrected in the data. Here every answer
(and every multiple-choice option) is derived from the loaded tables when the kit is built,
and each question names the rows its answer rests on, so a student can be sent to the
evidence and a data correction updates the key. Distractors are other values from the same
column, chosen by a fixed rule (sorted), never invented.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from . import style

P5 = ("CHN", "FRA", "GBR", "RUS", "USA")  # the Security Council's permanent members (UN Charter Art. 23)
MIN_QUESTIONS = 20


@dataclass(frozen=True)
class Question:
    """One quiz question; `options` is empty for a short-answer question."""

    qid: str
    notebook: str
    prompt: str
    answer: str
    evidence: tuple[str, ...]
    options: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "multiple choice" if self.options else "short answer"


def _date(value: pd.Timestamp) -> str:
    return f"{value:%Y-%m-%d}"


def _event(events: pd.DataFrame, kind: str, label: str | None = None) -> pd.Series:
    rows = events[events["kind"] == kind]
    if label is not None:
        rows = rows[rows["label"] == label]
    if rows.empty:
        raise KeyError(f"no event of kind {kind!r}" + (f" labelled {label!r}" if label else ""))
    return rows.sort_values(["date", "event_id"]).iloc[0]


def _options(answer: str, others: Sequence[str], n: int = 4) -> tuple[str, ...]:
    """The answer plus the first n-1 distinct other values, in sorted order (a fixed rule)."""
    pool = [o for o in dict.fromkeys(others) if o != answer][: n - 1]
    return tuple(sorted([answer, *pool]))


def _article_with(articles: pd.DataFrame, words: str) -> pd.Series:
    rows = articles[articles["heading"].str.contains(words, case=False, regex=False)]
    if len(rows) != 1:
        raise KeyError(f"expected one article whose heading contains {words!r}, found {len(rows)}")
    return rows.iloc[0]


def build_quiz(t: Mapping[str, pd.DataFrame]) -> list[Question]:
    """Every question, in notebook order, from the tables in `t` (name -> loaded table)."""
    events, articles, statements = t["events"], t["articles"], t["statements"]
    estimates, treaties, framing, roles = t["estimates"], t["treaties"], t["framing"], t["roles"]
    names = {**dict(zip(t["actors"]["actor_id"], t["actors"]["name"], strict=True)), **style.SHORT_NAMES}
    questions: list[Question] = []
    add = questions.append

    signed = _event(events, "signing", "Treaty signed")
    in_force = _event(events, "entry_into_force")
    add(
        Question(
            "q01",
            "00",
            "On what date was the Treaty on Comprehensive Strategic Partnership signed?",
            _date(signed["date"]),
            (signed["event_id"],),
        )
    )
    last = int(articles["article"].max())
    add(
        Question(
            "q02",
            "00",
            "How many numbered articles does the treaty have (the preamble not counted)?",
            str(last),
            ("articles",),
            _options(str(last), [str(last - 5), str(last - 3), str(last + 2)]),
        )
    )
    add(
        Question(
            "q03",
            "01",
            "On what date did the treaty enter into force?",
            _date(in_force["date"]),
            (in_force["event_id"],),
        )
    )
    days = (in_force["date"] - signed["date"]).days
    add(
        Question(
            "q04",
            "01",
            "How many days passed between signature and entry into force?",
            str(days),
            (signed["event_id"], in_force["event_id"]),
        )
    )
    ratification = events[events["kind"] == "ratification"].sort_values(["date", "event_id"])
    duma = ratification[ratification["label"].str.contains("Duma ratifies", regex=False)].iloc[0]
    decree = ratification[ratification["actors"].map(lambda a: list(a) == ["PRK"])].iloc[0]
    first = duma if duma["date"] <= decree["date"] else decree
    add(
        Question(
            "q05",
            "01",
            "Which came first: the State Duma's ratification vote or Kim Jong Un's ratification decree? Give its date.",
            f"{first['label']} ({_date(first['date'])})",
            (duma["event_id"], decree["event_id"]),
            _options(
                f"{first['label']} ({_date(first['date'])})",
                [f"{r['label']} ({_date(r['date'])})" for r in (duma, decree)],
            ),
        )
    )

    art4 = _article_with(articles, "military assistance")
    art5 = _article_with(articles, "third-state")
    core = [str(a) for a in articles.loc[articles["domain"] == "security_defence", "article"]]
    add(
        Question(
            "q06",
            "02",
            "Which article provides for military assistance when one party is in a state of war?",
            f"Article {art4['article']}",
            (f"article {art4['article']}",),
            _options(f"Article {art4['article']}", [f"Article {a}" for a in core]),
        )
    )
    add(
        Question(
            "q07",
            "02",
            "Which article bars each party from ties with a third state directed against the other?",
            f"Article {art5['article']}",
            (f"article {art5['article']}",),
            _options(f"Article {art5['article']}", [f"Article {a}" for a in core]),
        )
    )
    add(
        Question(
            "q08",
            "02",
            "How many rows of the articles table (preamble and articles) are coded in the security and defence domain?",
            str(len(core)),
            tuple(f"article {a}" for a in core),
        )
    )
    unsettled = articles[articles["number_status"] != "settled"]
    add(
        Question(
            "q09",
            "02",
            "For how many articles is the number not settled (inferred or unverified)?",
            str(len(unsettled)),
            tuple(f"article {a}" for a in unsettled["article"]),
        )
    )

    clause = t["defence_clauses"].set_index("treaty_id")
    no_defence = sorted(clause.index[clause["DEFENSE"] == 0])
    dprk = treaties[treaties["parties"].map(lambda p: "PRK" in p)].sort_values("signed")
    no_defence_dprk = [tid for tid in dprk["treaty_id"] if tid in no_defence]
    add(
        Question(
            "q10",
            "03",
            "Which of the DPRK's treaties carries no defence obligation in ATOP's terms (DEFENSE = 0)?",
            ", ".join(no_defence_dprk),
            tuple(no_defence_dprk),
            _options(", ".join(no_defence_dprk), list(dprk["treaty_id"])),
        )
    )
    add(
        Question(
            "q11",
            "03",
            "How many treaties does the collection compare (the DPRK's and the comparators)?",
            str(len(treaties)),
            ("treaties",),
        )
    )

    add(
        Question(
            "q12",
            "04",
            "In how many languages are the framing terms recorded?",
            str(framing["original_language"].nunique()),
            ("framing",),
        )
    )
    counts = framing["term"].value_counts()
    top_term = str(counts.index[0])
    add(
        Question(
            "q13",
            "04",
            "Which normalised term for the relationship occurs most often in the framing table?",
            top_term,
            ("framing",),
            _options(top_term, [str(x) for x in counts.index]),
        )
    )

    per_actor = statements["actor_id"].value_counts()
    top = per_actor.index[0]
    add(
        Question(
            "q14",
            "05",
            "Which actor made the most statements in the table?",
            names.get(top, top),
            ("statements",),
            _options(names.get(top, top), [names.get(a, a) for a in per_actor.index[:4]]),
        )
    )
    china = statements.loc[statements["actor_id"] == "CHN", "stance"].value_counts()
    add(
        Question(
            "q15",
            "05",
            "What stance did China take in most of its statements?",
            str(china.index[0]),
            tuple(statements.loc[statements["actor_id"] == "CHN", "statement_id"]),
            _options(str(china.index[0]), ["endorse", "defend", "neutral", "concern", "condemn"]),
        )
    )
    measured = statements[statements["measure"].map(lambda m: m != ["none"])]  # one statement may announce several
    add(
        Question(
            "q16",
            "05",
            "How many statements report a concrete measure (a summons, sanctions, a Council meeting, ...)?",
            str(len(measured)),
            ("statements",),
        )
    )
    p5 = per_actor.reindex(list(P5), fill_value=0).sort_values(kind="stable")
    add(
        Question(
            "q17",
            "05",
            "Which permanent member of the Security Council has the fewest statements in the table?",
            names.get(p5.index[0], p5.index[0]),
            ("statements",),
            _options(names.get(p5.index[0], p5.index[0]), [names.get(a, a) for a in P5]),
        )
    )

    nis = (
        estimates[(estimates["estimator_actor"] == "KOR") & (estimates["measure"] == "deployed")]
        .sort_values("report_date")
        .iloc[0]
    )
    add(
        Question(
            "q18",
            "06",
            f"How many North Korean troops did Seoul's {nis['estimator']} say had been sent "
            f"in its first report ({_date(nis['report_date'])})?",
            f"{int(nis['low']):,}",
            (nis["estimate_id"],),
        )
    )
    day = estimates[
        (estimates["measure"] == "casualties") & (estimates["report_date"] == pd.Timestamp("2024-12-23"))
    ].sort_values("estimate_id")
    pair = "; ".join(
        f"{r['estimator']}: {r['qualifier'].replace('_', ' ')} {int(r['low']):,}" for _, r in day.iterrows()
    )
    add(
        Question(
            "q19",
            "06",
            "Two casualty figures were given on 23 December 2024. Who gave which, and why might they differ?",
            pair,
            tuple(day["estimate_id"]),
        )
    )
    ack = _event(events, "acknowledgement")
    add(
        Question(
            "q20",
            "06",
            "When did an official Russian source first credit North Korean troops with a combat role in Kursk?",
            f"{_date(ack['date'])} ({ack['label']})",
            (ack["event_id"],),
        )
    )
    deployed = estimates[estimates["measure"] == "deployed"].assign(top=lambda d: d["high"].fillna(d["low"]))
    peak = deployed.sort_values(["top", "report_date"], ascending=[False, True]).iloc[0]
    add(
        Question(
            "q21",
            "06",
            "What is the highest figure for troops sent in the estimates table, and who gave it?",
            f"{int(peak['top']):,} ({peak['estimator']}, {_date(peak['report_date'])})",
            (peak["estimate_id"],),
        )
    )

    ended = treaties[treaties["ended"].notna()].sort_values("ended")
    in_2024 = ended[ended["ended"].dt.year == 2024].iloc[0]
    add(
        Question(
            "q22",
            "07",
            "Which of the DPRK's treaties ceased to have effect in 2024?",
            in_2024["treaty_id"],
            (in_2024["treaty_id"],),
            _options(in_2024["treaty_id"], list(dprk["treaty_id"])),
        )
    )
    soviet = treaties.set_index("treaty_id").loc["ussr-dprk-1961"]
    alt = f" (another source: {soviet['ended_alt']:%Y})" if pd.notna(soviet["ended_alt"]) else ""
    add(
        Question(
            "q23",
            "07",
            "In which year did the 1961 Soviet-DPRK treaty end? Do the sources agree?",
            f"{soviet['ended']:%Y}{alt}",
            ("ussr-dprk-1961",),
        )
    )
    add(
        Question(
            "q24",
            "08",
            "How many actors have a role card in the Security Council exercise?",
            str(len(roles)),
            ("roles",),
        )
    )

    incursion = events.set_index("event_id").loc["ev-20240806-kursk-incursion"]
    report = _event(events, "intelligence_report", "NIS first report")
    add(
        Question(
            "q25",
            "09",
            "How many days passed between Ukraine's incursion into Kursk oblast "
            "and the first intelligence report of North Korean troops in Russia?",
            str((report["date"] - incursion["date"]).days),
            ("ev-20240806-kursk-incursion", report["event_id"]),
        )
    )
    assessment = t["legal_assessment"]
    critics = int((assessment["verdict_code"] == "favours_critics").sum())
    add(
        Question(
            "q26",
            "09",
            f"On how many of the {len(assessment)} elements of the self-defence test "
            "does the critics' reading hold up better?",
            str(critics),
            ("legal_assessment",),
            _options(str(critics), [str(n) for n in range(len(assessment) + 1)]),
        )
    )
    second = t["reliability_second_coding"]
    coded = int(second["statement_id"].dropna().nunique())
    add(
        Question(
            "q27",
            "10",
            "How many statements were coded a second time, blind to the first codes, to measure reliability?",
            str(coded),
            ("reliability_second_coding",),
        )
    )
    kinds = t["sources"]["publisher_type"].value_counts()
    top_kind = str(sorted(kinds[kinds == kinds.max()].index)[0])
    add(
        Question(
            "q28",
            "10",
            "Which kind of publisher stands behind the most sources in the record?",
            top_kind,
            ("sources",),
            _options(top_kind, sorted(kinds.index)),
        )
    )
    return questions


def answer_key(questions: Sequence[Question]) -> pd.DataFrame:
    """The teacher's key: question, kind, answer and the rows it rests on."""
    return pd.DataFrame(
        [
            {
                "question": q.qid,
                "notebook": q.notebook,
                "kind": q.kind,
                "answer": q.answer,
                "evidence": "; ".join(q.evidence),
            }
            for q in questions
        ]
    )
