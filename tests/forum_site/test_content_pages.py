"""With the forum's real content loaded (once for the module), every public page answers 200 and shows the facts
it must; every page has its own <title> and meta description."""

import html
import re

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db  # the test database must exist for the module fixture
TODAY = "2026-11-23"

# (url, facts that must be on the page)
PAGES = [
    (
        "/",
        [
            "Diễn đàn Quốc gia phát triển kinh tế số và xã hội số",
            "Mang nền tảng số đến hộ gia đình",
            "Thông báo 4/TB-VPCP",
            "Gần 59% dân số",  # a headline figure starts with a capital letter
            "Kết luận của Thủ tướng: 13 nhiệm vụ",
            "Quá hạn",
            "4 chưa có thông tin cập nhật",
        ],
    ),
    (
        "/dien-dan/",
        [
            "Mang nền tảng số đến hộ gia đình",
            "Dòng thời gian",
            "Sáng tạo ứng dụng công nghệ số vào các ngành, lĩnh vực để phát triển kinh tế số và nâng cao "
            "năng suất lao động",
            "năm suy ra",
        ],
    ),
    ("/dien-dan/2023/", ["Mang nền tảng số đến hộ gia đình", "chưa có thông tin"]),
    ("/dien-dan/2024/", ["năm suy ra"]),
    (
        "/dien-dan/2025/",
        [
            "Phát triển kinh tế số, xã hội số toàn diện, bao trùm – Đạt mục tiêu tăng trưởng GDP hai con số giai đoạn "
            "2026–2030",
            "20/12/2025",
            "Phạm Minh Chính",
            "Thủ tướng Chính phủ",
            "Trưởng Ban Chỉ đạo của Chính phủ",
            "Bùi Thanh Sơn",
            "Nguyễn Chí Dũng",
            "Nguyễn Mạnh Hùng",
            "Đỗ Thanh Bình",
            "Lê Văn Phước",
            "An Giang",
            "Học từ làm việc thực tế",
            "Học từ làm",
            "Thông báo 4/TB-VPCP",
            "← Kỳ trước",
        ],
    ),
    ("/su-kien/", ["Ngày Chuyển đổi số quốc gia", "Diễn đàn quốc gia về phát triển doanh nghiệp công nghệ số"]),
    ("/su-kien/ngay-chuyen-doi-so-quoc-gia/", ["505/QĐ-TTg"]),
    (
        "/su-kien/dien-dan-doanh-nghiep-cong-nghe-so/2023/",
        ["Doanh nghiệp công nghệ số - phổ cập công nghệ số vào cuộc sống", "Quảng Ninh", "11/12/2023", "khoảng 72.000"],
    ),
    ("/van-ban/", ["4/TB-VPCP", "505/QĐ-TTg"]),
    (
        "/van-ban/4-tb-vpcp/",
        [
            "Số hiệu",
            "Loại văn bản",
            "Cơ quan ban hành",
            "Văn phòng Chính phủ",
            "Ngày ban hành",
            "Người ký",
            "chưa có thông tin",
            "Trích yếu",
            'id="muc-1"',
            'id="nhiem-vu-3"',
            "Bộ Công an",
            "31/01/2026",
            "DEPA",
        ],
    ),
    (
        "/van-ban/4-tb-vpcp/nhiem-vu/3/",
        [
            "Khung Kinh tế dữ liệu quốc gia",
            "Bộ Công an",
            "31/01/2026",
            "Đã quá hạn — chưa có thông tin cập nhật",
            "Trích dẫn",
        ],
    ),
    ("/van-ban/4-tb-vpcp/nhiem-vu/7/", ["31/03/2026", "Bộ Nội vụ"]),
    ("/van-ban/505-qd-ttg/", ["505/QĐ-TTg", "22/04/2022"]),
    (
        "/so-lieu/",
        ["gần 59%", "top 20", "100%", "khoảng 3 triệu", "trên 40 nghìn tỷ đồng", "29,68%", "6,70%", "45,6%", "0 đồng"],
    ),
    ("/nguon/", ["Hạnh Châu", "20/12/2025 15:29", "VietNamNet", "VnEconomy", "Báo Ấp Bắc", "Znews", "Báo Thanh Hóa"]),
    ("/nhan-vat/pham-minh-chinh/", ["Thủ tướng Chính phủ", "2025"]),
    ("/nhan-vat/le-van-phuoc/", ["Phó Chủ tịch"]),
    ("/co-quan/bo-cong-an/", ["Bộ Công an", "Khung Kinh tế dữ liệu quốc gia"]),
    ("/co-quan/bo-khoa-hoc-va-cong-nghe/", ["Bộ Khoa học và Công nghệ (Bộ KH&amp;CN)", "Nhiệm vụ chủ trì"]),
    ("/chu-de/", ["Hạ tầng số", "Đầu tư cho kinh tế số"]),
    ("/chu-de/tri-tue-nhan-tao/", ["Trí tuệ nhân tạo"]),
    ("/nhiem-vu/", ["13 nhiệm vụ", "Đã quá hạn — chưa có thông tin cập nhật"]),
    ("/du-lieu/", ["CSV"]),
]


@pytest.fixture(scope="module")
def pages(forum_content, django_db_blocker) -> dict[str, tuple[int, str]]:
    """Each page fetched once for the module: url → (status, body)."""
    client = Client()
    with django_db_blocker.unblock(), override_settings(TODAY=TODAY):
        responses = {url: client.get(url) for url, _facts in PAGES}
    return {url: (response.status_code, response.content.decode()) for url, response in responses.items()}


@pytest.mark.parametrize(("url", "facts"), PAGES, ids=[url for url, _facts in PAGES])
def test_public_page_answers_and_shows_its_facts(pages, url, facts):
    status, body = pages[url]
    assert status == 200
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    assert [fact for fact in facts if fact not in body and html.unescape(fact) not in text] == []


def test_every_page_has_a_unique_title_and_description(pages):
    titles, descriptions = {}, {}
    for url, (_status, body) in pages.items():
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1).strip()
        description = re.search(r'<meta name="description" content="(.*?)">', body, re.S).group(1).strip()
        assert description, url
        titles.setdefault(title, []).append(url)
        descriptions.setdefault(description, []).append(url)
    assert {t: u for t, u in titles.items() if len(u) > 1} == {}
    assert {d: u for d, u in descriptions.items() if len(u) > 1} == {}
