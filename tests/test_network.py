"""Snapshots, the fixed layout and the change table follow the module's written rules."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

import analysis
from analysis import network as nw


def clause(tid, **atop):
    return (
        dict(treaty_id=tid, DEFENSE=0, OFFENSE=0, NEUTRAL=0, NONAGG=0, CONSUL=0, CONDITIO=0, DEFCON=0, DEFCOLOC=0)
        | atop
    )


TREATIES = pd.DataFrame(
    {
        "treaty_id": ["old-def", "consult", "new-def", "multi", "neutral"],
        "parties": [["AAA", "BBB"], ["AAA", "BBB"], ["AAA", "BBB"], ["CCC", "DDD", "EEE", "FFF"], ["AAA", "GGG"]],
        "signed": pd.to_datetime(["1960-01-01", "2000-01-01", "2024-06-01", "1950-01-01", "2025-01-01"]),
        "in_force": pd.to_datetime(["1960-06-01", None, "2024-12-01", "1950-06-01", "2025-10-01"]),
        "ended": pd.to_datetime(["1996-01-01", "2024-12-01", None, None, None]),
    }
)
CLAUSES = pd.DataFrame(
    [
        clause("old-def", DEFENSE=1),
        clause("consult", CONSUL=1),
        clause("new-def", DEFENSE=1),
        clause("multi", DEFENSE=1),
        clause("neutral", NEUTRAL=1),
    ]
)


def test_active_uses_entry_into_force_else_signature_and_exclusive_end():
    assert nw.active(TREATIES, "1960-03-01")["treaty_id"].tolist() == ["multi"]
    assert nw.active(TREATIES, "2000-06-01")["treaty_id"].tolist() == ["consult", "multi"]
    assert nw.active(TREATIES, "2024-12-01")["treaty_id"].tolist() == ["new-def", "multi"]


def test_multilateral_treaties_become_hubs():
    g = nw.snapshot(TREATIES, CLAUSES, "1970-01-01")
    assert g.nodes["multi"]["kind"] == "treaty" and g.degree("multi") == 4
    assert not g.has_edge("CCC", "DDD")
    assert g.edges["AAA", "BBB"]["obligation"] == "defence"


def test_strongest_obligation_wins_on_a_shared_pair():
    both = TREATIES.assign(ended=pd.NaT)
    g = nw.snapshot(both, CLAUSES, "2030-01-01")
    assert g.edges["AAA", "BBB"]["obligation"] == "defence"
    assert g.edges["AAA", "BBB"]["treaties"] == ["old-def", "consult", "new-def"]


def test_changes_between_snapshots():
    before, after = nw.snapshot(TREATIES, CLAUSES, "2023-12-31"), nw.snapshot(TREATIES, CLAUSES, "2025-12-31")
    ch = nw.changes(before, after)
    assert ch[["a", "b", "before", "after", "change"]].values.tolist() == [
        ["AAA", "BBB", "consultation", "defence", "changed"],
        ["AAA", "GGG", "-", "neutrality_nonaggression", "added"],
    ]
    assert nw.changes(before, after, nodes=["AAA", "BBB"]).shape[0] == 1
    assert nw.partners(after, "AAA") == ["BBB"] and nw.partners(before, "AAA", "consultation") == ["BBB"]


MEMBERS = pd.DataFrame(
    {
        "treaty_id": ["multi"] * 5,
        "member": ["CCC", "DDD", "EEE", "FFF", "HHH"],
        "joined": pd.to_datetime(["1950-01-01", "1950-01-01", "1950-01-01", "1990-01-01", "2000-01-01"]),
        "left": pd.to_datetime([None, None, "1999-01-01", None, None]),
        "suspended": pd.to_datetime([None, None, None, "2024-02-22", None]),
    }
)


def test_members_on_a_date_follow_join_leave_and_freeze_dates():
    assert nw.members_on(MEMBERS, "multi", "1970-01-01") == (["CCC", "DDD", "EEE"], [])
    assert nw.members_on(MEMBERS, "multi", "1999-01-01") == (["CCC", "DDD", "FFF"], [])  # leaving day excluded
    assert nw.members_on(MEMBERS, "multi", "2025-01-01") == (["CCC", "DDD", "FFF", "HHH"], ["FFF"])


def test_snapshot_takes_hub_members_from_memberships():
    g = nw.snapshot(TREATIES, CLAUSES, "2025-12-31", MEMBERS)
    assert g.nodes["multi"]["members"] == ["CCC", "DDD", "FFF", "HHH"] and g.nodes["multi"]["frozen"] == ["FFF"]
    assert (
        not g.has_edge("multi", "EEE")
        and g.edges["multi", "FFF"]["suspended"]
        and not g.edges["multi", "CCC"]["suspended"]
    )
    old = nw.snapshot(TREATIES, CLAUSES, "1995-01-01", MEMBERS)
    table = nw.membership_table({"1995": old, "2025": g}, "multi")
    assert table["members"].tolist() == [4, 4]
    assert (
        table.loc[1, "joined since"] == "HHH"
        and table.loc[1, "left since"] == "EEE"
        and table.loc[1, "frozen"] == "FFF"
    )
    assert not nw.snapshot(TREATIES, CLAUSES, "1970-01-01", MEMBERS).has_node("multi")  # three members: pairs, no hub


def test_real_memberships_give_each_year_its_members():
    treaties, clauses, members = (
        analysis.load("treaties"),
        analysis.load("defence_clauses"),
        analysis.load("memberships"),
    )
    g = nw.snapshots(
        treaties,
        clauses,
        {"1961": "1961-12-31", "2000": "2000-12-31", "2023": "2023-12-31", "2025": "2025-12-31"},
        members,
    )
    nato = [len(g[k].nodes["nato-1949"]["members"]) for k in g]
    assert nato == [15, 19, 31, 32]
    assert "FIN" in g["2023"].nodes["nato-1949"]["members"] and "SWE" not in g["2023"].nodes["nato-1949"]["members"]
    cst = g["2025"].nodes["cst-1992"]
    assert cst["members"] == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"] and cst["frozen"] == ["ARM"]
    assert {"AZE", "GEO", "UZB"}.isdisjoint(g["2000"].nodes["cst-1992"]["members"])


def test_real_network_prk_gains_a_second_defence_partner():
    treaties, clauses = analysis.load("treaties"), analysis.load("defence_clauses")
    g = nw.snapshots(treaties, clauses, {"2023": "2023-12-31", "2025": "2025-12-31"}, analysis.load("memberships"))
    assert nw.partners(g["2023"], "PRK") == ["CHN"] and nw.partners(g["2025"], "PRK") == ["CHN", "RUS"]
    table = nw.summary(g)
    assert table["PRK_consultation_partners"].tolist() == ["RUS", "-"]
    fig = nw.plot_snapshots(g, {"nato-1949": "NATO", "cst-1992": "CST"})
    assert len([ax for ax in fig.axes if ax.texts]) == 2
    assert "PRK defence partners CHN, RUS" in nw.snapshots_alt(g)
    plt.close(fig)


def test_snapshot_labels_are_legible_and_do_not_overlap():
    treaties, clauses = analysis.load("treaties"), analysis.load("defence_clauses")
    dates = {"1961": "1961-12-31", "2000": "2000-12-31", "2023": "2023-12-31", "2025": "2025-12-31"}
    fig = nw.plot_snapshots(
        nw.snapshots(treaties, clauses, dates, analysis.load("memberships")), {"nato-1949": "NATO", "cst-1992": "CST"}
    )
    assert fig.get_size_inches()[0] <= 6.7
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
        assert all(t.get_fontsize() >= 8 for t in ax.texts)
        for i, (a, box_a) in enumerate(boxes):
            assert fig.bbox.contains(box_a.x0, box_a.y0) and fig.bbox.contains(box_a.x1, box_a.y1), a
            for b, box_b in boxes[i + 1 :]:
                assert not box_a.overlaps(box_b), (ax.get_title(), a, b)
    plt.close(fig)
