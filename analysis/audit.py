"""Checks behind the record's audit (data/AUDIT.md): copying, the date rule, outlet credits.

A sample check of the record found four kinds of error a sample cannot sweep: a report date
standing in for the day something was said, summaries that copy their source, joint
statements coded to one actor, and notes that credit a detail to an outlet the row does not
cite. The first two and the last are mechanical enough to check on every row; these
functions do it, the tests run them over the whole package, and the audit file records what
a reader had to judge by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

MAX_QUOTE_WORDS = 12
"""The longest run of a source's words the record may share with it, and only inside quotes."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]')

REPORT_DATE = "report"
OTHER_DATE = "other"
_DATE_ALT_MARKERS = {
    REPORT_DATE: re.compile(r"Report date: (\d{4}-\d{2}-\d{2})"),
    OTHER_DATE: re.compile(r"Other date: (\d{4}-\d{2}-\d{2})"),
}


def words(text: str) -> list[str]:
    """Lower-case words of a text; punctuation and case do not hide a copied run."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]


def unquoted_segments(text: str) -> list[str]:
    """The parts of a text outside quotation marks: quoted words are declared as quotes."""
    return [part for part in _QUOTED.split(text or "") if part.strip()]


def longest_shared_run(text: str, other: str) -> list[str]:
    """The longest sequence of consecutive words two texts share (empty if none)."""
    a, b = words(text), words(other)
    best_len, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best_len:
                    best_len, best_end = current[j], i
        previous = current
    return a[best_end - best_len : best_end]


def longest_unquoted_run(text: str, other: str) -> list[str]:
    """The longest run `text` shares with `other` outside the quotation marks of `text`."""
    runs = [longest_shared_run(part, other) for part in unquoted_segments(text)]
    return max(runs, key=len, default=[])


@dataclass(frozen=True)
class Finding:
    """One row that breaks an audit rule, named so a reader can find and fix it."""

    table: str
    row_id: str
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table}.csv, row '{self.row_id}', column '{self.field}': {self.problem}"


def copying_findings(
    table: str,
    frame: pd.DataFrame,
    id_field: str,
    text_fields: Sequence[str],
    quote_fields: Sequence[str],
    source_titles: Mapping[str, str] | None = None,
    limit: int = MAX_QUOTE_WORDS,
) -> list[Finding]:
    """Summaries sharing an unquoted run of more than `limit` words with the row's quotes.

    The quote fields (key phrase, key terms, original wording) hold the source's own words;
    a summary that repeats more than `limit` of them without quotation marks copies the
    source. Where `source_titles` maps source ids to headlines, the cited headlines are
    compared too, since a headline is the source's wording as much as a quote is.
    """
    findings = []
    for _, row in frame.iterrows():
        originals = [_text(row.get(f)) for f in quote_fields]
        if source_titles is not None:
            originals += [source_titles.get(s, "") for s in _items(row.get("source_ids"))]
        for field in text_fields:
            text = _text(row.get(field))
            for original in filter(None, originals):
                run = longest_unquoted_run(text, original)
                if len(run) > limit:
                    findings.append(
                        Finding(
                            table,
                            str(row[id_field]),
                            field,
                            f"shares {len(run)} unquoted words with its source ('{' '.join(run)}'); "
                            f"expected at most {limit}, or the words in quotation marks",
                        )
                    )
                    break
    return findings


def date_alt_kind(note: str, date_alt: str) -> str | None:
    """What `date_alt` is, read from the note's marker: the report date or another date.

    The rule: `date` is the day a thing was said or done. A second date goes in `date_alt`,
    and the note says what it is with "Report date: YYYY-MM-DD" (the day a source carried it)
    or "Other date: YYYY-MM-DD" (a different day some source gives for the act itself).
    """
    for kind, pattern in _DATE_ALT_MARKERS.items():
        if date_alt in pattern.findall(note or ""):
            return kind
    return None


def date_rule_findings(table: str, frame: pd.DataFrame, id_field: str) -> list[Finding]:
    """Rows whose `date_alt` has no marker, or whose report date precedes the act's date."""
    findings = []
    for _, row in frame.iterrows():
        alt = _date_text(row.get("date_alt"))
        if not alt:
            continue
        kind = date_alt_kind(_text(row.get("note")), alt)
        row_id, date = str(row[id_field]), _date_text(row.get("date"))
        if kind is None:
            findings.append(
                Finding(
                    table,
                    row_id,
                    "note",
                    f"date_alt {alt} is not explained; "
                    f"expected 'Report date: {alt}' or 'Other date: {alt}' in the note",
                )
            )
        elif kind == REPORT_DATE and date > alt:
            findings.append(
                Finding(
                    table,
                    row_id,
                    "date",
                    f"date {date} is later than the report date {alt}; "
                    "a thing is reported on or after the day it is done",
                )
            )
    return findings


def outlet_findings(
    table: str,
    frame: pd.DataFrame,
    id_field: str,
    sources: pd.DataFrame,
    outlets: Iterable[str],
) -> list[Finding]:
    """Notes that name an outlet none of the row's cited sources comes from.

    A note such as "Reuters reports ..." must cite a Reuters page, or a page carrying Reuters
    copy. Outlets are matched as whole words in the note and in the cited sources' publisher
    and title, so a wire named in a publisher such as "LBCI (Reuters)" counts as cited.
    """
    by_id = sources.set_index("source_id")
    findings = []
    for _, row in frame.iterrows():
        note = _text(row.get("note"))
        if not note:
            continue
        cited = " ".join(
            f"{by_id.at[s, 'publisher']} {by_id.at[s, 'title']} {by_id.at[s, 'url']}"
            for s in _items(row.get("source_ids"))
            if s in by_id.index
        )
        for outlet in outlets:
            if _names(outlet, note) and not _names(outlet, cited):
                findings.append(
                    Finding(
                        table,
                        str(row[id_field]),
                        "note",
                        f"credits '{outlet}', which none of the row's sources is from; expected a cited {outlet} page",
                    )
                )
    return findings


def _names(outlet: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(outlet)}(?![\w])", text, flags=re.IGNORECASE) is not None


def _items(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    text = _text(value)
    return [v for v in text.split(";") if v] if text else []


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _date_text(value: object) -> str:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]
