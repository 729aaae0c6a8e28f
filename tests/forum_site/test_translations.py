import pytest

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_english_page_shows_the_english_theme_when_there_is_one(client):
    make_edition(year=2025, number=3, theme="Chủ đề tiếng Việt", theme_en="The English theme")
    english = client.get("/en/dien-dan/2025/").content.decode()
    assert "The English theme" in english
    vietnamese = client.get("/dien-dan/2025/").content.decode()
    assert "Chủ đề tiếng Việt" in vietnamese and "The English theme" not in vietnamese


def test_english_page_without_translation_shows_vietnamese_marked_and_says_so(client):
    make_edition(year=2025, number=3, theme="Chủ đề chưa dịch")
    english = client.get("/en/dien-dan/2025/").content.decode()
    assert '<span lang="vi">Chủ đề chưa dịch</span>' in english
    assert 'class="untranslated-note"' in english
    assert 'class="untranslated-note"' not in client.get("/dien-dan/2025/").content.decode()
