"""Reactions to the treaty, actor by actor: stance matrix, reaction lags, measures, gaps, figures.

Every number the reactions notebook shows is computed here from the `statements` table (and
the trigger dates in `events`), so a recoded stance or a corrected date changes the heatmap,
the lag chart and the per-actor sections together. Each per-actor section calls the same
functions with a different actor filter, so no actor gets hand-tuned code.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style
from .data import enum_values
from .figures import SavedFigure, save_figure

# Ordinal stance scale, most favourable (endorse) to most hostile (condemn) towards the treaty.
STANCE_ORDER: tuple[str, ...] = enum_values("statements", "stance")
STANCE_RANK: dict[str, int] = {s: i + 1 for i, s in enumerate(STANCE_ORDER)}
NEUTRAL_RANK = STANCE_RANK["neutral"]
STANCE_MARKERS: dict[str, str] = {"endorse": "^", "defend": "s", "neutral": "o", "concern": "D", "condemn": "X"}

PHASE_ORDER: tuple[str, ...] = enum_values("statements", "phase")

# The event each phase answers; reaction lags are counted in days from its date.
TRIGGER_EVENTS: dict[str, str] = {
    "signing": "ev-20240619-treaty-signed",
    "ratification": "ev-20241024-duma-ratifies",
    "deployment": "ev-20241018-nis-first-report",
    "acknowledgement": "ev-20250426-gerasimov-kursk-dprk",
}

# Measures as the schema lists them, with "none" moved last so charts lead with actual measures.
MEASURE_ORDER: tuple[str, ...] = tuple(m for m in enum_values("statements", "measure") if m != "none") + ("none",)
MEASURE_LABELS: dict[str, str] = {
    "summons_ambassador": "summons an envoy", "sanctions": "sanctions",
    "arms_supply_review": "arms-supply review", "joint_statement": "joint statement",
    "unsc_meeting": "UN Security Council meeting", "emergency_meeting": "emergency security meeting",
    "none": "no measure",
}
# Paul Tol's colour-blind-safe "muted" qualitative scheme; the actor colours use other hues
# for most actors, and the measures chart labels every bar segment with its count anyway.
MEASURE_COLOURS: dict[str, str] = {
    "summons_ambassador": "#CC6677", "sanctions": "#882255", "arms_supply_review": "#DDCC77",
    "joint_statement": "#88CCEE", "unsc_meeting": "#44AA99", "emergency_meeting": "#332288",
    "none": "#DDDDDD",
}

SECTION_COLUMNS = ["date", "phase", "stance", "speaker", "measure", "summary", "key_phrase", "statement_id"]


# --- summaries ------------------------------------------------------------------------------


def _check_stances(stances: Iterable[str]) -> None:
    unknown = sorted(set(stances) - set(STANCE_ORDER))
    if unknown:
        raise ValueError(f"stances outside the ordinal scale {STANCE_ORDER}: {unknown}")


def summarise_stance(stances: Sequence[str], rule: str = "modal") -> str | None:
    """One stance for a set of statements, or None when there are none.

    rule="modal" (the default): the most frequent stance; a tie goes to the stance further
    from neutral (a clear signal outweighs hedging), then to the more hostile one, so the
    result never depends on row order. rule="most_hostile": the highest stance on the
    ordinal scale, i.e. the sharpest thing the actor said in that phase.
    """
    stances = list(stances)
    if not stances:
        return None
    _check_stances(stances)
    if rule == "most_hostile":
        return max(stances, key=STANCE_RANK.__getitem__)
    if rule != "modal":
        raise ValueError(f"unknown rule {rule!r}: use 'modal' or 'most_hostile'")
    counts = pd.Series(stances).value_counts()
    return max(counts.index, key=lambda s: (counts[s], abs(STANCE_RANK[s] - NEUTRAL_RANK), STANCE_RANK[s]))


def _ordered(values: Iterable[str], order: Sequence[str]) -> list[str]:
    values = set(values)
    return [v for v in order if v in values] + sorted(values - set(order))


def statement_counts(statements: pd.DataFrame, actors: Sequence[str] | None = None,
                     phases: Sequence[str] = PHASE_ORDER) -> pd.DataFrame:
    """Actor x phase table of statement counts, zeros included (rows in `actors` order)."""
    actors = list(actors) if actors is not None else _ordered(statements["actor_id"], list(style.ACTOR_COLOURS))
    counts = pd.crosstab(statements["actor_id"], statements["phase"])
    return counts.reindex(index=actors, columns=list(phases), fill_value=0).rename_axis(index="actor_id", columns="phase")


def stance_matrix(statements: pd.DataFrame, actors: Sequence[str] | None = None,
                  phases: Sequence[str] = PHASE_ORDER, rule: str = "modal") -> pd.DataFrame:
    """Actor x phase table of summary stances (see `summarise_stance`); None where silent."""
    counts = statement_counts(statements, actors, phases)
    matrix = pd.DataFrame(index=counts.index, columns=counts.columns, dtype=object)
    for (actor, phase), group in statements.groupby(["actor_id", "phase"]):
        if actor in matrix.index and phase in matrix.columns:
            matrix.loc[actor, phase] = summarise_stance(list(group["stance"]), rule)
    return matrix.where(matrix.notna(), None)


def coverage_gaps(statements: pd.DataFrame, actors: Sequence[str] | None = None,
                  phases: Sequence[str] = PHASE_ORDER) -> pd.DataFrame:
    """Each (actor, phase) with no statement in the table: where the record is silent."""
    counts = statement_counts(statements, actors, phases)
    long = counts.stack().rename("statements").reset_index()
    return long[long["statements"] == 0][["actor_id", "phase"]].reset_index(drop=True)


def trigger_dates(events: pd.DataFrame, triggers: Mapping[str, str] = TRIGGER_EVENTS) -> pd.Series:
    """The date of each phase's trigger event, read from the events table by event id."""
    dates = events.set_index("event_id")["date"]
    missing = [e for e in triggers.values() if e not in dates.index]
    if missing:
        raise KeyError(f"trigger events not in the events table: {missing}")
    return pd.Series({phase: dates[event] for phase, event in triggers.items()}, name="trigger_date").rename_axis("phase")


