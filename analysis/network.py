"""The alliance network of notebook 07: states as nodes, treaty ties as edges, at chosen dates.

Why fixed positions: snapshots are only comparable if every state sits in the same place in
each of them, so every drawn node has a hand-set position (PANEL_POSITIONS), the same in every
panel, with its label on a side chosen so that no label lies under a node or another label.
Multilateral treaties are drawn as hubs whose label counts that year's members; the members
outside the region are listed by `membership_table`, not drawn.

Rules:
- A treaty is active on a date if it had entered into force (or, with no entry-into-force date,
  been signed) on or before that date and had not ended by it.
- A bilateral or three-party treaty links every pair of its parties. A treaty with more than
  `HUB_MIN_PARTIES` parties (NATO, CST) becomes a hub node linked to each party, so a
  12-member treaty draws 12 edges, not 66.
- A treaty's parties on a date come from `memberships` where it has rows there (joined on or
  before the date, not yet left); a member that has frozen its participation stays a party and
  its tie is marked `suspended`. Other treaties keep the parties listed in `treaties`.
- Each edge carries the strongest obligation among the treaties behind it (defence >
  consultation > neutrality/non-aggression), from `analysis.alliances.obligation`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style
from .alliances import OBLIGATION_COLOURS, OBLIGATION_LABELS, OBLIGATION_ORDER, obligations

HUB_MIN_PARTIES = 4
NORTHEAST_ASIA: tuple[str, ...] = ("RUS", "SUN", "PRK", "CHN", "KOR", "JPN", "USA")
EDGE_STYLES: dict[str, dict[str, object]] = {
    "defence": {"style": "solid", "width": 2.6},
    "consultation": {"style": "dashed", "width": 1.8},
    "neutrality_nonaggression": {"style": "dotted", "width": 1.8},
    "none": {"style": "dotted", "width": 0.8},
}
EDGE_COLOURS: dict[str, str] = {  # darker than the bar colours of notebook 03, so thin lines stay visible
    "defence": OBLIGATION_COLOURS["defence"],
    "consultation": "#4477AA",
    "neutrality_nonaggression": "#999933",
    "none": "#BBBBBB",
}


def active(treaties: pd.DataFrame, date: str | pd.Timestamp) -> pd.DataFrame:
    """The treaties in force on `date` (start = entry into force, else signature; end exclusive)."""
    when = pd.Timestamp(date)
    start = treaties["in_force"].fillna(treaties["signed"])
    ended = treaties["ended"]
    keep = (start <= when) & (ended.isna() | (ended > when))
    return treaties[keep]


def _stronger(a: str, b: str) -> str:
    return a if OBLIGATION_ORDER.index(a) <= OBLIGATION_ORDER.index(b) else b


def members_on(memberships: pd.DataFrame, treaty_id: str, date: str | pd.Timestamp) -> tuple[list[str], list[str]]:
    """The parties of `treaty_id` on `date` by `memberships` (sorted), and those of them with frozen participation."""
    when = pd.Timestamp(date)
    rows = memberships[memberships["treaty_id"] == treaty_id]
    current = rows[(rows["joined"] <= when) & (rows["left"].isna() | (rows["left"] > when))]
    frozen = current[current["suspended"].notna() & (current["suspended"] <= when)]
    return sorted(current["member"].unique()), sorted(frozen["member"].unique())


def snapshot(
    treaties: pd.DataFrame, clauses: pd.DataFrame, date: str | pd.Timestamp, memberships: pd.DataFrame | None = None
) -> nx.Graph:
    """The network on `date`: state and hub nodes, edges with `obligation` and `treaties` attributes.

    Hub nodes carry `members` (that date's parties) and `frozen` (parties with frozen participation).
    """
    ob = obligations(clauses)
    graph = nx.Graph(date=pd.Timestamp(date))
    listed = set() if memberships is None else set(memberships["treaty_id"])
    for _, t in active(treaties, date).iterrows():
        kind = ob.get(t["treaty_id"], "none")
        frozen: list[str] = []
        if t["treaty_id"] in listed:
            parties, frozen = members_on(memberships, t["treaty_id"], date)
        else:
            parties = list(t["parties"])
        for p in parties:
            graph.add_node(p, kind="state")
        if len(parties) >= HUB_MIN_PARTIES:
            hub = t["treaty_id"]
            graph.add_node(hub, kind="treaty", members=parties, frozen=frozen)
            pairs = [(hub, p) for p in parties]
        else:
            pairs = [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
        for a, b in pairs:
            if graph.has_edge(a, b):
                data = graph.edges[a, b]
                data["obligation"] = _stronger(data["obligation"], kind)
                data["treaties"] = [*data["treaties"], t["treaty_id"]]
            else:
                graph.add_edge(a, b, obligation=kind, treaties=[t["treaty_id"]], suspended=b in frozen)
    return graph


def snapshots(
    treaties: pd.DataFrame, clauses: pd.DataFrame, dates: Mapping[str, str], memberships: pd.DataFrame | None = None
) -> dict[str, nx.Graph]:
    """`snapshot` for each labelled date, in the order given."""
    return {label: snapshot(treaties, clauses, date, memberships) for label, date in dates.items()}


def membership_table(graphs: Mapping[str, nx.Graph], hub: str, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per snapshot: the hub treaty's member count, who joined and who left since the previous snapshot,
    who is frozen."""
    rows, before = [], None
    names = names or {}

    def name(codes: Sequence[str]) -> str:
        return ", ".join(names.get(c, c) for c in codes) or "—"

    for label, g in graphs.items():
        members = g.nodes[hub]["members"] if hub in g else []
        frozen = g.nodes[hub]["frozen"] if hub in g else []
        rows.append(
            {
                "snapshot": label,
                "members": len(members),
                "joined since": name(sorted(set(members) - set(before or []))) if before is not None else name(members),
                "left since": name(sorted(set(before or []) - set(members))) if before is not None else "—",
                "frozen": name(frozen),
            }
        )
        before = members
    return pd.DataFrame(rows)


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
    return sorted(
        m
        for m in graph.neighbors(node)
        if graph.nodes[m].get("kind") == "state" and graph.edges[node, m]["obligation"] == obligation
    )


def summary(graphs: Mapping[str, nx.Graph], focus: str = "PRK") -> pd.DataFrame:
    """Per snapshot: states, treaty hubs, ties by obligation, and `focus`'s defence and consultation partners."""
    rows = []
    for label, g in graphs.items():
        kinds = [d["obligation"] for _, _, d in g.edges(data=True)]
        rows.append(
            {
                "snapshot": label,
                "states": sum(1 for _, d in g.nodes(data=True) if d["kind"] == "state"),
                "treaty_hubs": sum(1 for _, d in g.nodes(data=True) if d["kind"] == "treaty"),
                **{f"{k}_ties": kinds.count(k) for k in OBLIGATION_ORDER[:3]},
                f"{focus}_defence_partners": ", ".join(partners(g, focus, "defence")) or "-",
                f"{focus}_consultation_partners": ", ".join(partners(g, focus, "consultation")) or "-",
            }
        )
    return pd.DataFrame(rows)


STATE_LABELS: dict[str, str] = {
    "SUN": "USSR",
    "RUS": "Russia",
    "BLR": "Belarus",
    "IRN": "Iran",
    "CHN": "China",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "JPN": "Japan",
    "USA": "USA",
    "PHL": "Philippines",
    "AUS": "Australia",
    "NZL": "New Zealand",
}
# Where each drawn node sits (roughly west-east, north-south) and on which side its label goes, so
# that no label lies under a node or a tie. The USSR and Russia share one seat: the snapshots then
# show the seat changing hands rather than a node jumping. Members of the hubs outside this list
# are not drawn; the hub's label counts them and membership_table lists them.
PANEL_POSITIONS: dict[str, tuple[float, float]] = {
    "SUN": (0.2, 2.0),
    "RUS": (0.2, 2.0),
    "BLR": (-1.0, 2.75),
    "cst-1992": (-1.45, 1.75),
    "IRN": (-1.5, 0.1),
    "CHN": (-0.45, 0.85),
    "PRK": (0.75, 1.2),
    "KOR": (1.2, 0.45),
    "JPN": (2.2, 1.0),
    "USA": (2.55, -0.15),
    "nato-1949": (3.3, 1.9),
    "PHL": (1.3, -0.5),
    "AUS": (0.75, -1.3),
    "NZL": (2.2, -1.3),
}
LABEL_SIDES: dict[str, str] = {
    "SUN": "right",
    "RUS": "right",
    "BLR": "above",
    "cst-1992": "below",
    "IRN": "below",
    "CHN": "below",
    "PRK": "below",
    "KOR": "right",
    "JPN": "right",
    "USA": "right",
    "nato-1949": "above",
    "PHL": "right",
    "AUS": "below",
    "NZL": "below",
}
HIGHLIGHT_COLOUR = "#EECC66"  # Paul Tol's light yellow: a halo under ties that changed since the previous panel
LABEL_FONTSIZE = 8.0


def _label(ax: Axes, x: float, y: float, text: str, side: str, bold: bool = False) -> None:
    offset = {
        "above": (0, 0.2, "center", "bottom"),
        "below": (0, -0.2, "center", "top"),
        "right": (0.16, 0, "left", "center"),
        "left": (-0.16, 0, "right", "center"),
    }[side]
    ax.text(
        x + offset[0],
        y + offset[1],
        text,
        ha=offset[2],
        va=offset[3],
        fontsize=LABEL_FONTSIZE,
        fontweight="bold" if bold else "normal",
        zorder=6,
        bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
    )


def _changed_pairs(before: nx.Graph | None, after: nx.Graph) -> set[tuple[str, str]]:
    if before is None:
        return set()
    ch = changes(before, after)
    return {tuple(sorted((a, b))) for a, b, c in ch[["a", "b", "change"]].itertuples(index=False) if c != "removed"}


def draw_snapshot(
    ax: Axes,
    graph: nx.Graph,
    title: str,
    names: Mapping[str, str],
    previous: nx.Graph | None = None,
    positions: Mapping[str, tuple[float, float]] = PANEL_POSITIONS,
) -> None:
    """One snapshot on `ax`: the drawn states and hubs, ties styled by obligation, changed ties haloed.

    A hub's label gives its member count that year, the change since `previous`, and frozen members.
    """
    shown = [n for n in graph.nodes if n in positions]
    changed = _changed_pairs(previous, graph)
    edges = sorted(tuple(sorted((a, b))) for a, b in graph.edges if a in positions and b in positions)
    for a, b in edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        d = graph.edges[a, b]
        if (a, b) in changed:
            ax.plot([x1, x2], [y1, y2], color=HIGHLIGHT_COLOUR, linewidth=9, solid_capstyle="round", zorder=1)
        ax.plot(
            [x1, x2],
            [y1, y2],
            color=EDGE_COLOURS[d["obligation"]],
            linestyle=EDGE_STYLES[d["obligation"]]["style"],
            linewidth=EDGE_STYLES[d["obligation"]]["width"],
            zorder=2,
        )
    for n in sorted(shown):
        x, y = positions[n]
        if graph.nodes[n].get("kind") == "treaty":
            ax.scatter(
                [x],
                [y],
                s=170,
                marker="s",
                color=style.colour("NATO") if n.startswith("nato") else style.FALLBACK_COLOUR,
                edgecolors="black",
                linewidths=0.6,
                zorder=4,
            )
            members = graph.nodes[n].get("members", [])
            extra = ""
            if previous is not None and n in previous:
                gained = len(set(members) - set(previous.nodes[n].get("members", [])))
                lost = len(set(previous.nodes[n].get("members", [])) - set(members))
                extra = "".join(f" {sign}{k}" for sign, k in (("+", gained), ("−", lost)) if k)
            frozen = graph.nodes[n].get("frozen", [])
            text = f"{names.get(n, n)}\n{len(members)} members{extra}" + (f"\n{len(frozen)} frozen" if frozen else "")
            _label(ax, x, y, text, LABEL_SIDES.get(n, "below"))
        else:
            ax.scatter(
                [x],
                [y],
                s=110 if n in NORTHEAST_ASIA else 60,
                color=style.colour(n),
                edgecolors="black",
                linewidths=0.6,
                zorder=4,
            )
            _label(ax, x, y, STATE_LABELS.get(n, n), LABEL_SIDES.get(n, "right"), bold=n in NORTHEAST_ASIA)
    ax.set_title(title, fontsize=9)
    ax.set_axis_off()
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    ax.set_xlim(min(xs) - 0.45, max(xs) + 1.05)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.45)


