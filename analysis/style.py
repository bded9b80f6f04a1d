"""The collection's one visual style: a fixed colour per actor and matplotlib settings.

A reader comparing two figures must find South Korea in the same colour in both, so every
figure takes its colours from here. The colours come from Paul Tol's colour-blind-safe
"muted", "bright", "vibrant" and "high-contrast" schemes (https://personal.sron.nl/~pault/),
assigned once so that actors shown together stay distinct for colour-blind readers too
(`ACTOR_GROUPS`); actors outside the list fall back to grey and are told apart by their lane
or label, never by hue alone.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl

from . import fonts

ACTOR_COLOURS: dict[str, str] = {
    "RUS": "#CC3311",  # vibrant red
    "PRK": "#33BBEE",  # vibrant cyan
    "KOR": "#004488",  # high-contrast blue
    "USA": "#882255",  # muted wine
    "JPN": "#CC6677",  # muted rose
    "CHN": "#0077BB",  # vibrant blue
    "UKR": "#DDAA33",  # high-contrast yellow
    "NATO": "#44AA99",  # muted teal
    "EU": "#117733",  # muted green
    "G7": "#999933",  # muted olive
    "UN": "#AA3377",  # bright purple
    "GBR": "#88CCEE",  # muted cyan
    "DEU": "#DDCC77",  # muted sand
    "G7P": "#DDDDDD",  # pale grey: the G7 states with partners, issuing joint statements
    "MSMT": "#000000",  # black: the sanctions-monitoring coalition of eleven states
    "USKJ": "#EEDD88",  # light yellow: the US-ROK-Japan trilateral
}
# Actors drawn side by side in one figure: within each group every two colours differ by at
# least `colour.MIN_DISTANCE` (CIEDE2000) for normal, deuteranopic and protanopic vision
# (tests/test_colour.py). The timeline lanes, the troop estimators, the Western institutions.
ACTOR_GROUPS: tuple[tuple[str, ...], ...] = (
    ("RUS", "PRK", "KOR", "USA", "UKR", "NATO", "CHN", "JPN"),
    ("KOR", "UKR", "USA", "GBR", "RUS"),
    ("NATO", "EU", "G7", "UN", "GBR", "DEU"),
    ("NATO", "EU", "G7P", "UN", "GBR", "DEU", "MSMT"),
    ("USA", "KOR", "JPN", "USKJ"),
)
FALLBACK_COLOUR = "#888888"

# Labels in figures and tables: short where the data's full name would crowd an axis.
SHORT_NAMES: dict[str, str] = {
    "PRK": "North Korea",
    "NATO": "NATO",
    "EU": "EU",
    "UN": "UN",
    "G7": "G7",
    "G7P": "G7 + partners",
    "MSMT": "MSMT",
    "USKJ": "US-ROK-Japan",
}

ACTOR_MARKERS: dict[str, str] = {
    "RUS": "o",
    "PRK": "s",
    "KOR": "D",
    "USA": "^",
    "JPN": "v",
    "CHN": "P",
    "UKR": "X",
    "NATO": "p",
    "EU": "*",
    "G7": "h",
    "UN": "8",
    "GBR": "<",
    "DEU": ">",
    "G7P": "H",
    "MSMT": "d",
    "USKJ": "o",
}

# Fifteen kinds of event read as four: a timeline with a marker per kind asks the reader to
# learn fifteen shapes. Each kind (events table, `kind`) belongs to one family.
EVENT_FAMILIES: dict[str, str] = {
    "summit": "meeting",
    "visit": "meeting",
    "agreement": "meeting",
    "commemoration": "meeting",
    "signing": "treaty step",
    "ratification": "treaty step",
    "entry_into_force": "treaty step",
    "intelligence_report": "troops and combat",
    "deployment": "troops and combat",
    "combat": "troops and combat",
    "statement": "statement",
    "publication": "statement",
    "confirmation": "statement",
    "acknowledgement": "statement",
    "sanctions": "statement",
    "invasion": "troops and combat",
    "un_resolution": "statement",
}
EVENT_FAMILY_MARKERS: dict[str, str] = {"meeting": "o", "treaty step": "s", "troops and combat": "^", "statement": "D"}

# Ordinal stance scale (statements table), most favourable to most hostile to the treaty:
# five steps of Paul Tol's colour-blind-safe diverging "BuRd" scheme, blue - pale - red, so
# the order reads from lightness as well as hue. Text on the two dark ends is drawn white.
STANCE_COLOURS: dict[str, str] = {
    "endorse": "#2166AC",
    "defend": "#92C5DE",
    "neutral": "#F7F7F7",
    "concern": "#F4A582",
    "condemn": "#B2182B",
}
DARK_STANCES = frozenset({"endorse", "condemn"})

FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib, so figures render the same offline
# Glyphs DejaVu Sans lacks (Hangul, Han, kana) fall back to the collection's own Noto Sans
# CJK subset, so 동맹 and 同盟 draw the same on every machine, CJK fonts installed or not.
FONT_FAMILIES = [FONT_FAMILY, fonts.FAMILY]
SVG_HASHSALT = "rus-prk-treaty"  # fixed salt: SVG element ids stay the same run to run

RC_PARAMS: dict[str, Any] = {
    "font.family": FONT_FAMILIES,
    # Figures are drawn at most 6.7 in wide, the book's column, so these sizes are the sizes
    # a reader sees; nothing smaller than 8 pt (figures.MIN_TEXT_PT).
    "font.size": 9,
    "axes.titlesize": 10,
    "figure.titlesize": 10.5,
    "legend.fontsize": 8.5,
    "legend.title_fontsize": 9,
    "figure.figsize": (6.6, 4.0),
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    # Labels come from the data; a '$' in a summary must print as '$', never start mathtext.
    "text.parse_math": False,
}


def colour(actor_id: str) -> str:
    """The display colour of an actor, grey for actors without an assigned colour."""
    return ACTOR_COLOURS.get(actor_id, FALLBACK_COLOUR)


def marker(actor_id: str) -> str:
    """The marker shape of an actor, so colour is never the only cue."""
    return ACTOR_MARKERS.get(actor_id, "o")


def apply() -> None:
    """Set the collection's matplotlib defaults (called on `import analysis`)."""
    fonts.register()
    mpl.rcParams.update(RC_PARAMS)