def first_reactions(statements: pd.DataFrame, events: pd.DataFrame,
                    triggers: Mapping[str, str] = TRIGGER_EVENTS) -> pd.DataFrame:
    """Per actor and phase, the first statement and its lag in days from the phase's trigger.

    A negative lag means the actor spoke on an earlier step of the same phase, before the
    trigger (e.g. on the bill's submission to the Duma, ten days before its vote); it is
    kept as it is rather than dropped, because it says the actor was watching early.
    """
    dates = trigger_dates(events, triggers)
    rows = statements[statements["phase"].isin(dates.index)].sort_values(["date", "statement_id"])
    first = rows.groupby(["actor_id", "phase"], sort=False).head(1).copy()
    first["trigger_date"] = first["phase"].map(dates)
    first["lag_days"] = (first["date"] - first["trigger_date"]).dt.days.astype("Int64")
    first["phase"] = pd.Categorical(first["phase"], categories=list(dates.index), ordered=True)
    first = first.sort_values(["actor_id", "phase"]).reset_index(drop=True)
    first["phase"] = first["phase"].astype(str)
    return first[["actor_id", "phase", "trigger_date", "date", "lag_days", "statement_id"]]


def lag_table(first: pd.DataFrame, actors: Sequence[str] | None = None,
              phases: Sequence[str] = PHASE_ORDER) -> pd.DataFrame:
    """Actor x phase table of first-reaction lags in days (missing where the actor was silent)."""
    table = first.pivot(index="actor_id", columns="phase", values="lag_days")
    actors = list(actors) if actors is not None else _ordered(first["actor_id"], list(style.ACTOR_COLOURS))
    return table.reindex(index=actors, columns=list(phases)).astype("Int64").rename_axis(index="actor_id", columns="phase")


def measures_by_actor(statements: pd.DataFrame, include_none: bool = False,
                      actors: Sequence[str] | None = None) -> pd.DataFrame:
    """Actor x measure counts of statements reporting each concrete measure.

    Actors that took no concrete measure are left out unless `include_none`, which also
    keeps the 'none' column; columns follow MEASURE_ORDER.
    """
    rows = statements if include_none else statements[statements["measure"] != "none"]
    table = pd.crosstab(rows["actor_id"], rows["measure"])
    columns = [m for m in MEASURE_ORDER if m in table.columns and (include_none or m != "none")]
    order = list(actors) if actors is not None else _ordered(table.index, list(style.ACTOR_COLOURS))
    order = [a for a in order if a in table.index] if actors is None else order
    return table.reindex(index=order, columns=columns, fill_value=0).rename_axis(index="actor_id", columns="measure")


def never_stance(statements: pd.DataFrame, stance: str) -> list[str]:
    """Actors with statements in the table none of which has `stance` (e.g. never condemned)."""
    _check_stances([stance])
    said = set(statements.loc[statements["stance"] == stance, "actor_id"])
    return sorted(set(statements["actor_id"]) - said)


