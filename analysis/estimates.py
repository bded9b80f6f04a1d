"""Estimates of North Korean troops in Russia and their losses: ranges, series, gaps, ratios.

Governments rarely gave a single number. They said "about", "more than", "as many as", or
"11,000 to 12,000", and the `estimates` table keeps that shape in two bounds (`low`, `high`) so
nothing is rounded away. These helpers turn the bounds into something a figure can show
without hiding which figures were floors or ceilings, and compute the notebook's numbers
(the acknowledgement gap, casualty-to-troop ratios, disagreements) by fixed, tested rules.

Point rule for plotting (`point_estimates`):

- a single figure (low = high) is shown at that figure;
- "more than N" / "at least N" (high empty) is shown at N with an open marker and an arrow
  pointing UP: the true number is above the marker;
- "up to N" / "as many as N" (low empty) is shown at N with an open marker and an arrow
  pointing DOWN: the true number is below the marker;
- a range "N to M" is shown at its midpoint with a bar from N to M.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style
from .data import row_rule_violations, schema
from .figures import label_rows, text_width_in

TROOP_MEASURES = ("deployed", "planned", "in_combat_area")
CASUALTY_MEASURES = ("casualties", "killed", "wounded")

MEASURE_MARKERS: dict[str, str] = {
    "deployed": "o",
    "planned": "s",
    "in_combat_area": "D",
    "casualties": "o",
    "killed": "X",
    "wounded": "P",
    "captured": "v",
    "workers_announced": "*",
}
MEASURE_LABELS: dict[str, str] = {
    "deployed": "deployed",
    "planned": "planned",
    "in_combat_area": "in combat area",
    "casualties": "killed + wounded",
    "killed": "killed",
    "wounded": "wounded",
    "captured": "captured",
    "workers_announced": "workers announced",
}

# --- rules on the bounds ------------------------------------------------------------------------


def _open_bound_handle(label: str) -> Line2D:
    """The legend entry for a hollow marker: an estimate with an open bound ("more than", "up to")."""
    return Line2D([], [], linestyle="", marker="o", markerfacecolor="white", markeredgecolor="#555555", label=label)


def check_bounds(frame: pd.DataFrame) -> list[str]:
    """Every row that breaks the table's row rules, as 'estimate_id: expected ...'.

    The rules (at least one bound, low <= high, bounds that agree with the qualifier) live in
    `data/datapackage.json` as `x-rowRules`; the loader enforces them on the CSV, and this
    applies the same rules to any frame, e.g. one built by hand. An empty list means consistent.
    """
    rules = schema("estimates")["schema"].get("x-rowRules", [])
    problems = []
    for row in frame.to_dict("records"):
        clean = {k: None if not isinstance(v, list) and pd.isna(v) else v for k, v in row.items()}
        problems += [f"{row['estimate_id']}: expected {expected}" for _, expected in row_rule_violations(clean, rules)]
    return problems


def _bound(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _point(low: object, high: object) -> float:
    low, high = _bound(low), _bound(high)
    if high is None:
        return float(low)
    if low is None:
        return float(high)
    return (low + high) / 2


def agency(estimator: str) -> str:
    """The body behind a figure: 'Pentagon (Pat Ryder)' -> 'Pentagon'.

    Spokespeople change; a series should follow the institution, so figures from Ryder and
    Singh form one Pentagon series.
    """
    return estimator.split(" (", 1)[0].strip()


def point_estimates(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a plotting `value`, a `direction` and an `agency` column.

    `direction` is 'up' for an open upper bound (the truth is above `value`), 'down' for an
    open lower bound, 'range' for N-to-M figures and 'point' for single figures. See the
    module docstring for the rule. Raises ValueError if any row breaks `check_bounds`.
    """
    problems = check_bounds(frame)
    if problems:
        raise ValueError("estimates with inconsistent bounds: " + "; ".join(problems))
    values, directions = [], []
    for low, high in zip(frame["low"], frame["high"], strict=True):
        low, high = _bound(low), _bound(high)
        values.append(_point(low, high))
        if high is None:
            directions.append("up")
        elif low is None:
            directions.append("down")
        else:
            directions.append("point" if low == high else "range")
    return frame.assign(value=values, direction=directions, agency=frame["estimator"].map(agency))


