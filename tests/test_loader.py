"""The loader turns every kind of bad input into one DataError that says where and what."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import replace_in

import analysis
from analysis import DataError

SIGNED = "ev-20240619-treaty-signed,2024-06-19"


def first_data_line(path: Path, startswith: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(startswith):
            return number
    raise AssertionError(startswith)


def error_for(name: str, folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        analysis.load(name, data_dir=folder)
    return info.value


def test_real_package_is_valid():
    counts = analysis.validate_all()
    assert counts["events"] >= 30 and counts["sources"] > 0 and counts["actors"] >= 12


def test_types_dates_and_lists():
    events = analysis.load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert isinstance(events.loc[0, "source_ids"], list) and isinstance(events.loc[0, "actors"], list)
    signed = events.set_index("event_id").loc["ev-20240619-treaty-signed"]
    assert signed["date"] == pd.Timestamp("2024-06-19") and set(signed["actors"]) == {"RUS", "PRK"}


def test_data_dir_from_environment(data_copy, monkeypatch):
    replace_in(data_copy / "events.csv", SIGNED, "ev-20240619-treaty-signed,2024-06-31")
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(data_copy))
    with pytest.raises(DataError, match="2024-06-31"):
        analysis.load("events")


def test_missing_file(data_copy):
    (data_copy / "actors.csv").unlink()
    err = error_for("actors", data_copy)
    assert "actors.csv" in str(err) and "missing" in str(err)


def rewrite_csv(path: Path, edit) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(edit(rows))


def test_missing_column(data_copy):
    rewrite_csv(data_copy / "actors.csv", lambda rows: [[r[0], r[1], r[3]] for r in rows])
    err = error_for("actors", data_copy)
    assert "actors.csv, line 1, column 'kind'; expected this column in the header" in str(err)


@pytest.mark.parametrize(
    ("bad_date", "expected"),
    [("19/06/2024", "a date written YYYY-MM-DD"), ("2024-02-30", "a real calendar date")],
)
def test_malformed_or_impossible_date(data_copy, bad_date, expected):
    path = data_copy / "events.csv"
    line = first_data_line(path, "ev-20240619-treaty-signed")
    replace_in(path, SIGNED, f"ev-20240619-treaty-signed,{bad_date}")
    err = error_for("events", data_copy)
    assert f"line {line}, column 'date': got '{bad_date}'; expected {expected}" in str(err)


def test_future_date(data_copy):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    replace_in(data_copy / "events.csv", SIGNED, f"ev-20240619-treaty-signed,{tomorrow}")
    assert "a date not after today" in str(error_for("events", data_copy))


def test_empty_required_field(data_copy):
    replace_in(data_copy / "actors.csv", "KOR,South Korea,", "KOR,,")
    err = error_for("actors", data_copy)
    assert "column 'name': got ''; expected a value (this field is required)" in str(err)


def test_duplicate_id(data_copy):
    path = data_copy / "actors.csv"
    line = next(row for row in path.read_text(encoding="utf-8").splitlines() if row.startswith("KOR,"))
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    err = error_for("actors", data_copy)
    assert "column 'actor_id': got 'KOR'; expected a unique value (already on line" in str(err)


def test_unknown_actor_id(data_copy):
    replace_in(data_copy / "events.csv", "RUS;PRK,signing", "RUS;XYZ,signing")
    err = error_for("events", data_copy)
    assert "got 'XYZ'; expected an existing actors.actor_id" in str(err)


def test_unknown_source_id(data_copy):
    replace_in(
        data_copy / "actors.csv",
        "KOR,South Korea,state,psu-20120301-cameo-codebook",
        "KOR,South Korea,state,no-such-source",
    )
    assert "got 'no-such-source'; expected an existing sources.source_id" in str(error_for("actors", data_copy))


def test_value_outside_enumeration(data_copy):
    replace_in(data_copy / "actors.csv", "KOR,South Korea,state", "KOR,South Korea,country")
    assert "column 'kind': got 'country'; expected one of state, organisation, group" in str(
        error_for("actors", data_copy)
    )


def test_malformed_url(data_copy):
    def break_first_url(rows):
        rows[1][3] = "www.example.org/no-scheme"
        return rows

    rewrite_csv(data_copy / "sources.csv", break_first_url)
    err = error_for("sources", data_copy)
    assert "line 2, column 'url': got 'www.example.org/no-scheme'; expected an absolute http(s) URL" in str(err)


def test_wrong_number_of_fields(data_copy):
    path = data_copy / "actors.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "ZZZ,Too,state,psu-20120301-cameo-codebook,ZZZ,,extra\n", encoding="utf-8"
    )
    err = error_for("actors", data_copy)
    assert "expected 6 fields, found 7" in str(err)


def test_bad_encoding(data_copy):
    path = data_copy / "actors.csv"
    bad_line = path.read_bytes().count(b"\n") + 1  # the appended row, whatever the table's length
    path.write_bytes(path.read_bytes() + "ZZZ,Caf\u00e9,state,psu-20120301-cameo-codebook\n".encode("latin-1"))
    err = error_for("actors", data_copy)
    assert "expected UTF-8 text" in str(err) and f"line {bad_line}" in str(err)


def test_bom_and_windows_line_endings_are_fine(data_copy):
    path = data_copy / "actors.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    reference = analysis.load("actors")
    pd.testing.assert_frame_equal(analysis.load("actors", data_dir=data_copy), reference)


def test_all_problems_reported_at_once(data_copy):
    replace_in(data_copy / "actors.csv", "KOR,South Korea,state", "KOR,South Korea,country")
    replace_in(data_copy / "actors.csv", "JPN,Japan,state", "JPN,,state")
    replace_in(data_copy / "actors.csv", "psu-20120301-cameo-codebook", "bad id!")
    err = error_for("actors", data_copy)
    assert len(err.problems) == 3
    assert {p.column for p in err.problems} == {"kind", "name", "source_ids"}
    assert all(p.file.endswith("actors.csv") for p in err.problems)


def test_data_error_is_a_value_error_and_no_other_type_escapes(data_copy):
    (data_copy / "events.csv").write_bytes(b"\x00\xff\xfe garbage")
    with pytest.raises(ValueError):
        analysis.load("events", data_dir=data_copy)
    (data_copy / "events.csv").write_text('event_id,date\n"unterminated', encoding="utf-8")
    assert isinstance(error_for("events", data_copy), DataError)


def test_validate_all_collects_problems_of_every_table(data_copy):
    replace_in(data_copy / "actors.csv", "KOR,South Korea,state", "KOR,South Korea,country")
    replace_in(data_copy / "events.csv", SIGNED, "ev-20240619-treaty-signed,2024-13-01")
    with pytest.raises(DataError) as info:
        analysis.validate_all(data_copy)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {"actors.csv", "events.csv"}


ENCODED = {  # codec to write with, byte-order mark to put first, the name the message must give
    "utf-16-le": ("utf-16-le", b"\xff\xfe", "UTF-16 (little-endian, with byte-order mark)"),
    "utf-16-be": ("utf-16-be", b"\xfe\xff", "UTF-16 (big-endian, with byte-order mark)"),
    "utf-16-le-no-bom": ("utf-16-le", b"", "UTF-16 (little-endian, without byte-order mark)"),
    "utf-16-be-no-bom": ("utf-16-be", b"", "UTF-16 (big-endian, without byte-order mark)"),
    "utf-32-le": ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with byte-order mark)"),
    "utf-32-be": ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with byte-order mark)"),
    "utf-32-le-no-bom": ("utf-32-le", b"", "UTF-32 (little-endian, without byte-order mark)"),
    "utf-32-be-no-bom": ("utf-32-be", b"", "UTF-32 (big-endian, without byte-order mark)"),
    "latin-1": ("latin-1", b"", "Latin-1 (ISO-8859-1)"),
    "windows-1252": ("cp1252", b"", "Windows-1252"),
}


@pytest.mark.parametrize("case", ENCODED)
def test_other_encodings_are_named_with_the_way_to_utf8(data_copy, case):
    codec, mark, name = ENCODED[case]
    path = data_copy / "actors.csv"
    text = path.read_text(encoding="utf-8")
    empty = "," * (text.splitlines()[0].count(",") - 3)  # the row's remaining optional columns
    extra = "ZZZ,Caf\u00e9 \u201cquoted\u201d,state,psu-20120301-cameo-codebook" + empty + "\n"
    if codec == "latin-1":
        extra = extra.replace("\u201c", "'").replace("\u201d", "'")  # no curly quotes in Latin-1
    path.write_bytes(mark + (text + extra).encode(codec))
    message = str(error_for("actors", data_copy))
    assert f"the file looks like {name}: save it as UTF-8" in message, message
    assert "\\x00" not in message  # no raw bytes dumped for a wide encoding
    named_codec = re.search(r"read_text\(encoding='([^']+)'\)", message).group(1)
    path.write_text(path.read_bytes().decode(named_codec), encoding="utf-8")  # follow the advice
    assert "Caf\u00e9" in analysis.load("actors", data_dir=data_copy)["name"].iloc[-1]
