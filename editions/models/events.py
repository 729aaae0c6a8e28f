"""Series and their editions, with what an edition holds: strands, bridge points, appearances,
programmes and key figures."""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.language import is_english, ordinal
from core.provenance import FieldSources
from core.publishing import LockVersioned, Publishable, PublishableQuerySet
from core.text import to_roman
from editions.models.reference import Organisation, Person, Source, Topic

MAIN_SERIES_SLUG = "dien-dan"


class SeriesKind(models.TextChoices):
    MAIN = "main", _("Diễn đàn chính")
    RELATED = "related", _("Sự kiện liên quan")


@reversion.register()
class Series(FieldSources, Publishable):
    SLUG_REDIRECTS = True  # an old slug answers 301 (core/slugs.py)

    name = models.CharField(_("tên"), max_length=300)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=300, blank=True)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    slug = models.SlugField(
        _("địa chỉ rút gọn"),
        max_length=120,
        unique=True,
        help_text=_("Phần cuối địa chỉ trang, chữ không dấu nối bằng gạch ngang; đổi thì địa chỉ cũ tự chuyển tiếp."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=SeriesKind.choices, default=SeriesKind.RELATED)
    description = models.TextField(_("giới thiệu"), blank=True)
    description_en = models.TextField(_("giới thiệu (tiếng Anh)"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_series",
    )
    organiser_note = models.CharField(_("ghi chú về cơ quan chủ trì"), max_length=300, blank=True)
    organiser_note_en = models.CharField(_("ghi chú về cơ quan chủ trì (tiếng Anh)"), max_length=300, blank=True)
    founded_year = models.PositiveIntegerField(_("năm bắt đầu"), null=True, blank=True)
    founding_text = models.TextField(_("căn cứ thành lập"), blank=True)
    founding_text_en = models.TextField(_("căn cứ thành lập (tiếng Anh)"), blank=True)
    frequency = models.CharField(_("tần suất"), max_length=100, blank=True)
    frequency_en = models.CharField(_("tần suất (tiếng Anh)"), max_length=100, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="series")
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="series")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuỗi sự kiện")
        verbose_name_plural = _("chuỗi sự kiện")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_main(self) -> bool:
        return self.kind == SeriesKind.MAIN

    def get_absolute_url(self) -> str:
        if self.is_main:
            return reverse("editions:edition_list")
        return reverse("editions:series", args=[self.slug])


class EditionQuerySet(PublishableQuerySet):
    def main(self):
        return self.filter(series__kind=SeriesKind.MAIN)

    def related(self):
        return self.filter(series__kind=SeriesKind.RELATED)

    def for_list(self):
        return self.select_related("series").order_by("series__order", "year", "number")

    def for_page(self):
        """Show `organiser` and `series.organiser` through `if_public`. Strands, topics and sources are the page's
        own lazy querysets: a page whose sections come from the fragment cache loads none of them."""
        return self.select_related("series", "series__organiser", "organiser")


@reversion.register(follow=("strands", "appearances", "bridge_points"))
class Edition(FieldSources, Publishable):
    PUBLIC_PARENTS = ("series",)
    series = models.ForeignKey(Series, verbose_name=_("chuỗi"), on_delete=models.PROTECT, related_name="editions")
    number = models.PositiveIntegerField(_("lần thứ"), null=True, blank=True)
    year = models.PositiveIntegerField(_("năm"))
    year_inferred = models.BooleanField(
        _("năm được suy ra"), default=False, help_text=_("Nguồn không nêu năm; năm được suy ra.")
    )
    inference_note = models.CharField(
        _("cách suy ra"), max_length=300, blank=True, help_text=_("Công khai: điều gì được suy ra, từ đâu.")
    )
    inference_note_en = models.CharField(_("cách suy ra (tiếng Anh)"), max_length=300, blank=True)
    name = models.CharField(_("tên"), max_length=300, blank=True, help_text=_("Để trống: lấy theo tên chuỗi và lần."))
    theme = models.CharField(_("chủ đề (khẩu hiệu)"), max_length=400, blank=True)
    theme_en = models.CharField(_("chủ đề (tiếng Anh)"), max_length=400, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    start_date_inferred = models.BooleanField(
        _("ngày được suy ra"), default=False, help_text=_("Nguồn không nêu ngày; ngày được suy ra (ghi cách suy ra).")
    )
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    date_text = models.CharField(_("thời gian (như nguồn nêu)"), max_length=200, blank=True)
    date_text_en = models.CharField(_("thời gian (tiếng Anh)"), max_length=200, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=300, blank=True)
    venue_en = models.CharField(_("địa điểm (tiếng Anh)"), max_length=300, blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan chủ trì tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_editions",
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    summary_en = models.TextField(_("tóm tắt (tiếng Anh)"), blank=True)
    context = models.TextField(_("bối cảnh"), blank=True)
    context_en = models.TextField(_("bối cảnh (tiếng Anh)"), blank=True)
    focus = models.TextField(_("trọng tâm"), blank=True)
    focus_en = models.TextField(_("trọng tâm (tiếng Anh)"), blank=True)
    highlights = models.TextField(_("điểm nhấn và nội dung chính"), blank=True)
    highlights_en = models.TextField(_("điểm nhấn và nội dung chính (tiếng Anh)"), blank=True)
    participants_text = models.TextField(_("thành phần tham dự"), blank=True)
    participants_text_en = models.TextField(_("thành phần tham dự (tiếng Anh)"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="editions")
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="editions")

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["series__order", "year", "number"]
        verbose_name = _("kỳ tổ chức")
        verbose_name_plural = _("kỳ tổ chức")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="unique_edition_per_series_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def roman(self) -> str:
        return to_roman(self.number) if self.number else ""

    @property
    def title(self) -> str:
        """The edition's name in the page's language: "… lần thứ III", "3rd National Forum on …"."""
        if self.name:
            return self.name
        if is_english() and self.series.name_en:
            if self.series.is_main and self.number:
                return f"{ordinal(self.number)} {self.series.name_en}"
            return f"{self.series.name_en} {self.year}"
        if self.series.is_main and self.number:
            return f"{self.series.name} lần thứ {self.roman}"
        return f"{self.series.name} {self.year}"

    def get_absolute_url(self) -> str:
        if self.series.is_main:
            return reverse("edition", args=[self.year])
        return reverse("series_edition", args=[self.series.slug, self.year])


@reversion.register()
class Strand(LockVersioned):
    PUBLIC_PARENTS = ("edition",)  # no status of its own: public with its edition

    edition = models.ForeignKey(Edition, verbose_name=_("kỳ"), on_delete=models.CASCADE, related_name="strands")
    order = models.PositiveIntegerField(_("thứ tự"), default=1)
    title = models.CharField(_("tên nhóm vấn đề"), max_length=400)
    title_en = models.CharField(_("tên nhóm vấn đề (tiếng Anh)"), max_length=400, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    description_en = models.TextField(_("mô tả (tiếng Anh)"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="strands")
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="strands")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("nhóm vấn đề thảo luận")
        verbose_name_plural = _("nhóm vấn đề thảo luận")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.edition.get_absolute_url()}#nhom-{self.order}"


@reversion.register()
class BridgePoint(LockVersioned):
    PUBLIC_PARENTS = ("edition",)  # public with its edition; show `host` through `if_public`

    edition = models.ForeignKey(Edition, verbose_name=_("kỳ"), on_delete=models.CASCADE, related_name="bridge_points")
    name = models.CharField(_("tên điểm cầu"), max_length=200)
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan chủ trì điểm cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bridge_points",
    )
    description = models.TextField(_("nội dung tại điểm cầu"), blank=True)
    description_en = models.TextField(_("nội dung tại điểm cầu (tiếng Anh)"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=1)
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="bridge_points")
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="bridge_points")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")

    def __str__(self) -> str:
        return self.name


class Part(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("vai trò tại sự kiện", "Chủ trì")  # a chair, not a task's lead agency
    CO_CHAIR = "co_chair", _("Đồng chủ trì")
    SPEAKER = "speaker", _("Phát biểu")
    BRIDGE_LEAD = "bridge_lead", _("Chủ trì điểm cầu")
    PARTICIPANT = "participant", _("Tham dự")


class AppearanceQuerySet(PublishableQuerySet):
    def in_protocol_order(self):
        return self.select_related("person", "organisation", "bridge_point").order_by("order", "id")


@reversion.register()
class Appearance(LockVersioned):
    """A person's role *at that edition*; one row per role, several rows for several roles."""

    PUBLIC_PARENTS = ("edition", "person")  # shown only when both are public; `organisation` through `if_public`

    edition = models.ForeignKey(Edition, verbose_name=_("kỳ"), on_delete=models.CASCADE, related_name="appearances")
    person = models.ForeignKey(Person, verbose_name=_("nhân vật"), on_delete=models.PROTECT, related_name="appearances")
    title = models.CharField(_("chức vụ khi đó"), max_length=400)
    title_en = models.CharField(_("chức vụ khi đó (tiếng Anh)"), max_length=400, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appearances",
    )
    part = models.CharField(_("vai trò tại sự kiện"), max_length=20, choices=Part.choices, blank=True)
    bridge_point = models.ForeignKey(
        BridgePoint,
        verbose_name=_("điểm cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appearances",
    )
    order = models.PositiveIntegerField(_("thứ tự nghi thức"), default=100)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú (tiếng Anh)"), blank=True)
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="appearances")

    objects = AppearanceQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "order", "id"]
        verbose_name = _("vai trò tại kỳ")
        verbose_name_plural = _("vai trò tại kỳ")

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"


@reversion.register()
class Programme(Publishable):
    PUBLIC_PARENTS = ("edition",)
    SLUG_REDIRECTS = True  # an old slug answers 301 (core/slugs.py)

    name = models.CharField(_("tên chương trình"), max_length=300)
    name_en = models.CharField(
        _("tên chương trình (tiếng Anh)"), max_length=300, blank=True, help_text=_("Chỉ phần dịch nghĩa.")
    )
    other_names = models.TextField(_("tên gọi khác"), blank=True, help_text=_("Mỗi dòng một tên."))
    other_names_inferred = models.BooleanField(
        _("tên gọi khác là suy ra"),
        default=False,
        help_text=_("Nguồn không nói rõ các tên này là cùng một chương trình; ghi cách suy ra."),
    )
    inference_note = models.TextField(
        _("cách suy ra"), blank=True, help_text=_("Công khai: điều gì được suy ra, từ đâu.")
    )
    inference_note_en = models.TextField(_("cách suy ra (tiếng Anh)"), blank=True)
    slug = models.SlugField(
        _("địa chỉ rút gọn"),
        max_length=120,
        unique=True,
        help_text=_("Phần cuối địa chỉ trang, chữ không dấu nối bằng gạch ngang; đổi thì địa chỉ cũ tự chuyển tiếp."),
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("phát động tại kỳ"), on_delete=models.PROTECT, related_name="programmes"
    )
    description = models.TextField(_("mô tả"), blank=True)
    description_en = models.TextField(_("mô tả (tiếng Anh)"), blank=True)
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="programmes")
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="programmes")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "name"]
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{self.edition.get_absolute_url()}#chuong-trinh-{self.slug}"

    @property
    def other_name_list(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]