def stance_shift(statements: pd.DataFrame, actor_ids: Sequence[str], phases: Sequence[str] = PHASE_ORDER) -> pd.DataFrame:
    """Per phase, for the given actors together: statements, modal and sharpest stance, measures."""
    rows = statements[statements["actor_id"].isin(actor_ids)]
    records = []
    for phase in phases:
        group = rows[rows["phase"] == phase]
        measures = sorted(set(group["measure"]) - {"none"})
        records.append({
            "phase": phase,
            "statements": len(group),
            "modal stance": summarise_stance(list(group["stance"])) or "(no statement found)",
            "sharpest stance": summarise_stance(list(group["stance"]), "most_hostile") or "",
            "measures": ", ".join(MEASURE_LABELS[m] for m in measures),
        })
    return pd.DataFrame(records).set_index("phase")


@dataclass(frozen=True)
class ActorSection:
    """A per-actor summary (stance by phase) and its statements, displayed together."""

    title: str
    by_phase: pd.DataFrame
    statements: pd.DataFrame

    def _repr_html_(self) -> str:
        return (
            f"<p><b>{html.escape(self.title)}: stance by phase</b></p>{self.by_phase.to_html()}"
            f"<p><b>{html.escape(self.title)}: its {len(self.statements)} statements</b></p>"
            f"{self.statements.to_html(index=False)}"
        )

    def __repr__(self) -> str:
        return (f"{self.title}: stance by phase\n{self.by_phase.to_string()}\n\n"
                f"{self.title}: its {len(self.statements)} statements\n{self.statements.to_string(index=False)}")


def actor_section(statements: pd.DataFrame, actor_ids: Sequence[str], title: str) -> ActorSection:
    """The per-actor section of the notebook: the same two tables for every actor or group."""
    rows = statements[statements["actor_id"].isin(actor_ids)].sort_values(["date", "statement_id"])
    columns = (["actor_id"] if len(actor_ids) > 1 else []) + SECTION_COLUMNS
    table = rows[columns].assign(date=rows["date"].dt.strftime("%Y-%m-%d"))
    return ActorSection(title, stance_shift(statements, actor_ids), table.reset_index(drop=True))


