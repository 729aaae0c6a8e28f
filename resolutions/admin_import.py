"""Admin screen: paste the text of a conclusions notice, review what the parser proposes, then confirm.

Nothing is saved until the editor confirms; confirming re-parses the same text (kept in the form)
and calls `resolutions.services.notice_import`, which writes everything in one transaction.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editions.models import Organisation
from resolutions.importer import OrganisationIndex, parse_notice
from resolutions.models import Document
from resolutions.services import notice_import

MAX_TEXT = 300_000


class NoticeTextForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Toàn văn thông báo"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=gettext_lazy("Dán nguyên văn, từ tiêu đề đến “Nơi nhận”. Chưa có gì được lưu ở bước này."),
    )


class NoticeConfirmForm(NoticeTextForm):
    key = forms.SlugField(label=gettext_lazy("Mã văn bản (cố định, dùng trong địa chỉ)"), max_length=80)
    tasks = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Nhiệm vụ sẽ nhập"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    create_organisations = forms.BooleanField(
        label=gettext_lazy("Tạo các cơ quan chưa có (ở trạng thái bản nháp)"), required=False
    )

    def __init__(self, *args, task_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = task_choices


class NoticeImportAdminMixin:
    """For DocumentAdmin: an "Nhập từ văn bản" screen."""

    def get_urls(self):
        own = [
            path("nhap-thong-bao/", self.admin_site.admin_view(self.import_view), name="resolutions_document_import")
        ]
        return own + super().get_urls()

    def import_view(self, request):
        if not (self.has_add_permission(request) and request.user.has_perm("resolutions.add_task")):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": Document._meta, "title": _("Nhập thông báo")}
        if request.method != "POST":
            return TemplateResponse(request, "admin/resolutions/import.html", {**context, "form": NoticeTextForm()})
        text_form = NoticeTextForm(request.POST)
        if not text_form.is_valid():
            return TemplateResponse(request, "admin/resolutions/import.html", {**context, "form": text_form})
        notice = parse_notice(
            text_form.cleaned_data["text"], organisations=OrganisationIndex(Organisation.objects.all())
        )
        choices = [(task.number, f"{task.number}. {task.title or task.text[:80]}") for task in notice.tasks]
        if "confirm" in request.POST:
            form = NoticeConfirmForm(request.POST, task_choices=choices)
            if form.is_valid():
                try:
                    document = notice_import(
                        notice=notice,
                        key=form.cleaned_data["key"],
                        user=request.user,
                        task_numbers=set(form.cleaned_data["tasks"]),
                        create_organisations=form.cleaned_data["create_organisations"],
                    )
                except ValidationError as error:
                    form.add_error("key", error)
                else:
                    messages.success(
                        request,
                        _("Đã nhập %(doc)s dưới dạng bản nháp, với %(count)d nhiệm vụ.")
                        % {"doc": document, "count": document.tasks.count()},
                    )
                    return HttpResponseRedirect(reverse("admin:resolutions_document_change", args=[document.pk]))
        else:
            form = NoticeConfirmForm(
                initial={
                    "text": text_form.cleaned_data["text"],
                    "key": notice.suggested_key,
                    "tasks": [task.number for task in notice.tasks],
                },
                task_choices=choices,
            )
        key_taken = Document.objects.filter(key=notice.suggested_key).exists() if notice.suggested_key else False
        return TemplateResponse(
            request,
            "admin/resolutions/import_review.html",
            {**context, "form": form, "notice": notice, "key_taken": key_taken},
        )
