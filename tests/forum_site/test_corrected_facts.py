"""Issue 10: each corrected fact, on the page that shows it — the words it must and must no longer contain — with
the forum's real content loaded (content/*.toml)."""

import html
import json
import re

import pytest

pytestmark = pytest.mark.django_db

# (id, url, words the page must contain, words it must no longer contain)
FACTS = [
    (
        "figures-as-of-said-once-not-twice",
        "/",
        ["Thời điểm: Khi ra Thông báo 4/TB-VPCP"],
        ["Thời điểm: Thời điểm"],
    ),
    (
        "qd-505-number-date-signer-from-s5-s6",
        "/van-ban/505-qd-ttg/",
        [
            "505/QĐ-TTg",
            "22/04/2022",
            "Phó Thủ tướng Vũ Đức Đam",
            "10/10 hằng năm",
            "Báo Ấp Bắc",
            "Trang Phổ biến, giáo dục pháp luật tỉnh Bắc Kạn",
            "có hiệu lực từ ngày 22/04/2022",
        ],
        ["VietNamNet", "Kho tri thức biết đến văn bản này", "người ký chưa có thông tin"],
    ),
    (
        "day-2025-date-inferred-and-organised-by-most",
        "/su-kien/ngay-chuyen-doi-so-quoc-gia/2025/",
        [
            "10/10/2025",
            "suy ra",
            "Ngày 10/10/2025 suy ra từ Quyết định 505/QĐ-TTg",
            "Báo Ấp Bắc",
            "Cơ quan chủ trì tổ chức Bộ Khoa học và Công nghệ (Bộ KH&CN)",
            "chủ trì triển khai chuỗi hoạt động",
        ],
        ["Hội thảo", "Cơ quan chủ trì và địa điểm chưa có thông tin"],
    ),
    (
        "day-series-organiser-from-qd-505",
        "/su-kien/ngay-chuyen-doi-so-quoc-gia/",
        ["Bộ Thông tin và Truyền thông chủ trì kế hoạch hằng năm", "Phó Thủ tướng Vũ Đức Đam", "Báo Ấp Bắc"],
        ["Các nguồn hiện có không nêu cơ quan chủ trì chung"],
    ),
    (
        "plan-2025-real-title-and-activities",
        "/van-ban/ke-hoach-ngay-cds-2025-bo-khcn/",
        [
            "Kế hoạch triển khai Quyết định 505 ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia "
            "năm 2025",
            "Tọa đàm",
            "Mỗi bộ, cơ quan ngang bộ",
            "mạng xã hội phổ biến",
            "lớp học số cho cộng đồng",
            "hiệp hội và doanh nghiệp công nghệ số được đề nghị",
        ],
        [
            "Hội thảo",
            "Ngày Chuyển đổi số quốc gia 10/10/2025",
            "Kế hoạch triển khai Ngày Chuyển đổi số quốc gia năm 2025 của Bộ Khoa học và Công nghệ",
        ],
    ),
    (
        "le-van-phuoc-attended-person-page",
        "/nhan-vat/le-van-phuoc/",
        ["Dự Diễn đàn lần thứ III", "tham dự (điểm cầu An Giang)"],
        ["Chủ trì điểm cầu An Giang", "chủ trì điểm cầu (điểm cầu An Giang)"],
    ),
    (
        "le-van-phuoc-attended-organisation-page",
        "/co-quan/uy-ban-nhan-dan-tinh-an-giang/",
        ["Lê Văn Phước dự Diễn đàn lần thứ III"],
        ["chủ trì điểm cầu An Giang"],
    ),
    (
        "bridge-points-an-giang-attended-thanh-hoa-chaired",
        "/dien-dan/2025/",
        [
            "Tham dự: Lê Văn Phước",
            "Chủ trì điểm cầu: Cao Văn Cường",
            "Thanh Hóa",
            "Báo Thanh Hóa",
            "Bài tường thuật không nêu người chủ trì điểm cầu",
        ],
        ["Chủ trì: Lê Văn Phước", "Cơ quan chủ trì điểm cầu", "do Phó Chủ tịch Ủy ban nhân dân (UBND) tỉnh An Giang"],
    ),
    (
        "edition-iii-venue-ha-noi-from-s8",
        "/dien-dan/2025/",
        ["Địa điểm Hà Nội Nguồn: Báo Thanh Hóa", "Sáng 20/12/2025, tại Hà Nội"],
        ["Địa chính chưa có thông tin"],
    ),
    (
        "edition-i-first-edition",
        "/dien-dan/2023/",
        ["lần đầu tiên Diễn đàn được tổ chức"],
        ["theo một chủ đề"],
    ),
    (
        "task-1-joint-and-draft",
        "/van-ban/4-tb-vpcp/nhiem-vu/1/",
        [
            "Giao cho",
            "Bộ KH&CN và các bộ, ngành",
            "giao chung; văn bản không nêu cơ quan chủ trì",
            "Khẩn trương xây dựng văn bản hướng dẫn",
            "Sớm nghiên cứu, hoàn thiện khung pháp lý",
        ],
        ["ban hành văn bản hướng dẫn", "sandbox", "Phối hợp"],
    ),
    (
        "task-1-joint-on-organisation-page",
        "/co-quan/bo-khoa-hoc-va-cong-nghe/",
        ["Nhiệm vụ được giao chung", "Nhiệm vụ 1"],
        [],
    ),
    (
        "task-1-joint-in-tracker-counts",
        "/nhiem-vu/",
        ["Giao chung: Bộ KH&CN và các bộ, ngành", "5 (trong đó 1 giao chung)"],
        [],
    ),
    (
        "task-2-programme-quoted-with-ban-hanh",
        "/van-ban/4-tb-vpcp/nhiem-vu/2/",
        [
            "trình Thủ tướng Chính phủ ban hành “Chương trình phát triển kinh tế số, xã hội giai đoạn 2026-2030”",
            "Tiếp thu đầy đủ ý kiến tham luận của các đại biểu",
            "Ghi chú của ban biên tập:",
            "thiếu chữ “số”",
        ],
        ["Chương trình phát triển kinh tế số và xã hội số giai đoạn 2026–2030", "(S4)"],
    ),
    (
        "task-10-no-partners-public-overlap-note",
        "/van-ban/4-tb-vpcp/nhiem-vu/10/",
        ["Bộ Công an", "Ghi chú của ban biên tập:", "nhiệm vụ 12 theo đánh số của Kho tri thức"],
        ["các đơn vị liên quan"],
    ),
    (
        "hoc-tu-lam-planned-and-inferred-edition",
        "/dien-dan/2025/",
        [
            "dự kiến",
            "chưa có nguồn nào cho biết lễ phát động đã diễn ra",
            "nhiều khả năng là cùng chương trình",
            "suy ra từ tên gọi gần giống",
        ],
        ["được phát động tại Diễn đàn", "Thông báo 4/TB-VPCP gọi chương trình này là"],
    ),
    (
        "hoc-tu-lam-inferred-task-6",
        "/van-ban/4-tb-vpcp/nhiem-vu/6/",
        ["suy ra", "nhiều khả năng là chương trình “Học từ làm việc thực tế”"],
        ["phát động tại Diễn đàn lần thứ III với tên"],
    ),
    (
        "guiding-spirit-attributed-s1-s7",
        "/dien-dan/",
        [
            "Đảng, Nhà nước và Chính phủ đã hành động theo tinh thần",
            "nêu tinh thần này trong phát biểu khai mạc",
            "Znews",
            "Đại hội Đảng toàn quốc lần thứ XIII",
        ],
        ["Tinh thần được nêu tại Diễn đàn lần thứ III", "Đại hội đại biểu toàn quốc lần thứ XIII"],
    ),
    (
        "congress-names-quoted-exactly",
        "/dien-dan/2025/",
        ["Đại hội Đảng toàn quốc lần thứ XIV", "Đại hội Thi đua yêu nước lần thứ XI", "khơi thông những điểm nghẽn"],
        ["Đại hội đại biểu toàn quốc lần thứ XIV", "Thi đua yêu nước toàn quốc"],
    ),
    (
        "award-name-and-planned-content",
        "/su-kien/dien-dan-doanh-nghiep-cong-nghe-so/2023/",
        [
            "“Giải sản phẩm công nghệ số Make in Viet Nam năm 2023”",
            "Thảo luận về việc phát triển các sản phẩm",
            "khẳng định trí tuệ Việt Nam trên bản đồ thế giới",
            "thị trường trong nước và quốc tế",
            "so với cùng kỳ năm ngoái",
        ],
        ["Giải thưởng sản phẩm", "Giới thiệu sản phẩm"],
    ),
    (
        "enterprise-forum-series-role",
        "/su-kien/dien-dan-doanh-nghiep-cong-nghe-so/",
        ["bẫy thu nhập trung bình", "cụ thể hóa chủ trương, chính sách của Đảng và Chính phủ"],
        [],
    ),
    (
        "notice-subject-and-exact-words",
        "/van-ban/4-tb-vpcp/",
        [
            "kết luận của Thủ tướng Phạm Minh Chính tại Diễn đàn quốc gia về phát triển kinh tế số và xã hội số "
            "lần thứ 3",
            "về năng lực, công nghệ và chất lượng",
            "giám sát tự động",
            "học sinh, sinh viên",
            "rất phức tạp",
            "thông minh, hiện đại",
            "cơ sở khám bệnh, chữa bệnh",
        ],
        ["dung lượng", "quan trắc"],
    ),
    (
        "task-7-upskilling-words",
        "/van-ban/4-tb-vpcp/nhiem-vu/7/",
        ["nâng cấp, chuyển đổi kỹ năng"],
        ["nâng cao và bổ sung kỹ năng"],
    ),
    ("task-8-khan-truong", "/van-ban/4-tb-vpcp/nhiem-vu/8/", ["Khẩn trương hoàn thiện Đề án"], []),
    (
        "no-unsourced-description-government",
        "/co-quan/chinh-phu/",
        ["Phó Thủ tướng Bùi Thanh Sơn"],
        ["Cơ quan hành chính nhà nước cao nhất"],
    ),
    (
        "no-unsourced-description-prime-minister",
        "/co-quan/thu-tuong-chinh-phu/",
        ["do Phó Thủ tướng Vũ Đức Đam ký"],
        ["Người đứng đầu Chính phủ"],
    ),
    (
        "no-invented-abbreviation",
        "/co-quan/cuc-cong-nghiep-cong-nghe-thong-tin-va-truyen-thong/",
        ["Cục Công nghiệp Công nghệ thông tin và Truyền thông"],
        ["Cục CNTT&TT"],
    ),
    (
        "an-giang-missing-facts",
        "/dien-dan/2025/",
        [
            "Ban Chỉ đạo quốc gia về chuyển đổi số",
            "cải cách hành chính",
            "ban hành kịp thời",
            "giai đoạn tăng tốc tiếp theo",
            "chủ trương lớn của Đảng và Nhà nước",
        ],
        [],
    ),
    (
        "figures-as-written-with-publisher",
        "/so-lieu/",
        [
            "tăng 6,70% so với cùng kỳ năm ngoái",
            "100% cơ sở khám bệnh, chữa bệnh bảo hiểm y tế",
            "VnEconomy",
            "không nói rõ là tăng 1,78 điểm phần trăm",
        ],
        ["Năm 2025"],
    ),
    (
        "topic-agriculture-not-empty",
        "/chu-de/nong-nghiep-so/",
        ["Định hướng theo lĩnh vực"],
        ["Chưa có nội dung nào gắn với chủ đề này"],
    ),
    (
        "topic-green-not-empty",
        "/chu-de/chuyen-doi-xanh/",
        ["Định hướng theo lĩnh vực"],
        ["Chưa có nội dung nào gắn với chủ đề này"],
    ),
    (
        "sources-page-publishers-links-access-dates",
        "/nguon/",
        [
            "VietNamNet",
            "VnEconomy",
            "Báo Ấp Bắc",
            "đăng lại từ Sài Gòn Giải Phóng",
            "Znews",
            "Báo Thanh Hóa",
            "Ngày truy cập",
            "01/12/2026",
            "Không có địa chỉ công khai.",
            "Dữ kiện lấy từ nguồn này",
            'href="https://vneconomy.vn/thu-tuong-yeu-cau-lap-bao-cao-tac-dong-cua-ai-toi-cac-nganh-nghe.htm" '
            'rel="external noopener"',
        ],
        ["Nguồn này hỗ trợ"],
    ),
]


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize(("url", "must", "must_not"), [case[1:] for case in FACTS], ids=[case[0] for case in FACTS])
def test_corrected_fact_on_its_page(client, forum_content, url, must, must_not):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    text = _text(body)
    assert [w for w in must if w not in body and w not in text] == []
    assert [w for w in must_not if w in body or w in text] == []