def claim_evidence(
    claims: Mapping[str, Sequence[str]], statements: pd.DataFrame, events: pd.DataFrame,
    estimates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (claim, supporting row): the statement, event or estimate rows that verify it.

    Ids starting with 'st-' are looked up in statements, 'es-' in estimates (dated by report
    date), any other in events; an unknown id raises, so a renamed row cannot silently drop a
    claim's evidence.
    """
    tables = {"st-": ("statements", statements.set_index("statement_id"), "date"),
              "ev": ("events", events.set_index("event_id"), "date")}
    if estimates is not None:
        tables["es-"] = ("estimates", estimates.set_index("estimate_id"), "report_date")
    records = []
    for claim, ids in claims.items():
        for row_id in ids:
            prefix = row_id[:3] if row_id[:3] in ("st-", "es-") else "ev"
            if prefix not in tables:
                raise KeyError(f"{row_id!r} (evidence for {claim!r}) names no table this function was given")
            table, frame, date_column = tables[prefix]
            if row_id not in frame.index:
                raise KeyError(f"{row_id!r} (evidence for {claim!r}) is not in the {table} table")
            row = frame.loc[row_id]
            records.append({
                "claim": claim, "table": table, "row": row_id, "date": row[date_column].strftime("%Y-%m-%d"),
                "summary": row["summary"], "verification": row["verification"], "source_ids": list(row["source_ids"]),
            })
    return pd.DataFrame(records)


# --- figures --------------------------------------------------------------------------------


def plot_stance_heatmap(matrix: pd.DataFrame, counts: pd.DataFrame, names: Mapping[str, str],
                        title: str = "Stance by actor and phase") -> Figure:
    """Actor x phase grid coloured on the ordinal stance scale, stance and count in each cell.

    Empty cells (no statement found) are hatched grey and say so, so silence is visible.
    """
    n_rows, n_cols = matrix.shape
    fig, ax = plt.subplots(figsize=(2.1 * n_cols + 3.2, 0.42 * n_rows + 1.6))
    for i, actor in enumerate(matrix.index):
        for j, phase in enumerate(matrix.columns):
            stance = matrix.loc[actor, phase]
            if stance is None:
                ax.add_patch(plt.Rectangle((j, i), 1, 1, facecolor="#EEEEEE", edgecolor="white", hatch="///", linewidth=1.5))
                ax.text(j + 0.5, i + 0.5, "no statement", ha="center", va="center", fontsize=8, color="#555555")
                continue
            ax.add_patch(plt.Rectangle((j, i), 1, 1, facecolor=style.STANCE_COLOURS[stance], edgecolor="white", linewidth=1.5))
            colour = "white" if stance in style.DARK_STANCES else "black"
            ax.text(j + 0.5, i + 0.5, f"{stance} ({counts.loc[actor, phase]})", ha="center", va="center", fontsize=8.5, color=colour)
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([j + 0.5 for j in range(n_cols)], labels=list(matrix.columns))
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.5 for i in range(n_rows)], labels=[names.get(a, a) for a in matrix.index])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(facecolor=style.STANCE_COLOURS[s], edgecolor="#999999", label=f"{STANCE_RANK[s]} {s}") for s in STANCE_ORDER]
    handles.append(Patch(facecolor="#EEEEEE", edgecolor="#999999", hatch="///", label="no statement found"))
    ax.legend(handles=handles, title="Stance (ordinal)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title(title, loc="left", pad=24)
    fig.tight_layout()
    return fig


def plot_reaction_timeline(statements: pd.DataFrame, events: pd.DataFrame, lanes: Sequence[str],
                           names: Mapping[str, str], markers: Sequence[str] = ()) -> Figure:
    """One lane per actor, a marker per statement (actor colour, shape = stance); dashed lines
    mark the triggering events in `markers` (event ids), labelled at the top."""
    rows = statements[statements["actor_id"].isin(lanes)]
    fig, ax = plt.subplots(figsize=(12, 0.42 * len(lanes) + 2.6))
    y_of = {actor: len(lanes) - 1 - i for i, actor in enumerate(lanes)}
    for actor, y in y_of.items():
        ax.axhline(y, color=style.colour(actor), linewidth=0.6, alpha=0.5, zorder=0)
    for stance in STANCE_ORDER:
        group = rows[rows["stance"] == stance]
        ax.scatter(group["date"], [y_of[a] for a in group["actor_id"]], c=[style.colour(a) for a in group["actor_id"]],
                   marker=STANCE_MARKERS[stance], s=44, edgecolors="black", linewidths=0.5, zorder=3)
    top = len(lanes) - 0.4
    ev = events.set_index("event_id")
    for i, event_id in enumerate(markers):
        row = ev.loc[event_id]
        ax.axvline(row["date"], color="#777777", linestyle="--", linewidth=0.7, zorder=1)
        ax.text(row["date"], top + 0.25 + 0.45 * (i % 3), row["label"], fontsize=7.5, ha="center", va="bottom")
    ax.set_ylim(-0.7, top + 1.8)
    ax.set_yticks([y_of[a] for a in lanes], labels=[names.get(a, a) for a in lanes])
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    handles = [Line2D([], [], linestyle="", marker=STANCE_MARKERS[s], markerfacecolor="white", markeredgecolor="black", label=s)
               for s in STANCE_ORDER]
    ax.legend(handles=handles, title="Stance", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title("Reactions against the triggering events", loc="left")
    fig.tight_layout()
    return fig


def plot_reaction_lags(first: pd.DataFrame, actors: Sequence[str], names: Mapping[str, str],
                       phases: Sequence[str] = PHASE_ORDER) -> Figure:
    """One panel per phase: a bar per actor for the days from the trigger to its first reaction."""
    table = lag_table(first, actors, phases)
    fig, axes = plt.subplots(1, len(phases), figsize=(3.0 * len(phases) + 1.5, 0.36 * len(actors) + 1.6), sharey=True)
    ys = list(range(len(actors)))[::-1]
    for ax, phase in zip(axes, phases, strict=True):
        lags = table[phase]
        for y, actor in zip(ys, actors, strict=True):
            lag = lags.loc[actor]
            if pd.isna(lag):
                ax.text(0, y, " none found", va="center", fontsize=7, color="#777777")
                continue
            ax.barh(y, lag, color=style.colour(actor), edgecolor="black", linewidth=0.4, height=0.6)
            ax.text(max(lag, 0), y, f" {lag}", va="center", fontsize=7.5)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_title(phase, loc="left", fontsize=10)
        ax.set_xlabel("days after trigger")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        right = max(lags.dropna().max() if lags.notna().any() else 0, 10)
        ax.set_xlim(min(lags.dropna().min() if lags.notna().any() else 0, 0) - 2, right * 1.25 + 2)
    axes[0].set_yticks(ys, labels=[names.get(a, a) for a in actors])
    fig.suptitle("Days from each phase's trigger to the actor's first recorded reaction", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    return fig


def plot_measures(measures: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """Stacked horizontal bars: how many concrete measures of each kind each actor took."""
    fig, ax = plt.subplots(figsize=(10, 0.4 * len(measures) + 1.8))
    ys = list(range(len(measures)))[::-1]
    left = pd.Series(0, index=measures.index)
    for measure in measures.columns:
        values = measures[measure]
        ax.barh(ys, values, left=left, color=MEASURE_COLOURS[measure], edgecolor="black", linewidth=0.4,
                label=MEASURE_LABELS[measure], height=0.6)
        for y, actor in zip(ys, measures.index, strict=True):
            if values[actor]:
                colour = "white" if measure in ("sanctions", "emergency_meeting") else "black"
                ax.text(left[actor] + values[actor] / 2, y, str(values[actor]), ha="center", va="center", fontsize=8, color=colour)
        left = left + values
    ax.set_yticks(ys, labels=[names.get(a, a) for a in measures.index])
    ax.set_xlabel("statements reporting a concrete measure")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="Measure", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title("Concrete measures by actor", loc="left")
    fig.tight_layout()
    return fig


def plot_stance_path(statements: pd.DataFrame, events: pd.DataFrame, actor_ids: Sequence[str],
                     names: Mapping[str, str], triggers: Mapping[str, str] = TRIGGER_EVENTS) -> Figure:
    """The stance of each statement of the given actors over time, on the ordinal scale,
    with the phase triggers as dashed lines: how the actor moved across the phases."""
    rows = statements[statements["actor_id"].isin(actor_ids)].sort_values(["date", "statement_id"])
    fig, ax = plt.subplots(figsize=(10, 3.4))
    for actor in actor_ids:
        mine = rows[rows["actor_id"] == actor]
        ax.plot(mine["date"], mine["stance"].map(STANCE_RANK), color=style.colour(actor), linewidth=0.8, alpha=0.6,
                marker=style.marker(actor), markersize=7, markeredgecolor="black", markeredgewidth=0.5,
                label=f"{names.get(actor, actor)} ({len(mine)})")
    dates = trigger_dates(events, triggers)
    for i, (phase, date) in enumerate(dates.sort_values().items()):  # alternate heights: close triggers
        ax.axvline(date, color="#777777", linestyle="--", linewidth=0.7)
        ax.text(date, len(STANCE_ORDER) + 0.4 + 0.4 * (i % 2), f" {phase}", fontsize=7.5, ha="left", va="bottom")
    ax.set_ylim(0.5, len(STANCE_ORDER) + 1.3)
    ax.set_yticks(range(1, len(STANCE_ORDER) + 1), labels=list(STANCE_ORDER))
    ax.set_xlim(min(rows["date"].min(), dates.min()) - pd.Timedelta(days=20), max(rows["date"].max(), dates.max()) + pd.Timedelta(days=30))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    ax.legend(title="Actor (statements)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title(", ".join(names.get(a, a) for a in actor_ids) + ": stance of each statement", loc="left")
    fig.tight_layout()
    return fig


def describe_stance_path(statements: pd.DataFrame, actor_ids: Sequence[str], names: Mapping[str, str]) -> str:
    """Alt text for `plot_stance_path`, computed from the same rows: counts and modal stance per phase."""
    shift = stance_shift(statements, actor_ids)
    parts = [f"{phase}: {int(r['statements'])} statement(s), mostly {r['modal stance']}" if r["statements"]
             else f"{phase}: no statement found" for phase, r in shift.iterrows()]
    who = ", ".join(names.get(a, a) for a in actor_ids)
    return (f"Dot-and-line chart of the stance of each statement by {who} over time, on the five-step scale from "
            f"endorse (bottom) to condemn (top), with dashed lines at the four phase triggers. " + "; ".join(parts) + ".")


def save_stance_path(statements: pd.DataFrame, events: pd.DataFrame, slug: str, actor_ids: Sequence[str],
                     names: Mapping[str, str], number: str = "05", folder: Path | None = None) -> SavedFigure:
    """Draw and save one actor section's stance path as `<number>-actor-<slug>`, with caption
    and alt text computed from the same rows, so every section's figure is made the same way."""
    fig = plot_stance_path(statements, events, actor_ids, names)
    who = ", ".join(names.get(a, a) for a in actor_ids)
    caption = (f"Stance of each recorded statement by {who}, June 2024 onwards, on the ordinal scale "
               f"endorse-defend-neutral-concern-condemn; dashed lines mark the trigger of each phase.")
    return save_figure(fig, f"{number}-actor-{slug}", caption=caption,
                       alt=describe_stance_path(statements, actor_ids, names), folder=folder)
