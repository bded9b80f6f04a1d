"""Snapshots, the fixed layout and the change table follow the module's written rules."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

import analysis
from analysis import network as nw


def clause(tid, **atop):
    return dict(treaty_id=tid, DEFENSE=0, OFFENSE=0, NEUTRAL=0, NONAGG=0, CONSUL=0, CONDITIO=0, DEFCON=0, DEFCOLOC=0) | atop


TREATIES = pd.DataFrame({
    "treaty_id": ["old-def", "consult", "new-def", "multi", "neutral"],
    "parties": [["AAA", "BBB"], ["AAA", "BBB"], ["AAA", "BBB"], ["CCC", "DDD", "EEE", "FFF"], ["AAA", "GGG"]],
    "signed": pd.to_datetime(["1960-01-01", "2000-01-01", "2024-06-01", "1950-01-01", "2025-01-01"]),
    "in_force": pd.to_datetime(["1960-06-01", None, "2024-12-01", "1950-06-01", "2025-10-01"]),
    "ended": pd.to_datetime(["1996-01-01", "2024-12-01", None, None, None]),
})
CLAUSES = pd.DataFrame([clause("old-def", DEFENSE=1), clause("consult", CONSUL=1), clause("new-def", DEFENSE=1),
                        clause("multi", DEFENSE=1), clause("neutral", NEUTRAL=1)])


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
        ["AAA", "BBB", "consultation", "defence", "changed"], ["AAA", "GGG", "-", "neutrality_nonaggression", "added"]]
    assert nw.changes(before, after, nodes=["AAA", "BBB"]).shape[0] == 1
    assert nw.partners(after, "AAA") == ["BBB"] and nw.partners(before, "AAA", "consultation") == ["BBB"]


def test_layout_is_fixed_deterministic_and_pins_anchors():
    graphs = [nw.snapshot(TREATIES, CLAUSES, d) for d in ("1970-01-01", "2025-12-31")]
    anchors = {"AAA": (0.0, 0.0), "BBB": (1.0, 0.0)}
    one = nw.fixed_layout(graphs, anchors)
    two = nw.fixed_layout(list(reversed(graphs)), anchors)
    assert one == two
    assert one["AAA"] == (0.0, 0.0) and one["BBB"] == (1.0, 0.0)
    assert set(one) == {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "multi"}


def test_real_network_prk_gains_a_second_defence_partner():
    treaties, clauses = analysis.load("treaties"), analysis.load("defence_clauses")
    g = nw.snapshots(treaties, clauses, {"2023": "2023-12-31", "2025": "2025-12-31"})
    assert nw.partners(g["2023"], "PRK") == ["CHN"] and nw.partners(g["2025"], "PRK") == ["CHN", "RUS"]
    table = nw.summary(g)
    assert table["PRK_consultation_partners"].tolist() == ["RUS", "-"]
    fig = nw.plot_snapshots(g, nw.fixed_layout(g.values()), {})
    assert len(fig.axes) == 2
    assert "PRK defence partners CHN, RUS" in nw.snapshots_alt(g)
    plt.close(fig)
