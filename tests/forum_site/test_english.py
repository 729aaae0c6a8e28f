"""The English interface: /en/ pages speak English (locale/en/LC_MESSAGES/django.po), and the catalogue is complete."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed

from editions.models import Part
from resolutions.models import DeadlineKind
from tests.factories import (
    make_appearance,
    make_bridge_point,
    make_document,
    make_edition,
    make_person,
    make_task,
    month_end,
)

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """`make test` compiles the catalogue first; a bare pytest run compiles it here when missing or stale."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
        # A catalogue loaded before the .mo existed stays cached: Django's own handler drops it.
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def _nav(page: str) -> str:
    match = re.search(r'<nav aria-label="[^"]*" class="site-nav">(.*?)</nav>', page, re.S)
    assert match, "the main navigation is missing"
    return match.group(1)


@pytest.mark.django_db
def test_english_home_has_english_navigation_and_lang(client):
    page = client.get("/en/").content.decode()
    assert '<html lang="en">' in page
    nav = _nav(page)
    for english in ("Forum editions", "Documents", "Task tracker", "Figures", "Related events", "Topics"):
        assert english in nav
    for vietnamese in ("Các kỳ diễn đàn", "Văn bản", "Theo dõi nhiệm vụ", "Sự kiện liên quan"):
        assert vietnamese not in nav
    assert 'aria-label="Main navigation"' in page
    assert "Skip to main content" in page


@pytest.mark.django_db
def test_vietnamese_home_stays_vietnamese(client):
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    nav = _nav(page)
    assert "Các kỳ diễn đàn" in nav and "Forum editions" not in nav


@pytest.mark.django_db
def test_english_edition_list_title(client):
    make_edition(year=2025, number=3)
    page = client.get("/en/dien-dan/").content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Forum editions</h1>" in page
    assert re.search(r"<title>Forum editions · ", page)
    assert "List of editions" in page
    assert "Các kỳ diễn đàn" not in page


@pytest.mark.django_db
def test_english_tracker_shows_english_deadline_states(client, settings):
    settings.TODAY = "2026-03-05"
    notice = make_document(key="4-tb-vpcp", number="4/TB-VPCP", edition=make_edition(year=2025, number=3))
    make_task(notice, deadline_kind=DeadlineKind.MONTH, deadline_date=month_end(2026, 1), deadline_text="tháng 01/2026")
    make_task(notice, deadline_kind=DeadlineKind.MONTH, deadline_date=month_end(2026, 12), deadline_text="năm 2026")
    make_task(notice, deadline_kind=DeadlineKind.NONE)
    page = client.get("/en/nhiem-vu/").content.decode()
    assert '<html lang="en">' in page
    assert "Past deadline — no update reported" in page
    assert "Not yet due" in page
    assert "No deadline given" in page
    assert "Deadline status" in page and "Latest update" in page
    for vietnamese in ("Đã quá hạn", "Còn hạn", "Không nêu thời hạn", "Tình trạng thời hạn"):
        assert vietnamese not in page
    # The document number and the quoted deadline stay as the document wrote them (marked as Vietnamese text).
    assert "4/TB-VPCP" in page and '“<span lang="vi">tháng 01/2026</span>”' in page


@pytest.mark.django_db
def test_english_task_page_labels(client):
    task = make_task(make_document(key="4-tb-vpcp", number="4/TB-VPCP"), deadline_kind=DeadlineKind.NONE)
    page = client.get(f"/en/van-ban/4-tb-vpcp/nhiem-vu/{task.number}/").content.decode()
    assert '<html lang="en">' in page
    for english in ("Lead", "Partners", "Deadline", "Cite", "No update reported."):
        assert english in page
    assert "Trích dẫn" not in page and "Phối hợp" not in page


@pytest.mark.django_db
def test_citations_stay_vietnamese_on_english_pages(client):
    """Citation formats are Vietnamese by design: their catalogue entries keep the Vietnamese text."""
    task = make_task(make_document(key="4-tb-vpcp", number="4/TB-VPCP", doc_type="Thông báo"))
    page = client.get(f"/en/van-ban/4-tb-vpcp/nhiem-vu/{task.number}/").content.decode()
    cite_box = page[page.index('<section class="cite-box"') :]
    cite_box = cite_box[: cite_box.index("</section>")]
    assert "Cite" in cite_box and "Press style (Vietnamese)" in cite_box
    assert "Thông báo số 4/TB-VPCP, không rõ ngày" in cite_box
    assert f"nhiệm vụ {task.number} “{task.title}”, theo đánh số của Kho tri thức" in cite_box
    assert "truy cập ngày" in cite_box and "Truy cập ngày" in cite_box
    assert "accessed" not in cite_box.lower() and "as numbered by" not in cite_box


@pytest.mark.django_db
def test_english_404_page(client):
    response = client.get("/en/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="en">' in page and "Page not found" in page
    assert "Không tìm thấy trang" not in page


def _entries(text: str) -> list[dict]:
    """Minimal .po reader: each entry's flags, msgid and msgstr(s), with continuation lines joined."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = {"flags": [], "msgid": None, "msgstr": []}
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line):
                key, value = match.groups()
                if key.startswith("msgstr"):
                    entry["msgstr"].append(value)
                    current = ("msgstr", len(entry["msgstr"]) - 1)
                else:
                    entry[key] = value
                    current = (key, None)
            elif line.startswith('"'):
                name, index = current
                if name == "msgstr":
                    entry["msgstr"][index] += line[1:-1]
                else:
                    entry[name] += line[1:-1]
        entries.append(entry)
    return entries


def test_english_catalogue_is_complete():
    entries = _entries(PO.read_text(encoding="utf-8"))
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Language: en" in header["msgstr"][0]
    assert len(messages) > 500
    untranslated = [e["msgid"] for e in messages if not e["msgstr"] or not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_english_catalogue_keeps_placeholders():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in _entries(PO.read_text(encoding="utf-8"))[1:]:
        wanted = sorted(placeholder.findall(entry["msgid"] + (entry.get("msgid_plural") or "")))
        for msgstr in entry["msgstr"]:
            found = sorted(set(placeholder.findall(msgstr)))
            assert found == sorted(set(wanted)), entry["msgid"]


@pytest.mark.django_db
def test_a_bridge_point_names_each_persons_own_part(client):
    edition = make_edition(year=2025, number=3)
    point = make_bridge_point(edition, name="Tỉnh Thử")
    make_appearance(edition, make_person(name="Người Dự"), part=Part.PARTICIPANT, bridge_point=point)
    make_appearance(edition, make_person(name="Người Chủ Trì"), part=Part.BRIDGE_LEAD, bridge_point=point, order=5)
    english = _page(client, "/en/dien-dan/2025/")
    assert "Attended: <a" in english and "Chair at a bridge point: <a" in english
    assert "Lead:" not in english
    vietnamese = _page(client, "/dien-dan/2025/")
    assert "Tham dự: <a" in vietnamese and "Chủ trì điểm cầu: <a" in vietnamese


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()
