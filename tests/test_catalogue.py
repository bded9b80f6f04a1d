"""The package description is read from the schema and the files, not written by hand."""

from __future__ import annotations

import pandas as pd

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


def test_record_span_reads_each_dated_table():
    span = catalogue.record_span().set_index("table")
    events = analysis.load("events")
    assert span.loc["events", "rows"] == len(events)
    assert span.loc["events", "last"] == events["date"].max().strftime("%Y-%m-%d")
    assert span.loc["estimates", "first"] == analysis.load("estimates")["report_date"].min().strftime("%Y-%m-%d")
    assert catalogue.record_end() == max(span["last"])


def test_record_span_follows_a_new_row(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    day = (analysis.load("events", data_copy)["date"].max() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    rest = text.splitlines()[-1].split(",", 2)[2]
    path.write_text(text + f"ev-{day.replace('-', '')}-test,{day},{rest}\n", encoding="utf-8")
    span = catalogue.record_span(data_copy).set_index("table")
    assert span.loc["events", "last"] == day and span.loc["events", "latest row"] == f"ev-{day.replace('-', '')}-test"


def test_readme_states_the_date_the_record_runs_to():
    readme = (analysis.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    end = pd.Timestamp(catalogue.record_end())
    assert f"runs to {end.day} {end.strftime('%B %Y')}" in readme
