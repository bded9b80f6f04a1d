"""The alliance network of notebook 07: states as nodes, treaty ties as edges, at chosen dates.

Why a fixed layout: snapshots are only comparable if every state sits in the same place in
each of them, so positions are computed once, over the union of all snapshots, with the
Northeast Asian states pinned to explicit coordinates and the rest placed by a seeded spring
layout. The same data and versions give the same picture.

Rules:
- A treaty is active on a date if it had entered into force (or, with no entry-into-force date,
  been signed) on or before that date and had not ended by it.
- A bilateral or three-party treaty links every pair of its parties. A treaty with more than
  `HUB_MIN_PARTIES` parties (NATO, CST) becomes a hub node linked to each party, so a
  12-member treaty draws 12 edges, not 66.
- Each edge carries the strongest obligation among the treaties behind it (defence >
  consultation > neutrality/non-aggression), from `analysis.alliances.obligation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style
from .alliances import OBLIGATION_COLOURS, OBLIGATION_LABELS, OBLIGATION_ORDER, obligations

HUB_MIN_PARTIES = 4
NORTHEAST_ASIA: tuple[str, ...] = ("RUS", "SUN", "PRK", "CHN", "KOR", "JPN", "USA")
# Explicit positions (roughly west-east, north-south) for the states the notebook is about.
ANCHORS: dict[str, tuple[float, float]] = {
    "SUN": (-0.1, 2.0), "RUS": (0.5, 2.0), "CHN": (-0.4, 0.7), "PRK": (0.5, 1.0),
    "KOR": (0.9, 0.2), "JPN": (1.8, 0.9), "USA": (2.6, -0.2),
    # the two multilateral hubs and Belarus, so that no tie passes through another state
    "cst-1992": (-1.2, 2.9), "BLR": (0.5, 3.0), "nato-1949": (4.0, -1.1),
}
EDGE_STYLES: dict[str, dict[str, object]] = {
    "defence": {"style": "solid", "width": 2.6},
    "consultation": {"style": "dashed", "width": 1.8},
    "neutrality_nonaggression": {"style": "dotted", "width": 1.8},
    "none": {"style": "dotted", "width": 0.8},
}
EDGE_COLOURS: dict[str, str] = {  # darker than the bar colours of notebook 03, so thin lines stay visible
    "defence": OBLIGATION_COLOURS["defence"], "consultation": "#4477AA", "neutrality_nonaggression": "#999933", "none": "#BBBBBB",
}
LAYOUT_SEED = 2024


def active(treaties: pd.DataFrame, date: str | pd.Timestamp) -> pd.DataFrame:
    """The treaties in force on `date` (start = entry into force, else signature; end exclusive)."""
    when = pd.Timestamp(date)
    start = treaties["in_force"].fillna(treaties["signed"])
    ended = treaties["ended"]
    keep = (start <= when) & (ended.isna() | (ended > when))
    return treaties[keep]


def _stronger(a: str, b: str) -> str:
    return a if OBLIGATION_ORDER.index(a) <= OBLIGATION_ORDER.index(b) else b


def snapshot(treaties: pd.DataFrame, clauses: pd.DataFrame, date: str | pd.Timestamp) -> nx.Graph:
    """The network on `date`: state and hub nodes, edges with `obligation` and `treaties` attributes."""
    ob = obligations(clauses)
    graph = nx.Graph(date=pd.Timestamp(date))
    for _, t in active(treaties, date).iterrows():
        kind = ob.get(t["treaty_id"], "none")
        parties = list(t["parties"])
        for p in parties:
            graph.add_node(p, kind="state")
        if len(parties) >= HUB_MIN_PARTIES:
            hub = t["treaty_id"]
            graph.add_node(hub, kind="treaty")
            pairs = [(hub, p) for p in parties]
        else:
            pairs = [(a, b) for i, a in enumerate(parties) for b in parties[i + 1:]]
        for a, b in pairs:
            if graph.has_edge(a, b):
                data = graph.edges[a, b]
                data["obligation"] = _stronger(data["obligation"], kind)
                data["treaties"] = [*data["treaties"], t["treaty_id"]]
            else:
                graph.add_edge(a, b, obligation=kind, treaties=[t["treaty_id"]])
    return graph


def snapshots(treaties: pd.DataFrame, clauses: pd.DataFrame, dates: Mapping[str, str]) -> dict[str, nx.Graph]:
    """`snapshot` for each labelled date, in the order given."""
    return {label: snapshot(treaties, clauses, date) for label, date in dates.items()}


def fixed_layout(graphs: Iterable[nx.Graph], anchors: Mapping[str, tuple[float, float]] = ANCHORS,
                 seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """One position per node of the union graph: anchors pinned, the rest by a seeded spring layout.

    Rounded to 3 decimals so the figures do not depend on floating-point noise.
    """
    union = nx.Graph()
    for g in graphs:
        union.add_nodes_from(sorted(g.nodes))
        union.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges))
    union = nx.Graph(sorted(union.edges)) if union.number_of_edges() else union
    pinned = {n: anchors[n] for n in anchors if n in union}
    pos = nx.spring_layout(union, pos=pinned or None, fixed=list(pinned) or None, seed=seed, k=0.45, iterations=300)
    return {n: (round(float(x), 3), round(float(y), 3)) for n, (x, y) in sorted(pos.items())}


def changes(before: nx.Graph, after: nx.Graph, nodes: Sequence[str] | None = None) -> pd.DataFrame:
    """Ties added, removed or changed in obligation between two snapshots (optionally among `nodes`)."""
    def ties(g: nx.Graph) -> dict[tuple[str, str], str]:
        out = {}
        for a, b, d in g.edges(data=True):
            if nodes is None or (a in nodes and b in nodes):
                out[tuple(sorted((a, b)))] = d["obligation"]
        return out
    old, new = ties(before), ties(after)
    rows = []
    for pair in sorted(set(old) | set(new)):
        o, n = old.get(pair), new.get(pair)
        if o == n:
            continue
        change = "added" if o is None else "removed" if n is None else "changed"
        rows.append({"a": pair[0], "b": pair[1], "before": o or "-", "after": n or "-", "change": change})
    return pd.DataFrame(rows, columns=["a", "b", "before", "after", "change"])


def partners(graph: nx.Graph, node: str, obligation: str = "defence") -> list[str]:
    """States tied to `node` by a bilateral edge of the given obligation, sorted."""
    if node not in graph:
        return []
    return sorted(m for m in graph.neighbors(node)
                  if graph.nodes[m].get("kind") == "state" and graph.edges[node, m]["obligation"] == obligation)


def summary(graphs: Mapping[str, nx.Graph], focus: str = "PRK") -> pd.DataFrame:
    """Per snapshot: states, treaty hubs, ties by obligation, and `focus`'s defence and consultation partners."""
    rows = []
    for label, g in graphs.items():
        kinds = [d["obligation"] for _, _, d in g.edges(data=True)]
        rows.append({
            "snapshot": label,
            "states": sum(1 for _, d in g.nodes(data=True) if d["kind"] == "state"),
            "treaty_hubs": sum(1 for _, d in g.nodes(data=True) if d["kind"] == "treaty"),
            **{f"{k}_ties": kinds.count(k) for k in OBLIGATION_ORDER[:3]},
            f"{focus}_defence_partners": ", ".join(partners(g, focus, "defence")) or "-",
            f"{focus}_consultation_partners": ", ".join(partners(g, focus, "consultation")) or "-",
        })
    return pd.DataFrame(rows)


