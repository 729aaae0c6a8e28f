"""Documents (conclusions notices and others) and their sections."""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.language import in_language
from core.provenance import FieldSources
from core.publishing import LockVersioned, Publishable, PublishableQuerySet, if_public, published_q
from editions.models import Edition, Organisation, Source, Topic


class DocumentQuerySet(PublishableQuerySet):
    def for_list(self):
        """Show `issuer` and `edition` through `if_public` (they are loaded whatever their status)."""
        return self.select_related("issuer", "edition", "edition__series").in_list_order()

    def in_list_order(self):
        return self.order_by("order", "-issue_date", "key")

    def for_page(self):
        """The document's own row and what its heading shows; its sections, tasks, topics and sources are the page's
        lazy reads (the body is a cached fragment, core/fragments.py)."""
        return self.select_related("issuer", "edition", "edition__series")

    def with_task_count(self):
        from resolutions.models.tasks import Task  # tasks.py imports this module

        return self.annotate(published_task_count=models.Count("tasks", filter=published_q(Task, "tasks")))

    def with_public_tasks(self):
        """Documents that have at least one public task (a semi-join: no counting, no grouping by every column)."""
        from resolutions.models.tasks import Task

        return self.filter(models.Exists(Task.objects.published().filter(document=models.OuterRef("pk"))))


@reversion.register(follow=("sections",))
class Document(FieldSources, Publishable):
    SHOWN_ON = ("edition",)  # its edition's page lists it (core/warming.py renders that page too after a write)
    GENERATION_OWNERS = ("self",)  # its own generation: blocks keyed on it (core/fragments.py, `objects=`)

    key = models.SlugField(
        _("mã văn bản"),
        max_length=80,
        unique=True,
        help_text=_("Cố định khi tạo, dùng trong địa chỉ: 4-tb-vpcp; văn bản cùng số năm khác: 4-tb-vpcp-2027."),
    )
    number = models.CharField(
        _("số hiệu"), max_length=80, blank=True, help_text=_("Không duy nhất: số thông báo lặp lại mỗi năm.")
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=100)
    doc_type_en = models.CharField(_("loại văn bản (tiếng Anh)"), max_length=100, blank=True)
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issue_date_text = models.CharField(_("ngày ban hành (như đã biết)"), max_length=200, blank=True)
    issue_date_text_en = models.CharField(_("ngày ban hành (tiếng Anh)"), max_length=200, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    signer_en = models.CharField(_("người ký (tiếng Anh)"), max_length=200, blank=True)
    title = models.CharField(_("tên gọi"), max_length=400)
    title_en = models.CharField(_("tên gọi (tiếng Anh)"), max_length=400, blank=True)
    subject = models.TextField(_("trích yếu"))
    subject_en = models.TextField(_("trích yếu (tiếng Anh)"), blank=True)
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("kết luận của kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    related_series_slug = models.SlugField(_("chuỗi sự kiện liên quan"), max_length=120, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    summary_en = models.TextField(_("tóm tắt (tiếng Anh)"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="documents")
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="documents")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    VERSIONED = True  # each publish stores an immutable snapshot with its sections and tasks

    def __str__(self) -> str:
        return self.number or self.title

    def get_absolute_url(self) -> str:
        return reverse("resolutions:document", args=[self.key])

    def get_versions_url(self) -> str:
        return reverse("resolutions:document_versions", args=[self.key])

    def snapshot_data(self) -> dict:
        data = super().snapshot_data()
        issuer = if_public(self.issuer)
        data["issuer_name"] = issuer.name if issuer else ""
        data["sections"] = [
            {"number": s.number, "title": s.title, "kind": s.kind, "body": s.body}
            for s in self.sections.order_by("number")
        ]
        data["tasks"] = [task.snapshot_data() for task in self.tasks.published().order_by("number")]
        return data

    @property
    def display_title(self) -> str:
        """ "Thông báo 4/TB-VPCP" ("Notice 4/TB-VPCP" on English pages); the title when there is no number."""
        if self.number:
            return f"{in_language(self, 'doc_type')[0]} {self.number}".strip()
        return in_language(self, "title")[0]


class SectionKind(models.TextChoices):
    RESULTS = "results", _("Kết quả")
    LIMITATIONS = "limitations", _("Hạn chế")
    DIRECTIONS = "directions", _("Định hướng")
    TASKS = "tasks", _("Nhiệm vụ")
    OTHER = "other", _("Khác")


@reversion.register()
class Section(LockVersioned):
    PUBLIC_PARENTS = ("document",)  # no status of its own: public with its document
    GENERATION_OWNERS = ("self",)

    document = models.ForeignKey(Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveIntegerField(_("mục số"), help_text=_("Cố định: dùng trong neo #muc-số của trang văn bản."))
    title = models.CharField(_("tiêu đề"), max_length=300)
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=SectionKind.choices, default=SectionKind.OTHER)
    body = models.TextField(
        _("nội dung"), blank=True, help_text=_("Đoạn cách nhau một dòng trống; dòng bắt đầu bằng “- ” là ý liệt kê.")
    )
    body_en = models.TextField(_("nội dung (tiếng Anh)"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="sections")
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="sections")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_section_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#muc-{self.number}"
