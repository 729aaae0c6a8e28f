"""The search page: renders any input, never a 500; htmx partial; facets and paging; no cookies;
escaped snippets; a bounded number of queries."""

import re

import pytest
from django.urls import reverse

from search.engines.base import MAX_CORRECTED
from search.results import PAGE_SIZE
from tests.factories import make_document, make_organisation, make_task, make_topic

pytestmark = pytest.mark.django_db
URL = "/tim-kiem/"


def test_url_name_and_header_form(client):
    assert reverse("search") == URL
    page = client.get("/").content.decode()
    form = re.search(r'<form class="search-form"[^>]*>', page).group(0)
    assert f'action="{URL}"' in form and 'method="get"' in form and "hx-" not in form
    assert '<label for="q-header" class="visually-hidden">' in page  # the placeholder and the button say the rest


def test_the_search_page_shows_one_search_box_its_own(client):
    page = client.get(URL, {"q": "chuyen doi so"}).content.decode()
    assert page.count('role="search"') == 1
    assert 'id="q-header"' not in page


def test_empty_query_gives_help_with_examples_and_topics(client):
    make_topic(name="Hạ tầng số", slug="ha-tang-so")
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thử tìm" in page and "4/TB-VPCP" in page
    assert 'href="/chu-de/ha-tang-so/"' in page