def plot_snapshots(
    graphs: Mapping[str, nx.Graph],
    names: Mapping[str, str],
    title: str = "Treaty ties in and around Northeast Asia, year-end snapshots",
) -> Figure:
    """The snapshots as small multiples (two per row, 6.7 in wide), each haloing what changed since the one before."""
    n = len(graphs)
    rows = (n + 1) // 2
    fig, axes = plt.subplots(rows, 2, figsize=(6.7, 3.05 * rows + 0.6))
    flat = list(np.ravel(axes))
    previous = None
    for ax, (label, g) in zip(flat, graphs.items(), strict=False):
        draw_snapshot(ax, g, label, names, previous)
        previous = g
    for ax in flat[n:]:
        ax.set_axis_off()
    handles = [
        Line2D(
            [0],
            [0],
            color=EDGE_COLOURS[k],
            linestyle=EDGE_STYLES[k]["style"],
            linewidth=EDGE_STYLES[k]["width"],
            label=OBLIGATION_LABELS[k],
        )
        for k in OBLIGATION_ORDER[:3]
    ]
    handles.append(
        Line2D([0], [0], color=HIGHLIGHT_COLOUR, linewidth=7, label="new or changed since the previous panel")
    )
    handles.append(
        Line2D(
            [0],
            [0],
            marker="s",
            color="white",
            markerfacecolor=style.FALLBACK_COLOUR,
            markeredgecolor="black",
            markersize=8,
            label="multilateral treaty (hub)",
        )
    )
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.suptitle(title, fontweight="bold", fontsize=9)
    fig.tight_layout(rect=(0, 0.1, 1, 0.97))
    return fig


def snapshots_alt(graphs: Mapping[str, nx.Graph], focus: str = "PRK") -> str:
    """Alt text computed from the snapshots: ties per obligation, hub sizes and `focus`'s partners."""
    parts = []
    for label, g in graphs.items():
        kinds = [d["obligation"] for _, _, d in g.edges(data=True)]
        defence = ", ".join(partners(g, focus, "defence")) or "none"
        consult = ", ".join(partners(g, focus, "consultation")) or "none"
        hubs = "; ".join(
            f"{h} {len(d.get('members', []))} members" for h, d in sorted(g.nodes(data=True)) if d["kind"] == "treaty"
        )
        parts.append(
            f"{label}: {kinds.count('defence')} defence and {kinds.count('consultation')} consultation ties"
            + (f" ({hubs})" if hubs else "")
            + f"; {focus} defence partners {defence}, consultation partners {consult}"
        )
    return f"{len(graphs)} network panels with the same node positions. " + "; ".join(parts) + "."
