"""The contest over words: who called the treaty an alliance, who would not, and when.

Every number notebook 04 shows comes from here, computed from the `framing` table (one row
per item and term), the phase dates in `events`, and, for the question "is it an alliance
by the field's own definitions?", from `alliance_definitions`, `articles`, `treaties` and
`actors`. Terms are grouped into a few families so that a Russian "allied level", a Korean
동맹 and an Italian "alleanza" count as the same move, while the original words stay in the
table for anyone who wants to re-code them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .data import enum_values

# --- vocabulary -------------------------------------------------------------------------------

# The documented vocabulary (data/datapackage.json, framing.term), in family order.
TERM_FAMILY: dict[str, str] = {
    "alliance_allied": "alliance",
    "military_alliance": "alliance",
    "axis": "alliance",
    "mutual_defence_pact": "defence_pact",
    "automatic_military_intervention": "defence_pact",
    "mutual_assistance": "defence_pact",
    "defensive_treaty": "reassurance",
    "not_directed_at_third_countries": "reassurance",
    "strategic_partnership": "partnership",
    "comprehensive_strategic_partnership_official_title": "partnership",
    "brotherhood_comradeship": "kinship",
}
TERM_ORDER: tuple[str, ...] = enum_values("framing", "term")
TERM_LABELS: dict[str, str] = {
    "alliance_allied": "alliance / allied",
    "military_alliance": "military alliance",
    "axis": "axis",
    "mutual_defence_pact": "(mutual) defence pact",
    "automatic_military_intervention": "automatic intervention",
    "mutual_assistance": "mutual assistance",
    "defensive_treaty": "defensive treaty",
    "not_directed_at_third_countries": "not aimed at third countries",
    "strategic_partnership": "strategic partnership",
    "comprehensive_strategic_partnership_official_title": "official title",
    "brotherhood_comradeship": "brotherhood",
}
# The word itself, as the speakers wrote or said it, drawn beside the English label of each
# term: the contest is over these words. Each entry must occur in the `original_term` of a row
# with that term (tests/test_framing.py), and a figure draws only those its rows attest.
ORIGINAL_WORDS: dict[str, tuple[str, ...]] = {
    "alliance_allied": ("동맹", "союз", "同盟"),
    "military_alliance": ("군사동맹", "军事联盟", "軍事同盟", "военного союза", "aliança militar"),
    "mutual_defence_pact": ("Beistandspakt", "défense mutuelle", "mutua difesa"),
    "automatic_military_intervention": ("자동 군사 개입",),
    "mutual_assistance": ("взаимной помощи",),
    "defensive_treaty": ("оборонительный",),
    "not_directed_at_third_countries": ("против третьих стран",),
    "strategic_partnership": ("partenariato strategico",),
    "comprehensive_strategic_partnership_official_title": ("包括的戦略パートナーシップ", "стратегическом партнерстве"),
    "brotherhood_comradeship": ("兄弟",),
}
FAMILY_ORDER: tuple[str, ...] = ("alliance", "defence_pact", "reassurance", "partnership", "kinship")
FAMILY_LABELS: dict[str, str] = {
    "alliance": "alliance, military alliance, axis",
    "defence_pact": "defence pact, mutual assistance",
    "reassurance": "defensive, not aimed at others",
    "partnership": "(strategic) partnership, official title",
    "kinship": "brotherhood",
}
# Paul Tol's colour-blind-safe "vibrant" scheme: hot colours for the alliance end of the
# scale, cool ones for the parties' own vocabulary; figures also label or mark every point.
FAMILY_COLOURS: dict[str, str] = {
    "alliance": "#CC3311",
    "defence_pact": "#EE7733",
    "reassurance": "#0077BB",
    "partnership": "#33BBEE",
    "kinship": "#009988",
}

# A use of an alliance term that denies the alliance is a different move from one that
# asserts it, so tables that count moves split it off as "alliance_denied".
USAGE_ORDER: tuple[str, ...] = ("alliance", "alliance_denied") + FAMILY_ORDER[1:]
USAGE_LABELS: dict[str, str] = {**FAMILY_LABELS, "alliance_denied": "alliance denied"}
FAMILY_SHORT: dict[str, str] = {
    "alliance": "alliance",
    "defence_pact": "defence pact",
    "reassurance": "defensive",
    "partnership": "partnership",
    "kinship": "brotherhood",
}
USAGE_COLOURS: dict[str, str] = {**FAMILY_COLOURS, "alliance_denied": "#BBBBBB"}

STANCE_ORDER: tuple[str, ...] = enum_values("framing", "stance_toward_alliance_label")
STANCE_LABELS: dict[str, str] = {
    "embraces": "party uses alliance words",
    "avoids": "other words",
    "rejects": "denies an alliance",
    "applies_to_other": "outsider applies the label",
}
STANCE_MARKERS: dict[str, str] = {"embraces": "o", "avoids": "s", "rejects": "X", "applies_to_other": "^"}

ITEM_KINDS: tuple[str, ...] = enum_values("framing", "item_kind")
OFFICIAL: tuple[str, ...] = ("official_statement",)
MEDIA: tuple[str, ...] = ("media_headline", "media_lead", "analysis")

SIDES: tuple[str, ...] = ("Russia", "DPRK", "others")
SIDE_ACTOR: dict[str, str] = {"Russia": "RUS", "DPRK": "PRK"}

# The three moments the vocabulary is read against (events.event_id), in order.
PHASE_EVENTS: dict[str, str] = {
    "signing": "ev-20240619-treaty-signed",
    "Duma debate": "ev-20241024-duma-ratifies",
    "acknowledgement": "ev-20250428-wpk-cmc-acknowledgement",
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "ko": "Korean",
    "ja": "Japanese",
    "zh": "Chinese",
    "it": "Italian",
    "de": "German",
    "fr": "French",
    "pt": "Portuguese",
    "az": "Azerbaijani",
    "uk": "Ukrainian",
}


def check_vocabulary(framing: pd.DataFrame) -> None:
    """Fail loudly on a term, stance or item kind outside the documented vocabulary.

    The loader enforces the schema's enumerations on the CSV; this applies the same
    vocabularies (read from the schema) to frames built by hand.
    """
    problems = []
    for column, known in (
        ("term", TERM_ORDER),
        ("stance_toward_alliance_label", STANCE_ORDER),
        ("item_kind", ITEM_KINDS),
    ):
        unknown = sorted(set(framing[column].dropna()) - set(known))
        if unknown:
            problems.append(f"{column}: {unknown}")
    if problems:
        raise ValueError("values outside the framing vocabulary: " + "; ".join(problems))


def side_of(actor_id: object) -> str:
    """'Russia', 'DPRK' or 'others' (third governments and every outlet, which has no actor)."""
    for side, actor in SIDE_ACTOR.items():
        if actor_id == actor:
            return side
    return "others"


def annotate(framing: pd.DataFrame) -> pd.DataFrame:
    """The table with `family` (of the term), `usage` (family, or alliance_denied) and `side` added."""
    check_vocabulary(framing)
    family = framing["term"].map(TERM_FAMILY)
    usage = family.where(framing["stance_toward_alliance_label"] != "rejects", "alliance_denied")
    return framing.assign(family=family, usage=usage, side=framing["actor_id"].map(side_of))


def _select(framing: pd.DataFrame, kinds: Sequence[str] | None) -> pd.DataFrame:
    frame = annotate(framing)
    return frame if kinds is None else frame[frame["item_kind"].isin(kinds)]


def speaker_order(framing: pd.DataFrame) -> list[str]:
    """Speakers grouped by side (Russia, DPRK, others), each side in order of first appearance."""
    frame = annotate(framing)
    first = frame.groupby("speaker_or_outlet").agg(side=("side", "first"), date=("date", "min")).reset_index()
    first["side_rank"] = first["side"].map(SIDES.index)
    return list(first.sort_values(["side_rank", "date", "speaker_or_outlet"])["speaker_or_outlet"])


# --- summaries --------------------------------------------------------------------------------


def framing_matrix(
    framing: pd.DataFrame, kinds: Sequence[str] | None = OFFICIAL, all_terms: bool = False
) -> pd.DataFrame:
    """Speaker x term table of how many items used each term (zeros included).

    Rows follow `speaker_order`; columns follow the vocabulary, dropping terms nobody in the
    selection used unless `all_terms`. By default only official statements count, because the
    question is what governments chose to say.
    """
    frame = _select(framing, kinds)
    terms = list(TERM_ORDER) if all_terms else [t for t in TERM_ORDER if t in set(frame["term"])]
    counts = pd.crosstab(frame["speaker_or_outlet"], frame["term"])
    return counts.reindex(index=speaker_order(frame), columns=terms, fill_value=0).rename_axis(
        index="speaker", columns="term"
    )


def denial_matrix(framing: pd.DataFrame, matrix: pd.DataFrame, kinds: Sequence[str] | None = OFFICIAL) -> pd.DataFrame:
    """The cells of `matrix` that are denials ("not a military alliance"), same shape, zeros elsewhere."""
    frame = _select(framing, kinds)
    frame = frame[frame["stance_toward_alliance_label"] == "rejects"]
    counts = pd.crosstab(frame["speaker_or_outlet"], frame["term"])
    return counts.reindex(index=matrix.index, columns=matrix.columns, fill_value=0)


def stance_by_speaker(framing: pd.DataFrame, kinds: Sequence[str] | None = OFFICIAL) -> pd.DataFrame:
    """Speaker x stance counts: who embraced, avoided, rejected or applied the alliance label."""
    frame = _select(framing, kinds)
    counts = pd.crosstab(frame["speaker_or_outlet"], frame["stance_toward_alliance_label"])
    return counts.reindex(index=speaker_order(frame), columns=list(STANCE_ORDER), fill_value=0).rename_axis(
        index="speaker", columns="stance"
    )


def phase_dates(events: pd.DataFrame, phase_events: Mapping[str, str] | None = None) -> pd.Series:
    """The date of each phase marker (PHASE_EVENTS unless given), read from the events table,
    so a corrected event date moves the marker everywhere."""
    phase_events = PHASE_EVENTS if phase_events is None else phase_events
    by_id = events.set_index("event_id")["date"]
    missing = [event for event in phase_events.values() if event not in by_id.index]
    if missing:
        raise ValueError(f"phase events not in the events table: {missing}")
    dates = pd.Series({label: by_id[event] for label, event in phase_events.items()})
    if not dates.is_monotonic_increasing:
        raise ValueError(f"phase events are not in date order: {dates.to_dict()}")
    return dates


def assign_phase(dates: Iterable, markers: pd.Series) -> list[str]:
    """For each date, the phase whose marker is nearest in time (a tie goes to the later one).

    Nearest, not "latest marker before": a comment made the day before the Duma vote belongs
    to the Duma debate, and Zakharova's remark two days before the Party statement to the
    acknowledgement.
    """
    out = []
    for date in pd.to_datetime(pd.Series(list(dates), dtype="object")):
        distance = [(abs((date - marker).days), -i) for i, marker in enumerate(markers)]
        out.append(markers.index[-min(distance)[1]])
    return out


def vocabulary_by_phase(
    framing: pd.DataFrame,
    events: pd.DataFrame,
    kinds: Sequence[str] | None = OFFICIAL,
    phase_events: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """(side, phase) x usage counts of term uses, every combination present (zeros included)."""
    frame = _select(framing, kinds)
    markers = phase_dates(events, phase_events)
    frame = frame.assign(phase=assign_phase(frame["date"], markers))
    counts = frame.groupby(["side", "phase", "usage"]).size()
    full = pd.MultiIndex.from_product([SIDES, list(markers.index), USAGE_ORDER], names=["side", "phase", "usage"])
    table = counts.reindex(full, fill_value=0).unstack("usage")
    rows = pd.MultiIndex.from_product([SIDES, list(markers.index)], names=["side", "phase"])
    return table.reindex(index=rows, columns=list(USAGE_ORDER))


def first_use(
    framing: pd.DataFrame, side: str, family: str, stance: str | None = None, kinds: Sequence[str] | None = OFFICIAL
) -> pd.Series | None:
    """The earliest row in which `side` used a term of `family` (optionally with `stance`)."""
    frame = _select(framing, kinds)
    hits = frame[(frame["side"] == side) & (frame["family"] == family)]
    if stance is not None:
        hits = hits[hits["stance_toward_alliance_label"] == stance]
    if hits.empty:
        return None
    return hits.sort_values(["date", "framing_id"]).iloc[0]


def media_labels(framing: pd.DataFrame) -> pd.DataFrame:
    """Language x usage counts of media and analysis items, most items first.

    The `partnership` column is the official title (or its shortening): how often an outlet
    in that language used the parties' own name instead of a label of its own.
    """
    frame = _select(framing, MEDIA)
    counts = pd.crosstab(frame["original_language"], frame["usage"])
    counts = counts.reindex(columns=list(USAGE_ORDER), fill_value=0)
    order = (
        counts.sum(axis=1).rename("n").reset_index().sort_values(["n", "original_language"], ascending=[False, True])
    )
    return counts.loc[order["original_language"]].rename_axis(index="language", columns="usage")


def languages(framing: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Languages of the quoted words and of the pages cited, with how many rows use each."""
    cited = sorted({s for ids in framing["source_ids"] for s in ids})
    pages = sources[sources["source_id"].isin(cited)]["language"].value_counts()
    words = framing["original_language"].value_counts()
    table = pd.DataFrame({"quoted_terms": words, "cited_pages": pages}).fillna(0).astype(int)
    table["name"] = [LANGUAGE_NAMES.get(code, code) for code in table.index]
    return table.sort_values(["cited_pages", "quoted_terms"], ascending=False).rename_axis("language")[
        ["name", "quoted_terms", "cited_pages"]
    ]


