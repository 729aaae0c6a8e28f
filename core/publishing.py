"""Publication status shared by every public model, and the `.published()` queryset.

A thing is public only if it and its parent are published: models with a parent
override `PublishableQuerySet.published()` to add the parent's condition.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
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

    def visible_to(self, previewer):
        """Everything for a staff previewer (drafts shown with a banner), else only published."""
        return self if previewer is not None else self.published()


class LockVersioned(models.Model):
    """Optimistic concurrency: `lock_version` bumps on every save made through the services,
    and a save whose form was opened at an older lock_version is refused."""

    lock_version = models.PositiveIntegerField(_("phiên bản khoá"), default=0, editable=False)

    class Meta:
        abstract = True


class Publishable(LockVersioned):
    status = models.CharField(
        _("trạng thái xuất bản"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    first_published_at = models.DateTimeField(_("xuất bản lần đầu"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
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

    def snapshot_data(self) -> dict:
        """The editable field values as JSON-ready data, for an immutable published version."""
        values = {
            field.attname: field.value_from_object(self)
            for field in self._meta.concrete_fields
            if field.editable and field.attname not in {"editor_note", "status"}
        }
        return json.loads(json.dumps(values, cls=DjangoJSONEncoder))

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN
