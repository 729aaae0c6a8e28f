"""Citations: the exact strings for task 3 of 4/TB-VPCP in each style, the downloads, and the cite boxes."""

import ast
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core.citations import Citable, apa, bibtex, citable_for, csl_json, press_style, ris
from editions.citations import edition_citable, figure_citable
from resolutions.citations import document_citable, section_citable, task_citable
from resolutions.models import DeadlineKind, Section, SectionKind, Task
from tests.factories import (
    make_document,
    make_edition,
    make_figure,
    make_organisation,
    make_section,
    make_source,
    make_task,
)

ACCESSED = date(2026, 2, 15)
SITE = "https://kinhteso.example.vn"
SUBJECT = (
    "Kết luận của Thủ tướng Chính phủ Phạm Minh Chính tại Diễn đàn Quốc gia phát triển kinh tế số và xã hội số "
    "lần thứ III"
)
TASK3_URL = f"{SITE}/van-ban/4-tb-vpcp/nhiem-vu/3/"
TASK3_TITLE = "“Xây dựng Khung Kinh tế dữ liệu quốc gia”"
ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_AT = datetime(2026, 2, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def task3(db) -> Task:
    """Task 3 of Thông báo 4/TB-VPCP as the forum facts give it: no issue date, led by Bộ Công an."""
    issuer = make_organisation(name="Văn phòng Chính phủ", short_name="VPCP", slug="van-phong-chinh-phu")
    lead = make_organisation(name="Bộ Công an", short_name="", slug="bo-cong-an")
    document = make_document(
        key="4-tb-vpcp",
        number="4/TB-VPCP",
        doc_type="Thông báo",
        issuer=issuer,
        issue_date=None,
        title="Thông báo kết luận của Thủ tướng Chính phủ tại Diễn đàn lần thứ III",
        subject=SUBJECT,
    )
    make_task(document, number=1, title="Ban hành văn bản hướng dẫn", deadline_kind=DeadlineKind.URGENT)
    make_task(document, number=2, title="Trình Chương trình phát triển kinh tế số và xã hội số")
    return make_task(
        document,
        number=3,
        title="Xây dựng Khung Kinh tế dữ liệu quốc gia",
        lead=lead,
        partners_text="các đơn vị liên quan",
        deadline_kind=DeadlineKind.MONTH,
        deadline_text="hoàn thành trong tháng 01/2026",
        deadline_date=date(2026, 1, 31),
    )


def test_task3_press_style_has_house_fields_in_order(task3):
    assert press_style(task_citable(task3), ACCESSED) == (
        f"Văn phòng Chính phủ, Thông báo số 4/TB-VPCP, không rõ ngày, “{SUBJECT}”, "
        f"nhiệm vụ 3 {TASK3_TITLE}, theo đánh số của Kho tri thức. "
        f"Kho tri thức Diễn đàn Kinh tế số, truy cập ngày 15/02/2026, {TASK3_URL}"
    )


def test_task3_apa(task3):
    assert apa(task_citable(task3), ACCESSED) == (
        f"Văn phòng Chính phủ. (không rõ ngày). {SUBJECT} (Thông báo số 4/TB-VPCP) "
        f"[nhiệm vụ 3 {TASK3_TITLE}, theo đánh số của Kho tri thức]. Kho tri thức Diễn đàn Kinh tế số. "
        f"Truy cập ngày 15/02/2026, từ {TASK3_URL}"
    )


def test_task3_bibtex(task3):
    assert bibtex(task_citable(task3), ACCESSED) == (
        "@misc{4-tb-vpcp-nhiem-vu-3,\n"
        "  author = {{Văn phòng Chính phủ}},\n"
        f"  title = {{{{{SUBJECT} [nhiệm vụ 3 {TASK3_TITLE}, theo đánh số của Kho tri thức]}}}},\n"
        "  type = {Thông báo},\n"
        "  number = {4/TB-VPCP},\n"
        "  publisher = {Kho tri thức Diễn đàn Kinh tế số},\n"
        "  howpublished = {Kho tri thức Diễn đàn Kinh tế số},\n"
        f"  url = {{{TASK3_URL}}},\n"
        "  urldate = {2026-02-15},\n"
        "  langid = {vietnamese},\n"
        "}\n"
    )


def test_task3_ris(task3):
    assert ris(task_citable(task3), ACCESSED) == (
        "TY  - GOVDOC\r\n"
        "ID  - 4-tb-vpcp-nhiem-vu-3\r\n"
        "AU  - Văn phòng Chính phủ\r\n"
        f"TI  - {SUBJECT} [nhiệm vụ 3 {TASK3_TITLE}, theo đánh số của Kho tri thức]\r\n"
        "M3  - Thông báo\r\n"
        "M1  - 4/TB-VPCP\r\n"
        "PB  - Kho tri thức Diễn đàn Kinh tế số\r\n"
        f"UR  - {TASK3_URL}\r\n"
        "Y2  - 2026/02/15\r\n"
        "LA  - vi\r\n"
        "ER  - \r\n"
    )


def test_task3_csl_json(task3):
    assert json.loads(csl_json(task_citable(task3), ACCESSED)) == [
        {
            "id": "4-tb-vpcp-nhiem-vu-3",
            "type": "document",
            "author": [{"literal": "Văn phòng Chính phủ"}],
            "title": f"{SUBJECT} [nhiệm vụ 3 {TASK3_TITLE}, theo đánh số của Kho tri thức]",
            "genre": "Thông báo",
            "number": "4/TB-VPCP",
            "publisher": "Kho tri thức Diễn đàn Kinh tế số",
            "URL": TASK3_URL,
            "accessed": {"date-parts": [[2026, 2, 15]]},
            "language": "vi",
        }
    ]


def test_permanent_url_comes_from_site_url_setting_not_the_request(task3, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://ban-chinh-thuc.example.vn"
    body = client.get(task3.get_absolute_url(), HTTP_HOST="gia-mao.example.com").content.decode()
    assert "https://ban-chinh-thuc.example.vn/van-ban/4-tb-vpcp/nhiem-vu/3/" in body
    assert "gia-mao.example.com" not in body


def test_permanent_url_is_the_vietnamese_one_even_under_en(task3, client):
    body = client.get("/en" + task3.get_absolute_url()).content.decode()
    cite_box = body[body.index('<section class="cite-box"') :]
    cite_box = cite_box[: cite_box.index("</section>")]
    assert TASK3_URL in cite_box
    assert f"{SITE}/en/" not in cite_box


def test_known_date_and_version_appear_in_press_style_and_apa():
    citable = Citable(
        key="505-qd-ttg",
        title="Ngày Chuyển đổi số quốc gia",
        url=f"{SITE}/van-ban/505-qd-ttg/",
        site_name="Kho tri thức Diễn đàn Kinh tế số",
        issuer="Thủ tướng Chính phủ",
        doc_type="Quyết định",
        number="505/QĐ-TTg",
        date=date(2022, 4, 22),
        version=2,
    )
    assert press_style(citable, ACCESSED) == (
        "Thủ tướng Chính phủ, Quyết định số 505/QĐ-TTg, 22/04/2022, “Ngày Chuyển đổi số quốc gia”. "
        f"Kho tri thức Diễn đàn Kinh tế số, phiên bản 2, truy cập ngày 15/02/2026, {SITE}/van-ban/505-qd-ttg/"
    )
    assert apa(citable, ACCESSED).startswith(
        "Thủ tướng Chính phủ. (2022). Ngày Chuyển đổi số quốc gia (Quyết định số 505/QĐ-TTg; phiên bản 2)."
    )
    assert "  date = {2022-04-22},\n  year = {2022},\n" in bibtex(citable, ACCESSED)
    assert "PY  - 2022\r\nDA  - 2022/04/22\r\n" in ris(citable, ACCESSED)
    assert json.loads(csl_json(citable, ACCESSED))[0]["issued"] == {"date-parts": [[2022, 4, 22]]}


def test_bibtex_escapes_latex_specials():
    citable = Citable(key="k", title="Bộ KH&CN: 100% và $_#", url=f"{SITE}/", site_name="Kho")
    assert r"title = {{Bộ KH\&CN: 100\% và \$\_\#}}" in bibtex(citable, ACCESSED)


def test_task_label_from_the_notice_is_kept_beside_our_numbering(task3):
    task3.label = "3.a"
    assert task_citable(task3).item == (f"nhiệm vụ 3 {TASK3_TITLE}, theo đánh số của Kho tri thức (văn bản ghi: 3.a)")


@pytest.mark.django_db
def test_section_citation_names_section_and_links_its_anchor():
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP", issuer=make_organisation(name="Văn phòng Chính phủ"))
    make_section(document, title="Kết quả")
    section = Section.objects.select_related("document__issuer").get(document=document, number=1)
    citable = section_citable(section)
    assert citable.url == f"{SITE}/van-ban/4-tb-vpcp/#muc-1"
    assert citable.item == "mục 1 “Kết quả”, theo đánh số của Kho tri thức"
    assert citable.key == "4-tb-vpcp-muc-1"


@pytest.mark.django_db
def test_document_citation_has_no_item():
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP", subject="Kết luận")
    citable = document_citable(document)
    assert citable.item == ""
    assert press_style(citable, ACCESSED).startswith("Thông báo số 4/TB-VPCP, không rõ ngày, “Kết luận”.")


@pytest.mark.django_db
def test_our_edition_page_is_authored_by_the_site_not_the_organiser():
    organiser = make_organisation(name="Bộ Khoa học và Công nghệ")
    edition = make_edition(
        year=2024, number=2, year_inferred=True, organiser=organiser, first_published_at=PUBLISHED_AT
    )
    citable = edition_citable(edition)
    assert citable.author == "Kho tri thức Diễn đàn Kinh tế số"
    assert press_style(citable, ACCESSED) == (
        f"Kho tri thức Diễn đàn Kinh tế số, 01/02/2026, “{edition.title}”, tổ chức năm 2024 (năm suy ra). "
        f"Truy cập ngày 15/02/2026, {SITE}/dien-dan/2024/"
    )
    assert apa(citable, ACCESSED) == (
        f"Kho tri thức Diễn đàn Kinh tế số. (2026). {edition.title} [tổ chức năm 2024 (năm suy ra)]. "
        f"Truy cập ngày 15/02/2026, từ {SITE}/dien-dan/2024/"
    )
    for text in (bibtex(citable, ACCESSED), ris(citable, ACCESSED), csl_json(citable, ACCESSED)):
        assert "Bộ Khoa học và Công nghệ" not in text


@pytest.mark.django_db
def test_key_figure_is_cited_with_its_as_of_time_and_source():
    source = make_source(
        key="s4", title="Bài viết về Thông báo 4/TB-VPCP", publisher="VnEconomy", url="https://vneconomy.vn/bai.htm"
    )
    figure = make_figure(
        source=source,
        key="phu-song-5g",
        label="Tỷ lệ dân số được phủ sóng 5G",
        text_as_written="gần 59% dân số",
        as_of_text="Tại thời điểm ra thông báo (chưa rõ ngày)",
        first_published_at=PUBLISHED_AT,
    )
    assert press_style(figure_citable(figure), ACCESSED) == (
        "Kho tri thức Diễn đàn Kinh tế số, 01/02/2026, “Tỷ lệ dân số được phủ sóng 5G: gần 59% dân số”, "
        "tại thời điểm ra thông báo (chưa rõ ngày); nguồn: VnEconomy, không rõ ngày, https://vneconomy.vn/bai.htm. "
        f"Truy cập ngày 15/02/2026, {SITE}/so-lieu/#phu-song-5g"
    )


def test_registry_finds_the_adapter_of_each_model(task3):
    assert citable_for(task3) == task_citable(task3)


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("bib", "application/x-bibtex; charset=utf-8", "@misc{4-tb-vpcp-nhiem-vu-3,"),
        ("ris", "application/x-research-info-systems; charset=utf-8", "TY  - GOVDOC"),
        ("json", "application/vnd.citationstyles.csl+json; charset=utf-8", "["),
    ],
)
def test_task_citation_downloads(task3, client, settings, fmt, content_type, start):
    settings.TODAY = "2026-02-15"
    response = client.get(f"/van-ban/4-tb-vpcp/nhiem-vu/3/trich-dan.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="4-tb-vpcp-nhiem-vu-3.{fmt}"'
    body = response.content.decode()
    assert body.startswith(start)
    assert "2026" in body and TASK3_URL in body
    assert not response.cookies


@pytest.mark.django_db
def test_document_section_and_edition_citation_downloads(client):
    edition = make_edition(year=2025, number=3)
    document = make_document(key="4-tb-vpcp", edition=edition)
    make_section(document)
    for url in (
        "/van-ban/4-tb-vpcp/trich-dan.bib",
        "/van-ban/4-tb-vpcp/muc/1/trich-dan.ris",
        "/dien-dan/2025/trich-dan.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_unknown_citation_format_or_draft_is_404(client):
    from core.publishing import Status

    task = make_task(make_document(key="4-tb-vpcp"))
    assert client.get(f"{task.get_absolute_url()}trich-dan.pdf").status_code == 404
    assert client.get("/van-ban/4-tb-vpcp/muc/9/trich-dan.bib").status_code == 404
    make_task(make_document(key="nhap", status=Status.DRAFT), number=1)
    assert client.get("/van-ban/nhap/nhiem-vu/1/trich-dan.bib").status_code == 404
    assert client.get("/van-ban/nhap/trich-dan.bib").status_code == 404


def test_task_page_has_cite_box_selectable_without_js_and_copy_script(task3, client, settings):
    settings.TODAY = "2026-02-15"
    body = client.get(task3.get_absolute_url()).content.decode()
    assert "Trích dẫn" in body
    assert '<pre class="cite-text" id="trich-dan-4-tb-vpcp-nhiem-vu-3-vi">Văn phòng Chính phủ, Thông báo số' in body
    assert "truy cập ngày 15/02/2026" in body
    assert "/static/js/copy.js" in body
    assert 'data-copy-target="trich-dan-4-tb-vpcp-nhiem-vu-3-vi"' in body
    assert "<script>" not in body and "style=" not in body
    for fmt in ("bib", "ris", "json"):
        assert f'href="/van-ban/4-tb-vpcp/nhiem-vu/3/trich-dan.{fmt}"' in body
    # The citation comes after the content (it prints at the end).
    assert body.index("cite-box") > body.index("Diễn biến thực hiện")


@pytest.mark.django_db
def test_document_page_cites_the_document_and_each_section(client):
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP")
    make_section(document, title="Kết quả")
    make_section(document, title="Nhiệm vụ", kind=SectionKind.TASKS)
    make_task(document)
    body = client.get(document.get_absolute_url()).content.decode()
    assert 'id="trich-dan-4-tb-vpcp"' in body
    assert 'id="trich-dan-4-tb-vpcp-muc-1"' in body and 'id="trich-dan-4-tb-vpcp-muc-2"' in body
    assert "mục 2 “Nhiệm vụ”, theo đánh số của Kho tri thức" in body
    assert 'id="muc-1"' in body and 'id="nhiem-vu-1"' in body  # anchors kept


@pytest.mark.django_db
def test_edition_and_figures_pages_have_cite_boxes(client):
    edition = make_edition(year=2025, number=3)
    figure = make_figure(edition=edition, key="phu-song-5g")
    edition_body = client.get("/dien-dan/2025/").content.decode()
    assert 'id="trich-dan-dien-dan-2025"' in edition_body
    assert 'href="/dien-dan/2025/trich-dan.bib"' in edition_body
    figures_body = client.get("/so-lieu/").content.decode()
    assert f'id="trich-dan-so-lieu-{figure.key}"' in figures_body
    assert "<details" in figures_body


@pytest.mark.django_db
def test_related_event_edition_has_its_own_citation_route(client):
    from tests.factories import make_series

    series = make_series(slug="ngay-cds")
    make_edition(series=series, year=2025, number=4)
    body = client.get("/su-kien/ngay-cds/2025/").content.decode()
    assert 'href="/su-kien/ngay-cds/2025/trich-dan.ris"' in body
    assert client.get("/su-kien/ngay-cds/2025/trich-dan.ris").status_code == 200


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def test_ground_floor_citations_import_neither_app_and_editions_never_import_resolutions():
    assert not _imported_modules(ROOT / "core" / "citations.py") & {"editions", "resolutions"}
    assert not _imported_modules(ROOT / "core" / "templatetags" / "citation_tags.py") & {
        "editions",
        "resolutions",
    }
    assert "resolutions" not in _imported_modules(ROOT / "editions" / "citations.py")


@pytest.mark.django_db
def test_key_figure_citation_downloads(client):
    from tests.factories import make_figure

    figure = make_figure(key="phu-song-5g", label="Phủ sóng 5G", text_as_written="gần 59% dân số")
    body = client.get("/so-lieu/").content.decode()
    assert "/so-lieu/phu-song-5g/trich-dan.bib" in body
    response = client.get("/so-lieu/phu-song-5g/trich-dan.ris")
    assert response.status_code == 200
    assert "gần 59% dân số" in response.content.decode()
    assert client.get("/so-lieu/phu-song-5g/trich-dan.exe").status_code == 404
    assert figure.key == "phu-song-5g"
