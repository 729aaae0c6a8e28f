"""schema.org JSON-LD for the pages that describe one thing (an edition is an Event, a task an Action…).

Top floor: it knows both apps' models, like forum_site/views.py. Absolute URLs come from `core.links`.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.links import absolute_url, permalink
from core.publishing import if_public
from editions.models import Edition, Organisation, Person
from resolutions.models import COMPLETING_STATUSES, Document, Task

CONTEXT = "https://schema.org"
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _organisation(org: Organisation | None) -> dict | None:
    org = if_public(org)
    if org is None:
        return None
    data = {"@type": "GovernmentOrganization", "name": org.name, "url": permalink(org)}
    if org.short_name:
        data["alternateName"] = org.short_name
    return data


def _edition(edition: Edition) -> dict:
    data = {
        "@type": "Event",
        "name": edition.title,
        "url": permalink(edition),
        "inLanguage": "vi",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
    }
    if edition.theme:
        data["description"] = edition.theme
    if edition.start_date:
        data["startDate"] = edition.start_date.isoformat()
        data["endDate"] = (edition.end_date or edition.start_date).isoformat()
    if edition.venue:
        data["location"] = {"@type": "Place", "name": edition.venue}
    organiser = _organisation(edition.organiser)
    if organiser:
        data["organizer"] = organiser
    return data


def _document(document: Document) -> dict:
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
    issuer = _organisation(document.issuer)
    if issuer:
        data["author"] = issuer
    if document.public_version:
        data["version"] = document.public_version
    return data


def _task(task: Task) -> dict:
    done = task.current_status().status in COMPLETING_STATUSES
    data = {
        "@type": "Action",
        "name": task.title,
        "description": task.summary,
        "url": permalink(task),
        "actionStatus": f"https://schema.org/{'CompletedActionStatus' if done else 'ActiveActionStatus'}",
        "isPartOf": {"@type": "DigitalDocument", "name": task.document.display_title, "url": permalink(task.document)},
    }
    lead = _organisation(task.lead)
    if lead:
        data["agent"] = lead
    partners = [p for p in (_organisation(o) for o in task.partners.all()) if p]
    if partners:
        data["participant"] = partners
    if task.deadline_date:
        data["endTime"] = task.deadline_date.isoformat()
    return data


def _person(person: Person) -> dict:
    return {"@type": "Person", "name": person.name, "url": permalink(person)}


def _website() -> dict:
    return {
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "inLanguage": ["vi", "en"],
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute_url(reverse("search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


BUILDERS = {Edition: _edition, Document: _document, Task: _task, Person: _person, Organisation: _organisation}


def structured_data(obj=None) -> dict | None:
    if obj is None:
        data = _website()
    else:
        builder = BUILDERS.get(type(obj))
        data = builder(obj) if builder else None
    return {"@context": CONTEXT, **data} if data else None


def jsonld_script(obj=None) -> SafeString:
    data = structured_data(obj)
    if data is None:
        return format_html("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
