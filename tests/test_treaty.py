"""Article cards, counts and treaty figures are computed from the articles table by fixed rules."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import treaty

COLUMNS = [
    "article",
    "heading",
    "domain",
    "summary",
    "commitment",
    "cross_refs",
    "key_terms",
    "key_terms_translation",
    "counterpart_2000",
    "counterpart_2000_verification",
    "number_status",
    "source_ids",
    "verification",
    "note",
]


def articles(rows):
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["article"] = frame["article"].astype("Int64")
    frame["counterpart_2000"] = pd.array(frame["counterpart_2000"], dtype="Int64")
    return frame


SAMPLE = articles(
    [
        (
            0,
            "Preamble",
            "political_principles",
            "Aims.",
            "principle",
            None,
            None,
            None,
            None,
            None,
            "settled",
            ["s1"],
            "verified",
            None,
        ),
        (
            3,
            "Consult on threat",
            "security_defence",
            "Talk at once.",
            "binding_obligation",
            None,
            ["direct threat"],
            "kcna_en",
            2,
            "verified",
            "disputed",
            ["s1", "s2"],
            "verified",
            "TASS says Art. 4.",
        ),
        (
            4,
            "Assist in war",
            "security_defence",
            "Help *at once* <b>now</b>.",
            "binding_obligation",
            ["UN Charter Art. 51"],
            ["state of war", "all means [sic]"],
            "other:Sputnik English",
            None,
            None,
            "settled",
            ["s2"],
            "verified",
            None,
        ),
        (
            5,
            "No hostile pacts",
            "security_defence",
            "No pacts.",
            "binding_obligation",
            None,
            None,
            None,
            3,
            "unverified",
            "settled",
            ["s3"],
            "partial",
            "Counterpart inferred.",
        ),
        (
            8,
            "Joint defence",
            "security_defence",
            "Mechanisms.",
            "cooperation_undertaking",
            None,
            None,
            None,
            None,
            None,
            "settled",
            ["s1"],
            "verified",
            None,
        ),
        (
            9,
            "Food security",
            "economy_trade",
            "Cooperate.",
            "cooperation_undertaking",
            None,
            None,
            None,
            None,
            None,
            "disputed",
            ["s4"],
            "partial",
            "Number inferred.",
        ),
    ]
)


def test_card_fields_and_plain_repr():
    c = treaty.card(SAMPLE, 3)
    assert c.title == "Article 3 · Consult on threat"
    text = repr(c)
    assert "Domain: Security and defence" in text and "Commitment: Binding obligation" in text
    assert (
        "Article number: disputed" in text
        and "Checked against sources: verified" in text
        and "Article 2 (verified)" in text
    )
    assert "Key terms (from KCNA's English text): direct threat" in text and "Sources: s1; s2" in text
    assert "0x" not in text  # no object address


def test_preamble_title_and_missing_article():
    assert treaty.card(SAMPLE, 0).title == "Preamble · Preamble"
    with pytest.raises(KeyError, match="no article 7"):
        treaty.card(SAMPLE, 7)


def test_markdown_escapes_data_text():
    md = treaty.card(SAMPLE, 4)._repr_markdown_()
    assert "\\*at once\\*" in md and "&lt;b&gt;" in md and "<b>" not in md
    assert "\\[sic\\]" in md and "Sputnik English" in md
    assert "none identified" in md


def test_html_escapes_data_text():
    out = treaty.card(SAMPLE, 4)._repr_html_()
    assert "&lt;b&gt;now&lt;/b&gt;" in out and "<b>now</b>" not in out
    assert "<code>s2</code>" in out and "UN Charter Art. 51" in out


def test_deck_groups_one_domain_in_order():
    deck = treaty.domain_deck(SAMPLE, "security_defence")
    assert [c.article for c in deck.cards] == [3, 4, 5, 8]
    assert deck.heading == "Security and defence (4 articles)"
    assert [d.heading.split(" (")[0] for d in treaty.domain_decks(SAMPLE)] == [
        "Political principles",
        "Security and defence",
        "Economy and trade",
    ]
    with pytest.raises(KeyError):
        treaty.domain_deck(SAMPLE, "astrology")


def test_composition_counts_with_zeros_and_status_split():
    by_domain = treaty.composition(SAMPLE, "domain")
    assert list(by_domain.index) == list(treaty.DOMAIN_ORDER)
    assert by_domain.loc["security_defence"].tolist() == [3, 1, 4]
    assert by_domain.loc["law_enforcement", "total"] == 0
    assert by_domain["total"].sum() == len(SAMPLE)
    by_kind = treaty.composition(SAMPLE, "commitment")
    assert by_kind.loc["binding_obligation", "total"] == 3 and by_kind.loc["procedure", "total"] == 0
    with pytest.raises(ValueError):
        treaty.composition(SAMPLE, "heading")


def test_domain_by_commitment():
    table = treaty.domain_by_commitment(SAMPLE)
    assert table.loc["security_defence", "binding_obligation"] == 3
    assert table.loc["security_defence", "cooperation_undertaking"] == 1
    assert int(table.to_numpy().sum()) == len(SAMPLE)


def test_counterparts_skip_preamble_and_classify():
    table = treaty.counterparts_2000(SAMPLE)
    assert list(table["article"]) == [3, 4, 5, 8, 9]
    assert dict(zip(table["article"], table["status"], strict=True)) == {
        3: "verified",
        4: "none",
        5: "unverified",
        8: "none",
        9: "none",
    }


def test_figures_build_and_mark_disputed_numbers():
    fig = treaty.plot_security_core(SAMPLE)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("Art. 3 (number disputed)") for t in texts)
    assert any(t.startswith("Art. 4\n") for t in texts)
    styles = [p.get_linestyle() for p in fig.axes[0].patches if hasattr(p, "get_boxstyle")]
    assert "--" in styles or (0.0, (3.7, 1.6)) in styles or any(s != "solid" and s != "-" for s in styles)
    plt.close(fig)
    fig = treaty.plot_new_against_2000(SAMPLE)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "counterpart inferred, not verified (1)" in labels
    assert "no counterpart identified (3)" in labels
    plt.close(fig)
    fig = treaty.plot_composition(SAMPLE)
    assert len(fig.axes) == 2
    plt.close(fig)


def test_security_core_needs_its_articles():
    with pytest.raises(KeyError, match="not in the articles table"):
        treaty.plot_security_core(SAMPLE[SAMPLE["article"] != 8])
    plt.close("all")


def test_real_table_is_complete_and_consistent():
    real = analysis.load("articles")
    assert sorted(real["article"]) == list(range(24))
    # key terms name their translation, and counterparts say how sure they are
    assert (real["key_terms"].notna() == real["key_terms_translation"].notna()).all()
    assert (real["counterpart_2000"].notna() == real["counterpart_2000_verification"].notna()).all()
    # a row that is not fully verified says why in its note
    assert real.loc[real["verification"] != "verified", "note"].notna().all()
    # a disputed number is explained in the note
    assert real.loc[real["number_status"] == "disputed", "note"].notna().all()
    for number in treaty.SECURITY_CORE:
        assert real.loc[real["article"] == number, "domain"].iloc[0] == "security_defence"


def test_alt_texts_follow_the_data():
    alt = treaty.composition_alt(SAMPLE)
    assert (
        "security and defence 4 (1 with disputed numbers)" in alt
        and "economy and trade 1 (all with disputed numbers)" in alt
    )
    assert "law enforcement" not in alt  # zero rows are not listed
    alt = treaty.counterparts_alt(SAMPLE)
    assert "Counterpart stated by a source: Art. 3 (2000 Art. 2)" in alt
    assert "not verified: Art. 5 (2000 Art. 3)" in alt and "The other 3 articles" in alt
    assert "disputed: 3, 9." in alt
