"""The admin's search boxes and autocompletes fold diacritics and đ, as the public search does; a number finds the
thing with that number (issue 11: "nganh nghe" found nothing)."""

import pytest
from django.urls import reverse

from resolutions.models import Task
from tests.factories import make_document, make_organisation, make_task
from tests.users import editor, signed_in

pytestmark = pytest.mark.django_db


def listed(client, url: str, q: str) -> str:
    return client.get(url, {"q": q}).content.decode()


def test_task_search_ignores_diacritics_and_d():
    wanted = make_task(title="Phát triển ngành nghề số")
    other = make_task(title="Hoàn thiện thể chế")
    party = make_task(title="Nghị quyết của Đảng về chuyển đổi số")
    client = signed_in(editor())
    url = reverse("admin:resolutions_task_changelist")
    page = listed(client, url, "nganh nghe")
    assert reverse("admin:resolutions_task_change", args=[wanted.pk]) in page
    assert reverse("admin:resolutions_task_change", args=[other.pk]) not in page
    assert reverse("admin:resolutions_task_change", args=[party.pk]) in listed(client, url, "dang chuyen doi")
    assert reverse("admin:resolutions_task_change", args=[party.pk]) in listed(client, url, "ĐẢNG")


def test_a_number_finds_the_task_with_that_number():
    document = make_document(key="tb-chu", number="TB/CHU", title="Thông báo", subject="Kết luận")
    words = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám"]
    tasks = [make_task(document, title=f"Việc số {word}") for word in words]
    page = listed(signed_in(editor()), reverse("admin:resolutions_task_changelist"), "7")
    assert reverse("admin:resolutions_task_change", args=[tasks[6].pk]) in page
    assert reverse("admin:resolutions_task_change", args=[tasks[0].pk]) not in page


def test_autocompletes_fold_too():
    organisation = make_organisation(name="Bộ Thông tin và Truyền thông")
    make_organisation(name="Bộ Tài chính")
    response = signed_in(editor()).get(
        "/quan-tri/autocomplete/",
        {"term": "thong tin truyen", "app_label": "resolutions", "model_name": "task", "field_name": "lead"},
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(organisation.pk)]


def test_a_search_with_wildcards_matches_them_literally():
    make_task(title="Tỷ lệ 100% hồ sơ trực tuyến")
    make_task(title="Tỷ lệ 90 hồ sơ")
    page = listed(signed_in(editor()), reverse("admin:resolutions_task_changelist"), "100%")
    assert page.count('class="field-number"') == Task.objects.filter(title__contains="100%").count() == 1
