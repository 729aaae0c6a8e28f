import pytest

from editions.models import Appearance, Part
from tests.factories import make_appearance, make_edition, make_organisation, make_person, make_series

pytestmark = pytest.mark.django_db


def test_main_edition_title_uses_roman_numeral():
    edition = make_edition(year=2025, number=3)
    assert edition.roman == "III"
    assert edition.title.endswith("lần thứ III")
    assert edition.get_absolute_url() == "/dien-dan/2025/"


def test_related_edition_url_is_under_its_series():
    series = make_series(slug="ngay-chuyen-doi-so-quoc-gia")
    edition = make_edition(series=series, year=2025, number=4)
    assert edition.get_absolute_url() == "/su-kien/ngay-chuyen-doi-so-quoc-gia/2025/"


def test_roles_are_stored_per_appearance_not_on_the_person():
    person = make_person(name="Nguyễn Văn A")
    ministry = make_organisation(name="Bộ Thử")
    old = make_edition(year=2023, number=1)
    new = make_edition(year=2025, number=3)
    make_appearance(old, person, title="Thứ trưởng Bộ Thử", organisation=ministry)
    make_appearance(new, person, title="Bộ trưởng Bộ Thử", organisation=ministry, part=Part.CO_CHAIR)
    roles = dict(Appearance.objects.filter(person=person).values_list("edition__year", "title"))
    assert roles == {2023: "Thứ trưởng Bộ Thử", 2025: "Bộ trưởng Bộ Thử"}


def test_one_person_can_hold_several_roles_at_one_edition_in_protocol_order():
    edition = make_edition(year=2025, number=3)
    pm = make_person(name="Người A")
    minister = make_person(name="Người B")
    make_appearance(edition, minister, title="Bộ trưởng", order=20)
    make_appearance(edition, pm, title="Thủ tướng Chính phủ", order=1, part=Part.CHAIR)
    make_appearance(edition, pm, title="Trưởng Ban Chỉ đạo", order=2, part=Part.CHAIR)
    ordered = list(Appearance.objects.filter(edition=edition).in_protocol_order().values_list("person__name", "title"))
    assert ordered == [("Người A", "Thủ tướng Chính phủ"), ("Người A", "Trưởng Ban Chỉ đạo"), ("Người B", "Bộ trưởng")]


def test_organisation_display_name_gives_full_then_short_form():
    org = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN")
    assert org.display_name == "Bộ Khoa học và Công nghệ (Bộ KH&CN)"


def test_changing_a_slug_leaves_a_redirect(client):
    person = make_person(slug="ten-cu")
    person.slug = "ten-moi"
    person.save()
    response = client.get("/nhan-vat/ten-cu/")
    assert response.status_code == 301
    assert response["Location"] == "/nhan-vat/ten-moi/"


def test_timeline_lists_series_starts_and_editions_by_year():
    from editions.timeline import build_timeline

    related = make_series(name="Diễn đàn doanh nghiệp", founded_year=2019)
    make_edition(series=related, year=2023, number=5)
    make_edition(year=2023, number=1)
    make_edition(year=2026, number=4, status="draft")
    timeline = build_timeline()
    assert [year for year, _ in timeline] == [2019, 2023]
    assert timeline[1][1][0].is_main  # the main forum first within a year
    assert timeline[0][1][0].label == "Khởi đầu: Diễn đàn doanh nghiệp"
