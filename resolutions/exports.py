"""Open data: tasks as CSV, JSON and iCalendar; editions, documents, people and organisations as JSON.

Every row carries a stable id (document key + task number, slugs, keys). Only public things appear:
a task is public when it and its document are published; linked things (lead, partners, topics,
issuer, edition) are named only when they are published too. Field lists below are the single source
of both the files' columns and the documentation on /du-lieu/.
"""

from __future__ import annotations

import csv
import datetime
import io
import json

import icalendar
from django.conf import settings
from django.db.models import Max, Prefetch
from django.utils.translation import gettext_lazy as _

from core.links import permalink, site_host
from core.publishing import if_public, is_public
from editions.models import Appearance, Edition, Organisation, Person, Source, Topic
from resolutions.export_fields import (  # noqa: F401 (re-exported: the files' fields live with their rows)
    DOCUMENT_FIELDS,
    EDITION_FIELDS,
    ORGANISATION_FIELDS,
    PERSON_FIELDS,
    TASK_FIELDS,
    Field,
)
from resolutions.models import Document, StatusUpdate, Task
from resolutions.tracker import TrackerRow

LICENCE = _(
    "Giấy phép: Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0). Được tự do sao chép, dùng lại và chỉnh sửa, "
    "kể cả cho mục đích thương mại, với điều kiện ghi nguồn “Kho tri thức Diễn đàn Kinh tế số” kèm đường dẫn."
)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


# --- Helpers ---------------------------------------------------------------------------------------------------------


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def edition_id(edition: Edition | None) -> str:
    """The edition's stable id, or "" when it is not public (its series must be loaded with it)."""
    if not is_public(edition):
        return ""
    return f"{edition.series.slug}/{edition.year}"


