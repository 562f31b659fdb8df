"""Sentences a person reads, through the window's translations.

The domain and the controllers write ``tr("…")`` around every sentence they show, and
``tr("… {name} …").format(name=…)`` where a sentence has something in it, so a translator sees
whole sentences. The window installs Qt's translator when it starts (``ui/locale_format.py``);
without it (the command line, the tests) the text is the English it is written in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# pyside6-lupdate files a bare ``tr("…")`` under the empty context (a second argument becomes its
# disambiguation comment), so that is the context the sentences are looked up in.
DEFAULT_CONTEXT = ""

Translate = Callable[[str, str], str]  # (text, context) -> translated text


def _identity(text: str, context: str) -> str:
    return text


_translate: Translate = _identity


def install(translate: Translate | None) -> None:
    """Translate with ``translate(text, context)`` from now on (None: back to the English)."""
    global _translate
    _translate = translate or _identity


def tr(text: str, context: str = DEFAULT_CONTEXT) -> str:
    """``text`` in the person's language (as written, if there is no translation)."""
    return _translate(text, context)


def QT_TR_NOOP(text: str) -> str:  # the name Qt's lupdate looks for
    """Marks a sentence kept in a table for translation; ``tr()`` translates it where it is
    shown (a table is built once, before the window installs its translations)."""
    return text


FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in {"R", "AL"} for char in text)


def isolate(text: str) -> str:
    """Person-typed ``text`` wrapped in Unicode directional isolates (FSI … PDI) when it holds
    right-to-left letters, so set beside numbers and labels it keeps its own direction and
    doesn't carry them along ("שינה, 23 November: 8 hours" stays in that order). Left-to-right
    text needs no isolating in the app's left-to-right languages and comes back unchanged."""
    if not text or not has_right_to_left(text) or text.startswith(FIRST_STRONG_ISOLATE):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
