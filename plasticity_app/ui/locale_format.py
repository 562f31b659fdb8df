"""The window's locale: dates, times and numbers for ``domain.dates``, translations for
``domain.text``. ``make_application`` installs both when the window starts."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from plasticity_app.domain import dates, text

# A Qt date pattern: quoted literals, runs of d, M or y (the fields), and any other character.
_TOKEN = re.compile(r"'(?:[^']|'')*'|d+|M+|y+|.", re.DOTALL)
_FIELD = re.compile(r"d+|M+|y+")
# What follows a field up to the first space or comma belongs to it ("d." in German, "年" and
# "日" in Japanese); the rest is the separator before the next field.
_SUFFIX = re.compile(r"[^\s,،]*")


def _without(pattern: str, *fields: str) -> str:
    """A Qt date pattern with some fields removed, each with its own suffix and the separator
    that joined it to its neighbour: "dddd, MMMM d, yyyy" without "yyyy" is "dddd, MMMM d",
    "dddd, d 'de' MMMM 'de' yyyy" is "dddd, d 'de' MMMM", "yyyy年M月d日dddd" is "M月d日dddd"."""
    lead = ""
    items: list[list[str]] = []  # [field, suffix, separator]
    for token in _TOKEN.findall(pattern):
        if _FIELD.fullmatch(token):
            items.append([token, "", ""])
        elif items:
            items[-1][2] += token
        else:
            lead += token
    for i, item in enumerate(items[:-1]):
        suffix = _SUFFIX.match(item[2])
        assert suffix is not None
        items[i] = [item[0], suffix.group(), item[2][suffix.end() :]]
    if items:  # whatever follows the last field is its own ("yyyy 'г'." in Russian)
        items[-1] = [items[-1][0], items[-1][2], ""]
    for field in fields:
        while (i := next((n for n, it in enumerate(items) if it[0] == field), -1)) >= 0:
            last = i == len(items) - 1
            del items[i]
            if last and items:  # the separator before it goes too
                items[-1][2] = ""
    return (lead + "".join(f + suffix + sep for f, suffix, sep in items)).strip()


def _quoted(literal: str) -> str:
    return "'" + literal.replace("'", "''") + "'"


class QtLocaleFormatter:
    """Dates in the shapes of the locale's long date format, times and numbers as it writes them."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self.locale = locale or QLocale()
        full = self.locale.dateFormat(QLocale.FormatType.LongFormat)  # e.g. "dddd, MMMM d, yyyy"
        short = re.sub(r"(?<![dM])(dddd|MMMM)(?![dM])", lambda m: m.group()[:3], full)
        no_year = _without(full, "yyyy", "yy")
        self.patterns = {
            "weekday_day_month": no_year,
            "weekday_day_month_year": full,
            "day_month": _without(no_year, "dddd"),
            "day_month_year": _without(full, "dddd"),
            "short_weekday_day": _without(short, "yyyy", "yy", "MMM", "MM", "M"),
            "short_weekday_day_month": _without(short, "yyyy", "yy"),
            "short_weekday_day_month_year": short,
            "month_year": _without(full, "dddd", "d", "dd"),
        }

    def date(self, day: date, style: str) -> str:
        pattern = self.patterns[style]
        if style == "month_year":  # the month on its own: "ноябрь 2026", not "ноября 2026"
            name = self.locale.standaloneMonthName(day.month, QLocale.FormatType.LongFormat)
            pattern = re.sub(r"(?<!M)MMMM(?!M)", lambda _m: _quoted(name), pattern)
        return self.locale.toString(QDate(day.year, day.month, day.day), pattern)

    def time(self, moment: datetime) -> str:
        return self.locale.toString(
            QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat
        )

    def number(self, value: float, digits: int) -> str:
        if round(value, digits) == 0:
            value = 0.0  # never "-0.0"
        return self.locale.toString(float(value), "f", digits)


def install_system_locale() -> None:
    """Dates and numbers in the person's locale. The bare "C" locale (a machine with no locale
    set, like the test runner's) keeps plain English."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        dates.install(None)
        return
    dates.install(QtLocaleFormatter(locale))


def _translate(source: str, context: str) -> str:
    return QCoreApplication.translate(context, source)


def install_translations() -> None:
    """The domain's and the controllers' sentences through Qt's translators (``domain.text``)."""
    text.install(_translate)
