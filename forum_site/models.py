"""Ground-floor records shared by both apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """An old slug of a model with editable slugs; its URL answers 301 to the current one."""

    model_label = models.CharField(_("loại nội dung"), max_length=100)
    old_slug = models.SlugField(_("slug cũ"), max_length=120)
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chuyển hướng slug")
        verbose_name_plural = _("chuyển hướng slug")
        constraints = [models.UniqueConstraint(fields=["model_label", "old_slug"], name="unique_old_slug")]

    def __str__(self) -> str:
        return f"{self.model_label}: {self.old_slug} → {self.object_id}"
