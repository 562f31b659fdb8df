"""The import ledger: for each kind of thing in a file, how many were read, imported, merged with
what the journal already had, and left out, each left-out group with its reason. Nothing read is
ever dropped without appearing here: read = imported + merged + left out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from plasticity_app.domain import dates
from plasticity_app.domain.text import QT_TR_NOOP, tr

# The kinds, in the order they are listed, with their names as a person reads them.
KINDS: dict[str, str] = {
    "metrics": QT_TR_NOOP("Metrics"),
    "ratings": QT_TR_NOOP("Ratings"),
    "day notes": QT_TR_NOOP("Day notes"),
    "habits": QT_TR_NOOP("Habits"),
    "habit days": QT_TR_NOOP("Habit days"),
    "scales": QT_TR_NOOP("Daylio scales"),
    "experiments": QT_TR_NOOP("Experiments"),
    "thought records": QT_TR_NOOP("Thought records"),
    "learning sessions": QT_TR_NOOP("Learning sessions"),
    "openings": QT_TR_NOOP("Openings"),
    "weekly reviews": QT_TR_NOOP("Weekly reviews"),
}

# Why something was left out: the key, and the words after the count.
REASONS: dict[str, str] = {
    "future": QT_TR_NOOP("dated after today"),
    "before-1970": QT_TR_NOOP("dated before 1970"),
    "derived": QT_TR_NOOP("filled in by Loop itself, not checked by you"),
    "no-habit": QT_TR_NOOP("belonging to a habit that is no longer in the backup"),
    "same-day": QT_TR_NOOP("a second one for the same day"),
    "unknown-scale": QT_TR_NOOP("with a value other than N/10 points or h:mm"),
    "empty": QT_TR_NOOP("empty"),
    "not-a-number": QT_TR_NOOP("not a number"),
    "not-yes-no": QT_TR_NOOP("neither a yes nor a no"),
    "not-a-date": QT_TR_NOOP("on rows whose date can’t be read"),
    "out-of-range": QT_TR_NOOP("outside the range given for the column"),
    "too-large": QT_TR_NOOP("larger than the journal takes"),
}


@dataclass
class LedgerLine:
    read: int = 0
    imported: int = 0
    merged: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())

    @property
    def balanced(self) -> bool:
        return self.read == self.imported + self.merged + self.left_out_total


class Ledger:
    def __init__(self) -> None:
        self.lines: dict[str, LedgerLine] = {}

    def line(self, kind: str) -> LedgerLine:
        found = self.lines.get(kind)
        if found is None:
            found = self.lines[kind] = LedgerLine()
        return found

    def read(self, kind: str, count: int = 1) -> None:
        self.line(kind).read += count

    def imported(self, kind: str, count: int = 1) -> None:
        self.line(kind).imported += count

    def merged(self, kind: str, count: int = 1) -> None:
        self.line(kind).merged += count

    def leave_out(self, kind: str, reason: str, count: int = 1) -> None:
        """``reason`` is a key of :data:`REASONS`."""
        if reason not in REASONS:
            raise KeyError(reason)
        self.line(kind).left_out[reason] += count

    def copy(self) -> Ledger:
        twin = Ledger()
        for kind, line in self.lines.items():
            twin.lines[kind] = LedgerLine(
                line.read, line.imported, line.merged, Counter(line.left_out)
            )
        return twin

    @property
    def balanced(self) -> bool:
        return all(line.balanced for line in self.lines.values())

    def unbalanced(self) -> list[str]:
        return [kind for kind, line in self.lines.items() if not line.balanced]

    def ordered(self) -> list[tuple[str, LedgerLine]]:
        order = list(KINDS)
        return sorted(
            ((k, v) for k, v in self.lines.items() if v.read),
            key=lambda item: order.index(item[0]) if item[0] in order else len(order),
        )

    def text_lines(self, *, preview: bool = False) -> list[str]:
        """One sentence per kind: "Habit days: 120 read, 100 imported, 15 merged with what your
        journal had, 5 left out (3 dated after today; 2 dated before 1970)."""
        lines = []
        for kind, line in self.ordered():
            n = dates.number
            if preview:
                text = tr(
                    "{kind}: {read} read; {imported} to import, {merged} already in your journal, "
                    "{left} left out"
                )
            else:
                text = tr(
                    "{kind}: {read} read; {imported} imported, {merged} merged with what your "
                    "journal had, {left} left out"
                )
            text = text.format(
                kind=tr(KINDS.get(kind, kind)),
                read=n(line.read, 0),
                imported=n(line.imported, 0),
                merged=n(line.merged, 0),
                left=n(line.left_out_total, 0),
            )
            if line.left_out:
                reasons = "; ".join(
                    tr("{count} {reason}").format(count=n(count, 0), reason=tr(REASONS[reason]))
                    for reason, count in sorted(line.left_out.items())
                    if count
                )
                text = tr("{line} ({reasons}).").format(line=text, reasons=reasons)
            else:
                text = tr("{line}.").format(line=text)
            lines.append(text)
        return lines
