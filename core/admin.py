"""The admin site's identity and the building blocks both apps' admins share.

No business rules here: the publishing workflow (roles, `lock_version` checks, snapshots) will plug into
`PublishableAdmin`, which for now only groups the publishing fields and shows the system fields read-only.
"""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_publish import WorkflowAdminMixin
from core.admin_workflow import (  # noqa: F401 - LockedInlineMixin is re-exported for the apps
    INLINE_MAX_ROWS,
    ContentAdminMixin,
    InlineLockVersionForm,
    LockedInlineMixin,
)
from core.attachments import validate_upload
from core.feedback import clean_page_path
from core.models import Attachment, AuditEntry, Feedback, PublishedVersion, SlugRedirect

admin.site.site_header = _("Kho tri thức Diễn đàn Kinh tế số — Quản trị")
admin.site.site_title = _("Kho tri thức Diễn đàn Kinh tế số — Quản trị")
admin.site.index_title = _("Biên tập nội dung")

PUBLISHING_FIELDS = ("status", "editor_note")
# Set by the system, never typed by an editor; shown read-only on the change page of a model that has them.
SYSTEM_FIELDS = ("first_published_at", "public_version", "created_at", "updated_at")  # lock_version: internal


# Text areas in the rows of a tabular inline stay a few lines high.
COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 50})}}


class SystemFieldsAdmin(ContentAdminMixin):
    """Mixin for a ModelAdmin (put it before `admin.ModelAdmin`): the model's `SYSTEM_FIELDS`
    read-only on the change page, absent from the add form; other read-only fields (a fixed key)
    keep their place in the model's order instead of falling to the end of the form."""

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self.fields:
            return fields
        position = {f.name: i for i, f in enumerate(sorted([*self.model._meta.fields, *self.model._meta.many_to_many]))}
        content = sorted((f for f in fields if f not in SYSTEM_FIELDS), key=lambda f: position.get(f, len(position)))
        return content + [f for f in fields if f in SYSTEM_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        if obj is None:
            return own
        present = {field.name for field in self.model._meta.concrete_fields}
        return own + tuple(f for f in SYSTEM_FIELDS if f in present and f not in own)


class PublishableAdmin(WorkflowAdminMixin, SystemFieldsAdmin):
    """Mixin for the ModelAdmin of every `Publishable` model (put it before `admin.ModelAdmin`).

    - a status filter first in the sidebar, then the admin's own `list_filter`;
    - timestamps and version numbers read-only on the change page;
    - a "Xuất bản" fieldset (status, editor note, versions) after the content fields,
      unless the admin declares its own `fieldsets`.
    The publishing workflow (roles, `lock_version` checks, snapshots) will hook in here.
    """

    def get_list_filter(self, request):
        own = tuple(super().get_list_filter(request))
        return own if "status" in own else ("status", *own)

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return super().get_fieldsets(request, obj)
        fields = list(self.get_fields(request, obj))
        publishing = [f for f in (*PUBLISHING_FIELDS, *SYSTEM_FIELDS, "change_note", "major") if f in fields]
        content = [f for f in fields if f not in publishing]
        return [(None, {"fields": content}), (_("Xuất bản"), {"fields": publishing})]


class ImmutableFieldsAdmin:
    """Mixin for a ModelAdmin: `immutable_fields` are typed on the add form and read-only afterwards
    (identifiers used in URLs and anchors: document key, task number…)."""

    immutable_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        if obj is None:
            return own
        return tuple(f for f in self.immutable_fields if f not in own) + own

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = dict(super().get_prepopulated_fields(request, obj))
        if obj is not None:
            for name in self.immutable_fields:
                prepopulated.pop(name, None)
        return prepopulated


class ImmutableFieldsForm(InlineLockVersionForm):
    """Inline rows: an existing row's `immutable_fields` are disabled (the posted value is ignored);
    a new row's are editable. Inlines cannot use `get_readonly_fields`, which sees only the parent."""

    immutable_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in self.immutable_fields:
                if name in self.fields:
                    self.fields[name].disabled = True


def immutable_fields_form(*names: str) -> type[ImmutableFieldsForm]:
    return type("ImmutableFieldsForm", (ImmutableFieldsForm,), {"immutable_fields": names})


def restrict_choices(form_class, field_name: str, queryset, label=None) -> None:
    """Narrow a choice field of a form class made by `get_form`/`get_formset` (fresh for each request)."""
    field = form_class.base_fields.get(field_name)
    if field is None:
        return
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Written by `core/slugs.py` on every slug change; editors only look."""

    list_display = ("model_label", "old_slug", "object_id", "created_at")
    list_display_links = None
    list_filter = ("model_label",)
    search_fields = ("old_slug",)
    ordering = ("model_label", "old_slug")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the system: listed and viewed, never typed or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Visible to the "Quản trị" role only (its group alone has view_auditentry)."""

    list_display = ("at", "username", "action", "object_label", "object_type", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("username", "object_label", "detail")
    list_select_related = ("user",)
    date_hierarchy = "at"


@admin.register(PublishedVersion)
class PublishedVersionAdmin(ReadOnlyAdmin):
    list_display = ("title", "number", "published_at", "published_by", "major", "change_note")
    list_filter = ("content_type", "major")
    list_select_related = ("published_by", "content_type")
    search_fields = ("title", "change_note")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "page_link", "short_message", "handled")
    list_filter = ("handled", "kind")
    search_fields = ("page", "message")
    readonly_fields = ("page_link", "kind", "message", "created_at")
    fields = ("page_link", "kind", "message", "created_at", "handled", "editor_reply")

    @admin.display(description=_("trang được góp ý"))
    def page_link(self, obj):
        """The page as text; a link only when it is still a path of this site (checked again: old rows too)."""
        if clean_page_path(obj.page) != obj.page:
            return obj.page
        return format_html('{} <a href="{}" rel="noopener">{}</a>', obj.page, obj.page, _("mở trang"))

    @admin.display(description=_("nội dung"))
    def short_message(self, obj):
        return obj.message[:120]

    def has_add_permission(self, request):
        return False


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("title", "file", "is_public")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            self.instance.mime_type = validate_upload(uploaded)
            self.instance.size = uploaded.size
        return uploaded


class AttachmentInline(GenericTabularInline):
    """Original files (the notice's PDF or scan, photos of the event): type and size checked on upload."""

    model = Attachment
    form = AttachmentForm
    fields = ("title", "file", "is_public", "mime_type", "size", "uploaded_at")
    readonly_fields = ("mime_type", "size", "uploaded_at")
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", INLINE_MAX_ROWS)
        kwargs.setdefault("max_num", INLINE_MAX_ROWS)
        return super().get_formset(request, obj, **kwargs)


# Registered by importing: accounts and roles (who may grant what), the review page ("Chờ duyệt").
from core import admin_accounts, admin_review  # noqa: E402, F401
