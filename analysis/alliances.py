"""Article 4 in comparison: a transparent commitment-strength index, its sensitivity, the ATOP
cross-check and export, and the figures of notebook 03.

Why an index at all: readers ask "how strong is the promise?", and the honest answer depends on
which features one counts. So the index is a plain weighted average of six named components,
each scored by a written rule from the coded columns of `defence_clauses`, and
`sensitivity` recomputes the ranking under every weighting of a documented grid, so a reader
sees which conclusions survive any reasonable weighting and which are a choice.

The rules (each component is 0, 0.5 or 1; higher means a more automatic, less conditional promise):

- Gate: a clause with no defence pledge (ATOP DEFENSE = 0) scores 0 on every component; a
  promise to consult "immediately" is not an immediate promise of aid.
- automatic: 1 if a timing word ("immediately", "without delay", "forthwith") governs the
  aid, else 0.
- no_discretion: 1 if no qualifier; 0.5 for a procedural qualifier that routes the decision
  through domestic law ("in accordance with the laws of", "constitutional processes"); 0 for
  discretion over the response or a decision gate ("such action as it deems necessary",
  "as agreed by the heads of state").
- means: 1 for "all means" (military aid named); 0.5 when military aid or armed force is named
  as one option; 0 when no means are named.
- trigger: 1 for a threat of aggression (aid before any attack); 0.5 for an armed attack or act
  of aggression; 0 when the party must also be "in a state of war".
- no_geo_limit: 1 if the pledge covers attacks anywhere, 0 if limited to a region.
- unconditional: 1 if ATOP DEFCON = 0 (the defence obligation carries no ATOP condition),
  else 0. DEFCON, not CONDITIO, because CONDITIO also counts conditions on consultation or
  neutrality promises, which say nothing about the defence promise.

index = 100 * sum(weight_k * component_k) / sum(weight_k); default weights all 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .paths import BUILD_DIR

COMPONENTS: tuple[str, ...] = ("automatic", "no_discretion", "means", "trigger", "no_geo_limit", "unconditional")
COMPONENT_LABELS: dict[str, str] = {
    "automatic": "Timing word\n(automaticity)",
    "no_discretion": "No discretion /\nprocedural qualifier",
    "means": "Means named",
    "trigger": "Trigger\nbreadth",
    "no_geo_limit": "No geographic\nlimit",
    "unconditional": "Unconditional\n(ATOP DEFCON = 0)",
}
TIMING_SCORE: dict[str, float] = {"immediately": 1.0, "without_delay": 1.0, "forthwith": 1.0, "none": 0.0}
QUALIFIER_SCORE: dict[str, float] = {
    "none": 1.0, "national_laws": 0.5, "constitutional_processes": 0.5, "deems_necessary": 0.0, "agreed_by_heads": 0.0,
}
MEANS_SCORE: dict[str, float] = {
    "all_means": 1.0, "military_named": 0.5, "armed_force_included": 0.5, "unspecified": 0.0, "none": 0.0,
}
TRIGGER_SCORE: dict[str, float] = {"threat": 1.0, "armed_attack": 0.5, "aggression": 0.5, "state_of_war": 0.0}
WEIGHT_GRID: tuple[int, ...] = (0, 1, 2)

ATOP_VARIABLES: tuple[str, ...] = ("DEFENSE", "OFFENSE", "NEUTRAL", "NONAGG", "CONSUL", "CONDITIO", "DEFCON", "DEFCOLOC")
OBLIGATION_ORDER: tuple[str, ...] = ("defence", "consultation", "neutrality_nonaggression", "none")
OBLIGATION_LABELS: dict[str, str] = {
    "defence": "Defence pledge",
    "consultation": "Consultation only",
    "neutrality_nonaggression": "Neutrality / non-aggression",
    "none": "No obligation coded",
}
# Paul Tol's colour-blind-safe "muted" scheme, as in analysis.style
OBLIGATION_COLOURS: dict[str, str] = {
    "defence": "#882255", "consultation": "#88CCEE", "neutrality_nonaggression": "#DDCC77", "none": "#DDDDDD",
}


TREATY_LABELS: dict[str, str] = {
    "ussr-dprk-1961": "USSR-DPRK 1961", "prc-dprk-1961": "PRC-DPRK 1961", "rus-dprk-2000": "Russia-DPRK 2000",
    "rus-dprk-2024": "Russia-DPRK 2024", "nato-1949": "NATO 1949", "usa-kor-1953": "US-ROK 1953",
    "usa-jpn-1960": "US-Japan 1960", "anzus-1951": "ANZUS 1951", "usa-phl-1951": "US-Philippines 1951",
    "cst-1992": "CST 1992", "rus-blr-2024": "Russia-Belarus 2024", "rus-irn-2025": "Russia-Iran 2025",
}


def labels(treaties: pd.DataFrame) -> dict[str, str]:
    """Short display names for every treaty (the treaty_id where no short name is set)."""
    return {t: TREATY_LABELS.get(t, t) for t in treaties["treaty_id"]}


def rules_table() -> pd.DataFrame:
    """Every scoring rule of the index as a table: component, coded value, score (from the module's dicts)."""
    rows = [("gate", "ATOP DEFENSE = 0", "0 on every component")]
    for component, column, table in (("automatic", "timing", TIMING_SCORE), ("no_discretion", "qualifier", QUALIFIER_SCORE),
                                     ("means", "means", MEANS_SCORE), ("trigger", "trigger", TRIGGER_SCORE)):
        rows += [(component, f"{column} = {code}", f"{score:g}") for code, score in table.items()]
    rows += [("no_geo_limit", "scope = none", "1"), ("no_geo_limit", "scope = regional:...", "0"),
             ("unconditional", "ATOP DEFCON = 0", "1"), ("unconditional", "ATOP DEFCON = 1", "0")]
    return pd.DataFrame(rows, columns=["component", "coded value", "score"])


def _score(value: str, table: Mapping[str, float], column: str) -> float:
    if value not in table:
        raise ValueError(f"{column}: no scoring rule for {value!r} (known: {', '.join(table)})")
    return table[value]


def components(clauses: pd.DataFrame) -> pd.DataFrame:
    """The six component scores (0, 0.5, 1) of every clause, indexed by treaty_id, by the module's rules."""
    rows = {}
    for _, c in clauses.iterrows():
        if int(c["DEFENSE"]) == 0:
            rows[c["treaty_id"]] = dict.fromkeys(COMPONENTS, 0.0)
            continue
        rows[c["treaty_id"]] = {
            "automatic": _score(c["timing"], TIMING_SCORE, "timing"),
            "no_discretion": _score(c["qualifier"], QUALIFIER_SCORE, "qualifier"),
            "means": _score(c["means"], MEANS_SCORE, "means"),
            "trigger": _score(c["trigger"], TRIGGER_SCORE, "trigger"),
            "no_geo_limit": 1.0 if c["scope"] == "none" else 0.0,
            "unconditional": 1.0 if int(c["DEFCON"]) == 0 else 0.0,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(COMPONENTS))
    frame.index.name = "treaty_id"
    return frame


def _weights(weights: Mapping[str, float] | Sequence[float] | None) -> np.ndarray:
    if weights is None:
        return np.ones(len(COMPONENTS))
    if isinstance(weights, Mapping):
        unknown = set(weights) - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown components: {sorted(unknown)}")
        w = np.array([float(weights.get(k, 0.0)) for k in COMPONENTS])
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(COMPONENTS),):
            raise ValueError(f"need {len(COMPONENTS)} weights, got {w.shape}")
    if (w < 0).any() or w.sum() == 0:
        raise ValueError("weights must be non-negative and not all zero")
    return w


