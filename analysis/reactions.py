"""Reactions to the treaty, actor by actor: stance matrix, reaction lags, measures, gaps, figures.

Every number the reactions notebook shows is computed here from the `statements` table (and
the trigger dates in `events`), so a recoded stance or a corrected date changes the heatmap,
the lag chart and the per-actor sections together. Each per-actor section calls the same
functions with a different actor filter, so no actor gets hand-tuned code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from . import style
from .data import enum_values
from .figures import SavedFigure, label_rows, save_figure, text_width_in
from .tables import Table, show_table

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
    "summons_ambassador": "summons an envoy",
    "sanctions": "sanctions",
    "arms_supply_review": "arms-supply review",
    "joint_statement": "joint statement",
    "unsc_meeting": "UN Security Council meeting",
    "emergency_meeting": "emergency security meeting",
    "none": "no measure",
}
# Paul Tol's colour-blind-safe "muted" qualitative scheme; the actor colours use other hues
# for most actors, and the measures chart labels every bar segment with its count anyway.
LAG_COLOUR = "#4477AA"  # one colour: the rows name the actors, the bar length is the point
MEASURE_COLOURS: dict[str, str] = {
    "summons_ambassador": "#CC6677",
    "sanctions": "#882255",
    "arms_supply_review": "#DDCC77",
    "joint_statement": "#88CCEE",
    "unsc_meeting": "#44AA99",
    "emergency_meeting": "#332288",
    "none": "#DDDDDD",
}


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


def statement_counts(
    statements: pd.DataFrame, actors: Sequence[str] | None = None, phases: Sequence[str] = PHASE_ORDER
) -> pd.DataFrame:
    """Actor x phase table of statement counts, zeros included (rows in `actors` order)."""
    actors = list(actors) if actors is not None else _ordered(statements["actor_id"], list(style.ACTOR_COLOURS))
    counts = pd.crosstab(statements["actor_id"], statements["phase"])
    return counts.reindex(index=actors, columns=list(phases), fill_value=0).rename_axis(
        index="actor_id", columns="phase"
    )


def stance_matrix(
    statements: pd.DataFrame,
    actors: Sequence[str] | None = None,
    phases: Sequence[str] = PHASE_ORDER,
    rule: str = "modal",
) -> pd.DataFrame:
    """Actor x phase table of summary stances (see `summarise_stance`); None where silent."""
    counts = statement_counts(statements, actors, phases)
    matrix = pd.DataFrame(index=counts.index, columns=counts.columns, dtype=object)
    for (actor, phase), group in statements.groupby(["actor_id", "phase"]):
        if actor in matrix.index and phase in matrix.columns:
            matrix.loc[actor, phase] = summarise_stance(list(group["stance"]), rule)
    return matrix.where(matrix.notna(), None)


def coverage_gaps(
    statements: pd.DataFrame, actors: Sequence[str] | None = None, phases: Sequence[str] = PHASE_ORDER
) -> pd.DataFrame:
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
    return pd.Series({phase: dates[event] for phase, event in triggers.items()}, name="trigger_date").rename_axis(
        "phase"
    )


def first_reactions(
    statements: pd.DataFrame, events: pd.DataFrame, triggers: Mapping[str, str] = TRIGGER_EVENTS
) -> pd.DataFrame:
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


def lag_table(
    first: pd.DataFrame, actors: Sequence[str] | None = None, phases: Sequence[str] = PHASE_ORDER
) -> pd.DataFrame:
    """Actor x phase table of first-reaction lags in days (missing where the actor was silent)."""
    table = first.pivot(index="actor_id", columns="phase", values="lag_days")
    actors = list(actors) if actors is not None else _ordered(first["actor_id"], list(style.ACTOR_COLOURS))
    return (
        table.reindex(index=actors, columns=list(phases)).astype("Int64").rename_axis(index="actor_id", columns="phase")
    )


def measures_by_actor(
    statements: pd.DataFrame, include_none: bool = False, actors: Sequence[str] | None = None
) -> pd.DataFrame:
    """Actor x measure counts of statements reporting each concrete measure.

    Actors that took no concrete measure are left out unless `include_none`, which also
    keeps the 'none' column; columns follow MEASURE_ORDER.
    """
    rows = statements.explode("measure")  # one statement may announce several measures
    rows = rows if include_none else rows[rows["measure"] != "none"]
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


def stance_shift(
    statements: pd.DataFrame, actor_ids: Sequence[str], phases: Sequence[str] = PHASE_ORDER
) -> pd.DataFrame:
    """Per phase, for the given actors together: statements, modal and sharpest stance, measures."""
    rows = statements[statements["actor_id"].isin(actor_ids)]
    records = []
    for phase in phases:
        group = rows[rows["phase"] == phase]
        measures = sorted(set(group["measure"].explode()) - {"none"})
        records.append(
            {
                "phase": phase,
                "statements": len(group),
                "modal stance": summarise_stance(list(group["stance"])) or "(no statement found)",
                "sharpest stance": summarise_stance(list(group["stance"]), "most_hostile") or "",
                "measures": ", ".join(MEASURE_LABELS[m] for m in measures),
            }
        )
    return pd.DataFrame(records).set_index("phase")


@dataclass(frozen=True)
class ActorSection:
    """A per-actor summary (stance by phase) and the few statements that show it."""

    title: str
    by_phase: pd.DataFrame
    statements: pd.DataFrame
    key: pd.DataFrame

    def tables(self) -> tuple[Table, Table]:
        summary = show_table(self.by_phase, caption=f"{self.title}: stance by phase")
        shown = show_table(
            self.key,
            caption=f"{self.title}: {len(self.key)} of its {len(self.statements)} statements",
            note=KEY_RULE,
        )
        return summary, shown

    def _repr_html_(self) -> str:
        return "".join(t._repr_html_() for t in self.tables())

    def __repr__(self) -> str:
        return "\n\n".join(repr(t) for t in self.tables())


KEY_RULE = (
    "One rule for every actor: in each phase, a statement with the phase's modal stance (preferring one "
    "with a quoted key phrase, then one reporting a measure, then the earliest), plus the earliest "
    "statement with the sharpest stance where that differs."
)


def key_rows(statements: pd.DataFrame, actor_ids: Sequence[str]) -> pd.DataFrame:
    """The statements that carry each actor's position: the role-brief rule plus the sharpest.

    `teaching.key_statements` picks one statement with the modal stance per phase; where the
    sharpest stance of a phase differs from the modal one, its earliest statement is added,
    so a softer phase with one sharp outlier shows both.
    """
    from .teaching import key_statements  # teaching builds on this module

    chosen = []
    for actor_id in actor_ids:
        rows = statements[statements["actor_id"] == actor_id]
        chosen.append(key_statements(statements, actor_id))
        for _, group in rows.groupby("phase", sort=False):
            sharpest = summarise_stance(list(group["stance"]), "most_hostile")
            if sharpest != summarise_stance(list(group["stance"])):
                chosen.append(group[group["stance"] == sharpest].sort_values(["date", "statement_id"]).head(1))
    if not chosen:
        return statements.iloc[0:0]
    return pd.concat(chosen).drop_duplicates("statement_id").sort_values(["date", "statement_id"])


def _statement_text(row: pd.Series) -> str:
    phrase = row["key_phrase"] if isinstance(row["key_phrase"], str) and row["key_phrase"].strip() else ""
    measures = [MEASURE_LABELS.get(m, m) for m in row["measure"] if m != "none"]  # a statement may announce several
    measure = f" Measure: {'; '.join(measures)}." if measures else ""
    return f"{row['speaker']}: {row['summary']}" + (f" Key phrase: “{phrase}”." if phrase else "") + measure


def actor_section(statements: pd.DataFrame, actor_ids: Sequence[str], title: str) -> ActorSection:
    """The per-actor section of the notebook: the same summary and selection rule for every actor."""
    rows = statements[statements["actor_id"].isin(actor_ids)].sort_values(["date", "statement_id"])
    key = key_rows(statements, actor_ids)
    shown = pd.DataFrame(
        {
            "date": key["date"],
            "phase": key["phase"],
            "stance": key["stance"],
            **({"actor": key["actor_id"]} if len(actor_ids) > 1 else {}),
            "statement": [_statement_text(r) for _, r in key.iterrows()],
            "id": key["statement_id"],
        }
    ).reset_index(drop=True)
    return ActorSection(title, stance_shift(statements, actor_ids), rows.reset_index(drop=True), shown)


def claim_evidence(
    claims: Mapping[str, Sequence[str]],
    statements: pd.DataFrame,
    events: pd.DataFrame,
    estimates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (claim, supporting row): the statement, event or estimate rows that verify it.

    Ids starting with 'st-' are looked up in statements, 'es-' in estimates (dated by report
    date), any other in events; an unknown id raises, so a renamed row cannot silently drop a
    claim's evidence.
    """
    tables = {
        "st-": ("statements", statements.set_index("statement_id"), "date"),
        "ev": ("events", events.set_index("event_id"), "date"),
    }
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
            records.append(
                {
                    "claim": claim,
                    "table": table,
                    "row": row_id,
                    "date": row[date_column].strftime("%Y-%m-%d"),
                    "summary": row["summary"],
                    "verification": row["verification"],
                    "source_ids": list(row["source_ids"]),
                }
            )
    return pd.DataFrame(records)


