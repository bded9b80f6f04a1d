"""The audit rules: copying checks, the date rule and outlet credits, on toy rows and on the data."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import audit

# Tables with a summary-like text and the fields that hold a source's own words.
COPY_FIELDS = {
    "statements": ("statement_id", ["summary"], ["key_phrase"]),
    "events": ("event_id", ["summary"], []),
    "estimates": ("estimate_id", ["summary"], []),
    "framing": ("framing_id", ["english_gloss", "note"], ["original_term"]),
    "articles": ("article", ["summary"], ["key_terms"]),
    "defence_clauses": ("treaty_id", ["summary"], ["key_phrase", "timing_phrase", "qualifier_phrase"]),
    "alliance_definitions": ("definition_id", ["criterion"], ["key_phrase"]),
}

SOURCE = "the parties shall without delay provide military and other assistance with all the means at their disposal"


def test_shared_run_is_found_across_case_and_punctuation():
    run = audit.longest_shared_run("They said: The Parties SHALL, without delay, provide aid.", SOURCE)
    assert run == ["the", "parties", "shall", "without", "delay", "provide"]


def test_quoted_words_are_not_counted_as_copying():
    quoted = f'Article 4 reads "{SOURCE}".'
    assert audit.longest_unquoted_run(quoted, SOURCE) == []
    assert len(audit.longest_unquoted_run(SOURCE, SOURCE)) == len(SOURCE.split())


def test_copying_finding_for_a_run_over_twelve_words():
    frame = pd.DataFrame(
        {
            "row_id": ["copied", "paraphrased", "thirteen"],
            "summary": [
                f"Under the clause {SOURCE}.",
                "Either side must help the other at once and with everything it has.",
                "the parties shall without delay provide military and other assistance with all the",
            ],
            "key_phrase": [SOURCE, SOURCE, SOURCE],
        }
    )
    findings = audit.copying_findings("toy", frame, "row_id", ["summary"], ["key_phrase"])
    assert [f.row_id for f in findings] == ["copied", "thirteen"]
    assert "shares 13 unquoted words" in str(findings[1])
    twelve = frame.assign(summary=" ".join(SOURCE.split()[:12]))
    assert audit.copying_findings("toy", twelve, "row_id", ["summary"], ["key_phrase"]) == []


def test_copying_of_a_cited_headline_is_found():
    headline = "Russia and North Korea sign a mutual defence pact during Putin's first visit in 24 years"
    frame = pd.DataFrame({"row_id": ["a"], "summary": [headline + "."], "source_ids": ["src-a"]})
    findings = audit.copying_findings("toy", frame, "row_id", ["summary"], [], {"src-a": headline})
    assert len(findings) == 1 and findings[0].field == "summary"


@pytest.mark.parametrize(
    "note, kind",
    [
        ("Said on Monday. Report date: 2024-11-12.", audit.REPORT_DATE),
        ("CBS says Tuesday. Other date: 2024-11-12.", audit.OTHER_DATE),
        ("Report date: 2024-11-13.", None),
        ("", None),
    ],
)
def test_date_alt_kind_reads_the_marker_for_this_date(note, kind):
    assert audit.date_alt_kind(note, "2024-11-12") == kind


def test_date_rule_findings():
    frame = pd.DataFrame(
        {
            "row_id": ["ok", "late", "unexplained", "other-earlier", "single"],
            "date": pd.to_datetime(["2024-11-11", "2024-11-13", "2024-11-11", "2024-11-13", "2024-11-11"]),
            "date_alt": pd.to_datetime(["2024-11-12", "2024-11-12", "2024-11-12", "2024-11-12", None]),
            "note": [
                "Report date: 2024-11-12.",
                "Report date: 2024-11-12.",
                "Reported later.",
                "Other date: 2024-11-12.",
                "",
            ],
        }
    )
    findings = audit.date_rule_findings("toy", frame, "row_id")
    assert [(f.row_id, f.field) for f in findings] == [("late", "date"), ("unexplained", "note")]
    assert "later than the report date 2024-11-12" in str(findings[0])


def test_outlet_credit_must_be_cited():
    sources = pd.DataFrame(
        {
            "source_id": ["lbci", "kbs"],
            "publisher": ["LBCI (Reuters)", "KBS"],
            "title": ["G7 and allies warn Russia", "Lammy and Cho"],
            "url": ["https://lbcgroup.tv/x", "https://world.kbs.co.kr/y"],
        }
    )
    frame = pd.DataFrame(
        {
            "row_id": ["wire-in-publisher", "wrong-outlet", "no-note"],
            "note": ["Reuters lists ten states.", "Yonhap says Tuesday.", ""],
            "source_ids": ["lbci", "kbs", "kbs"],
        }
    )
    findings = audit.outlet_findings("toy", frame, "row_id", sources, ["Reuters", "Yonhap"])
    assert [f.row_id for f in findings] == ["wrong-outlet"]


@pytest.mark.parametrize("table", sorted(COPY_FIELDS))
def test_no_summary_copies_its_quotes_or_headlines(table):
    id_field, text_fields, quote_fields = COPY_FIELDS[table]
    sources = analysis.load("sources")
    titles = dict(zip(sources["source_id"], sources["title"], strict=True))
    findings = audit.copying_findings(table, analysis.load(table), id_field, text_fields, quote_fields, titles)
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.parametrize("table, id_field", [("statements", "statement_id"), ("events", "event_id")])
def test_every_second_date_follows_the_date_rule(table, id_field):
    findings = audit.date_rule_findings(table, analysis.load(table), id_field)
    assert findings == [], "\n".join(map(str, findings))
