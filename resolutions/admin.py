"""Admin for documents, their sections and tasks, and the tasks' status updates."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import clock
from core.admin import (
    COMPACT_TEXT,
    AttachmentInline,
    ImmutableFieldsAdmin,
    InlineLockVersionForm,
    LockedInlineMixin,
    PublishableAdmin,
    SystemFieldsAdmin,
    immutable_fields_form,
    restrict_choices,
)
from resolutions.admin_import import NoticeImportAdminMixin
from resolutions.models import Document, Section, StatusUpdate, Task, TaskStatus


def _section_label(section: Section) -> str:
    return f"{section.document} — {section}"


# Inlines ---------------------------------------------------------------------------------------------------------


class SectionInline(LockedInlineMixin, admin.TabularInline):
    model = Section
    form = immutable_fields_form("number")  # anchors #muc-<number> must not move
    fields = ("number", "title", "kind", "body")
    formfield_overrides = COMPACT_TEXT
    ordering = ("number",)
    extra = 0
    show_change_link = True


class TaskInline(LockedInlineMixin, admin.TabularInline):
    """The document's tasks at a glance; partners, topics, sources and updates on the task's own page."""

    model = Task
    form = immutable_fields_form("number")  # URLs /van-ban/<key>/nhiem-vu/<number>/ must not move
    fields = ("number", "title", "summary", "lead", "deadline_text", "deadline_kind", "deadline_date")
    autocomplete_fields = ("lead",)
    formfield_overrides = COMPACT_TEXT
    ordering = ("number",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")  # each row shows str(task)


class StatusUpdateForm(InlineLockVersionForm):
    """A status update says how far the task has got, when (or "không rõ ngày") and on whose word: the same
    checks on the task's page and on the update's own page."""

    date_unknown = forms.BooleanField(label=_("Không rõ ngày"), required=False)

    class Meta:
        model = StatusUpdate
        fields = ("date", "date_unknown", "status", "note", "source", "source_url")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and self.instance.date is None:
            self.fields["date_unknown"].initial = True

    def clean(self):
        cleaned = super().clean()
        date, unknown = cleaned.get("date"), cleaned.get("date_unknown")
        if date and unknown:
            self.add_error("date_unknown", _("Đã nhập ngày thì bỏ dấu “Không rõ ngày”."))
        elif not date and not unknown and "date" not in self.errors:
            self.add_error("date", _("Hãy nhập ngày, hoặc đánh dấu “Không rõ ngày”."))
        reported = cleaned.get("status") not in (None, "", TaskStatus.NO_UPDATE)
        if reported and (self.instance.pk is None or self.has_changed()):
            if not (cleaned.get("note") or "").strip():
                self.add_error("note", _("Hãy ghi tóm tắt điều đã được báo cáo."))
            if not cleaned.get("source") and not cleaned.get("source_url"):
                self.add_error("source", _("Hãy chọn nguồn hoặc nhập đường dẫn nguồn của cập nhật này."))
        return cleaned


class StatusUpdateInline(LockedInlineMixin, admin.TabularInline):
    model = StatusUpdate
    form = StatusUpdateForm
    fields = ("date", "date_unknown", "status", "note", "source", "source_url", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("source",)
    formfield_overrides = COMPACT_TEXT
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("task__document")  # each row shows str(update)


# Model admins ----------------------------------------------------------------------------------------------------


@admin.register(Document)
class DocumentAdmin(NoticeImportAdminMixin, PublishableAdmin, ImmutableFieldsAdmin, admin.ModelAdmin):
    list_display = ("key", "number", "doc_type", "title", "issuer", "issue_date", "edition", "order", "status")
    list_display_links = ("key", "number")
    list_filter = (
        "doc_type",
        ("issuer", admin.RelatedOnlyFieldListFilter),
        ("edition", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("issuer", "edition__series")
    search_fields = ("key", "number", "title", "subject", "signer", "summary", "issuer__name", "issuer__short_name")
    autocomplete_fields = ("issuer", "edition", "topics", "sources")
    immutable_fields = ("key",)
    inlines = (SectionInline, TaskInline, AttachmentInline)


@admin.register(Section)
class SectionAdmin(SystemFieldsAdmin, ImmutableFieldsAdmin, admin.ModelAdmin):
    list_display = ("document", "number", "title", "kind")
    list_display_links = ("number", "title")
    list_filter = ("kind", ("document", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("document",)
    search_fields = ("title", "body", "document__key", "document__number", "document__title")
    autocomplete_fields = ("document", "topics", "sources")
    immutable_fields = ("document", "number")


class JointOrLedForm(forms.ModelForm):
    """A task given jointly names no lead and no partners (`Task.joint_and_led`)."""

    def clean(self):
        cleaned = super().clean()
        names = ("lead", "partners", "partners_text", "assignees", "assignees_text")
        if Task.joint_and_led(**{name: cleaned.get(name) for name in names}):
            raise ValidationError(_("Nhiệm vụ giao chung không có cơ quan chủ trì, phối hợp: để trống một trong hai."))
        return cleaned


@admin.register(Task)
class TaskAdmin(PublishableAdmin, ImmutableFieldsAdmin, admin.ModelAdmin):
    list_display = (
        "document",
        "number",
        "title",
        "lead",
        "deadline_text",
        "deadline_kind",
        "progress",
        "deadline_state_label",
        "status",
    )
    list_display_links = ("number", "title")
    list_filter = (
        "deadline_kind",
        ("document", admin.RelatedOnlyFieldListFilter),
        ("lead", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("document", "lead")
    search_fields = (
        "title",
        "summary",
        "label",
        "deadline_text",
        "partners_text",
        "document__key",
        "document__number",
        "document__title",
        "lead__name",
        "lead__short_name",
    )
    ordering = ("document__order", "document__key", "number")
    autocomplete_fields = ("document", "lead", "partners", "assignees", "topics", "sources")
    # A task is addressed by its document's key and its number: both fixed once created.
    immutable_fields = ("document", "number")
    inlines = (StatusUpdateInline,)

    def get_queryset(self, request):
        # The latest status update in the same query as the tasks (no query per row).
        return super().get_queryset(request).with_current_status()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        sections = Section.objects.select_related("document").order_by("document__key", "number")
        if obj is not None:
            sections = sections.filter(document=obj.document_id)
        restrict_choices(form, "section", sections, label=_section_label)
        return type(form.__name__, (JointOrLedForm, form), {})

    @admin.display(description=_("tình trạng thực hiện"), ordering="current_status_value")
    def progress(self, obj: Task) -> str:
        return obj.current_status().label

    @admin.display(description=_("tình trạng thời hạn"))
    def deadline_state_label(self, obj: Task) -> str:
        return obj.deadline_state(clock.today()).label


@admin.register(StatusUpdate)
class StatusUpdateAdmin(SystemFieldsAdmin, admin.ModelAdmin):
    list_display = ("task", "date", "status", "source", "created_at")
    list_filter = ("status", ("task__document", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("task__document", "source")
    search_fields = ("note", "task__title", "task__document__key", "task__document__number", "source__title")
    autocomplete_fields = ("task", "source")


from resolutions import dashboard  # noqa: E402, F401 - the "Quá hạn chưa cập nhật" panel on the admin's front page