def strength_index(clauses: pd.DataFrame, weights: Mapping[str, float] | Sequence[float] | None = None) -> pd.Series:
    """The commitment-strength index (0-100) of each treaty: the weighted mean of its components."""
    comp = components(clauses)
    w = _weights(weights)
    values = (100 * comp.to_numpy() @ w / w.sum()).round(1)
    return pd.Series(values, index=comp.index, name="index")


def ranks(scores: pd.Series) -> pd.Series:
    """Competition ranks, 1 = strongest; tied treaties share the best rank of their group."""
    return scores.rank(ascending=False, method="min").astype(int)


def weight_grid(levels: Sequence[int] = WEIGHT_GRID) -> list[tuple[int, ...]]:
    """Every weighting with each component weight in `levels`, except all zeros (3^6 - 1 = 728)."""
    return [w for w in itertools.product(levels, repeat=len(COMPONENTS)) if any(w)]


def sensitivity(clauses: pd.DataFrame, levels: Sequence[int] = WEIGHT_GRID) -> pd.DataFrame:
    """Per treaty: baseline score and rank, the best/worst rank over the grid, and how often it keeps its rank.

    Columns: index, rank (equal weights), best_rank, worst_rank, keeps_rank (share of weightings in
    which the rank equals the baseline rank), min_index, max_index, weightings.
    """
    comp = components(clauses)
    base = strength_index(clauses)
    base_rank = ranks(base)
    grid = weight_grid(levels)
    all_ranks, all_scores = [], []
    for w in grid:
        s = strength_index(clauses, w)
        all_scores.append(s)
        all_ranks.append(ranks(s))
    r = pd.concat(all_ranks, axis=1)
    s = pd.concat(all_scores, axis=1)
    out = pd.DataFrame({
        "index": base,
        "rank": base_rank,
        "best_rank": r.min(axis=1),
        "worst_rank": r.max(axis=1),
        "keeps_rank": r.eq(base_rank, axis=0).mean(axis=1).round(3),
        "min_index": s.min(axis=1),
        "max_index": s.max(axis=1),
        "weightings": len(grid),
    }, index=comp.index)
    return out.sort_values(["rank", "index"], ascending=[True, False], kind="stable")


