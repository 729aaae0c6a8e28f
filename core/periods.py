"""Calendar periods: the last day of the day, month, quarter or year a date falls in.

A deadline given as a period ("trong tháng 01/2026", "quý I/2026", "năm 2026") is due on the period's last day; the
content loader checks a stored date against it and the notice importer computes it. Pure functions, no Django.
The period names are the values of `resolutions.models.DeadlineKind` that have a date (a test keeps them equal).
"""

import calendar
import datetime

DAY, MONTH, QUARTER, YEAR = "day", "month", "quarter", "year"
PERIODS = (DAY, MONTH, QUARTER, YEAR)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_end(period: str, day: datetime.date) -> datetime.date | None:
    """The last day of the `period` that `day` falls in (`day` itself for a day); None for anything else."""
    if period == DAY:
        return day
    if period == MONTH:
        return month_end(day.year, day.month)
    if period == QUARTER:
        return month_end(day.year, 3 * ((day.month - 1) // 3 + 1))
    if period == YEAR:
        return datetime.date(day.year, 12, 31)
    return None