# --- figures --------------------------------------------------------------------------------


NO_STATEMENT = {"facecolor": "white", "edgecolor": "#AAAAAA", "hatch": "///"}


def plot_stance_heatmap(
    matrix: pd.DataFrame, counts: pd.DataFrame, names: Mapping[str, str], title: str = "Stance by actor and phase"
) -> Figure:
    """Actor x phase grid coloured on the ordinal stance scale, stance and count in each cell.

    Empty cells (no statement found) are hatched and say so, so silence is visible.
    """
    n_rows, n_cols = matrix.shape
    fig, ax = plt.subplots(figsize=(6.6, 0.3 * n_rows + 1.9))
    for i, actor in enumerate(matrix.index):
        for j, phase in enumerate(matrix.columns):
            stance = matrix.loc[actor, phase]
            if stance is None:
                ax.add_patch(plt.Rectangle((j, i), 1, 1, linewidth=1.5, **NO_STATEMENT))
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    "none",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="#444444",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                )
                continue
            ax.add_patch(
                plt.Rectangle((j, i), 1, 1, facecolor=style.STANCE_COLOURS[stance], edgecolor="white", linewidth=1.5)
            )
            colour = "white" if stance in style.DARK_STANCES else "black"
            ax.text(
                j + 0.5,
                i + 0.5,
                f"{stance} ({counts.loc[actor, phase]})",
                ha="center",
                va="center",
                fontsize=8,
                color=colour,
            )
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([j + 0.5 for j in range(n_cols)], labels=list(matrix.columns))
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.5 for i in range(n_rows)], labels=[names.get(a, a) for a in matrix.index])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [
        Patch(facecolor=style.STANCE_COLOURS[s], edgecolor="#999999", label=f"{STANCE_RANK[s]} {s}")
        for s in STANCE_ORDER
    ]
    handles.append(Patch(label="no statement found", **NO_STATEMENT))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False)
    ax.set_title(title, loc="left", pad=22)
    fig.tight_layout(rect=(0, 0.55 / fig.get_figheight(), 1, 1))
    return fig


