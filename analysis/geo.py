"""The map of the theatre: from Pyongyang and the Tumen bridge to Moscow and the Kursk front.

Drawn offline from a small committed file of Natural Earth 1:110m boundaries
(`data/map/theatre_110m.geojson`, provenance in `data/map/README.md`) and the sourced points of
the `places` table, so the map is byte-stable and a corrected coordinate or route step in the
data redraws it. The two ends of the theatre are 8,000 km apart, so the figure shows the whole
route on top and the two ends enlarged below; a plain longitude-latitude grid whose aspect is
corrected at each panel's mean latitude is enough at this scale.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import style
from .paths import DATA_DIR

BOUNDARIES = DATA_DIR / "map" / "theatre_110m.geojson"
HIGHLIGHT = ("RUS", "PRK")  # the treaty's parties, filled in their actor colours
EXTENTS: dict[str, tuple[float, float, float, float]] = {  # lon_min, lon_max, lat_min, lat_max
    "overview": (25.0, 145.0, 33.0, 62.0),
    "west": (28.0, 41.0, 48.5, 57.0),
    "east": (123.5, 134.5, 36.5, 45.0),
}
LAND, BORDER, SEA = "#EFEFEF", "#9A9A9A", "#FFFFFF"
KIND_MARKERS = {"capital": "s", "city": "o", "port": "v", "crossing": "D", "front": "X"}


def load_boundaries(path: Path = BOUNDARIES) -> dict:
    """The committed GeoJSON collection (countries as MultiPolygons, capitals as Points)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _rings(feature: dict) -> Iterator[list[list[float]]]:
    geometry = feature["geometry"]
    if geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def route(places: pd.DataFrame) -> pd.DataFrame:
    """The places on the reported troop route, in route order (departure first)."""
    on_route = places[places["route_step"].notna()]
    return on_route.sort_values("route_step").reset_index(drop=True)


def _draw_base(ax: Axes, collection: dict, extent: tuple[float, float, float, float]) -> None:
    lon0, lon1, lat0, lat1 = extent
    ax.set_facecolor(SEA)
    for feature in collection["features"]:
        iso = feature["properties"].get("iso_a3")
        if iso is None:
            continue
        fill = style.colour(iso) if iso in HIGHLIGHT else LAND
        alpha = 0.35 if iso in HIGHLIGHT else 1.0
        for ring in _rings(feature):
            xs, ys = zip(*ring, strict=True)
            ax.fill(xs, ys, facecolor=fill, edgecolor=BORDER, linewidth=0.5, alpha=alpha, zorder=1)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(BORDER)


def _inside(row: pd.Series, extent: tuple[float, float, float, float]) -> bool:
    return extent[0] <= row["lon"] <= extent[1] and extent[2] <= row["lat"] <= extent[3]


def _draw_route(ax: Axes, steps: pd.DataFrame, extent: tuple[float, float, float, float]) -> None:
    """Each leg as an arrow; a leg that leaves the panel is drawn as a clipped line without a head."""
    for (_, a), (_, b) in zip(steps.iterrows(), steps.iloc[1:].iterrows(), strict=False):
        line = "-" if "sea" in str(b["route_leg"]) else (0, (4, 2))
        if _inside(a, extent) and _inside(b, extent):
            ax.annotate(
                "",
                xy=(b["lon"], b["lat"]),
                xytext=(a["lon"], a["lat"]),
                zorder=3,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": style.colour("PRK"),
                    "lw": 1.6,
                    "linestyle": line,
                    "shrinkA": 3,
                    "shrinkB": 3,
                },
            )
        else:
            ax.plot(
                [a["lon"], b["lon"]], [a["lat"], b["lat"]], color=style.colour("PRK"), lw=1.6, linestyle=line, zorder=3
            )


