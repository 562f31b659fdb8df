"""dumps_indented writes the very text of json.dumps(..., ensure_ascii=False, indent=2)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plasticity_app.domain.json_text import dumps_indented

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc")), max_size=12
) | st.sampled_from(["", "}\x00{", "\x00", '"', "\\", "},{", "\u2028", "é → ü"])
PLAIN = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
RECORD = st.dictionaries(TEXT, PLAIN, max_size=5)
JSON = st.recursive(
    PLAIN,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(RECORD, max_size=4)
        | st.dictionaries(TEXT, inner, max_size=4)
    ),
    max_leaves=30,
)


def same(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_any_json_value_gives_the_same_text(value: Any) -> None:
    same(value)


@settings(max_examples=200, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=6), st.integers(0, 3))
def test_lists_of_records_at_any_depth(records: list[dict[str, Any]], depth: int) -> None:
    value: Any = records
    for _ in range(depth):
        value = {"items": value, "count": len(records)}
    same(value)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        [{}],
        [{"a": 1}, {}],
        [{"a": "}\x00{"}, {"b": "\x00", "c": None}],
        {"a": [1, "x", None, True, 1.5, float("nan"), float("-inf"), -0.0, 1e300, 10**40]},
        [{"a": {"b": 1}}, {"a": [1]}],
        (1, (2, 3), {"t": (4,)}),
        {"a": 1, 2: "not a text key"},
        {"n": float("inf"), "nested": [[], [{}], [[{}]]]},
    ],
)
def test_corner_cases(value: Any) -> None:
    same(value)


def test_what_json_cannot_hold_is_refused_the_same_way() -> None:
    with pytest.raises(TypeError):
        json.dumps({"a": object()}, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