def figure_text(low: object, high: object) -> str:
    """A figure as words, e.g. 'more than 3,000', 'up to 8,000', '11,000-12,000', '1,500'."""
    low, high = _bound(low), _bound(high)
    if low is None and high is None:
        raise ValueError("an estimate needs low or high")
    if high is None:
        return f"≥ {low:,}"
    if low is None:
        return f"≤ {high:,}"
    if low == high:
        return f"{low:,}"
    return f"{low:,}–{high:,}"


def series(frame: pd.DataFrame, measures: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per estimate, ordered as series: by government, agency, measure, then date.

    Adds `value`/`direction` (see `point_estimates`), `figure` (the bounds in words) and
    `change` (value minus the previous value of the same agency and measure), so a reader can
    see when an estimator revised its own figure.
    """
    points = point_estimates(frame)
    if measures is not None:
        points = points[points["measure"].isin(measures)]
    points = points.sort_values(["estimator_actor", "agency", "measure", "report_date", "estimate_id"], kind="stable")
    points = points.assign(
        figure=[figure_text(lo, hi) for lo, hi in zip(points["low"], points["high"], strict=True)],
        change=points.groupby(["estimator_actor", "agency", "measure"])["value"].diff(),
    )
    columns = [
        "estimator_actor",
        "agency",
        "measure",
        "report_date",
        "figure",
        "value",
        "direction",
        "change",
        "estimate_id",
    ]
    return points[columns].reset_index(drop=True)


# --- the acknowledgement gap --------------------------------------------------------------------


def acknowledgement_gap(events: pd.DataFrame, starts: Sequence[str], ends: Sequence[str]) -> pd.DataFrame:
    """Days from each first report (`starts`) to each official acknowledgement (`ends`).

    One row per (start, end) pair, so the answer does not depend on which "first report" a
    reader prefers: the notebook shows both Zelensky's first warning and the NIS report.
    """
    indexed = events.set_index("event_id")
    missing = [e for e in [*starts, *ends] if e not in indexed.index]
    if missing:
        raise KeyError(f"no events {missing} in the events table")
    rows = []
    for start in starts:
        for end in ends:
            s, e = indexed.loc[start], indexed.loc[end]
            rows.append(
                {
                    "start_event": start,
                    "start_label": s["label"],
                    "start_date": s["date"],
                    "end_event": end,
                    "end_label": e["label"],
                    "end_date": e["date"],
                    "days": int((e["date"] - s["date"]).days),
                }
            )
    return pd.DataFrame(rows)


# --- casualties against troops ------------------------------------------------------------------


def casualty_totals(frame: pd.DataFrame, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """One killed-and-wounded figure per agency and report date.

    A `casualties` row is used as given. Where an agency gave `killed` and `wounded`
    separately on the same day (and no `casualties` row), they are added: the low bounds sum,
    and the high bound is the sum of the highs only if both are closed, else open.
    Rows in `exclude` (e.g. a one-week count that is not cumulative) are left out.
    """
    points = point_estimates(frame[~frame["estimate_id"].isin(list(exclude))])
    points = points[points["measure"].isin(CASUALTY_MEASURES)]
    rows = []
    for (actor, body, date), group in points.groupby(["estimator_actor", "agency", "report_date"], sort=True):
        direct = group[group["measure"] == "casualties"]
        if not direct.empty:
            row = direct.iloc[0]
            rows.append((actor, body, date, [row["estimate_id"]], _bound(row["low"]), _bound(row["high"])))
            continue
        parts = group[group["measure"].isin(["killed", "wounded"])]
        if set(parts["measure"]) != {"killed", "wounded"}:
            continue
        lows = [_bound(v) for v in parts["low"]]
        highs = [_bound(v) for v in parts["high"]]
        low = sum(v for v in lows if v is not None) if any(v is not None for v in lows) else None
        high = None if any(v is None for v in highs) else sum(highs)
        rows.append((actor, body, date, sorted(parts["estimate_id"]), low, high))
    out = pd.DataFrame(rows, columns=["estimator_actor", "agency", "report_date", "estimate_ids", "low", "high"])
    out["low"] = pd.array(out["low"], dtype="Int64")
    out["high"] = pd.array(out["high"], dtype="Int64")
    return out


def casualty_ratios(
    frame: pd.DataFrame,
    max_days: int = 45,
    exclude: Iterable[str] = (),
    troop_measures: Sequence[str] = ("deployed", "in_combat_area"),
) -> pd.DataFrame:
    """Casualties as a share of troops, where the same agency gave both on close dates.

    Pairing rule: for each casualty total of an agency (see `casualty_totals`), take the
    same government's same agency's troop figure (`troop_measures`) whose report date is
    closest to it, at most `max_days` before or after; ties go to the measure listed first in
    `troop_measures`, then to the later report. A casualty total without such a partner is
    left out. Rows in `exclude` are never used (e.g. figures that count one wave only).
    Ratios use the plotting values (an open bound counts at its stated figure), and
    `open_bounds` says which side of a pair was open, so a reader can tell a floor from a
    point.
    """
    excluded = list(exclude)
    totals = casualty_totals(frame, exclude=excluded)
    troops = point_estimates(frame[~frame["estimate_id"].isin(excluded)])
    troops = troops[troops["measure"].isin(troop_measures)]
    preference = {m: i for i, m in enumerate(troop_measures)}
    rows = []
    for total in totals.itertuples(index=False):
        mine = troops[(troops["estimator_actor"] == total.estimator_actor) & (troops["agency"] == total.agency)]
        if mine.empty:
            continue
        gaps = (mine["report_date"] - total.report_date).dt.days
        mine = mine.assign(
            days_apart=gaps.abs(), _pref=mine["measure"].map(preference), _neg_date=-mine["report_date"].astype("int64")
        )
        mine = mine[mine["days_apart"] <= max_days]
        if mine.empty:
            continue
        best = mine.sort_values(["days_apart", "_pref", "_neg_date", "estimate_id"]).iloc[0]
        casualties = _point(total.low, total.high)
        open_sides = []
        if pd.isna(total.high):
            open_sides.append("casualties ≥")
        if best["direction"] in ("up", "down"):
            open_sides.append("troops " + ("≥" if best["direction"] == "up" else "≤"))
        rows.append(
            {
                "estimator_actor": total.estimator_actor,
                "agency": total.agency,
                "casualty_date": total.report_date,
                "casualty_ids": total.estimate_ids,
                "casualties": casualties,
                "casualty_figure": figure_text(total.low, total.high),
                "troops_id": best["estimate_id"],
                "troops_date": best["report_date"],
                "troops_measure": best["measure"],
                "troops": best["value"],
                "troops_figure": figure_text(best["low"], best["high"]),
                "days_apart": int(best["days_apart"]),
                "ratio": round(casualties / best["value"], 3),
                "open_bounds": ", ".join(open_sides),
            }
        )
    return pd.DataFrame(rows)


# --- disagreements between estimators -----------------------------------------------------------


def _interval(low: object, high: object) -> tuple[float, float]:
    low, high = _bound(low), _bound(high)
    return (0.0 if low is None else float(low), float("inf") if high is None else float(high))


def disagreements(
    frame: pd.DataFrame, window_days: int = 7, min_factor: float = 1.0, exclude: Iterable[str] = ()
) -> pd.DataFrame:
    """Pairs of figures for the same measure, from different agencies within `window_days`,
    whose ranges cannot both be true.

    Each figure is read as an interval ("more than N" = [N, infinity), "up to N" = [0, N], a
    single figure = [N, N]); two figures disagree when their intervals do not overlap. That
    is deliberately strict for "about" figures: 10,900 and 11,000 count as different, so the
    `factor` column (larger point over smaller) shows how big the difference is, and
    `min_factor` keeps only pairs at least that far apart.
    """
    points = point_estimates(frame[~frame["estimate_id"].isin(list(exclude))]).sort_values(
        ["report_date", "estimate_id"]
    )
    rows = []
    records = list(points.itertuples(index=False))
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if b.measure != a.measure or b.agency == a.agency:
                continue
            days = abs((b.report_date - a.report_date).days)
            if days > window_days:
                continue
            (a_lo, a_hi), (b_lo, b_hi) = _interval(a.low, a.high), _interval(b.low, b.high)
            if a_lo <= b_hi and b_lo <= a_hi:
                continue
            factor = max(a.value, b.value) / min(a.value, b.value)
            if factor < min_factor:
                continue
            rows.append(
                {
                    "measure": a.measure,
                    "date_a": a.report_date,
                    "estimator_a": a.estimator,
                    "figure_a": figure_text(a.low, a.high),
                    "date_b": b.report_date,
                    "estimator_b": b.estimator,
                    "figure_b": figure_text(b.low, b.high),
                    "days_apart": days,
                    "factor": round(factor, 1),
                    "ids": f"{a.estimate_id}; {b.estimate_id}",
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "measure",
            "date_a",
            "estimator_a",
            "figure_a",
            "date_b",
            "estimator_b",
            "figure_b",
            "days_apart",
            "factor",
            "ids",
        ],
    )


# --- figures ------------------------------------------------------------------------------------


def measure_summary(frame: pd.DataFrame, measure: str, band: tuple[float, float] | None = None) -> dict[str, object]:
    """What a caption says about one measure: how many figures, the lowest and highest, and
    how many fall in `band` (inclusive), all from the plotted values."""
    values = point_estimates(frame).loc[lambda d: d["measure"] == measure, "value"]
    summary: dict[str, object] = {"count": len(values), "lowest": int(values.min()), "highest": int(values.max())}
    if band is not None:
        summary["in_band"] = int(values.between(*band).sum())
    return summary


def value_label(row) -> str:  # noqa: ANN001 - a row of `point_estimates`
    """The figure as a reader would say it: 11,000+ (more than), ≤8,000 (up to), 11–12,000."""
    if row.direction == "up":
        return f"{row.value:,.0f}+"
    if row.direction == "down":
        return f"≤{row.value:,.0f}"
    if row.direction == "range":
        return f"{int(row.low):,}–{int(row.high):,}"
    return f"{row.value:,.0f}"


# Vertical offsets (points) of a value label from its dot, by the row `label_rows` gives it:
# above, below, further above, further below.
LABEL_OFFSETS_PT = (6.0, -6.0, 15.0, -15.0)


def plot_estimates(
    frame: pd.DataFrame, measures: Sequence[str], names: dict[str, str], title: str, unjoined: Iterable[str] = ()
) -> Figure:
    """Each published figure as its own dot, one row per agency, one panel per measure.

    The question: what did each government's agencies say, and when? Estimates by different
    agencies, or by one agency months apart, are not a series, so they are never joined by
    lines; each dot carries its number (11,000+ for 'more than', ≤8,000 for 'up to', a dash
    for a stated range). Colour = the agency's government. Rows in `unjoined` (figures that
    count one wave or one week only) get a grey ring. Each panel lists only its own agencies,
    so no panel is left empty by another's scale.
    """
    points = point_estimates(frame)
    points = points[points["measure"].isin(measures)].sort_values(["report_date", "estimate_id"])
    unjoined = set(unjoined)
    shown = [m for m in measures if m in set(points["measure"])]
    government_order = ["KOR", "USA", "UKR", "GBR", "RUS"]
    rank = {a: i for i, a in enumerate(government_order)}
    rows_of = {}
    for measure in shown:
        mine = points[points["measure"] == measure]
        firsts = mine.groupby(["estimator_actor", "agency"])["report_date"].min().reset_index()
        firsts = firsts.assign(r=firsts["estimator_actor"].map(lambda a: rank.get(a, len(rank))))
        rows_of[measure] = list(
            firsts.sort_values(["r", "report_date", "agency"])[["estimator_actor", "agency"]].itertuples(
                index=False, name=None
            )
        )
    heights = [len(rows_of[m]) + 0.6 for m in shown]
    fig, axes = plt.subplots(
        len(shown),
        1,
        figsize=(6.6, 0.42 * sum(heights) + 0.5 * len(shown) + 0.9),
        sharex=True,
        squeeze=False,
        gridspec_kw={"height_ratios": heights},
    )
    start, stop = (
        points["report_date"].min() - pd.Timedelta(days=15),
        points["report_date"].max() + pd.Timedelta(days=75),
    )
    days_per_inch = (stop - start).days / 4.4  # the axes are about 4.4 in wide beside the agency names
    for ax, measure in zip(axes[:, 0], shown, strict=True):
        rows = rows_of[measure]
        y_of = {key: len(rows) - 1 - i for i, key in enumerate(rows)}
        for y in y_of.values():
            ax.axhline(y, color="#e4e4e4", linewidth=0.8, zorder=0)
        mine = points[points["measure"] == measure]
        for key, group in mine.groupby(["estimator_actor", "agency"], sort=True):
            y, colour = y_of[key], style.colour(key[0])
            texts = [value_label(row) for row in group.itertuples(index=False)]
            widths = [text_width_in(t, 8) for t in texts]
            centres = [
                (d - start).days / days_per_inch + 0.06 + w / 2
                for d, w in zip(group["report_date"], widths, strict=True)
            ]
            for row, text, level in zip(
                group.itertuples(index=False), texts, label_rows(centres, widths, gap=0.06), strict=True
            ):
                hollow = row.direction in ("up", "down")
                if row.estimate_id in unjoined:
                    ax.plot(
                        row.report_date,
                        y,
                        marker="o",
                        markersize=12,
                        linestyle="",
                        markerfacecolor="none",
                        markeredgecolor="#888888",
                        markeredgewidth=1.0,
                        zorder=2,
                    )
                ax.plot(
                    row.report_date,
                    y,
                    marker="o",
                    markersize=6,
                    linestyle="",
                    markeredgewidth=1.3,
                    zorder=3,
                    markerfacecolor="white" if hollow else colour,
                    markeredgecolor=colour,
                )
                offset = LABEL_OFFSETS_PT[level % len(LABEL_OFFSETS_PT)]
                ax.annotate(
                    text,
                    (row.report_date, y),
                    xytext=(3, offset),
                    textcoords="offset points",
                    fontsize=8,
                    va="bottom" if offset > 0 else "top",
                    ha="left",
                    color="#222222",
                )
        ax.set_yticks(list(y_of.values()), labels=[agency for _, agency in rows])
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(-0.8, len(rows) - 0.2)
        ax.spines["left"].set_visible(False)
        ax.set_title(f"{MEASURE_LABELS[measure].capitalize()}", loc="left")
    actors = [a for a in government_order if a in set(points["estimator_actor"])]
    actors += sorted(set(points["estimator_actor"]) - set(actors))
    handles = [Line2D([], [], linestyle="", marker="o", color=style.colour(a), label=names.get(a, a)) for a in actors]
    handles.append(_open_bound_handle("hollow: open bound"))
    if unjoined & set(points["estimate_id"]):
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker="o",
                markersize=10,
                markerfacecolor="none",
                markeredgecolor="#888888",
                label="ring: one wave or week",
            )
        )
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=4,
        frameon=False,
        bbox_to_anchor=(0.5, 0.0),
        handletextpad=0.3,
        columnspacing=1.0,
    )
    bottom = axes[-1, 0]
    bottom.set_xlim(start, stop)
    bottom.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.tight_layout(rect=(0, 0.55 / fig.get_figheight(), 1, 1))
    return fig


def plot_acknowledgement_gap(gaps: pd.DataFrame, actor_of: dict[str, str]) -> Figure:
    """One bar per (first report, acknowledgement) pair, labelled with its length in days.

    `actor_of` maps an event id to the actor whose colour marks it (the reporter for starts,
    the acknowledging side for ends).
    """
    fig, ax = plt.subplots(figsize=(6.6, 0.5 * len(gaps) + 1.4))
    for i, row in enumerate(gaps.itertuples(index=False)):
        y = len(gaps) - 1 - i
        ax.barh(
            y,
            row.days,
            left=row.start_date,
            height=0.5,
            color=style.colour(actor_of.get(row.end_event, "")),
            alpha=0.35,
        )
        ax.plot(
            row.start_date,
            y,
            marker=style.marker(actor_of.get(row.start_event, "")),
            color=style.colour(actor_of.get(row.start_event, "")),
            markersize=8,
        )
        ax.plot(row.end_date, y, marker="D", color=style.colour(actor_of.get(row.end_event, "")), markersize=7)
        ax.text(row.end_date, y, f"  {row.days} days", va="center")
    labels = [f"{r.start_label} →\n{r.end_label}" for r in gaps.itertuples(index=False)]
    ax.set_yticks(range(len(gaps)), labels=labels[::-1], fontsize=8)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlim(gaps["start_date"].min() - pd.Timedelta(days=15), gaps["end_date"].max() + pd.Timedelta(days=45))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_title("The acknowledgement gap, in days", loc="left")
    fig.tight_layout()
    return fig


def plot_casualty_ratio(
    pairs: pd.DataFrame, names: dict[str, str], shares: Sequence[float] = (0.1, 0.25, 0.5)
) -> Figure:
    """Casualties (y) against troops (x) for each same-agency pair, with lines of equal share."""
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    xmax = pairs["troops"].max() * 1.15
    ymax = pairs["casualties"].max() * 1.35
    for share in shares:
        x_end = min(xmax, ymax / share)
        ax.plot([0, x_end], [0, share * x_end], color="#bbbbbb", linewidth=0.8, linestyle="--", zorder=1)
        ax.text(
            x_end,
            share * x_end,
            f" {share:.0%}",
            fontsize=8,
            color="#555555",
            va="bottom",
            ha="right" if x_end < xmax else "left",
        )
    for row in pairs.itertuples(index=False):
        colour = style.colour(row.estimator_actor)
        hollow = bool(row.open_bounds)
        ax.plot(
            row.troops,
            row.casualties,
            marker=style.marker(row.estimator_actor),
            markersize=9,
            linestyle="",
            markerfacecolor="white" if hollow else colour,
            markeredgecolor=colour,
            markeredgewidth=1.5,
            zorder=3,
        )
        crowded = (
            ((pairs["troops"] - row.troops).abs() < 0.25 * xmax)
            & ((pairs["casualties"] - row.casualties).abs() < 800)
            & (
                (pairs["casualties"] > row.casualties)
                | ((pairs["casualties"] == row.casualties) & (pairs["troops"] < row.troops))
            )
        )
        below = bool(crowded.any())  # a close neighbour above takes the space over the marker
        ax.annotate(
            f"{row.agency}, {row.casualty_date:%d %b %Y}\n{row.ratio:.0%}",
            (row.troops, row.casualties),
            xytext=(0, -11 if below else 9),
            textcoords="offset points",
            fontsize=8,
            ha="center",
            va="top" if below else "bottom",
        )
    actors = list(dict.fromkeys(pairs["estimator_actor"]))
    handles = [
        Line2D([], [], linestyle="", marker=style.marker(a), color=style.colour(a), label=names.get(a, a))
        for a in actors
    ]
    handles.append(_open_bound_handle("hollow: a bound is open"))
    ax.legend(handles=handles, loc="upper left", frameon=False)
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    fmt = plt.FuncFormatter(lambda v, _: f"{v:,.0f}")
    ax.xaxis.set_major_formatter(fmt)
    ax.yaxis.set_major_formatter(fmt)
    ax.set_xlabel("Troops (same agency's deployed or in-combat-area figure)")
    ax.set_ylabel("Killed and wounded")
    ax.set_title("Casualties against troops, same estimator", loc="left")
    fig.tight_layout()
    return fig
