"""The loader rejects an articles file that is not the whole treaty, with the foundation's errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import analysis
from analysis import DataError


def error_for(name: str, folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        analysis.load(name, data_dir=folder)
    return info.value


def edit_rows(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(change(rows))


def test_real_tables_load():
    counts = analysis.validate_all()
    assert counts["articles"] == 24 and counts["disputes"] >= 5 and counts["treaties"] >= 12


def test_missing_article(data_copy):
    edit_rows(data_copy / "articles.csv", lambda rows: [r for r in rows if r[0] != "12"])
    err = error_for("articles", data_copy)
    assert (
        "articles.csv, column 'article': got '12'; expected a row with this value (the preamble and all 23 articles)"
        in str(err)
    )
    assert len(err.problems) == 1


def test_duplicate_article_number(data_copy):
    def duplicate(rows):
        rows[14][0] = "12"  # line 15 holds article 13; now a second article 12, and 13 is missing
        return rows

    edit_rows(data_copy / "articles.csv", duplicate)
    err = error_for("articles", data_copy)
    assert "articles.csv, line 15, column 'article': got '12'; expected a unique value (already on line 14)" in str(err)
    assert "got '13'; expected a row with this value" in str(err)


def test_unknown_domain(data_copy):
    def astrology(rows):
        rows[5][2] = "astrology"  # article 4
        return rows

    edit_rows(data_copy / "articles.csv", astrology)
    err = error_for("articles", data_copy)
    assert (
        "articles.csv, line 6, column 'domain': got 'astrology'; expected one of political_principles, security_defence"
        in str(err)
    )


def test_article_out_of_range_and_long_key_term(data_copy):
    def bad(rows):
        rows[24][0] = "24"  # article 23 renumbered beyond the treaty
        rows[2][6] = "one two three four five six seven eight nine ten eleven twelve thirteen"
        return rows

    edit_rows(data_copy / "articles.csv", bad)
    text = str(error_for("articles", data_copy))
    assert "got '24'; expected a value of at most 23" in text
    assert "expected items that are each a quoted phrase of at most 12 words" in text


def test_unknown_dispute_status_and_treaty_party(data_copy):
    edit_rows(data_copy / "disputes.csv", lambda rows: [rows[0]] + [r[:4] + ["maybe"] + r[5:] for r in rows[1:]])
    assert "column 'status': got 'maybe'; expected one of open, settled" in str(error_for("disputes", data_copy))
    edit_rows(data_copy / "treaties.csv", lambda rows: [rows[0]] + [[r[0], r[1], "XYZ;PRK", *r[3:]] for r in rows[1:]])
    assert "got 'XYZ'; expected an existing actors.actor_id" in str(error_for("treaties", data_copy))
