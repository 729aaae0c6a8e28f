"""The tracker shows a page of rows (`?trang=N`): the next rows on the next page, every filter kept in the links, an
accessible navigation that works without JavaScript and swaps the results with htmx, a page that does not exist
answered with the nearest one and a notice (never an error), and exports that still hold every matching row."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest

from resolutions.models import DeadlineKind, Task
from resolutions.tracker import PAGE_SIZE
from tests.factories import make_document, make_organisation, make_task, make_tasks, month_end
from tests.queries import at_scales, count_queries, over
from tests.world import rolled_back

pytestmark = pytest.mark.django_db
TASKS = 2 * PAGE_SIZE + 20  # three pages: 50, 50, 20
ROW = re.compile(r'<tr id="([^"]+)-nhiem-vu-(\d+)">')


@pytest.fixture(autouse=True)
def _pinned_today(settings):
    settings.TODAY = "2026-03-05"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One notice with TASKS tasks: every third led by the police ministry, the odd ones overdue."""
    with rolled_back(django_db_blocker):
        bca = make_organisation(name="Bộ Công an", short_name="", slug="bo-cong-an")
        khcn = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN", slug="bo-khcn")
        document = make_document(key="4-tb-vpcp", number="4/TB-VPCP")
        tasks = make_tasks(document, range(1, TASKS + 1), lead=khcn)
        for task in tasks:
            task.lead = bca if task.number % 3 == 0 else khcn
            if task.number % 2:
                task.deadline_kind, task.deadline_date = DeadlineKind.MONTH, month_end(2026, 1)
        Task.objects.bulk_update(tasks, ["lead", "deadline_kind", "deadline_date"])
        yield document


def numbers(response) -> list[int]:
    return [int(number) for _key, number in ROW.findall(response.content.decode())]


def nav(response) -> str:
    body = response.content.decode()
    return body[body.index('<nav class="pagination') : body.index("</nav>", body.index('<nav class="pagination'))]


def test_the_first_page_shows_the_first_rows_and_says_how_many_there_are(client, world):
    response = client.get("/nhiem-vu/")
    assert numbers(response) == list(range(1, PAGE_SIZE + 1))
    assert f"Hiển thị 1–{PAGE_SIZE} trong {TASKS} nhiệm vụ</h2>" in response.content.decode()


def test_the_next_page_has_the_next_rows(client, world):
    assert numbers(client.get("/nhiem-vu/?trang=2")) == list(range(PAGE_SIZE + 1, 2 * PAGE_SIZE + 1))
    last = client.get("/nhiem-vu/?trang=3")
    assert numbers(last) == list(range(2 * PAGE_SIZE + 1, TASKS + 1))
    assert f"Hiển thị {2 * PAGE_SIZE + 1}–{TASKS} trong {TASKS} nhiệm vụ" in last.content.decode()


def test_pages_follow_the_sort_and_the_filters(client, world):
    overdue = [n for n in range(1, TASKS + 1) if n % 2]
    response = client.get("/nhiem-vu/?thoi_han=qua_han&trang=2")
    assert numbers(response) == overdue[PAGE_SIZE:]
    assert f"Hiển thị {PAGE_SIZE + 1}–{len(overdue)} trong {len(overdue)} nhiệm vụ khớp với bộ lọc" in (
        response.content.decode()
    )
    by_deadline = client.get("/nhiem-vu/?sap_xep=han")
    assert numbers(by_deadline) == overdue[:PAGE_SIZE]  # dated tasks first


def test_the_navigation_is_a_labelled_list_of_links_that_keep_every_filter(client, world):
    response = client.get("/nhiem-vu/?chu_tri=bo-khcn&sap_xep=han&trang=2")
    links = nav(response)
    assert '<nav class="pagination no-print" aria-label="Các trang kết quả"' in links
    kept = "chu_tri=bo-khcn&amp;sap_xep=han"
    assert f'href="/nhiem-vu/?{kept}" data-hx-get="/nhiem-vu/?{kept}" rel="prev">' in links  # page 1: no page number
    assert f'href="/nhiem-vu/?{kept}&amp;trang=2" data-hx-get="/nhiem-vu/?{kept}&amp;trang=2" aria-current="page">' in (
        links
    )
    assert 'rel="next"' not in links  # 80 tasks led by Bộ KH&CN: two pages
    assert links.count("aria-current") == 1
    assert '<span class="visually-hidden">Trang </span>1</a>' in links  # "Trang 1" to a screen reader
    assert 'data-hx-target="#ket-qua" data-hx-push-url="true"' in links
    # Downloads and chips never carry the page: the files hold every matching row, a changed filter starts at page 1.
    body = response.content.decode()
    assert f'href="/du-lieu/nhiem-vu.csv?{kept}"' in body
    assert not re.search(r'class="chip"[^>]*trang=', body)


