"""The commitment-strength index, its sensitivity, the ATOP cross-check and export follow written rules."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import alliances as al


def clause(tid, trigger="armed_attack", timing="none", qualifier="none", means="unspecified", scope="none", **atop):
    codes = dict(DEFENSE=1, OFFENSE=0, NEUTRAL=0, NONAGG=0, CONSUL=0, CONDITIO=0, DEFCON=0, DEFCOLOC=0) | atop
    return dict(treaty_id=tid, trigger=trigger, timing=timing, qualifier=qualifier, means=means, scope=scope, **codes)


STRONG = clause("strong", trigger="state_of_war", timing="immediately", means="all_means")
CONSTITUTIONAL = clause(
    "constitutional", qualifier="constitutional_processes", scope="regional:pacific", DEFCON=1, CONDITIO=1
)
DISCRETION = clause("discretion", timing="forthwith", qualifier="deems_necessary", means="armed_force_included")
CONSULT_ONLY = clause("consult", trigger="threat", timing="immediately", DEFENSE=0, CONSUL=1)
NEUTRAL_ONLY = clause("neutral", trigger="aggression", means="none", DEFENSE=0, NEUTRAL=1)
SAMPLE = pd.DataFrame([STRONG, CONSTITUTIONAL, DISCRETION, CONSULT_ONLY, NEUTRAL_ONLY])


def test_constitutional_processes_scores_below_immediately_with_all_means():
    score = al.strength_index(SAMPLE)
    assert score["constitutional"] < score["strong"]


def test_component_rules_on_hand_made_clauses():
    comp = al.components(SAMPLE)
    assert comp.loc["strong"].to_dict() == {
        "automatic": 1,
        "no_discretion": 1,
        "means": 1,
        "trigger": 0.5,
        "unconditional": 1,
    }
    assert comp.loc["constitutional"].to_dict() == {
        "automatic": 0,
        "no_discretion": 0.5,
        "means": 0,
        "trigger": 0.5,
        "unconditional": 0,
    }
    assert comp.loc["discretion", "no_discretion"] == 0 and comp.loc["discretion", "means"] == 0.5


def test_equal_weights_index_is_the_mean_of_components_times_100():
    score = al.strength_index(SAMPLE)
    assert score["strong"] == pytest.approx(90) and score["constitutional"] == pytest.approx(20)


def test_a_geographic_limit_counts_once_whether_or_not_atop_also_codes_it():
    limited = al.components(
        pd.DataFrame(
            [
                clause("a", scope="regional:pacific"),
                clause("b", scope="regional:pacific", DEFCON=1),
                clause("c", DEFCON=1),
                clause("d"),
            ]
        )
    )
    assert limited["unconditional"].tolist() == [0, 0, 0, 1]
    assert limited.drop(columns="unconditional").nunique().max() == 1  # nothing else differs


def test_state_of_war_and_armed_attack_triggers_score_the_same():
    comp = al.components(
        pd.DataFrame(
            [
                clause("war", trigger="state_of_war"),
                clause("attack", trigger="armed_attack"),
                clause("threat", trigger="threat"),
            ]
        )
    )
    assert comp.loc["war", "trigger"] == comp.loc["attack", "trigger"] == 0.5 and comp.loc["threat", "trigger"] == 1
    old = al.components(pd.DataFrame([clause("war", trigger="state_of_war")]), al.OLD_TRIGGER_RULE)
    assert old.loc["war", "trigger"] == 0


def test_no_defence_pledge_scores_zero_even_with_an_immediate_consultation():
    score = al.strength_index(SAMPLE)
    assert score["consult"] == 0 and score["neutral"] == 0


def test_weights_change_the_index_as_written():
    only_trigger = al.strength_index(SAMPLE, {"trigger": 1})
    assert only_trigger["strong"] == 50 and only_trigger["constitutional"] == 50
    doubled = al.strength_index(SAMPLE, [2, 1, 1, 1, 1])
    assert doubled["strong"] == pytest.approx(100 * 5.5 / 6, abs=0.05)


@pytest.mark.parametrize("bad", [{"charm": 1}, {"trigger": 0}, [1, 1], [-1, 1, 1, 1, 1]])
def test_bad_weights_are_rejected(bad):
    with pytest.raises(ValueError):
        al.strength_index(SAMPLE, bad)


def test_unknown_code_has_no_silent_score():
    with pytest.raises(ValueError, match="timing"):
        al.components(pd.DataFrame([clause("x", timing="eventually")]))


def test_grid_has_every_weighting_but_all_zero():
    grid = al.weight_grid()
    assert len(grid) == 3**5 - 1 and (0,) * 5 not in grid and len(set(grid)) == len(grid)
    assert len(al.weight_grid((1, 2))) == 32


def test_sensitivity_ranks_and_shares():
    sens = al.sensitivity(SAMPLE, (1, 2))
    assert list(sens.index[:3]) == ["strong", "discretion", "constitutional"]
    assert sens.loc["strong", "rank"] == 1 and sens.loc["strong", "keeps_rank"] == 1.0
    assert sens.loc["consult", "rank"] == sens.loc["neutral", "rank"] == 4  # ties share the best rank
    assert (sens["best_rank"] <= sens["rank"]).all() and (sens["rank"] <= sens["worst_rank"]).all()
    assert (sens["weightings"] == 32).all()


def test_pairwise_robustness_sums_to_one():
    share = al.pairwise_robustness(SAMPLE, "strong", "constitutional", (1, 2))
    assert share["above"] == 1.0 and share["below"] == 0.0
    full = al.pairwise_robustness(SAMPLE, "strong", "constitutional")
    assert full["below"] == 0 and 0 < full["equal"] < 0.05  # weightings that count only the trigger tie them
    assert sum(full.values()) == pytest.approx(1.0)


def test_obligation_takes_the_strongest_pledge():
    ob = al.obligations(SAMPLE)
    assert ob["strong"] == "defence" and ob["consult"] == "consultation" and ob["neutral"] == "neutrality_nonaggression"


def published(rows):
    return pd.DataFrame(rows, columns=["treaty_id", "atop_id", "variable", "atop_value", "note"])


def test_crosscheck_explains_every_difference_or_flags_it():
    pub = published(
        [
            ("strong", 1, "DEFENSE", 1, "v4"),
            ("strong", 1, "NONAGG", 1, "ATOP reads Art. 5 as a non-aggression pledge"),
            ("constitutional", 2, "DEFCON", 0, None),
        ]
    )
    check = al.atop_crosscheck(SAMPLE, pub)
    assert check["agree"].tolist() == [True, False, False]
    assert check["explanation"].tolist() == ["same code", "ATOP reads Art. 5 as a non-aggression pledge", "UNEXPLAINED"]
    matrix = al.crosscheck_matrix(check)
    assert matrix.loc["strong", "NONAGG"] == "0/1 ≠" and matrix.loc["strong", "DEFENSE"] == "1/1"


def test_atop_export_writes_atop_names(tmp_path):
    treaties = pd.DataFrame(
        {
            "treaty_id": ["strong", "constitutional"],
            "atop_id": pd.array([None, 3240], dtype="Int64"),
            "signed": pd.to_datetime(["2024-06-19", "1953-10-01"]),
            "ended": pd.to_datetime([None, "1996-09-10"]),
        }
    )
    out = al.atop_export(treaties, SAMPLE, tmp_path / "x" / "export.csv")
    written = pd.read_csv(tmp_path / "x" / "export.csv")
    assert {"atopid", "begyr", "begmo", "begday", "endyr", "defense", "conditio", "defcon", "defcoloc"} <= set(
        written.columns
    )
    assert written.loc[0, ["begyr", "begmo", "begday", "endyr"]].tolist() == [2024, 6, 19, 0]
    assert written.loc[1, ["endyr", "endmo", "endday", "defcon"]].tolist() == [1996, 9, 10, 1]
    assert out["coded_here_first"].tolist() == [1, 0]


def test_coverage_and_figures_on_real_tables():
    treaties, clauses = analysis.load("treaties"), analysis.load("defence_clauses")
    cov = al.coverage(treaties, clauses)
    assert cov["treaty_id"].tolist() == ["ussr-dprk-1961", "prc-dprk-1961", "rus-dprk-2000", "rus-dprk-2024"]
    assert cov["obligation"].tolist() == ["defence", "defence", "consultation", "defence"]
    names = dict(zip(treaties["treaty_id"], treaties["treaty_id"], strict=True))
    assert "rus-dprk-2000: consultation only" in al.coverage_alt(cov, names)
    for fig in (
        al.plot_features(clauses, names),
        al.plot_index(al.sensitivity(clauses, (1, 2)), names),
        al.plot_coverage(cov, names, pd.Timestamp("2026-12-31")),
    ):
        assert fig.axes
        plt.close(fig)


def test_real_clauses_are_all_scored_and_atop_codes_agree():
    clauses, pub = analysis.load("defence_clauses"), analysis.load("atop_published")
    assert len(al.strength_index(clauses)) == len(clauses)
    check = al.atop_crosscheck(clauses, pub)
    assert (check["explanation"] != "UNEXPLAINED").all()


def test_rules_table_lists_every_scored_code():
    rules = al.rules_table()
    assert set(rules["component"]) == {"gate", *al.COMPONENTS}
    assert "qualifier = constitutional_processes" in rules["coded value"].tolist()
    assert (
        len(rules)
        == 1 + len(al.TIMING_SCORE) + len(al.QUALIFIER_SCORE) + len(al.MEANS_SCORE) + len(al.TRIGGER_SCORE) + 2
    )


def test_a_flip_changes_only_its_treaty_and_column():
    flip = al.Flip("x", "constitutional", "qualifier", "deems_necessary", "why")
    out = al.flipped(SAMPLE, flip)
    changed = (out != SAMPLE).stack()
    assert changed[changed].index.tolist() == [(1, "qualifier")]
    with pytest.raises(ValueError, match="nobody"):
        al.flipped(SAMPLE, al.Flip("nobody", "nobody", "timing", "none", ""))


def test_coding_sensitivity_reports_each_conclusion_under_each_variant():
    flips = (
        al.Flip("strong loses its timing word", "strong", "timing", "none", ""),
        al.Flip("discretion loses its means", "discretion", "means", "unspecified", ""),
    )
    check = al.coding_sensitivity(SAMPLE, [("strong", "discretion"), ("discretion", "constitutional")], flips)
    assert len(check) == 2 * (1 + len(flips) + 1)
    base = check[check["variant"] == "baseline"].set_index("first")["holds"]
    assert base["strong"] == 1.0 and base["discretion"] == 1.0
    survive = al.surviving(check).set_index("first")
    assert survive.loc["strong", "variants"] == 4 and survive.loc["discretion", "hold_everywhere"] == 4
    assert survive.loc["strong", "weakest_share"] < 1  # without its timing word 'strong' no longer always leads
