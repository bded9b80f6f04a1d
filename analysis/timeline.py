"""The road to the treaty as figures: an actor-lane timeline and the ratification path.

Both figures are built from the events table alone, so a corrected date in the CSV moves
the marker, the day counts and the narrative numbers together.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style
from .figures import label_rows, text_width_in

RATIFICATION_KINDS = ("ratification", "entry_into_force")


def events_by_actor(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, actor): the events table with its `actors` lists exploded."""
    long = events.explode("actors").rename(columns={"actors": "actor_id"})
    return long.reset_index(drop=True)


def ratification_path(events: pd.DataFrame, start_event: str, parties: Sequence[str] = ("RUS", "PRK")) -> pd.DataFrame:
    """Each party's steps from `start_event` (the signing) to entry into force.

    A step is an event of kind ratification or entry_into_force whose actors include the
    party; joint steps (the exchange of instruments) count for both. Days are counted
    from the previous step and from the signing.
    """
    start = events.loc[events["event_id"] == start_event]
    if start.empty:
        raise KeyError(f"no event {start_event!r} in the events table")
    start_date = start["date"].iloc[0]
    steps = events[events["kind"].isin(RATIFICATION_KINDS)]
    frames = []
    for party in parties:
        mine = steps.loc[[party in ids for ids in steps["actors"]]]
        path = pd.concat([start, mine])
        last = path["kind"].eq("entry_into_force")  # on the exchange's day, it comes after it
        path = path.assign(_last=last).sort_values(["date", "_last", "event_id"], kind="stable").drop(columns="_last")
        path = path.assign(
            party=party,
            step=range(len(path)),
            days_since_previous=path["date"].diff().dt.days.astype("Int64"),
            days_since_signing=(path["date"] - start_date).dt.days.astype("Int64"),
        )
        frames.append(path)
    columns = ["party", "step", "date", "label", "kind", "event_id", "days_since_previous", "days_since_signing"]
    return pd.concat(frames, ignore_index=True)[columns]


def plot_ratification_path(path: pd.DataFrame, names: dict[str, str]) -> Figure:
    """One panel per party: each step on its own row, a bar for the days it took."""
    parties = list(dict.fromkeys(path["party"]))
    heights = [path["party"].eq(p).sum() for p in parties]
    fig, axes = plt.subplots(
        len(parties),
        1,
        figsize=(6.6, 0.36 * sum(heights) + 1.6),
        sharex=True,
        gridspec_kw={"height_ratios": heights},
    )
    for ax, party in zip(axes, parties, strict=True):
        rows = path[path["party"] == party].reset_index(drop=True)
        colour = style.colour(party)
        for i, row in rows.iterrows():
            y = len(rows) - 1 - i
            if i > 0:
                prev = rows.loc[i - 1, "date"]
                ax.barh(y, (row["date"] - prev).days, left=prev, height=0.5, color=colour, alpha=0.35)
                gap = row["days_since_previous"]
                ax.text(row["date"], y, f"  +{gap} d", va="center", fontsize=8)
            ax.plot(row["date"], y, marker=style.marker(party), color=colour, markersize=7)
        ax.set_yticks(range(len(rows)), labels=list(rows["label"])[::-1])
        ax.set_title(
            f"{names.get(party, party)}: {rows['days_since_signing'].iloc[-1]} days from signing to the last step",
            loc="left",
        )
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes[-1].xaxis.set_major_locator(mdates.MonthLocator())
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    fig.suptitle("The ratification path in both countries", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    return fig


def plot_timeline(
    events: pd.DataFrame, lanes: Sequence[str], names: dict[str, str], highlight: Sequence[str] = ()
) -> Figure:
    """One lane per actor, a marker per event shaped by its family; `highlight` events labelled.

    The question: who took part in what, and when. Lanes carry the actor (and its colour), the
    four marker shapes the family of event (`style.EVENT_FAMILIES`), a grey line joins the
    actors of one event, and the highlighted milestones are labelled on alternating rows.
    """
    long = events_by_actor(events)
    long = long[long["actor_id"].isin(lanes)].assign(family=lambda d: d["kind"].map(style.EVENT_FAMILIES))
    fig, ax = plt.subplots(figsize=(6.6, 0.36 * len(lanes) + 2.4))
    y_of = {actor: len(lanes) - 1 - i for i, actor in enumerate(lanes)}
    for actor, y in y_of.items():
        ax.axhline(y, color=style.colour(actor), linewidth=0.8, alpha=0.6, zorder=0)
    for _, group in long.groupby("event_id", sort=True):
        if len(group) > 1:
            ys = [y_of[a] for a in group["actor_id"]]
            ax.vlines(group["date"].iloc[0], min(ys), max(ys), color="#bbbbbb", linewidth=0.8, zorder=1)
    for family, group in long.groupby("family", sort=True):
        ax.scatter(
            group["date"],
            [y_of[a] for a in group["actor_id"]],
            c=[style.colour(a) for a in group["actor_id"]],
            marker=style.EVENT_FAMILY_MARKERS[family],
            s=34,
            edgecolors="black",
            linewidths=0.5,
            zorder=3,
        )
    top = len(lanes) - 0.4
    marked = events.set_index("event_id").loc[list(highlight)]
    ax.set_xlim(long["date"].min() - pd.Timedelta(days=30), long["date"].max() + pd.Timedelta(days=30))
    days_per_inch = ((long["date"].max() - long["date"].min()).days + 60) / 5.0  # axes narrower than the figure
    centres = [(date - long["date"].min()).days / days_per_inch for date in marked["date"]]
    rows = label_rows(centres, [text_width_in(label, 8) for label in marked["label"]])
    labelled = sorted(zip(rows, marked["date"], marked["label"], strict=True), key=lambda item: -item[0])
    for row, date, label in labelled:  # upper rows first, so lower labels cover their leaders
        ax.annotate(
            label,
            (date, top - 0.3),
            xytext=(date, top + 0.25 + 0.62 * row),
            fontsize=8,
            ha="center",
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.6},
        )
    ax.set_ylim(-0.6, top + 0.6 + 0.62 * max(rows, default=0))
    ax.set_yticks([y_of[a] for a in lanes], labels=[names.get(a, a) for a in lanes])
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    families = [f for f in style.EVENT_FAMILY_MARKERS if f in set(long["family"])]
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=style.EVENT_FAMILY_MARKERS[f],
            markerfacecolor="white",
            markeredgecolor="black",
            label=f,
        )
        for f in families
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=len(families),
        frameon=False,
        handletextpad=0.2,
        columnspacing=1.2,
    )
    ax.set_title("Who took part in what, September 2023 to 2026", loc="left")
    fig.tight_layout()
    return fig
