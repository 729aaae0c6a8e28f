"""The English overlay refused with a clear error (nothing loaded), loaded into a database that had none, and
fingerprints stored before the English fields. These tests need an empty database (no module-wide content)."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError

from core.fingerprints import fingerprint, matches_loaded
from editions.models import Topic
from resolutions.models import StatusUpdate, Task
from tests.forum_site.content_files import edit, load

pytestmark = pytest.mark.django_db


# Refused, with nothing loaded -------------------------------------------------------------------------------------
def refused(content: Path, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        load(content)
    assert not Topic.objects.exists()  # the whole load was rolled back


def test_a_key_the_vietnamese_file_lacks_is_refused(content_copy):
    edit(content_copy / "en" / "topics.toml", 'slug = "ha-tang-so"', 'slug = "ha-tang-so-moi"')
    refused(content_copy, r"en/topics.toml \[\[topics\]\] #1: tệp tiếng Việt không có bản ghi slug = 'ha-tang-so-moi'")


def test_a_nested_key_the_vietnamese_file_lacks_is_refused(content_copy):
    edit(content_copy / "en" / "series.toml", "    order = 40\n", "    order = 49\n")
    refused(content_copy, r"editions #3 \(year = 2025\) › appearances #7: tệp tiếng Việt không có bản ghi order = 49")


def test_the_overlay_holds_only_english_fields(content_copy):
    edit(content_copy / "en" / "topics.toml", 'name_en = "Digital data"', 'name_en = "Digital data"\nname = "Dữ liệu"')
    refused(content_copy, r"khoá không dùng được 'name'")


def test_english_given_in_both_files_is_refused(content_copy):
    edit(content_copy / "topics.toml", 'name = "Hạ tầng số"', 'name = "Hạ tầng số"\nname_en = "Infrastructure"')
    refused(content_copy, r"name_en có ở cả tệp tiếng Việt")


def test_english_for_an_empty_vietnamese_field_is_refused(content_copy):
    first = "  # ---- Edition I ----\n  [[series.editions]]\n  year = 2023\n"
    edit(content_copy / "en" / "series.toml", first, first + '  venue_en = "Hanoi"\n')
    refused(content_copy, r"venue_en dịch trường venue, nhưng trường này trống")


def test_a_misnamed_overlay_file_is_refused(content_copy):
    shutil.copy(content_copy / "en" / "topics.toml", content_copy / "en" / "topic.toml")
    refused(content_copy, r"tệp không được nạp \['topic.toml'\]")


def test_a_database_loaded_without_english_takes_it_on_the_next_load(content_copy):
    english = content_copy.parent / "en-aside"
    (content_copy / "en").rename(english)
    load(content_copy)
    assert Topic.objects.get(slug="ha-tang-so").name_en == ""
    assert not StatusUpdate.objects.exclude(note_en="").exists()
    english.rename(content_copy / "en")
    output = load(content_copy)
    assert "kept=0" in output and "created=0" in output
    assert Topic.objects.get(slug="ha-tang-so").name_en == "Digital infrastructure"
    assert StatusUpdate.objects.count() == Task.objects.count()  # no second first update
    assert not StatusUpdate.objects.filter(note_en="").exists()  # the first updates got their English note
    assert "updated=0" in load(content_copy)


def test_a_fingerprint_stored_before_the_english_fields_still_matches():
    before = {"name": "Hạ tầng số", "status": "published", "strands": [{"order": 1, "title": "Một"}], "topics": [3]}
    now = {**before, "name_en": "", "strands": [{"order": 1, "title": "Một", "title_en": ""}]}
    assert matches_loaded(now, fingerprint(before))
    assert matches_loaded(now, fingerprint(now))
    assert not matches_loaded({**now, "name_en": "Digital infrastructure"}, fingerprint(before))  # edited since
    assert not matches_loaded({**now, "name": "Hạ tầng"}, fingerprint(before))
    assert not matches_loaded(now, "")  # never loaded
