"""schema.org JSON-LD of documents (DigitalDocument) and tasks (Action), declared in resolutions/content_types.py.
Absolute URLs come from `core.links`."""

from core.links import permalink
from editions.structured_data import organisation_json_ld
from resolutions.models import COMPLETING_STATUSES, Document, Task


def document_json_ld(document: Document) -> dict:
    data = {
        "@type": "DigitalDocument",
        "name": document.display_title,
        "headline": document.subject,
        "url": permalink(document),
        "inLanguage": "vi",
    }
    if document.number:
        data["identifier"] = document.number
    if document.issue_date:
        data["dateCreated"] = document.issue_date.isoformat()
    issuer = organisation_json_ld(document.issuer)
    if issuer:
        data["author"] = issuer
    if document.public_version:
        data["version"] = document.public_version
    return data


def task_json_ld(task: Task) -> dict:
    done = task.current_status().status in COMPLETING_STATUSES
    data = {
        "@type": "Action",
        "name": task.title,
        "description": task.summary,
        "url": permalink(task),
        "actionStatus": f"https://schema.org/{'CompletedActionStatus' if done else 'ActiveActionStatus'}",
        "isPartOf": {"@type": "DigitalDocument", "name": task.document.display_title, "url": permalink(task.document)},
    }
    bodies = [task.lead] if task.lead_id else task.assignees.all()  # a joint task: every body it is given to
    agents = [a for a in (organisation_json_ld(o) for o in bodies) if a]
    if agents:
        data["agent"] = agents[0] if task.lead_id else agents
    partners = [p for p in (organisation_json_ld(o) for o in task.partners.all()) if p]
    if partners:
        data["participant"] = partners
    if task.deadline_date:
        data["endTime"] = task.deadline_date.isoformat()
    return data
