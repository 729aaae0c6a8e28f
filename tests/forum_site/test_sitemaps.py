import json
import xml.etree.ElementTree as ET

import pytest

from core.publishing import Status
from tests.factories import make_document, make_edition, make_person, make_task

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_sitemap_lists_published_content_in_both_languages_from_site_url(client):
    make_edition(year=2025, number=3)
    make_person(slug="nguoi-cong-khai")
    locations = sitemap_locations(client)
    assert "https://kinhteso.example.vn/dien-dan/2025/" in locations
    assert "https://kinhteso.example.vn/en/dien-dan/2025/" in locations
    assert "https://kinhteso.example.vn/nhan-vat/nguoi-cong-khai/" in locations
    assert all(loc.startswith("https://kinhteso.example.vn/") for loc in locations)


def test_sitemap_never_lists_drafts(client):
    make_person(slug="nguoi-nhap", status=Status.DRAFT)
    task = make_task(make_document(key="van-ban-nhap", status=Status.DRAFT))
    locations = sitemap_locations(client)
    assert not any("nguoi-nhap" in loc or "van-ban-nhap" in loc for loc in locations)
    assert task.get_absolute_url() not in " ".join(locations)


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://kinhteso.example.vn/sitemap.xml" in body
    assert "Disallow: /quan-tri/" in body


def test_web_app_manifest_is_valid_json(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["lang"] == "vi"
    assert manifest["start_url"] == "/"


def test_sitemap_follows_publishing_after_it_was_first_served(client):
    person = make_person(slug="nguoi-se-go")
    assert "https://kinhteso.example.vn/nhan-vat/nguoi-se-go/" in sitemap_locations(client)
    person.status = Status.WITHDRAWN
    person.save()
    make_person(slug="nguoi-moi")
    locations = sitemap_locations(client)
    assert "https://kinhteso.example.vn/nhan-vat/nguoi-se-go/" not in locations
    assert "https://kinhteso.example.vn/nhan-vat/nguoi-moi/" in locations
