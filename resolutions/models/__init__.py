"""The resolutions app's models: documents and their sections (documents.py), tasks and status updates (tasks.py)."""

from resolutions.models.documents import Document, DocumentQuerySet, Section, SectionKind
from resolutions.models.tasks import (
    COMPLETING_STATUSES,
    DUE_SOON_DAYS,
    CurrentStatus,
    DeadlineKind,
    DeadlineState,
    StatusUpdate,
    Task,
    TaskQuerySet,
    TaskStatus,
)

__all__ = [
    "COMPLETING_STATUSES",
    "DUE_SOON_DAYS",
    "CurrentStatus",
    "DeadlineKind",
    "DeadlineState",
    "Document",
    "DocumentQuerySet",
    "Section",
    "SectionKind",
    "StatusUpdate",
    "Task",
    "TaskQuerySet",
    "TaskStatus",
]
