"""The 2024 treaty among all of ATOP's alliances: obligation profiles by era, nearest neighbours,
military institutionalisation, and Benson and Clinton's depth and scope.

Why a population: twelve hand-picked comparators answer "stronger than NATO?", not "how unusual
is this commitment?". The reference table `atop_alliances` holds ATOP v4.01's codes for 745
alliances signed 1815-2018; the 2024 treaty is placed among them with its codes from
`defence_clauses` and the military-institutionalisation inputs coded below from its articles.

Rules:

- Obligation profile: the five ATOP obligation variables (DEFENSE, OFFENSE, NEUTRAL, NONAGG,
  CONSUL). "Same obligations" means the same five codes.
- Eras, by the year the alliance began (ATOP begyr): 1815-1913, 1914-1944 (the world wars and
  the interwar years), 1945-1991 (the Cold War), 1992-2018 (after it).
- Distance between two alliances: the share of the coded features on which they differ, over
  the features both have (a Gower distance for binary and ordinal features). Features: the
  five obligations, CONDITIO, DEFCON, bilat, and MILINST scaled to 0-1 (0, 0.5, 1). 0 = same
  codes on every feature, 1 = different on every one.
- MILINST: Leeds and Anac's (2005) rule, as in their published code: 2 (high) if peacetime
  military contact amounts to a common defence policy (MILCON = 3), an integrated command
  (INTCOM = 1) or bases/troop placements (BASE > 0); else 1 (moderate) if specific military
  contact (MILCON = 2), military aid of kind 3 or 4, subordination of forces (SUBORD > 0),
  specified contributions (CONTRIB = 1) or an organisation with a military purpose (ORGPURP 1
  or 4); else 0; missing if every input is missing.
- Benson-Clinton estimate for a treaty they did not score: the spread of the scores of its
  nearest scored neighbours (all alliances within the k-th smallest distance, ties included),
  reported as median and 10th-90th percentile, never as a single number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

OBLIGATIONS: tuple[str, ...] = ("DEFENSE", "OFFENSE", "NEUTRAL", "NONAGG", "CONSUL")
DISTANCE_FEATURES: tuple[str, ...] = (*OBLIGATIONS, "CONDITIO", "DEFCON", "bilat", "MILINST")
ERAS: tuple[tuple[str, int, int], ...] = (
    ("1815-1913", 1815, 1913),
    ("1914-1944", 1914, 1944),
    ("1945-1991 (Cold War)", 1945, 1991),
    ("1992-2018", 1992, 2018),
)
MILINST_INPUTS: tuple[str, ...] = ("MILCON", "INTCOM", "BASE", "MILAID", "SUBORD", "CONTRIB", "ORGPURP1", "ORGPURP2")

# The 2024 treaty's military-institutionalisation inputs, coded from its articles (data/articles.csv):
# Article 8 sets up "mechanisms" for joint steps to strengthen defence capabilities, a general
# provision for peacetime military cooperation (MILCON = 1) that names no joint planning, exercises
# or common doctrine; no article creates an integrated command, bases, subordination of forces,
# set contributions, military aid in peacetime or an organisation. The stricter reading takes
# Article 8's mechanisms as specific military contact (MILCON = 2).
RUS_DPRK_2024_MILINST_INPUTS: dict[str, int] = {
    "MILCON": 1,
    "INTCOM": 0,
    "BASE": 0,
    "MILAID": 0,
    "SUBORD": 0,
    "CONTRIB": 0,
    "ORGPURP1": 0,
    "ORGPURP2": 0,
}
RUS_DPRK_2024_MILCON_ALT = 2


def _value(row: Mapping[str, object], key: str) -> float | None:
    v = row.get(key)
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    return float(v)


def milinst(row: Mapping[str, object]) -> int | None:
    """Leeds and Anac's military institutionalisation (0, 1, 2) from ATOP's inputs; None if all are missing."""
    milcon, intcom, base, milaid, subord, contrib, op1, op2 = (_value(row, k) for k in MILINST_INPUTS)
    high = milcon == 3 or intcom == 1 or (base is not None and base > 0)
    milorg = None if op1 is None and op2 is None else (op1 in (1, 4) or op2 in (1, 4))
    moderate = (
        milcon == 2
        or (milaid is not None and 2 < milaid < 5)
        or (subord is not None and subord > 0)
        or contrib == 1
        or milorg is True
    )
    if high:
        return 2
    if moderate:
        return 1
    high_known = not (milcon is None and intcom is None and base is None)
    moderate_known = not all(x is None for x in (milcon, milaid, subord, contrib, milorg))
    return 0 if high_known or moderate_known else None


def era(year: int) -> str:
    """The era label of a begin year."""
    for label, first, last in ERAS:
        if first <= year <= last:
            return label
    raise ValueError(f"year {year} is outside ATOP's coverage 1815-2018")


def target(clause: Mapping[str, object], n_parties: int, inputs: Mapping[str, int]) -> dict[str, float]:
    """A treaty ATOP does not code, as a row of the population: its ATOP codes, bilat and MILINST."""
    row = {v: int(clause[v]) for v in (*OBLIGATIONS, "CONDITIO", "DEFCON")}
    row["bilat"] = int(n_parties == 2)
    row["MILINST"] = milinst(inputs)
    return row


def same_obligations(population: pd.DataFrame, row: Mapping[str, object]) -> pd.Series:
    """True for every alliance with the same five obligation codes as `row`."""
    mask = pd.Series(True, index=population.index)
    for v in OBLIGATIONS:
        mask &= population[v].astype(int) == int(row[v])
    return mask


def shares_by_era(population: pd.DataFrame, row: Mapping[str, object]) -> pd.DataFrame:
    """Per era: alliances, how many share `row`'s obligation profile and their share, and the same
    for the looser profile 'defence pledge and crisis consultation' (DEFENSE = CONSUL = 1)."""
    pop = population.assign(
        era=population["begyr"].astype(int).map(era),
        same=same_obligations(population, row),
        defence_consult=(population["DEFENSE"] == 1) & (population["CONSUL"] == 1),
    )
    g = pop.groupby("era", sort=False)
    out = pd.DataFrame(
        {"alliances": g.size(), "same_profile": g["same"].sum(), "defence_and_consultation": g["defence_consult"].sum()}
    )
    out = out.reindex([label for label, _, _ in ERAS])
    total = pd.DataFrame(
        {
            "alliances": [len(pop)],
            "same_profile": [int(pop["same"].sum())],
            "defence_and_consultation": [int(pop["defence_consult"].sum())],
        },
        index=["all eras"],
    )
    out = pd.concat([out, total]).astype(int)
    out["same_share"] = (out["same_profile"] / out["alliances"]).round(3)
    out["defence_consultation_share"] = (out["defence_and_consultation"] / out["alliances"]).round(3)
    out.index.name = "era"
    return out


def _features(frame: pd.DataFrame) -> np.ndarray:
    cols = []
    for f in DISTANCE_FEATURES:
        col = pd.to_numeric(frame[f], errors="coerce").astype(float)
        cols.append(col / 2 if f == "MILINST" else col)
    return np.column_stack(cols)


def distances(population: pd.DataFrame, row: Mapping[str, object]) -> pd.Series:
    """Distance (share of differing features, over features both have) from `row` to every alliance."""
    pop = _features(population)
    mine = _features(pd.DataFrame([row]))[0]
    diff = np.abs(pop - mine)
    known = ~np.isnan(diff)
    d = np.where(known, diff, 0).sum(axis=1) / known.sum(axis=1)
    return pd.Series(d.round(4), index=population["atopid"].astype(int).to_numpy(), name="distance")


def neighbours(
    population: pd.DataFrame, row: Mapping[str, object], k: int = 10, scored_only: bool = False
) -> pd.DataFrame:
    """The k nearest alliances (ties at the k-th distance included), nearest first, then by atopid."""
    pop = population.assign(distance=distances(population, row).to_numpy())
    if scored_only:
        pop = pop[pop["bc_depth"].notna()]
    pop = pop.sort_values(["distance", "atopid"], kind="stable")
    cutoff = pop["distance"].iloc[min(k, len(pop)) - 1]
    return pop[pop["distance"] <= cutoff].reset_index(drop=True)


def rank_of(population: pd.DataFrame, row: Mapping[str, object], atopid: int) -> tuple[float, int]:
    """Distance of alliance `atopid` from `row`, and how many alliances are strictly nearer."""
    d = distances(population, row)
    return float(d[atopid]), int((d < d[atopid]).sum())


def depth_scope_estimate(population: pd.DataFrame, row: Mapping[str, object], k: int = 10) -> pd.DataFrame:
    """Depth and scope of `row` read off its nearest Benson-Clinton-scored neighbours:
    n, median, 10th and 90th percentile."""
    near = neighbours(population, row, k, scored_only=True)
    out = {}
    for score in ("bc_depth", "bc_scope"):
        v = near[score].astype(float)
        out[score] = {
            "neighbours": len(v),
            "max_distance": float(near["distance"].max()),
            "median": round(float(v.median()), 3),
            "p10": round(float(v.quantile(0.1)), 3),
            "p90": round(float(v.quantile(0.9)), 3),
        }
    return pd.DataFrame(out).T


def ties_among(population: pd.DataFrame, states: Sequence[int], since: int = 0) -> pd.DataFrame:
    """Alliances begun in or after `since` whose members include at least two of `states` (COW codes)
    and no state outside them: the treaty ties ATOP records within a region."""
    region = set(states)
    inside = population["members"].map(lambda m: len(set(m) & region) >= 2 and set(m) <= region)
    out = population[inside & (population["begyr"].astype(int) >= since)]
    return out[["atopid", "begyr", "endyr", "members", *OBLIGATIONS]].reset_index(drop=True)


def milinst_distribution(population: pd.DataFrame) -> pd.DataFrame:
    """Alliances at each MILINST level (and missing), overall and among those with a defence pledge."""
    level = population["MILINST"].astype("Float64").map(lambda v: "missing" if pd.isna(v) else str(int(v)))
    out = pd.DataFrame(
        {
            "all alliances": level.value_counts(),
            "with a defence pledge": level[population["DEFENSE"] == 1].value_counts(),
        }
    )
    out = out.reindex(["0", "1", "2", "missing"]).fillna(0).astype(int)
    out.index.name = "MILINST"
    return out


# --- figure ------------------------------------------------------------------------------------


def plot_population(
    shares: pd.DataFrame,
    population: pd.DataFrame,
    comparators: Mapping[str, int],
    estimate: pd.DataFrame,
    highlight: str = "Russia-DPRK 2024",
) -> Figure:
    """Left: share of alliances with the 2024 profile by era. Right: Benson-Clinton depth x scope
    of all scored alliances (grey), the comparators ATOP codes (labelled), and the neighbour
    range for the 2024 treaty (box from 10th to 90th percentile, cross at the medians)."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(6.7, 3.6), gridspec_kw={"width_ratios": [2, 3]})
    eras = [e for e in shares.index if e != "all eras"]
    y = np.arange(len(eras))[::-1]
    left.barh(
        y + 0.18,
        shares.loc[eras, "defence_consultation_share"] * 100,
        height=0.36,
        color="#88CCEE",
        label="defence + consultation",
    )
    left.barh(y - 0.18, shares.loc[eras, "same_share"] * 100, height=0.36, color="#882255", label="same five codes")
    for yi, e in zip(y, eras, strict=True):
        left.text(
            shares.loc[e, "same_share"] * 100 + 1,
            yi - 0.18,
            f"{shares.loc[e, 'same_profile']}",
            va="center",
            fontsize=8,
        )
    left.set_yticks(y, [e.replace(" (Cold War)", "\n(Cold War)") for e in eras], fontsize=8)
    left.set_xlabel("% of alliances begun in the era", fontsize=8)
    left.tick_params(axis="x", labelsize=8)
    left.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.45, -0.2))
    left.set_title("Alliances with the 2024 obligations", fontsize=9)
    scored = population[population["bc_depth"].notna()]
    x_all, y_all = scored["bc_scope"].astype(float), scored["bc_depth"].astype(float)
    xlim, ylim = (-0.8, 1.0), (-0.75, 1.0)
    outside = int((~(x_all.between(*xlim) & y_all.between(*ylim))).sum())
    right.scatter(x_all, y_all, s=8, color="#BBBBBB", zorder=1)
    pop = population.set_index("atopid")
    points = sorted(
        (
            (float(pop.loc[a, "bc_depth"]), float(pop.loc[a, "bc_scope"]), name)
            for name, a in comparators.items()
            if a in pop.index and pd.notna(pop.loc[a, "bc_depth"])
        ),
        reverse=True,
    )
    label_y = np.linspace(ylim[1] - 0.12, ylim[0] + 0.55, len(points)) if points else []
    for (yv, x, name), ly in zip(points, label_y, strict=True):
        right.scatter([x], [yv], s=22, color="#4477AA", zorder=3)
        right.annotate(
            name,
            (x, yv),
            xytext=(0.32, ly),
            textcoords="data",
            fontsize=8,
            color="#222222",
            va="center",
            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.6},
        )
    d, s = estimate.loc["bc_depth"], estimate.loc["bc_scope"]
    right.add_patch(
        plt.Rectangle(
            (s["p10"], d["p10"]),
            s["p90"] - s["p10"],
            d["p90"] - d["p10"],
            fill=False,
            edgecolor="#882255",
            linewidth=1.5,
            linestyle="--",
            zorder=4,
        )
    )
    right.scatter([s["median"]], [d["median"]], marker="x", s=50, color="#882255", zorder=5)
    right.text(0.32, ylim[0] + 0.12, f"{highlight}:\nneighbours' range (box)", fontsize=8, color="#882255", va="center")
    right.set_xlim(*xlim)
    right.set_ylim(*ylim)
    right.set_title(f"Depth and scope, 1816-2000\n({outside} of {len(scored)} alliances off this view)", fontsize=9)
    right.set_xlabel("Scope (Benson & Clinton)", fontsize=8)
    right.set_ylabel("Depth (Benson & Clinton)", fontsize=8)
    right.tick_params(labelsize=8)
    fig.tight_layout()
    return fig


def comparators_in_population(treaties: pd.DataFrame, names: Mapping[str, str], ids: Sequence[str]) -> dict[str, int]:
    """Display name -> atopid for the comparator treaties ATOP codes, in the order given."""
    t = treaties.set_index("treaty_id")
    return {names[i]: int(t.loc[i, "atop_id"]) for i in ids if i in t.index and pd.notna(t.loc[i, "atop_id"])}
