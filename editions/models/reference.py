"""Reference records shared across the site: sources, topics, organisations, people."""

import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.language import in_language, is_english
from core.publishing import Publishable, PublishableQuerySet

# What a reference to a source (`source_ref`), a page's list of sources and `sources_of()` read: the rest (summary,
# supported facts, notes…) is shown on the sources page only.
SOURCE_REF_FIELDS = (
    *("key", "status", "order", "title", "title_en", "author", "publisher", "url", "accessed_date"),
    *("published_at", "published_date", "date_text", "date_text_en"),
)


class SourceQuerySet(PublishableQuerySet):
    def for_refs(self):
        """Published sources with the columns references show (a third of the row: less SQL to build, less to load)."""
        return self.published().only(*SOURCE_REF_FIELDS)


@reversion.register()
class Source(Publishable):
    key = models.SlugField(
        _("mã nguồn"), max_length=20, unique=True, help_text=_("Mã nội bộ, không hiển thị công khai. Ví dụ: s0, s1")
    )
    title = models.CharField(_("mô tả"), max_length=300)
    title_en = models.CharField(_("mô tả (tiếng Anh)"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=100, blank=True)
    kind_en = models.CharField(_("loại (tiếng Anh)"), max_length=100, blank=True)
    author = models.CharField(_("tác giả"), max_length=200, blank=True)
    publisher = models.CharField(_("nơi đăng"), max_length=200, blank=True)
    reprinted_from = models.CharField(_("đăng lại từ"), max_length=200, blank=True)
    published_at = models.DateTimeField(
        _("thời điểm đăng"), null=True, blank=True, help_text=_("Khi biết cả giờ đăng.")
    )
    published_date = models.DateField(_("ngày đăng"), null=True, blank=True, help_text=_("Khi chỉ biết ngày đăng."))
    date_text = models.CharField(
        _("ngày đăng (như đã biết)"), max_length=200, blank=True, help_text=_("Khi không biết ngày chính xác.")
    )
    date_text_en = models.CharField(_("ngày đăng (tiếng Anh)"), max_length=200, blank=True)
    url = models.URLField(_("địa chỉ"), blank=True)
    no_url_reason = models.TextField(
        _("lý do không có địa chỉ"), blank=True, help_text=_("Bắt buộc khi nguồn không có địa chỉ công khai.")
    )
    no_url_reason_en = models.TextField(_("lý do không có địa chỉ (tiếng Anh)"), blank=True)
    accessed_date = models.DateField(_("ngày truy cập"), null=True, blank=True)
    summary = models.TextField(_("nội dung chính"), blank=True)
    summary_en = models.TextField(_("nội dung chính (tiếng Anh)"), blank=True)
    supports = models.TextField(
        _("dữ kiện lấy từ nguồn này"), blank=True, help_text=_("Mỗi dòng một dữ kiện; hiển thị trên trang Nguồn.")
    )
    supports_en = models.TextField(_("dữ kiện lấy từ nguồn này (tiếng Anh)"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("nguồn")
        verbose_name_plural = _("nguồn")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="", no_url_reason=""), name="source_has_url_or_no_url_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} — {self.title}"  # admin only: public pages name the publisher, never the key

    def clean(self):
        super().clean()
        if not self.url and not self.no_url_reason.strip():
            raise ValidationError({"no_url_reason": _("Nguồn không có địa chỉ phải nói rõ vì sao.")})
        if self.published_at and self.published_date:
            raise ValidationError({"published_date": _("Đã có thời điểm đăng: để trống ngày đăng.")})

    def get_absolute_url(self) -> str:
        return reverse("sources") + f"#nguon-{self.key}"

    @property
    def display_name(self) -> str:
        """How a reference names the source: its publisher, else its description (in the page's language)."""
        return self.publisher or in_language(self, "title")[0]

    @property
    def published_on(self) -> datetime.date | None:
        """The publication day, whether only the day or also the time is known."""
        if self.published_at:
            return timezone.localdate(self.published_at)
        return self.published_date

    @property
    def supported_facts(self) -> list[str]:
        return [line.strip() for line in self.supports.splitlines() if line.strip()]


@reversion.register()
class Topic(Publishable):
    SLUG_REDIRECTS = True  # an old slug answers 301 (core/slugs.py)

    name = models.CharField(_("tên"), max_length=200, unique=True)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("địa chỉ rút gọn"),
        max_length=120,
        unique=True,
        help_text=_("Phần cuối địa chỉ trang, chữ không dấu nối bằng gạch ngang; đổi thì địa chỉ cũ tự chuyển tiếp."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    description_en = models.TextField(_("mô tả (tiếng Anh)"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("topic", args=[self.slug])


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Chính phủ và lãnh đạo Chính phủ")
    MINISTRY = "ministry", _("Bộ, cơ quan ngang bộ")
    AGENCY = "agency", _("Cơ quan, đơn vị trực thuộc")
    COMMITTEE = "committee", _("Ban chỉ đạo")
    LOCAL = "local", _("Chính quyền địa phương")
    OTHER = "other", _("Khác")


@reversion.register()
class Organisation(Publishable):
    SLUG_REDIRECTS = True  # an old slug answers 301 (core/slugs.py)

    name = models.CharField(_("tên đầy đủ"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    short_name_en = models.CharField(_("tên viết tắt (tiếng Anh)"), max_length=80, blank=True)
    slug = models.SlugField(
        _("địa chỉ rút gọn"),
        max_length=120,
        unique=True,
        help_text=_("Phần cuối địa chỉ trang, chữ không dấu nối bằng gạch ngang; đổi thì địa chỉ cũ tự chuyển tiếp."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    description_en = models.TextField(_("giới thiệu (tiếng Anh)"), blank=True)
    protocol_order = models.PositiveIntegerField(_("thứ tự nghi thức"), default=100)
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="organisations")

    class Meta:
        ordering = ["protocol_order", "name"]
        verbose_name = _("cơ quan, tổ chức")
        verbose_name_plural = _("cơ quan, tổ chức")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation", args=[self.slug])

    def _names(self) -> tuple[str, str]:
        """(name, short name) in the page's language: the English pair on English pages when there is one."""
        if is_english() and self.name_en:
            return self.name_en, self.short_name_en
        return self.name, self.short_name

    @property
    def full_name(self) -> str:
        return self._names()[0]

    @property
    def display_name(self) -> str:
        """Full name then short form, as at a first mention: "Bộ Khoa học và Công nghệ (Bộ KH&CN)",
        "Ministry of Science and Technology (MOST)"."""
        name, short = self._names()
        return f"{name} ({short})" if short else name

    @property
    def short_or_name(self) -> str:
        name, short = self._names()
        return short or name


@reversion.register()
class Person(Publishable):
    SLUG_REDIRECTS = True  # an old slug answers 301 (core/slugs.py)

    name = models.CharField(_("họ và tên"), max_length=200)
    slug = models.SlugField(
        _("địa chỉ rút gọn"),
        max_length=120,
        unique=True,
        help_text=_("Phần cuối địa chỉ trang, chữ không dấu nối bằng gạch ngang; đổi thì địa chỉ cũ tự chuyển tiếp."),
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    description_en = models.TextField(_("giới thiệu (tiếng Anh)"), blank=True)
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="people")

    class Meta:
        ordering = ["name"]
        verbose_name = _("nhân vật")
        verbose_name_plural = _("nhân vật")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("editions:person", args=[self.slug])
