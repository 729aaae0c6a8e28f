"""Loads documents, their sections and tasks from `content/documents.toml` (rules in `core/loading.py`).

Natural keys: a document by its `key` (fixed at creation; a notice's number is not unique on its own); its sections
by `number` within it (part of the document's fingerprint); a task by (document, `number`) — our numbering.

A task's first status update (`initial_status`, normally "no_update" with no date) is history, not content: it is
created once, together with the task, and never rewritten, so editors' later updates are never disturbed. Its
English note (`initial_status.note_en` in `content/en/documents.toml`) is the one exception: it is filled in on that
first update when the update has none yet, so a database loaded before the English overlay gets it too.

English texts come from `content/en/documents.toml` with the same keys (`core/overlay.py`, specs below).
"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError

from core.caching import content_changed
from core.loading import (
    CREATED,
    Children,
    ContentError,
    ContentLoader,
    Row,
    check_keys,
    clean_text,
    field_values,
    table_rows,
)
from core.overlay import Overlay, apply_overlay, overlay_path
from core.periods import period_end
from editions.loading import (
    NOTES,
    field_sources,
    find_edition,
    find_organisation,
    find_organisations,
    find_sources,
    find_topics,
)
from editions.models import Series
from resolutions.models import DeadlineKind, Document, Section, StatusUpdate, Task

SECTION_OVERLAY = Overlay(("number",), texts=("title", "body"))
DOCUMENT_TEXTS = ("doc_type", "issue_date_text", "signer", "title", "subject", "summary", "public_note")
DOCUMENT_OVERLAY = Overlay(("key",), texts=DOCUMENT_TEXTS, children=(("sections", SECTION_OVERLAY),))
STATUS_OVERLAY = Overlay((), texts=("note",))
TASK_TEXTS = ("title", "summary", "partners_text", "assigned_to_text", "deadline_text", "inference_note", "public_note")
TASK_OVERLAY = Overlay(("document", "number"), texts=TASK_TEXTS, children=(("initial_status", STATUS_OVERLAY),))

DOCUMENT_FIELDS = ("key", "number", "doc_type", "issue_date", "issue_date_text", "signer", "title", "subject")
DOCUMENT_FIELDS += ("summary", "order", *NOTES, "doc_type_en", "issue_date_text_en", "signer_en", "title_en")
DOCUMENT_FIELDS += ("subject_en", "summary_en")
SECTION_FIELDS = ("number", "title", "kind", "body", *SECTION_OVERLAY.fields)


def load_document(loader: ContentLoader, where: str, row: dict) -> Document:
    optional = (*DOCUMENT_FIELDS, "issuer", "edition", "related_series", "topics", "sources", "field_sources")
    check_keys(row, where, required=("key", "doc_type", "title", "subject"), optional=(*optional, "sections"))
    values = field_values(Document, row, DOCUMENT_FIELDS)
    values["field_sources"] = field_sources(Document, row, where)
    values["issuer"] = find_organisation(loader, row.get("issuer"), where)
    values["edition"] = find_edition(loader, row.get("edition"), where)
    related = row.get("related_series", "")
    if related:
        loader.get(Series, where, slug=related)  # must exist
    values["related_series_slug"] = related
    sources = row.get("sources", [])
    m2m = {"topics": find_topics(loader, row.get("topics", []), where), "sources": find_sources(loader, sources, where)}
    sections = []
    for n, section in enumerate(row.get("sections", []), 1):
        here = f"{where} › mục #{n}"
        check_keys(section, here, required=("number", "title"), optional=(*SECTION_FIELDS, "sources", "topics"))
        extra = sorted(set(section.get("sources", [])) - set(sources))
        if extra:
            raise ContentError(f"{here}: nguồn {extra} không có trong nguồn của văn bản {sources}")
        m2m = {
            "sources": find_sources(loader, section.get("sources", []), here),
            "topics": find_topics(loader, section.get("topics", []), here),
        }
        sections.append(Row(field_values(Section, section, SECTION_FIELDS), m2m))
    children = [Children("sections", ("number",), SECTION_FIELDS, sections, m2m=("sources", "topics"))]
    return loader.load(Document, key=("key",), values=values, m2m=m2m, children=children, where=where)


def _check_deadline(kind: str, due: datetime.date | None, where: str) -> None:
    if kind not in DeadlineKind.values:
        raise ContentError(f"{where}: loại thời hạn {kind!r} không có; dùng một trong {DeadlineKind.values}")
    if kind in {DeadlineKind.NONE, DeadlineKind.URGENT}:
        if due is not None:
            raise ContentError(f"{where}: thời hạn loại {kind!r} không có ngày, nhưng tệp ghi {due}")
    elif due is None or period_end(kind, due) != due:
        raise ContentError(f"{where}: thời hạn loại {kind!r} cần ngày cuối kỳ, tệp ghi {due}")


TASK_FIELDS = ("number", "label", "title", "summary", "partners_text", "deadline_text", "deadline_kind")
TASK_FIELDS += ("deadline_date", "inference_note", *NOTES, "title_en", "summary_en", "partners_text_en")
TASK_FIELDS += ("deadline_text_en", "inference_note_en")
STATUS_FIELDS = ("status", "date", "note", *STATUS_OVERLAY.fields)


def _check_assignment(row: dict, where: str) -> None:
    """A task is led (`lead`, with `partners`) or given jointly (`assigned_to`), never both: a joint assignment
    names no lead."""
    if Task.joint_and_led(
        lead=row.get("lead"),
        partners=row.get("partners"),
        partners_text=row.get("partners_text"),
        assignees=row.get("assigned_to"),
        assignees_text=row.get("assigned_to_text"),
    ):
        raise ContentError(f"{where}: nhiệm vụ giao chung (`assigned_to`) không có `lead`, `partners`, `partners_text`")


def load_task(loader: ContentLoader, where: str, row: dict) -> Task:
    optional = (*TASK_FIELDS, "section", "lead", "partners", "assigned_to", "assigned_to_text", "topics", "sources")
    optional += ("assigned_to_text_en",)
    check_keys(row, where, required=("document", "number", "title", "summary"), optional=(*optional, "initial_status"))
    _check_assignment(row, where)
    document = loader.get(Document, where, key=row["document"])
    values = {"document": document, **field_values(Task, row, TASK_FIELDS)}
    _check_deadline(values["deadline_kind"], values["deadline_date"], where)
    section_number = row.get("section")
    values["section"] = document.sections.filter(number=section_number).first() if section_number else None
    if section_number and values["section"] is None:
        raise ContentError(f"{where}: văn bản {document.key} không có mục {section_number}")
    values["lead"] = find_organisation(loader, row.get("lead"), where)
    values["assignees_text"] = row.get("assigned_to_text", "")
    values["assignees_text_en"] = row.get("assigned_to_text_en", "")
    m2m = {
        "partners": find_organisations(loader, row.get("partners", []), where),
        "assignees": find_organisations(loader, row.get("assigned_to", []), where),
        "topics": find_topics(loader, row.get("topics", []), where),
        "sources": find_sources(loader, row.get("sources", []), where),
    }
    task = loader.load(Task, key=("document", "number"), values=values, m2m=m2m, where=where)
    initial = row.get("initial_status")
    if initial is not None:
        check_keys(initial, f"{where} › initial_status", required=("status",), optional=STATUS_FIELDS)
        if loader.outcome(task) == CREATED:
            update = StatusUpdate(task=task, **field_values(StatusUpdate, initial, STATUS_FIELDS))
            try:
                update.full_clean()
            except ValidationError as exc:
                raise ContentError(f"{where} › initial_status: {exc.message_dict}") from exc
            update.save()
            loader.report.add(StatusUpdate, CREATED)
        elif initial.get("note_en"):
            first = task.status_updates.filter(status=initial["status"], note=clean_text(initial.get("note", "")))
            if first.filter(note_en="").update(note_en=clean_text(initial["note_en"])):
                content_changed(app_label="resolutions")  # an update() sends no signal: pages must still follow it
    return task


FILENAMES = ("documents.toml",)


def load_resolutions_content(loader: ContentLoader, content_dir: Path) -> None:
    path, english = content_dir / "documents.toml", overlay_path(content_dir, "documents.toml")
    documents = table_rows(path, "documents", others=("tasks",))
    tasks = table_rows(path, "tasks", others=("documents",))
    apply_overlay(documents, english, "documents", DOCUMENT_OVERLAY, others=("tasks",))
    apply_overlay(tasks, english, "tasks", TASK_OVERLAY, others=("documents",))
    for where, row in documents:
        load_document(loader, where, row)
    for where, row in tasks:
        load_task(loader, where, row)
