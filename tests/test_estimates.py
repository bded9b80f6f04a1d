"""Ranges, series, the acknowledgement gap, ratios and disagreements follow fixed rules."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import estimates as es

NA = pd.NA


def frame(rows):
    """Hand-made estimates: (id, date, actor, estimator, measure, low, high, qualifier)."""
    out = pd.DataFrame(
        rows,
        columns=["estimate_id", "report_date", "estimator_actor", "estimator", "measure", "low", "high", "qualifier"],
    )
    out["report_date"] = pd.to_datetime(out["report_date"])
    out["low"] = pd.array(out["low"], dtype="Int64")
    out["high"] = pd.array(out["high"], dtype="Int64")
    return out


SAMPLE = frame(
    [
        ("a-point", "2024-10-18", "KOR", "NIS", "deployed", 1500, 1500, "approximately"),
        ("a-more", "2024-10-23", "USA", "White House (Kirby)", "deployed", 3000, NA, "more_than"),
        ("a-upto", "2024-10-31", "USA", "State (Blinken)", "in_combat_area", NA, 8000, "up_to"),
        ("a-range", "2024-11-04", "USA", "Pentagon (Ryder)", "deployed", 11000, 12000, "range"),
        ("a-later", "2024-11-20", "KOR", "NIS", "deployed", 10900, 10900, "approximately"),
    ]
)


# --- row rules ---------------------------------------------------------------------------------


def test_consistent_rows_have_no_problems():
    assert es.check_bounds(SAMPLE) == []


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "message"),
    [
        (NA, NA, "exact", "at least one of low, high"),
        (5, 3, "range", "low not greater than high"),
        (5, 6, "exact", "low equal to high"),
        (5, 5, "at_least", "high left empty"),
        (NA, 5, "more_than", "a value in low"),
        (5, NA, "up_to", "a value in high"),
        (5, 5, "range", "low less than high"),
    ],
)
def test_broken_rows_are_reported(low, high, qualifier, message):
    bad = frame([("bad", "2024-10-18", "KOR", "NIS", "deployed", low, high, qualifier)])
    problems = es.check_bounds(bad)
    assert len(problems) >= 1 and problems[0].startswith("bad: expected ") and message in " ".join(problems)


def test_real_estimates_table_keeps_the_row_rules():
    """The data test: the committed CSV satisfies the table-level rules of its schema."""
    table = analysis.load("estimates")
    assert es.check_bounds(table) == []
    assert len(table) >= 20 and table["estimator_actor"].nunique() >= 5
    assert table["report_date"].notna().all() and table["source_ids"].map(len).gt(0).all()


def test_loader_rejects_a_backwards_range_and_a_qualifier_mismatch(data_copy):
    from conftest import replace_in

    replace_in(data_copy / "estimates.csv", "deployed,11000,12000,range", "deployed,12000,11000,range")
    replace_in(data_copy / "estimates.csv", ",1500,1500,approximately,", ",1500,,approximately,")
    with pytest.raises(analysis.DataError) as info:
        analysis.load("estimates", data_dir=data_copy)
    message = str(info.value)
    assert "column 'low,high': got 'low=12000, high=11000'; expected low not greater than high" in message
    assert "where qualifier is range, low less than high" in message
    assert "got 'low=1500, high='; expected where qualifier is approximately, low equal to high" in message


# --- point rule --------------------------------------------------------------------------------


def test_point_rule_for_open_and_closed_ranges():
    points = es.point_estimates(SAMPLE).set_index("estimate_id")
    assert points.loc["a-point", ["value", "direction"]].tolist() == [1500.0, "point"]
    assert points.loc["a-more", ["value", "direction"]].tolist() == [3000.0, "up"]
    assert points.loc["a-upto", ["value", "direction"]].tolist() == [8000.0, "down"]
    assert points.loc["a-range", ["value", "direction"]].tolist() == [11500.0, "range"]


def test_point_estimates_refuse_inconsistent_rows():
    bad = frame([("bad", "2024-10-18", "KOR", "NIS", "deployed", 5, 3, "range")])
    with pytest.raises(ValueError, match="bad: expected low not greater than high"):
        es.point_estimates(bad)


def test_figure_text():
    assert es.figure_text(3000, NA) == "≥ 3,000"
    assert es.figure_text(NA, 8000) == "≤ 8,000"
    assert es.figure_text(11000, 12000) == "11,000–12,000"
    assert es.figure_text(1500, 1500) == "1,500"
    with pytest.raises(ValueError):
        es.figure_text(NA, NA)


def test_agency_strips_the_spokesperson():
    assert es.agency("Pentagon (Pat Ryder)") == "Pentagon"
    assert es.agency("UK Defence Intelligence (via John Healey)") == "UK Defence Intelligence"
    assert es.agency("NIS") == "NIS"


# --- series ------------------------------------------------------------------------------------


def test_series_orders_by_agency_and_measures_change():
    out = es.series(SAMPLE, measures=["deployed"])
    nis = out[out["agency"] == "NIS"]
    assert list(nis["estimate_id"]) == ["a-point", "a-later"]
    assert pd.isna(nis["change"].iloc[0]) and nis["change"].iloc[1] == 9400.0
    assert "a-upto" not in set(out["estimate_id"])


# --- acknowledgement gap -----------------------------------------------------------------------


def events():
    out = pd.DataFrame(
        [("s1", "2024-10-13", "first warning"), ("s2", "2024-10-18", "first report"), ("e1", "2025-04-26", "ack")],
        columns=["event_id", "date", "label"],
    )
    out["date"] = pd.to_datetime(out["date"])
    return out


def test_acknowledgement_gap_counts_days_for_every_pair():
    gaps = es.acknowledgement_gap(events(), ["s1", "s2"], ["e1"])
    assert list(gaps["days"]) == [195, 190]
    assert list(gaps["start_event"]) == ["s1", "s2"]


def test_acknowledgement_gap_unknown_event():
    with pytest.raises(KeyError, match="nope"):
        es.acknowledgement_gap(events(), ["nope"], ["e1"])


# --- casualties and ratios ---------------------------------------------------------------------


CASUALTIES = frame(
    [
        ("k1", "2024-12-19", "KOR", "NIS", "killed", 100, NA, "at_least"),
        ("w1", "2024-12-19", "KOR", "NIS", "wounded", 1000, 1000, "approximately"),
        ("t1", "2024-11-20", "KOR", "NIS", "in_combat_area", 10900, 10900, "approximately"),
        ("k2", "2025-04-30", "KOR", "NIS", "killed", 600, 600, "approximately"),
        ("w2", "2025-04-30", "KOR", "NIS", "wounded", 4100, 4100, "approximately"),
        ("t2", "2025-04-30", "KOR", "NIS", "deployed", 15000, 15000, "approximately"),
        ("t2b", "2025-04-30", "KOR", "NIS", "in_combat_area", 9000, 9000, "approximately"),
        ("wave", "2025-04-29", "KOR", "NIS", "deployed", 3000, 3000, "approximately"),
        ("c3", "2024-12-30", "USA", "Pentagon (Singh)", "casualties", 1000, 1000, "approximately"),
        ("t3", "2024-10-01", "USA", "Pentagon (Ryder)", "deployed", 12000, NA, "at_least"),
        ("c4", "2025-01-01", "USA", "White House (Kirby)", "casualties", 1000, NA, "more_than"),
        ("t4", "2025-01-01", "USA", "State (Miller)", "deployed", 10000, 10000, "exact"),
        ("k5", "2025-02-01", "UKR", "HUR", "killed", 50, 50, "exact"),
    ]
)


def test_killed_and_wounded_are_summed_with_open_bounds():
    totals = es.casualty_totals(CASUALTIES).set_index("report_date")
    dec = totals.loc[pd.Timestamp("2024-12-19")]
    assert dec["low"] == 1100 and pd.isna(dec["high"]) and dec["estimate_ids"] == ["k1", "w1"]
    apr = totals.loc[pd.Timestamp("2025-04-30")]
    assert (apr["low"], apr["high"]) == (4700, 4700)
    assert pd.Timestamp("2025-02-01") not in totals.index  # killed without wounded is not a total


def test_ratio_pairing_rule():
    pairs = es.casualty_ratios(CASUALTIES, max_days=45, exclude=["wave"]).set_index("casualty_date")
    dec = pairs.loc[pd.Timestamp("2024-12-19")]
    assert dec["troops_id"] == "t1" and dec["days_apart"] == 29 and dec["ratio"] == pytest.approx(0.101, abs=1e-3)
    assert dec["open_bounds"] == "casualties ≥"
    apr = pairs.loc[pd.Timestamp("2025-04-30")]
    assert apr["troops_id"] == "t2" and apr["ratio"] == pytest.approx(4700 / 15000, abs=1e-3)  # deployed preferred
    assert pd.Timestamp("2024-12-30") not in pairs.index  # Ryder's figure is 90 days away
    assert pd.Timestamp("2025-01-01") not in pairs.index  # White House and State are different agencies


def test_ratio_exclusion_and_window_matter():
    with_wave = es.casualty_ratios(CASUALTIES, max_days=45).set_index("casualty_date")
    assert with_wave.loc[pd.Timestamp("2025-04-30"), "troops_id"] == "t2"
    assert es.casualty_ratios(CASUALTIES, max_days=10, exclude=["wave"])["troops_id"].tolist() == ["t2"]
    wide = es.casualty_ratios(CASUALTIES, max_days=100)
    assert "t3" in set(wide["troops_id"])


# --- disagreements -----------------------------------------------------------------------------


def test_disagreements_use_intervals():
    out = es.disagreements(SAMPLE, window_days=7)
    pairs = {tuple(ids.split("; ")) for ids in out["ids"]}
    assert ("a-point", "a-more") in pairs  # 1,500 vs more than 3,000: cannot both hold
    assert not any("a-upto" in p for p in pairs)  # the only in-combat figure has no partner
    assert ("a-range", "a-later") not in pairs  # 16 days apart


def test_disagreements_ignore_overlaps_and_same_agency():
    rows = frame(
        [
            ("x", "2024-11-04", "USA", "Pentagon (Ryder)", "in_combat_area", 10000, NA, "at_least"),
            ("y", "2024-11-04", "UKR", "Zelensky", "in_combat_area", 11000, 11000, "exact"),
            ("z", "2024-11-04", "USA", "State (Miller)", "in_combat_area", NA, 10000, "up_to"),
            ("z2", "2024-11-05", "USA", "State (Patel)", "in_combat_area", 12000, 12000, "exact"),
        ]
    )
    out = es.disagreements(rows)
    assert set(out["ids"]) == {"y; z", "y; z2"}  # x overlaps both; z and z2 are one agency
    assert out.set_index("ids").loc["y; z", "factor"] == 1.1
    assert es.disagreements(rows, min_factor=1.5).empty


# --- figures -----------------------------------------------------------------------------------


def test_plots_build_from_small_frames():
    names = {"KOR": "South Korea", "USA": "United States"}
    fig = es.plot_estimates(SAMPLE, es.TROOP_MEASURES, names, "t")
    # one panel per measure present (SAMPLE has no planned figure), in the order asked for
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Deployed", "In combat area"]
    dots = [line for ax in fig.axes for line in ax.get_lines() if line.get_marker() not in ("None", None, "")]
    assert dots and all(len(line.get_xdata()) == 1 for line in dots), "estimates are dots, never joined by lines"
    assert fig._suptitle.get_text() == "t"
    plt.close(fig)
    gaps = es.acknowledgement_gap(events(), ["s1", "s2"], ["e1"])
    fig = es.plot_acknowledgement_gap(gaps, {"s1": "UKR", "s2": "KOR", "e1": "RUS"})
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["first report →\nack", "first warning →\nack"]
    plt.close(fig)
    fig = es.plot_casualty_ratio(es.casualty_ratios(CASUALTIES, exclude=["wave"]), names)
    assert len(fig.axes[0].get_legend().get_texts()) == 2
    plt.close(fig)


def test_value_labels_say_open_bounds_and_ranges():
    rows = es.point_estimates(pd.concat([SAMPLE, CASUALTIES], ignore_index=True))
    shown = {row.direction: es.value_label(row) for row in rows.itertuples(index=False)}
    assert {"up", "point"} <= set(shown)
    for direction, text in shown.items():
        assert {
            "up": text.endswith("+"),
            "down": text.startswith("≤"),
            "range": "–" in text,
            "point": text.replace(",", "").isdigit(),
        }[direction], (direction, text)


def test_label_rows_put_close_labels_on_different_rows_and_reuse_free_ones():
    from analysis.figures import label_rows

    assert label_rows([0.0, 0.3, 2.0], [1.0, 1.0, 1.0]) == [0, 1, 0]
    assert label_rows([2.0, 0.0], [1.0, 1.0]) == [0, 0]
