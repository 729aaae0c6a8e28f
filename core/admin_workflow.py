"""The admin's side of the editorial workflow: every save, inline row, action and delete goes through
`core.workflow` (roles, lock_version, revisions, change notes, versions, audit).

- `LockVersionForm`: a hidden `seen_lock_version`; the service's checks of an edit (`content_check_edit`,
  `row_check_edit`: stale form, missing change note) run when the form is validated, under the row lock of the
  admin's transaction, and a refusal is shown as a form error with the stored values (nothing is half-saved).
- `ContentAdminMixin`: one revision per admin save (inline rows included), saves through the services,
  deletes only never-published drafts, history with compare and restore.
- `WorkflowAdminMixin`: status read-only; "Gửi duyệt", "Xuất bản", "Gỡ xuất bản" buttons and actions.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from core.publishing import Status
from core.workflow import (
    PUBLISH_PERMISSION,
    EditConflict,
    can_delete,
    content_check_edit,
    content_delete,
    content_publish,
    content_restore,
    content_save,
    content_submit_for_review,
    content_withdraw,
    revision_block,
    row_check_edit,
    row_save,
)


class LockVersionForm(forms.ModelForm):
    seen_lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_lock_version"].initial = self.instance.lock_version

    def _post_clean(self):
        super()._post_clean()  # the instance now carries the submitted values, which a conflict compares
        if self.instance.pk is None or not self.is_saved():
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

    def is_saved(self) -> bool:
        return self.has_changed()  # an unchanged row is not saved

    def check_edit(self, seen: int | None) -> None:
        row_check_edit(obj=self.instance, expected_lock_version=seen)


class PublishableForm(LockVersionForm):
    change_note = forms.CharField(
        label=gettext_lazy("Ghi chú thay đổi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=gettext_lazy("Bắt buộc khi sửa nội dung đang công khai. Ghi chú quan trọng hiện công khai."),
    )
    major = forms.BooleanField(
        label=gettext_lazy("Thay đổi quan trọng (hiện trong “Lịch sử cập nhật” công khai)"), required=False
    )


class ContentAdminMixin:
    """For every content ModelAdmin (put before `admin.ModelAdmin`)."""

    form = LockVersionForm
    change_form_template = "admin/core/change_form.html"
    object_history_template = "admin/core/object_history.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One revision for the whole save, inline rows included; the service adds note and kind.
        with revision_block(user=request.user, using=router.db_for_write(self.model)):
            return super().changeform_view(request, object_id, form_url, extra_context)

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

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_delete(obj))

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


class WorkflowAdminMixin(ContentAdminMixin):
    """For the ModelAdmin of a `Publishable` model."""

    form = PublishableForm

    actions = ("submit_selected", "publish_selected")

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        return own if "status" in own else ("status", *own)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        own = [
            path(
                "<path:object_id>/quy-trinh/<str:step>/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {"workflow": self._workflow_context(request, obj)} if obj is not None else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _workflow_context(self, request, obj) -> dict:
        can_change = self.has_change_permission(request, obj)
        can_publish = request.user.has_perm(PUBLISH_PERMISSION)
        return {
            "obj": obj,
            "submit": can_change and obj.status in {Status.DRAFT, Status.WITHDRAWN},
            "publish": can_publish and obj.status != Status.PUBLISHED,
            "withdraw": can_publish and obj.status == Status.PUBLISHED,
            "preview_url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
        }

    def workflow_view(self, request, object_id, step):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if request.method != "POST":
            raise PermissionDenied
        steps = {
            "gui-duyet": lambda seen: content_submit_for_review(obj=obj, user=request.user, expected_lock_version=seen),
            "xuat-ban": lambda seen: content_publish(
                obj=obj,
                user=request.user,
                expected_lock_version=seen,
                change_note=request.POST.get("note", ""),
                major=True,
            ),
            "go-xuat-ban": lambda seen: content_withdraw(
                obj=obj, user=request.user, expected_lock_version=seen, reason=request.POST.get("note", "")
            ),
        }
        if step not in steps:
            raise Http404
        try:
            steps[step](int(request.POST.get("seen_lock_version", "")))
        except ValueError:
            messages.error(request, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
        except (EditConflict, ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Đã cập nhật trạng thái: %(status)s.") % {"status": obj.get_status_display()})
        return HttpResponseRedirect(
            reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        )

    @admin.action(description=gettext_lazy("Gửi duyệt các mục đã chọn"))
    def submit_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            lambda obj: content_submit_for_review(obj=obj, user=request.user, expected_lock_version=obj.lock_version),
        )

    @admin.action(description=gettext_lazy("Xuất bản các mục đã chọn"))
    def publish_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            lambda obj: content_publish(obj=obj, user=request.user, expected_lock_version=obj.lock_version),
        )

    def _bulk(self, request, queryset, step) -> None:
        done = 0
        for obj in queryset:
            try:
                step(obj)
                done += 1
            except (PermissionDenied, ValidationError, EditConflict) as error:
                messages.error(request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if done:
            messages.success(request, _("Đã cập nhật %(count)d mục.") % {"count": done})


class LockedInlineMixin:
    """Inline rows: lock_version checked per row; status never edited inline."""

    form = InlineLockVersionForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        extra = [] if "seen_lock_version" in fields else ["seen_lock_version"]
        return [f for f in fields if f != "status"] + extra

    def get_exclude(self, request, obj=None):
        return (*(super().get_exclude(request, obj) or ()), "status")
