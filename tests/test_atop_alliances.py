"""The ATOP reference table agrees with the ATOP codes the project published earlier, treaty by treaty."""

from __future__ import annotations

import analysis


def test_reference_table_matches_every_published_atop_code():
    pop = analysis.load("atop_alliances").set_index("atopid")
    published = analysis.load("atop_published")
    in_table = published[published["variable"].isin(pop.columns)]
    mismatches = [
        (int(r.atop_id), r.variable, int(r.atop_value), int(pop.loc[int(r.atop_id), r.variable]))
        for r in in_table.itertuples()
        if int(pop.loc[int(r.atop_id), r.variable]) != int(r.atop_value)
    ]
    assert len(in_table) >= 60 and mismatches == []


def test_every_treaty_atop_id_is_in_the_reference_table():
    pop = analysis.load("atop_alliances")
    ids = analysis.load("treaties")["atop_id"].dropna().astype(int)
    assert set(ids) <= set(pop["atopid"].astype(int))


def test_reference_table_is_the_whole_v401_population():
    pop = analysis.load("atop_alliances")
    assert len(pop) == 745 and (pop["version"] == "4.0100002").all()
    assert pop["begyr"].min() == 1815 and pop["begyr"].max() == 2016
    assert (pop["n_members"] == pop["members"].map(len)).all()
    assert pop["bc_depth"].notna().sum() == 487  # Benson and Clinton's 492 scores, less five atopids ATOP v4.01 dropped
