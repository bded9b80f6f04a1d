"""The treaty clause by clause: article cards, composition counts and three figures.

Everything here is computed from the `articles` table, so a corrected domain, commitment or
2000-treaty counterpart in the CSV changes the cards, the counts and the figures together.
Text from the data is escaped before it is rendered, so a `*` or `<` in a summary shows as
written instead of turning into emphasis or HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from .bibliography import escape_markdown
from .data import enum_values

DOMAIN_ORDER: tuple[str, ...] = enum_values("articles", "domain")
DOMAIN_LABELS: dict[str, str] = {
    "political_principles": "Political principles",
    "security_defence": "Security and defence",
    "international_order": "International order",
    "economy_trade": "Economy and trade",
    "science_technology": "Science and technology",
    "society_culture": "Society and culture",
    "law_enforcement": "Law enforcement",
    "final_provisions": "Final provisions",
}
COMMITMENT_ORDER: tuple[str, ...] = enum_values("articles", "commitment")
COMMITMENT_LABELS: dict[str, str] = {
    "binding_obligation": "Binding obligation",
    "cooperation_undertaking": "Undertaking to cooperate",
    "principle": "Statement of principle",
    "procedure": "Procedure",
}
TRANSLATION_LABELS: dict[str, str] = {
    "kcna_en": "KCNA's English text",
    "ru_official": "the official Russian text",
}
# Paul Tol's colour-blind-safe "muted" scheme, as in analysis.style; number-status shading
SETTLED_COLOUR = "#332288"
DISPUTED_COLOUR = "#DDCC77"
COUNTERPART_COLOURS: dict[str, str] = {
    "verified": "#117733",
    "unverified": "#88CCEE",
    "none": "#DDDDDD",
}
SECURITY_CORE: tuple[int, ...] = (3, 4, 5, 8)
# The trigger each core article answers, in the project's own words (the figure's left column).
SECURITY_TRIGGERS: dict[int, str] = {
    3: "Direct threat of\narmed aggression",
    4: "Armed attack puts a\nparty in a state of war",
    5: "Third states seeking\nagreements or territory",
    8: "Aim: prevent war,\nkeep peace and security",
}
SECURITY_RESPONSES: dict[int, str] = {
    3: "consult at once through\nbilateral channels; agree\npractical mutual help",
    4: "military and other\nassistance without delay\n(UN Charter Art. 51; both\nparties' laws)",
    5: "no hostile agreements\nwith third states; no use\nof own territory against\nthe other",
    8: "mechanisms for joint\nmeasures to strengthen\ndefence capabilities",
}


def article_title(article: int) -> str:
    """'Preamble' for 0, 'Article N' otherwise."""
    return "Preamble" if int(article) == 0 else f"Article {int(article)}"


def translation_label(code: str | None) -> str:
    """A reader's name for a key_terms_translation code (other:<name> gives <name>)."""
    if not isinstance(code, str) or not code:
        return ""
    if code.startswith("other:"):
        return code.removeprefix("other:")
    return TRANSLATION_LABELS.get(code, code)