PUBLIC_PAGES = sorted({case[1] for case in FACTS} | {"/", "/van-ban/", "/su-kien/", "/nhan-vat/pham-minh-chinh/"})


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_internal_codes_or_loader_jargon_on_public_pages(client, forum_content, url):
    text = _text(client.get(url).content.decode())
    assert re.findall(r"\bS[0-9]\b", text) == []
    assert "Nạp nội dung" not in text and "tệp nội dung" not in text and "content/" not in text


def _jsonld(body: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))


def test_jsonld_states_only_what_sources_give(client, forum_content):
    forum = _jsonld(client.get("/dien-dan/2025/").content.decode())
    assert (forum["startDate"], forum["location"]["name"]) == ("2025-12-20", "Hà Nội")
    assert "endDate" not in forum and "eventAttendanceMode" not in forum
    day = _jsonld(client.get("/su-kien/ngay-chuyen-doi-so-quoc-gia/2025/").content.decode())
    assert "startDate" not in day  # 10/10/2025 is inferred from QĐ 505, not given
    task1 = _jsonld(client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/").content.decode())
    assert [agent["name"] for agent in task1["agent"]] == ["Bộ Khoa học và Công nghệ"]


def test_exports_follow_the_corrections(client, forum_content):
    people = json.loads(client.get("/du-lieu/nhan-vat.json").content)["items"]
    roles = {p["id"]: [r["part"] for r in p["roles"]] for p in people}
    assert roles["le-van-phuoc"] == ["participant"] and roles["cao-van-cuong"] == ["bridge_lead"]
    tasks = {t["number"]: t for t in json.loads(client.get("/du-lieu/nhiem-vu.json").content)["items"]}
    assert (tasks[1]["lead"], tasks[1]["assignees"], tasks[1]["assignees_text"]) == (
        "",
        ["bo-khoa-hoc-va-cong-nghe"],
        "các bộ, ngành",
    )
    assert (tasks[10]["partners"], tasks[10]["partners_text"]) == ([], "")
    editions = {e["id"]: e for e in json.loads(client.get("/du-lieu/cac-ky.json").content)["items"]}
    assert editions["ngay-chuyen-doi-so-quoc-gia/2025"]["start_date_inferred"] is True
    assert editions["dien-dan/2025"]["venue"] == "Hà Nội"


def test_figure_citation_names_the_publisher_not_a_code(client, forum_content):
    bib = client.get("/so-lieu/phu-song-5g-dan-so/trich-dan.bib").content.decode()
    assert "VnEconomy" in bib and "S4" not in bib


def test_english_pages_label_joint_tasks_and_sources_in_english(client, forum_content):
    task = client.get("/en/van-ban/4-tb-vpcp/nhiem-vu/1/").content.decode()
    assert "Given to" in task and "given jointly; the document names no lead" in task
    assert "Giao cho" not in task
    sources = client.get("/en/nguon/").content.decode()
    assert "Accessed" in sources and "Facts taken from this source" in sources and "reprinted from" in sources
    figures = client.get("/en/so-lieu/").content.decode()
    assert "see the original" in figures and "accessed 01/12/2026" in figures