# --- the analytic question: is it an alliance by the field's definitions? ----------------------

# Which article of the treaty each COW class would rest on (articles.article); None = no article.
COW_ARTICLES: dict[str, int | None] = {"defence_pact": 4, "neutrality_nonaggression": None, "entente": 3}
COW_TYPES: dict[str, str] = {
    "defence_pact": "Type I (defence pact)",
    "neutrality_nonaggression": "Type II (neutrality or non-aggression)",
    "entente": "Type III (entente)",
}


def _binding_security(article: pd.Series) -> bool:
    return article["domain"] == "security_defence" and article["commitment"] == "binding_obligation"


def alliance_checklist(
    definitions: pd.DataFrame,
    articles: pd.DataFrame,
    treaties: pd.DataFrame,
    actors: pd.DataFrame,
    treaty_id: str = "rus-dprk-2024",
    cow_articles: Mapping[str, int | None] = COW_ARTICLES,
) -> pd.DataFrame:
    """Each definition as a test on the treaty: the evidence from the tables and whether it is met.

    - ATOP formal agreement: the treaty was signed (and its text published: the articles table
      has rows for it).
    - ATOP alliance: every party is a state, and at least one article binds the parties in
      security and defence.
    - COW classes: the article mapped in `cow_articles` binds the parties in security and
      defence; a class with no mapped article is not met.
    The result is this project's reading of the definitions, not a coding by ATOP or COW.
    """
    treaty = treaties.set_index("treaty_id")
    if treaty_id not in treaty.index:
        raise ValueError(f"unknown treaty {treaty_id!r}")
    treaty = treaty.loc[treaty_id]
    kinds = actors.set_index("actor_id")["kind"]
    by_number = articles.set_index("article")
    binding = [int(n) for n, a in by_number.iterrows() if n != 0 and _binding_security(a)]
    rows = []
    for _, d in definitions.iterrows():
        if d["concept"] == "formal_agreement":
            met = pd.notna(treaty["signed"]) and len(by_number) > 0
            numbered = int((by_number.index != 0).sum())
            evidence = f"signed {treaty['signed']:%Y-%m-%d}; text published, {numbered} articles in the articles table"
        elif d["concept"] == "alliance":
            states = [p for p in treaty["parties"] if kinds.get(p) == "state"]
            met = len(states) == len(treaty["parties"]) and bool(binding)
            evidence = (
                f"parties {', '.join(treaty['parties'])} ({len(states)} of {len(treaty['parties'])} are states); "
                f"binding security articles: {', '.join(map(str, binding)) or 'none'}"
            )
        else:
            number = cow_articles.get(d["concept"])
            if number is None or number not in by_number.index:
                met, evidence = False, "no article of the treaty makes this pledge"
            else:
                article = by_number.loc[number]
                met = _binding_security(article)
                refs = article["cross_refs"]
                refs = "; ".join(refs) if isinstance(refs, list) else refs if isinstance(refs, str) and refs else "none"
                evidence = f"Article {number} ({article['heading']}; {article['commitment']}); conditions: {refs}"
        rows.append(
            {
                "definition_id": d["definition_id"],
                "dataset": d["dataset"],
                "concept": d["concept"],
                "criterion": d["criterion"],
                "evidence": evidence,
                "met": bool(met),
            }
        )
    return pd.DataFrame(rows)