def _items(value: object) -> list[str]:
    """A list cell as a list (empty cells are NaN/None in the loaded frame)."""
    return list(value) if isinstance(value, (list, tuple)) else []


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class ArticleCard:
    """One article as a readable card; renders as Markdown or HTML, or plain text via repr."""

    article: int
    heading: str
    domain: str
    commitment: str
    summary: str
    key_terms: tuple[str, ...]
    key_terms_translation: str
    cross_refs: tuple[str, ...]
    source_ids: tuple[str, ...]
    number_status: str
    verification: str
    note: str
    counterpart_2000: int | None
    counterpart_2000_verification: str = ""

    @property
    def title(self) -> str:
        return f"{article_title(self.article)} · {self.heading}"

    def _facts(self) -> list[tuple[str, str]]:
        """(label, plain text) pairs shown on the card, in order."""
        counterpart = "none identified"
        if self.counterpart_2000:
            counterpart = f"Article {self.counterpart_2000} ({self.counterpart_2000_verification or 'unverified'})"
        facts = [
            ("Domain", DOMAIN_LABELS.get(self.domain, self.domain)),
            ("Commitment", COMMITMENT_LABELS.get(self.commitment, self.commitment)),
            ("Article number", self.number_status),
            ("Checked against sources", self.verification),
            ("2000 treaty counterpart", counterpart),
        ]
        if self.cross_refs:
            facts.append(("Refers to", "; ".join(self.cross_refs)))
        return facts

    def _terms_line(self) -> str:
        return f"Key terms (from {translation_label(self.key_terms_translation)})"

    def _repr_markdown_(self) -> str:
        lines = [f"#### {escape_markdown(self.title)}", "", escape_markdown(self.summary), ""]
        lines += [f"- **{label}:** {escape_markdown(value)}" for label, value in self._facts()]
        if self.key_terms:
            quoted = ", ".join(f"“{escape_markdown(term)}”" for term in self.key_terms)
            lines.append(f"- **{escape_markdown(self._terms_line())}:** {quoted}")
        lines.append("- **Sources:** " + ", ".join(f"`{escape_markdown(s)}`" for s in self.source_ids))
        if self.note:
            lines.append(f"- **Note:** {escape_markdown(self.note)}")
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        rows = [f"<li><b>{html.escape(label)}:</b> {html.escape(value)}</li>" for label, value in self._facts()]
        if self.key_terms:
            quoted = ", ".join(f"“{html.escape(term)}”" for term in self.key_terms)
            rows.append(f"<li><b>{html.escape(self._terms_line())}:</b> {quoted}</li>")
        rows.append(
            "<li><b>Sources:</b> " + ", ".join(f"<code>{html.escape(s)}</code>" for s in self.source_ids) + "</li>"
        )
        if self.note:
            rows.append(f"<li><b>Note:</b> {html.escape(self.note)}</li>")
        return (
            f'<div class="article-card"><h4>{html.escape(self.title)}</h4>'
            f"<p>{html.escape(self.summary)}</p><ul>{''.join(rows)}</ul></div>"
        )

    def __repr__(self) -> str:
        lines = [self.title, self.summary]
        lines += [f"{label}: {value}" for label, value in self._facts()]
        if self.key_terms:
            lines.append(f"{self._terms_line()}: " + "; ".join(self.key_terms))
        lines.append("Sources: " + "; ".join(self.source_ids))
        if self.note:
            lines.append(f"Note: {self.note}")
        return "\n".join(lines)


def card(articles: pd.DataFrame, article: int) -> ArticleCard:
    """The card of one article (0 = preamble) from the articles table."""
    rows = articles[articles["article"] == article]
    if rows.empty:
        raise KeyError(f"no article {article!r} in the articles table")
    row = rows.iloc[0]
    counterpart = row["counterpart_2000"]
    return ArticleCard(
        article=int(row["article"]),
        heading=row["heading"],
        domain=row["domain"],
        commitment=row["commitment"],
        summary=row["summary"],
        key_terms=tuple(_items(row["key_terms"])),
        key_terms_translation=_text(row["key_terms_translation"]),
        cross_refs=tuple(_items(row["cross_refs"])),
        source_ids=tuple(_items(row["source_ids"])),
        number_status=row["number_status"],
        verification=row["verification"],
        note=_text(row["note"]),
        counterpart_2000=None if pd.isna(counterpart) else int(counterpart),
        counterpart_2000_verification=_text(row["counterpart_2000_verification"]),
    )


@dataclass(frozen=True)
class CardDeck:
    """The cards of several articles under one heading (e.g. one domain)."""

    heading: str
    cards: tuple[ArticleCard, ...]

    def _repr_markdown_(self) -> str:
        parts = [f"### {escape_markdown(self.heading)}", ""]
        parts += [c._repr_markdown_() for c in self.cards]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return f"<h3>{html.escape(self.heading)}</h3>" + "".join(c._repr_html_() for c in self.cards)

    def __repr__(self) -> str:
        return "\n\n".join([self.heading, *(repr(c) for c in self.cards)])


def domain_deck(articles: pd.DataFrame, domain: str) -> CardDeck:
    """The cards of every article in `domain`, in article order, headed by the domain's name."""
    if domain not in DOMAIN_LABELS:
        raise KeyError(f"unknown domain {domain!r}; expected one of {', '.join(DOMAIN_ORDER)}")
    numbers = sorted(int(a) for a in articles.loc[articles["domain"] == domain, "article"])
    label = DOMAIN_LABELS[domain]
    heading = f"{label} ({len(numbers)} article{'s' if len(numbers) != 1 else ''})"
    return CardDeck(heading, tuple(card(articles, n) for n in numbers))


