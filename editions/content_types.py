"""The editions app's content types: what each model takes part in (the mechanism: core/registry.py).

Every model declared here is editorial content: the roles give editors its permissions, and publish/preview
cover it. The facets say the rest: `search` (editions/search.py), `citation` (editions/citations.py),
`sitemap` (a section of sitemap.xml) and `json_ld` (editions/structured_data.py).
"""

from core.registry import Citation, SitemapSection, declare
from editions import citations, search, structured_data
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    SeriesKind,
    Source,
    Strand,
    Topic,
)

declare(
    Edition,
    search=search.EDITION,
    citation=Citation(citations.edition_citable, citations.edition_download_url),
    sitemap=SitemapSection("ky", lambda: Edition.objects.published().select_related("series").order_by("pk")),
    json_ld=structured_data.edition_json_ld,
)
declare(
    Series,
    search=search.SERIES,
    # The main series is the forum itself (/dien-dan/, a page of the "trang" section).
    sitemap=SitemapSection("chuoi", lambda: Series.objects.published().filter(kind=SeriesKind.RELATED).order_by("pk")),
)
declare(Strand, search=search.STRAND)
declare(BridgePoint)
declare(Programme, search=search.PROGRAMME)
declare(Appearance)
declare(
    Person,
    search=search.PERSON,
    sitemap=SitemapSection("nhan-vat", lambda: Person.objects.published().order_by("pk")),
    json_ld=structured_data.person_json_ld,
)
declare(
    Organisation,
    search=search.ORGANISATION,
    sitemap=SitemapSection("co-quan", lambda: Organisation.objects.published().order_by("pk")),
    json_ld=structured_data.organisation_json_ld,
)
declare(
    Topic,
    search=search.TOPIC,
    sitemap=SitemapSection("chu-de", lambda: Topic.objects.published().order_by("pk")),
)
declare(
    KeyFigure,
    search=search.FIGURE,
    citation=Citation(citations.figure_citable, citations.figure_download_url),
)
declare(Source, search=search.SOURCE)
