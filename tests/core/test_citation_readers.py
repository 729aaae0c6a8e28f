"""Every citation style stands alone: it names the part cited, credits the right author and never doubles its
punctuation. The machine formats are read back by real tools: CSL-JSON by citeproc-py, BibTeX by bibtexparser."""

import json
import re
from datetime import UTC, date, datetime

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from core.citations import apa, bibtex, csl_json, press_style, ris
from editions.citations import edition_citable, figure_citable
from resolutions.citations import document_citable, section_citable, task_citable
from resolutions.models import Section
from tests.factories import make_document, make_edition, make_figure, make_organisation, make_section, make_task

pytestmark = pytest.mark.django_db
ACCESSED = date(2026, 2, 15)
SITE_NAME = "Kho tri thức Diễn đàn Kinh tế số"
# A mark of closing punctuation right after another (a title that ends with a full stop, then the style's own).
DOUBLED = re.compile(r"[.,;:][”\"]?[.,;:]|\.\s*\.")


def cited_things():
    """(citable, author, the name of the part cited) for a task, a section, a document, an edition and a figure;
    every title ends with a full stop, as pasted titles often do."""
    vpcp = make_organisation(name="Văn phòng Chính phủ")
    document = make_document(
        key="4-tb-vpcp", number="4/TB-VPCP", issuer=vpcp, subject="Kết luận của Thủ tướng Chính phủ tại Diễn đàn."
    )
    make_section(document, title="Đánh giá: kết quả đạt được.")
    task = make_task(document, number=8, title="Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số.")
    section = Section.objects.select_related("document__issuer").get(document=document, number=1)
    edition = make_edition(
        year=2025, number=3, organiser=make_organisation(name="Bộ Khoa học và Công nghệ"), start_date=date(2025, 12, 20)
    )
    edition.first_published_at = datetime(2026, 1, 5, tzinfo=UTC)
    figure = make_figure(label="Tỷ lệ dân số được phủ sóng 5G.", text_as_written="gần 59% dân số")
    return {
        "task": (task_citable(task), "Văn phòng Chính phủ", "Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số"),
        "section": (section_citable(section), "Văn phòng Chính phủ", "Đánh giá: kết quả đạt được"),
        "document": (document_citable(document), "Văn phòng Chính phủ", "Kết luận của Thủ tướng Chính phủ"),
        "edition": (edition_citable(edition), SITE_NAME, "Diễn đàn Quốc gia"),
        "figure": (figure_citable(figure), SITE_NAME, "Tỷ lệ dân số được phủ sóng 5G"),
    }


def citeproc_text(csl: str) -> str:
    """The bibliography entry citeproc-py renders from our CSL-JSON (the style it ships: Harvard)."""
    items = json.loads(csl)
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), CiteProcJSON(items), formatter.plain
    )
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    return str(bibliography.bibliography()[0])


def test_press_style_and_apa_name_the_part_cited_and_never_double_punctuation():
    for name, (citable, author, part) in cited_things().items():
        for text in (press_style(citable, ACCESSED), apa(citable, ACCESSED)):
            assert text.startswith(author), (name, text)
            assert part in text, (name, text)
            assert not DOUBLED.search(text.replace("https://", "")), (name, text)


def test_csl_json_renders_in_citeproc_with_the_part_and_the_author():
    for name, (citable, author, part) in cited_things().items():
        text = citeproc_text(csl_json(citable, ACCESSED))
        assert text.startswith(author), (name, text)
        assert part in text and citable.url in text, (name, text)
        assert not DOUBLED.search(text.replace("https://", "")), (name, text)


def test_bibtex_parses_with_the_part_in_its_title_and_the_author_as_one_body():
    for name, (citable, author, part) in cited_things().items():
        library = bibtexparser.parse_string(bibtex(citable, ACCESSED))
        assert library.failed_blocks == [], name
        [entry] = library.entries
        assert entry.key == citable.key
        assert entry["author"] == "{" + author + "}", name  # braced: a body, never split into "first, last"
        assert part in entry["title"], name
        assert entry["url"] == citable.url


def test_ris_names_the_part_in_its_title():
    for name, (citable, author, part) in cited_things().items():
        fields = dict(line.split("  - ", 1) for line in ris(citable, ACCESSED).splitlines() if "  - " in line)
        assert fields["AU"] == author and part in fields["TI"], name


def test_the_doubled_punctuation_check_can_fail():
    assert DOUBLED.search("“Kết luận.”, nhiệm vụ 8") and DOUBLED.search("“Kết luận.”.") and DOUBLED.search("a..")
    assert not DOUBLED.search("“Kết luận”, nhiệm vụ 8. Kho tri thức, truy cập ngày 15/02/2026")
