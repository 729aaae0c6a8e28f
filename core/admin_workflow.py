"""The admin's side of the editorial workflow: every save, inline row, action and delete goes through
`core.workflow` (roles, lock_version, revisions, change notes, versions, audit).

- `LockVersionForm`: a hidden `seen_lock_version`; the service's checks of an edit (`content_check_edit`,
  `row_check_edit`: stale form, missing change note) run when the form is validated, under the row lock of the
  admin's transaction, and a refusal is shown as a form error with the stored values (nothing is half-saved).
- `ContentAdminMixin`: one revision per admin save (inline rows included), saves through the services,
  deletes only never-published drafts, history with compare and restore.
- `WorkflowAdminMixin` (core/admin_publish.py): status read-only; "Gửi duyệt", "Xuất bản", "Gỡ xuất bản" buttons and
  actions.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from core.editing import open_request
from core.folding import search_condition
from core.forms import CleanTextMixin, SafeAutocompleteAdminMixin
from core.publishing import Publishable, edit_root
from core.text import fold
from core.workflow import (
    EditConflict,
    can_delete,
    content_check_edit,
    content_delete,
    content_restore,
    content_save,
    revision_block,
    row_check_edit,
    row_save,
)

INLINE_MAX_ROWS = 100  # rows an inline accepts in one post (a notice has about 15 tasks and 6 sections)


class LockVersionForm(CleanTextMixin, forms.ModelForm):
    seen_lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A change to a published thing, or to a row public with it, needs a note (the service says when).
    change_note = forms.CharField(
        label=gettext_lazy("Ghi chú thay đổi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=gettext_lazy(
            "Bắt buộc khi sửa nội dung đang công khai. Ghi chú của thay đổi quan trọng hiện trong lịch sử công khai."
        ),
    )
    major = forms.BooleanField(
        label=gettext_lazy("Thay đổi quan trọng (hiện trong “Lịch sử cập nhật” công khai)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_lock_version"].initial = self.instance.lock_version

    def _post_clean(self):
        super()._post_clean()  # the instance now carries the submitted values, which a conflict compares
        if not self.is_saved():
            return
        try:
            self.check_edit(self.cleaned_data.get("seen_lock_version"))
        except EditConflict as conflict:
            self.add_error(None, conflict.message())
        except ValidationError as refusal:
            for field, errors in getattr(refusal, "message_dict", {None: refusal.messages}).items():
                self.add_error(field if field in self.fields else None, errors)

    def is_saved(self) -> bool:
        """The admin saves the main object whether or not its form changed (its inline rows may have)."""
        return True

    def check_edit(self, seen: int | None) -> None:
        note = self.cleaned_data.get("change_note") or ""
        content_check_edit(obj=self.instance, expected_lock_version=seen, change_note=note)


class InlineLockVersionForm(LockVersionForm):
    """Inline rows carry their own lock_version; the change note belongs to the parent's form."""

    change_note = None
    major = None

    def is_saved(self) -> bool:
        return self.has_changed()  # an unchanged row is not saved

    def check_edit(self, seen: int | None) -> None:
        row_check_edit(obj=self.instance, expected_lock_version=seen)


class PublishableForm(LockVersionForm):
    """The form of a publishable thing (its change note and kind come from `LockVersionForm`)."""


