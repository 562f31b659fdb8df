"""Errors that carry a message a person understands."""

from __future__ import annotations


class UserError(Exception):
    """Something the person asked for cannot be done; ``message`` says why in plain words.

    ``field`` names the input that caused it (for showing the message beside that field).
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
