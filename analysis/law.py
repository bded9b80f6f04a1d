"""Article 4 against the law of collective self-defence: the tables and the figure of notebook 09.

The verdicts are analysis, and analysis drifts when it is typed twice. So the arguments and
verdicts live once, in the `legal_assessment` table (each row citing its legal sources, events,
statements and pages), and everything the notebook shows of them (the element-by-element
table, the moot-court briefs, the timeline of facts against legal steps) is generated here from
that table and from `legal_sources`, `events` and `arms_transfers`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from . import style
from .bibliography import escape_markdown
from .estimates import figure_text

ELEMENT_LABELS: dict[str, str] = {
    "armed_attack": "Armed attack on Russia?",
    "declaration_request": "Russia's declaration and request",
    "state_of_war": "Article 4's 'state of war'",
    "necessity_proportionality": "Necessity and proportionality",
    "reporting": "Report to the Security Council",
    "council_measures": "Until the Council acts",
    "sanctions": "UN sanctions on North Korea",
    "use_of_force": "North Korea's own use of force",
}
VERDICT_LABELS: dict[str, str] = {
    "favours_critics": "Critics' reading holds up better",
    "contested": "Genuinely contested",
    "favours_moscow_pyongyang": "Moscow's and Pyongyang's reading holds up better",
}
ITEM_LABELS: dict[str, str] = {
    "containers": "containers",
    "artillery_shells": "artillery shells",
    "ballistic_missiles": "ballistic missiles sent",
    "ballistic_missiles_launched": "ballistic missiles fired at Ukraine",
    "heavy_artillery": "heavy artillery pieces",
}
LANE_LABELS: dict[str, str] = {"fact": "Facts on the ground", "legal": "Legal steps"}

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)'])\.\s+(?=[A-Z])")


def _in_element_order(assessment: pd.DataFrame) -> pd.DataFrame:
    """The assessment rows in the order the schema lists the elements of the self-defence test."""
    order = {e: i for i, e in enumerate(ELEMENT_LABELS)}
    return assessment.assign(_o=assessment["element"].map(order)).sort_values("_o")


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph: the short form the summary table shows."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".") + "."


def short_authority(row: Mapping[str, object]) -> str:
    """A legal source as it is cited in a table cell, e.g. 'Charter Art. 51', 'Nicaragua para. 199'."""
    instrument, kind, provision = str(row["instrument"]), row["kind"], str(row["provision"])
    if kind == "charter":
        name = "Charter"
    elif kind == "judgment":
        match = re.match(r"ICJ, (?:.* against )?([^(]+?) \(", instrument)
        name = match.group(1) if match else instrument
    elif kind == "sc_resolution":
        name = "SC res. " + re.sub(r"\D*(\d+).*", r"\1", instrument)
    else:
        name = "GA res. " + instrument.rsplit(" ", 1)[-1]
    return f"{name} {provision}" if kind in ("charter", "judgment") else name


def article4_conditions(articles: pd.DataFrame) -> pd.DataFrame:
    """Article 4's conditions, read from its row of the articles table.

    The quoted key terms are the trigger and the timing; the cross-references are the two
    bodies of law the article says the help must accord with.
    """
    row = articles.set_index("article").loc[4]
    terms = list(row["key_terms"])
    refs = list(row["cross_refs"])
    conditions = ["trigger: a party put in a state of war by an armed invasion", "timing of the help"][: len(terms)]
    frame = pd.DataFrame({"condition": conditions, "treaty's words or reference": terms, "kind": "quoted key term"})
    frames = [
        frame,
        pd.DataFrame(
            {
                "condition": [f"help must accord with {ref}" for ref in refs],
                "treaty's words or reference": refs,
                "kind": "cross-reference",
            }
        ),
    ]
    return pd.concat(frames, ignore_index=True)


def authorities(assessment_row: Mapping[str, object], legal_sources: pd.DataFrame) -> str:
    """The legal sources an assessment row applies, cited briefly and joined by '; '."""
    by_id = legal_sources.set_index("legal_source_id")
    return "; ".join(
        short_authority(
            {
                "instrument": by_id.at[i, "instrument"],
                "kind": by_id.at[i, "kind"],
                "provision": by_id.at[i, "provision"],
            }
        )
        for i in assessment_row["legal_source_ids"]
    )


def assessment_table(assessment: pd.DataFrame, legal_sources: pd.DataFrame) -> pd.DataFrame:
    """Elements x arguments x verdict x sources: one row per element, in the schema's order.

    Each argument and verdict is cut to its first sentence; the full text is in the table and
    `element_markdown` prints it. 'Sources' counts the pages and rows the element rests on.
    """
    rows = _in_element_order(assessment)
    return pd.DataFrame(
        {
            "Element": rows["element"].map(ELEMENT_LABELS),
            "Moscow and Pyongyang": rows["moscow_pyongyang"].map(first_sentence),
            "Critics": rows["critics"].map(first_sentence),
            "Verdict": rows["verdict_code"].map(VERDICT_LABELS),
            "Law applied": [authorities(r, legal_sources) for _, r in rows.iterrows()],
            "Record and pages": [
                ", ".join(
                    _plural(_count(r[column]), noun)
                    for column, noun in (("event_ids", "event"), ("statement_ids", "statement"), ("source_ids", "page"))
                )
                for _, r in rows.iterrows()
            ],
        }
    ).reset_index(drop=True)


def _count(cell: object) -> int:
    return len(cell) if isinstance(cell, list) else 0


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def to_markdown(frame: pd.DataFrame) -> str:
    """A small frame as a Markdown table, every cell escaped so data text shows literally."""
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(escape_markdown(str(v)) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def element_markdown(row: Mapping[str, object], legal_sources: pd.DataFrame) -> str:
    """One element in full: question, record, both arguments, verdict, what stays open, law and ids."""
    parts = [
        f"### {escape_markdown(ELEMENT_LABELS[str(row['element'])])}",
        f"*{escape_markdown(str(row['question']))}*",
        f"**The record.** {escape_markdown(str(row['record']))}",
        f"**Moscow and Pyongyang.** {escape_markdown(str(row['moscow_pyongyang']))}",
        f"**The critics.** {escape_markdown(str(row['critics']))}",
        f"**Verdict.** {escape_markdown(str(row['verdict']))}",
        f"**Still contested.** {escape_markdown(str(row['contested']))}",
        f"Law applied: {escape_markdown(authorities(row, legal_sources))}. Rows: "
        + escape_markdown(", ".join(list(row["event_ids"] or []) + list(row["statement_ids"] or [])))
        + ".",
    ]
    return "\n\n".join(parts)


def moot_briefs(assessment: pd.DataFrame) -> pd.DataFrame:
    """The two teams' opening points, element by element, for the moot court.

    The applicant (Ukraine) argues from the critics' column, the respondents (Russia and the
    DPRK) from Moscow's and Pyongyang's; each team must also answer the other's point.
    """
    rows = _in_element_order(assessment)
    return pd.DataFrame(
        {
            "element": rows["element"].map(ELEMENT_LABELS),
            "applicant (Ukraine) opens with": rows["critics"].map(first_sentence),
            "respondents (Russia, DPRK) open with": rows["moscow_pyongyang"].map(first_sentence),
        }
    ).reset_index(drop=True)


def days_between(events: pd.DataFrame, start: str, end: str) -> int:
    """Days from one event row to another (by event_id); negative if `end` came first."""
    dates = events.set_index("event_id")["date"]
    return int((pd.Timestamp(dates[end]) - pd.Timestamp(dates[start])).days)


def arms_table(arms: pd.DataFrame, items: Sequence[str] | None = None) -> pd.DataFrame:
    """The arms-transfer estimates as a narrow table: who, when, what, how many, for which period."""
    frame = arms if items is None else arms[arms["item"].isin(items)]
    frame = frame.sort_values(["item", "report_date", "transfer_id"])
    return pd.DataFrame(
        {
            "reported": frame["report_date"].map(lambda d: d.strftime("%Y-%m-%d")),
            "estimator": frame["estimator"],
            "item": frame["item"].map(ITEM_LABELS),
            "figure": [figure_text(lo, hi) for lo, hi in zip(frame["low"], frame["high"], strict=True)],
            "period": frame["period"].fillna("—"),
        }
    ).reset_index(drop=True)


def legal_timeline(events: pd.DataFrame, lanes: Mapping[str, str]) -> pd.DataFrame:
    """The events of `lanes` (event_id -> 'fact' or 'legal') in date order, with the gap in days."""
    unknown = set(lanes) - set(events["event_id"])
    if unknown:
        raise KeyError(f"events not in the table: {sorted(unknown)}")
    bad = {v for v in lanes.values()} - set(LANE_LABELS)
    if bad:
        raise ValueError(f"lanes must be one of {sorted(LANE_LABELS)}, got {sorted(bad)}")
    rows = events[events["event_id"].isin(lanes)].sort_values(["date", "event_id"]).copy()
    rows["lane"] = rows["event_id"].map(lanes)
    rows["actor"] = rows["actors"].map(lambda a: a[0])
    rows["days_since_previous"] = pd.to_datetime(rows["date"]).diff().dt.days.astype("Int64")
    return rows[["date", "event_id", "label", "lane", "actor", "days_since_previous"]].reset_index(drop=True)


def plot_legal_timeline(timeline: pd.DataFrame, missing: Sequence[str], names: Mapping[str, str]) -> Figure:
    """One row per event in date order, in a 'facts' or a 'legal steps' column; steps never
    found in the record are drawn hollow at the foot. Rows are ordinal (the gap in days is
    printed) so that events a few days apart never overlap.
    """
    n = len(timeline) + len(missing)
    fig, ax = plt.subplots(figsize=(6.7, 0.3 * n + 0.9))
    x_of = {"fact": 0.29, "legal": 0.63}
    for i, row in timeline.iterrows():
        y = -i
        x = x_of[row["lane"]]
        ax.plot([0.27, 0.99], [y, y], color="#eeeeee", linewidth=0.6, zorder=0)
        marker = "o" if row["lane"] == "fact" else "s"
        ax.scatter(
            [x],
            [y],
            s=42,
            marker=marker,
            color=style.colour(row["actor"]),
            edgecolors="black",
            linewidths=0.5,
            zorder=3,
        )
        ax.text(x + 0.02, y, row["label"], va="center", fontsize=8)
        ax.text(0.0, y, pd.Timestamp(row["date"]).strftime("%d %b %Y"), va="center", fontsize=8)
        gap = row["days_since_previous"]
        if pd.notna(gap):
            ax.text(0.26, y, f"+{int(gap)} d", va="center", ha="right", fontsize=8, color="#666666")
    start = -len(timeline)
    for j, text in enumerate(missing):
        y = start - j
        ax.scatter(
            [x_of["legal"]], [y], s=42, marker="s", facecolors="white", edgecolors="#666666", linewidths=0.8, zorder=3
        )
        ax.text(x_of["legal"] + 0.02, y, text, va="center", fontsize=8, color="#444444")
        ax.text(0.0, y, "not found", va="center", fontsize=8, color="#666666", style="italic")
    for lane, x in x_of.items():
        ax.text(x, 1.0, LANE_LABELS[lane], ha="left", va="center", fontsize=9, fontweight="bold")
    actors = list(dict.fromkeys(timeline["actor"]))
    for k, actor in enumerate(actors):
        ax.scatter([0.02 + 0.17 * k], [-n - 0.2], s=30, color=style.colour(actor), edgecolors="black", linewidths=0.5)
        ax.text(0.035 + 0.17 * k, -n - 0.2, names.get(actor, actor), va="center", fontsize=8)
    ax.set_xlim(0, 1.0)
    ax.set_ylim(-n - 0.7, 1.5)
    ax.axis("off")
    ax.set_title("From the 2022 invasion to Kursk: facts against the steps of Article 51", loc="left", fontsize=11)
    fig.tight_layout()
    return fig
