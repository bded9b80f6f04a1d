"""Article 4 in comparison: a transparent commitment-strength index, its sensitivity to weights
and to disputed codings, the ATOP cross-check and export, and the figures of notebook 03.

Why an index at all: readers ask "how strong is the promise?", and the honest answer depends on
which features one counts. So the index is a plain weighted average of five named components,
each scored by a written rule from the coded columns of `defence_clauses`; `sensitivity`
recomputes the ranking under every weighting of a documented grid, and `coding_sensitivity`
re-runs it with each disputed coding flipped, so a reader sees which conclusions survive.

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
- trigger: 1 for a threat of aggression (aid before any attack); 0.5 for an attack, however
  worded ("armed attack", "act of aggression", attacked "and thereby in a state of war").
  One score for every attack trigger because the literature draws the line between pre-attack
  and post-attack commitments, not within the latter: ATOP codes all of them DEFENSE = 1 (a
  promise of support to a partner attacked militarily, Leeds et al. 2002), and Benson's (2011)
  typology puts both the 1961 "state of war" treaties and NATO's "armed attack" in the same
  class, conditional deterministic deterrent (data/benson.csv). An earlier version scored
  "state of war" 0 with no such reason.
- unconditional: 1 if the defence pledge has neither a geographic limit (scope = none) nor an
  ATOP condition (DEFCON = 0), else 0. One component, not two: ATOP's DEFCON already counts a
  location limit as a condition on the defence obligation (DEFCOLOC is one of its kinds), so
  scoring scope and DEFCON separately counted the same limit twice. DEFCON, not CONDITIO,
  because CONDITIO also counts conditions on consultation or neutrality promises, which say
  nothing about the defence promise.

index = 100 * sum(weight_k * component_k) / sum(weight_k); default weights all 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .paths import BUILD_DIR

COMPONENTS: tuple[str, ...] = ("automatic", "no_discretion", "means", "trigger", "unconditional")
COMPONENT_LABELS: dict[str, str] = {
    "automatic": "Timing\nword",
    "no_discretion": "No\ndiscretion",
    "means": "Means\nnamed",
    "trigger": "Trigger",
    "unconditional": "No limit or\ncondition",
}
TIMING_SCORE: dict[str, float] = {"immediately": 1.0, "without_delay": 1.0, "forthwith": 1.0, "none": 0.0}
QUALIFIER_SCORE: dict[str, float] = {
    "none": 1.0,
    "national_laws": 0.5,
    "constitutional_processes": 0.5,
    "deems_necessary": 0.0,
    "agreed_by_heads": 0.0,
}
MEANS_SCORE: dict[str, float] = {
    "all_means": 1.0,
    "military_named": 0.5,
    "armed_force_included": 0.5,
    "unspecified": 0.0,
    "none": 0.0,
}
TRIGGER_SCORE: dict[str, float] = {"threat": 1.0, "armed_attack": 0.5, "aggression": 0.5, "state_of_war": 0.5}
WEIGHT_GRID: tuple[int, ...] = (0, 1, 2)

ATOP_VARIABLES: tuple[str, ...] = (
    "DEFENSE",
    "OFFENSE",
    "NEUTRAL",
    "NONAGG",
    "CONSUL",
    "CONDITIO",
    "DEFCON",
    "DEFCOLOC",
)
OBLIGATION_ORDER: tuple[str, ...] = ("defence", "consultation", "neutrality_nonaggression", "none")
OBLIGATION_LABELS: dict[str, str] = {
    "defence": "Defence pledge",
    "consultation": "Consultation only",
    "neutrality_nonaggression": "Neutrality / non-aggression",
    "none": "No obligation coded",
}
# Paul Tol's colour-blind-safe "muted" scheme, as in analysis.style
OBLIGATION_COLOURS: dict[str, str] = {
    "defence": "#882255",
    "consultation": "#88CCEE",
    "neutrality_nonaggression": "#DDCC77",
    "none": "#DDDDDD",
}


TREATY_LABELS: dict[str, str] = {
    "ussr-dprk-1961": "USSR-DPRK 1961",
    "prc-dprk-1961": "PRC-DPRK 1961",
    "rus-dprk-2000": "Russia-DPRK 2000",
    "rus-dprk-2024": "Russia-DPRK 2024",
    "nato-1949": "NATO 1949",
    "usa-kor-1953": "US-ROK 1953",
    "usa-jpn-1960": "US-Japan 1960",
    "anzus-1951": "ANZUS 1951",
    "usa-phl-1951": "US-Philippines 1951",
    "cst-1992": "CST 1992",
    "rus-blr-2024": "Russia-Belarus 2024",
    "rus-irn-2025": "Russia-Iran 2025",
    "prc-rus-2001": "PRC-Russia 2001",
}


def labels(treaties: pd.DataFrame) -> dict[str, str]:
    """Short display names for every treaty (the treaty_id where no short name is set)."""
    return {t: TREATY_LABELS.get(t, t) for t in treaties["treaty_id"]}


def rules_table() -> pd.DataFrame:
    """Every scoring rule of the index as a table: component, coded value, score (from the module's dicts)."""
    rows = [("gate", "ATOP DEFENSE = 0", "0 on every component")]
    for component, column, table in (
        ("automatic", "timing", TIMING_SCORE),
        ("no_discretion", "qualifier", QUALIFIER_SCORE),
        ("means", "means", MEANS_SCORE),
        ("trigger", "trigger", TRIGGER_SCORE),
    ):
        rows += [(component, f"{column} = {code}", f"{score:g}") for code, score in table.items()]
    rows += [
        ("unconditional", "scope = none and ATOP DEFCON = 0", "1"),
        ("unconditional", "scope = regional:... or ATOP DEFCON = 1", "0"),
    ]
    return pd.DataFrame(rows, columns=["component", "coded value", "score"])


def _score(value: str, table: Mapping[str, float], column: str) -> float:
    if value not in table:
        raise ValueError(f"{column}: no scoring rule for {value!r} (known: {', '.join(table)})")
    return table[value]


def components(clauses: pd.DataFrame, trigger_scores: Mapping[str, float] = TRIGGER_SCORE) -> pd.DataFrame:
    """The five component scores (0, 0.5, 1) of every clause, indexed by treaty_id, by the module's rules.

    `trigger_scores` lets a sensitivity run try another trigger rule (e.g. the earlier one).
    """
    rows = {}
    for _, c in clauses.iterrows():
        if int(c["DEFENSE"]) == 0:
            rows[c["treaty_id"]] = dict.fromkeys(COMPONENTS, 0.0)
            continue
        rows[c["treaty_id"]] = {
            "automatic": _score(c["timing"], TIMING_SCORE, "timing"),
            "no_discretion": _score(c["qualifier"], QUALIFIER_SCORE, "qualifier"),
            "means": _score(c["means"], MEANS_SCORE, "means"),
            "trigger": _score(c["trigger"], trigger_scores, "trigger"),
            "unconditional": 1.0 if c["scope"] == "none" and int(c["DEFCON"]) == 0 else 0.0,
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


def _index_matrix(comp: pd.DataFrame, grid: np.ndarray) -> pd.DataFrame:
    """Index of every treaty (rows) under every weighting (columns) in one matrix product."""
    values = (100 * comp.to_numpy() @ grid.T / grid.sum(axis=1)).round(1)
    return pd.DataFrame(values, index=comp.index)


def strength_index(clauses: pd.DataFrame, weights: Mapping[str, float] | Sequence[float] | None = None) -> pd.Series:
    """The commitment-strength index (0-100) of each treaty: the weighted mean of its components."""
    comp = components(clauses)
    return _index_matrix(comp, _weights(weights)[None, :])[0].rename("index")


def ranks(scores: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Competition ranks, 1 = strongest; tied treaties share the best rank of their group (per column)."""
    return scores.rank(ascending=False, method="min").astype(int)


def weight_grid(levels: Sequence[int] = WEIGHT_GRID) -> list[tuple[int, ...]]:
    """Every weighting with each component weight in `levels`, except all zeros (3^5 - 1 = 242)."""
    return [w for w in itertools.product(levels, repeat=len(COMPONENTS)) if any(w)]


def sensitivity(clauses: pd.DataFrame, levels: Sequence[int] = WEIGHT_GRID) -> pd.DataFrame:
    """Per treaty: baseline score and rank, the best/worst rank over the grid, and how often it keeps its rank.

    Columns: index, rank (equal weights), best_rank, worst_rank, keeps_rank (share of weightings in
    which the rank equals the baseline rank), min_index, max_index, weightings.
    """
    comp = components(clauses)
    base = _index_matrix(comp, np.ones((1, len(COMPONENTS))))[0]
    base_rank = ranks(base)
    grid = np.array(weight_grid(levels), dtype=float)
    s = _index_matrix(comp, grid)
    r = ranks(s)
    out = pd.DataFrame(
        {
            "index": base,
            "rank": base_rank,
            "best_rank": r.min(axis=1),
            "worst_rank": r.max(axis=1),
            "keeps_rank": r.eq(base_rank, axis=0).mean(axis=1).round(3),
            "min_index": s.min(axis=1),
            "max_index": s.max(axis=1),
            "weightings": len(grid),
        },
        index=comp.index,
    )
    return out.sort_values(["rank", "index"], ascending=[True, False], kind="stable")


def pairwise_robustness(
    clauses: pd.DataFrame, first: str, second: str, levels: Sequence[int] = WEIGHT_GRID
) -> dict[str, float]:
    """Share of weightings in which `first` scores above, equal to, or below `second`."""
    s = _index_matrix(components(clauses), np.array(weight_grid(levels), dtype=float))
    n = s.shape[1]
    above = int((s.loc[first] > s.loc[second]).sum())
    equal = int((s.loc[first] == s.loc[second]).sum())
    return {"above": round(above / n, 3), "equal": round(equal / n, 3), "below": round((n - above - equal) / n, 3)}


# --- sensitivity to disputed codings -------------------------------------------------------------


@dataclass(frozen=True)
class Flip:
    """One disputed coding and its alternative: set `column` of `treaty_id` to `value` (or swap a rule)."""

    name: str
    treaty_id: str
    column: str
    value: str | int
    reason: str


DISPUTED_CODINGS: tuple[Flip, ...] = (
    Flip(
        "2024 'laws' read as discretion",
        "rus-dprk-2024",
        "qualifier",
        "deems_necessary",
        "the reference to both countries' laws could leave each side free to decide, not only route the decision",
    ),
    Flip(
        "2024 timing word not binding",
        "rus-dprk-2024",
        "timing",
        "none",
        "'without delay' (KCNA) and 'immediately' (TASS) differ by translation; a reader may deny either binds the aid",
    ),
    Flip(
        "PRC-DPRK 1961 timing unconfirmed",
        "prc-dprk-1961",
        "timing",
        "none",
        "the timing word is confirmed in the Korean text only; the English Peking Review text was not seen that far",
    ),
    Flip(
        "US-Japan DEFCON = 1",
        "usa-jpn-1960",
        "DEFCON",
        1,
        "a stricter reading codes the pledge limited to Japanese-administered territory as location-conditional",
    ),
    Flip(
        "CST trigger read as threat",
        "cst-1992",
        "trigger",
        "threat",
        "the CST's 'aggression' could be read to cover threats, as its consultation clause does",
    ),
    Flip(
        "Russia-Belarus gate read as procedure",
        "rus-blr-2024",
        "qualifier",
        "national_laws",
        "agreement of the two presidents may be a procedural step rather than a decision gate",
    ),
)
OLD_TRIGGER_RULE: dict[str, float] = {**TRIGGER_SCORE, "state_of_war": 0.0}


def flipped(clauses: pd.DataFrame, flip: Flip) -> pd.DataFrame:
    """`clauses` with one disputed coding replaced by its alternative."""
    out = clauses.copy()
    mask = out["treaty_id"] == flip.treaty_id
    if not mask.any():
        raise ValueError(f"{flip.name}: no clause for {flip.treaty_id!r}")
    out.loc[mask, flip.column] = flip.value
    return out


def coding_sensitivity(
    clauses: pd.DataFrame,
    conclusions: Sequence[tuple[str, str]],
    flips: Sequence[Flip] = DISPUTED_CODINGS,
    levels: Sequence[int] = (1, 2),
) -> pd.DataFrame:
    """Does "first scores above second" survive each disputed coding flipped, and the old trigger rule?

    One row per conclusion (first, second) and variant ('baseline', each flip, 'old trigger rule');
    `holds` is the share of weightings of the grid `levels` in which first scores above second,
    and `at_equal_weights` says whether it holds at equal weights.
    """
    grid = np.array(weight_grid(levels), dtype=float)
    variants = [("baseline", components(clauses))]
    variants += [(f.name, components(flipped(clauses, f))) for f in flips]
    variants.append(("old trigger rule (state of war 0)", components(clauses, OLD_TRIGGER_RULE)))
    rows = []
    for name, comp in variants:
        s = _index_matrix(comp, grid)
        eq = _index_matrix(comp, np.ones((1, len(COMPONENTS))))[0]
        for first, second in conclusions:
            rows.append(
                {
                    "first": first,
                    "second": second,
                    "variant": name,
                    "holds": round(float((s.loc[first] > s.loc[second]).mean()), 3),
                    "at_equal_weights": bool(eq[first] > eq[second]),
                }
            )
    return pd.DataFrame(rows)


def surviving(check: pd.DataFrame) -> pd.DataFrame:
    """Per conclusion: in how many variants it holds in every weighting, and the weakest share."""
    g = check.groupby(["first", "second"], sort=False)["holds"]
    return pd.DataFrame(
        {"variants": g.size(), "hold_everywhere": g.apply(lambda h: int((h == 1).sum())), "weakest_share": g.min()}
    ).reset_index()


def failures(check: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The variants under which a conclusion does not hold in every weighting, as 'A above B' rows."""
    bad = check[check["holds"] < 1]
    return pd.DataFrame(
        {
            "conclusion": bad["first"].map(names) + " above " + bad["second"].map(names),
            "variant": bad["variant"],
            "share of weightings": bad["holds"],
            "at equal weights": bad["at_equal_weights"].map({True: "holds", False: "fails"}),
        }
    ).reset_index(drop=True)


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
        rows.append(
            {
                "treaty_id": p["treaty_id"],
                "atop_id": int(p["atop_id"]),
                "variable": p["variable"],
                "ours": mine,
                "atop": theirs,
                "agree": mine == theirs,
                "explanation": explanation,
            }
        )
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
    "none": "none",
    "regional:europe_north_america": "Eur., N. Am.",
    "regional:pacific": "Pacific",
    "regional:pacific_administered_territories": "Pacific admin.",
    "regional:japan_administered_territories": "Japan admin.",
}


def _feature_labels(clauses: pd.DataFrame) -> pd.DataFrame:
    c = clauses.set_index("treaty_id")
    scope = c["scope"].map(lambda v: SCOPE_LABELS.get(v, v.replace("regional:", "").replace("_", " ")[:16]))
    return pd.DataFrame(
        {
            "automatic": c["timing"].str.replace("_", " "),
            "no_discretion": c["qualifier"]
            .str.replace("_", " ")
            .str.replace("constitutional processes", "constit. proc."),
            "means": c["means"]
            .str.replace("armed_force_included", "force incl.")
            .str.replace("military_named", "military")
            .str.replace("_", " "),
            "trigger": c["trigger"]
            .str.replace("armed_attack", "attack")
            .str.replace("state_of_war", "state of war")
            .str.replace("_", " "),
            "unconditional": scope.where(scope != "none", "no limit") + "\nDEFCON=" + c["DEFCON"].astype(str),
        }
    )


def plot_features(clauses: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """Heatmap: treaties x components, shaded by component score, each cell labelled with the coded value."""
    comp = components(clauses)
    labels = _feature_labels(clauses)
    gated = clauses.set_index("treaty_id")["DEFENSE"].astype(int).eq(0)
    fig, ax = plt.subplots(figsize=(6.7, 0.42 * len(comp) + 1.5))
    ax.imshow(comp.to_numpy(), cmap="Blues", vmin=-0.15, vmax=1.15, aspect="auto")
    for i, tid in enumerate(comp.index):
        for j, k in enumerate(COMPONENTS):
            text = "no defence\npledge" if gated[tid] and j == 0 else ("" if gated[tid] else labels.loc[tid, k])
            colour = "white" if comp.loc[tid, k] >= 0.75 else "black"
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour, linespacing=0.9)
    ax.set_xticks(range(len(COMPONENTS)), [COMPONENT_LABELS[k] for k in COMPONENTS], fontsize=8)
    ax.set_yticks(range(len(comp)), [names[t] for t in comp.index], fontsize=8)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(color=plt.get_cmap("Blues")((v + 0.15) / 1.3), label=f"score {v:g}") for v in (0.0, 0.5, 1.0)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, frameon=False, fontsize=8)
    ax.set_title("Coded features of each clause (darker = higher score)", pad=30, fontsize=9)
    fig.tight_layout()
    return fig


def plot_index(sens: pd.DataFrame, names: Mapping[str, str], highlight: Sequence[str] = ()) -> Figure:
    """Left: index at equal weights with its range over the grid; right: the range of ranks."""
    order = sens.index[::-1]
    y = np.arange(len(order))
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(6.7, 0.3 * len(order) + 1.9), sharey=True, gridspec_kw={"width_ratios": [3, 2]}
    )
    colours = ["#882255" if t in highlight else "#4477AA" for t in order]
    left.barh(y, sens.loc[order, "index"], color=colours, alpha=0.85)
    left.hlines(y, sens.loc[order, "min_index"], sens.loc[order, "max_index"], color="black", linewidth=1.2)
    for yi, t in zip(y, order, strict=True):
        left.text(sens.loc[t, "index"] + 1.5, yi + 0.22, f"{sens.loc[t, 'index']:.0f}", fontsize=8)
    left.set_yticks(y, [names[t] for t in order], fontsize=8)
    left.set_xlim(0, 105)
    left.set_xlabel(
        f"Index: bar = equal weights,\nline = range over {int(sens['weightings'].iloc[0])} weightings", fontsize=8
    )
    left.tick_params(axis="x", labelsize=8)
    n = len(order)
    right.hlines(y, sens.loc[order, "best_rank"], sens.loc[order, "worst_rank"], color="grey", linewidth=4, alpha=0.6)
    right.scatter(sens.loc[order, "rank"], y, color=colours, zorder=3, s=30)
    for yi, t in zip(y, order, strict=True):
        right.text(n + 0.6, yi, f"{sens.loc[t, 'keeps_rank']:.0%}", va="center", fontsize=8)
    right.set_xlim(0.5, n + 3.5)
    right.set_xticks(range(1, n + 1, 2))
    right.invert_xaxis()
    right.set_xlabel("Rank: dot = equal weights, bar = best\nto worst (% of weightings keeping it)", fontsize=8)
    right.tick_params(axis="x", labelsize=8)
    fig.suptitle("Commitment-strength index and its dependence on the weights", fontweight="bold", fontsize=9)
    fig.tight_layout()
    return fig


