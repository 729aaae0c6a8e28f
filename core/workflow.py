"""Editorial workflow services: save with conflict detection, submit, publish, withdraw, delete, restore, review.

Every write of content goes through here (the admin, the notice import and the app services call these), so that
roles, lock_version, revisions, change notes, public versions and the audit trail are enforced whatever the path.
The checks of an edit (stale form, missing change note) are written once, in `content_check_edit` and
`row_check_edit`; the admin's forms call them only to show a refusal as a form error.

Four eyes (issue 11, replacing issue 5's "an editor's change goes live with a note"): a change to a published
thing — to its own fields or to a row that is public with it (a section, a status update) — needs a change note;
by someone who may publish it goes live at once with a new public version; by anyone else it becomes the thing's
open draft (`core.editing`), which a reviewer publishes (`review_publish`) or sends back (`review_return`).
"""

from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from core.editing import EditBlock, close_request, draft_apply, open_request, revision_block
from core.models import AuditAction, AuditEntry, PublishedVersion, ReviewRequest, ReviewState, RevisionNote
from core.publishing import Publishable, Status, edit_root

PUBLISH_PERMISSION = "core.publish_content"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    theirs: str
    yours: str


class EditConflict(Exception):
    """The record changed (or was deleted) since the form was opened; nothing was saved."""

    def __init__(self, changes: list[FieldChange], *, deleted: bool = False):
        self.changes = changes
        self.deleted = deleted
        super().__init__(self.message())

    def message(self) -> str:
        if self.deleted:
            return _("Bản ghi này đã bị xoá sau khi bạn mở biểu mẫu.")
        if not self.changes:
            return _("Bản ghi đã được người khác lưu sau khi bạn mở biểu mẫu. Thay đổi của bạn chưa được lưu.")
        fields = ", ".join(f"{c.label}: “{c.theirs}”" for c in self.changes)
        return _(
            "Bản ghi đã được người khác lưu sau khi bạn mở biểu mẫu; thay đổi của bạn chưa được lưu. "
            "Giá trị hiện tại — %(fields)s. Hãy tải lại trang, xem lại và nhập lại thay đổi."
        ) % {"fields": fields}


def _field_values(obj: models.Model) -> dict[str, str]:
    return {
        field.name: str(field.value_from_object(obj))
        for field in obj._meta.concrete_fields
        if field.editable and not field.primary_key
    }


def changed_fields(stored: models.Model, edited: models.Model) -> list[FieldChange]:
    """Fields whose stored value differs from the edited object's value."""
    theirs, yours = _field_values(stored), _field_values(edited)
    return [
        FieldChange(name, str(stored._meta.get_field(name).verbose_name), theirs[name], yours.get(name, ""))
        for name in theirs
        if theirs[name] != yours.get(name)
    ]


def row_check_edit(*, obj: models.Model, expected_lock_version: int | None) -> models.Model | None:
    """Lock the stored row and refuse (EditConflict) when its lock_version moved on since the form was opened.

    `obj` carries the edited values: the conflict names each field whose stored value differs from them. Returns the
    stored row, or None for a new object. Run inside the saving transaction (the row stays locked until it ends).
    """
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
    if stored is None:
        raise EditConflict([], deleted=True)
    if expected_lock_version is None or stored.lock_version != expected_lock_version:
        raise EditConflict(changed_fields(stored, obj))
    return stored


def content_check_edit(*, obj: models.Model, expected_lock_version: int | None, change_note: str = ""):
    """`row_check_edit`, and a change to a published thing, or to a row public with it, needs a change note
    (ValidationError on "change_note")."""
    stored = row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
    root = edit_root(stored if stored is not None else obj)
    if root is not None and root.pk is not None and not change_note.strip():
        live = type(root)._base_manager.filter(pk=root.pk, status=Status.PUBLISHED).exists()
        if live:
            raise ValidationError(
                {"change_note": _("Nội dung này đang công khai: hãy ghi chú thay đổi trước khi lưu.")}
            )
    return stored


def audit(*, action: str, user=None, obj=None, ip_address=None, detail: str = "", username: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        username=username or (user.get_username() if user is not None and user.is_authenticated else ""),
        object_label=str(obj)[:400] if obj is not None else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=ip_address,
        detail=detail,
    )


def _require(user, permission: str) -> None:
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _change_permission(obj) -> str:
    return f"{obj._meta.app_label}.change_{obj._meta.model_name}"


def may_publish(user) -> bool:
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


def _record_revision(*, obj, user, comment: str, major: bool) -> None:
    with reversion.create_revision(manage_manually=False):
        obj.save()
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.set_comment(comment)
        reversion.add_meta(RevisionNote, major=major)