def domain_decks(articles: pd.DataFrame) -> list[CardDeck]:
    """One deck per domain that has articles, in the fixed domain order."""
    present = set(articles["domain"])
    return [domain_deck(articles, d) for d in DOMAIN_ORDER if d in present]


# --- counts -------------------------------------------------------------------------------------


def composition(articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Rows per value of `by` ('domain' or 'commitment'), split by number status.

    The preamble (article 0) counts like an article; all values of the fixed vocabulary are
    listed, with zeros, so two versions of the table line up.
    """
    order = {"domain": DOMAIN_ORDER, "commitment": COMMITMENT_ORDER}
    if by not in order:
        raise ValueError(f"by must be 'domain' or 'commitment', not {by!r}")
    table = pd.crosstab(articles[by], articles["number_status"])
    table = table.reindex(index=list(order[by]), columns=["settled", "disputed"], fill_value=0)
    table = table.fillna(0).astype(int)
    table["total"] = table["settled"] + table["disputed"]
    table.index.name = by
    table.columns.name = None
    return table


def domain_by_commitment(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per domain (rows) and kind of commitment (columns), zeros included."""
    table = pd.crosstab(articles["domain"], articles["commitment"])
    table = table.reindex(index=list(DOMAIN_ORDER), columns=list(COMMITMENT_ORDER), fill_value=0)
    table = table.fillna(0).astype(int)
    table.columns.name = None
    return table


def counterparts_2000(articles: pd.DataFrame) -> pd.DataFrame:
    """Each article (not the preamble) with its 2000-treaty counterpart and how sure that is.

    `status` is 'verified' or 'unverified' for articles with a counterpart, 'none' for those
    without one identified.
    """
    rows = articles[articles["article"] > 0].sort_values("article")
    status = rows["counterpart_2000_verification"].where(rows["counterpart_2000"].notna(), "none").fillna("none")
    return pd.DataFrame(
        {
            "article": rows["article"].astype(int).to_numpy(),
            "heading": rows["heading"].to_numpy(),
            "counterpart_2000": rows["counterpart_2000"].to_numpy(),
            "status": status.to_numpy(),
            "number_status": rows["number_status"].to_numpy(),
        }
    )


# --- figures ------------------------------------------------------------------------------------


def _stacked_barh(ax: plt.Axes, table: pd.DataFrame, labels: dict[str, str], title: str) -> None:
    names = [labels[i] for i in table.index][::-1]
    settled = table["settled"].to_numpy()[::-1]
    disputed = table["disputed"].to_numpy()[::-1]
    ax.barh(names, settled, color=SETTLED_COLOUR, label="number settled")
    ax.barh(
        names,
        disputed,
        left=settled,
        color=DISPUTED_COLOUR,
        hatch="//",
        edgecolor="#666666",
        linewidth=0.5,
        label="number disputed",
    )
    for y, total in enumerate(table["total"].to_numpy()[::-1]):
        ax.text(total + 0.15, y, str(total), va="center")
    ax.set_title(title, loc="left")
    ax.set_xlim(0, max(table["total"].max() + 1.5, 4))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def plot_composition(articles: pd.DataFrame) -> Figure:
    """Two panels: rows per domain and per kind of commitment, disputed numbers hatched."""
    domains, commitments = composition(articles, "domain"), composition(articles, "commitment")
    fig, (left, right) = plt.subplots(
        2,
        1,
        figsize=(6.6, 0.3 * (len(domains) + len(commitments)) + 2.4),
        gridspec_kw={"height_ratios": [len(domains) + 1, len(commitments) + 1]},
    )
    _stacked_barh(left, domains, DOMAIN_LABELS, "Per domain")
    _stacked_barh(right, commitments, COMMITMENT_LABELS, "Per kind of commitment")
    right.set_xlabel("parts (preamble and articles)")
    right.legend(loc="lower right", frameon=False)
    fig.suptitle(
        f"The treaty's {len(articles)} parts (preamble + {len(articles) - 1} articles)",
        x=0.01,
        ha="left",
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


def _box(
    ax: plt.Axes,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    face: str,
    edge: str = "#333333",
    style: str = "-",
    weight: str = "normal",
) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor=face,
            edgecolor=edge,
            linewidth=1.0,
            linestyle=style,
        )
    )
    ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=8, fontweight=weight)