def cow_class(checklist: pd.DataFrame) -> str | None:
    """The highest COW class the checklist meets (COW classes an alliance by its strongest pledge)."""
    met = set(checklist.loc[checklist["met"] & (checklist["dataset"] == "COW"), "concept"])
    for concept in COW_TYPES:
        if concept in met:
            return COW_TYPES[concept]
    return None


# --- figures ----------------------------------------------------------------------------------


def original_words(framing: pd.DataFrame, term: str, kinds: Sequence[str] | None = None) -> list[str]:
    """The words of `ORIGINAL_WORDS[term]` that rows of `term` (of `kinds`) actually contain."""
    texts = _select(framing, kinds) if kinds is not None else framing
    texts = texts.loc[texts["term"] == term, "original_term"].dropna().str.lower()
    return [word for word in ORIGINAL_WORDS.get(term, ()) if texts.str.contains(word.lower(), regex=False).any()]


def plot_framing_matrix(
    matrix: pd.DataFrame,
    sides: Mapping[str, str],
    denied: pd.DataFrame | None = None,
    originals: Mapping[str, Sequence[str]] | None = None,
) -> Figure:
    """Heatmap of the speaker x term counts; speaker names coloured by side, every cell labelled.

    The question: who used which word? Each column is labelled with its English term and,
    below it, the original words behind it (`originals`, e.g. from `original_words`). Cells
    counted in `denied` (see `denial_matrix`) carry a ✗, because "not a military alliance"
    uses the word to refuse it.
    """
    denied = pd.DataFrame(0, index=matrix.index, columns=matrix.columns) if denied is None else denied
    originals = originals or {}
    height = 2.9 + 0.28 * len(matrix)
    fig, ax = plt.subplots(figsize=(1.7 + 0.5 * len(matrix.columns), height))
    values = matrix.to_numpy()
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(2, values.max() + 1), aspect="auto")
    for (i, j), value in pd.DataFrame(values).stack().items():
        if value:
            refused = int(denied.iloc[i, j])
            text = str(value) + ("✗" if refused == value else f" ({refused}✗)" if refused else "")
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=8.5,
                color="white" if value >= max(2, values.max()) else "black",
            )
    labels = [TERM_LABELS[t] + ("\n" + " · ".join(originals[t]) if originals.get(t) else "") for t in matrix.columns]
    ax.set_xticks(range(len(matrix.columns)), labels, rotation=90, ha="center", va="top", fontsize=8.5)
    side_of = {name: sides.get(name, "others") for name in matrix.index}
    ax.set_yticks(
        range(len(matrix)),
        [name if side_of[name] == "others" else f"{name} ({side_of[name]})" for name in matrix.index],
    )
    for j, term in enumerate(matrix.columns):
        ax.add_patch(plt.Rectangle((j - 0.5, -0.95), 1, 0.35, color=FAMILY_COLOURS[TERM_FAMILY[term]], clip_on=False))
    ax.set_xlim(-0.5, len(matrix.columns) - 0.5)
    ax.set_ylim(len(matrix) - 0.5, -1.0)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("Officials: who used which word?", loc="left", pad=8)
    handles = [
        Patch(color=FAMILY_COLOURS[f], label=FAMILY_LABELS[f])
        for f in FAMILY_ORDER
        if f in {TERM_FAMILY[t] for t in matrix.columns}
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.75 / fig.get_figheight(), 1, 1))
    return fig


