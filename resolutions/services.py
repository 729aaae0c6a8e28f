"""Writes and workflows of the resolutions app."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.publishing import Status
from core.text import slugify_vi
from core.workflow import content_save
from editions.models import Organisation, OrganisationKind
from resolutions.importer import OrgMatch, ParsedNotice
from resolutions.models import Document, Section, StatusUpdate, Task, TaskStatus


def _organisation_for(match: OrgMatch | None, *, create_new: bool, created: dict[str, Organisation]):
    if match is None:
        return None
    if match.organisation is not None:
        return match.organisation
    if not (create_new and match.proposed_new):
        return None
    slug = match.proposed_slug or slugify_vi(match.proposed_name or match.name)
    if slug not in created:
        existing = Organisation.objects.filter(slug=slug).first()
        created[slug] = existing or Organisation.objects.create(
            name=match.proposed_name or match.name,
            short_name=match.proposed_short_name,
            slug=slug,
            kind=OrganisationKind.OTHER,
            status=Status.DRAFT,  # new organisations wait for an editor's review like any draft
        )
    return created[slug]


@transaction.atomic
def notice_import(
    *, notice: ParsedNotice, key: str, user, task_numbers: set[int] | None = None, create_organisations: bool = False
) -> Document:
    """Create a draft document with its sections and tasks from a parsed notice. All or nothing."""
    if user is None or not (user.has_perm("resolutions.add_document") and user.has_perm("resolutions.add_task")):
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản."))
    key = slugify_vi(key)
    if not key:
        raise ValidationError(_("Hãy nhập mã văn bản."))
    if Document.objects.filter(key=key).exists():
        raise ValidationError(_("Mã văn bản “%(key)s” đã có; hãy chọn mã khác (ví dụ thêm năm).") % {"key": key})
    created: dict[str, Organisation] = {}
    issuer = _organisation_for(notice.issuer_match, create_new=create_organisations, created=created)
    document = Document(
        key=key,
        number=notice.number,
        doc_type=notice.doc_type or _("Thông báo"),
        issuer=issuer,
        issue_date=notice.issue_date,
        issue_date_text=notice.issue_date_text if not notice.issue_date else "",
        signer=notice.signer,
        title=notice.title or notice.subject[:400] or notice.number,
        subject=notice.subject or notice.title or notice.number,
        status=Status.DRAFT,
    )
    content_save(obj=document, user=user, expected_lock_version=0, change_note=_("Nhập từ văn bản dán vào"))
    sections = {
        parsed.number: Section.objects.create(
            document=document, number=parsed.number, title=parsed.title[:300], kind=parsed.kind, body=parsed.body
        )
        for parsed in notice.sections
    }
    for parsed in notice.tasks:
        if task_numbers is not None and parsed.number not in task_numbers:
            continue
        task = Task.objects.create(
            document=document,
            number=parsed.number,
            label=parsed.label[:40],
            section=sections.get(parsed.section_number),
            title=(parsed.title or parsed.text)[:300],
            summary=parsed.text,
            lead=_organisation_for(parsed.lead_match, create_new=create_organisations, created=created),
            partners_text=parsed.partners_text[:300],
            deadline_text=parsed.deadline_text[:200],
            deadline_kind=parsed.deadline_kind,
            deadline_date=parsed.deadline_date,
            status=Status.DRAFT,
        )
        partners = [
            _organisation_for(match, create_new=create_organisations, created=created)
            for match in parsed.partner_matches
        ]
        task.partners.set([p for p in partners if p is not None])
        StatusUpdate.objects.create(task=task, status=TaskStatus.NO_UPDATE)
    return document
