"""Absolute links come from settings.SITE_URL alone (core/links.py), never from the request's Host."""

import pytest
from django.utils import translation

from core.links import absolute_url, permalink, permanent_reverse, site_host, site_netloc, site_scheme
from tests.factories import make_person

SITE = "https://kinhteso.example.vn:8443"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_the_parts_of_the_site_url():
    assert (site_scheme(), site_netloc(), site_host()) == ("https", "kinhteso.example.vn:8443", "kinhteso.example.vn")
    assert absolute_url("/nguon/") == f"{SITE}/nguon/"


@pytest.mark.django_db
def test_permanent_links_name_the_vietnamese_page_whatever_the_active_language():
    person = make_person(slug="nguyen-van-a")
    with translation.override("en"):
        assert permalink(person) == f"{SITE}/nhan-vat/nguyen-van-a/"
        assert permanent_reverse("resolutions:tracker") == f"{SITE}/nhiem-vu/"


def test_robots_txt_names_the_sitemap_on_the_site_url_not_the_requests_host(client, settings):
    settings.ALLOWED_HOSTS = ["attacker.example"]
    body = client.get("/robots.txt", HTTP_HOST="attacker.example").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body
    assert "attacker.example" not in body
