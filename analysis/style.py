"""The collection's one visual style: a fixed colour per actor and matplotlib settings.

A reader comparing two figures must find South Korea in the same colour in both, so every
figure takes its colours from here. The colours are Paul Tol's colour-blind-safe "muted" and
"bright" schemes (https://personal.sron.nl/~pault/), assigned once; actors outside the list
fall back to greys, and figures that show many actors also vary marker shape, so no figure
relies on hue alone.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl

from . import fonts

ACTOR_COLOURS: dict[str, str] = {
    "RUS": "#CC6677",  # rose
    "PRK": "#882255",  # wine
    "KOR": "#332288",  # indigo
    "USA": "#88CCEE",  # cyan
    "JPN": "#44AA99",  # teal
    "CHN": "#DDCC77",  # sand
    "UKR": "#117733",  # green
    "NATO": "#AA4499",  # purple
    "EU": "#4477AA",  # bright blue
    "G7": "#999933",  # olive
    "UN": "#66CCEE",  # bright cyan
    "GBR": "#EE6677",  # bright red
    "DEU": "#228833",  # bright green
}
FALLBACK_COLOUR = "#888888"

# Labels in figures and tables: short where the data's full name would crowd an axis.
SHORT_NAMES: dict[str, str] = {"PRK": "North Korea", "NATO": "NATO", "EU": "EU", "UN": "UN", "G7": "G7"}

ACTOR_MARKERS: dict[str, str] = {
    "RUS": "o", "PRK": "s", "KOR": "D", "USA": "^", "JPN": "v", "CHN": "P", "UKR": "X",
    "NATO": "p", "EU": "*", "G7": "h", "UN": "8", "GBR": "<", "DEU": ">",
}

EVENT_KIND_MARKERS: dict[str, str] = {
    "summit": "o", "visit": "o", "signing": "*", "publication": "d", "ratification": "s",
    "entry_into_force": "P", "intelligence_report": "^", "confirmation": "v", "combat": "X",
    "acknowledgement": "D", "deployment": ">", "agreement": "p", "commemoration": "h",
    "statement": ".", "sanctions": "x",
}

# Ordinal stance scale (statements table), most favourable to most hostile to the treaty:
# five steps of Paul Tol's colour-blind-safe diverging "BuRd" scheme, blue - pale - red, so
# the order reads from lightness as well as hue. Text on the two dark ends is drawn white.
STANCE_COLOURS: dict[str, str] = {
    "endorse": "#2166AC", "defend": "#92C5DE", "neutral": "#F7F7F7", "concern": "#F4A582", "condemn": "#B2182B",
}
DARK_STANCES = frozenset({"endorse", "condemn"})

FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib, so figures render the same offline
# Glyphs DejaVu Sans lacks (Hangul, Han, kana) fall back to the collection's own Noto Sans
# CJK subset, so 동맹 and 同盟 draw the same on every machine, CJK fonts installed or not.
FONT_FAMILIES = [FONT_FAMILY, fonts.FAMILY]
SVG_HASHSALT = "rus-prk-treaty"  # fixed salt: SVG element ids stay the same run to run

RC_PARAMS: dict[str, Any] = {
    "font.family": FONT_FAMILIES,
    "font.size": 10,
    "axes.titlesize": 12,
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
