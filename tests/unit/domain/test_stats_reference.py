"""Every validation case in shared/reference/single-case-effect-sizes.md §4, at its tolerance."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import stats

A = [20, 20, 26, 25, 22, 23]
B = [28, 25, 24, 27, 30, 30, 29]
EST, SE, CI, CI_TAU = 1e-6, 1e-6, 1e-4, 2e-4


# Table A: exact fractions from SingleCaseES's unit tests
@pytest.mark.parametrize(
    ("fn", "a", "b", "expected"),
    [
        (stats.pnd, A, B, 5 / 7),
        (stats.pand, A, B, 1 - 2 / 13),
        (stats.pem, A, B, 7 / 7),
        (stats.ird, A, B, 6 / 7 - 1 / 6),
        (stats.nap, A, B, 38.5 / 42),
        (stats.tau, A, B, (38 - 3) / 42),
        (stats.tau, [3, 3, 4, 5], [4, 5, 6, 7, 7], 16 / 20),
        (stats.tau_u, [3, 3, 4, 5], [4, 5, 6, 7, 7], 11 / 20),
        (stats.tau, [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 1.0),
        (stats.tau_u, [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0.6),
    ],
)
def test_unit_test_fractions(fn: object, a: list[int], b: list[int], expected: float) -> None:
    assert fn(a, b).est == pytest.approx(expected, abs=EST)  # type: ignore[operator]


def test_nap_published_output() -> None:
    r = stats.nap(A, B)
    assert r.est == pytest.approx(0.9166667, abs=EST)
    assert r.se == pytest.approx(0.06900656, abs=SE)
    assert r.ci == pytest.approx((0.5973406, 0.9860176), abs=CI)
    assert stats.nap(A, B, se="hanley").se == pytest.approx(0.07739185, abs=SE)
    assert stats.nap(A, B, se="null").se == pytest.approx(0.1666667, abs=SE)
    assert stats.nap(A, B, se="hanley").ci == pytest.approx((0.5973406, 0.9860176), abs=CI)
    assert stats.nap(A, B, confidence=0.99).ci == pytest.approx((0.4875014, 0.9907377), abs=CI)
    assert stats.nap(A, B, confidence=0.90).ci == pytest.approx((0.6591091, 0.9822249), abs=CI)


def test_nap_decrease() -> None:
    r = stats.nap(A, B, improvement="decrease")
    assert r.est == pytest.approx(0.08333333, abs=EST)
    assert r.se == pytest.approx(0.06900656, abs=SE)
    assert r.ci == pytest.approx((0.01398242, 0.4026594), abs=CI)


def test_tau_published_output() -> None:
    r = stats.tau(A, B)
    assert r.est == pytest.approx(0.8333333, abs=EST)
    assert r.se == pytest.approx(0.1380131, abs=SE)
    assert r.ci == pytest.approx((0.1946812, 0.9720352), abs=CI_TAU)


def test_other_published_values() -> None:
    assert stats.pnd(A, B).est == pytest.approx(0.7142857, abs=EST)
    assert stats.pem(A, B).est == pytest.approx(1.0, abs=EST)
    assert stats.pand(A, B).est == pytest.approx(0.8461538, abs=EST)
    assert stats.ird(A, B).est == pytest.approx(0.6904762, abs=EST)
    tu = stats.tau_u(A, B)
    assert tu.est == pytest.approx(0.7380952, abs=EST) and tu.name == "Tau-U (revised)"
    assert tu.se is None and tu.ci is None


def test_tau_u_original_is_named_and_uses_its_denominator() -> None:
    r = stats.tau_u([3, 3, 4, 5], [4, 5, 6, 7, 7], variant="original")
    assert r.name == "Tau-U (original)"
    assert r.est == pytest.approx(11 / (20 + 6), abs=EST)


@pytest.mark.parametrize(
    ("kwargs", "est", "se", "ci"),
    [
        ({"bias_correct": False}, 1.959294, 0.8237984, (0.3446789, 3.573909)),
        ({}, 1.649932, 0.6340935, (0.4071314, 2.892732)),
        ({"improvement": "decrease"}, -1.649932, 0.6340935, (-2.892732, -0.4071314)),
        ({"std_dev": "pool"}, 1.876247, 0.6374216, (0.6269241, 3.125571)),
    ],
)
def test_smd_published_output(
    kwargs: dict[str, object], est: float, se: float, ci: tuple[float, float]
) -> None:
    r = stats.smd(A, B, **kwargs)  # type: ignore[arg-type]
    assert r.est == pytest.approx(est, abs=1e-6)
    assert r.se == pytest.approx(se, abs=1e-6)
    assert r.ci == pytest.approx(ci, abs=CI)


def test_edge_cases() -> None:
    # a phase with one value: the unbiased SE is infinite; m = 1 gives NAP = PEM = PND, Tau = Tau-U
    r = stats.nap([5], [6, 7, 4])
    assert math.isinf(r.se or 0)
    assert r.est == stats.pem([5], [6, 7, 4]).est == stats.pnd([5], [6, 7, 4]).est
    assert stats.tau([5], [6, 7, 4]).est == pytest.approx(stats.tau_u([5], [6, 7, 4]).est)
    # all tied
    tied = stats.nap([5, 5, 5], [5, 5])
    assert tied.est == 0.5 and tied.ci is not None and tied.ci[0] < 0.5 < tied.ci[1]
    assert math.isnan(stats.smd([5, 5, 5], [5, 5]).est)
    assert math.isinf(stats.smd([5, 5, 5], [6, 6]).est)
    # missing values are dropped
    assert stats.nap([20, None, 20, float("nan"), 26, 25, 22, 23], B).est == pytest.approx(
        38.5 / 42
    )
    with pytest.raises(ValueError, match="baseline phase has no values"):
        stats.nap([None], [1])
    # NAP = 1: the proper Newcombe lower bound (SingleCaseES prints [1, 1])
    perfect = stats.nap([1, 2], [3, 4])
    assert perfect.ci is not None and perfect.ci[0] < 1 and perfect.ci[1] == 1


values = st.lists(st.integers(0, 10), min_size=1, max_size=15)


@given(values, values)
def test_properties(a: list[int], b: list[int]) -> None:
    inc = stats.nap(a, b)
    dec = stats.nap(a, b, improvement="decrease")
    assert 0 <= inc.est <= 1
    assert inc.est + dec.est == pytest.approx(1.0)
    assert stats.tau(a, b).est == pytest.approx(2 * inc.est - 1)
    assert inc.ci is not None and inc.ci[0] - 1e-9 <= inc.est <= inc.ci[1] + 1e-9
    for fn in (stats.pnd, stats.pem, stats.pand):
        assert 0 <= fn(a, b).est <= 1


def test_plain_reading() -> None:
    text = stats.plain_nap_reading(stats.nap(A, B))
    assert text.startswith(
        "On 92 % of day pairs, a day this week was better than a baseline day (95 % CI 60–99 %)."
    )