def _draw_places(
    ax: Axes,
    places: pd.DataFrame,
    extent: tuple[float, float, float, float],
    labels: dict[str, tuple[float, float, str]],
    size: float,
) -> None:
    for _, row in places.iterrows():
        if not _inside(row, extent):
            continue
        ax.plot(row["lon"], row["lat"], KIND_MARKERS[row["kind"]], color="#333333", markersize=size, zorder=4)
        if row["place_id"] in labels:
            dx, dy, ha = labels[row["place_id"]]
            ax.annotate(
                row["name"],
                (row["lon"], row["lat"]),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va="center",
                fontsize=8,
                zorder=5,
            )


OVERVIEW_LABELS = {
    "moscow": (0, 8, "center"),
    "pyongyang": (0, -9, "center"),
    "vladivostok": (5, 4, "left"),
    "kursk": (0, -9, "center"),
    "beijing": (-5, 0, "right"),
    "tokyo": (0, -9, "center"),
}
WEST_LABELS = {"moscow": (6, 0, "left"), "kursk": (6, 0, "left"), "sudzha": (-6, -6, "right"), "kyiv": (-6, 0, "right")}
EAST_LABELS = {
    "pyongyang": (-6, 0, "right"),
    "seoul": (-6, 0, "right"),
    "wonsan": (6, -2, "left"),
    "vladivostok": (6, 0, "left"),
    "khasan-tumangang": (-6, 5, "right"),
}


def plot_theatre(places: pd.DataFrame, collection: dict | None = None) -> Figure:
    """The theatre in three panels: the whole route, then its western and eastern ends."""
    collection = load_boundaries() if collection is None else collection
    steps = route(places)
    fig = plt.figure(figsize=(6.7, 5.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1, 1.15])
    overview = top.subplots()
    west, east = bottom.subplots(1, 2)
    panels: Sequence[tuple[Axes, str, dict, float, str]] = (
        (overview, "overview", OVERVIEW_LABELS, 4, "The reported route, Wonsan to Kursk"),
        (west, "west", WEST_LABELS, 6, "West: Moscow and the Kursk front"),
        (east, "east", EAST_LABELS, 6, "East: Korea and the Tumen bridge"),
    )
    for ax, name, labels, size, title in panels:
        _draw_base(ax, collection, EXTENTS[name])
        _draw_route(ax, steps, EXTENTS[name])
        _draw_places(ax, places, EXTENTS[name], labels, size)
        ax.set_title(title, fontsize=10)
    handles = [
        plt.Line2D([], [], marker=KIND_MARKERS[k], color="#333333", linestyle="", label=k)
        for k in KIND_MARKERS
        if k in set(places["kind"])
    ]
    handles += [
        plt.Line2D([], [], color=style.colour("PRK"), lw=1.6, label="by sea (reported)"),
        plt.Line2D(
            [], [], color=style.colour("PRK"), lw=1.6, linestyle=(0, (4, 2)), label="overland (mode not reported)"
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=8, frameon=False)
    return fig


def route_caption(places: pd.DataFrame) -> str:
    """One sentence naming the route's steps in order, from the data."""
    names = " → ".join(route(places)["name"])
    return (
        f"North Korean troops' reported route: {names}; Russia and North Korea shaded, "
        "route lines are schematic; capitals from Natural Earth, other places from the cited pages."
    )


def theatre_alt(places: pd.DataFrame) -> str:
    """Alt text for the map, naming every place drawn and the route from the data."""
    steps = route(places)
    legs = "; ".join(f"{b['name']} {b['route_leg']}" for (_, b) in steps.iloc[1:].iterrows())
    others = ", ".join(places.loc[places["route_step"].isna(), "name"])
    return (
        f"Map in three panels. Top: Russia and North Korea shaded from Moscow to the Sea of Japan, with an arrow "
        f"from {steps['name'].iloc[0]} to {steps['name'].iloc[-1]} ({legs}). Bottom left, enlarged: Moscow, Kursk, "
        f"the Kursk front at Sudzha and Kyiv. Bottom right, enlarged: the Korean Peninsula and Primorye. "
        f"Other places marked: {others}."
    )
