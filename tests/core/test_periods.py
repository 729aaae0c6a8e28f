"""The last day of a period (core/periods.py), shared by the content loader and the notice importer."""

from datetime import date

import pytest

from core.periods import DAY, MONTH, PERIODS, QUARTER, YEAR, month_end, period_end


@pytest.mark.parametrize(
    ("period", "day", "end"),
    [
        (DAY, date(2026, 3, 14), date(2026, 3, 14)),
        (MONTH, date(2026, 1, 5), date(2026, 1, 31)),
        (MONTH, date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        (MONTH, date(2026, 2, 28), date(2026, 2, 28)),
        (QUARTER, date(2026, 1, 1), date(2026, 3, 31)),
        (QUARTER, date(2026, 5, 20), date(2026, 6, 30)),
        (QUARTER, date(2026, 12, 31), date(2026, 12, 31)),
        (YEAR, date(2026, 7, 1), date(2026, 12, 31)),
    ],
)
def test_period_end(period, day, end):
    assert period_end(period, day) == end


def test_no_period_has_no_end():
    assert period_end("urgent", date(2026, 1, 1)) is None
    assert period_end("none", date(2026, 1, 1)) is None


def test_month_end_and_the_period_names():
    assert [month_end(2026, m).day for m in (1, 2, 4, 12)] == [31, 28, 30, 31]
    assert PERIODS == ("day", "month", "quarter", "year")
