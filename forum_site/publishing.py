"""Publication status shared by every public model, and the `.published()` queryset.

A thing is public only if it and its parent are published: models with a parent
override `PublishableQuerySet.published()` to add the parent's condition.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    REVIEW = "review", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    WITHDRAWN = "withdrawn", _("Đã gỡ xuất bản")


class PublishableQuerySet(models.QuerySet):
    # Lookup path(s) to parents that must also be published, e.g. ("document",).
    parent_paths: tuple[str, ...] = ()

    def published(self):
        filters = {"status": Status.PUBLISHED}
        for path in self.parent_paths:
            filters[f"{path}__status"] = Status.PUBLISHED
        return self.filter(**filters)

    def withdrawn(self):
        return self.filter(status=Status.WITHDRAWN)


class Publishable(models.Model):
    status = models.CharField(
        _("trạng thái xuất bản"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    first_published_at = models.DateTimeField(_("xuất bản lần đầu"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Optimistic concurrency: bumps on every save (see docs/architecture.md).
    lock_version = models.PositiveIntegerField(_("phiên bản khoá"), default=0, editable=False)
    # Public version: bumps on each publish; version 1 is the loaded content.
    public_version = models.PositiveIntegerField(_("phiên bản công khai"), default=0, editable=False)
    # Fingerprint of the data file's values at the last load; lets the loader tell
    # "unchanged since loaded" (safe to update) from "changed by an editor" (keep).
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    editor_note = models.TextField(
        _("ghi chú cho biên tập viên"),
        blank=True,
        help_text=_("Không hiển thị công khai: nguồn mâu thuẫn, điều cần kiểm tra…"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN
