"""The framing summaries follow fixed, documented rules, checked on small hand-made tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import framing as fr

PHASES = {"signing": "ev-sign", "Duma debate": "ev-duma", "acknowledgement": "ev-admit"}
EVENTS = pd.DataFrame(
    {
        "event_id": ["ev-sign", "ev-duma", "ev-admit", "ev-other"],
        "date": pd.to_datetime(["2024-06-19", "2024-10-24", "2025-04-28", "2024-12-04"]),
    }
)


def items(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "framing_id",
            "date",
            "speaker_or_outlet",
            "actor_id",
            "item_kind",
            "term",
            "original_language",
            "stance_toward_alliance_label",
        ],
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["source_ids"] = [["src-a"]] * len(frame)
    return frame


SAMPLE = items(
    [
        ("fr-1", "2024-06-19", "Kim", "PRK", "official_statement", "alliance_allied", "ko", "embraces"),
        ("fr-2", "2024-06-19", "Kim", "PRK", "official_statement", "defensive_treaty", "ru", "avoids"),
        ("fr-3", "2024-06-19", "Putin", "RUS", "official_statement", "mutual_assistance", "ru", "avoids"),
        ("fr-4", "2024-06-26", "Zakharova", "RUS", "official_statement", "military_alliance", "ru", "rejects"),
        (
            "fr-5",
            "2024-10-23",
            "Slutsky",
            "RUS",
            "official_statement",
            "alliance_allied",
            "ru",
            "embraces",
        ),  # day before the Duma vote
        (
            "fr-6",
            "2025-04-26",
            "Zakharova",
            "RUS",
            "official_statement",
            "alliance_allied",
            "en",
            "embraces",
        ),  # two days before
        ("fr-7", "2024-06-19", "Shapps", "GBR", "official_statement", "axis", "en", "applies_to_other"),
        ("fr-8", "2024-06-19", "Channel 4", None, "media_headline", "mutual_defence_pact", "en", "applies_to_other"),
        ("fr-9", "2024-11-12", "Il Dubbio", None, "media_lead", "strategic_partnership", "it", "avoids"),
        ("fr-10", "2024-06-27", "Sputnik", None, "media_headline", "military_alliance", "en", "rejects"),
        ("fr-11", "2024-11-09", "RSI", None, "media_headline", "mutual_defence_pact", "it", "applies_to_other"),
    ]
)


def test_vocabulary_is_complete_and_checked():
    assert set(fr.TERM_ORDER) == set(fr.TERM_LABELS) and set(fr.TERM_FAMILY.values()) == set(fr.FAMILY_ORDER)
    with pytest.raises(ValueError, match="alliance_of_convenience"):
        fr.check_vocabulary(SAMPLE.assign(term=["alliance_of_convenience"] + list(SAMPLE["term"][1:])))
    with pytest.raises(ValueError, match="stance_toward_alliance_label"):
        fr.check_vocabulary(SAMPLE.assign(stance_toward_alliance_label="loves"))


def test_sides_and_usage():
    frame = fr.annotate(SAMPLE)
    assert fr.side_of("RUS") == "Russia" and fr.side_of("PRK") == "DPRK" and fr.side_of(None) == "others"
    assert list(frame.loc[frame["framing_id"] == "fr-4", "usage"]) == ["alliance_denied"]
    assert list(frame.loc[frame["framing_id"] == "fr-5", "usage"]) == ["alliance"]


def test_matrix_orders_speakers_by_side_then_first_date_and_counts_official_only():
    matrix = fr.framing_matrix(SAMPLE)
    assert list(matrix.index) == ["Putin", "Zakharova", "Slutsky", "Kim", "Shapps"]
    assert "Channel 4" not in matrix.index and "mutual_defence_pact" not in matrix.columns
    assert matrix.loc["Zakharova", "alliance_allied"] == 1 and matrix.loc["Zakharova", "military_alliance"] == 1
    assert list(matrix.columns) == [t for t in fr.TERM_ORDER if t in matrix.columns]
    assert fr.framing_matrix(SAMPLE, all_terms=True).shape[1] == len(fr.TERM_ORDER)
    denied = fr.denial_matrix(SAMPLE, matrix)
    assert denied.to_numpy().sum() == 1 and denied.loc["Zakharova", "military_alliance"] == 1


def test_stance_by_speaker_finds_mixed_speakers():
    stances = fr.stance_by_speaker(SAMPLE)
    mixed = stances[(stances["embraces"] > 0) & ((stances["avoids"] + stances["rejects"]) > 0)]
    assert list(mixed.index) == ["Zakharova", "Kim"]


def test_phase_dates_come_from_events_and_must_exist():
    dates = fr.phase_dates(EVENTS, PHASES)
    assert list(dates.index) == ["signing", "Duma debate", "acknowledgement"]
    with pytest.raises(ValueError, match="ev-missing"):
        fr.phase_dates(EVENTS, {**PHASES, "later": "ev-missing"})
    with pytest.raises(ValueError, match="date order"):
        fr.phase_dates(EVENTS, {"a": "ev-duma", "b": "ev-sign"})


def test_assign_phase_takes_the_nearest_marker_and_ties_go_later():
    markers = fr.phase_dates(EVENTS, PHASES)
    got = fr.assign_phase(pd.to_datetime(["2024-01-01", "2024-10-23", "2025-04-26", "2026-01-01"]), markers)
    assert got == ["signing", "Duma debate", "acknowledgement", "acknowledgement"]
    tie = markers.copy()
    tie[:] = pd.to_datetime(["2024-01-01", "2024-01-11", "2024-12-31"])
    assert fr.assign_phase(pd.to_datetime(["2024-01-06"]), tie) == ["Duma debate"]


def test_vocabulary_by_phase_counts_every_side_and_phase():
    table = fr.vocabulary_by_phase(SAMPLE, EVENTS, phase_events=PHASES)
    assert list(table.index.get_level_values("side").unique()) == list(fr.SIDES)
    assert len(table) == 9 and list(table.columns) == list(fr.USAGE_ORDER)
    assert table.loc[("Russia", "signing"), "alliance_denied"] == 1
    assert table.loc[("Russia", "Duma debate"), "alliance"] == 1
    assert table.loc[("Russia", "acknowledgement"), "alliance"] == 1
    assert table.loc[("DPRK", "Duma debate")].sum() == 0
    assert table.to_numpy().sum() == 7  # the seven official rows


def test_first_use():
    row = fr.first_use(SAMPLE, "Russia", "alliance", stance="embraces")
    assert row["framing_id"] == "fr-5"
    assert fr.first_use(SAMPLE, "Russia", "alliance")["framing_id"] == "fr-4"
    assert fr.first_use(SAMPLE, "DPRK", "kinship") is None


def test_media_labels_by_language():
    table = fr.media_labels(SAMPLE)
    assert list(table.index) == ["en", "it"]
    assert table.loc["en", "defence_pact"] == 1 and table.loc["en", "alliance_denied"] == 1
    assert table.loc["it", "partnership"] == 1 and table.loc["it", "defence_pact"] == 1
    assert table.to_numpy().sum() == 4


def test_languages_counts_terms_and_cited_pages():
    sources = pd.DataFrame({"source_id": ["src-a", "src-b"], "language": ["ru", "de"]})
    table = fr.languages(SAMPLE, sources)
    assert table.loc["ru", "cited_pages"] == 1 and "de" not in table.index
    assert table.loc["en", "quoted_terms"] == 4 and table.loc["en", "name"] == "English"


DEFINITIONS = pd.DataFrame(
    {
        "definition_id": [
            "def-atop-alliance",
            "def-atop-formal-agreement",
            "def-cow-type-i",
            "def-cow-type-ii",
            "def-cow-type-iii",
        ],
        "dataset": ["ATOP", "ATOP", "COW", "COW", "COW"],
        "concept": ["alliance", "formal_agreement", "defence_pact", "neutrality_nonaggression", "entente"],
        "criterion": ["c1", "c2", "c3", "c4", "c5"],
    }
)
ARTICLES = pd.DataFrame(
    {
        "article": [0, 3, 4, 10],
        "heading": ["Preamble", "Consultation", "Mutual military assistance", "Trade"],
        "domain": ["political_principles", "security_defence", "security_defence", "economy_trade"],
        "commitment": ["principle", "binding_obligation", "binding_obligation", "cooperation_undertaking"],
        "cross_refs": [None, None, ["UN Charter Art. 51", "national laws"], None],
    }
)
TREATIES = pd.DataFrame(
    {"treaty_id": ["t-2024"], "parties": [["RUS", "PRK"]], "signed": pd.to_datetime(["2024-06-19"])}
)
ACTORS = pd.DataFrame({"actor_id": ["RUS", "PRK", "EU"], "kind": ["state", "state", "organisation"]})


def test_checklist_meets_atop_and_cow_type_i():
    checks = fr.alliance_checklist(DEFINITIONS, ARTICLES, TREATIES, ACTORS, treaty_id="t-2024").set_index(
        "definition_id"
    )
    assert (
        checks.loc["def-atop-alliance", "met"]
        and "binding security articles: 3, 4" in checks.loc["def-atop-alliance", "evidence"]
    )
    assert (
        checks.loc["def-atop-formal-agreement", "met"]
        and "3 articles" in checks.loc["def-atop-formal-agreement", "evidence"]
    )
    assert (
        checks.loc["def-cow-type-i", "met"]
        and "conditions: UN Charter Art. 51; national laws" in checks.loc["def-cow-type-i", "evidence"]
    )
    assert not checks.loc["def-cow-type-ii", "met"]
    assert fr.cow_class(checks.reset_index()) == "Type I (defence pact)"


def test_checklist_fails_when_the_clause_is_weaker_or_a_party_is_no_state():
    weak = ARTICLES.assign(
        commitment=["principle", "binding_obligation", "cooperation_undertaking", "cooperation_undertaking"]
    )
    checks = fr.alliance_checklist(DEFINITIONS, weak, TREATIES, ACTORS, treaty_id="t-2024")
    assert fr.cow_class(checks) == "Type III (entente)"
    with_org = TREATIES.assign(parties=[["RUS", "EU"]])
    checks = fr.alliance_checklist(DEFINITIONS, ARTICLES, with_org, ACTORS, treaty_id="t-2024").set_index(
        "definition_id"
    )
    assert (
        not checks.loc["def-atop-alliance", "met"]
        and "1 of 2 are states" in checks.loc["def-atop-alliance", "evidence"]
    )
    none = fr.alliance_checklist(
        DEFINITIONS, ARTICLES.assign(domain="economy_trade"), TREATIES, ACTORS, treaty_id="t-2024"
    )
    assert fr.cow_class(none) is None
    with pytest.raises(ValueError, match="unknown treaty"):
        fr.alliance_checklist(DEFINITIONS, ARTICLES, TREATIES, ACTORS, treaty_id="t-1900")


def test_figures_build_and_alt_texts_follow_the_data():
    matrix = fr.framing_matrix(SAMPLE)
    denied = fr.denial_matrix(SAMPLE, matrix)
    sides = dict(zip(SAMPLE["speaker_or_outlet"], SAMPLE["actor_id"].map(fr.side_of), strict=True))
    worded = SAMPLE.assign(original_term="союзнические отношения")
    originals = {term: fr.original_words(worded, term) for term in matrix.columns}
    assert originals.get("alliance_allied") == ["союз"]
    fig = fr.plot_framing_matrix(matrix, sides, denied, originals)
    assert "1✗" in [t.get_text() for t in fig.axes[0].texts]
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert all(word in "".join(labels) for words in originals.values() for word in words)
    plt.close(fig)
    alt = fr.matrix_alt(matrix, sides, denied)
    assert "Russia: 3 speakers, 2 using alliance words (Zakharova, Slutsky), 1 also denying" in alt
    fig = fr.plot_vocabulary_timeline(SAMPLE, EVENTS, phase_events=PHASES)
    assert len(fig.axes) == 3
    plt.close(fig)
    alt = fr.timeline_alt(SAMPLE, EVENTS, phase_events=PHASES)
    assert "June 2024 to April 2025" in alt and "Russia — signing: alliance denied 1, defence pact 1" in alt
    fig = fr.plot_media_labels(fr.media_labels(SAMPLE))
    plt.close(fig)
    assert "2 items use an alliance or defence-pact label, 1 use the partnership name, 1 denying" in fr.media_alt(
        fr.media_labels(SAMPLE)
    )


def test_every_original_word_is_attested_in_the_data():
    table = analysis.load("framing")
    for term, words in fr.ORIGINAL_WORDS.items():
        assert fr.original_words(table, term) == list(words), f"{term}: some of {words} occur in no original_term"


def test_real_table_follows_the_vocabulary():
    table = analysis.load("framing")
    fr.check_vocabulary(table)
    assert table["original_term"].str.split().str.len().max() <= 12
    official = table[table["item_kind"] == "official_statement"]
    assert official["actor_id"].notna().all()
    assert table.loc[table["item_kind"] != "official_statement", "actor_id"].isna().all()
    assert fr.phase_dates(analysis.load("events")).notna().all()
