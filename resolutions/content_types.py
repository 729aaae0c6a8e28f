"""The resolutions app's content types: what each model takes part in (the mechanism: core/registry.py).

Every model here is editorial content, covered by the roles' permissions and by publish/preview.
"""

from core.registry import Citation, declare
from resolutions import citations, search
from resolutions.models import Document, Section, StatusUpdate, Task

declare(
    Document, search=search.DOCUMENT, citation=Citation(citations.document_citable, citations.document_download_url)
)
declare(Section, search=search.SECTION, citation=Citation(citations.section_citable, citations.section_download_url))
declare(Task, search=search.TASK, citation=Citation(citations.task_citable, citations.task_download_url))
declare(StatusUpdate)
