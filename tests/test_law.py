"""The law notebook's helpers: generated tables, the timeline, and the rules its tables follow."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import law


def test_labels_cover_exactly_the_schema_vocabularies():
    assert tuple(law.ELEMENT_LABELS) == analysis.enum_values("legal_assessment", "element")
    assert set(law.VERDICT_LABELS) == set(analysis.enum_values("legal_assessment", "verdict_code"))
    assert set(law.ITEM_LABELS) == set(analysis.enum_values("arms_transfers", "item"))


def test_first_sentence_keeps_abbreviations_and_numbers_inside_the_sentence():
    text = "The critics' reading holds up better. Article 51 protects the victim."
    assert law.first_sentence(text) == "The critics' reading holds up better."
    assert law.first_sentence("Russia's envoys (30 October 2024). Later.") == "Russia's envoys (30 October 2024)."
    assert law.first_sentence("One sentence only") == "One sentence only."


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"instrument": "Charter of the United Nations", "kind": "charter", "provision": "Art. 51"}, "Charter Art. 51"),
        (
            {
                "instrument": (
                    "ICJ, Military and Paramilitary Activities in and against Nicaragua "
                    "(Nicaragua v. United States), Merits"
                ),
                "kind": "judgment",
                "provision": "para. 199",
            },
            "Nicaragua para. 199",
        ),
        (
            {
                "instrument": "ICJ, Oil Platforms (Iran v. United States), Merits",
                "kind": "judgment",
                "provision": "paras. 73-77",
            },
            "Oil Platforms paras. 73-77",
        ),
        (
            {"instrument": "UN Security Council resolution 2270 (2016)", "kind": "sc_resolution", "provision": "x"},
            "SC res. 2270",
        ),
        (
            {"instrument": "UN General Assembly resolution ES-11/1", "kind": "ga_resolution", "provision": "x"},
            "GA res. ES-11/1",
        ),
    ],
)
def test_short_authority(row, expected):
    assert law.short_authority(row) == expected


def _legal_sources():
    return pd.DataFrame(
        {
            "legal_source_id": ["ls-a", "ls-b"],
            "instrument": ["Charter of the United Nations", "UN Security Council resolution 1718 (2006)"],
            "kind": ["charter", "sc_resolution"],
            "provision": ["Art. 51", "para. 8"],
        }
    )


def _assessment():
    return pd.DataFrame(
        {
            "element": ["sanctions", "armed_attack"],
            "moscow_pyongyang": ["Allies may help. More text.", "Troops on our soil. More."],
            "critics": ["None is under sanctions. More.", "Ukraine defends itself. More."],
            "verdict_code": ["favours_critics", "contested"],
            "verdict": ["Clear. Because.", "Open. Because."],
            "legal_source_ids": [["ls-b"], ["ls-a", "ls-b"]],
            "event_ids": [["ev-1"], None],
            "statement_ids": [None, ["st-1", "st-2"]],
            "source_ids": [["s1", "s2"], ["s3"]],
        }
    )


def test_assessment_table_orders_elements_as_the_argument_runs_and_counts_the_evidence():
    table = law.assessment_table(_assessment(), _legal_sources())
    assert list(table["Element"]) == [law.ELEMENT_LABELS["armed_attack"], law.ELEMENT_LABELS["sanctions"]]
    assert list(table["Verdict"]) == ["Genuinely contested", "Critics' reading holds up better"]
    assert table.loc[0, "Moscow and Pyongyang"] == "Troops on our soil."
    assert table.loc[0, "Law applied"] == "Charter Art. 51; SC res. 1718"
    assert table.loc[0, "Record and pages"] == "0 events, 2 statements, 1 page"
    assert len(table.columns) <= 6


def test_moot_briefs_give_each_team_its_side():
    briefs = law.moot_briefs(_assessment())
    assert briefs.loc[1, "applicant (Ukraine) opens with"] == "None is under sanctions."
    assert briefs.loc[1, "respondents (Russia, DPRK) open with"] == "Allies may help."


def test_to_markdown_escapes_cell_text():
    md = law.to_markdown(pd.DataFrame({"a": ["x | y"], "b": ["$5"]}))
    assert md.splitlines()[0] == "| a | b |"
    assert "x \\| y" in md and "\\$5" in md


def _events():
    return pd.DataFrame(
        {
            "event_id": ["ev-b", "ev-a", "ev-c"],
            "date": pd.to_datetime(["2024-08-06", "2022-02-24", "2024-10-18"]).date,
            "label": ["B", "A", "C"],
            "actors": [["UKR", "RUS"], ["RUS"], ["KOR"]],
        }
    )


def test_legal_timeline_orders_by_date_and_counts_days():
    timeline = law.legal_timeline(_events(), {"ev-a": "fact", "ev-b": "fact", "ev-c": "legal"})
    assert list(timeline["event_id"]) == ["ev-a", "ev-b", "ev-c"]
    assert list(timeline["days_since_previous"].fillna(-1)) == [-1, 894, 73]
    assert list(timeline["actor"]) == ["RUS", "UKR", "KOR"]


def test_legal_timeline_rejects_unknown_events_and_lanes():
    with pytest.raises(KeyError, match="ev-x"):
        law.legal_timeline(_events(), {"ev-x": "fact"})
    with pytest.raises(ValueError, match="lanes"):
        law.legal_timeline(_events(), {"ev-a": "both"})


def test_days_between():
    assert law.days_between(_events(), "ev-b", "ev-c") == 73
    assert law.days_between(_events(), "ev-c", "ev-b") == -73


def test_arms_table_writes_open_bounds_as_floors_and_ceilings():
    arms = pd.DataFrame(
        {
            "transfer_id": ["at-1", "at-2"],
            "report_date": pd.to_datetime(["2024-06-14", "2024-08-27"]),
            "estimator": ["Shin", "Intel"],
            "item": ["artillery_shells", "artillery_shells"],
            "low": [pd.NA, 6000000],
            "high": [4800000, pd.NA],
            "period": [None, "from mid-2022"],
        }
    )
    table = law.arms_table(arms)
    assert list(table["figure"]) == ["≤ 4,800,000", "≥ 6,000,000"]
    assert list(table["period"]) == ["—", "from mid-2022"]


def test_article4_conditions_come_from_the_treaty_row():
    articles = pd.DataFrame(
        {
            "article": [3, 4],
            "key_terms": [["direct threat"], ["put in a state of war by an armed invasion", "without delay"]],
            "cross_refs": [[], ["UN Charter Art. 51", "laws of both"]],
        }
    )
    conditions = law.article4_conditions(articles)
    assert list(conditions["treaty's words or reference"]) == [
        "put in a state of war by an armed invasion",
        "without delay",
        "UN Charter Art. 51",
        "laws of both",
    ]
    assert list(conditions["kind"]) == ["quoted key term"] * 2 + ["cross-reference"] * 2


def test_the_law_tables_follow_their_own_rules():
    legal_sources = analysis.load("legal_sources")
    assert all(len(p.split()) <= 12 for p in legal_sources["key_phrase"].dropna())
    assessment = analysis.load("legal_assessment")
    used = {i for ids in assessment["legal_source_ids"] for i in ids}
    assert used == set(legal_sources["legal_source_id"]), "every legal source is applied, and only those"
