"""The package description is read from the schema and the files, not written by hand."""

from __future__ import annotations

import analysis
from analysis import catalogue


def test_tables_match_the_loaded_row_counts():
    tables = catalogue.tables().set_index("table")
    for name in analysis.resource_names():
        assert tables.loc[name, "rows"] == len(analysis.load(name))


def test_fields_follow_the_schema():
    fields = catalogue.fields("events").set_index("column")
    schema_names = [f["name"] for f in analysis.schema("events")["schema"]["fields"]]
    assert list(fields.index) == schema_names
    assert fields.loc["date", "required"] and not fields.loc["date_alt", "required"]
    assert "ids of the actors table" in fields.loc["actors", "rule"]


def test_notebook_map_reads_titles_and_overviews():
    notebooks = catalogue.notebooks()
    assert notebooks["notebook"].iloc[0] == "00_start_here.ipynb"
    assert all(notebooks["title"].str.len() > 0) and all(notebooks["what it does"].str.len() > 0)


def test_actor_names_cover_every_actor_and_shorten_long_ones():
    names = analysis.actor_names()
    assert set(names) >= set(analysis.load("actors")["actor_id"])
    assert names["NATO"] == "NATO" and names["PRK"] == "North Korea" and names["KOR"] == "South Korea"


def test_helper_vocabularies_cover_exactly_the_schema_enumerations():
    from analysis import framing, reactions, style, treaty

    assert set(reactions.MEASURE_LABELS) == set(analysis.enum_values("statements", "measure"))
    assert set(style.STANCE_COLOURS) == set(analysis.enum_values("statements", "stance"))
    assert set(framing.TERM_FAMILY) == set(analysis.enum_values("framing", "term"))
    assert set(treaty.DOMAIN_LABELS) == set(analysis.enum_values("articles", "domain"))
    assert set(treaty.COMMITMENT_LABELS) == set(analysis.enum_values("articles", "commitment"))
    assert set(framing.STANCE_LABELS) == set(analysis.enum_values("framing", "stance_toward_alliance_label"))