def snapshot(*, obj: Publishable, user=None, change_note: str = "", major: bool = True) -> PublishedVersion | None:
    """Store the next public version of a versioned thing (documents and tasks)."""
    if not getattr(obj, "VERSIONED", False):
        return None
    number = obj.public_version + 1
    version = PublishedVersion.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        number=number,
        title=str(obj)[:400],
        data=obj.snapshot_data(),
        published_at=timezone.now(),
        published_by=user if user is not None and user.is_authenticated else None,
        change_note=change_note,
        major=major,
    )
    type(obj)._default_manager.filter(pk=obj.pk).update(public_version=number)
    obj.public_version = number
    return version


def snapshot_with_parents(items, *, user) -> None:
    """The public versions an edit makes: each published versioned thing saved, then each published parent whose
    page lists it (`VERSIONED_PARENT`: a task's document), once, with the child's note."""
    done, parents = set(), []
    for obj, note, major in items:
        fresh = type(obj)._base_manager.get(pk=obj.pk)
        if fresh.status != Status.PUBLISHED or (type(obj), obj.pk) in done:
            continue
        done.add((type(obj), obj.pk))
        snapshot(obj=fresh, user=user, change_note=note, major=major)
        obj.public_version = fresh.public_version  # the caller's object says which version it now is
        parent_name = getattr(obj, "VERSIONED_PARENT", "")
        if parent_name:
            parents.append((getattr(fresh, parent_name), fresh.parent_change_note(note), major))
    for parent, note, major in parents:
        parent = type(parent)._base_manager.get(pk=parent.pk)
        if parent.status == Status.PUBLISHED and (type(parent), parent.pk) not in done:
            done.add((type(parent), parent.pk))
            snapshot(obj=parent, user=user, change_note=note, major=major)


def _live(obj) -> bool:
    return obj is not None and obj.pk is not None and isinstance(obj, Publishable) and obj.status == Status.PUBLISHED


def _after_save(block: EditBlock, *, obj, user, stored, change_note: str, major: bool) -> None:
    """What a saved change to a published thing becomes: a draft for a reviewer, or a new public version."""
    root = edit_root(stored if stored is not None else obj)
    if root is None or root.pk is None or (stored is None and root is obj):
        return
    if type(root) is type(obj) and root.pk == obj.pk:
        root = obj  # the caller's object: it learns the version it becomes
    elif not _live(type(root)._base_manager.get(pk=root.pk)):
        return
    if not _live(root):
        return
    block.change_note, block.major = change_note, major
    if may_publish(user):
        block.snapshot_later(root, change_note=change_note, major=major)
    else:
        block.make_pending(root, change_note=change_note, major=major)


def content_save(*, obj, user, expected_lock_version: int | None, change_note: str = "", major: bool = False):
    """Save an edit: refuse a stale form, require a change note on published things, keep a revision; a change to
    a published thing by someone who may not publish becomes its draft (see the module's docstring).

    `expected_lock_version` is the lock_version the editor's form was opened at (ignored for a new object).
    """
    with revision_block(user=user, start_from=edit_root(obj) if obj.pk is not None else None) as block:
        stored = content_check_edit(obj=obj, expected_lock_version=expected_lock_version, change_note=change_note)
        is_new = stored is None
        _require(user, f"{obj._meta.app_label}.{'add' if is_new else 'change'}_{obj._meta.model_name}")
        if is_new:
            block.start_from(edit_root(obj))  # a new row of a thing with a draft joins the draft
        if isinstance(obj, Publishable) and not is_new and obj.status != stored.status:
            # Status moves only through the workflow actions, never through a plain save.
            obj.status = stored.status
        obj.lock_version = (stored.lock_version + 1) if stored is not None else 0
        comment = (change_note or _("Tạo mới")) if is_new else change_note
        _record_revision(obj=obj, user=user, comment=comment, major=major)
        block.note_saved(obj, new=is_new)
        _after_save(block, obj=obj, user=user, stored=stored, change_note=change_note, major=major)
    return obj


def row_save(*, obj, user, expected_lock_version: int | None) -> models.Model:
    """Save a row edited with its parent (a section, a strand, a status update…), inside the parent's revision.

    An existing `LockVersioned` row is refused when stale, like a content save (`expected_lock_version` is ignored
    for a new row); its status never moves here. It follows its parent: part of the parent's draft, or of its
    new public version (a published task saved on its document's page gets one of its own).
    """
    with revision_block(user=user) as block:
        is_new = obj.pk is None
        _require(user, f"{obj._meta.app_label}.{'add' if is_new else 'change'}_{obj._meta.model_name}")
        if not is_new and hasattr(obj, "lock_version"):
            stored = row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
            obj.lock_version = stored.lock_version + 1
            if isinstance(obj, Publishable):
                obj.status = stored.status
        obj.save()
        block.note_saved(obj, new=is_new)
        if not block.pending and not is_new and _live(obj) and block.change_note:
            block.snapshot_later(obj, change_note=block.change_note, major=block.major)
    return obj


