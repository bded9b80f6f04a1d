"""Role briefs and lesson timings, tested on small hand-made frames."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import teaching


def statement(sid, date, actor, phase, stance, measure="none", key_phrase="", speaker="Sp", summary="said"):
    return {
        "statement_id": sid,
        "date": pd.Timestamp(date),
        "actor_id": actor,
        "speaker": speaker,
        "phase": phase,
        "stance": stance,
        "measure": measure.split(";"),
        "summary": summary,
        "key_phrase": key_phrase,
    }


@pytest.fixture
def statements():
    return pd.DataFrame(
        [
            statement("st-1", "2024-06-19", "AAA", "signing", "concern"),
            statement("st-2", "2024-06-20", "AAA", "signing", "concern", key_phrase="a phrase"),
            statement("st-3", "2024-06-21", "AAA", "signing", "condemn", measure="sanctions"),
            statement("st-4", "2024-11-01", "AAA", "deployment", "condemn", measure="summons_ambassador"),
            statement("st-5", "2024-11-02", "AAA", "deployment", "condemn"),
            statement("st-6", "2024-06-19", "BBB", "signing", "endorse"),
            statement("st-7", "2024-06-20", "CCC", "signing", "neutral"),
            statement("st-8", "2024-06-21", "CCC", "deployment", "neutral"),
            statement("st-9", "2024-06-22", "CCC", "acknowledgement", "neutral"),
        ]
    )


@pytest.fixture
def events():
    return pd.DataFrame(
        {
            "event_id": ["ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6"],
            "date": pd.to_datetime(
                ["2024-06-19", "2024-06-18", "2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04"]
            ),
            "actors": [["AAA", "BBB"], ["BBB"], ["AAA"], ["AAA"], ["AAA"], ["AAA"]],
            "kind": ["signing", "visit", "statement", "statement", "statement", "statement"],
            "label": ["Signed", "Visit", "S1", "S2", "S3", "S4"],
        }
    )


NAMES = {"AAA": "Aland", "BBB": "Bland", "CCC": "Cland"}


def test_role_play_actors_need_enough_statements(statements):
    assert teaching.role_play_actors(statements, min_statements=3) == ["AAA", "CCC"]
    assert teaching.role_play_actors(statements, min_statements=1) == ["AAA", "BBB", "CCC"]
    assert teaching.role_play_actors(statements, min_statements=6) == []


def test_role_play_actors_follow_the_collection_order():
    frame = pd.DataFrame({"actor_id": ["USA", "RUS", "ZZZ", "AAB"]})
    assert teaching.role_play_actors(frame, min_statements=1) == ["RUS", "USA", "AAB", "ZZZ"]


def test_positions_use_the_modal_rule_and_name_silence(statements):
    table = teaching.positions(statements, "AAA").set_index("phase")
    assert table.loc["signing", "position"] == "concern"  # 2 concern against 1 condemn
    assert table.loc["signing", "sharpest"] == "condemn"
    assert table.loc["deployment", "statements"] == 2
    assert table.loc["ratification", "position"] == teaching.NO_STATEMENT
    assert list(table.index) == ["signing", "ratification", "deployment", "acknowledgement"]


def test_key_statements_prefer_a_quote_within_the_modal_stance(statements):
    key = teaching.key_statements(statements, "AAA")
    # signing: modal is concern; st-2 carries a key phrase, so it beats the earlier st-1.
    # deployment: both condemn; st-4 reports a measure, so it beats st-5.
    assert list(key["statement_id"]) == ["st-2", "st-4"]
    assert list(teaching.key_statements(statements, "AAA", per_phase=2)["statement_id"]) == [
        "st-1",
        "st-2",
        "st-4",
        "st-5",
    ]


def test_measures_and_events_of_one_actor(statements, events):
    assert list(teaching.measures(statements, "AAA")["measure"]) == ["sanctions", "summons_ambassador"]
    assert teaching.measures(statements, "CCC").empty
    assert list(teaching.events_with(events, "BBB")["event_id"]) == ["ev-2", "ev-1"]


def test_role_brief_renders_every_part(statements, events):
    brief = teaching.role_brief("AAA", statements, events, NAMES)
    text = brief._repr_markdown_()
    assert text.startswith("#### Role brief: Aland (`AAA`)")
    assert "| signing | 3 | concern | condemn |" in text
    assert "“a phrase”" in text and "`st-2`" in text and "`st-4`" in text and "`st-1`" not in text
    assert "sanctions" in text and "summons an envoy" in text
    assert "- statement (4, 2024-07-01 to 2024-07-04): S1; S2; S3 and 1 more" in text
    assert "**Silent in:** ratification, acknowledgement." in text
    assert brief.silent_phases == ["ratification", "acknowledgement"]


def test_role_brief_without_measures_or_events_says_so(statements, events):
    text = teaching.role_brief("CCC", statements, events, NAMES)._repr_markdown_()
    assert "None recorded" in text and "None in the events table" in text


def test_role_brief_refuses_an_actor_without_statements(statements, events):
    with pytest.raises(KeyError):
        teaching.role_brief("ZZZ", statements, events, NAMES)


def test_role_brief_escapes_text_from_the_data(statements, events):
    hostile = "costs $5 and $6 {x} <script>alert(1)</script> *b*"
    statements.loc[statements["statement_id"] == "st-2", "summary"] = hostile
    statements.loc[statements["statement_id"] == "st-2", "key_phrase"] = "$1 {y}"
    events.loc[0, "label"] = "Label $9 {z}"
    text = teaching.role_brief("AAA", statements, events, {"AAA": "A<b>land"})._repr_markdown_()
    assert "<script>" not in text and "<b>" not in text
    assert "\\$5 and \\$6 \\{x\\} &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*b\\*" in text
    assert "\\$1 \\{y\\}" in text and "Label \\$9 \\{z\\}" in text and "A&lt;b&gt;land" in text


def test_overview_and_shift(statements, events):
    briefs = [teaching.role_brief(a, statements, events, NAMES) for a in ["AAA", "CCC"]]
    overview = teaching.role_overview(briefs).set_index("actor_id")
    assert overview.loc["AAA", "deployment"] == "condemn" and overview.loc["AAA", "measures"] == 2
    assert overview.loc["CCC", "events"] == 0
    assert teaching.hostility_shift(briefs[0]) == 1  # concern -> condemn
    assert teaching.hostility_shift(briefs[1]) == 0
    assert teaching.hostility_shift(teaching.role_brief("BBB", statements, events, NAMES)) is None


def test_time_to_learn_reads_each_notebook(tmp_path):
    def write(name, text):
        cells = [{"cell_type": "markdown", "metadata": {}, "source": [text]}]
        (tmp_path / name).write_text(json.dumps({"cells": cells}), encoding="utf-8")

    write("00_a.ipynb", "# 00 · A\n\n**Time to learn:** 10 minutes.")
    write("01_b.ipynb", "# 01 · B\n\nno time given")
    table = teaching.time_to_learn(tmp_path)
    assert list(table["title"]) == ["00 · A", "01 · B"]
    assert table["minutes"].iloc[0] == 10 and pd.isna(table["minutes"].iloc[1])


def test_glossary_where_comes_from_the_prose(tmp_path):
    def write(name, markdown, code=""):
        cells = [
            {"cell_type": "markdown", "metadata": {}, "source": [markdown]},
            {"cell_type": "code", "metadata": {}, "source": [code], "outputs": [], "execution_count": None},
        ]
        (tmp_path / name).write_text(json.dumps({"cells": cells}), encoding="utf-8")

    write("01_a.ipynb", "A Defence Pact, and the UN Charter's Article 51.")
    write("02_b.ipynb", "The treaty's entry into force.", code="# defence pact only in code")
    write("03_c.ipynb", "Two defense pacts; self-defence alone is not the term.")
    terms = [
        teaching.GlossaryTerm("Defence pact", "m1", r"\bdefen[cs]e pacts?\b"),
        teaching.GlossaryTerm("Article 51", "m2", r"\barticle 51\b"),
        teaching.GlossaryTerm("Collective self-defence", "m3", r"\bcollective self-defen[cs]e\b"),
    ]
    table = teaching.glossary(terms, tmp_path).set_index("term")
    assert table.loc["Defence pact", "where"] == ["01", "03"]
    assert table.loc["Article 51", "where"] == ["01"]
    assert table.loc["Collective self-defence", "where"] == []


def test_every_glossary_term_is_used_somewhere_in_the_collection():
    from analysis import kit

    handouts = kit.document_texts(kit.load_tables())
    unused = [
        row.term for row in teaching.glossary(extra=handouts).itertuples() if not [n for n in row.where if n != "08"]
    ]
    assert not unused, f"glossary terms no notebook's prose uses: {unused}"


def test_glossary_searches_extra_texts_after_the_notebooks(tmp_path):
    terms = (teaching.GlossaryTerm("Veto", "blocks a draft", r"\bveto\b"),)
    table = teaching.glossary(terms, folder=tmp_path, extra={"Draft resolution": "The veto of a permanent member."})
    assert table.loc[0, "where"] == ["Draft resolution"]