class KeyFigureQuerySet(PublishableQuerySet):
    def for_list(self):
        """Show `source` and `edition` through `if_public`."""
        return self.select_related("source", "edition", "edition__series").order_by("order", "key")


@reversion.register()
class KeyFigure(Publishable):
    key = models.SlugField(_("mã số liệu"), max_length=80, unique=True, help_text=_("Dùng làm neo #mã trên /so-lieu/."))
    label = models.CharField(_("số liệu về"), max_length=300)
    label_en = models.CharField(_("số liệu về (tiếng Anh)"), max_length=300, blank=True)
    text_as_written = models.CharField(_("như nguồn viết"), max_length=300)
    text_en = models.CharField(_("như nguồn viết (tiếng Anh)"), max_length=300, blank=True)
    value = models.DecimalField(_("giá trị số"), max_digits=20, decimal_places=4, null=True, blank=True)
    qualifier = models.CharField(_("từ định lượng"), max_length=40, blank=True, help_text=_("gần, khoảng, trên, top…"))
    qualifier_en = models.CharField(_("từ định lượng (tiếng Anh)"), max_length=40, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=80, blank=True)
    unit_en = models.CharField(_("đơn vị (tiếng Anh)"), max_length=80, blank=True)
    as_of_date = models.DateField(_("tính đến ngày"), null=True, blank=True)
    as_of_text = models.CharField(_("thời điểm (như đã biết)"), max_length=200, blank=True)
    as_of_text_en = models.CharField(_("thời điểm (tiếng Anh)"), max_length=200, blank=True)
    source = models.ForeignKey(Source, verbose_name=_("nguồn"), on_delete=models.PROTECT, related_name="figures")
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("kỳ liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="figures",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="figures")
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú (tiếng Anh)"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = KeyFigureQuerySet.as_manager()

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")

    def __str__(self) -> str:
        return f"{self.label}: {self.text_as_written}"

    def get_absolute_url(self) -> str:
        return reverse("editions:figures") + f"#{self.key}"
