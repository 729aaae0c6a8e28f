"""The review page ("Chờ duyệt"): a request's published version against its draft, and the reviewer's decisions —
publish with the change note that becomes the public change-log entry, or send back with a comment. Every decision
goes through `core.review`; a refusal is a message, never a 500 or a bare 403."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dashboard import change_url
from core.forms import CleanTextMixin
from core.models import OPEN_REVIEW_STATES, ReviewRequest, ReviewState
from core.review import draft_comparison, review_discard, review_publish, review_return
from core.workflow import PUBLISH_PERMISSION, EditConflict


class PublishForm(CleanTextMixin, forms.Form):
    seen = forms.IntegerField(widget=forms.HiddenInput)
    change_note = forms.CharField(
        label=gettext_lazy("Ghi chú thay đổi (hiện trong lịch sử cập nhật công khai)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        required=False,
        max_length=2000,
    )
    major = forms.BooleanField(label=gettext_lazy("Thay đổi quan trọng"), required=False, initial=True)


class ReturnForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Nhận xét cho người soạn (bắt buộc khi trả lại)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        max_length=2000,
    )


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ("object_repr", "kind", "submitted_by", "submitted_at", "state", "change_note")
    list_display_links = ("object_repr",)
    list_filter = ("state", "content_type")
    list_select_related = ("submitted_by", "content_type")
    search_fields = ("object_repr", "change_note", "review_comment")
    ordering = ("submitted_at", "pk")  # oldest first: first come, first reviewed

    @admin.display(description=gettext_lazy("loại"))
    def kind(self, obj: ReviewRequest) -> str:
        return _("Sửa nội dung đang công khai") if obj.is_change else _("Nội dung mới")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("draft")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decisions are taken on the review page, through core.review

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        decide = path(
            "<int:pk>/quyet-dinh/", self.admin_site.admin_view(self.decide_view), name="core_reviewrequest_decide"
        )
        return [decide, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return self.review_view(request, int(object_id))
        except ValueError:
            raise Http404 from None

    def _request(self, request, pk: int) -> ReviewRequest:
        if not self.has_view_permission(request):
            raise PermissionDenied
        review = ReviewRequest.objects.select_related("submitted_by", "reviewed_by", "content_type").filter(pk=pk)
        found = review.first()
        if found is None:
            raise Http404
        return found

    def review_view(self, request, pk: int, publish_form=None, return_form=None):
        review = self._request(request, pk)
        obj = review.content_object
        open_ = review.state in OPEN_REVIEW_STATES
        may_publish = request.user.has_perm(PUBLISH_PERMISSION)
        context = {
            **self.admin_site.each_context(request),
            "opts": ReviewRequest._meta,
            "title": _("Duyệt: %(obj)s") % {"obj": review.object_repr},
            "review": review,
            "obj": obj,
            "object_url": change_url(obj) if obj is not None else "",
            "public_url": obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else "",
            "differences": draft_comparison(review) if open_ else [],
            "may_publish": may_publish and open_,
            "may_return": may_publish and review.state == ReviewState.PENDING,
            "may_discard": open_ and review.is_change and (may_publish or review.submitted_by_id == request.user.pk),
            "publish_form": publish_form
            or PublishForm(initial={"seen": review.lock_version, "change_note": review.change_note}),
            "return_form": return_form or ReturnForm(),
        }
        return TemplateResponse(request, "admin/core/review.html", context)

    def decide_view(self, request, pk: int):
        review = self._request(request, pk)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:core_reviewrequest_change", args=[pk]))
        decision = request.POST.get("decision", "")
        try:
            if decision == "publish":
                form = PublishForm(request.POST)
                if not form.is_valid():
                    return self.review_view(request, pk, publish_form=form)
                review_publish(
                    request=review,
                    user=request.user,
                    expected_lock_version=form.cleaned_data["seen"],
                    change_note=form.cleaned_data["change_note"],
                    major=form.cleaned_data["major"],
                )
                messages.success(request, _("Đã xuất bản “%(obj)s”.") % {"obj": review.object_repr})
            elif decision == "return":
                form = ReturnForm(request.POST)
                if not form.is_valid():
                    return self.review_view(request, pk, return_form=form)
                review_return(request=review, user=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Đã trả lại “%(obj)s” cho người soạn.") % {"obj": review.object_repr})
            elif decision == "discard":
                review_discard(request=review, user=request.user)
                messages.success(request, _("Đã huỷ bản sửa đổi của “%(obj)s”.") % {"obj": review.object_repr})
            else:
                raise Http404
        except EditConflict:
            messages.error(
                request, _("Bản sửa đổi đã thay đổi sau khi bạn mở trang này: hãy xem lại trước khi quyết định.")
            )
            return HttpResponseRedirect(reverse("admin:core_reviewrequest_change", args=[pk]))
        except (ValidationError, PermissionDenied) as refusal:
            messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
            return HttpResponseRedirect(reverse("admin:core_reviewrequest_change", args=[pk]))
        return HttpResponseRedirect(reverse("admin:index"))