def matrix_alt(matrix: pd.DataFrame, sides: Mapping[str, str], denied: pd.DataFrame | None = None) -> str:
    """Alt text for the framing matrix, computed from it: who asserted and who denied an alliance."""
    denied = pd.DataFrame(0, index=matrix.index, columns=matrix.columns) if denied is None else denied
    alliance_terms = [t for t in matrix.columns if TERM_FAMILY[t] == "alliance"]
    asserted = matrix[alliance_terms] - denied[alliance_terms]
    parts = []
    for side in SIDES:
        speakers = [s for s in matrix.index if sides.get(s) == side]
        users = [s for s in speakers if asserted.loc[s].sum() > 0]
        deniers = [s for s in speakers if denied.loc[s].sum() > 0]
        text = f"{side}: {len(speakers)} speakers, {len(users)} using alliance words ({', '.join(users) or 'none'})"
        if deniers:
            text += f", {len(deniers)} also denying a military alliance ({', '.join(deniers)})"
        parts.append(text)
    return (
        f"Grid of {len(matrix)} speakers by {len(matrix.columns)} terms, cells counting items. "
        + "; ".join(parts)
        + "."
    )


def plot_vocabulary_timeline(
    framing: pd.DataFrame,
    events: pd.DataFrame,
    kinds: Sequence[str] | None = OFFICIAL,
    phase_events: Mapping[str, str] | None = None,
) -> Figure:
    """One panel per side: each term use as a point (date x family), marker = stance, with phase lines."""
    frame = _select(framing, kinds).sort_values(["date", "framing_id"])
    markers = phase_dates(events, phase_events)
    fig, axes = plt.subplots(len(SIDES), 1, figsize=(6.6, 6.4), sharex=True)
    families = list(FAMILY_ORDER)
    for ax, side in zip(axes, SIDES, strict=True):
        part = frame[frame["side"] == side]
        offsets = part.groupby(["family", "date"]).cumcount()
        for (_, row), k in zip(part.iterrows(), offsets, strict=True):
            y = families.index(row["family"]) + 0.18 * ((k + 1) // 2) * (1 if k % 2 else -1)
            stance = row["stance_toward_alliance_label"]
            ax.scatter(
                row["date"],
                y,
                marker=STANCE_MARKERS[stance],
                s=46,
                color=FAMILY_COLOURS[row["family"]],
                edgecolor="black",
                linewidth=0.5,
                zorder=3,
            )
        for label, date in markers.items():
            ax.axvline(date, color="#777777", linestyle="--", linewidth=0.9, zorder=1)
            if ax is axes[-1]:
                ax.annotate(
                    label,
                    (date, -0.6),
                    xytext=(3, 2),
                    textcoords="offset points",
                    fontsize=8,
                    color="#444444",
                    va="bottom",
                    rotation=90,
                )
        ax.set_yticks(range(len(families)), [FAMILY_SHORT[f] for f in families], fontsize=8)
        ax.set_ylim(-0.6, len(families) - 0.1)
        ax.set_title(f"{side}: {len(part)} uses", loc="left", color="#222222", fontsize=9)
        ax.grid(axis="y", color="#EEEEEE", zorder=0)
    axes[-1].xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=STANCE_MARKERS[s],
            color="#BBBBBB",
            markeredgecolor="black",
            label=STANCE_LABELS[s],
        )
        for s in STANCE_ORDER
    ]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False)
    fig.suptitle("How the official vocabulary moved, by side", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout(rect=(0, 0.5 / fig.get_figheight(), 1, 1))
    return fig


def timeline_alt(
    framing: pd.DataFrame,
    events: pd.DataFrame,
    kinds: Sequence[str] | None = OFFICIAL,
    phase_events: Mapping[str, str] | None = None,
) -> str:
    """Alt text for the vocabulary timeline: per side and phase, which usages occurred."""
    table = vocabulary_by_phase(framing, events, kinds, phase_events)
    parts = []
    for side in SIDES:
        phases = []
        for phase in table.loc[side].index:
            row = table.loc[(side, phase)]
            used = [f"{USAGE_LABELS[f].split(',')[0]} {int(row[f])}" for f in USAGE_ORDER if row[f]]
            if used:
                phases.append(f"{phase}: {', '.join(used)}")
        parts.append(f"{side} — " + ("; ".join(phases) or "no uses"))
    dates = _select(framing, kinds)["date"]
    return (
        f"Three panels sharing a date axis, {dates.min():%B %Y} to {dates.max():%B %Y}, dashed lines at the "
        f"{', '.join(table.loc[SIDES[0]].index)}. " + ". ".join(parts) + "."
    )


def plot_media_labels(table: pd.DataFrame) -> Figure:
    """Horizontal stacked bars: for each language, how outlets named the treaty, by family."""
    fig, ax = plt.subplots(figsize=(6.6, 0.4 * len(table) + 2.4))
    names = [LANGUAGE_NAMES.get(code, code) for code in table.index]
    left = pd.Series(0, index=table.index)
    for family in table.columns:
        values = table[family]
        if not values.any():
            continue
        ax.barh(names, values, left=left, color=USAGE_COLOURS[family], edgecolor="white", label=USAGE_LABELS[family])
        for y, (value, start) in enumerate(zip(values, left, strict=True)):
            if value:
                ax.text(
                    start + value / 2,
                    y,
                    str(value),
                    ha="center",
                    va="center",
                    color="white" if family in ("alliance", "reassurance", "kinship") else "black",
                )
        left = left + values
    ax.invert_yaxis()
    ax.set_xlabel("media headlines, leads and analyses")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("How outlets named the treaty, by language", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False)
    return fig


def media_alt(table: pd.DataFrame) -> str:
    """Alt text for the media-labels chart."""
    parts = []
    for code, row in table.iterrows():
        used = [f"{USAGE_LABELS[f].split(',')[0]} {int(row[f])}" for f in table.columns if row[f]]
        parts.append(f"{LANGUAGE_NAMES.get(code, code)}: {', '.join(used)}")
    official = int(table["partnership"].sum()) if "partnership" in table else 0
    labelled = (
        int(table[["alliance", "defence_pact"]].to_numpy().sum()) if {"alliance", "defence_pact"} <= set(table) else 0
    )
    denied = int(table["alliance_denied"].sum()) if "alliance_denied" in table else 0
    return (
        f"Stacked bars for {len(table)} languages; {labelled} items use an alliance or defence-pact label, "
        f"{official} use the partnership name, {denied} denying an alliance. " + "; ".join(parts) + "."
    )
