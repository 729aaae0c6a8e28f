"""Every admin input answers with a form error, never a 500 (issue 11: the three 500s, control characters)."""

import pytest
from django.urls import reverse

from core.forms import control_characters
from core.publishing import Status
from resolutions.models import Document, Section, StatusUpdate, Task, TaskStatus
from tests.admin_forms import change_form_data, post_change
from tests.factories import make_document, make_organisation, make_section, make_source, make_task
from tests.users import editor, publisher, signed_in

pytestmark = pytest.mark.django_db


def task_url(task: Task) -> str:
    return reverse("admin:resolutions_task_change", args=[task.pk])


@pytest.mark.parametrize(
    ("field", "value"),
    [("lead", "abc"), ("partners", "x,-1"), ("partners", ["x", "-1"]), ("lead", "-1"), ("topics", "1e9")],
)
def test_odd_related_values_on_the_task_form_are_form_errors(field, value):
    task = make_task(lead=make_organisation(), status=Status.DRAFT)
    response = post_change(signed_in(publisher()), task_url(task), **{field: value, "title": "Tên mới"})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert Task.objects.get(pk=task.pk).title == task.title


def test_editing_only_an_inline_row_of_a_published_document_without_a_note_is_a_form_error():
    document = make_document()
    section = make_section(document, title="Kết quả")
    url = reverse("admin:resolutions_document_change", args=[document.pk])
    response = post_change(signed_in(publisher()), url, **{"sections-0-title": "Kết quả đã sửa"})
    assert response.status_code == 200
    assert "change_note" in response.context["adminform"].form.errors
    assert Section.objects.get(pk=section.pk).title == "Kết quả"


@pytest.mark.parametrize("bad", ["\x07", "\x1b[31m", "\x7f", "\x85", "\x00"])
def test_control_characters_are_refused_in_text_fields(bad):
    document = make_document(status=Status.DRAFT)
    url = reverse("admin:resolutions_document_change", args=[document.pk])
    response = post_change(signed_in(editor()), url, title=f"Tiêu đề{bad}lạ")
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["title"])
    assert "ký tự điều khiển" in errors or "ký tự rỗng" in errors
    assert Document.objects.get(pk=document.pk).title == document.title


def test_newlines_and_tabs_are_kept():
    assert control_characters("Dòng một\r\nDòng hai\tcột") == []
    document = make_document(status=Status.DRAFT)
    url = reverse("admin:resolutions_document_change", args=[document.pk])
    response = post_change(signed_in(editor()), url, summary="Đoạn một\r\n\r\nĐoạn\thai")
    assert response.status_code == 302
    assert "\t" in Document.objects.get(pk=document.pk).summary


def test_a_status_update_added_on_the_task_page_keeps_its_status():
    """The inline had no status field: "đã trình" was stored as "chưa có thông tin cập nhật"."""
    task = make_task(status=Status.DRAFT)
    source = make_source()
    client = signed_in(editor())
    data = change_form_data(client.get(task_url(task))) | {
        "status_updates-TOTAL_FORMS": "1",
        "status_updates-0-date": "2025-03-01",
        "status_updates-0-status": TaskStatus.SUBMITTED,
        "status_updates-0-note": "Bộ đã trình dự thảo.",
        "status_updates-0-source": str(source.pk),
    }
    response = client.post(task_url(task), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    update = StatusUpdate.objects.get(task=task)
    assert update.status == TaskStatus.SUBMITTED
    assert Task.objects.get(pk=task.pk).current_status().status == TaskStatus.SUBMITTED


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"status_updates-0-status": TaskStatus.DONE, "status_updates-0-note": "Xong"}, "date"),
        ({"status_updates-0-date_unknown": "on", "status_updates-0-status": TaskStatus.DONE}, "note"),
        (
            {
                "status_updates-0-date_unknown": "on",
                "status_updates-0-status": TaskStatus.DONE,
                "status_updates-0-note": "X",
            },
            "source",
        ),
    ],
)
def test_a_status_update_needs_a_date_or_no_known_date_a_note_and_a_source(row, field):
    task = make_task(status=Status.DRAFT)
    client = signed_in(editor())
    data = change_form_data(client.get(task_url(task))) | {"status_updates-TOTAL_FORMS": "1"} | row
    response = client.post(task_url(task), data)
    assert response.status_code == 200
    assert field in response.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert not StatusUpdate.objects.filter(task=task).exists()
