"""The resolutions app's content types: what each model takes part in (the mechanism: core/registry.py).

Every model declared here is editorial content: the roles give editors its permissions, and publish/preview
cover it. The facets say the rest: `search` (resolutions/search.py), `citation` (resolutions/citations.py),
`sitemap` (a section of sitemap.xml) and `json_ld` (resolutions/structured_data.py).
"""

from core.registry import Citation, SitemapSection, declare
from resolutions import citations, search, structured_data
from resolutions.models import Document, Section, StatusUpdate, Task

declare(
    Document,
    search=search.DOCUMENT,
    citation=Citation(citations.document_citable, citations.document_download_url),
    sitemap=SitemapSection("van-ban", lambda: Document.objects.published().order_by("pk")),
    json_ld=structured_data.document_json_ld,
)
declare(
    Section,  # no page of its own: an anchor of its document's page
    search=search.SECTION,
    citation=Citation(citations.section_citable, citations.section_download_url),
)
declare(
    Task,
    search=search.TASK,
    citation=Citation(citations.task_citable, citations.task_download_url),
    sitemap=SitemapSection("nhiem-vu", lambda: Task.objects.published().select_related("document").order_by("pk")),
    json_ld=structured_data.task_json_ld,
)
declare(StatusUpdate)  # part of its task's page