def draw_snapshot(ax: Axes, graph: nx.Graph, pos: Mapping[str, tuple[float, float]], title: str,
                  names: Mapping[str, str], highlight: Sequence[str] = NORTHEAST_ASIA) -> None:
    """One snapshot on `ax`: every node of the layout drawn faintly, active nodes and ties on top."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.scatter(xs, ys, s=25, color="#DDDDDD", zorder=1)
    for kind in OBLIGATION_ORDER:
        # each edge as a sorted pair, in sorted order: line direction (and so the SVG) never depends on set order
        edges = sorted(tuple(sorted((a, b))) for a, b, d in graph.edges(data=True) if d["obligation"] == kind)
        if edges:
            nx.draw_networkx_edges(graph, pos, edgelist=sorted(edges), ax=ax, style=EDGE_STYLES[kind]["style"],
                                   width=EDGE_STYLES[kind]["width"], edge_color=EDGE_COLOURS[kind])
    states = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "state")
    hubs = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "treaty")
    big = [n for n in states if n in highlight]
    small = [n for n in states if n not in highlight]
    for group, size in ((small, 90), (big, 420)):
        if group:
            nx.draw_networkx_nodes(graph, pos, nodelist=group, ax=ax, node_size=size,
                                   node_color=[style.colour(n) for n in group], edgecolors="black", linewidths=0.6)
    if hubs:
        nx.draw_networkx_nodes(graph, pos, nodelist=hubs, ax=ax, node_size=300, node_shape="s",
                               node_color=[style.colour("NATO") if h.startswith("nato") else style.FALLBACK_COLOUR for h in hubs],
                               edgecolors="black", linewidths=0.6)
    labels = {n: n for n in big} | {h: names.get(h, h) for h in hubs}
    for n, text in labels.items():
        x, y = pos[n]
        ax.text(x, y + (0.16 if n in hubs else 0.15), text, ha="center", va="bottom", fontsize=8, fontweight="bold" if n in big else "normal")
    for n in small:
        x, y = pos[n]
        ax.text(x, y - 0.05, n, ha="center", va="top", fontsize=6, color="#444444")
    ax.set_title(title, fontsize=11)
    ax.set_axis_off()
    pad = 0.15
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)


def plot_snapshots(graphs: Mapping[str, nx.Graph], pos: Mapping[str, tuple[float, float]], names: Mapping[str, str],
                   title: str = "Treaty ties of the twelve treaties in this package, on one fixed layout") -> Figure:
    """The snapshots side by side (two per row) on the same fixed layout, with one legend."""
    n = len(graphs)
    rows = (n + 1) // 2
    fig, axes = plt.subplots(rows, 2, figsize=(13, 6 * rows if n > 2 else 5.5))
    flat = list(axes.flat) if hasattr(axes, "flat") else [axes]
    for ax, (label, g) in zip(flat, graphs.items(), strict=False):
        draw_snapshot(ax, g, pos, label, names)
    for ax in flat[n:]:
        ax.set_axis_off()
    handles = [Line2D([0], [0], color=EDGE_COLOURS[k],
                      linestyle=EDGE_STYLES[k]["style"], linewidth=EDGE_STYLES[k]["width"], label=OBLIGATION_LABELS[k])
               for k in OBLIGATION_ORDER[:3]]
    handles.append(Line2D([0], [0], marker="s", color="white", markerfacecolor=style.FALLBACK_COLOUR, markeredgecolor="black",
                          markersize=9, label="multilateral treaty (hub)"))
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=9)
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    return fig


def snapshots_alt(graphs: Mapping[str, nx.Graph], focus: str = "PRK") -> str:
    """Alt text computed from the snapshots: ties per obligation and `focus`'s partners."""
    parts = []
    for label, g in graphs.items():
        kinds = [d["obligation"] for _, _, d in g.edges(data=True)]
        defence = ", ".join(partners(g, focus, "defence")) or "none"
        consult = ", ".join(partners(g, focus, "consultation")) or "none"
        parts.append(f"{label}: {g.number_of_nodes()} nodes, {kinds.count('defence')} defence and "
                     f"{kinds.count('consultation')} consultation ties; {focus} defence partners {defence}, "
                     f"consultation partners {consult}")
    return "Four network panels on the same layout. " + "; ".join(parts) + "."
