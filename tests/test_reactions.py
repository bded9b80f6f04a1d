"""The reactions summaries follow fixed, documented rules, checked on small hand-made tables."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import analysis
from analysis import reactions, style


def statements(rows):
    frame = pd.DataFrame(rows, columns=["statement_id", "date", "actor_id", "phase", "stance", "measure"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["measure"] = frame["measure"].str.split(";")  # list-valued, as the loader returns it
    frame["speaker"] = "someone"
    frame["summary"] = "said something"
    frame["key_phrase"] = None
    frame["verification"] = "verified"
    frame["source_ids"] = [["src-a"]] * len(frame)
    return frame


EVENTS = pd.DataFrame(
    {
        "event_id": ["sign", "ratify", "troops", "admit"],
        "date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-05-01", "2024-09-01"]),
        "label": ["signed", "ratified", "troops", "admitted"],
        "summary": ["s1", "s2", "s3", "s4"],
        "verification": ["verified"] * 4,
        "source_ids": [["src-e"]] * 4,
    }
)
TRIGGERS = {"signing": "sign", "ratification": "ratify", "deployment": "troops", "acknowledgement": "admit"}

SAMPLE = statements(
    [
        ("st-1", "2024-01-10", "A", "signing", "condemn", "none"),
        ("st-2", "2024-01-12", "A", "signing", "concern", "sanctions"),
        ("st-3", "2024-01-15", "A", "signing", "concern", "summons_ambassador"),
        ("st-4", "2024-02-20", "A", "ratification", "concern", "none"),  # before the trigger: lag -10
        ("st-5", "2024-05-04", "A", "deployment", "condemn", "sanctions"),
        ("st-6", "2024-01-11", "B", "signing", "endorse", "none"),
        ("st-7", "2024-01-20", "B", "signing", "defend", "none"),
        ("st-8", "2024-09-03", "B", "acknowledgement", "endorse", "unsc_meeting"),
    ]
)


def test_modal_rule_counts_then_breaks_ties_away_from_neutral():
    assert reactions.summarise_stance(["concern", "concern", "condemn"]) == "concern"
    assert reactions.summarise_stance(["neutral", "concern"]) == "concern"
    assert reactions.summarise_stance(["endorse", "defend"]) == "endorse"
    assert reactions.summarise_stance(["concern", "defend"]) == "concern"  # equally far: the more hostile
    assert reactions.summarise_stance(["condemn", "neutral", "neutral"]) == "neutral"


def test_modal_rule_does_not_depend_on_row_order():
    assert (
        reactions.summarise_stance(["concern", "condemn"])
        == reactions.summarise_stance(["condemn", "concern"])
        == "condemn"
    )


def test_most_hostile_rule_and_bad_input():
    assert reactions.summarise_stance(["endorse", "neutral", "defend"], rule="most_hostile") == "neutral"
    assert reactions.summarise_stance([]) is None
    with pytest.raises(ValueError, match="furious"):
        reactions.summarise_stance(["furious"])
    with pytest.raises(ValueError, match="median"):
        reactions.summarise_stance(["concern"], rule="median")


def test_stance_matrix_has_every_phase_and_none_where_silent():
    matrix = reactions.stance_matrix(SAMPLE, actors=["A", "B"])
    assert list(matrix.columns) == list(reactions.PHASE_ORDER)
    assert matrix.loc["A", "signing"] == "concern" and matrix.loc["A", "deployment"] == "condemn"
    assert matrix.loc["B", "signing"] == "endorse"
    assert matrix.loc["B", "deployment"] is None and matrix.loc["A", "acknowledgement"] is None
    hostile = reactions.stance_matrix(SAMPLE, actors=["A", "B"], rule="most_hostile")
    assert hostile.loc["A", "signing"] == "condemn" and hostile.loc["B", "signing"] == "defend"


def test_counts_and_gaps():
    counts = reactions.statement_counts(SAMPLE, actors=["A", "B", "C"])
    assert counts.loc["A", "signing"] == 3 and counts.loc["C"].sum() == 0
    gaps = reactions.coverage_gaps(SAMPLE, actors=["A", "B"])
    assert set(map(tuple, gaps.values)) == {
        ("A", "acknowledgement"),
        ("B", "ratification"),
        ("B", "deployment"),
    }


def test_first_reaction_lags_from_trigger_dates():
    first = reactions.first_reactions(SAMPLE, EVENTS, TRIGGERS)
    lags = first.set_index(["actor_id", "phase"])["lag_days"]
    assert lags[("A", "signing")] == 0
    assert lags[("A", "ratification")] == -10
    assert lags[("A", "deployment")] == 3
    assert lags[("B", "signing")] == 1 and lags[("B", "acknowledgement")] == 2
    assert first.set_index(["actor_id", "phase"]).loc[("A", "signing"), "statement_id"] == "st-1"
    table = reactions.lag_table(first, actors=["A", "B"])
    assert pd.isna(table.loc["B", "deployment"]) and table.loc["A", "deployment"] == 3


def test_trigger_event_must_exist():
    with pytest.raises(KeyError, match="nope"):
        reactions.trigger_dates(EVENTS, {"signing": "nope"})


def test_measures_by_actor():
    table = reactions.measures_by_actor(SAMPLE, actors=None)
    assert list(table.index) == ["A", "B"]
    assert table.loc["A", "sanctions"] == 2 and table.loc["A", "summons_ambassador"] == 1
    assert "none" not in table.columns
    assert list(table.columns) == [m for m in reactions.MEASURE_ORDER if m in table.columns]
    with_none = reactions.measures_by_actor(SAMPLE, include_none=True)
    assert with_none.loc["B", "none"] == 2


def test_measures_by_actor_counts_each_of_several_measures():
    both = statements([("st-1", "2024-01-10", "A", "signing", "condemn", "arms_supply_review;sanctions")])
    table = reactions.measures_by_actor(both)
    assert table.loc["A", "arms_supply_review"] == 1 and table.loc["A", "sanctions"] == 1
    assert reactions.actor_section(both, ["A"], "A").statements.loc[0, "measure"] == ["arms_supply_review", "sanctions"]


def test_never_stance():
    assert reactions.never_stance(SAMPLE, "condemn") == ["B"]
    assert reactions.never_stance(SAMPLE, "endorse") == ["A"]


def test_actor_section_filters_by_actor():
    section = reactions.actor_section(SAMPLE, ["B"], "Actor B")
    assert list(section.statements["statement_id"]) == ["st-6", "st-7", "st-8"]
    assert section.by_phase.loc["deployment", "modal stance"] == "(no statement found)"
    assert section.by_phase.loc["acknowledgement", "measures"] == "UN Security Council meeting"
    assert "Actor B: stance by phase" in section._repr_html_() and "st-8" in repr(section)
    both = reactions.actor_section(SAMPLE, ["A", "B"], "both")
    assert "actor" in both.key.columns and len(both.statements) == len(SAMPLE)


def test_actor_section_shows_the_key_rows_not_every_row():
    section = reactions.actor_section(SAMPLE, ["A"], "Actor A")
    # signing: modal concern (st-2 reports a measure, so it beats st-3), sharpest condemn (st-1) added;
    # one row for each other phase with a statement.
    assert list(section.key["id"]) == ["st-1", "st-2", "st-4", "st-5"]
    assert len(section.statements) == 5 and "4 of its 5 statements" in repr(section)
    assert section.key.loc[1, "statement"] == "someone: said something Measure: sanctions."
    assert html.escape(reactions.KEY_RULE) in section._repr_html_()


def test_claim_evidence_finds_rows_and_rejects_unknown_ids():
    claims = reactions.claim_evidence({"claim one": ["st-2", "sign"]}, SAMPLE, EVENTS)
    assert list(claims["table"]) == ["statements", "events"] and list(claims["date"]) == ["2024-01-12", "2024-01-10"]
    with pytest.raises(KeyError, match="st-99"):
        reactions.claim_evidence({"claim": ["st-99"]}, SAMPLE, EVENTS)
    with pytest.raises(KeyError, match="names no table"):
        reactions.claim_evidence({"claim": ["es-1"]}, SAMPLE, EVENTS)


def test_claim_evidence_reads_estimates_by_report_date():
    estimates = pd.DataFrame(
        {
            "estimate_id": ["es-1"],
            "report_date": pd.to_datetime(["2024-11-12"]),
            "summary": ["more than 10,000"],
            "verification": ["verified"],
            "source_ids": [["s1"]],
        }
    )
    claims = reactions.claim_evidence({"troops": ["es-1"]}, SAMPLE, EVENTS, estimates)
    assert claims.loc[0, "table"] == "estimates" and claims.loc[0, "date"] == "2024-11-12"


def test_figures_build_without_error():
    names = {"A": "Actor A", "B": "Actor B"}
    matrix = reactions.stance_matrix(SAMPLE, actors=["A", "B"])
    counts = reactions.statement_counts(SAMPLE, actors=["A", "B"])
    first = reactions.first_reactions(SAMPLE, EVENTS, TRIGGERS)
    figures = [
        reactions.plot_stance_heatmap(matrix, counts, names),
        reactions.plot_reaction_timeline(SAMPLE, EVENTS, ["A", "B"], names, markers=["sign", "troops"]),
        reactions.plot_reaction_lags(first, ["A", "B"], names),
        reactions.plot_measures(reactions.measures_by_actor(SAMPLE), names),
        reactions.plot_stance_path(SAMPLE, EVENTS, ["A"], names, TRIGGERS),
    ]
    heat_texts = [t.get_text() for t in figures[0].axes[0].texts]
    assert "concern (3)" in heat_texts and heat_texts.count("none") == 3
    timeline_colours = {to_hex(c.get_facecolor()[0]) for c in figures[1].axes[0].collections if len(c.get_offsets())}
    assert timeline_colours <= {colour.lower() for colour in style.STANCE_COLOURS.values()}, "stance is the colour"
    path_lines = [line for line in figures[4].axes[0].get_lines() if line.get_marker() not in ("None", None, "")]
    assert path_lines and all(line.get_linestyle() in ("None", "") for line in path_lines), "statements are not joined"
    for fig in figures:
        plt.close(fig)
    alt = reactions.describe_stance_path(SAMPLE, ["A"], names)
    assert "signing: 3 statement(s), mostly concern" in alt and "acknowledgement: no statement found" in alt


def test_lane_offsets_separate_close_statements_and_stay_in_the_lane():
    dates = pd.Series(pd.to_datetime(["2024-10-01", "2024-10-02", "2024-10-03", "2024-12-01"] + ["2025-01-01"] * 7))
    offsets = reactions.lane_offsets(dates)
    assert offsets.iloc[0] == 0 and offsets.iloc[1] > 0 > offsets.iloc[2] and offsets.iloc[3] == 0
    assert offsets.abs().max() <= 2 * 0.14 + 1e-9 and offsets.iloc[4:9].nunique() == 5


def test_real_table_follows_the_scales():
    table = analysis.load("statements")
    assert set(table["stance"]) <= set(reactions.STANCE_ORDER)
    assert set(table["phase"]) <= set(reactions.PHASE_ORDER)
    assert set(table["measure"].explode()) <= set(reactions.MEASURE_ORDER)
    assert table["cameo_code"].str.fullmatch(r"[0-9]{3,4}").all()
    events = analysis.load("events")
    assert reactions.trigger_dates(events).notna().all()


def test_save_stance_path_names_and_describes_the_figure(tmp_path):
    saved = reactions.save_stance_path(
        SAMPLE,
        EVENTS.assign(
            event_id=[
                "ev-20240619-treaty-signed",
                "ev-20241024-duma-ratifies",
                "ev-20241018-nis-first-report",
                "ev-20250426-gerasimov-kursk-dprk",
            ]
        ),
        "ab",
        ["A", "B"],
        {"A": "Actor A"},
        folder=tmp_path,
    )
    assert saved.name == "05-actor-ab" and (tmp_path / "05-actor-ab.svg").exists()
    assert "Actor A, B" in saved.caption and "signing: 5 statement(s), mostly concern" in saved.alt


def test_describe_stance_matrix_groups_actors_with_the_same_row():
    matrix = pd.DataFrame(
        {"signing": ["condemn", "condemn", None], "ratification": [None, None, "endorse"]},
        index=["KOR", "UKR", "PRK"],
        dtype=object,
    )
    text = reactions.describe_stance_matrix(matrix, {"KOR": "South Korea", "UKR": "Ukraine", "PRK": "North Korea"})
    assert text.startswith("Grid of 3 actors by 2 phases")
    assert "South Korea, Ukraine: signing condemn, ratification no statement" in text
    assert "North Korea: signing no statement, ratification endorse" in text


def test_describe_measures_lists_kinds_largest_actor_first():
    measures = pd.DataFrame({"sanctions": [1, 2], "joint_statement": [0, 1]}, index=["USA", "KOR"])
    text = reactions.describe_measures(measures, {"USA": "United States", "KOR": "South Korea"})
    assert text.index("South Korea 3 (2 sanctions, 1 joint statement)") < text.index("United States 1 (1 sanctions)")


def test_describe_lanes_counts_each_actors_stances_in_scale_order():
    statements = pd.DataFrame(
        {"actor_id": ["KOR", "KOR", "KOR", "PRK"], "stance": ["condemn", "concern", "condemn", "endorse"]}
    )
    text = reactions.describe_lanes(statements, ["KOR", "PRK", "JPN"], {"KOR": "South Korea", "PRK": "North Korea"})
    assert text == "South Korea 1 concern, 2 condemn; North Korea 1 endorse; JPN no statement"
