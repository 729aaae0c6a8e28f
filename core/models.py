"""Ground-floor records shared by both apps."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """An old slug of a model with editable slugs; its URL answers 301 to the current one."""

    model_label = models.CharField(_("loại nội dung"), max_length=100)
    old_slug = models.SlugField(_("địa chỉ cũ"), max_length=120)
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("địa chỉ cũ (tự chuyển tiếp)")
        verbose_name_plural = _("địa chỉ cũ (tự chuyển tiếp)")
        constraints = [models.UniqueConstraint(fields=["model_label", "old_slug"], name="unique_old_slug")]

    def __str__(self) -> str:
        return f"{self.model_label}: {self.old_slug} → {self.object_id}"


class PublishedVersionQuerySet(models.QuerySet):
    def of(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class PublishedVersion(models.Model):
    """An immutable snapshot of a thing as published at public version `number`.

    Version 1 is the loaded content; each later publish adds one. Rows are never changed or
    deleted, so a cited version can always be found again at its permanent URL.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField(_("phiên bản"))
    title = models.CharField(_("tiêu đề lúc xuất bản"), max_length=400)
    data = models.JSONField(_("nội dung lúc xuất bản"))
    published_at = models.DateTimeField(_("xuất bản lúc"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xuất bản"), null=True, blank=True, on_delete=models.SET_NULL
    )
    change_note = models.TextField(_("ghi chú thay đổi"), blank=True)
    major = models.BooleanField(_("thay đổi quan trọng"), default=True)

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "number"]
        verbose_name = _("phiên bản đã xuất bản")
        verbose_name_plural = _("phiên bản đã xuất bản")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="unique_published_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} — phiên bản {self.number}"


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOGOUT = "logout", _("Đăng xuất")
    SUBMIT = "submit", _("Gửi duyệt")
    PUBLISH = "publish", _("Xuất bản")
    WITHDRAW = "withdraw", _("Gỡ xuất bản")
    DELETE = "delete", _("Xoá")
    RESTORE = "restore", _("Khôi phục phiên bản")
    RETURN = "return", _("Trả lại")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=20, choices=AuditAction.choices)
    object_label = models.CharField(_("nội dung"), max_length=400, blank=True)
    object_type = models.CharField(_("loại nội dung"), max_length=100, blank=True)
    object_id = models.CharField(_("mã nội dung"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    detail = models.TextField(_("chi tiết"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        # Site-wide editorial permissions live here (they belong to no single model).
        permissions = [
            ("publish_content", _("Xuất bản và gỡ xuất bản nội dung")),
            ("preview_content", _("Xem trước bản nháp trên trang công khai")),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_action_display()} {self.object_label}"


class RevisionNote(models.Model):
    """Whether a revision's change note is major (shown publicly) or minor, as on GOV.UK."""

    revision = models.OneToOneField("reversion.Revision", on_delete=models.CASCADE, related_name="note")
    major = models.BooleanField(_("thay đổi quan trọng"), default=False)

    class Meta:
        verbose_name = _("loại thay đổi")
        verbose_name_plural = _("loại thay đổi")

    def __str__(self) -> str:
        return str(_("quan trọng") if self.major else _("nhỏ"))


ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


class Attachment(models.Model):
    """An original file (the notice's PDF or scan, a photo of the event) attached to a document or edition."""

    SHOWN_ON = ("owner",)  # its owner's page lists it (core/warming.py renders that page after a write)

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("tên tệp hiển thị"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="tep-goc/%Y/%m/")
    mime_type = models.CharField(_("loại tệp"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"), default=0, editable=False)
    is_public = models.BooleanField(_("công khai"), default=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("tệp gốc")
        verbose_name_plural = _("tệp gốc")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from pathlib import PurePath

        from django.urls import reverse

        return reverse("attachment", args=[self.pk, PurePath(self.file.name).name])


class FeedbackKind(models.TextChoices):
    ERROR = "error", _("Báo lỗi nội dung")
    SUGGESTION = "suggestion", _("Đề xuất sửa, bổ sung")
    OTHER = "other", _("Góp ý khác")


class Feedback(models.Model):
    """A reader's report about one page. No personal data is asked for or stored."""

    page = models.CharField(_("trang được góp ý"), max_length=500)
    kind = models.CharField(_("loại góp ý"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.ERROR)
    message = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("đã xử lý"), default=False)
    editor_reply = models.TextField(_("ghi chú xử lý"), blank=True)

    class Meta:
        ordering = ["handled", "-created_at"]
        verbose_name = _("góp ý của bạn đọc")
        verbose_name_plural = _("góp ý của bạn đọc")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.page}"


class ReviewState(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    PUBLISHED = "published", _("Đã xuất bản")
    DISCARDED = "discarded", _("Đã huỷ")


OPEN_REVIEW_STATES = (ReviewState.PENDING, ReviewState.RETURNED)  # a thing has at most one open request


class ReviewRequest(models.Model):
    """Something waiting for a reviewer (four eyes): an unpublished thing submitted for review (`draft` is empty:
    the thing's own row is the draft), or a change to a published thing by someone who may not publish (`draft`
    holds the thing and its rows as they would be after the change; the public keeps the published version).

    At most one is open (pending or sent back) per thing. Publishing it applies the draft and takes the public
    version with its change note; sending it back keeps the draft for its author with the reviewer's comment.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("nội dung"), max_length=400)
    draft = models.JSONField(_("bản sửa đổi"), null=True, blank=True)
    created_rows = models.JSONField(default=list, blank=True)
    deleted = models.JSONField(default=list, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    base_lock_version = models.PositiveIntegerField(default=0)
    change_note = models.TextField(_("ghi chú thay đổi"), blank=True)
    major = models.BooleanField(_("thay đổi quan trọng"), default=True)
    state = models.CharField(
        _("tình trạng"), max_length=16, choices=ReviewState.choices, default=ReviewState.PENDING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    review_comment = models.TextField(_("nhận xét của người duyệt"), blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("yêu cầu duyệt")
        verbose_name_plural = _("chờ duyệt")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=OPEN_REVIEW_STATES),
                name="one_open_review_request",
            )
        ]

    def __str__(self) -> str:
        return self.object_repr

    @property
    def is_change(self) -> bool:
        """A change to a published thing (else: a new thing waiting to be published)."""
        return self.draft is not None

    def draft_keys(self) -> list[tuple[str, int]]:
        """(model label, primary key) of each object in the draft, the thing itself first."""
        return [(item["model"], item["pk"]) for item in self.draft or []]

    def row(self, label: str, pk):
        """The stored object a draft entry stands for, or None."""
        from django.apps import apps

        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        return model._base_manager.filter(pk=pk).first()
