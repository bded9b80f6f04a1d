"""The statements as a dyadic CAMEO event file that joins with ICEWS- or GDELT-style event data.

Event datasets hold one row per source-event-target triple, with CAMEO codes as zero-padded
text, CAMEO actor codes and ISO dates. The statements table stores one row per statement with a
list of targets; this module spreads it into that shape, so a researcher can append these rows
to, or match them against, an event dataset without reading the collection's own conventions.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from .data import load

LIST_SEPARATOR = ";"

# name -> what the column holds; the order is the file's column order.
EXPORT_COLUMNS: dict[str, str] = {
    "event_id": "statement_id of the statements table (one statement gives one row per target)",
    "event_date": "date the statement was made or the action taken, ISO 8601 (YYYY-MM-DD)",
    "event_date_alt": "another date a source gives for the same statement, ISO 8601, or empty",
    "source_actor": "actor_id of the actor that spoke or acted (for a joint statement, each issuing state in turn)",
    "source_coalition": (
        "actor_id of the coalition that issued a joint statement (its members are the source_actor rows), or empty"
    ),
    "source_cameo": "CAMEO actor code of the source (ISO 3166-1 alpha-3 for a state, IGO code for an organisation)",
    "source_name": "common English name of the source actor",
    "target_actor": "actor_id of the actor the event is directed at or about",
    "target_cameo": "CAMEO actor code of the target",
    "target_name": "common English name of the target actor",
    "cameo_code": "CAMEO 1.1b3 event code, zero-padded text (e.g. 012, 0312)",
    "cameo_root": "CAMEO root category, the code's first two digits (e.g. 01, 11)",
    "cameo_label": "CAMEO's short name of the event code",
    "stance": "the collection's ordinal stance toward the treaty and the cooperation (endorse ... condemn)",
    "measures": "concrete measures the statement announced, ';'-separated ('none' when only words)",
    "phase": "which development the statement answers (signing, ratification, deployment, acknowledgement)",
    "verification": "verified, partial or unverified (how far the row was checked against its sources)",
    "source_ids": "sources table ids behind the row, ';'-separated",
}


def export_events(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per (statement, source, target) triple, columns as in `EXPORT_COLUMNS`, dates as ISO text.

    A coalition without a CAMEO code of its own (a joint statement of several governments) is
    spread into one row per member state, as event datasets code multi-actor statements, and
    keeps its id in `source_coalition`.
    """
    statements = load("statements", data_dir)
    actors = load("actors", data_dir).set_index("actor_id")
    codes = load("cameo_codes", data_dir).set_index("cameo_code")
    coalitions = actors[(actors["cameo_code"].fillna("") == "") & actors["members"].map(bool)]["members"]
    statements["source"] = [coalitions[a] if a in coalitions.index else [a] for a in statements["actor_id"]]
    dyads = statements.explode("source", ignore_index=True).explode("target", ignore_index=True)
    frame = pd.DataFrame(
        {
            "event_id": dyads["statement_id"],
            "event_date": dyads["date"].dt.strftime("%Y-%m-%d"),
            "event_date_alt": dyads["date_alt"].dt.strftime("%Y-%m-%d").fillna(""),
            "source_actor": dyads["source"],
            "source_coalition": dyads["actor_id"].where(dyads["actor_id"] != dyads["source"], ""),
            "source_cameo": dyads["source"].map(actors["cameo_code"]).fillna(""),
            "source_name": dyads["source"].map(actors["name"]),
            "target_actor": dyads["target"],
            "target_cameo": dyads["target"].map(actors["cameo_code"]).fillna(""),
            "target_name": dyads["target"].map(actors["name"]),
            "cameo_code": dyads["cameo_code"],
            "cameo_root": dyads["cameo_code"].str[:2],
            "cameo_label": dyads["cameo_code"].map(codes["label"]),
            "stance": dyads["stance"],
            "measures": dyads["measure"].map(LIST_SEPARATOR.join),
            "phase": dyads["phase"],
            "verification": dyads["verification"],
            "source_ids": dyads["source_ids"].map(LIST_SEPARATOR.join),
        }
    )
    return frame[list(EXPORT_COLUMNS)].astype(str)


def write_events(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Write `export_events()` as UTF-8 CSV (every column text, so codes keep their leading zeros)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    export_events(data_dir).to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return path


def read_events(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read an exported file back with every column as text, as a user joining it should."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)
