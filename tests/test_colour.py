"""Colour distance is CIEDE2000, the simulations behave, and the actor palette is distinct."""

from __future__ import annotations

import itertools

import pytest

from analysis import colour, style


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [
        # reference pairs of Sharma, Wu and Dalal (2005), table 1
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_ciede2000_matches_the_published_reference_pairs(lab1, lab2, expected):
    assert colour.ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_red_and_green_collapse_under_deuteranopia_but_not_for_normal_vision():
    red, green = "#D55E00", "#009E73"  # a pair that differs mostly along the red-green axis
    normal = colour.ciede2000(colour.lab(red), colour.lab(green))
    deutan = colour.ciede2000(colour.lab(red, "deuteranopia"), colour.lab(green, "deuteranopia"))
    assert normal > 40 and deutan < normal / 2
    assert colour.lab("#FFFFFF", "protanopia") == pytest.approx((100.0, 0.0, 0.0), abs=0.1)


def test_closest_pair_names_the_hard_pair():
    distance, _, first, second = colour.closest_pair(["#000000", "#CC3311", "#CC3312"])
    assert {first, second} == {"#CC3311", "#CC3312"} and distance < 1


@pytest.mark.parametrize("group", style.ACTOR_GROUPS, ids=lambda g: "-".join(g))
def test_actors_shown_together_are_distinct_for_colour_blind_readers(group):
    for first, second in itertools.combinations(group, 2):
        distance, simulation = colour.distance(style.colour(first), style.colour(second))
        assert distance >= colour.MIN_DISTANCE, f"{first} and {second}: ΔE2000 {distance:.1f} under {simulation}"


def test_every_actor_has_its_own_colour():
    assert len(set(style.ACTOR_COLOURS.values())) == len(style.ACTOR_COLOURS)
