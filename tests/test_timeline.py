"""The ratification path is computed from the events table by fixed rules."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import timeline


def events(rows):
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actors", "kind", "label"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


SAMPLE = events(
    [
        ("sign", "2024-01-01", ["A", "B"], "signing", "signed"),
        ("a1", "2024-01-11", ["A"], "ratification", "A votes"),
        ("b1", "2024-02-01", ["B"], "ratification", "B decree"),
        ("force", "2024-03-01", ["A", "B"], "entry_into_force", "in force"),
        ("swap", "2024-03-01", ["A", "B"], "ratification", "exchange"),
        ("other", "2024-01-05", ["A"], "visit", "not a step"),
    ]
)


def test_steps_and_day_counts():
    path = timeline.ratification_path(SAMPLE, "sign", parties=("A", "B"))
    a = path[path["party"] == "A"]
    assert list(a["event_id"]) == ["sign", "a1", "swap", "force"]
    assert list(a["days_since_previous"].fillna(-1)) == [-1, 10, 50, 0]
    assert list(a["days_since_signing"]) == [0, 10, 60, 60]


def test_joint_steps_count_for_both_parties():
    path = timeline.ratification_path(SAMPLE, "sign", parties=("A", "B"))
    b = path[path["party"] == "B"]
    assert list(b["event_id"]) == ["sign", "b1", "swap", "force"]


def test_unknown_start_event():
    with pytest.raises(KeyError, match="nope"):
        timeline.ratification_path(SAMPLE, "nope")


def test_events_by_actor_explodes_lists():
    long = timeline.events_by_actor(SAMPLE)
    assert len(long) == 9 and set(long.columns) >= {"actor_id", "event_id"}