def test_results_page(client):
    lead = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN", slug="bo-khcn")
    make_task(title="Đề án chuyển đổi số", summary="Hỗ trợ doanh nghiệp chuyển đổi số.", lead=lead)
    response = client.get(URL, {"q": "chuyen doi so"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>chuyển</mark>" in page
    assert "1 kết quả" in page
    assert "Nhiệm vụ" in page  # kind label
    assert f"{URL}?q=chuyen" not in page  # facet links are relative to the page
    assert '?q=chuyen+doi+so&amp;loai=task"' in page
    assert "co_quan=bo-khcn" in page
    assert 'data-hx-get="/tim-kiem/"' in page and 'data-hx-trigger="input changed delay:300ms, search"' in page
    assert 'data-hx-push-url="true"' in page and 'data-hx-target="#ket-qua"' in page


def test_htmx_gets_the_partial_and_responses_vary_on_it(client):
    make_task(title="Đề án chuyển đổi số")
    full = client.get(URL, {"q": "chuyển đổi"})
    partial = client.get(URL, {"q": "chuyển đổi"}, headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    assert "<html" not in partial.content.decode() and "Đề án" in partial.content.decode()
    for response in (full, partial):
        assert "HX-Request" in response.headers["Vary"]
        assert not response.cookies
        assert "public" in response.headers["Cache-Control"]


def test_content_is_escaped_in_titles_and_snippets(client):
    make_task(title="<script>alert(1)</script> thử", summary="<img src=x onerror=alert(1)> thử & xem")
    page = client.get(URL, {"q": "thử"}).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


ODD_INPUTS = [
    "'; DROP TABLE search_searchentry; --",
    "%",
    "%%_",
    '"',
    '"unbalanced quote',
    "“curly”",
    "😀🎉",
    "\x00",
    "a\x00b",
    "\x01\x02\x1f\x7f",
    "NEAR(a b)",
    "AND OR NOT",
    "*",
    "title_folded: x",
    "{exact}: x",
    "'a':*A & !b",
    "<script>alert(1)</script>",
    "\u200b\u202e",
    "\\",
    "a" * 10_000,
    "chuyển đổi số " * 1000,
]


@pytest.mark.parametrize("query", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_input_gives_a_page(client, query):
    make_task(title="Một nhiệm vụ")
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(URL, {"q": query}, headers=headers)
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_long_query_is_cut_with_a_notice(client):
    page = client.get(URL, {"q": "chuyển đổi số " * 100}).content.decode()
    assert "dài hơn 200 ký tự nên đã được cắt bớt" in page


def test_a_query_with_nothing_to_search_says_so(client):
    page = client.get(URL, {"q": "%%% 😀"}).content.decode()
    assert "không có chữ hoặc số" in page


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1e9", "99999", "٣", "2"])
def test_bad_page_numbers_show_page_one_with_a_notice(client, page):
    make_task(title="Một nhiệm vụ")
    response = client.get(URL, {"q": "nhiệm vụ", "trang": page})
    assert response.status_code == 200
    assert "trang 1" in response.content.decode()


@pytest.mark.parametrize(
    ("param", "value"),
    [("loai", "khong-co"), ("nam", "abcd"), ("nam", "99999999999"), ("chu_de", "../x"), ("co_quan", "A B")],
)
def test_bad_filters_are_dropped_with_a_notice(client, param, value):
    make_task(title="Một nhiệm vụ")
    response = client.get(URL, {"q": "nhiệm vụ", param: value})
    assert response.status_code == 200
    assert "đã bỏ lọc" in response.content.decode()


def test_paging(client):
    document = make_document()
    for number in range(PAGE_SIZE + 5):
        make_task(document, title=f"Nhiệm vụ phân trang {number}")
    first_page = client.get(URL, {"q": "phân trang"}).content.decode()
    second_page = client.get(URL, {"q": "phân trang", "trang": "2"}).content.decode()
    assert "trang 1/2" in first_page and 'rel="next"' in first_page
    assert "trang 2/2" in second_page and 'rel="prev"' in second_page
    assert second_page.count('class="search-hit"') == 5


def test_corrected_query_offers_the_spelling(client):
    make_task(title="Phủ sóng toàn quốc")
    page = client.get(URL, {"q": "phủ sóngg"}).content.decode()
    assert "Không tìm thấy kết quả cho “phủ sóngg”" in page
    assert 'Có phải bạn muốn tìm <a href="?q=phu%20song">phu song</a>' in page
    assert "<mark>Phủ</mark> <mark>sóng</mark> toàn quốc" in page


def test_english_pages_link_to_english_urls(client):
    make_task(make_document(key="4-tb-thu"), title="Nhiệm vụ tiếng Anh")
    page = client.get("/en/tim-kiem/", {"q": "tiếng Anh"}).content.decode()
    assert 'href="/en/van-ban/4-tb-thu/nhiem-vu/1/"' in page
    make_topic(name="Chủ đề thử tiếng Anh", slug="chu-de-tieng-anh")
    assert 'href="/en/chu-de/chu-de-tieng-anh/"' in client.get("/en/tim-kiem/").content.decode()


@pytest.mark.parametrize("matches", [1, 10])
def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries, matches):
    topic = make_topic()
    lead = make_organisation()
    document = make_document(issuer=lead)
    document.topics.add(topic)
    for number in range(matches):
        task = make_task(document, title=f"Nhiệm vụ đếm truy vấn {number}", lead=lead)
        task.topics.add(topic)
        task.partners.add(make_organisation())
    # One query finds, counts, facets, ranks and highlights; a short list (under SUGGEST_BELOW results)
    # takes one more for the nearest title ("Có phải bạn muốn tìm …").
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"q": "đếm truy vấn"})
    assert response.content.decode().count('class="search-hit"') == matches
    with django_assert_max_num_queries(1):
        client.get(URL)  # the empty page lists topics


def test_query_count_of_a_corrected_search_is_bounded(client, django_assert_max_num_queries):
    """No result: vocabulary lookups for at most MAX_CORRECTED words (two queries each on SQLite), the
    corrected search, the nearest title, results with some of the words — whatever was typed."""
    make_task(title="Phủ sóng toàn quốc")
    bound = 2 + 2 * MAX_CORRECTED + 7
    with django_assert_max_num_queries(bound):
        client.get(URL, {"q": "phủ sóngg toàn quốcc"})
    with django_assert_max_num_queries(bound):
        client.get(URL, {"q": " ".join(f"tuwf{n}xx" for n in range(30))})
