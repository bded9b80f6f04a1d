"""What the record's sources cover: languages, publishers and kinds of publisher behind each table.

A finding that rests on an absence ("no reaction found") is only as strong as the search behind
it. These summaries are computed from the sources the rows actually cite, so the codebook and
the notebooks can show the coverage next to every such finding instead of asserting it.
"""

from __future__ import annotations

import os

import pandas as pd

from .data import load, resource_names, schema

PRIMARY_TYPES = ("official",)


def tables_citing_sources(data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Tables whose rows cite the sources table."""
    return [
        name
        for name in resource_names(data_dir)
        if name != "sources" and any(f["name"] == "source_ids" for f in schema(name, data_dir)["schema"]["fields"])
    ]


def citations(table: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per (row of `table`, cited source), with the source's language, publisher and type."""
    cited = table.reset_index(names="_row").explode("source_ids").rename(columns={"source_ids": "source_id"})
    keep = ["source_id", "publisher", "language", "published", "kind", "publisher_type", "mirror_of"]
    return cited.merge(sources[keep], on="source_id", how="left", suffixes=("", "_source"))


def source_weights(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Per table: rows, citations, share of citations and of rows resting on an official source.

    Official means a government, parliament or international organisation's own page, or the
    official text of a treaty (including exact reprints of such pages); state media are counted
    apart, since a state agency's report of its government's words is not the government's page.
    """
    sources = load("sources", data_dir)
    records = []
    for name in tables_citing_sources(data_dir):
        table = load(name, data_dir)
        cited = citations(table, sources)
        official = cited["publisher_type"].isin(PRIMARY_TYPES)
        rows_official = official.groupby(cited["_row"]).any()
        records.append(
            {
                "table": name,
                "rows": len(table),
                "citations": len(cited),
                "official %": round(100 * official.mean()),
                "state media %": round(100 * (cited["publisher_type"] == "state_media").mean()),
                "rows with an official source %": round(100 * rows_official.mean()),
            }
        )
    return pd.DataFrame(records).set_index("table")


def protocol(
    name: str, date_column: str, data_dir: str | os.PathLike[str] | None = None, top: int = 6
) -> dict[str, object]:
    """What the sources behind one table show about how it was searched: window, languages, publishers."""
    table = load(name, data_dir)
    cited = citations(table, load("sources", data_dir))
    languages = cited.drop_duplicates("source_id")["language"].value_counts()
    publishers = cited.drop_duplicates("source_id")["publisher"].value_counts()
    return {
        "table": name,
        "rows kept": len(table),
        "date window of the rows": f"{table[date_column].min():%Y-%m-%d} to {table[date_column].max():%Y-%m-%d}",
        "distinct sources cited": cited["source_id"].nunique(),
        "languages of the sources (count)": ", ".join(f"{lang} {n}" for lang, n in languages.items()),
        "most cited publishers": ", ".join(f"{pub} {n}" for pub, n in publishers.head(top).items()),
        "publisher types": ", ".join(
            f"{t} {n}" for t, n in cited.drop_duplicates("source_id")["publisher_type"].value_counts().items()
        ),
    }


def actor_coverage(
    statements: pd.DataFrame, sources: pd.DataFrame, actor_ids: list[str], phase: str | None = None
) -> pd.DataFrame:
    """Per actor (and phase, if given): statements found, sources behind them and their languages."""
    rows = statements if phase is None else statements[statements["phase"] == phase]
    cited = citations(rows, sources)
    records = []
    for actor in actor_ids:
        mine = cited[cited["actor_id"] == actor]
        records.append(
            {
                "actor": actor,
                "statements found": int(rows["actor_id"].eq(actor).sum()),
                "sources": mine["source_id"].nunique(),
                "languages": ", ".join(sorted(mine["language"].dropna().unique())) or "—",
            }
        )
    return pd.DataFrame(records).set_index("actor")


def sources_in_window(sources: pd.DataFrame, start: str, end: str, language: str | None = None) -> int:
    """Sources in the record published between two dates (inclusive), optionally in one language."""
    published = sources["published"]
    mask = (published >= pd.Timestamp(start)) & (published <= pd.Timestamp(end))
    if language is not None:
        mask &= sources["language"] == language
    return int(mask.sum())
