"""Colour distance as a colour-blind reader sees it: CIEDE2000 under simulated dichromacy.

Two series in one chart must be told apart by readers with the common red-green colour
vision deficiencies too (about 1 in 12 men), so the legibility check compares every pair of
series colours three times: as drawn, and as seen with deuteranopia and with protanopia,
simulated with the severity-1.0 matrices of Machado, Oliveira and Fernandes (2009, IEEE TVCG
15(6)) applied in linear RGB. Distance is the CIEDE2000 colour difference (Sharma, Wu and
Dalal 2005, the CIE's formula), on CIELAB under D65.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from matplotlib.colors import to_rgb

# Smallest CIEDE2000 difference between two series colours of one chart, under every
# simulation. About 10 units is where two flat colour patches read as different colours at a
# glance rather than shades of one; Tol's schemes were chosen so that actors meet it.
MIN_DISTANCE = 10.0

SIMULATIONS: dict[str, np.ndarray] = {
    "normal vision": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
}
_SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
_WHITE = _SRGB_TO_XYZ.sum(axis=1)


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(colour: str | tuple[float, ...], simulation: str = "normal vision") -> tuple[float, float, float]:
    """CIELAB (D65) of a matplotlib colour, as seen under `simulation`."""
    linear = np.clip(SIMULATIONS[simulation] @ _linear(np.array(to_rgb(colour))), 0.0, 1.0)
    xyz = (_SRGB_TO_XYZ @ linear) / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return (float(116 * f[1] - 16), float(500 * (f[0] - f[1])), float(200 * (f[1] - f[2])))


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """The CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_big_h / s_h) ** 2 + r_t * (dc / s_c) * (d_big_h / s_h))


def distance(colour1: str | tuple[float, ...], colour2: str | tuple[float, ...]) -> tuple[float, str]:
    """The smallest CIEDE2000 difference of two colours over the simulations, and which one."""
    return min((ciede2000(lab(colour1, s), lab(colour2, s)), s) for s in SIMULATIONS)


def closest_pair(colours: list[str]) -> tuple[float, str, str, str] | None:
    """The two colours of `colours` hardest to tell apart: (difference, simulation, colour, colour)."""
    pairs = [(*distance(c1, c2), c1, c2) for c1, c2 in itertools.combinations(colours, 2)]
    return min(pairs) if pairs else None