def pairwise_robustness(clauses: pd.DataFrame, first: str, second: str, levels: Sequence[int] = WEIGHT_GRID) -> dict[str, float]:
    """Share of weightings in which `first` scores above, equal to, or below `second`."""
    grid = weight_grid(levels)
    above = equal = 0
    for w in grid:
        s = strength_index(clauses, w)
        above += s[first] > s[second]
        equal += s[first] == s[second]
    n = len(grid)
    return {"above": round(float(above) / n, 3), "equal": round(float(equal) / n, 3), "below": round(float(n - above - equal) / n, 3)}


def obligation(clause: Mapping[str, object]) -> str:
    """The strongest ATOP obligation of a clause: defence > consultation > neutrality/non-aggression > none."""
    if int(clause["DEFENSE"]) or int(clause["OFFENSE"]):
        return "defence"
    if int(clause["CONSUL"]):
        return "consultation"
    if int(clause["NEUTRAL"]) or int(clause["NONAGG"]):
        return "neutrality_nonaggression"
    return "none"


def obligations(clauses: pd.DataFrame) -> pd.Series:
    """`obligation` of every clause, indexed by treaty_id."""
    return pd.Series({c["treaty_id"]: obligation(c) for _, c in clauses.iterrows()}, name="obligation")


# --- ATOP cross-check and export ---------------------------------------------------------------


def atop_crosscheck(clauses: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Our code beside ATOP's for every published (treaty, variable), with an explanation per difference.

    Where the two agree the explanation says so; where they differ it is the published row's note,
    and a difference without a note is flagged 'UNEXPLAINED' so it cannot pass unnoticed.
    """
    ours = clauses.set_index("treaty_id")
    rows = []
    for _, p in published.iterrows():
        mine = int(ours.loc[p["treaty_id"], p["variable"]])
        theirs = int(p["atop_value"])
        note = p["note"] if isinstance(p["note"], str) else ""
        if mine == theirs:
            explanation = "same code"
        else:
            explanation = note or "UNEXPLAINED"
        rows.append({
            "treaty_id": p["treaty_id"], "atop_id": int(p["atop_id"]), "variable": p["variable"],
            "ours": mine, "atop": theirs, "agree": mine == theirs, "explanation": explanation,
        })
    return pd.DataFrame(rows)


def crosscheck_matrix(check: pd.DataFrame) -> pd.DataFrame:
    """The cross-check as treaties x variables, each cell 'ours/ATOP' with '≠' marking a difference."""
    cell = check.apply(lambda r: f"{r['ours']}/{r['atop']}" + ("" if r["agree"] else " ≠"), axis=1)
    table = check.assign(cell=cell).pivot(index="treaty_id", columns="variable", values="cell")
    order = list(dict.fromkeys(check["treaty_id"]))
    return table.reindex(index=order, columns=[v for v in ATOP_VARIABLES if v in table.columns]).fillna("")


def atop_export(treaties: pd.DataFrame, clauses: pd.DataFrame, path: Path | None = None) -> pd.DataFrame:
    """Our coding in ATOP's alliance-level variable names (lower case, as in ATOP's CSV files).

    One row per treaty: atopid (empty where ATOP has none), begin and end dates split into
    year/month/day as ATOP does (begin = signature; end 0 while in force), the obligation
    variables, and our treaty_id so a researcher can trace each row. Written to `path`
    (default build/atop-format-export.csv, not tracked) and returned.
    """
    merged = treaties.merge(clauses, on="treaty_id", how="inner", validate="one_to_one")
    out = pd.DataFrame({"atopid": merged["atop_id"].astype("Int64"), "project_treaty_id": merged["treaty_id"]})
    for prefix, column in (("beg", "signed"), ("end", "ended")):
        dates = merged[column]
        out[f"{prefix}yr"] = dates.dt.year.fillna(0).astype(int)
        out[f"{prefix}mo"] = dates.dt.month.fillna(0).astype(int)
        out[f"{prefix}day"] = dates.dt.day.fillna(0).astype(int)
    for variable in ATOP_VARIABLES:
        out[variable.lower()] = merged[variable].astype(int)
    out["coded_here_first"] = out["atopid"].isna().map({True: 1, False: 0})
    path = BUILD_DIR / "atop-format-export.csv" if path is None else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, lineterminator="\n")
    return out


# --- figures -----------------------------------------------------------------------------------


SCOPE_LABELS: dict[str, str] = {
    "none": "none", "regional:europe_north_america": "Europe, N. America", "regional:pacific": "Pacific",
    "regional:pacific_administered_territories": "Pacific (admin.)", "regional:japan_administered_territories": "Japan-administered",
}


def _feature_labels(clauses: pd.DataFrame) -> pd.DataFrame:
    c = clauses.set_index("treaty_id")
    return pd.DataFrame({
        "automatic": c["timing"].str.replace("_", " "),
        "no_discretion": c["qualifier"].str.replace("_", " ").str.replace("constitutional processes", "constit. processes"),
        "means": c["means"].str.replace("armed_force_included", "armed force incl.").str.replace("_", " "),
        "trigger": c["trigger"].str.replace("_", " "),
        "no_geo_limit": c["scope"].map(lambda v: SCOPE_LABELS.get(v, v.replace("regional:", "").replace("_", " ")[:16])),
        "unconditional": "DEFCON=" + c["DEFCON"].astype(str),
    })


def plot_features(clauses: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """Heatmap: treaties x components, shaded by component score, each cell labelled with the coded value."""
    comp = components(clauses)
    labels = _feature_labels(clauses)
    gated = clauses.set_index("treaty_id")["DEFENSE"].astype(int).eq(0)
    fig, ax = plt.subplots(figsize=(11, 0.55 * len(comp) + 1.6))
    ax.imshow(comp.to_numpy(), cmap="Blues", vmin=-0.15, vmax=1.15, aspect="auto")
    for i, tid in enumerate(comp.index):
        for j, k in enumerate(COMPONENTS):
            text = "no defence\npledge" if gated[tid] and j == 0 else ("" if gated[tid] else labels.loc[tid, k])
            colour = "white" if comp.loc[tid, k] >= 0.75 else "black"
            ax.text(j, i, text, ha="center", va="center", fontsize=7.5, color=colour)
    ax.set_xticks(range(len(COMPONENTS)), [COMPONENT_LABELS[k] for k in COMPONENTS], fontsize=8.5)
    ax.set_yticks(range(len(comp)), [names[t] for t in comp.index], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(color=plt.get_cmap("Blues")((v + 0.15) / 1.3), label=f"score {v:g}") for v in (0.0, 0.5, 1.0)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, frameon=False, fontsize=8)
    ax.set_title("Coded features of each assistance clause (darker = more automatic / unconditional)", pad=40)
    fig.tight_layout()
    return fig


def plot_index(sens: pd.DataFrame, names: Mapping[str, str], highlight: Sequence[str] = ()) -> Figure:
    """Left: index at equal weights with its range over the grid; right: the range of ranks."""
    order = sens.index[::-1]
    y = np.arange(len(order))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.45 * len(order) + 1.5), sharey=True,
                                      gridspec_kw={"width_ratios": [3, 2]})
    colours = ["#882255" if t in highlight else "#4477AA" for t in order]
    left.barh(y, sens.loc[order, "index"], color=colours, alpha=0.85)
    left.hlines(y, sens.loc[order, "min_index"], sens.loc[order, "max_index"], color="black", linewidth=1.2)
    for yi, t in zip(y, order, strict=True):
        left.text(sens.loc[t, "index"] + 1.5, yi + 0.22, f"{sens.loc[t, 'index']:.0f}", fontsize=8)
    left.set_yticks(y, [names[t] for t in order], fontsize=8.5)
    left.set_xlim(0, 105)
    left.set_xlabel(f"Index at equal weights (bar) and its range over the {int(sens['weightings'].iloc[0])} weightings (line)")
    n = len(order)
    right.hlines(y, sens.loc[order, "best_rank"], sens.loc[order, "worst_rank"], color="grey", linewidth=4, alpha=0.6)
    right.scatter(sens.loc[order, "rank"], y, color=colours, zorder=3, s=30)
    for yi, t in zip(y, order, strict=True):
        right.text(n + 0.6, yi, f"{sens.loc[t, 'keeps_rank']:.0%}", va="center", fontsize=8)
    right.set_xlim(0.5, n + 2.5)
    right.set_xticks(range(1, n + 1))
    right.invert_xaxis()
    right.set_xlabel("Rank: dot = equal weights, bar = best to worst\n(% = share of weightings keeping the rank)")
    fig.suptitle("Commitment-strength index and how much it depends on the weights", fontweight="bold")
    fig.tight_layout()
    return fig


def coverage(treaties: pd.DataFrame, clauses: pd.DataFrame, party: str = "PRK") -> pd.DataFrame:
    """The treaties of `party` with their coded obligation, start (entry into force, else signature) and end."""
    ob = obligations(clauses)
    mine = treaties[treaties["parties"].map(lambda ps: party in ps)].copy()
    mine["obligation"] = mine["treaty_id"].map(ob).fillna("none")
    mine["start"] = mine["in_force"].fillna(mine["signed"])
    return mine[["treaty_id", "parties", "signed", "start", "ended", "ended_alt", "obligation"]].sort_values("signed").reset_index(drop=True)


def plot_coverage(cov: pd.DataFrame, names: Mapping[str, str], until: pd.Timestamp) -> Figure:
    """One bar per treaty from entry into force to its end (or `until`), coloured by obligation.

    A thin line marks signature to entry into force; a hatched stretch marks the span between an
    alternative (earlier) end date and the end date used.
    """
    fig, ax = plt.subplots(figsize=(10, 0.7 * len(cov) + 1.6))
    for i, r in cov.iloc[::-1].reset_index(drop=True).iterrows():
        end = r["ended"] if pd.notna(r["ended"]) else until
        colour = OBLIGATION_COLOURS[r["obligation"]]
        ax.barh(i, (end - r["start"]).days, left=r["start"], color=colour, edgecolor="black", linewidth=0.6, height=0.55)
        if pd.notna(r["ended_alt"]) and r["ended_alt"] < end:
            ax.barh(i, (end - r["ended_alt"]).days, left=r["ended_alt"], color="white", edgecolor="black", hatch="///", linewidth=0.6, height=0.55)
        if r["start"] > r["signed"]:
            ax.plot([r["signed"], r["start"]], [i, i], color="black", linewidth=1)
        ax.plot([r["signed"]], [i], marker="|", color="black", markersize=10)
        ongoing = "" if pd.notna(r["ended"]) else " (in force)"
        ax.text(r["signed"], i + 0.38, names[r["treaty_id"]] + ongoing, fontsize=8.5)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.6, len(cov) - 0.2)
    handles = [Patch(color=OBLIGATION_COLOURS[k], label=OBLIGATION_LABELS[k]) for k in OBLIGATION_ORDER if k in set(cov["obligation"])]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label="between the two reported end dates"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False, fontsize=8, ncol=3)
    ax.set_title("The DPRK's treaty commitments over time, by strongest obligation")
    fig.tight_layout()
    return fig


def coverage_alt(cov: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for the coverage chart, computed from the rows shown."""
    parts = []
    for _, r in cov.iterrows():
        end = f"to {r['ended']:%Y-%m-%d}" if pd.notna(r["ended"]) else "still in force"
        parts.append(f"{names[r['treaty_id']]}: {OBLIGATION_LABELS[r['obligation']].lower()}, from {r['start']:%Y-%m-%d} {end}")
    return "Timeline bars. " + "; ".join(parts) + "."


def index_alt(sens: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for the index figure, computed from the sensitivity table."""
    parts = [f"{names[t]} {r['index']:.0f} (rank {r['rank']}, ranks {r['best_rank']}-{r['worst_rank']}, "
             f"keeps rank in {r['keeps_rank']:.0%})"
             for t, r in sens.iterrows()]
    return "Horizontal bars of the index at equal weights, strongest first: " + "; ".join(parts) + "."
