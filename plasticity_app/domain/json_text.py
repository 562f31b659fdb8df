"""JSON text laid out exactly as ``json.dumps(value, ensure_ascii=False, indent=2)`` lays it out,
at a fraction of the cost.

With ``indent`` the standard library encodes in pure Python, a few function calls per value: most
of the JSON export's time on a ten-year journal (about 30,000 records). Here every object or list
that holds only plain values (the records themselves) is encoded in one call of the C encoder,
whose item separator carries the line break and the indentation of its depth; the containers
around them are laid out here. Anything unusual (a key that isn't text, a value that isn't JSON)
falls back to the standard library for the whole document, so the text is always the same.
"""

from __future__ import annotations

import json
from itertools import chain
from typing import Any

INDENT = 2
_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)


class _Unusual(Exception):
    pass


class _Writer:
    def __init__(self) -> None:
        self._flat: list[json.JSONEncoder] = []
        self._pads: list[str] = []
        self._key = json.encoder.encode_basestring  # ensure_ascii=False's, as json.dumps uses
        self._scalar = json.JSONEncoder(ensure_ascii=False)
        self._records: json.JSONEncoder | None = None

    def pad(self, depth: int) -> str:
        while len(self._pads) <= depth:
            self._pads.append("\n" + " " * (INDENT * len(self._pads)))
        return self._pads[depth]

    def flat(self, depth: int) -> json.JSONEncoder:
        """The C encoder for a container at ``depth`` whose items are all plain values."""
        while len(self._flat) <= depth:
            separator = "," + self.pad(len(self._flat) + 1)
            self._flat.append(json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")))
        return self._flat[depth]

    def plain(self, value: Any) -> str:
        """A text, number, true, false or null."""
        if type(value) is str:
            return self._key(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        return self._scalar.encode(value)

    def records(self, value: list[dict[str, Any]] | tuple[dict[str, Any], ...], depth: int) -> str:
        """A list of objects holding plain values, in one call of the C encoder: every separator
        is a NUL (which the encoder never leaves raw inside a string, it writes ``\\u0000``), so a
        NUL after a ``}`` is between two objects and any other is between two members."""
        encoder = self._records
        if encoder is None:
            encoder = self._records = json.JSONEncoder(ensure_ascii=False, separators=("\0", ": "))
        text = encoder.encode(value)
        outer, inner, member = self.pad(depth), self.pad(depth + 1), self.pad(depth + 2)
        text = text[2:-2].replace("}\0{", inner + "}," + inner + "{" + member)
        text = text.replace("\0", "," + member)
        return "[" + inner + "{" + member + text + inner + "}" + outer + "]"

    def write(self, value: Any, depth: int, out: list[str]) -> None:
        kind = type(value)
        if kind is dict:
            if not value:
                out.append("{}")
            elif all(type(k) is str for k in value) and all(
                type(v) in _PLAIN_TYPES for v in value.values()
            ):
                text = self.flat(depth).encode(value)
                out.append("{" + self.pad(depth + 1) + text[1:-1] + self.pad(depth) + "}")
            else:
                inner = self.pad(depth + 1)
                first = True
                for key, item in value.items():
                    if type(key) is not str:
                        raise _Unusual
                    head = ("{" if first else ",") + inner + self._key(key) + ": "
                    first = False
                    if type(item) in _PLAIN_TYPES:
                        out.append(head + self.plain(item))
                    else:
                        out.append(head)
                        self.write(item, depth + 1, out)
                out.append(self.pad(depth) + "}")
        elif kind is list or kind is tuple:
            if not value:
                out.append("[]")
            elif _flat_records(value):
                out.append(self.records(value, depth))
            elif all(type(v) in _PLAIN_TYPES for v in value):
                text = self.flat(depth).encode(value)
                out.append("[" + self.pad(depth + 1) + text[1:-1] + self.pad(depth) + "]")
            else:
                inner = self.pad(depth + 1)
                first = True
                for item in value:
                    out.append(("[" if first else ",") + inner)
                    first = False
                    self.write(item, depth + 1, out)
                out.append(self.pad(depth) + "]")
        elif isinstance(value, _PLAIN):
            out.append(self.plain(value))
        else:
            raise _Unusual


def _flat_records(items: list[Any] | tuple[Any, ...]) -> bool:
    """Whether every item is a non-empty object with text keys and plain values (checked in C:
    the export holds about 30,000 of them)."""
    return (
        set(map(type, items)) == {dict}
        and all(items)
        and set(map(type, chain.from_iterable(items))) == {str}
        and set(map(type, chain.from_iterable(map(dict.values, items)))) <= _PLAIN_TYPES
    )


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text."""
    out: list[str] = []
    try:
        _Writer().write(value, 0, out)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=INDENT)
    return "".join(out)