def coverage(treaties: pd.DataFrame, clauses: pd.DataFrame, party: str = "PRK") -> pd.DataFrame:
    """The treaties of `party` with their coded obligation, start (entry into force, else signature) and end."""
    ob = obligations(clauses)
    mine = treaties[treaties["parties"].map(lambda ps: party in ps)].copy()
    mine["obligation"] = mine["treaty_id"].map(ob).fillna("none")
    mine["start"] = mine["in_force"].fillna(mine["signed"])
    return (
        mine[["treaty_id", "parties", "signed", "start", "ended", "ended_alt", "obligation"]]
        .sort_values("signed")
        .reset_index(drop=True)
    )


def plot_coverage(cov: pd.DataFrame, names: Mapping[str, str], until: pd.Timestamp) -> Figure:
    """One bar per treaty from entry into force to its end (or `until`), coloured by obligation.

    A thin line marks signature to entry into force; a hatched stretch marks the span between an
    alternative (earlier) end date and the end date used.
    """
    fig, ax = plt.subplots(figsize=(6.7, 0.6 * len(cov) + 1.7))
    for i, r in cov.iloc[::-1].reset_index(drop=True).iterrows():
        end = r["ended"] if pd.notna(r["ended"]) else until
        colour = OBLIGATION_COLOURS[r["obligation"]]
        ax.barh(
            i, (end - r["start"]).days, left=r["start"], color=colour, edgecolor="black", linewidth=0.6, height=0.55
        )
        if pd.notna(r["ended_alt"]) and r["ended_alt"] < end:
            ax.barh(
                i,
                (end - r["ended_alt"]).days,
                left=r["ended_alt"],
                color="white",
                edgecolor="black",
                hatch="///",
                linewidth=0.6,
                height=0.55,
            )
        if r["start"] > r["signed"]:
            ax.plot([r["signed"], r["start"]], [i, i], color="black", linewidth=1)
        ax.plot([r["signed"]], [i], marker="|", color="black", markersize=10)
        ongoing = "" if pd.notna(r["ended"]) else " (in force)"
        ax.text(r["signed"], i + 0.38, names[r["treaty_id"]] + ongoing, fontsize=8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.6, len(cov) - 0.2)
    handles = [
        Patch(color=OBLIGATION_COLOURS[k], label=OBLIGATION_LABELS[k])
        for k in OBLIGATION_ORDER
        if k in set(cov["obligation"])
    ]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label="between the two reported end dates"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=8, ncol=2)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_title("The DPRK's treaty commitments over time, by strongest obligation", fontsize=9)
    fig.tight_layout()
    return fig


def coverage_alt(cov: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for the coverage chart, computed from the rows shown."""
    parts = []
    for _, r in cov.iterrows():
        end = f"to {r['ended']:%Y-%m-%d}" if pd.notna(r["ended"]) else "still in force"
        parts.append(
            f"{names[r['treaty_id']]}: {OBLIGATION_LABELS[r['obligation']].lower()}, from {r['start']:%Y-%m-%d} {end}"
        )
    return "Timeline bars. " + "; ".join(parts) + "."


def index_alt(sens: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for the index figure, computed from the sensitivity table."""
    parts = [
        f"{names[t]} {r['index']:.0f} (rank {r['rank']}, ranks {r['best_rank']}-{r['worst_rank']}, "
        f"keeps rank in {r['keeps_rank']:.0%})"
        for t, r in sens.iterrows()
    ]
    return "Horizontal bars of the index at equal weights, strongest first: " + "; ".join(parts) + "."
