"""The latest public changes, for the home page: each published version of a public document or task, newest first.

Read from the published versions (the public change log: every publish and every change to something public stores
one, with its change note), so the list never shows what the public cannot see. Two queries, whatever the amount.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.language import is_english
from core.models import PublishedVersion
from resolutions.models import Document, Task


@dataclass(frozen=True)
class Change:
    when: datetime.date
    title: str
    note: str
    url: str  # the comparison with the version before, or the page of a first publication


def _text(data: dict, field: str) -> str:
    """A stored version's text in the page's language (its English twin when it has one)."""
    return (is_english() and data.get(f"{field}_en")) or data.get(field, "")


def _document_change(version: PublishedVersion) -> Change:
    data = version.data
    name = f"{_text(data, 'doc_type')} {data['number']}".strip() if data.get("number") else _text(data, "title")
    if version.number == 1:
        return Change(
            timezone.localdate(version.published_at),
            _("Đăng %(document)s") % {"document": name},
            _text(data, "subject"),
            reverse("resolutions:document", args=[data["key"]]),
        )
    url = reverse("resolutions:document_comparison", args=[data["key"]])
    return Change(
        timezone.localdate(version.published_at),
        _("%(document)s, phiên bản %(number)s") % {"document": name, "number": version.number},
        version.change_note,
        f"{url}?tu={version.number - 1}&den={version.number}",
    )


def _task_change(version: PublishedVersion) -> Change:
    data = version.data
    url = reverse("resolutions:task_comparison", args=[data["document_key"], data["number"]])
    return Change(
        timezone.localdate(version.published_at),
        _("Nhiệm vụ %(number)s — %(document)s: %(title)s")
        % {"number": data["number"], "document": data.get("document_number", ""), "title": _text(data, "title")},
        version.change_note,
        f"{url}?tu={version.number - 1}&den={version.number}",
    )


def recent_changes(limit: int = 5) -> list[Change]:
    """First publications of documents and every later version of a document or task (a task's first version
    comes with its document's), for things public now."""
    document_type = ContentType.objects.get_for_model(Document)
    task_type = ContentType.objects.get_for_model(Task)
    versions = (
        PublishedVersion.objects.filter(
            Q(content_type=document_type, object_id__in=Document.objects.published().values("pk"))
            | Q(content_type=task_type, object_id__in=Task.objects.published().values("pk"), number__gt=1)
        )
        .order_by("-published_at", "-pk")
        .only("content_type_id", "number", "data", "published_at", "change_note")[:limit]
    )
    return [_document_change(v) if v.content_type_id == document_type.pk else _task_change(v) for v in versions]
