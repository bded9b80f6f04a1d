"""The teaching layer: role-play briefs generated from the data, and the collection's timings.

The teacher's guide (notebook 08) hands each student an actor to play. Writing those briefs
by hand would freeze them at the day they were written; generating them from the `statements`
and `events` tables means a recoded stance, a new statement or a corrected date changes the
brief too, and every actor gets the same rules (no actor gets a hand-picked quote).

Every piece of text that comes from the data goes through `escape_markdown`, so a summary
containing `$`, `{}` or `<script>` is shown literally in the notebook and in the book.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import style
from .bibliography import escape_markdown
from .paths import NOTEBOOKS_DIR
from .reactions import MEASURE_LABELS, PHASE_ORDER, STANCE_RANK, summarise_stance

NO_STATEMENT = "no statement found"
MAX_LABELS = 3  # event labels listed per kind in a brief; the rest are counted


def role_play_actors(statements: pd.DataFrame, min_statements: int = 3) -> list[str]:
    """Actors with at least `min_statements` statements, in the collection's actor order.

    Fewer than three rows give a student too little to argue from; the threshold is a
    parameter so a small class can use fewer roles.
    """
    counts = statements["actor_id"].value_counts()
    chosen = set(counts[counts >= min_statements].index)
    order = [a for a in style.ACTOR_COLOURS if a in chosen]
    return order + sorted(chosen - set(order))


def positions(statements: pd.DataFrame, actor_id: str, phases: Sequence[str] = PHASE_ORDER) -> pd.DataFrame:
    """Per phase: how many statements the actor made, its modal and its sharpest stance.

    Uses the documented modal rule of `reactions.summarise_stance`; a phase without a
    statement says so instead of guessing a position.
    """
    rows = statements[statements["actor_id"] == actor_id]
    records = []
    for phase in phases:
        stances = list(rows.loc[rows["phase"] == phase, "stance"])
        records.append(
            {
                "phase": phase,
                "statements": len(stances),
                "position": summarise_stance(stances) or NO_STATEMENT,
                "sharpest": summarise_stance(stances, "most_hostile") or "",
            }
        )
    return pd.DataFrame(records)


def key_statements(
    statements: pd.DataFrame, actor_id: str, per_phase: int = 1, phases: Sequence[str] = PHASE_ORDER
) -> pd.DataFrame:
    """The statements that best show the actor's position in each phase, oldest first.

    Rule (same for every actor): within a phase, keep statements whose stance is the phase's
    modal stance; prefer those with a quoted key phrase, then those reporting a concrete
    measure, then the earliest; take `per_phase` of them.
    """
    rows = statements[statements["actor_id"] == actor_id]
    chosen = []
    for phase in phases:
        group = rows[rows["phase"] == phase]
        if group.empty:
            continue
        modal = summarise_stance(list(group["stance"]))
        candidates = group[group["stance"] == modal].assign(
            _no_phrase=lambda g: g["key_phrase"].fillna("").str.strip().eq(""),
            _no_measure=lambda g: g["measure"].map(lambda m: m == ["none"]),
        )
        chosen.append(candidates.sort_values(["_no_phrase", "_no_measure", "date", "statement_id"]).head(per_phase))
    if not chosen:
        return rows.iloc[0:0]
    return pd.concat(chosen).drop(columns=["_no_phrase", "_no_measure"]).sort_values(["date", "statement_id"])


def measures(statements: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """Every concrete measure the actor took (statements whose measure is not 'none'), by date."""
    rows = statements[statements["actor_id"] == actor_id].explode("measure")  # one row per measure announced
    rows = rows[rows["measure"] != "none"]
    return rows.sort_values(["date", "statement_id"])[["date", "measure", "speaker", "summary", "statement_id"]]


def events_with(events: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """The events the actor took part in (its id in the event's `actors` list), by date."""
    mask = events["actors"].map(lambda actors: actor_id in actors)
    return events[mask].sort_values(["date", "event_id"])


@dataclass(frozen=True)
class RoleBrief:
    """One actor's role-play brief, displayed as Markdown with every data text escaped."""

    actor_id: str
    name: str
    positions: pd.DataFrame
    key_statements: pd.DataFrame
    measures: pd.DataFrame
    events: pd.DataFrame

    @property
    def silent_phases(self) -> list[str]:
        return list(self.positions.loc[self.positions["statements"] == 0, "phase"])

    def _repr_markdown_(self) -> str:
        e = escape_markdown
        lines = [f"#### Role brief: {e(self.name)} (`{self.actor_id}`)", "", "**Your position, phase by phase**", ""]
        lines += ["| phase | statements | usual stance | sharpest stance |", "|---|---|---|---|"]
        for _, row in self.positions.iterrows():
            lines.append(f"| {row['phase']} | {row['statements']} | {e(row['position'])} | {e(row['sharpest'])} |")
        lines += ["", "**What you said (key statements)**", ""]
        for _, row in self.key_statements.iterrows():
            phrase = str(row["key_phrase"]) if pd.notna(row["key_phrase"]) and str(row["key_phrase"]).strip() else ""
            quote = f" Key phrase: “{e(phrase)}”." if phrase else ""
            lines.append(
                f"- {row['date']:%Y-%m-%d}, {e(row['phase'])}, {e(row['stance'])}: {e(row['speaker'])}. "
                f"{e(row['summary'])}{quote} `{row['statement_id']}`"
            )
        if self.key_statements.empty:
            lines.append("- (no statement in the table)")
        lines += ["", "**What you did (concrete measures)**", ""]
        for _, row in self.measures.iterrows():
            lines.append(
                f"- {row['date']:%Y-%m-%d}: {e(MEASURE_LABELS.get(row['measure'], row['measure']))} "
                f"({e(row['speaker'])}) `{row['statement_id']}`"
            )
        if self.measures.empty:
            lines.append("- None recorded: your words are your only tool. Decide whether that is a choice.")
        lines += ["", "**Where you were present (events, by kind)**", ""]
        for kind, group in self.events.groupby("kind", sort=False):
            labels = list(group["label"])
            shown = "; ".join(e(label) for label in labels[:MAX_LABELS])
            more = f" and {len(labels) - MAX_LABELS} more" if len(labels) > MAX_LABELS else ""
            span = f"{group['date'].min():%Y-%m-%d}" + (f" to {group['date'].max():%Y-%m-%d}" if len(group) > 1 else "")
            lines.append(f"- {e(str(kind).replace('_', ' '))} ({len(group)}, {span}): {shown}{more}")
        if self.events.empty:
            lines.append("- None in the events table: you react from outside.")
        if self.silent_phases:
            lines += [
                "",
                f"**Silent in:** {', '.join(self.silent_phases)}. Decide in character why, and say so if asked.",
            ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = ", ".join(f"{r['phase']}: {r['position']}" for _, r in self.positions.iterrows())
        return (
            f"Role brief {self.actor_id} ({self.name}): {counts}; {len(self.key_statements)} key statements, "
            f"{len(self.measures)} measures, {len(self.events)} events"
        )


def role_brief(
    actor_id: str, statements: pd.DataFrame, events: pd.DataFrame, names: Mapping[str, str], per_phase: int = 1
) -> RoleBrief:
    """The brief for one actor, built with the same rules for every actor."""
    if actor_id not in set(statements["actor_id"]):
        raise KeyError(f"{actor_id!r} has no statement in the table, so there is nothing to brief it on")
    return RoleBrief(
        actor_id=actor_id,
        name=names.get(actor_id, actor_id),
        positions=positions(statements, actor_id),
        key_statements=key_statements(statements, actor_id, per_phase),
        measures=measures(statements, actor_id),
        events=events_with(events, actor_id),
    )


def role_overview(briefs: Sequence[RoleBrief]) -> pd.DataFrame:
    """One row per role: position in each phase, counts of key statements, measures, events.

    The teacher's one-page view for casting the role-play.
    """
    rows = []
    for brief in briefs:
        row = {"actor_id": brief.actor_id, "name": brief.name}
        row.update(dict(zip(brief.positions["phase"], brief.positions["position"], strict=True)))
        row.update({"measures": len(brief.measures), "events": len(brief.events)})
        rows.append(row)
    return pd.DataFrame(rows)


def hostility_shift(brief: RoleBrief) -> int | None:
    """Steps on the stance scale from the first to the last phase with a statement (+ = sharper).

    None when the actor spoke in fewer than two phases.
    """
    spoken = brief.positions[brief.positions["statements"] > 0]["position"]
    if len(spoken) < 2:
        return None
    return STANCE_RANK[spoken.iloc[-1]] - STANCE_RANK[spoken.iloc[0]]


_TIME_TO_LEARN = re.compile(r"\*\*Time to learn:\*\*\s*(\d+)\s*minutes", re.IGNORECASE)


def time_to_learn(folder: Path = NOTEBOOKS_DIR) -> pd.DataFrame:
    """Each notebook's title and its stated time to learn in minutes, read from the notebooks.

    The lesson plans add these up instead of repeating them, so they follow the notebooks.
    """
    rows = []
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        minutes = _TIME_TO_LEARN.search(text)
        rows.append({"notebook": path.name, "title": title, "minutes": int(minutes.group(1)) if minutes else None})
    return pd.DataFrame(rows).astype({"minutes": "Int64"})


@dataclass(frozen=True)
class GlossaryTerm:
    """A term students meet, in the collection's words, and how to find it in a notebook's text."""

    term: str
    meaning: str
    pattern: str  # a case-insensitive regular expression for the term and its usual variants


GLOSSARY: tuple[GlossaryTerm, ...] = (
    GlossaryTerm(
        "Signature",
        "A state's representatives sign the agreed text; for a treaty like this one it does not "
        "yet bind the state to the treaty's obligations",
        r"\bsignature\b",
    ),
    GlossaryTerm(
        "Ratification",
        "The state's formal consent to be bound, given by its own procedure: in Russia a federal "
        "law passed by the Duma, approved by the Federation Council and signed by the President; in North "
        "Korea a decree",
        r"\bratification\b",
    ),
    GlossaryTerm(
        "Instrument of ratification",
        "The document that records a state's ratification and is handed to the other party (or to a depositary)",
        r"\binstruments? of ratification\b",
    ),
    GlossaryTerm(
        "Entry into force",
        "The day the treaty starts to bind its parties; for this treaty, the day the two "
        "instruments of ratification were exchanged (4 December 2024)",
        r"\bentry into force\b",
    ),
    GlossaryTerm(
        "UN Charter Article 51",
        "The Charter's saving clause for the right of individual or collective "
        "self-defence when an armed attack occurs, until the Security Council acts; measures taken must be "
        "reported to the Council",
        r"\barticle 51\b",
    ),
    GlossaryTerm(
        "Collective self-defence",
        "One state using force to help another that has suffered an armed attack, on that state's request",
        r"\bcollective self-defen[cs]e\b",
    ),
    GlossaryTerm(
        "Automaticity",
        "Whether an assistance clause obliges help as soon as its condition is met, without a "
        'further decision; "immediately" in a clause points that way, references to national law or '
        "consultation point away",
        r"\bautomatic(ity|ally)?\b",
    ),
    GlossaryTerm(
        "Defence pact",
        "An alliance in which each party promises to help defend the other if it is attacked; "
        "the strongest of the classic alliance types",
        r"\bdefen[cs]e pacts?\b",
    ),
    GlossaryTerm(
        "Entente",
        "An alliance type in which the parties promise to consult each other in a crisis, without a promise to fight",
        r"\bententes?\b",
    ),
    GlossaryTerm(
        "Alliance treaty obligations (ATOP)",
        "A research data set that codes the obligations of alliance "
        "treaties (defence, offence, neutrality, non-aggression, consultation) rather than one alliance "
        "label",
        r"\bATOP\b",
    ),
    GlossaryTerm(
        "CAMEO code",
        "A code from the Conflict and Mediation Event Observations codebook for what a political "
        "actor did (e.g. 111 criticise or denounce, 163 impose sanctions); used in the statements table",
        r"\bCAMEO\b",
    ),
    GlossaryTerm(
        "Stance scale",
        "The collection's five ordered steps from endorse to condemn; ordered, not equally "
        "spaced, so stances are counted and compared, never averaged",
        r"\bstance scale\b",
    ),
    GlossaryTerm(
        "Modal stance",
        "The stance an actor took most often in a phase (ties broken by a documented rule)",
        r"\bmodal\b",
    ),
    GlossaryTerm(
        "Floor and ceiling",
        'A figure given as "more than N" (a floor) or "up to N" (a ceiling); the estimates table keeps them as bounds',
        r"\b(floor|ceiling)s?\b",
    ),
    GlossaryTerm(
        "Acknowledgement gap",
        "The time between the first reports of North Korean troops in Russia and "
        "Moscow's and Pyongyang's public admission",
        r"\backnowledgement gap\b",
    ),
    GlossaryTerm(
        "Permanent member",
        "One of the five states with a permanent Security Council seat (China, France, "
        "Russia, the United Kingdom, the United States)",
        r"\bpermanent members?\b",
    ),
    GlossaryTerm(
        "Veto",
        "A permanent member's vote against a draft on a matter of substance, which blocks it however "
        "many vote in favour",
        r"\bveto(es|ed)?\b",
    ),
    GlossaryTerm(
        "Preambular and operative paragraphs",
        "A resolution's recitals (what the Council recalls and notes) and its decisions and requests",
        r"\b(preambular|operative) paragraphs?\b",
    ),
)


def notebook_prose(folder: Path = NOTEBOOKS_DIR) -> dict[str, str]:
    """Each notebook's Markdown text by its two-digit number: what a reader reads as prose."""
    prose = {}
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        prose[path.name[:2]] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return prose


def glossary(
    terms: Sequence[GlossaryTerm] = GLOSSARY, folder: Path = NOTEBOOKS_DIR, extra: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The glossary with a "where" column found by searching each notebook's prose for the term.

    A hand-kept "where" column drifts as notebooks are rewritten; searching the text keeps it true.
    `extra` adds other texts to search by name (the classroom kit's handouts), listed after the notebooks.
    """
    prose = {**notebook_prose(folder), **(extra or {})}
    rows = []
    for entry in terms:
        found = re.compile(entry.pattern, re.IGNORECASE)
        where = [number for number, text in prose.items() if found.search(text)]
        rows.append({"term": entry.term, "meaning": entry.meaning, "where": where})
    return pd.DataFrame(rows)