def test_the_first_page_links_to_the_next(client, world):
    links = nav(client.get("/nhiem-vu/"))
    assert 'href="/nhiem-vu/?trang=2" data-hx-get="/nhiem-vu/?trang=2" rel="next">Trang sau' in links
    assert 'rel="prev"' not in links


def test_one_page_of_results_has_no_navigation(client, world):
    body = client.get("/nhiem-vu/?chu_tri=bo-cong-an").content.decode()
    assert 'class="pagination' not in body
    assert f"{TASKS // 3} nhiệm vụ khớp với bộ lọc</h2>" in body


def test_htmx_gets_the_partial_with_the_page_and_its_navigation(client, world):
    response = client.get("/nhiem-vu/?trang=2", HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "resolutions/_task_rows.html"
    body = response.content.decode()
    assert "<html" not in body
    assert numbers(response) == list(range(PAGE_SIZE + 1, 2 * PAGE_SIZE + 1))
    assert 'id="ket-qua-tieu-de"' in body and "aria-current" in nav(response)


@pytest.mark.parametrize("htmx", [False, True])
def test_a_page_past_the_last_shows_the_last_with_a_notice(client, world, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get("/nhiem-vu/?trang=99", **headers)
    assert response.status_code == 200
    assert numbers(response) == list(range(2 * PAGE_SIZE + 1, TASKS + 1))
    assert "Không có trang 99: kết quả chỉ có 3 trang, đây là trang cuối." in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "²", "9" * 40, "2; DROP TABLE", "\x00"])
def test_a_page_number_that_is_not_one_shows_the_first_page_with_a_notice(client, world, value):
    response = client.get("/nhiem-vu/?" + urlencode({"trang": value}))
    assert response.status_code == 200
    assert numbers(response) == list(range(1, PAGE_SIZE + 1))
    assert "không hợp lệ nên trang đầu được hiển thị" in response.content.decode()


def test_no_notice_for_page_one_or_an_empty_page_number(client, world):
    for query in ("trang=1", "trang="):
        body = client.get(f"/nhiem-vu/?{query}").content.decode()
        assert "notice-warning" not in body


def test_an_empty_result_is_one_empty_page(client, world):
    response = client.get("/nhiem-vu/?thoi_han=done_late&trang=2")
    assert response.status_code == 200
    assert numbers(response) == []
    assert "Không có nhiệm vụ nào khớp với bộ lọc." in response.content.decode()


def test_exports_hold_every_matching_row_whatever_the_page(client, world):
    for query in ("", "?trang=2"):
        rows = list(
            csv.DictReader(io.StringIO(client.get(f"/du-lieu/nhiem-vu.csv{query}").content.decode("utf-8-sig")))
        )
        assert [int(row["number"]) for row in rows] == list(range(1, TASKS + 1))
    overdue = client.get("/du-lieu/nhiem-vu.json?thoi_han=qua_han").json()
    assert overdue["meta"]["count"] == len([n for n in range(1, TASKS + 1) if n % 2])
    assert {item["deadline_state"] for item in overdue["items"]} == {"overdue_no_update"}


def _grow(scale: int) -> None:
    make_tasks(make_document(), range(1, scale * 50 + 1), lead=make_organisation(), deadline_kind=DeadlineKind.URGENT)


@pytest.mark.parametrize("query", ["trang=2", "trang=2&thoi_han=qua_han", "trang=99&sap_xep=han"])
def test_the_query_count_of_a_page_does_not_grow_with_tasks(client, world, query):
    small, large = at_scales(_grow, lambda _: count_queries(client, {"tracker": f"/nhiem-vu/?{query}"}))
    assert large == small
    assert over(small, 9) == {}


def test_the_paged_tracker_is_valid_html(client, world, tmp_path):
    from tests.forum_site.test_markup import _checker, nu_errors

    pages = {
        "page-2": client.get("/nhiem-vu/?trang=2&sap_xep=han").content.decode(),
        "past-the-last": client.get("/nhiem-vu/?trang=99").content.decode(),
        "english": client.get("/en/nhiem-vu/?trang=3").content.decode(),
    }
    assert nu_errors(_checker(), pages, tmp_path) == []


def test_filter_options_are_loaded_once_per_content_generation(client, world, settings):
    """The four option lists (and the results, a fragment) are kept in the shared cache until a write; with
    FRAGMENT_CACHE off, loaded each time."""
    first, second = (count_queries(client, {"tracker": "/nhiem-vu/"})["tracker"] for _ in range(2))
    assert first > 4 and second == 0
    make_task(world, number=TASKS + 1, lead=make_organisation(name="Bộ Tài chính", slug="bo-tai-chinh"))  # a write
    assert 'name="chu_tri" value="bo-tai-chinh"' in client.get("/nhiem-vu/").content.decode()
    settings.FRAGMENT_CACHE = False
    assert count_queries(client, {"tracker": "/nhiem-vu/"})["tracker"] == first
