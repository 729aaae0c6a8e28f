"""The tracker (/nhiem-vu/): filters and their combinations, sorting, htmx partial, bad input, counts, queries."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest

from core.publishing import Status
from resolutions.models import DeadlineKind, TaskStatus
from tests.factories import (
    make_document,
    make_edition,
    make_organisation,
    make_status_update,
    make_task,
    make_topic,
    month_end,
)
from tests.queries import at_scales, count_queries, over
from tests.world import notice_4_tb_vpcp, rolled_back

pytestmark = pytest.mark.django_db
TODAY = "2026-03-05"
OVERDUE_NO_UPDATE = "Đã quá hạn — chưa có thông tin cập nhật"


@pytest.fixture(autouse=True)
def _pinned_today(settings):
    settings.TODAY = TODAY


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """4/TB-VPCP (tests/world.py) and an older notice of another edition: tasks in every deadline situation that
    matters here. Built once for the module; each test runs in a savepoint."""
    with rolled_back(django_db_blocker):
        notice = notice_4_tb_vpcp()
        bca, khcn, data_topic = notice["bca"], notice["khcn"], notice["data_topic"]
        notice["t7"].topics.add(make_topic(name="Nhân lực số và kỹ năng số", slug="nhan-luc-so"))
        older = make_document(key="9-tb-thu", number="9/TB-THU", edition=make_edition(year=2024, number=2))
        t8 = make_task(
            notice["notice"],
            number=8,
            title="Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
            lead=khcn,
            deadline_kind=DeadlineKind.MONTH,
            deadline_date=month_end(2026, 1),
            deadline_text="trong tháng 1/2026",
        )
        make_status_update(t8, status=TaskStatus.IN_PROGRESS, date=date(2026, 1, 20))
        t10 = make_task(older, number=1, title="Giảm tác động tiêu cực trên không gian mạng", lead=bca)
        t10.topics.add(data_topic)
        # Never shown: a draft task, and a published task of a draft document.
        make_task(notice["notice"], number=20, title="Nhiệm vụ nháp bí mật", lead=bca, status=Status.DRAFT)
        make_task(make_document(key="nhap", status=Status.DRAFT), title="Nhiệm vụ của văn bản nháp", lead=bca)
        yield {"t1": notice["t1"], "t3": notice["t3"], "t7": notice["t7"], "t8": t8, "t10": t10}


ALL = {"t1", "t3", "t7", "t8", "t10"}


def shown(response, world) -> set[str]:
    body = response.content.decode()
    return {name for name, task in world.items() if f'href="{task.get_absolute_url()}"' in body}


def test_tracker_lists_every_public_task_and_no_draft(client, world):
    response = client.get("/nhiem-vu/")
    assert response.status_code == 200
    assert shown(response, world) == ALL
    body = response.content.decode()
    assert "Nhiệm vụ nháp bí mật" not in body
    assert "Nhiệm vụ của văn bản nháp" not in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"chu_tri": "bo-cong-an"}, {"t3", "t10"}),
        ({"chu_tri": "bo-khcn"}, {"t1", "t8"}),
        ({"co_quan": "bo-khcn"}, {"t1", "t7", "t8"}),  # lead or partner
        ({"co_quan": "bo-gddt"}, {"t7"}),
        ({"thoi_han": "overdue_no_update"}, {"t3"}),
        ({"thoi_han": "overdue_in_progress"}, {"t8"}),
        ({"thoi_han": "due_soon"}, {"t7"}),
        ({"thoi_han": "urgent"}, {"t1"}),
        ({"thoi_han": "no_deadline"}, {"t10"}),
        ({"thoi_han": "done_on_time"}, set()),
        ({"chu_de": "du-lieu-so"}, {"t3", "t10"}),
        ({"chu_de": "nhan-luc-so"}, {"t7"}),
        ({"van_ban": "4-tb-vpcp"}, {"t1", "t3", "t7", "t8"}),
        ({"van_ban": "9-tb-thu"}, {"t10"}),
        ({"ky": "2025"}, {"t1", "t3", "t7", "t8"}),
        ({"ky": "2024"}, {"t10"}),
    ],
)
def test_each_filter(client, world, params, expected):
    response = client.get("/nhiem-vu/", params)
    assert response.status_code == 200
    assert shown(response, world) == expected
    assert "không có trong danh sách" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"chu_tri": "bo-cong-an", "thoi_han": "overdue_no_update"}, {"t3"}),
        ({"chu_tri": "bo-cong-an", "van_ban": "9-tb-thu"}, {"t10"}),
        ({"co_quan": "bo-khcn", "thoi_han": "due_soon"}, {"t7"}),
        ({"co_quan": "bo-khcn", "chu_de": "nhan-luc-so", "ky": "2025"}, {"t7"}),
        ({"chu_de": "du-lieu-so", "ky": "2025"}, {"t3"}),
        ({"chu_tri": "bo-gddt", "co_quan": "bo-khcn"}, {"t7"}),
        ({"chu_tri": "bo-gddt", "chu_de": "du-lieu-so"}, set()),
        ({"chu_tri": "bo-khcn", "van_ban": "4-tb-vpcp", "thoi_han": "urgent", "sap_xep": "han"}, {"t1"}),
    ],
)
def test_filters_combine(client, world, params, expected):
    assert shown(client.get("/nhiem-vu/", params), world) == expected


def _order(response, world) -> list[str]:
    body = response.content.decode()
    positions = {name: body.index(f'href="{task.get_absolute_url()}"') for name, task in world.items()}
    return sorted(positions, key=positions.get)


def test_sort_by_number_is_the_default(client, world):
    assert _order(client.get("/nhiem-vu/"), world) == ["t1", "t3", "t7", "t8", "t10"]


def test_sort_by_deadline_puts_dated_first_then_urgent_then_none(client, world):
    assert _order(client.get("/nhiem-vu/", {"sap_xep": "han"}), world) == ["t3", "t8", "t7", "t1", "t10"]


def test_overdue_without_update_is_labelled_never_failed(client, world):
    body = client.get("/nhiem-vu/", {"chu_tri": "bo-cong-an"}).content.decode()
    assert f'<span class="state state-overdue_no_update">{OVERDUE_NO_UPDATE}</span>' in body
    for word in ("thất bại", "không thực hiện được", "failed"):
        assert word not in body.lower()


def test_counts_per_state_and_per_lead_are_readable_as_text(client, world):
    body = client.get("/nhiem-vu/").content.decode()
    assert re.search(rf"<th scope=\"row\">{OVERDUE_NO_UPDATE}</th>\s*<td><span class=\"bar-count\">1</span>", body)
    lead_chart = body[body.index('id="lead-chart-caption"') :]
    assert re.search(
        r"Bộ Khoa học và Công nghệ \(Bộ KH&amp;CN\)</a></th>\s*<td><span class=\"bar-count\">2</span>", lead_chart
    )
    assert re.search(r"Bộ Công an</a></th>\s*<td><span class=\"bar-count\">2</span>", lead_chart)
    assert "5 nhiệm vụ" in body


def test_task_without_lead_is_counted_as_not_named(client, world):
    make_task(world["t1"].document, number=13, title="Đẩy mạnh Bình dân học vụ số")
    body = client.get("/nhiem-vu/").content.decode()
    assert "Không nêu cơ quan chủ trì" in body


def test_full_page_has_plain_get_form_enhanced_by_htmx(client, world):
    body = client.get("/nhiem-vu/").content.decode()
    form = re.search(r"<form[^>]*tracker-filters[^>]*>", body).group(0)
    assert 'method="get"' in form and 'action="/nhiem-vu/"' in form
    assert 'data-hx-get="/nhiem-vu/"' in form
    assert "hx-trigger" not in form  # htmx sends the form when it is submitted, then tracker.js moves the focus
    assert 'data-hx-target="#ket-qua"' in form
    assert 'data-hx-push-url="true"' in form
    assert '<button type="submit">' in body
    assert '<div id="ket-qua"' in body
    assert "<html" in body


def test_htmx_request_gets_only_the_rows_partial(client, world):
    response = client.get("/nhiem-vu/", {"chu_tri": "bo-cong-an"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body
    assert "tracker-table" in body
    assert shown(response, world) == {"t3", "t10"}
    assert response.templates[0].name == "resolutions/_task_rows.html"


def test_htmx_history_restore_gets_the_full_page(client, world):
    response = client.get("/nhiem-vu/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_response_varies_on_hx_request_and_sets_no_cookie(client, world, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get("/nhiem-vu/", **headers)
    assert "HX-Request" in response["Vary"]
    assert "public" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize(
    "params",
    [
        {"chu_tri": "khong-co-co-quan-nay"},
        {"co_quan": "'; DROP TABLE resolutions_task; --"},
        {"thoi_han": "failed"},
        {"chu_de": "x" * 5000},
        {"van_ban": "4-tb-vpcp\x00"},
        {"ky": "năm-ngoái"},
        {"ky": "99999999999999999999"},
        {"sap_xep": "ngau-nhien"},
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_filter_values_are_ignored_with_a_visible_notice(client, world, params, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get("/nhiem-vu/", params, **headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert "không có trong danh sách nên đã được bỏ qua" in body
    assert shown(response, world) == ALL


def test_bad_value_is_dropped_but_good_filters_still_apply(client, world):
    response = client.get("/nhiem-vu/", {"chu_tri": "bo-cong-an", "thoi_han": "sai", "chu_de": "khong-co"})
    body = response.content.decode()
    assert shown(response, world) == {"t3", "t10"}
    assert body.count("không có trong danh sách nên đã được bỏ qua") == 2
    assert "“sai”" in body and "“khong-co”" in body


def test_draft_organisation_is_not_a_filter_value(client, world):
    hidden = make_organisation(slug="co-quan-nhap", status=Status.DRAFT)
    make_task(world["t1"].document, number=30, lead=hidden)
    body = client.get("/nhiem-vu/", {"chu_tri": "co-quan-nhap"}).content.decode()
    assert "không có trong danh sách" in body
    assert 'value="co-quan-nhap"' not in body


def test_selected_filters_stay_selected_and_downloads_follow_them(client, world):
    body = client.get("/nhiem-vu/", {"chu_tri": "bo-cong-an", "thoi_han": "overdue_no_update"}).content.decode()
    assert re.search(r'name="chu_tri" value="bo-cong-an" checked>', body)
    assert re.search(r'name="thoi_han" value="overdue_no_update" checked>', body)
    assert not re.search(r'name="chu_tri" value="bo-khcn" checked>', body)
    qs = "?chu_tri=bo-cong-an&amp;thoi_han=overdue_no_update"
    for url in ("/du-lieu/nhiem-vu.csv", "/du-lieu/nhiem-vu.json", "/du-lieu/nhiem-vu.ics"):
        assert f'href="{url}{qs}"' in body
    assert "Tải các dòng này" in body


def test_deadline_state_uses_the_injected_date(client, world, settings):
    settings.TODAY = "2026-01-15"
    response = client.get("/nhiem-vu/", {"thoi_han": "overdue_no_update"})
    assert shown(response, world) == set()
    assert "tính đến ngày 15/01/2026" in response.content.decode()


def test_site_nav_links_to_the_tracker(client, world):
    assert '<li><a href="/nhiem-vu/">Theo dõi nhiệm vụ</a></li>' in client.get("/").content.decode()


def test_no_inline_script_or_style(client, world):
    body = client.get("/nhiem-vu/").content.decode()
    assert "<script>" not in body and "style=" not in body and "<style" not in body


def _grow(count: int) -> None:
    org = make_organisation()
    partner = make_organisation()
    topic = make_topic()
    edition = make_edition()
    document = make_document(edition=edition)
    for _ in range(count):
        task = make_task(document, lead=org, deadline_kind=DeadlineKind.MONTH, deadline_date=month_end(2026, 1))
        task.partners.add(partner)
        task.topics.add(topic)
        make_status_update(task, status=TaskStatus.IN_PROGRESS)


# 4 option lists + the counts by state and lead (one grouped query) + the joint assignees' counts (when some task is
# given jointly) + the page's tasks + their partners + their joint assignees
TRACKER_QUERIES = 9


@pytest.mark.parametrize(
    "params", [{}, {"chu_tri": "bo-cong-an", "thoi_han": "overdue_no_update", "chu_de": "du-lieu-so", "ky": "2025"}]
)
@pytest.mark.parametrize("htmx", [False, True])
def test_query_count_does_not_grow_with_tasks(client, world, params, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = "/nhiem-vu/?" + urlencode(params)
    small, large = at_scales(_grow, lambda _: count_queries(client, {"tracker": url}, **headers))
    assert large == small
    assert over(small, TRACKER_QUERIES) == {}
