"""The publishing side of a publishable thing's admin: status read-only, the "Gửi duyệt", "Xuất bản",
"Gỡ xuất bản" buttons, the bulk actions (offered only to a role that may take them; each row checked against the
lock version the list showed), and a column saying whether the row waits for review."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_workflow import ContentAdminMixin, PublishableForm
from core.editing import open_request
from core.models import OPEN_REVIEW_STATES, ReviewRequest, ReviewState
from core.publishing import Status
from core.review import review_publish
from core.workflow import (
    PUBLISH_PERMISSION,
    EditConflict,
    content_publish,
    content_submit_for_review,
    content_withdraw,
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
        review = open_request(obj)
        return {
            "obj": obj,
            "review": review,
            "review_url": reverse("admin:core_reviewrequest_change", args=[review.pk]) if review else "",
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

    # The list: what each row's publishing stands at, and the lock versions the bulk actions check ---------------

    def get_queryset(self, request):
        requests = ReviewRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=OuterRef("pk"),
            state__in=OPEN_REVIEW_STATES,
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_request_id=Subquery(requests.values("pk")[:1]),
                open_request_state=Subquery(requests.values("state")[:1]),
                draft_lock_version=Subquery(requests.filter(draft__isnull=False).values("lock_version")[:1]),
            )
        )

    def get_list_display(self, request):
        return (*super().get_list_display(request), "review_column")

    @admin.display(description=gettext_lazy("duyệt"))
    def review_column(self, obj) -> str:
        """The lock versions the list showed (checked by the bulk actions) and any open review request."""
        hidden = format_html('<input type="hidden" name="seen-{}" value="{}">', obj.pk, obj.lock_version)
        if getattr(obj, "draft_lock_version", None) is not None:
            hidden += format_html('<input type="hidden" name="draft-{}" value="{}">', obj.pk, obj.draft_lock_version)
        state = getattr(obj, "open_request_state", None)
        if state is None:
            return hidden
        label = _("Có bản sửa đổi chờ duyệt") if obj.draft_lock_version is not None else _("Chờ duyệt")
        if state == ReviewState.RETURNED:
            label = _("Bị trả lại")
        url = reverse("admin:core_reviewrequest_change", args=[obj.open_request_id])
        return hidden + format_html('<a href="{}">{}</a>', url, label)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.action(description=gettext_lazy("Gửi duyệt các mục đã chọn"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            lambda obj, seen, _draft: content_submit_for_review(obj=obj, user=request.user, expected_lock_version=seen),
        )

    @admin.action(description=gettext_lazy("Xuất bản các mục đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        def publish(obj, seen, draft_seen):
            review = open_request(obj)
            if review is not None and review.is_change:
                if draft_seen is None:
                    raise EditConflict([])
                return review_publish(request=review, user=request.user, expected_lock_version=draft_seen)
            return content_publish(obj=obj, user=request.user, expected_lock_version=seen)

        self._bulk(request, queryset, publish)

    def _bulk(self, request, queryset, step) -> None:
        """Each selected row, against the lock versions the list showed: a row changed since (or not on the page
        the editor saw) is refused by name, the others done."""
        done = 0
        for obj in queryset:
            try:
                seen, draft_seen = _posted_int(request, f"seen-{obj.pk}"), _posted_int(request, f"draft-{obj.pk}")
                if seen is None:
                    raise EditConflict([])
                step(obj, seen, draft_seen)
                done += 1
            except (PermissionDenied, ValidationError, EditConflict) as error:
                messages.error(request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if done:
            messages.success(request, _("Đã cập nhật %(count)d mục.") % {"count": done})


def _posted_int(request, name: str) -> int | None:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None
