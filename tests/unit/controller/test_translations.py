"""Sentences from the controllers and the domain go through the installed translator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from plasticity_app.controller.base import Change
from plasticity_app.domain import text
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction

seen_contexts: list[str] = []


def shouting(source: str, context: str) -> str:
    """Upper-cases a sentence but keeps its ``{placeholders}`` as they are."""
    seen_contexts.append(context)
    return "".join(
        part if part.startswith("{") else part.upper() for part in re.split(r"(\{[^}]*\})", source)
    )


@pytest.fixture
def translated() -> Iterator[None]:
    seen_contexts.clear()
    text.install(shouting)
    yield
    text.install(None)


def test_identity_by_default() -> None:
    assert text.tr("Give the metric a name.") == "Give the metric a name."


@pytest.mark.usefixtures("translated")
def test_a_domain_validation_message_is_translated(journal: Any) -> None:
    with pytest.raises(UserError) as caught:
        journal.metrics.add("   ", Direction.HIGHER)
    assert caught.value.message == "GIVE THE METRIC A NAME."
    assert seen_contexts and set(seen_contexts) == {text.DEFAULT_CONTEXT}


@pytest.mark.usefixtures("translated")
def test_a_controller_message_with_a_name_in_it_is_translated(journal: Any) -> None:
    with pytest.raises(UserError) as caught:
        journal.habits.habit(9999)
    assert caught.value.message == "THAT HABIT NO LONGER EXISTS."
    seen: list[Change] = []
    journal.hub.changed.connect(seen.append)
    metric = journal.metrics.add("Calm", Direction.HIGHER)
    journal.metrics.rate(metric.id, journal.ctx.today(), 4)
    # The name stays as the person wrote it; the sentence around it is translated.
    assert [c.message for c in seen] == ["SAVED: NEW METRIC “Calm”", "SAVED: Calm 4 FOR TODAY"]


def test_uninstalled_translator_leaves_english(journal: Any) -> None:
    text.install(shouting)
    text.install(None)
    with pytest.raises(UserError) as caught:
        journal.habits.habit(9999)
    assert caught.value.message == "That habit no longer exists."
