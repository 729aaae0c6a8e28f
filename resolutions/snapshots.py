"""What a task's published version holds besides its fields (`Task.snapshot_data()`), and reading it back.

A version holds what its page showed when it was live, so that a cited version never changes: the lead and partners
as their names at that time (public ones only), the section's title, the document's facts a citation needs, the
deadline as written and normalised (its fields), and the status history up to then — each update with its status
as a code and in words, its date (or none: "không rõ ngày"), note, source and when it was recorded.

`version_task(data, published_at)` turns a snapshot back into an unsaved task that answers `current_status()` and
`deadline_state(day)` as the task did then, so a version page says its deadline state as of its own date (and,
labelled apart, as of today) with the same rule as every other page.
"""

from __future__ import annotations

import datetime

from django.db.models import F
from django.utils import timezone

from core.publishing import if_public


def status_history(task) -> list[dict]:
    """The task's status updates, oldest first (updates without a date first, as the task page lists them)."""
    updates = task.status_updates.select_related("source").order_by(F("date").asc(nulls_first=True), "id")
    return [
        {
            "date": update.date.isoformat() if update.date else "",
            "status": update.status,
            "status_label": str(update.get_status_display()),
            "note": update.note,
            "source": source.display_name if (source := if_public(update.source)) else "",
            "source_url": update.source_url,
            "recorded": update.created_at.isoformat() if update.created_at else "",
        }
        for update in updates
    ]


def task_extras(task) -> dict:
    """Beyond the names `Task.snapshot_data()` records: the document's facts a citation of this version needs, and
    the status history."""
    document = task.document
    issuer = if_public(document.issuer)
    return {
        "document_type": document.doc_type,
        "document_title": document.subject or document.title,
        "document_date": document.issue_date.isoformat() if document.issue_date else "",
        "issuer_name": issuer.name if issuer else "",
        "status_history": status_history(task),
    }


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _datetime(value: str, default: datetime.datetime) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value) if value else default
    except ValueError:
        return default


def version_task(data: dict, published_at: datetime.datetime):
    """An unsaved task as this version had it: its deadline fields and, as its current status, the latest update
    of the history it held (by date, then entry order — the rule of `TaskQuerySet.with_current_status`)."""
    from resolutions.models import Task

    task = Task(
        number=data.get("number") or 0,
        title=data.get("title", ""),
        deadline_kind=data.get("deadline_kind") or "none",
        deadline_date=_date(data.get("deadline_date") or ""),
        deadline_text=data.get("deadline_text", ""),
    )
    history = data.get("status_history") or []
    dated = [update for update in history if update.get("date")]
    latest = dated[-1] if dated else (history[-1] if history else None)
    task.current_status_value = latest["status"] if latest else None
    task.current_status_date = _date(latest.get("date", "")) if latest else None
    task.current_status_recorded = _datetime(latest.get("recorded", ""), published_at) if latest else None
    return task


def version_day(published_at: datetime.datetime) -> datetime.date:
    return timezone.localdate(published_at)
