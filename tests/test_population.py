"""The 2024 treaty in the ATOP population: the distance, Leeds and Anac's rule, era shares, neighbours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import population as pp


def alliance(atopid, begyr=1950, bilat=1, depth=None, scope=None, **codes):
    base = dict(DEFENSE=1, OFFENSE=0, NEUTRAL=0, NONAGG=0, CONSUL=0, CONDITIO=0, DEFCON=0, MILINST=0)
    return dict(atopid=atopid, begyr=begyr, bilat=bilat, bc_depth=depth, bc_scope=scope, **(base | codes))


POP = pd.DataFrame(
    [
        alliance(1, 1850, depth=0.1, scope=0.1),
        alliance(2, 1930, CONSUL=1, depth=0.3, scope=0.2),
        alliance(3, 1960, CONSUL=1, CONDITIO=1, MILINST=2, depth=2.0, scope=1.0),
        alliance(4, 2000, DEFENSE=0, NONAGG=1, bilat=0),
        alliance(5, 1990, CONSUL=1, CONDITIO=1),
    ]
)
ME = {
    "DEFENSE": 1,
    "OFFENSE": 0,
    "NEUTRAL": 0,
    "NONAGG": 0,
    "CONSUL": 1,
    "CONDITIO": 1,
    "DEFCON": 0,
    "bilat": 1,
    "MILINST": 0,
}


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"MILCON": 3}, 2),
        ({"INTCOM": 1, "MILCON": 0}, 2),
        ({"BASE": 1}, 2),
        ({"MILCON": 2}, 1),
        ({"MILAID": 3}, 1),
        ({"MILAID": 4}, 1),
        ({"MILAID": 2, "MILCON": 1}, 0),
        ({"SUBORD": 1}, 1),
        ({"CONTRIB": 1}, 1),
        ({"ORGPURP1": 4}, 1),
        ({"ORGPURP2": 1}, 1),
        ({"ORGPURP1": 2, "MILCON": 0}, 0),
        ({"MILCON": 2, "BASE": 1}, 2),  # high wins over moderate
        ({}, None),
        ({"MILCON": 0}, 0),
    ],
)
def test_milinst_rule_on_hand_made_rows(inputs, expected):
    assert pp.milinst(inputs) == expected


def test_milinst_rule_reproduces_every_published_value():
    pop = analysis.load("atop_alliances")
    recomputed = pop.apply(lambda r: pp.milinst(r.to_dict()), axis=1).astype("Float64")
    assert recomputed.fillna(-1).tolist() == pop["MILINST"].astype("Float64").fillna(-1).tolist()


def test_distance_is_the_share_of_differing_features():
    d = pp.distances(POP, ME)
    assert d[5] == 0 and d[3] == pytest.approx(1 / 9, abs=1e-4)  # MILINST 2 vs 0 counts as 1 on a 0-1 scale
    assert d[2] == pytest.approx(1 / 9, abs=1e-4) and d[1] == pytest.approx(2 / 9, abs=1e-4)
    assert d[4] == pytest.approx(5 / 9, abs=1e-4)  # DEFENSE, NONAGG, CONSUL, CONDITIO, bilat differ


def test_distance_skips_features_either_side_lacks():
    row = dict(ME, MILINST=None)
    assert pp.distances(POP, row)[3] == 0  # the only difference was MILINST


def test_neighbours_keep_ties_and_sort_by_distance_then_id():
    near = pp.neighbours(POP, ME, k=2)
    assert near["atopid"].tolist() == [5, 2, 3]  # 2 and 3 tie at the second distance
    assert pp.neighbours(POP, ME, k=1, scored_only=True)["atopid"].tolist() == [2, 3]


def test_rank_of_counts_strictly_nearer_alliances():
    assert pp.rank_of(POP, ME, 1) == (pytest.approx(2 / 9, abs=1e-4), 3)


def test_shares_by_era():
    shares = pp.shares_by_era(POP, ME)
    assert (
        shares.loc["1945-1991 (Cold War)", "alliances"] == 2 and shares.loc["1945-1991 (Cold War)", "same_profile"] == 2
    )
    assert shares.loc["1815-1913", "same_share"] == 0 and shares.loc["all eras", "alliances"] == 5
    assert shares.loc["all eras", "defence_and_consultation"] == 3
    with pytest.raises(ValueError):
        pp.era(1814)


def test_depth_scope_estimate_reports_a_spread_from_scored_neighbours():
    est = pp.depth_scope_estimate(POP, ME, k=1)
    assert est.loc["bc_depth", "neighbours"] == 2 and est.loc["bc_depth", "median"] == pytest.approx(1.15)
    assert est.loc["bc_depth", "p10"] < est.loc["bc_depth", "median"] < est.loc["bc_depth", "p90"]


def test_target_row_from_a_clause():
    clause = {"DEFENSE": 1, "OFFENSE": 0, "NEUTRAL": 0, "NONAGG": 0, "CONSUL": 1, "CONDITIO": 1, "DEFCON": 0}
    row = pp.target(clause, 2, {"MILCON": 2})
    assert row["bilat"] == 1 and row["MILINST"] == 1
    assert pp.target(clause, 3, pp.RUS_DPRK_2024_MILINST_INPUTS) | {"bilat": 1} == ME


def test_figure_draws():
    shares = pp.shares_by_era(POP, ME)
    fig = pp.plot_population(shares, POP, {"one": 3}, pp.depth_scope_estimate(POP, ME, 2))
    assert len(fig.axes) == 2
    plt.close(fig)