def _move(*, obj, user, expected_lock_version: int, status: str, comment: str, major: bool) -> None:
    row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
    obj.refresh_from_db()
    obj.status = status
    obj.lock_version += 1
    if status == Status.PUBLISHED and obj.first_published_at is None:
        obj.first_published_at = timezone.now()
    _record_revision(obj=obj, user=user, comment=comment, major=major)


def content_submit_for_review(*, obj: Publishable, user, expected_lock_version: int) -> Publishable:
    """A draft (or a withdrawn thing) goes to the reviewers: status "chờ duyệt", and an open review request."""
    with revision_block(user=user):
        _require(user, _change_permission(obj))
        if obj.status not in {Status.DRAFT, Status.WITHDRAWN}:
            raise ValidationError(_("Chỉ bản nháp hoặc nội dung đã gỡ mới gửi duyệt được."))
        _move(
            obj=obj,
            user=user,
            expected_lock_version=expected_lock_version,
            status=Status.REVIEW,
            comment=_("Gửi duyệt"),
            major=False,
        )
        request = open_request(obj) or ReviewRequest(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, created_by=_user(user)
        )
        request.object_repr = str(obj)[:400]
        request.state, request.submitted_by, request.submitted_at = ReviewState.PENDING, _user(user), timezone.now()
        request.lock_version = request.base_lock_version = obj.lock_version
        request.save()
        audit(action=AuditAction.SUBMIT, user=user, obj=obj)
    return obj


def _user(user):
    return user if user is not None and user.is_authenticated else None


def content_publish(
    *, obj: Publishable, user, expected_lock_version: int, change_note: str = "", major: bool = True
) -> Publishable:
    """Publish an unpublished thing (with its open draft, if it has one): a new public version."""
    with revision_block(user=user) as block:
        _require(user, PUBLISH_PERMISSION)
        if obj.status == Status.PUBLISHED:
            raise ValidationError(_("Nội dung này đã được xuất bản."))
        request = open_request(obj)
        note = change_note.strip() or (request.change_note if request else "") or _("Xuất bản")
        row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
        if request is not None and request.draft is not None:
            draft_apply(request, for_publishing=True)
            obj.refresh_from_db()
            expected_lock_version = obj.lock_version
        _move(
            obj=obj,
            user=user,
            expected_lock_version=expected_lock_version,
            status=Status.PUBLISHED,
            comment=note,
            major=major,
        )
        block.snapshot_later(obj, change_note=note, major=major)
        if request is not None:
            close_request(request, user=user, note=note)
        audit(action=AuditAction.PUBLISH, user=user, obj=obj, detail=note)
    return obj


def content_withdraw(*, obj: Publishable, user, expected_lock_version: int, reason: str) -> Publishable:
    """Take a published thing off the site: it answers 410 and its versions stay reachable."""
    with revision_block(user=user):
        _require(user, PUBLISH_PERMISSION)
        if not reason.strip():
            raise ValidationError(_("Hãy ghi lý do gỡ xuất bản."))
        if obj.status != Status.PUBLISHED:
            raise ValidationError(_("Chỉ nội dung đang công khai mới gỡ được."))
        _move(
            obj=obj,
            user=user,
            expected_lock_version=expected_lock_version,
            status=Status.WITHDRAWN,
            comment=reason,
            major=True,
        )
        audit(action=AuditAction.WITHDRAW, user=user, obj=obj, detail=reason)
    return obj


def can_delete(obj) -> bool:
    """Only a never-published draft can be deleted; published things are withdrawn instead."""
    if not isinstance(obj, Publishable):
        return True
    return obj.first_published_at is None and obj.public_version == 0 and obj.status != Status.PUBLISHED


def content_delete(*, obj, user) -> None:
    with revision_block(user=user) as block:
        _require(user, f"{obj._meta.app_label}.delete_{obj._meta.model_name}")
        if not can_delete(obj):
            raise ValidationError(_("Nội dung đã từng xuất bản không xoá được; hãy gỡ xuất bản."))
        audit(action=AuditAction.DELETE, user=user, obj=obj)
        block.note_deleted(obj)
        obj.delete()


def content_restore(*, obj, version, user, expected_lock_version: int) -> models.Model:
    """Restore a revision's field values as a new edit (history is never rewritten); like any edit of a published
    thing, by someone who may not publish it becomes a draft for review."""
    with revision_block(user=user, start_from=edit_root(obj)):
        _require(user, _change_permission(obj))
        stored = row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
        old = version.field_dict
        for field in obj._meta.concrete_fields:
            if field.editable and not field.primary_key and field.attname in old and field.name != "status":
                setattr(stored, field.attname, old[field.attname])
        note = _("Khôi phục phiên bản sửa đổi ngày %(date)s") % {
            "date": version.revision.date_created.strftime("%d/%m/%Y %H:%M")
        }
        content_save(obj=stored, user=user, expected_lock_version=stored.lock_version, change_note=note)
        audit(action=AuditAction.RESTORE, user=user, obj=stored, detail=note)
    return stored