def _arrow(
    ax: plt.Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    style: str = "-",
    colour: str = "#333333",
    label: str = "",
) -> None:
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=12,
            color=colour,
            linewidth=1.1,
            linestyle=style,
            shrinkA=2,
            shrinkB=2,
        )
    )
    if label:
        ax.text(
            (start[0] + end[0]) / 2 + 0.08,
            (start[1] + end[1]) / 2,
            label,
            fontsize=8,
            ha="left",
            va="center",
            color=colour,
            style="italic",
        )


def plot_security_core(articles: pd.DataFrame, core: Sequence[int] = SECURITY_CORE) -> Figure:
    """The security core as boxes and arrows: trigger → article → what the parties must do.

    Rows follow `core` top to bottom at fixed positions, so the drawing never moves between
    runs. The article boxes take their headings and number status from the table; a dashed
    border marks an article whose number is disputed. A dashed arrow shows that a threat
    (Art. 3) that turns into an attack becomes a case for Art. 4.
    """
    core = list(core)
    missing = [a for a in core if a not in set(articles["article"])]
    if missing:
        raise KeyError(f"articles {missing} are not in the articles table")
    unknown = [a for a in core if a not in SECURITY_TRIGGERS]
    if unknown:
        raise KeyError(f"no trigger text for articles {unknown}; add it to SECURITY_TRIGGERS")
    fig, ax = plt.subplots(figsize=(6.6, 1.0 * len(core) + 0.8))
    ax.set_xlim(0, 11)
    ax.set_ylim(0.1, 1.45 * len(core) + 0.3)
    ax.axis("off")
    row_h, box_h = 1.45, 1.05
    for i, number in enumerate(core):
        c = card(articles, number)
        y = (len(core) - 1 - i) * row_h + 0.2
        disputed = c.number_status == "disputed"
        _box(ax, 0.1, y, 2.6, box_h, SECURITY_TRIGGERS[number], "#F2F2F2")
        label = f"Art. {number}{' (number disputed)' if disputed else ''}\n{_wrap(c.heading, 26)}"
        _box(ax, 3.6, y, 3.2, box_h, label, "#F4D6DC", style="--" if disputed else "-", weight="bold")
        _box(ax, 7.7, y, 3.2, box_h, SECURITY_RESPONSES[number], "#DCE8F4")
        _arrow(ax, (2.7, y + box_h / 2), (3.6, y + box_h / 2))
        _arrow(ax, (6.8, y + box_h / 2), (7.7, y + box_h / 2))
    if 3 in core and 4 in core:
        i3, i4 = core.index(3), core.index(4)
        y3 = (len(core) - 1 - i3) * row_h + 0.2
        y4 = (len(core) - 1 - i4) * row_h + 0.2
        start, end = (1.4, y3), (1.4, y4 + box_h)
        if i4 < i3:
            start, end = (1.4, y3 + box_h), (1.4, y4)
        _arrow(ax, start, end, style="--", colour="#882255", label="if the threat\nbecomes an attack")
    ax.text(1.4, 1.45 * len(core) + 0.15, "Trigger", ha="center", fontweight="bold")
    ax.text(5.2, 1.45 * len(core) + 0.15, "Article", ha="center", fontweight="bold")
    ax.text(9.3, 1.45 * len(core) + 0.15, "What the parties undertake", ha="center", fontweight="bold")
    ax.set_title("The security core: from trigger to commitment", loc="left")
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.9)  # the boxes use the full width
    return fig


