"""How documents, their sections and tasks are cited (see `core.citations`).

Our numbering of sections and tasks is ours, and the citation says so.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.citations import Citable
from core.links import permalink, permanent_reverse
from core.publishing import if_public
from resolutions.models import Document, Section, Task


def _document_fields(document: Document) -> dict:
    issuer = if_public(document.issuer)
    return {
        "issuer": issuer.name if issuer else "",
        "doc_type": document.doc_type,
        "number": document.number,
        "date": document.issue_date,
        "title": document.subject or document.title,
        "site_name": settings.SITE_NAME,
    }


def _versioned_url(obj, route: str, args: list) -> str:
    """The permanent URL of the public version being cited (its text never changes), else the page's."""
    if obj.public_version:
        return permanent_reverse(route, *args, obj.public_version)
    return permalink(obj)


def document_citable(document: Document) -> Citable:
    return Citable(
        key=document.key,
        url=_versioned_url(document, "resolutions:document_version", [document.key]),
        version=document.public_version or None,
        **_document_fields(document),
    )


def section_citable(section: Section) -> Citable:
    """The section's document must be loaded with it (`select_related("document__issuer")`)."""
    document = section.document
    return Citable(
        key=f"{document.key}-muc-{section.number}",
        url=_versioned_url(document, "resolutions:document_version", [document.key]) + f"#muc-{section.number}"
        if document.public_version
        else permalink(section),
        version=document.public_version or None,
        item=_("mục %(number)s “%(title)s”, theo đánh số của Kho tri thức")
        % {"number": section.number, "title": section.title.strip().rstrip(".")},
        **_document_fields(document),
    )


def task_item(task: Task) -> str:
    """The task named, and our numbering said to be ours: nhiệm vụ 8 “…”, theo đánh số của Kho tri thức."""
    item = _("nhiệm vụ %(number)s “%(title)s”, theo đánh số của Kho tri thức") % {
        "number": task.number,
        "title": task.title.strip().rstrip("."),
    }
    if task.label:
        item += " " + _("(văn bản ghi: %(label)s)") % {"label": task.label}
    return item


def task_citable(task: Task) -> Citable:
    """The task's document (with its issuer) must be loaded with it."""
    return Citable(
        key=f"{task.document.key}-nhiem-vu-{task.number}",
        url=_versioned_url(task, "resolutions:task_version", [task.document.key, task.number]),
        version=task.public_version or None,
        item=task_item(task),
        **_document_fields(task.document),
    )


def document_download_url(document: Document, fmt: str) -> str:
    return reverse("resolutions:document_citation", args=[document.key, fmt])


def section_download_url(section: Section, fmt: str) -> str:
    return reverse("resolutions:section_citation", args=[section.document.key, section.number, fmt])


def task_download_url(task: Task, fmt: str) -> str:
    return reverse("resolutions:task_citation", args=[task.document.key, task.number, fmt])


# --- A published version, cited as it was (its page's "Trích dẫn" box) ---------------------------------------------


def _iso_date(value: str):
    import datetime

    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def document_version_citable(document: Document, version) -> Citable:
    data = version.data
    return Citable(
        key=f"{document.key}-v{version.number}",
        url=permanent_reverse("resolutions:document_version", document.key, version.number),
        version=version.number,
        issuer=data.get("issuer_name", ""),
        doc_type=data.get("doc_type", document.doc_type),
        number=data.get("number", document.number),
        date=_iso_date(data.get("issue_date") or ""),
        title=data.get("subject") or data.get("title") or document.title,
        site_name=settings.SITE_NAME,
    )


def task_version_citable(task: Task, version) -> Citable:
    """The document's facts as the version held them (older versions did not: then as the document has them)."""
    data = version.data
    fields = _document_fields(task.document)
    if "document_type" in data:
        fields |= {
            "issuer": data.get("issuer_name", ""),
            "doc_type": data["document_type"],
            "number": data.get("document_number", ""),
            "date": _iso_date(data.get("document_date") or ""),
            "title": data.get("document_title", ""),
        }
    item = _("nhiệm vụ %(number)s “%(title)s”, theo đánh số của Kho tri thức") % {
        "number": task.number,
        "title": (data.get("title") or task.title).strip().rstrip("."),
    }
    if data.get("label"):
        item += " " + _("(văn bản ghi: %(label)s)") % {"label": data["label"]}
    return Citable(
        key=f"{task.document.key}-nhiem-vu-{task.number}-v{version.number}",
        url=permanent_reverse("resolutions:task_version", task.document.key, task.number, version.number),
        version=version.number,
        item=item,
        **fields,
    )
