"""Review (four eyes): publish what a review request waits for, send it back with a comment, or drop a draft.

A request is opened by `core.workflow.content_submit_for_review` (an unpublished thing) or by an edit of a published
thing by someone who may not publish (`core.editing`: its draft). The admin's review page and dashboard
(`core.admin_review`) call these; so would any other path.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.editing import close_request, draft_apply, revision_block
from core.models import AuditAction, ReviewRequest, ReviewState
from core.publishing import Status
from core.workflow import (
    PUBLISH_PERMISSION,
    EditConflict,
    _live,
    _move,
    _record_revision,
    _require,
    audit,
    content_publish,
    may_publish,
)


@transaction.atomic
def review_publish(
    *, request: ReviewRequest, user, expected_lock_version: int, change_note: str = "", major: bool | None = None
) -> models.Model:
    """Publish what a review request waits for: a draft of a published thing (applied, then a new public version
    with the change note, which becomes the public change-log entry) or an unpublished thing."""
    _require(user, PUBLISH_PERMISSION)
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    if request.state not in (ReviewState.PENDING, ReviewState.RETURNED):
        raise ValidationError(_("Yêu cầu này đã được xử lý."))
    if expected_lock_version != request.lock_version:
        raise EditConflict([])
    obj = request.content_object
    if obj is None:
        raise EditConflict([], deleted=True)
    note = change_note.strip() or request.change_note
    major = request.major if major is None else major
    if not request.is_change:
        return content_publish(
            obj=obj, user=user, expected_lock_version=obj.lock_version, change_note=note, major=major
        )
    if not note:
        raise ValidationError({"change_note": _("Hãy ghi chú thay đổi: ghi chú này hiện trong lịch sử công khai.")})
    with revision_block(user=user) as block:
        root = draft_apply(request, for_publishing=True)
        root.refresh_from_db()
        _record_revision(obj=root, user=user, comment=note, major=major)
        block.note_saved(root, new=False)
        for label, pk in request.draft_keys():
            if label != root._meta.label_lower or pk != root.pk:
                row = request.row(label, pk)
                if row is not None and _live(row):
                    block.snapshot_later(row, change_note=note, major=major)
        if _live(root):
            block.snapshot_later(root, change_note=note, major=major)
        close_request(request, user=user, note=note)
        audit(action=AuditAction.PUBLISH, user=user, obj=root, detail=note)
    return root


def review_return(*, request: ReviewRequest, user, comment: str) -> ReviewRequest:
    """Send a request back to its author with the reviewer's comment: a draft stays a draft (its author edits it
    again); an unpublished thing goes back from "chờ duyệt" to "bản nháp"."""
    _require(user, PUBLISH_PERMISSION)
    if not comment.strip():
        raise ValidationError({"comment": _("Hãy ghi nhận xét để người soạn biết cần sửa gì.")})
    with revision_block(user=user):
        request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != ReviewState.PENDING:
            raise ValidationError(_("Chỉ yêu cầu đang chờ duyệt mới trả lại được."))
        obj = request.content_object
        if not request.is_change and obj is not None and obj.status == Status.REVIEW:
            _move(
                obj=obj,
                user=user,
                expected_lock_version=obj.lock_version,
                status=Status.DRAFT,
                comment=comment,
                major=False,
            )
        request.review_comment = comment.strip()
        close_request(request, user=user, state=ReviewState.RETURNED)
        audit(action=AuditAction.RETURN, user=user, obj=obj, detail=comment)
    return request


def review_discard(*, request: ReviewRequest, user) -> None:
    """Drop a draft of a published thing (its author, or a reviewer): the published version stays as it is."""
    if not request.is_change:
        raise ValidationError(_("Chỉ bản sửa đổi của nội dung đang công khai mới huỷ được."))
    if not (may_publish(user) or (request.created_by_id and request.created_by_id == getattr(user, "pk", None))):
        raise PermissionDenied(_("Chỉ người soạn hoặc người duyệt mới huỷ được bản sửa đổi này."))
    with transaction.atomic():
        close_request(request, user=user, state=ReviewState.DISCARDED)


# What a reviewer reads: the published thing and its draft side by side ------------------------------------------

# Labels of the snapshot keys that are not model fields (the apps' `snapshot_data()` adds them).
EXTRA_LABELS = {
    "lead_name": _lazy("cơ quan chủ trì"),
    "partner_names": _lazy("cơ quan phối hợp"),
    "topic_names": _lazy("chủ đề"),
    "section_title": _lazy("thuộc mục"),
    "issuer_name": _lazy("cơ quan ban hành"),
    "status_history": _lazy("diễn biến thực hiện"),
    "sections": _lazy("các mục"),
    "tasks": _lazy("các nhiệm vụ"),
}
HIDDEN_KEYS = {"document_key", "document_number", "loaded_fingerprint", "lock_version"}


@dataclass(frozen=True)
class Difference:
    label: str
    live: str
    draft: str

    @property
    def changed(self) -> bool:
        return self.live != self.draft


def _text(value) -> str:
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, dict):
        if "status" in value and "date" in value:  # a status update
            line = f"{value.get('date_display') or value['date'] or _('không rõ ngày')}: "
            line += str(value.get("status_label") or value["status"])
            return line + (f" — {value['note']}" if value.get("note") else "")
        if "number" in value and "title" in value:  # a section or a task
            return f"{value['number']}. {value['title']}"
        return " · ".join(f"{v}" for k, v in value.items() if v not in ("", None, []) and not k.endswith("_id"))
    if value is None or value == "":
        return "—"
    return str(value)


def display_data(obj: models.Model) -> dict[str, str]:
    """What a thing's page shows, as labelled text: its fields (related things by name, choices by label), and the
    extras its snapshot holds (a task's status history, a document's sections and tasks)."""
    data: dict[str, str] = {}
    extras = obj.snapshot_data() if hasattr(obj, "snapshot_data") else {}
    for field in obj._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in HIDDEN_KEYS or field.name == "status":
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            value = str(related) if related is not None else ""
        elif field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        else:
            value = field.value_from_object(obj)
        data[str(field.verbose_name)] = _text(value)
    for field in obj._meta.many_to_many:
        data[str(field.verbose_name)] = _text(sorted(str(o) for o in getattr(obj, field.name).all()))
    for key, value in extras.items():
        if key in EXTRA_LABELS:
            data[str(EXTRA_LABELS[key])] = _text(value)
    return data


def draft_comparison(request: ReviewRequest) -> list[Difference]:
    """The published thing against its draft, field by field (the draft is applied in a transaction that is rolled
    back: nothing is written)."""
    obj = request.content_object
    if obj is None or not request.is_change:
        return []
    live = display_data(obj)
    with transaction.atomic():
        savepoint = transaction.savepoint()
        draft_apply(request, for_publishing=False)
        draft = display_data(type(obj)._base_manager.get(pk=obj.pk))
        transaction.savepoint_rollback(savepoint)
    return [Difference(label, live.get(label, "—"), draft.get(label, "—")) for label in {**live, **draft}]
