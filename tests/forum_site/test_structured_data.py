import json
import re

import pytest

from editions.models import Part
from tests.factories import make_appearance, make_document, make_edition, make_organisation, make_task
from tests.world import build_world

pytestmark = pytest.mark.django_db


def jsonld(client, url) -> dict:
    body = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert len(blocks) == 1, url
    return json.loads(blocks[0])


def test_edition_is_an_event_with_date_and_organiser(client):
    from datetime import date

    organiser = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN")
    edition = make_edition(year=2025, number=3, start_date=date(2025, 12, 20), organiser=organiser, theme="Chủ đề")
    make_appearance(edition, part=Part.CHAIR)
    data = jsonld(client, edition.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert (data["@type"], data["startDate"]) == ("Event", "2025-12-20")
    assert data["organizer"]["alternateName"] == "Bộ KH&CN"
    assert data["url"] == "https://kinhteso.example.vn/dien-dan/2025/"


def test_document_and_task_types(client):
    lead = make_organisation(name="Bộ Công an", short_name="Bộ Công an")
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP")
    task = make_task(document, lead=lead)
    assert jsonld(client, document.get_absolute_url())["identifier"] == "4/TB-VPCP"
    action = jsonld(client, task.get_absolute_url())
    assert (action["@type"], action["agent"]["name"]) == ("Action", "Bộ Công an")


def test_home_declares_the_website_and_its_search(client):
    data = jsonld(client, "/")
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"].startswith("https://kinhteso.example.vn/tim-kiem/?q=")


@pytest.mark.parametrize("page", ["person", "organisation"])
def test_people_and_organisations_have_valid_json_ld(client, page):
    urls = build_world(1)
    data = jsonld(client, urls[page])
    assert data["@type"] in {"Person", "GovernmentOrganization"}


def test_json_ld_cannot_break_out_of_its_script(client):
    document = make_document(key="thu", subject="</script><script>alert(1)</script>")
    body = client.get(document.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"
