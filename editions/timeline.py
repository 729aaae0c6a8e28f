"""The timeline of the forum and related events: every published edition and series start, by year."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.language import in_language
from editions.models import Edition, Series


@dataclass(frozen=True)
class TimelineEntry:
    year: int
    label: str
    url: str
    is_main: bool
    inferred: bool = False


def build_timeline() -> list[tuple[int, list[TimelineEntry]]]:
    """[(year, entries)] in year order; two queries whatever the amount of content."""
    by_year: dict[int, list[TimelineEntry]] = defaultdict(list)
    for series in Series.objects.published().exclude(founded_year=None):
        label = _("Khởi đầu: %(name)s") % {"name": in_language(series, "name")[0]}
        by_year[series.founded_year].append(
            TimelineEntry(series.founded_year, label, series.get_absolute_url(), series.is_main)
        )
    for edition in Edition.objects.published().for_list():
        by_year[edition.year].append(
            TimelineEntry(
                edition.year, edition.title, edition.get_absolute_url(), edition.series.is_main, edition.year_inferred
            )
        )
    return [(year, sorted(entries, key=lambda e: not e.is_main)) for year, entries in sorted(by_year.items())]
