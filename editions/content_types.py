"""The editions app's content types: what each model takes part in (the mechanism: core/registry.py).

Every model here is editorial content, covered by the roles' permissions and by publish/preview.
"""

from core.registry import Citation, declare
from editions import citations, search
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)

declare(
    Edition,
    search=search.EDITION,
    citation=Citation(citations.edition_citable, citations.edition_download_url),
)
declare(Series, search=search.SERIES)
declare(Strand, search=search.STRAND)
declare(BridgePoint)
declare(Programme, search=search.PROGRAMME)
declare(Appearance)
declare(Person, search=search.PERSON)
declare(Organisation, search=search.ORGANISATION)
declare(Topic, search=search.TOPIC)
declare(
    KeyFigure,
    search=search.FIGURE,
    citation=Citation(citations.figure_citable, citations.figure_download_url),
)
declare(Source, search=search.SOURCE)
