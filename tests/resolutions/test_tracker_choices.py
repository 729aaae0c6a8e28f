"""The tracker's choices (issue 13): one "Quá hạn" filter for both overdue states, several values per filter from the
URL and the form alike, the active filters as removable chips, and file names that say what was filtered."""

import re

import pytest

from tests.resolutions import test_tracker
from tests.resolutions.test_tracker import ALL, OVERDUE_NO_UPDATE, shown

pytestmark = pytest.mark.django_db
world = test_tracker.world  # the same module-scoped world (built once, each test in a savepoint)


@pytest.fixture(autouse=True)
def _pinned_today(settings):
    settings.TODAY = "2026-03-05"


@pytest.mark.parametrize(
    "query",
    [
        "thoi_han=qua_han",
        "thoi_han=overdue_no_update&thoi_han=overdue_in_progress",
        "thoi_han=overdue_in_progress&thoi_han=qua_han",
    ],
)
def test_overdue_is_one_filter_for_both_overdue_states(client, world, query):
    response = client.get(f"/nhiem-vu/?{query}")
    assert shown(response, world) == {"t3", "t8"}
    body = response.content.decode()
    assert "Tình trạng thời hạn: <strong>Quá hạn</strong>" in body  # one chip, whichever way it was asked
    assert body.count('class="chip"') == 1
    assert 'href="/du-lieu/nhiem-vu.csv?thoi_han=qua_han"' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chu_tri=bo-cong-an&chu_tri=bo-gddt", {"t3", "t7", "t10"}),  # any of the values of one filter
        ("chu_tri=bo-cong-an&chu_tri=bo-gddt&ky=2025", {"t3", "t7"}),  # and every filter
        ("co_quan=bo-gddt&co_quan=bo-cong-an", {"t3", "t7", "t10"}),
        ("chu_de=du-lieu-so&chu_de=nhan-luc-so", {"t3", "t7", "t10"}),
        ("thoi_han=urgent&thoi_han=no_deadline", {"t1", "t10"}),
        ("van_ban=4-tb-vpcp&van_ban=9-tb-thu&thoi_han=qua_han", {"t3", "t8"}),
        ("ky=2025&ky=2024&chu_tri=bo-cong-an", {"t3", "t10"}),
    ],
)
def test_several_values_of_a_filter_from_the_url(client, world, query, expected):
    assert shown(client.get(f"/nhiem-vu/?{query}"), world) == expected


def test_the_form_offers_every_value_as_a_checkbox_and_keeps_them_checked(client, world):
    body = client.get("/nhiem-vu/?chu_tri=bo-cong-an&chu_tri=bo-gddt&thoi_han=qua_han").content.decode()
    for value in ("bo-cong-an", "bo-gddt"):
        assert re.search(rf'type="checkbox" id="[^"]+" name="chu_tri" value="{value}" checked>', body)
    assert re.search(r'name="chu_tri" value="bo-khcn">', body)
    assert re.search(r'name="thoi_han" value="qua_han" checked>', body)
    assert '<details class="filter-disclosure" id="bo-loc">' in body  # folded: the results come first
    assert "(3 bộ lọc đang áp dụng)" in body


def test_each_chip_removes_its_own_value_only(client, world):
    body = client.get("/nhiem-vu/?chu_tri=bo-cong-an&chu_tri=bo-gddt&thoi_han=qua_han").content.decode()
    chips = dict(re.findall(r'<a class="chip" href="([^"]+)">(.*?)</a>', body))
    removals = {re.sub(r"<[^>]+>", "", label).split(" ×")[0]: href for href, label in chips.items()}
    assert removals == {
        "Cơ quan chủ trì: Bộ Công an": "/nhiem-vu/?chu_tri=bo-gddt&amp;thoi_han=qua_han",
        "Cơ quan chủ trì: Bộ Giáo dục và Đào tạo (Bộ GD&amp;ĐT)": "/nhiem-vu/?chu_tri=bo-cong-an&amp;thoi_han=qua_han",
        "Tình trạng thời hạn: Quá hạn": "/nhiem-vu/?chu_tri=bo-cong-an&amp;chu_tri=bo-gddt",
    }
    assert 'class="chip chip-clear" href="/nhiem-vu/"' in body
    assert "bỏ bộ lọc này" in body  # what the "×" means, for screen readers


def test_overdue_shortcut_keeps_the_other_filters_and_counts_what_it_will_show(client, world):
    body = client.get("/nhiem-vu/?chu_tri=bo-cong-an").content.decode()
    link = re.search(r'<a class="overdue-link" href="([^"]+)">(.*?)</a>', body, re.S)
    assert link.group(1) == "/nhiem-vu/?chu_tri=bo-cong-an&amp;thoi_han=qua_han"
    assert "Chỉ xem nhiệm vụ quá hạn (1)" in link.group(2)
    assert "overdue-link" not in client.get("/nhiem-vu/?thoi_han=qua_han").content.decode()


def test_bad_values_among_good_ones_are_dropped_with_a_notice(client, world):
    response = client.get("/nhiem-vu/?chu_tri=bo-cong-an&chu_tri=khong-co&thoi_han=failed&thoi_han=qua_han")
    assert shown(response, world) == {"t3"}
    body = response.content.decode()
    assert body.count("không có trong danh sách nên đã được bỏ qua") == 2


def test_a_flood_of_values_is_bounded(client, world):
    query = "&".join(f"chu_de=sai-{n}" for n in range(500))
    body = client.get(f"/nhiem-vu/?{query}").content.decode()
    assert body.count("không có trong danh sách nên đã được bỏ qua") == 50
    assert shown_all(body, world)


def shown_all(body, world) -> bool:
    return all(f'href="{task.get_absolute_url()}"' in body for task in world.values())


@pytest.mark.parametrize(
    ("query", "stem"),
    [
        ("", "nhiem-vu"),
        ("thoi_han=qua_han", "nhiem-vu-qua-han"),
        ("thoi_han=overdue_no_update&thoi_han=overdue_in_progress", "nhiem-vu-qua-han"),
        ("chu_tri=bo-cong-an&thoi_han=qua_han", "nhiem-vu-bo-cong-an-qua-han"),
        ("thoi_han=due_soon&chu_de=du-lieu-so", "nhiem-vu-den-han-trong-30-ngay-du-lieu-so"),
        ("ky=2025&sap_xep=han", "nhiem-vu-2025"),
    ],
)
def test_download_file_names_say_what_was_filtered(client, world, query, stem):
    for extension in ("csv", "json", "ics"):
        response = client.get(f"/du-lieu/nhiem-vu.{extension}?{query}")
        assert response.status_code == 200
        assert f'filename="{stem}.{extension}"' in response["Content-Disposition"]


def test_overdue_rows_are_labelled_in_words_not_colour_alone(client, world):
    body = client.get("/nhiem-vu/?thoi_han=qua_han").content.decode()
    assert f'<span class="state state-overdue_no_update">{OVERDUE_NO_UPDATE}</span>' in body
    assert '<span class="state state-overdue_in_progress">Đã quá hạn — đang thực hiện</span>' in body
    assert shown(client.get("/nhiem-vu/"), world) == ALL
