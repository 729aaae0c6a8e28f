"""English pages with the forum's real content loaded once for the module (content/ and its English overlay
content/en/): the content is in English, quoted themes and deadlines keep the Vietnamese original beside the English,
roles are not mislabelled, and the "not yet translated" notice appears only where an English field is really empty."""

import re

import pytest

from editions.models import Edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forum_content")]
NOTICE = 'class="untranslated-note"'


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def without_citations(html: str) -> str:
    """The page without its cite boxes: citations are Vietnamese on every page, by design."""
    return re.sub(r'<(details|section) class="cite-box.*?</\1>', "", html, flags=re.S)


def test_english_edition_page_is_in_english(client):
    html = page(client, "/en/dien-dan/2025/")
    assert '<html lang="en">' in html
    assert "<h1>3rd National Forum on Digital Economy and Digital Society Development</h1>" in html
    assert (
        '“<span lang="vi">Phát triển kinh tế số, xã hội số toàn diện, bao trùm – Đạt mục tiêu tăng trưởng GDP '
        "hai con số giai đoạn 2026–2030</span>” (“Comprehensive, inclusive development of the digital economy and "
        "digital society – Achieving double-digit GDP growth in 2026–2030”)"
    ) in html
    assert "Morning of 20 December 2025" in html
    assert "Ministry of Science and Technology (MOST)" in html
    assert "Overall assessment of Vietnam&#x27;s digital economy and digital society, 2021–2025" in html
    assert "Prime Minister — chair" in html and "Deputy Prime Minister — co-chair" in html
    assert "— lead" not in html  # a chair is not a "lead"
    assert "2025 is the last year of the five-year socio-economic development plan" in html  # context
    assert "Government leaders" in html  # participants
    assert "“Học từ làm việc thực tế” (“Learning from real work”) was planned" in html
    assert "Thủ tướng Chính phủ" not in html and "Bối cảnh" not in html
    assert ">Hanoi<" in html
    assert "Vice Chairman of the An Giang Provincial People&#x27;s Committee — attended" in html
    assert "Vice Chairman of the Thanh Hóa Provincial People&#x27;s Committee — chair at a bridge point" in html
    assert NOTICE not in html


def test_english_joint_task_and_editors_notes(client):
    first = page(client, "/en/van-ban/4-tb-vpcp/nhiem-vu/1/")
    assert "ministries and sectors" in first and "các bộ, ngành" not in without_citations(first)
    second = page(client, "/en/van-ban/4-tb-vpcp/nhiem-vu/2/")
    assert "The programme&#x27;s name is quoted exactly as the article on Notice 4/TB-VPCP gives it." in second
    sixth = page(client, "/en/van-ban/4-tb-vpcp/nhiem-vu/6/")
    assert "inferred from the similar names" in sixth
    for html in (first, second, sixth):
        assert NOTICE not in html


def test_english_home_page(client):
    html = page(client, "/en/")
    assert "Notice 4/TB-VPCP published" in html  # recent changes, from the published versions
    assert "When Notice 4/TB-VPCP was issued (issue date not given)" in html  # a group of key figures
    assert "Thời điểm ra Thông báo" not in html and "Thông báo 4/TB-VPCP" not in without_citations(html)
    assert NOTICE not in html


def test_english_sources_page(client):
    html = page(client, "/en/nguon/")
    assert "Report on the 3rd Forum from the Thanh Hóa bridge point" in html
    assert "Deputy Prime Minister Vũ Đức Đam signed the decision" in html
    assert "The publisher and public address of the article have not been found" in html
    assert "Dữ kiện lấy từ nguồn này" not in html and "Chưa tìm được nơi đăng" not in html
    assert NOTICE not in html


def test_english_document_page_is_in_english(client):
    html = page(client, "/en/van-ban/4-tb-vpcp/")
    assert "<h1>Notice 4/TB-VPCP</h1>" in html
    assert "Government Office" in html
    assert "1. Assessment: results" in html and "5G covers nearly 59% of the population." in html
    assert "through automated monitoring" in html
    assert "Build the National Data Economy Framework and its roadmap" in html
    assert "Đánh giá: kết quả đạt được" not in without_citations(html) and "Định hướng cho từng lĩnh vực" not in html
    assert NOTICE not in html


def test_english_task_page_is_in_english(client):
    html = page(client, "/en/van-ban/4-tb-vpcp/nhiem-vu/3/")
    assert "Task 3: Build the National Data Economy Framework and its roadmap" in html
    assert "mechanism for sharing data between the public and private sectors" in html
    assert "Ministry of Public Security" in html and "relevant units" in html
    assert ('“<span lang="vi">hoàn thành trong tháng 01/2026</span>” (“to be completed within January 2026”)') in html
    assert "No source at hand has reported progress." in html
    assert "Các nguồn hiện có chưa nêu tiến độ thực hiện." not in html
    assert NOTICE not in html


def test_english_figures_page_is_in_english(client):
    html = page(client, "/en/so-lieu/")
    assert "Share of the population covered by 5G" in html and "nearly 59% of the population" in html
    assert "about 72,000 enterprises" in html and "Mid-June 2023" in html
    assert "When Notice 4/TB-VPCP was issued (issue date not given)" in html
    assert "Giữa tháng 6/2023" not in without_citations(html)
    assert "Số doanh nghiệp công nghệ số" not in without_citations(html)
    assert NOTICE not in html


def test_vietnamese_pages_stay_vietnamese(client):
    html = page(client, "/dien-dan/2025/")
    assert "Thủ tướng Chính phủ — chủ trì" in html
    assert "Learning from real work" not in html and "Comprehensive, inclusive development" not in html
    assert "Bộ Khoa học và Công nghệ (Bộ KH&amp;CN)" in html


def test_the_notice_appears_where_an_english_field_is_really_empty(client):
    strand = Edition.objects.get(series__slug="dien-dan", year=2025).strands.get(order=2)
    strand.title_en = ""
    strand.save()
    html = page(client, "/en/dien-dan/2025/")
    assert f'<span lang="vi">{strand.title}</span>' in html
    assert NOTICE in html
