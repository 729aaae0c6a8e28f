"""The admin's front page as a workplace: what waits for whom.

Reviewers see "Chờ duyệt" (pending changes and new things, oldest first, with who sent them and when); editors see
"Bản nháp của tôi" and "Bị trả lại" (with the reviewer's comment). Apps add panels of their own with `register`
(resolutions: "Quá hạn chưa cập nhật"), so the ground floor imports no app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.models import OPEN_REVIEW_STATES, ReviewRequest, ReviewState
from core.publishing import Publishable, Status
from core.registry import content_types

LIMIT = 30


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    kind: str = ""
    who: str = ""
    when: datetime.datetime | datetime.date | None = None
    note: str = ""

    @property
    def when_display(self) -> str:
        if isinstance(self.when, datetime.datetime):
            return timezone.localtime(self.when).strftime("%d/%m/%Y %H:%M")
        return self.when.strftime("%d/%m/%Y") if self.when else ""


@dataclass(frozen=True)
class Panel:
    key: str  # the HTML id
    title: str
    items: Callable[[object], list[Item]]
    visible: Callable[[object], bool] = field(default=lambda user: True)
    empty: str = ""


_panels: list[Panel] = []


def register(panel: Panel) -> None:
    if all(p.key != panel.key for p in _panels):
        _panels.append(panel)


def panels_for(user) -> list[tuple[Panel, list[Item]]]:
    return [(panel, panel.items(user)) for panel in _panels if panel.visible(user)]


def change_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def review_url(request: ReviewRequest) -> str:
    return reverse("admin:core_reviewrequest_change", args=[request.pk])


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _kind(request: ReviewRequest) -> str:
    return str(_("Sửa nội dung đang công khai") if request.is_change else _("Nội dung mới"))


def awaiting_review(user) -> list[Item]:
    """Open requests sent for review and things in "chờ duyệt" (some predate requests), oldest first."""
    requests = list(
        ReviewRequest.objects.filter(state=ReviewState.PENDING)
        .select_related("submitted_by", "content_type")
        .order_by("submitted_at", "pk")[:LIMIT]
    )
    items = [
        Item(r.object_repr, review_url(r), _kind(r), _name(r.submitted_by), r.submitted_at, r.change_note)
        for r in requests
    ]
    known = {(r.content_type_id, r.object_id) for r in requests}
    for model in content_types.publishable_models():
        if not issubclass(model, Publishable):
            continue
        model_type = ContentType.objects.get_for_model(model)
        for obj in model._default_manager.filter(status=Status.REVIEW).order_by("updated_at")[:LIMIT]:
            if (model_type.pk, obj.pk) not in known:
                items.append(Item(str(obj), change_url(obj), str(model._meta.verbose_name), "", obj.updated_at))
    return sorted(items, key=lambda item: item.when or datetime.datetime.max.replace(tzinfo=datetime.UTC))[:LIMIT]


def sent_back(user) -> list[Item]:
    requests = (
        ReviewRequest.objects.filter(state=ReviewState.RETURNED, submitted_by=user)
        .select_related("reviewed_by")
        .order_by("-reviewed_at")[:LIMIT]
    )
    return [
        Item(r.object_repr, review_url(r), _kind(r), _name(r.reviewed_by), r.reviewed_at, r.review_comment)
        for r in requests
    ]


def my_drafts(user) -> list[Item]:
    """Unpublished drafts this user last saved, and this user's changes waiting for review."""
    items = [
        Item(r.object_repr, review_url(r), _kind(r), "", r.submitted_at, r.change_note)
        for r in ReviewRequest.objects.filter(state__in=OPEN_REVIEW_STATES, submitted_by=user, draft__isnull=False)
    ]
    for model in content_types.publishable_models():
        if not issubclass(model, Publishable):
            continue
        mine = (
            Version.objects.get_for_model(model)
            .filter(revision__user=user)
            .annotate(key=Cast("object_id", BigIntegerField()))
            .values("key")
        )
        for obj in model._default_manager.filter(status=Status.DRAFT, pk__in=mine).order_by("-updated_at")[:LIMIT]:
            items.append(Item(str(obj), change_url(obj), str(model._meta.verbose_name), "", obj.updated_at))
    return items[:LIMIT]


def _may_publish(user) -> bool:
    return user.has_perm("core.publish_content")


def _may_edit(user) -> bool:
    return user.has_perm("core.preview_content")


register(
    Panel(
        "cho-duyet",
        _("Chờ duyệt"),
        awaiting_review,
        _may_publish,
        _("Không có mục nào chờ duyệt."),
    )
)
register(Panel("bi-tra-lai", _("Bị trả lại"), sent_back, _may_edit, _("Không có mục nào bị trả lại.")))
register(Panel("ban-nhap-cua-toi", _("Bản nháp của tôi"), my_drafts, _may_edit, _("Bạn chưa có bản nháp nào.")))