def _wrap(text: str, width: int) -> str:
    """Greedy word wrap (deterministic, no hyphenation)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return "\n".join(lines)


def plot_new_against_2000(articles: pd.DataFrame) -> Figure:
    """One cell per article of the 2024 treaty, coloured by its 2000-treaty counterpart.

    Verified counterparts are solid green, unverified ones light blue with hatching, articles
    with no counterpart identified grey; the 2000 article number is written in the cell.
    Cells of articles whose own number is disputed get a dashed outline.
    """
    table = counterparts_2000(articles)
    n = len(table)
    per_row = 8
    rows = (n + per_row - 1) // per_row
    fig, ax = plt.subplots(figsize=(6.6, 0.8 * rows + 1.5))
    ax.set_xlim(-0.1, per_row + 0.1)
    ax.set_ylim(-1.6, rows + 0.1)
    ax.axis("off")
    for i, rec in enumerate(table.itertuples(index=False)):
        col, row = i % per_row, rows - 1 - i // per_row
        status = rec.status
        ax.add_patch(
            FancyBboxPatch(
                (col + 0.06, row + 0.08),
                0.88,
                0.84,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=COUNTERPART_COLOURS[status],
                hatch="///" if status == "unverified" else None,
                edgecolor="#333333",
                linewidth=1.0,
                linestyle="--" if rec.number_status == "disputed" else "-",
            )
        )
        text_colour = "white" if status == "verified" else "black"
        backing = (
            {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none"}
            if status == "unverified"
            else None
        )
        ax.text(
            col + 0.5,
            row + 0.68,
            f"Art. {rec.article}",
            ha="center",
            va="center",
            fontweight="bold",
            color=text_colour,
            bbox=backing,
        )
        below = "—" if status == "none" else f"2000:\nArt. {int(rec.counterpart_2000)}"
        ax.text(col + 0.5, row + 0.3, below, ha="center", va="center", fontsize=8, color=text_colour, bbox=backing)
    counts = table["status"].value_counts()
    handles = [
        Patch(
            facecolor=COUNTERPART_COLOURS["verified"],
            edgecolor="#333333",
            label=f"counterpart in the 2000 treaty, stated by a source ({counts.get('verified', 0)})",
        ),
        Patch(
            facecolor=COUNTERPART_COLOURS["unverified"],
            edgecolor="#333333",
            hatch="///",
            label=f"counterpart inferred, not verified ({counts.get('unverified', 0)})",
        ),
        Patch(
            facecolor=COUNTERPART_COLOURS["none"],
            edgecolor="#333333",
            label=f"no counterpart identified ({counts.get('none', 0)})",
        ),
        Patch(facecolor="white", edgecolor="#333333", linestyle="--", label="article number disputed"),
    ]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, -0.02), ncol=1, frameon=False)
    ax.set_title("The 2024 treaty's articles against the 2000 treaty", loc="left")
    return fig


def security_core_table(articles: pd.DataFrame, core: Iterable[int] = SECURITY_CORE) -> pd.DataFrame:
    """The core articles' rows: number, heading, commitment, cross-references, number status."""
    rows = articles[articles["article"].isin(list(core))].sort_values("article")
    return rows[["article", "heading", "commitment", "cross_refs", "number_status"]].reset_index(drop=True)


# --- alt text computed from the table, so it never goes stale ----------------------------------


def _count_phrase(table: pd.DataFrame, labels: dict[str, str]) -> str:
    parts = []
    for key, row in table[table["total"] > 0].sort_values("total", ascending=False, kind="stable").iterrows():
        extra = ""
        if row["disputed"]:
            extra = (
                " (all with disputed numbers)"
                if row["disputed"] == row["total"]
                else f" ({row['disputed']} with disputed numbers)"
            )
        parts.append(f"{labels[key].lower()} {row['total']}{extra}")
    return ", ".join(parts)


def composition_alt(articles: pd.DataFrame) -> str:
    """Alt text for `plot_composition`, with the counts read from the table."""
    return (
        "Two horizontal bar charts of the preamble and articles. Per domain: "
        + _count_phrase(composition(articles, "domain"), DOMAIN_LABELS)
        + ". Per kind of commitment: "
        + _count_phrase(composition(articles, "commitment"), COMMITMENT_LABELS)
        + ". Hatched parts of the bars are rows whose article number is disputed."
    )


def counterparts_alt(articles: pd.DataFrame) -> str:
    """Alt text for `plot_new_against_2000`, with the articles read from the table."""
    table = counterparts_2000(articles)

    def listed(status: str) -> str:
        rows = table[table["status"] == status]
        return (
            ", ".join(
                f"Art. {a}" + ("" if status == "none" else f" (2000 Art. {int(c)})")
                for a, c in zip(rows["article"], rows["counterpart_2000"], strict=True)
            )
            or "none"
        )

    disputed = ", ".join(str(a) for a in table.loc[table["number_status"] == "disputed", "article"])
    return (
        f"A grid of {len(table)} cells, one per article of the 2024 treaty. Counterpart stated by a source: "
        f"{listed('verified')}. Counterpart inferred, not verified: {listed('unverified')}. "
        f"The other {int((table['status'] == 'none').sum())} articles have no counterpart identified. "
        f"Dashed outlines mark articles whose number is disputed: {disputed or 'none'}."
    )
