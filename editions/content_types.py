"""The editions app's content types: what each model takes part in (the mechanism: core/registry.py).

Every model here is editorial content, covered by the roles' permissions and by publish/preview.
"""

from core.registry import Citation, declare
from editions import citations
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

declare(Edition, citation=Citation(citations.edition_citable, citations.edition_download_url))
declare(Series)
declare(Strand)
declare(BridgePoint)
declare(Programme)
declare(Appearance)
declare(Person)
declare(Organisation)
declare(Topic)
declare(KeyFigure, citation=Citation(citations.figure_citable, citations.figure_download_url))
declare(Source)