def envelope(dataset: str, items: list[dict], **meta) -> dict:
    return {
        "meta": {
            "dataset": dataset,
            "licence": str(LICENCE),
            "licence_url": LICENCE_URL,
            "publisher": settings.SITE_NAME,
            "count": len(items),
            **meta,
        },
        "items": items,
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- Tasks -----------------------------------------------------------------------------------------------------------


def task_record(row: TrackerRow) -> dict:
    task, document = row.task, row.task.document
    current = task.current_status()
    partners = list(task.partners.all())  # prefetched, published only
    assignees = list(task.assignees.all()) if task.lead_id is None else []  # prefetched, published only
    return {
        "id": f"{document.key}/{task.number}",
        "document_key": document.key,
        "number": task.number,
        "label": task.label,
        "document_number": document.number,
        "document_type": document.doc_type,
        "edition": edition_id(document.edition),
        "section": task.section.number if task.section else None,
        "title": task.title,
        "summary": task.summary,
        "lead": row.lead.slug if row.lead else "",
        "lead_name": row.lead.name if row.lead else "",
        "partners": [p.slug for p in partners],
        "partner_names": [p.name for p in partners],
        "partners_text": task.partners_text,
        "assignees": [o.slug for o in assignees],
        "assignee_names": [o.name for o in assignees],
        "assignees_text": task.assignees_text,
        "deadline_text": task.deadline_text,
        "deadline_kind": task.deadline_kind,
        "deadline_date": _iso(task.deadline_date),
        "deadline_state": row.state.value,
        "deadline_state_label": str(row.state.label),
        "status": str(current.status),
        "status_label": str(current.label),
        "status_date": _iso(current.date),
        "status_note": getattr(task, "current_status_note", None) or "",
        "topics": [t.slug for t in task.topics.all()],  # prefetched, published only
        "url": permalink(task),
    }


def safe_cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP: prefix with an apostrophe)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def tasks_csv(rows: list[TrackerRow]) -> bytes:
    """UTF-8 with a BOM (so spreadsheet programs read Vietnamese correctly), CRLF rows, a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f.name for f in TASK_FIELDS])
    for row in rows:
        record = task_record(row)
        writer.writerow([safe_cell(record[f.name]) for f in TASK_FIELDS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tasks_json(rows: list[TrackerRow], today: datetime.date, filters: dict[str, list[str]]) -> str:
    items = [task_record(row) for row in rows]
    return to_json(envelope("nhiem-vu", items, deadline_states_as_of=today.isoformat(), filters=filters))


def tasks_ical(rows: list[TrackerRow], name: str) -> bytes:
    """RFC 5545: one all-day VEVENT per task with a deadline date; stable UID; CRLF and folding by `icalendar`."""
    host = site_host()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kho tri thuc Dien dan Kinh te so//Nhiem vu//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # A calendar needs at least one component, even when no task has a date.
    calendar.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    for row in rows:
        task = row.task
        if task.deadline_date is None:
            continue
        document, url = task.document, permalink(task)
        lead = row.lead.name if row.lead else str(_("chưa có thông tin") if row.lead_withheld else _("không nêu rõ"))
        event = icalendar.Event()
        event.add("uid", f"nhiem-vu-{document.key}-{task.number}@{host}")
        event.add("dtstamp", task.updated_at.astimezone(datetime.UTC))
        event.add("last-modified", task.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", task.deadline_date)
        event.add("dtend", task.deadline_date + datetime.timedelta(days=1))
        summary = _("Hạn chót: %(document)s — nhiệm vụ %(number)s: %(title)s") % {
            "document": document.number or document.title,
            "number": task.number,
            "title": task.title,
        }
        event.add("summary", summary)
        event.add(
            "description",
            "\n".join(
                [
                    f"{_('Chủ trì')}: {lead}",
                    f"{_('Thời hạn như văn bản viết')}: {task.deadline_text or '—'}",
                    f"{_('Tình trạng thời hạn')}: {row.state.label}",
                    url,
                ]
            ),
        )
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


# --- Editions, documents, people, organisations ------------------------------------------------------------------


def _published_topics():
    return Prefetch("topics", queryset=Topic.objects.published())


def _published_sources():
    return Prefetch("sources", queryset=Source.objects.published())


def editions_data() -> dict:
    editions = (
        Edition.objects.published()
        .for_list()
        .select_related("organiser")
        .prefetch_related(_published_topics(), _published_sources())
    )
    items = [
        {
            "id": edition_id(e),
            "series": e.series.slug,
            "series_name": e.series.name,
            "number": e.number,
            "year": e.year,
            "year_inferred": e.year_inferred,
            "title": e.title,
            "theme": e.theme,
            "start_date": _iso(e.start_date),
            "start_date_inferred": e.start_date_inferred,
            "end_date": _iso(e.end_date),
            "date_text": e.date_text,
            "venue": e.venue,
            "organiser": o.slug if (o := if_public(e.organiser)) else "",
            "topics": [t.slug for t in e.topics.all()],
            "sources": [s.key for s in e.sources.all()],
            "url": permalink(e),
        }
        for e in editions
    ]
    return envelope("cac-ky", items)


def documents_data() -> dict:
    documents = (
        Document.objects.published()
        .for_list()
        .with_task_count()
        .prefetch_related(_published_topics(), _published_sources())
    )
    items = [
        {
            "id": d.key,
            "number": d.number,
            "doc_type": d.doc_type,
            "issuer": issuer.slug if (issuer := if_public(d.issuer)) else "",
            "issuer_name": issuer.name if issuer else "",
            "issue_date": _iso(d.issue_date),
            "issue_date_text": d.issue_date_text,
            "signer": d.signer,
            "title": d.title,
            "subject": d.subject,
            "edition": edition_id(d.edition),
            "task_count": d.published_task_count,
            "topics": [t.slug for t in d.topics.all()],
            "sources": [s.key for s in d.sources.all()],
            "url": permalink(d),
        }
        for d in documents
    ]
    return envelope("van-ban", items)


def people_data() -> dict:
    roles = Prefetch(
        "appearances",
        queryset=Appearance.objects.published()
        .select_related("edition__series", "organisation")
        .order_by("edition__year", "order", "id"),
    )
    items = [
        {
            "id": p.slug,
            "name": p.name,
            "roles": [
                {
                    "edition": edition_id(a.edition),
                    "title": a.title,
                    "part": a.part,
                    "organisation": o.slug if (o := if_public(a.organisation)) else "",
                }
                for a in p.appearances.all()
            ],
            "url": permalink(p),
        }
        for p in Person.objects.published().prefetch_related(roles)
    ]
    return envelope("nhan-vat", items)


def organisations_data() -> dict:
    items = [
        {
            "id": o.slug,
            "name": o.name,
            "short_name": o.short_name,
            "name_en": o.name_en,
            "kind": o.kind,
            "parent": parent.slug if (parent := if_public(o.parent)) else "",
            "url": permalink(o),
        }
        for o in Organisation.objects.published().select_related("parent")
    ]
    return envelope("co-quan", items)


def last_updates() -> dict[str, datetime.datetime | None]:
    """When each dataset last changed (one aggregate query per model)."""
    task_change = Task.objects.published().aggregate(at=Max("updated_at"))["at"]
    update_change = StatusUpdate.objects.published().aggregate(at=Max("created_at"))["at"]
    return {
        "nhiem-vu": max((t for t in (task_change, update_change) if t), default=None),
        "cac-ky": Edition.objects.published().aggregate(at=Max("updated_at"))["at"],
        "van-ban": Document.objects.published().aggregate(at=Max("updated_at"))["at"],
        "nhan-vat": Person.objects.published().aggregate(at=Max("updated_at"))["at"],
        "co-quan": Organisation.objects.published().aggregate(at=Max("updated_at"))["at"],
    }
