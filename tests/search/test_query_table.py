"""The search contract on the forum's real content (content/*.toml, loaded once for the module): for each
query, the first result. Runs on the active engine: SQLite FTS5 by default, PostgreSQL with DATABASE_URL."""

import pytest

from tests.search.conftest import first, search

pytestmark = pytest.mark.django_db

# (query, kind of the first result, text its title contains)
TABLE = [
    # names, with and without diacritics, any case, being typed
    ("Phạm Minh Chính", "person", "Phạm Minh Chính"),
    ("pham minh chinh", "person", "Phạm Minh Chính"),
    ("PHẠM MINH CHÍNH", "person", "Phạm Minh Chính"),
    ("Pham Minh Ch", "person", "Phạm Minh Chính"),
    ("Nguyễn Mạnh Hùng", "person", "Nguyễn Mạnh Hùng"),
    ("nguyen manh hung", "person", "Nguyễn Mạnh Hùng"),
    ("Bùi Thanh Sơn", "person", "Bùi Thanh Sơn"),
    ("le van phuoc", "person", "Lê Văn Phước"),
    ("Hạnh Châu", "source", "điểm cầu An Giang"),  # an author, found on her article
    # document numbers in any reasonable form
    ("4/TB-VPCP", "document", "4/TB-VPCP"),
    ("4 TB VPCP", "document", "4/TB-VPCP"),
    ("tb-vpcp 4", "document", "4/TB-VPCP"),
    ("505/QĐ-TTg", "document", "505/QĐ-TTg"),
    ("505/qd-ttg", "document", "505/QĐ-TTg"),
    ("QĐ 505", "document", "505/QĐ-TTg"),
    # abbreviations and their expansions
    ("KH&CN", "organisation", "Bộ Khoa học và Công nghệ"),
    ("kh&cn", "organisation", "Bộ Khoa học và Công nghệ"),
    ("Khoa học và Công nghệ", "organisation", "Bộ Khoa học và Công nghệ"),
    ("TT&TT", "organisation", "Bộ Thông tin và Truyền thông"),
    ("GD&ĐT", "organisation", "Bộ Giáo dục và Đào tạo"),
    ("giao duc va dao tao", "organisation", "Bộ Giáo dục và Đào tạo"),
    ("AI", "topic", "Trí tuệ nhân tạo"),
    ("trí tuệ nhân tạo", "topic", "Trí tuệ nhân tạo"),
    ("tri tue nhan tao", "topic", "Trí tuệ nhân tạo"),
    ("UBND An Giang", "organisation", "Ủy ban nhân dân tỉnh An Giang"),
    # a programme by either of its names; phrases
    ("Học từ làm", "programme", "Học từ làm việc thực tế"),
    ("“Học từ làm”", "programme", "Học từ làm việc thực tế"),
    ("hoc tu lam viec thuc te", "programme", "Học từ làm việc thực tế"),
    ('"không ai bị bỏ lại phía sau"', "section", "Định hướng"),
    ("Bình dân học vụ số", "task", "Bình dân học vụ số"),
    ("Khung Kinh tế dữ liệu quốc gia", "task", "Khung Kinh tế dữ liệu quốc gia"),
    ("doanh nghiệp nhỏ và vừa", "task", "doanh nghiệp nhỏ và vừa"),
    ("DEPA", "task", "DEPA"),
    ("sandbox", "task", "cơ chế thử nghiệm"),
    ("Siêu trung tâm dữ liệu", "section", "Định hướng"),
    ("Nong nghiep cong nghe cao", "section", "Định hướng"),
    # numbers, events, editions, organisations
    ("72.000", "figure", "72.000"),
    ("Ngày Chuyển đổi số quốc gia", "series", "Ngày Chuyển đổi số quốc gia"),
    ("Mang nền tảng số đến hộ gia đình", "edition", "lần thứ I"),
    ("Bộ Công an", "organisation", "Bộ Công an"),
]


@pytest.mark.parametrize(("query", "kind", "title"), TABLE, ids=[row[0] for row in TABLE])
def test_first_result(forum_content, query, kind, title):
    hit = first(query)
    assert hit is not None, f"nothing found for {query!r}"
    assert (hit.kind, title in hit.title) == (kind, True), f"{query!r} → {hit.kind}: {hit.title}"


def test_the_table_is_long_enough():
    assert len(TABLE) >= 30


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Pham Minh Chinhh", "Phạm Minh Chính"),
        ("Nguyen Manh Hungg", "Nguyễn Mạnh Hùng"),
        ("Ngyuen Chi Dung", "Nguyễn Chí Dũng"),
        ("Bùi Thanh Sơnn", "Bùi Thanh Sơn"),
        ("Hoc tu lam viec thuc tee", "Học từ làm việc thực tế"),
        ("DEPAA", "DEPA"),
    ],
)
def test_typos_are_corrected(forum_content, query, title):
    """Typo tolerance: trigrams (pg_trgm on PostgreSQL, FTS5's trigram tokenizer on SQLite) find the word."""
    result = search(query)
    assert result.corrected
    assert title in result.hits[0].title


def test_a_name_misspelt_as_other_words_gets_a_suggestion(forum_content):
    result = search("Phan Minh Chinh")  # every word exists, so there are (poor) results
    assert result.suggestion == "Phạm Minh Chính"


def test_nothing_close_gives_nothing(forum_content):
    result = search("qwxzv")
    assert result.summary.total == 0 and not result.hits and not result.corrected


def test_chuyen_doi_so_finds_the_phrase_first(forum_content):
    for query in ("chuyển đổi số", "chuyen doi so", "CĐS"):
        hit = first(query)
        assert "chuyển đổi số" in hit.title.lower(), (query, hit.title)


def test_kind_filter(forum_content):
    result = search("4/TB-VPCP", kind="task")
    assert result.summary.total == 13
    assert {hit.kind for hit in result.hits} == {"task"}


def test_organisation_filter(forum_content):
    result = search("dữ liệu", organisation="bo-cong-an", kind="task")
    assert result.hits
    assert "Khung Kinh tế dữ liệu quốc gia" in result.hits[0].title
    assert all(hit.subtitle.startswith("Thông báo 4/TB-VPCP") for hit in result.hits)


def test_topic_and_year_filters(forum_content):
    result = search("trí tuệ nhân tạo", topic="tri-tue-nhan-tao", year=2025)
    assert result.hits
    assert all(hit.year == 2025 for hit in result.hits)
    assert search("trí tuệ nhân tạo", topic="tri-tue-nhan-tao", year=1999).summary.total == 0


def test_facet_counts_add_up(forum_content):
    result = search("4/TB-VPCP")
    kinds = {c.value: c.count for c in result.summary.facets["kind"]}
    assert sum(kinds.values()) == result.summary.total
    assert kinds["task"] == 13
    assert {"year"} <= set(result.summary.facets)
    organisations = {c.value: c.count for c in result.summary.facets["organisation"]}
    assert organisations["bo-khoa-hoc-va-cong-nghe"] >= 5
