"""The CAMEO event export: dyadic rows, codes that keep their zeros, and a lossless round trip."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis import export


def test_round_trip_is_lossless(tmp_path):
    frame = export.export_events()
    back = export.read_events(export.write_events(tmp_path / "events.csv"))
    pd.testing.assert_frame_equal(back, frame)
    assert list(back.columns) == list(export.EXPORT_COLUMNS)


def test_one_row_per_statement_issuer_and_target():
    statements = analysis.load("statements")
    actors = analysis.load("actors").set_index("actor_id")
    coalition = actors["cameo_code"].isna() & actors["members"].map(bool)
    issuers = statements["actor_id"].map(lambda a: len(actors.at[a, "members"]) if coalition[a] else 1)
    frame = export.export_events()
    assert len(frame) == (statements["target"].map(len) * issuers).sum()
    assert set(frame["event_id"]) == set(statements["statement_id"])
    assert not frame.duplicated(["event_id", "source_actor", "target_actor"]).any()


def test_joint_statement_spread_to_its_member_states():
    frame = export.export_events()
    trilateral = frame[frame["source_coalition"] == "USKJ"]
    assert not trilateral.empty
    assert set(trilateral["source_actor"]) == {"USA", "KOR", "JPN"}
    assert (frame.loc[frame["source_coalition"] == "", "source_actor"] != "USKJ").all()


def test_codes_formatted_as_event_datasets_expect():
    frame = export.export_events()
    assert frame["cameo_code"].str.fullmatch(r"[0-9]{3,4}").all()
    assert (frame["cameo_root"] == frame["cameo_code"].str[:2]).all()
    assert frame["event_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert frame["source_cameo"].str.fullmatch(r"[A-Z]{3}([A-Z]{3})*").all()
    assert frame["target_cameo"].str.fullmatch(r"[A-Z]{3}([A-Z]{3})*").all()
    un = frame.loc[frame["source_actor"] == "UN", "source_cameo"]
    assert set(un) == {"IGOUNO"}


def test_multi_target_and_multi_measure_rows():
    frame = export.export_events().set_index(["event_id", "target_actor"])
    chang = frame.loc["st-20240620-kor-chang-arms-review"]
    assert set(chang.index) == {"RUS", "PRK"}
    assert set(chang["measures"]) == {"arms_supply_review;sanctions"}
    assert set(chang["cameo_code"]) == {"163"}
