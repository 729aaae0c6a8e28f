"""Writes and workflows of the resolutions app: functions named entity_action with keyword-only arguments.

They save through the same services as the admin (`core.workflow`, `editions.services`), so that roles,
revisions and the search index follow whatever the path.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.publishing import Status
from core.text import slugify_vi
from core.workflow import content_save, revision_block, row_save
from editions.models import Organisation
from editions.services import organisation_find_or_create_draft
from resolutions.importer import OrgMatch, ParsedNotice
from resolutions.models import Document, Section, StatusUpdate, Task, TaskStatus


def _fitted(model: type[models.Model], **values) -> dict:
    """Text values cut to their field's max_length (the parser does not know the models)."""
    out = {}
    for name, value in values.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        out[name] = value[:limit] if isinstance(value, str) and limit else value
    return out


class _Organisations:
    """The organisations an import links to: matched ones, and (when asked) new drafts for proposed names."""

    def __init__(self, *, user, create_new: bool, change_note: str):
        self.user, self.create_new, self.change_note = user, create_new, change_note
        self.proposed: dict[str, Organisation] = {}

    def get(self, match: OrgMatch | None) -> Organisation | None:
        if match is None:
            return None
        if match.organisation is not None:
            return match.organisation
        if not (self.create_new and match.proposed_new):
            return None
        slug = match.proposed_slug or slugify_vi(match.proposed_name or match.name)
        if slug not in self.proposed:
            self.proposed[slug] = organisation_find_or_create_draft(
                user=self.user,
                slug=slug,
                name=match.proposed_name or match.name,
                short_name=match.proposed_short_name,
                change_note=self.change_note,
            )
        return self.proposed[slug]


@transaction.atomic
def notice_import(
    *, notice: ParsedNotice, key: str, user, task_numbers: set[int] | None = None, create_organisations: bool = False
) -> Document:
    """Create a draft document with its sections and tasks from a parsed notice. All or nothing.

    Saved as the admin saves them: new organisations first through `editions.services` (each in its own revision,
    as from its admin page), then in one revision the document through `content_save`, its sections and tasks as
    rows of its page and each task's first status update as a row of the task's page (`row_save`).
    """
    if user is None or not (user.has_perm("resolutions.add_document") and user.has_perm("resolutions.add_task")):
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản."))
    key = slugify_vi(key)
    if not key:
        raise ValidationError(_("Hãy nhập mã văn bản."))
    if Document.objects.filter(key=key).exists():
        raise ValidationError(_("Mã văn bản “%(key)s” đã có; hãy chọn mã khác (ví dụ thêm năm).") % {"key": key})
    note = _("Nhập từ văn bản dán vào")
    tasks = [parsed for parsed in notice.tasks if task_numbers is None or parsed.number in task_numbers]
    organisations = _Organisations(user=user, create_new=create_organisations, change_note=note)
    for match in [notice.issuer_match, *(m for parsed in tasks for m in (parsed.lead_match, *parsed.partner_matches))]:
        organisations.get(match)  # a new organisation first, in a revision of its own (as from its admin page)
    with revision_block(user=user):
        document = Document(
            key=key,
            status=Status.DRAFT,
            issuer=organisations.get(notice.issuer_match),
            issue_date=notice.issue_date,
            **_fitted(
                Document,
                number=notice.number,
                doc_type=notice.doc_type or _("Thông báo"),
                issue_date_text=notice.issue_date_text if not notice.issue_date else "",
                signer=notice.signer,
                title=notice.title or notice.subject or notice.number,
                subject=notice.subject or notice.title or notice.number,
            ),
        )
        content_save(obj=document, user=user, expected_lock_version=0, change_note=note)
        sections = {}
        for parsed in notice.sections:
            section = Section(
                document=document,
                number=parsed.number,
                kind=parsed.kind,
                body=parsed.body,
                **_fitted(Section, title=parsed.title),
            )
            sections[parsed.number] = row_save(obj=section, user=user, expected_lock_version=0)
        for parsed in tasks:
            section = sections.get(parsed.section_number)
            _task_import(parsed, document=document, section=section, user=user, organisations=organisations)
    return document


def _task_import(parsed, *, document: Document, section: Section | None, user, organisations: _Organisations) -> Task:
    task = Task(
        document=document,
        number=parsed.number,
        section=section,
        status=Status.DRAFT,
        lead=organisations.get(parsed.lead_match),
        deadline_kind=parsed.deadline_kind,
        deadline_date=parsed.deadline_date,
        **_fitted(
            Task,
            label=parsed.label,
            title=parsed.title or parsed.text,
            summary=parsed.text,
            partners_text=parsed.partners_text,
            deadline_text=parsed.deadline_text,
        ),
    )
    row_save(obj=task, user=user, expected_lock_version=0)
    partners = [organisations.get(match) for match in parsed.partner_matches]
    task.partners.set([p for p in partners if p is not None])
    row_save(obj=StatusUpdate(task=task, status=TaskStatus.NO_UPDATE), user=user, expected_lock_version=0)
    return task
