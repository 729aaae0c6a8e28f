"""Editorial workflow services: save with conflict detection, submit, publish, withdraw, delete, restore.

Every write of content goes through here (the admin, the notice import and the app services call these), so that
roles, lock_version, revisions, change notes, public versions and the audit trail are enforced whatever the path.
The checks of an edit (stale form, missing change note) are written once, in `content_check_edit` and
`row_check_edit`; the admin's forms call them only to show a refusal as a form error.
Choice (issue 5): an editor's change to a published object goes live at once, but only with a
change note; each such change, like each publish, stores a new immutable public version.
"""

from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AuditAction, AuditEntry, PublishedVersion, RevisionNote
from core.publishing import Publishable, Status

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
    """`row_check_edit`, and a change to a published thing needs a change note (ValidationError on "change_note")."""
    stored = row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
    if isinstance(stored, Publishable) and stored.status == Status.PUBLISHED and not change_note.strip():
        raise ValidationError({"change_note": _("Nội dung này đang công khai: hãy ghi chú thay đổi trước khi lưu.")})
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


@contextmanager
def revision_block(*, user, using: str | None = None):
    """One revision for several saves (a parent and its rows), as the admin's change page and the notice import
    make; the saves inside add their comment and kind to it."""
    with reversion.create_revision(manage_manually=False, using=using):
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        yield


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


@transaction.atomic
def content_save(*, obj, user, expected_lock_version: int | None, change_note: str = "", major: bool = False):
    """Save an edit: refuse a stale form, require a change note on published things, keep a revision.

    `expected_lock_version` is the lock_version the editor's form was opened at (ignored for a new object).
    """
    stored = content_check_edit(obj=obj, expected_lock_version=expected_lock_version, change_note=change_note)
    is_new = stored is None
    _require(user, f"{obj._meta.app_label}.{'add' if is_new else 'change'}_{obj._meta.model_name}")
    live = isinstance(obj, Publishable) and not is_new and stored.status == Status.PUBLISHED
    if isinstance(obj, Publishable) and not is_new and obj.status != stored.status:
        # Status moves only through the workflow actions, never through a plain save.
        obj.status = stored.status
    obj.lock_version = (stored.lock_version + 1) if stored is not None else 0
    comment = (change_note or _("Tạo mới")) if is_new else change_note
    _record_revision(obj=obj, user=user, comment=comment, major=major)
    if live:
        snapshot(obj=obj, user=user, change_note=change_note, major=major)
    return obj


@transaction.atomic
def row_save(*, obj, user, expected_lock_version: int | None) -> models.Model:
    """Save a row edited with its parent (a section, a strand, a status update…), inside the parent's revision.

    An existing `LockVersioned` row is refused when stale, like a content save (`expected_lock_version` is ignored
    for a new row); its status never moves here.
    """
    is_new = obj.pk is None
    _require(user, f"{obj._meta.app_label}.{'add' if is_new else 'change'}_{obj._meta.model_name}")
    if not is_new and hasattr(obj, "lock_version"):
        stored = row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
        obj.lock_version = stored.lock_version + 1
        if isinstance(obj, Publishable):
            obj.status = stored.status
    obj.save()
    return obj


def _move(*, obj, user, expected_lock_version: int, status: str, comment: str, major: bool) -> None:
    row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
    obj.refresh_from_db()
    obj.status = status
    obj.lock_version += 1
    if status == Status.PUBLISHED and obj.first_published_at is None:
        obj.first_published_at = timezone.now()
    _record_revision(obj=obj, user=user, comment=comment, major=major)


@transaction.atomic
def content_submit_for_review(*, obj: Publishable, user, expected_lock_version: int) -> Publishable:
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
    audit(action=AuditAction.SUBMIT, user=user, obj=obj)
    return obj


@transaction.atomic
def content_publish(
    *, obj: Publishable, user, expected_lock_version: int, change_note: str = "", major: bool = True
) -> Publishable:
    _require(user, PUBLISH_PERMISSION)
    if obj.status == Status.PUBLISHED:
        raise ValidationError(_("Nội dung này đã được xuất bản."))
    note = change_note.strip() or _("Xuất bản")
    _move(
        obj=obj,
        user=user,
        expected_lock_version=expected_lock_version,
        status=Status.PUBLISHED,
        comment=note,
        major=major,
    )
    snapshot(obj=obj, user=user, change_note=note, major=major)
    audit(action=AuditAction.PUBLISH, user=user, obj=obj, detail=note)
    return obj


@transaction.atomic
def content_withdraw(*, obj: Publishable, user, expected_lock_version: int, reason: str) -> Publishable:
    """Take a published thing off the site: it answers 410 and its versions stay reachable."""
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


@transaction.atomic
def content_delete(*, obj, user) -> None:
    _require(user, f"{obj._meta.app_label}.delete_{obj._meta.model_name}")
    if not can_delete(obj):
        raise ValidationError(_("Nội dung đã từng xuất bản không xoá được; hãy gỡ xuất bản."))
    audit(action=AuditAction.DELETE, user=user, obj=obj)
    obj.delete()


@transaction.atomic
def content_restore(*, obj, version, user, expected_lock_version: int) -> models.Model:
    """Restore a revision's field values as a new revision (history is never rewritten)."""
    _require(user, _change_permission(obj))
    stored = row_check_edit(obj=obj, expected_lock_version=expected_lock_version)
    old = version.field_dict
    for field in obj._meta.concrete_fields:
        if field.editable and not field.primary_key and field.attname in old and field.name != "status":
            setattr(stored, field.attname, old[field.attname])
    stored.lock_version += 1
    note = _("Khôi phục phiên bản sửa đổi ngày %(date)s") % {
        "date": version.revision.date_created.strftime("%d/%m/%Y %H:%M")
    }
    _record_revision(obj=stored, user=user, comment=note, major=False)
    if isinstance(stored, Publishable) and stored.status == Status.PUBLISHED:
        snapshot(obj=stored, user=user, change_note=note, major=False)
    audit(action=AuditAction.RESTORE, user=user, obj=stored, detail=note)
    return stored