def _trigger_labels(
    ax: plt.Axes,
    dated: Sequence[tuple[pd.Timestamp, str]],
    y: float,
    row_height: float,
    start: pd.Timestamp,
    days_per_inch: float,
) -> int:
    """Label trigger dates above `y` on as many rows as keep them apart; returns the rows used."""
    centres = [(date - start).days / days_per_inch for date, _ in dated]
    rows = label_rows(centres, [text_width_in(label, 8) for _, label in dated])
    for (date, label), row in zip(dated, rows, strict=True):
        ax.text(
            date,
            y + row_height * row,
            label,
            fontsize=8,
            ha="center",
            va="bottom",
            color="#333333",
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
        )
    return max(rows, default=-1) + 1


def lane_offsets(dates: pd.Series, window_days: int = 6, step: float = 0.14, cycle: int = 5) -> pd.Series:
    """Vertical offsets that keep one actor's statements days apart from covering each other.

    Statements within `window_days` of the previous one form a run; the k-th of a run moves
    0, +step, -step, +2 step, -2 step from the lane, then starts again (so a long run stays
    within its lane). Deterministic: the order is the date order.
    """
    offsets, k, previous = [], 0, None
    for date in dates:
        k = k + 1 if previous is not None and (date - previous).days <= window_days else 0
        previous = date
        slot = k % cycle
        offsets.append(((slot + 1) // 2) * step * (1 if slot % 2 else -1))
    return pd.Series(offsets, index=dates.index)


def plot_reaction_timeline(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    lanes: Sequence[str],
    names: Mapping[str, str],
    markers: Sequence[str] = (),
) -> Figure:
    """One lane per actor, a dot per statement coloured by its stance on the ordinal scale.

    The question: how did each actor react, and how hostile was it? Stance is the point, so it
    takes the colour (Tol's blue-red diverging scale, dark blue = endorse to dark red = condemn)
    and the shape; the lane gives the actor. Statements days apart within a lane are offset
    so none hides another. Dashed lines mark the triggering events in `markers` (event ids).
    """
    rows = statements[statements["actor_id"].isin(lanes)].sort_values(["actor_id", "date", "statement_id"])
    fig, ax = plt.subplots(figsize=(6.6, 0.27 * len(lanes) + 2.2))
    y_of = {actor: len(lanes) - 1 - i for i, actor in enumerate(lanes)}
    for y in y_of.values():
        ax.axhline(y, color="#DDDDDD", linewidth=0.6, zorder=0)
    ys = rows["actor_id"].map(y_of) + rows.groupby("actor_id", group_keys=False)["date"].apply(lane_offsets)
    for stance in STANCE_ORDER:
        mine = rows["stance"] == stance
        ax.scatter(
            rows.loc[mine, "date"],
            ys[mine],
            c=style.STANCE_COLOURS[stance],
            marker=STANCE_MARKERS[stance],
            s=26,
            edgecolors="#333333",
            linewidths=0.5,
            zorder=3,
            label=stance,
        )
    ev = events.set_index("event_id")
    dated = [(ev.loc[e, "date"], ev.loc[e, "label"]) for e in markers]
    for date, _ in dated:
        ax.axvline(date, color="#777777", linestyle="--", linewidth=0.7, zorder=1)
    start, stop = rows["date"].min() - pd.Timedelta(days=20), rows["date"].max() + pd.Timedelta(days=20)
    ax.set_xlim(start, stop)
    used = _trigger_labels(ax, sorted(dated), len(lanes) - 0.4, 0.75, start, (stop - start).days / 4.6)
    ax.set_ylim(-0.7, len(lanes) - 0.4 + 0.75 * used + 0.1)
    ax.set_yticks([y_of[a] for a in lanes], labels=[names.get(a, a) for a in lanes])
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.legend(
        title="Stance, most favourable to most hostile",
        loc="upper center",
        bbox_to_anchor=(0.45, -0.07),
        ncol=len(STANCE_ORDER),
        frameon=False,
        handletextpad=0.1,
        columnspacing=0.9,
    )
    ax.set_title("How each actor reacted, and how hostile", loc="left")
    fig.tight_layout()
    return fig


def plot_reaction_lags(
    first: pd.DataFrame, actors: Sequence[str], names: Mapping[str, str], phases: Sequence[str] = PHASE_ORDER
) -> Figure:
    """One panel per phase: a bar per actor for the days from the trigger to its first reaction."""
    table = lag_table(first, actors, phases)
    fig, axes = plt.subplots(1, len(phases), figsize=(6.0, 0.24 * len(actors) + 1.6), sharey=True)
    ys = list(range(len(actors)))[::-1]
    for ax, phase in zip(axes, phases, strict=True):
        lags = table[phase]
        for y, actor in zip(ys, actors, strict=True):
            lag = lags.loc[actor]
            if pd.isna(lag):
                ax.text(0, y, " —", va="center", fontsize=8, color="#444444")
                continue
            ax.barh(y, lag, color=LAG_COLOUR, height=0.6)
            ax.text(max(lag, 0), y, f" {lag}", va="center", fontsize=8)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_title(phase, loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        right = max(lags.dropna().max() if lags.notna().any() else 0, 10)
        ax.set_xlim(min(lags.dropna().min() if lags.notna().any() else 0, 0) - 2, right * 1.45 + 4)
        ax.xaxis.set_major_locator(plt.MaxNLocator(3, integer=True))
    axes[0].set_yticks(ys, labels=[names.get(a, a) for a in actors])
    fig.supxlabel("days from the phase's trigger to the first reaction (— none found)")
    fig.suptitle("How fast did each actor react?", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    return fig


def plot_measures(measures: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """Stacked horizontal bars: how many concrete measures of each kind each actor took."""
    fig, ax = plt.subplots(figsize=(6.6, 0.3 * len(measures) + 2.4))
    ys = list(range(len(measures)))[::-1]
    left = pd.Series(0, index=measures.index)
    for measure in measures.columns:
        values = measures[measure]
        ax.barh(
            ys,
            values,
            left=left,
            color=MEASURE_COLOURS[measure],
            edgecolor="black",
            linewidth=0.4,
            label=MEASURE_LABELS[measure],
            height=0.6,
        )
        for y, actor in zip(ys, measures.index, strict=True):
            if values[actor]:
                colour = "white" if measure in ("sanctions", "emergency_meeting") else "black"
                ax.text(
                    left[actor] + values[actor] / 2,
                    y,
                    str(values[actor]),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=colour,
                )
        left = left + values
    ax.set_yticks(ys, labels=[names.get(a, a) for a in measures.index])
    ax.set_xlabel("concrete measures reported (a statement may report several)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="Measure", loc="upper center", bbox_to_anchor=(0.4, -0.14), ncol=2, frameon=False)
    ax.set_title("Which actors took concrete measures?", loc="left")
    fig.tight_layout()
    return fig


def plot_stance_path(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    actor_ids: Sequence[str],
    names: Mapping[str, str],
    triggers: Mapping[str, str] = TRIGGER_EVENTS,
) -> Figure:
    """The stance of each statement of the given actors over time, on the ordinal scale.

    The question: did the actor's stance move from phase to phase? Each statement is a dot,
    never joined to the next (statements months apart are not a series). Several actors on one
    chart sit side by side within each stance level, and statements days apart at one level
    are offset (`lane_offsets`), so no dot hides another. Dashed lines mark the phase triggers.
    """
    rows = statements[statements["actor_id"].isin(actor_ids)].sort_values(["actor_id", "date", "statement_id"])
    fig, ax = plt.subplots(figsize=(6.6, 3.3))
    width = 0.5 / max(len(actor_ids), 1)
    for i, actor in enumerate(actor_ids):
        mine = rows[rows["actor_id"] == actor]
        dodge = (i - (len(actor_ids) - 1) / 2) * width
        levels = mine["stance"].map(STANCE_RANK)
        bumps = mine.groupby("stance", group_keys=False)["date"].apply(lambda d: lane_offsets(d, step=width / 2))
        ax.plot(
            mine["date"],
            levels + dodge + bumps.reindex(mine.index),
            linestyle="",
            color=style.colour(actor),
            marker=style.marker(actor),
            markersize=6,
            markeredgecolor="black",
            markeredgewidth=0.5,
            label=f"{names.get(actor, actor)} ({len(mine)})",
        )
    dates = trigger_dates(events, triggers)
    for date in dates:
        ax.axvline(date, color="#777777", linestyle="--", linewidth=0.7)
    start = min(rows["date"].min(), dates.min()) - pd.Timedelta(days=20)
    stop = max(rows["date"].max(), dates.max()) + pd.Timedelta(days=30)
    ax.set_xlim(start, stop)
    used = _trigger_labels(
        ax, sorted((d, p) for p, d in dates.items()), len(STANCE_ORDER) + 0.45, 0.45, start, (stop - start).days / 5.2
    )
    ax.set_ylim(0.5, len(STANCE_ORDER) + 0.55 + 0.45 * used)
    ax.set_yticks(range(1, len(STANCE_ORDER) + 1), labels=list(STANCE_ORDER))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    if len(actor_ids) > 1:
        ax.legend(title="Actor (statements)", loc="upper center", bbox_to_anchor=(0.45, -0.12), ncol=3, frameon=False)
    who = names.get(actor_ids[0], actor_ids[0]) + ": s" if len(actor_ids) == 1 else "S"
    ax.set_title(f"{who}tance of each of {len(rows)} statements", loc="left")
    fig.tight_layout()
    return fig


def describe_stance_matrix(matrix: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for `plot_stance_heatmap`, computed from the matrix so it cannot drift from the data.

    Actors with the same stance in every phase are named together, in the matrix's order.
    """
    groups: dict[tuple, list[str]] = {}
    for actor, row in matrix.iterrows():
        groups.setdefault(tuple(row), []).append(names.get(actor, actor))
    parts = []
    for stances, who in groups.items():
        cells = ", ".join(
            f"{phase} {stance if isinstance(stance, str) else 'no statement'}"
            for phase, stance in zip(matrix.columns, stances, strict=True)
        )
        parts.append(f"{', '.join(who)}: {cells}")
    return (
        f"Grid of {len(matrix)} actors by {len(matrix.columns)} phases, each cell coloured by the actor's modal "
        f"stance in that phase from endorse (blue) to condemn (red), hatched where no statement was found. "
        + ". ".join(parts)
        + "."
    )


def describe_lanes(statements: pd.DataFrame, lanes: Sequence[str], names: Mapping[str, str]) -> str:
    """The per-lane part of the reaction timeline's alt text: each actor's statements counted by stance."""
    parts = []
    for actor in lanes:
        stances = statements.loc[statements["actor_id"] == actor, "stance"].value_counts()
        counts = ", ".join(f"{int(stances[s])} {s}" for s in STANCE_ORDER if s in stances.index)
        parts.append(f"{names.get(actor, actor)} {counts or 'no statement'}")
    return "; ".join(parts)


def describe_measures(measures: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for `plot_measures`: each actor's total and its measures by kind, largest first."""
    totals = measures.sum(axis=1).sort_values(ascending=False, kind="stable")
    parts = []
    for actor, total in totals.items():
        kinds = ", ".join(f"{int(n)} {MEASURE_LABELS[m]}" for m, n in measures.loc[actor].items() if n)
        parts.append(f"{names.get(actor, actor)} {int(total)} ({kinds})")
    return (
        f"Stacked horizontal bars for {len(measures)} actors, one segment per kind of measure: "
        + "; ".join(parts)
        + "."
    )


def describe_stance_path(statements: pd.DataFrame, actor_ids: Sequence[str], names: Mapping[str, str]) -> str:
    """Alt text for `plot_stance_path`, computed from the same rows: counts and modal stance per phase."""
    shift = stance_shift(statements, actor_ids)
    parts = [
        f"{phase}: {int(r['statements'])} statement(s), mostly {r['modal stance']}"
        if r["statements"]
        else f"{phase}: no statement found"
        for phase, r in shift.iterrows()
    ]
    who = ", ".join(names.get(a, a) for a in actor_ids)
    return (
        f"Dot chart of the stance of each statement by {who} over time, on the five-step scale from "
        f"endorse (bottom) to condemn (top), with dashed lines at the four phase triggers. " + "; ".join(parts) + "."
    )


def save_stance_path(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    slug: str,
    actor_ids: Sequence[str],
    names: Mapping[str, str],
    number: str = "05",
    folder: Path | None = None,
) -> SavedFigure:
    """Draw and save one actor section's stance path as `<number>-actor-<slug>`, with caption
    and alt text computed from the same rows, so every section's figure is made the same way."""
    fig = plot_stance_path(statements, events, actor_ids, names)
    who = ", ".join(names.get(a, a) for a in actor_ids)
    stances = statements.loc[statements["actor_id"].isin(actor_ids), "stance"]
    top = stances.value_counts().sort_index().idxmax()
    caption = (
        f"Did the stance of {who} move from phase to phase? Each dot is one of {len(stances)} statements on the "
        f"scale endorse-defend-neutral-concern-condemn, never joined to the next; {(stances == top).sum()} of them "
        f"are '{top}', and dashed lines mark the trigger of each phase."
    )
    return save_figure(
        fig,
        f"{number}-actor-{slug}",
        caption=caption,
        alt=describe_stance_path(statements, actor_ids, names),
        folder=folder,
    )