class ContentAdminMixin(SafeAutocompleteAdminMixin):
    """For every content ModelAdmin (put before `admin.ModelAdmin`)."""

    form = LockVersionForm
    change_form_template = "admin/core/change_form.html"
    object_history_template = "admin/core/object_history.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One edit block for the whole page, inline rows included: a thing with an open draft is shown, checked
        # and saved from its draft; a change to a published thing by someone who may not publish becomes its draft.
        stored = self.get_object(request, object_id) if object_id is not None else None
        root = edit_root(stored) if stored is not None else None
        using = router.db_for_write(self.model)
        with revision_block(user=request.user, using=using, start_from=root) as block:
            extra = {"open_request": open_request(root) if root is not None else None, **(extra_context or {})}
            response = super().changeform_view(request, object_id, form_url, extra)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # the page is built from the draft, which the block rolls back
        if block.pending:
            messages.warning(
                request,
                _(
                    "Thay đổi đã được lưu thành bản sửa đổi chờ duyệt của “%(obj)s”: trang công khai, dữ liệu mở và "
                    "trích dẫn vẫn giữ bản đã xuất bản cho đến khi người duyệt xuất bản bản sửa đổi."
                )
                % {"obj": block.root},
            )
        return response

    def save_model(self, request, obj, form, change):
        content_save(
            obj=obj,
            user=request.user,
            expected_lock_version=form.cleaned_data.get("seen_lock_version"),
            change_note=(form.cleaned_data.get("change_note") or "").strip(),
            major=bool(form.cleaned_data.get("major")),
        )

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)  # also fills new/changed/deleted_objects for the admin's log
        seen = {id(f.instance): f.cleaned_data.get("seen_lock_version") for f in formset.forms if f.cleaned_data}
        for obj in formset.deleted_objects:
            content_delete(obj=obj, user=request.user)
        for obj in rows:
            row_save(obj=obj, user=request.user, expected_lock_version=seen.get(id(obj)))
        formset.save_m2m()

    def get_search_results(self, request, queryset, search_term):
        """Every word must match some search field, diacritics and đ folded ("nganh nghe" finds "ngành nghề");
        a number also matches the thing's own number ("7" finds task 7). The autocompletes use it too."""
        fields = self.get_search_fields(request)
        words = fold(search_term).split()
        if not fields or not words:
            return super().get_search_results(request, queryset, search_term)
        for word in words[:10]:
            queryset = queryset.filter(search_condition(self.model, fields, word))
        duplicates = any(lookup_spawns_duplicates(self.opts, name.lstrip("^=@")) for name in fields)
        return queryset, duplicates

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_delete(obj))

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and not can_delete(obj):
            raise PermissionDenied(
                _("“%(obj)s” đã từng xuất bản nên không xoá được; hãy dùng nút “Gỡ xuất bản” trên trang của nó.")
                % {"obj": obj}
            )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        content_delete(obj=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            if can_delete(obj):
                content_delete(obj=obj, user=request.user)
            else:
                messages.warning(
                    request, _("“%(obj)s” đã từng xuất bản nên không xoá; hãy gỡ xuất bản.") % {"obj": obj}
                )

    # History: list, compare any two, restore -------------------------------------------------------------

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        own = [
            path(
                "<path:object_id>/lich-su/so-sanh/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/lich-su/<int:version_id>/khoi-phuc/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
        ]
        return own + super().get_urls()

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision", "revision__user", "revision__note")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử thay đổi: %(obj)s") % {"obj": obj},
            "object": obj,
            "opts": self.model._meta,
            "versions": self._versions(obj),
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        versions = {v.pk: v for v in self._versions(obj)}
        try:
            left, right = (versions[int(request.GET.get(key, ""))] for key in ("a", "b"))
        except (KeyError, ValueError):
            messages.error(request, _("Hãy chọn hai phiên bản sửa đổi để so sánh."))
            return HttpResponseRedirect(
                reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
            )
        if left.revision.date_created > right.revision.date_created:
            left, right = right, left
        rows = []
        for field in obj._meta.concrete_fields:
            if field.attname in {"lock_version", "updated_at", "loaded_fingerprint"}:
                continue
            old, new = left.field_dict.get(field.attname), right.field_dict.get(field.attname)
            rows.append({"label": field.verbose_name, "old": old, "new": new, "changed": old != new})
        context = {
            **self.admin_site.each_context(request),
            "title": _("So sánh hai phiên bản sửa đổi: %(obj)s") % {"obj": obj},
            "object": obj,
            "opts": obj._meta,
            "left": left,
            "right": right,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/core/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if request.method != "POST" or not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(self._versions(obj), pk=version_id)
        try:
            seen = int(request.POST.get("seen_lock_version", ""))
            with transaction.atomic():
                content_restore(obj=obj, version=version, user=request.user, expected_lock_version=seen)
        except (ValueError, EditConflict) as error:
            messages.error(request, str(error) if isinstance(error, EditConflict) else _("Biểu mẫu không hợp lệ."))
        else:
            messages.success(request, _("Đã khôi phục phiên bản sửa đổi thành một phiên bản mới."))
        return HttpResponseRedirect(
            reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        )


class LockedInlineMixin(SafeAutocompleteAdminMixin):
    """Inline rows: lock_version checked per row; a publishable row's publication status never edited inline
    (a status update's own `status` — how far the task has got — is an ordinary field)."""

    form = InlineLockVersionForm

    def get_formset(self, request, obj=None, **kwargs):
        # A posted TOTAL_FORMS of 100,000 built that many forms (31 s): more rows than this are a form error.
        kwargs.setdefault("absolute_max", INLINE_MAX_ROWS)
        kwargs.setdefault("max_num", INLINE_MAX_ROWS)
        return super().get_formset(request, obj, **kwargs)

    def _publication_status(self) -> tuple[str, ...]:
        return ("status",) if issubclass(self.model, Publishable) else ()

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        extra = [] if "seen_lock_version" in fields else ["seen_lock_version"]
        return [f for f in fields if f not in self._publication_status()] + extra

    def get_exclude(self, request, obj=None):
        return (*(super().get_exclude(request, obj) or ()), *self._publication_status())
