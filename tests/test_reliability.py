"""Krippendorff's alpha and its bootstrap interval, checked on hand-made codings with known values."""

from __future__ import annotations

import pytest

from analysis import reliability

SCALE = ("endorse", "defend", "neutral", "concern", "condemn")


def test_nominal_alpha_matches_the_hand_computation():
    # Units (1,1), (1,2), (2,2), (2,2): n = 8 values, n1 = 3, n2 = 5, two disagreeing pairs.
    # alpha = 1 - (n - 1) * 2 / (2 * n1 * n2) = 1 - 14 / 30.
    value = reliability.alpha(["a", "a", "b", "b"], ["a", "b", "b", "b"], "nominal")
    assert value == pytest.approx(1 - 14 / 30)


def test_perfect_agreement_is_one_and_systematic_disagreement_below_zero():
    assert reliability.alpha(["x", "y", "x"], ["x", "y", "x"], "nominal") == 1.0
    assert reliability.alpha(["x", "y", "x", "y"], ["y", "x", "y", "x"], "nominal") < 0


def test_ordinal_alpha_penalises_near_misses_less_than_far_misses():
    first = ["endorse", "defend", "neutral", "concern", "condemn", "condemn"]
    near = ["endorse", "defend", "neutral", "concern", "condemn", "concern"]
    far = ["endorse", "defend", "neutral", "concern", "condemn", "endorse"]
    near_value = reliability.alpha(first, near, "ordinal", SCALE)
    far_value = reliability.alpha(first, far, "ordinal", SCALE)
    assert 0 < far_value < near_value < 1


def test_codes_off_the_scale_are_refused():
    with pytest.raises(ValueError, match="outside the scale"):
        reliability.alpha(["endorse"], ["approve"], "ordinal", SCALE)


def test_bootstrap_interval_is_reproducible_and_brackets_the_estimate():
    first = ["a", "a", "b", "b", "c", "c", "a", "b"]
    second = ["a", "b", "b", "b", "c", "a", "a", "b"]
    point = reliability.alpha(first, second, "nominal")
    one = reliability.bootstrap_interval(first, second, "nominal", samples=300, seed=1)
    two = reliability.bootstrap_interval(first, second, "nominal", samples=300, seed=1)
    assert one == two
    assert one[0] <= point <= one[1]
    assert reliability.bootstrap_interval(["a", "b"], ["a", "b"], "nominal", samples=50) == (1.0, 1.0)


def test_real_second_coding_summary():
    table = reliability.summary(samples=200)
    assert set(table["units"]) == {30, 51}
    disagreements = reliability.disagreements()
    assert len(disagreements) == table["disagreements"].sum()
    assert disagreements["adjudication"].str.len().gt(40).all()  # every disagreement says how it was decided
    assert "Krippendorff's alpha" in reliability.alpha_sentence("stance")
