"""Editorial workflow services: save with conflict detection, submit, publish, withdraw, delete, restore.

Every write of content goes through here (the admin calls these), so that roles, lock_version,
revisions, change notes, public versions and the audit trail are enforced whatever the path.
Choice (issue 5): an editor's change to a published object goes live at once, but only with a
change note; each such change, like each publish, stores a new immutable public version.
"""

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
    """The record changed since the form was opened; nothing was saved."""

    def __init__(self, changes: list[FieldChange]):
        self.changes = changes
        super().__init__(self.message())

    def message(self) -> str:
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


def check_lock_version(*, obj: models.Model, expected_lock_version: int, edited: models.Model | None = None):
    """Lock the stored row and refuse when its lock_version moved on since the form was opened."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
    if stored is None:
        raise EditConflict([])
    if stored.lock_version != expected_lock_version:
        raise EditConflict(changed_fields(stored, edited or obj))
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
def content_save(*, obj, user, expected_lock_version: int, change_note: str = "", major: bool = False):
    """Save an edit: refuse a stale form, require a change note on published things, keep a revision."""
    stored = check_lock_version(obj=obj, expected_lock_version=expected_lock_version)
    is_new = stored is None
    permission = f"{obj._meta.app_label}.{'add' if is_new else 'change'}_{obj._meta.model_name}"
    _require(user, permission)
    live = isinstance(obj, Publishable) and not is_new and stored.status == Status.PUBLISHED
    if live and not change_note.strip():
        raise ValidationError(_("Nội dung này đang công khai: hãy ghi chú thay đổi trước khi lưu."))
    if isinstance(obj, Publishable) and not is_new and obj.status != stored.status:
        # Status moves only through the workflow actions, never through a plain save.
        obj.status = stored.status
    obj.lock_version = (stored.lock_version + 1) if stored is not None else 0
    comment = (change_note or _("Tạo mới")) if is_new else change_note
    _record_revision(obj=obj, user=user, comment=comment, major=major)
    if live:
        snapshot(obj=obj, user=user, change_note=change_note, major=major)
    return obj


def row_save(*, obj, user) -> models.Model:
    """Save a row edited inside its parent's form (its lock_version was checked by the form, under a row lock)."""
    is_new = obj.pk is None
    _require(user, f"{obj._meta.app_label}.{'add' if is_new else 'change'}_{obj._meta.model_name}")
    if not is_new and hasattr(obj, "lock_version"):
        obj.lock_version = type(obj)._default_manager.filter(pk=obj.pk).values_list("lock_version", flat=True)[0] + 1
        if isinstance(obj, Publishable):
            obj.status = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True)[0]
    obj.save()
    return obj


def _move(*, obj, user, expected_lock_version: int, status: str, comment: str, major: bool) -> None:
    check_lock_version(obj=obj, expected_lock_version=expected_lock_version)
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
    check_lock_version(obj=obj, expected_lock_version=expected_lock_version)
    stored = type(obj)._default_manager.get(pk=obj.pk)
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
