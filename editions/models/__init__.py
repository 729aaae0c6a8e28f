"""The editions app's models: reference records (reference.py) and events (events.py)."""

from editions.models.events import (
    MAIN_SERIES_SLUG,
    Appearance,
    AppearanceQuerySet,
    BridgePoint,
    Edition,
    EditionQuerySet,
    KeyFigure,
    KeyFigureQuerySet,
    Part,
    Programme,
    Series,
    SeriesKind,
    Strand,
)
from editions.models.reference import Organisation, OrganisationKind, Person, Source, Topic

__all__ = [
    "MAIN_SERIES_SLUG",
    "Appearance",
    "AppearanceQuerySet",
    "BridgePoint",
    "Edition",
    "EditionQuerySet",
    "KeyFigure",
    "KeyFigureQuerySet",
    "Organisation",
    "OrganisationKind",
    "Part",
    "Person",
    "Programme",
    "Series",
    "SeriesKind",
    "Source",
    "Strand",
    "Topic",
]
