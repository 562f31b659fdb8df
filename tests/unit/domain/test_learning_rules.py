"""Step 3's shared rules: ratings, text limits, learning sessions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import learning as ln
from plasticity_app.domain.learning import LearningSession, SessionKind

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0, 0),
        (100, 100),
        ("75", 75),
        (" 75 % ", 75),
        ("40%", 40),
        ("", None),
        ("  ", None),
        (None, None),
        (50.0, 50),
    ],
)
def test_parse_percent_accepts(raw: object, expected: int | None) -> None:
    assert ln.parse_percent(raw) == expected


@pytest.mark.parametrize("raw", [101, -1, "150", "-5", "7.5", "abc", True, 12.5, [1]])
def test_parse_percent_refuses_with_a_plain_message(raw: object) -> None:
    with pytest.raises(ValueError, match="0 to 100"):
        ln.parse_percent(raw)


@given(st.integers())
def test_parse_percent_matches_the_range(value: int) -> None:
    if 0 <= value <= 100:
        assert ln.parse_percent(value) == value
        assert ln.parse_percent(str(value)) == value
    else:
        with pytest.raises(ValueError):
            ln.parse_percent(value)


def test_percent_error() -> None:
    assert ln.percent_error(None) is None
    assert ln.percent_error(None, required="Rate it.") == "Rate it."
    assert ln.percent_error(101) == ln.PERCENT_MESSAGE
    assert ln.percent_error(True) == ln.PERCENT_MESSAGE
    assert ln.percent_error(0) is None


def test_text_error_limits_and_required() -> None:
    assert ln.text_error("", 10) is None
    assert ln.text_error("  ", 10, required="Say something.") == "Say something."
    assert ln.text_error("x" * 10, 10) is None
    message = ln.text_error("x" * 11, 10, what="the plan")
    assert message == "Keep the plan to 10 characters or fewer (it has 11)."
    assert ln.text_error("bad \ud800", 10) is not None  # a lone surrogate can't be stored


@given(st.text(max_size=ln.SHORT_TEXT_MAX))
def test_any_text_up_to_the_limit_is_accepted(text: str) -> None:
    assert ln.text_error(text, ln.SHORT_TEXT_MAX) is None


def test_shorten_cuts_at_a_word() -> None:
    assert ln.shorten("short") == "short"
    assert ln.shorten("one  two\nthree") == "one two three"
    cut = ln.shorten("If I reach out, people will think I am a nuisance and ignore me", 30)
    assert cut.endswith("…") and len(cut) <= 30
    assert cut == "If I reach out, people will…"


@pytest.mark.parametrize(("raw", "expected"), [(1, 1), ("45", 45), (" 50 min", 50), (1440, 1440)])
def test_minutes(raw: object, expected: int) -> None:
    assert ln.parse_minutes(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (0, "1 to 1,440"),
        (1441, "1 to 1,440"),
        ("", "How many minutes"),
        ("1.5", "whole number"),
        (True, "1 to"),
    ],
)
def test_bad_minutes(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ln.parse_minutes(raw)


def test_minutes_text() -> None:
    assert [ln.minutes_text(m) for m in (5, 60, 90, 125)] == [
        "5 min",
        "1 h",
        "1 h 30 min",
        "2 h 5 min",
    ]


def test_session_validation() -> None:
    good = LearningSession(TODAY, SessionKind.THERAPY, 50, "CBT")
    assert ln.validate_session(good, TODAY) == {}
    bad = LearningSession(TODAY + timedelta(days=1), "yoga", 0, "x" * 4001)  # type: ignore[arg-type]
    errors = ln.validate_session(bad, TODAY)
    assert set(errors) == {"day", "kind", "minutes", "notes"}
    assert errors["day"] == "You can’t log a session for a day that hasn’t happened yet."
    assert SessionKind.SKILLS.label == "Skills practice"
