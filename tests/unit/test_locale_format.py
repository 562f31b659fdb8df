"""Dates, times and numbers in the shapes of Qt's locales, and the translations hook."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from plasticity_app.domain import dates, text
from plasticity_app.ui.locale_format import QtLocaleFormatter, _without

MONDAY = date(2026, 11, 23)
EVENING = datetime(2026, 11, 23, 20, 5)
FUNCTIONS = (
    dates.long_day,
    dates.full_date,
    dates.day_month,
    dates.day_month_year,
    dates.short_day,
    dates.short_date,
    dates.short_date_year,
    dates.month_year,
)


@pytest.fixture(autouse=True)
def _plain_afterwards() -> Iterator[None]:
    yield
    dates.install(None)
    text.install(None)


def _use(language: QLocale.Language, country: QLocale.Country) -> None:
    dates.install(QtLocaleFormatter(QLocale(language, country)))


def _all_forms() -> list[str]:
    forms = [f(MONDAY) for f in FUNCTIONS]
    forms += [dates.moment(EVENING), dates.full_moment(EVENING)]
    forms += [dates.week_span(date(2026, 12, 28), date(2027, 1, 3))]
    return forms


def _tidy(form: str) -> None:
    assert form == form.strip(), form
    assert not form.endswith((",", "،")), form
    assert ",," not in form.replace(" ", ""), form
    assert "  " not in form, form
    assert "'" not in form, form  # no quoted literal left showing
    assert not any(c in form for c in "dMy" if c + c in form), form  # no pattern letters


def test_united_states() -> None:
    _use(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert dates.long_day(MONDAY) == "Monday, November 23"
    assert dates.full_date(MONDAY) == "Monday, November 23, 2026"
    assert dates.day_month(MONDAY) == "November 23"
    assert dates.day_month_year(MONDAY) == "November 23, 2026"
    assert dates.short_date(MONDAY) == "Mon, Nov 23"
    assert dates.month_year(MONDAY) == "November 2026"
    assert dates.time_of_day(EVENING).replace("\u202f", " ") == "8:05 PM"
    assert dates.number(4.66) == "4.7"
    for form in _all_forms():
        _tidy(form)


def test_united_kingdom() -> None:
    _use(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert "23 November" in dates.long_day(MONDAY)
    assert dates.long_day(MONDAY).startswith("Monday")
    assert dates.day_month_year(MONDAY) == "23 November 2026"
    assert dates.time_of_day(EVENING) == "20:05"
    assert dates.number(4.66) == "4.7"
    for form in _all_forms():
        _tidy(form)


def test_germany() -> None:
    _use(QLocale.Language.German, QLocale.Country.Germany)
    assert dates.long_day(MONDAY) == "Montag, 23. November"
    assert dates.full_date(MONDAY) == "Montag, 23. November 2026"
    assert dates.day_month(MONDAY) == "23. November"
    assert "Montag" in dates.moment(EVENING) and "20:05" in dates.moment(EVENING)
    assert dates.month_year(date(2026, 3, 1)) == "März 2026"
    assert dates.number(4.66) == "4,7"
    assert dates.number(1234.5) == "1.234,5"
    for form in _all_forms():
        _tidy(form)


@pytest.mark.parametrize(
    "name", ["fr_FR", "es_ES", "pt_BR", "ja_JP", "ko_KR", "ru_RU", "hu_HU", "tr_TR", "fi_FI"]
)
def test_other_locales_read_tidily(name: str) -> None:
    dates.install(QtLocaleFormatter(QLocale(name)))
    for form in _all_forms():
        _tidy(form)
    assert dates.number(-0.01) in ("0.0", "0,0")


def test_fields_leave_with_their_own_separators() -> None:
    assert _without("dddd, MMMM d, yyyy", "yyyy") == "dddd, MMMM d"
    assert _without("dddd, MMMM d, yyyy", "dddd") == "MMMM d, yyyy"
    assert _without("dddd, d 'de' MMMM 'de' yyyy", "yyyy") == "dddd, d 'de' MMMM"
    assert _without("yyyy年M月d日dddd", "yyyy") == "M月d日dddd"
    assert _without("yyyy. MMMM d., dddd", "dddd") == "yyyy. MMMM d."
    assert _without("dddd, d MMMM yyyy\u202f'г'.", "yyyy") == "dddd, d MMMM"


def test_translations_go_through_qt(qapp: QCoreApplication) -> None:
    """Sentences are looked up under the empty context, where pyside6-lupdate files a bare
    ``tr("…")``."""
    from plasticity_app.ui.locale_format import install_translations

    class Shouting(QTranslator):
        def translate(  # type: ignore[override]
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            return source.upper() if context == "" else ""

    translator = Shouting()
    qapp.installTranslator(translator)
    try:
        install_translations()
        assert text.tr("Give the metric a name.") == "GIVE THE METRIC A NAME."
        text.install(None)
        assert text.tr("Give the metric a name.") == "Give the metric a name."
    finally:
        qapp.removeTranslator(translator)
