import pytest

from core.workflow import content_save
from tests.factories import make_person
from tests.users import publisher

pytestmark = pytest.mark.django_db


def test_public_page_shows_last_update_and_only_major_change_notes(client):
    person = make_person(name="Người A")
    user = publisher()
    person.description = "Tiểu sử"
    content_save(obj=person, user=user, expected_lock_version=0, change_note="Bổ sung tiểu sử", major=True)
    person.refresh_from_db()
    person.description = "Tiểu sử."
    content_save(obj=person, user=user, expected_lock_version=1, change_note="Sửa dấu chấm", major=False)
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Cập nhật lần cuối" in body
    assert "Bổ sung tiểu sử" in body
    assert "Sửa dấu chấm" not in body
