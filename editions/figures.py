"""Key figures grouped by what they share (the same source and the same as-of time), so that a page states the
source and the date once above the group instead of repeating them on every figure."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from editions.models import KeyFigure, Source


@dataclass
class FigureGroup:
    source: Source | None  # None when the source is not public
    as_of_date: datetime.date | None
    as_of_text: str
    figures: list[KeyFigure] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        return [self.source] if self.source else []


def grouped_by_source(figures) -> list[FigureGroup]:
    """Groups in the order their first figure comes; figures keep their order inside a group."""
    groups: dict[tuple, FigureGroup] = {}
    for figure in figures:
        source = figure.source if figure.source.is_published else None
        key = (source.pk if source else None, figure.as_of_date, figure.as_of_text.strip())
        if key not in groups:
            groups[key] = FigureGroup(source, figure.as_of_date, figure.as_of_text.strip())
        groups[key].figures.append(figure)
    return list(groups.values())
