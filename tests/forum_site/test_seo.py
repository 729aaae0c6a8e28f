import re

import pytest

from tests.factories import make_edition, make_organisation

pytestmark = pytest.mark.django_db


def head(client, url) -> str:
    body = client.get(url).content.decode()
    return body[: body.index("</head>")]


def test_every_page_has_canonical_hreflang_open_graph_and_twitter_tags(client):
    make_edition(year=2025, number=3)
    page = head(client, "/dien-dan/2025/")
    assert '<link rel="canonical" href="https://kinhteso.example.vn/dien-dan/2025/">' in page
    assert '<link rel="alternate" hreflang="en" href="https://kinhteso.example.vn/en/dien-dan/2025/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://kinhteso.example.vn/dien-dan/2025/">' in page
    title = "Diễn đàn Quốc gia phát triển kinh tế số và xã hội số lần thứ III (2025)"
    assert f'property="og:title" content="{title}"' in page
    assert 'name="twitter:card" content="summary"' in page


def test_titles_are_escaped_once(client):
    organisation = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN")
    page = head(client, organisation.get_absolute_url())
    assert "Bộ KH&amp;CN" in page
    assert "&amp;amp;" not in page


def test_language_switcher_keeps_the_current_page(client):
    make_edition(year=2025, number=3)
    body = client.get("/dien-dan/2025/").content.decode()
    assert re.search(r'<a href="/en/dien-dan/2025/" hreflang="en" lang="en">English</a>', body)
    english = client.get("/en/dien-dan/2025/").content.decode()
    assert '<html lang="en">' in english
    assert 'href="/dien-dan/2025/" hreflang="vi" lang="vi">Tiếng Việt</a>' in english
