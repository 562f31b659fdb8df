"""Single-case (N-of-1) effect sizes between a baseline phase A and a later phase B.

Implemented from the definitions in ``shared/reference/single-case-effect-sizes.md`` (compatible
with the R package SingleCaseES 0.7.4, validated against its published values in the tests).
Every function takes ``(a, b, *, improvement="increase", ...)``: sequences of numbers (missing
values, None or NaN, are dropped) and returns an :class:`EffectSize` with ``est``, ``se`` (None
where the measure has none) and ``ci`` (a pair, or None). ``name`` always says which variant.

For "decrease", both phases are negated and the "increase" formula applied, as SingleCaseES does.

One documented difference: when NAP is exactly 1 (or 0), SingleCaseES prints the interval as
[1, 1] because its root finder stops at the trivial root x = 1. We solve the equation properly
and return the non-trivial bound (below 1), which is what the Newcombe interval means.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

from plasticity_app.domain.text import tr

Improvement = Literal["increase", "decrease"]


@dataclass(frozen=True)
class EffectSize:
    name: str
    est: float
    se: float | None = None
    ci: tuple[float, float] | None = None


def _clean(values: Iterable[float | int | None]) -> list[float]:
    out = []
    for v in values:
        if v is None:
            continue
        f = float(v)
        if not math.isnan(f):
            out.append(f)
    return out


def _phases(
    a: Sequence[float | int | None], b: Sequence[float | int | None], improvement: str
) -> tuple[list[float], list[float]]:
    if improvement not in ("increase", "decrease"):
        raise ValueError('improvement must be "increase" or "decrease"')
    xa, xb = _clean(a), _clean(b)
    if not xa:
        raise ValueError("The baseline phase has no values.")
    if not xb:
        raise ValueError("The comparison phase has no values.")
    if improvement == "decrease":
        xa, xb = [-x for x in xa], [-x for x in xb]
    return xa, xb


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _bisect(fn: Callable[[float], float], lo: float, hi: float) -> float:
    flo = fn(lo)
    for _ in range(200):
        mid = (lo + hi) / 2
        fm = fn(mid)
        if fm == 0 or hi - lo < 1e-15:
            return mid
        if (fm > 0) == (flo > 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def _newcombe(nap: float, m: int, n: int, z: float) -> tuple[float, float]:
    """Newcombe (2006) method 5: the symmetrized score-inversion interval for NAP."""
    h = (m + n) / 2 - 1

    def tail(x: float) -> float:
        return z * z * x * (1 - x) * (2 + h + (1 + 2 * h) * x * (1 - x))

    def f(x: float) -> float:
        return m * n * (nap - x) ** 2 * (2 - x) * (1 + x) - tail(x)

    def g_one(x: float) -> float:  # f / (1 - x) when NAP = 1, without the trivial root at 1
        return m * n * (1 - x) * (2 - x) * (1 + x) - z * z * x * (2 + h + (1 + 2 * h) * x * (1 - x))

    if nap >= 1:
        return _bisect(g_one, 0.0, 1.0), 1.0
    if nap <= 0:
        return 0.0, 1.0 - _bisect(g_one, 0.0, 1.0)
    return _bisect(f, 0.0, nap), _bisect(f, nap, 1.0)


def _q(xa: list[float], xb: list[float]) -> list[list[float]]:
    return [[1.0 if yb > ya else 0.5 if yb == ya else 0.0 for yb in xb] for ya in xa]


def nap(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
    se: Literal["unbiased", "hanley", "null"] = "unbiased",
    confidence: float | None = 0.95,
) -> EffectSize:
    """Non-overlap of all pairs: the share of (A, B) pairs in which B is better (ties count ½)."""
    xa, xb = _phases(a, b, improvement)
    m, n = len(xa), len(xb)
    q = _q(xa, xb)
    est = sum(map(sum, q)) / (m * n)
    q1 = sum(sum(qij - est for qij in row) ** 2 for row in q) / (m * n * n)
    q2 = sum(sum(q[i][j] - est for i in range(m)) ** 2 for j in range(n)) / (m * m * n)
    x = sum((qij - est) ** 2 for row in q for qij in row) / (m * n)
    t = min(max(est, 0.5 / (m * n)), 1 - 0.5 / (m * n))
    if se == "unbiased":
        if m == 1 or n == 1:
            se_value = math.inf
        else:
            v = (t * (1 - t) + n * q1 + m * q2 - 2 * x) / ((m - 1) * (n - 1))
            se_value = math.sqrt(max(v, 0.0))
    elif se == "hanley":
        v = (t * (1 - t) + (n - 1) * q1 + (m - 1) * q2) / (m * n)
        se_value = math.sqrt(max(v, 0.0))
    elif se == "null":
        se_value = math.sqrt((m + n + 1) / (12 * m * n))
    else:
        raise ValueError('se must be "unbiased", "hanley" or "null"')
    ci = None if confidence is None else _newcombe(est, m, n, _z(confidence))
    return EffectSize("NAP", est, se_value, ci)


def tau(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
    se: Literal["unbiased", "hanley", "null"] = "unbiased",
    confidence: float | None = 0.95,
) -> EffectSize:
    """Tau (non-overlap): 2·NAP − 1, with SE and interval carried over from NAP."""
    r = nap(a, b, improvement=improvement, se=se, confidence=confidence)
    ci = None if r.ci is None else (2 * r.ci[0] - 1, 2 * r.ci[1] - 1)
    return EffectSize("Tau", 2 * r.est - 1, None if r.se is None else 2 * r.se, ci)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def tau_u(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
    variant: Literal["revised", "original"] = "revised",
) -> EffectSize:
    """Tau-U: non-overlap corrected for a baseline trend. ``a`` must be in session order.

    revised (SingleCaseES, the default): (S_P − S_A) / (m·n);
    original (Parker et al. 2011): (S_P − S_A) / (m·n + m(m−1)/2). No SE or interval.
    """
    xa, xb = _phases(a, b, improvement)
    m, n = len(xa), len(xb)
    s_p = sum(_sign(yb - ya) for ya in xa for yb in xb)
    s_a = sum(_sign(xa[j] - xa[i]) for i in range(m) for j in range(i + 1, m))
    if variant == "revised":
        return EffectSize("Tau-U (revised)", (s_p - s_a) / (m * n))
    if variant == "original":
        return EffectSize("Tau-U (original)", (s_p - s_a) / (m * n + m * (m - 1) / 2))
    raise ValueError('variant must be "revised" or "original"')


def pnd(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
) -> EffectSize:
    """Percentage of non-overlapping data: B values beyond the best baseline value."""
    xa, xb = _phases(a, b, improvement)
    top = max(xa)
    return EffectSize("PND", sum(1 for y in xb if y > top) / len(xb))


def _median(values: list[float]) -> float:
    s = sorted(values)
    k = len(s)
    return s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2


def pem(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
) -> EffectSize:
    """Percentage exceeding the median: B values above the baseline median (ties count ½)."""
    xa, xb = _phases(a, b, improvement)
    med = _median(xa)
    return EffectSize(
        "PEM", sum(1.0 if y > med else 0.5 if y == med else 0.0 for y in xb) / len(xb)
    )


def pand(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
) -> EffectSize:
    """Percentage of all non-overlapping data: the most points kept so that every A < every B."""
    xa, xb = _phases(a, b, improvement)
    m, n = len(xa), len(xb)
    x = [-math.inf, *sorted(xa)]
    y = [*sorted(xb), math.inf]
    best = 0
    for i in range(m + 1):
        for j in range(n + 1):
            if x[i] < y[j]:
                best = max(best, i + n - j)
    return EffectSize("PAND", best / (m + n))


def ird(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
) -> EffectSize:
    """Robust improvement rate difference, from PAND."""
    xa, xb = _phases(a, b, improvement)
    m, n = len(xa), len(xb)
    p = pand(xa, xb).est
    return EffectSize("IRD", ((m + n) ** 2 * p - m * m - n * n) / (2 * m * n))


def _var(values: list[float]) -> float:
    k = len(values)
    if k < 2:
        return math.nan
    mean = math.fsum(values) / k
    return math.fsum((v - mean) ** 2 for v in values) / (k - 1)


def smd(
    a: Sequence[float | int | None],
    b: Sequence[float | int | None],
    *,
    improvement: Improvement = "increase",
    std_dev: Literal["baseline", "pool"] = "baseline",
    bias_correct: bool = True,
    confidence: float | None = 0.95,
) -> EffectSize:
    """Within-case standardized mean difference (Hedges' correction by default).

    With a baseline (or pooled) SD of 0 or undefined, the estimate is not finite: ``est`` is
    ±inf (or NaN when the means are equal) and there is no SE or interval.
    """
    xa, xb = _clean(a), _clean(b)
    _phases(xa, xb, improvement)  # validates
    m, n = len(xa), len(xb)
    diff = math.fsum(xb) / n - math.fsum(xa) / m
    va, vb = _var(xa), _var(xb)
    if std_dev == "baseline":
        df = m - 1
        s2 = va
        name = "SMD (baseline SD"
    elif std_dev == "pool":
        df = m + n - 2
        s2 = (
            ((m - 1) * (0.0 if math.isnan(va) else va) + (n - 1) * (0.0 if math.isnan(vb) else vb))
            / df
            if df > 0
            else math.nan
        )
        name = "SMD (pooled SD"
    else:
        raise ValueError('std_dev must be "baseline" or "pool"')
    name += ", Hedges' correction)" if bias_correct else ")"
    sign = 1 if improvement == "increase" else -1
    if df <= 0 or math.isnan(s2) or s2 <= 0:
        if diff == 0:
            return EffectSize(name, math.nan)
        return EffectSize(name, sign * math.copysign(math.inf, diff))
    j = (1 - 3 / (4 * df - 1)) if bias_correct else 1.0
    d = sign * j * diff / math.sqrt(s2)
    if std_dev == "baseline":
        vb_ = 0.0 if math.isnan(vb) else vb
        se_value = j * math.sqrt(1 / m + vb_ / (n * s2) + d * d / (2 * df))
    else:
        se_value = j * math.sqrt(1 / m + 1 / n + d * d / (2 * df))
    ci = None
    if confidence is not None:
        z = _z(confidence)
        ci = (d - z * se_value, d + z * se_value)
    return EffectSize(name, d, se_value, ci)


def _pct(value: float) -> str:
    return f"{round(value * 100):d} %"


def plain_nap_reading(result: EffectSize) -> str:
    """NAP in plain words, e.g. "On 78 % of day pairs, a day this week was better than a baseline
    day (95 % CI 41–94 %)." Ties count as half."""
    if result.ci is None:
        text = tr(
            "On {percent} of day pairs, a day this week was better than a baseline day."
        ).format(percent=_pct(result.est))
    else:
        lo, hi = result.ci
        text = tr(
            "On {percent} of day pairs, a day this week was better than a baseline day "
            "(95 % CI {low}–{high} %)."
        ).format(percent=_pct(result.est), low=round(lo * 100), high=round(hi * 100))
    if result.ci is not None and result.ci[0] <= 0.5 <= result.ci[1]:
        text += " " + tr("That is within the range chance alone could give.")
    return text
