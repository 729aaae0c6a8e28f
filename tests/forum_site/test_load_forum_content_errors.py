"""The content loader refuses a bad file as a whole and its dry run keeps nothing (an empty database to start)."""

import pytest
from django.core.management import CommandError

from resolutions.models import Task
from tests.forum_site.content_files import counts, edit, load

pytestmark = pytest.mark.django_db


def test_a_malformed_file_loads_nothing(content_copy):
    edit(content_copy / "people.toml", 'slug = "le-van-phuoc"', 'slug = "le-van-phuoc"\nrole = "Phó Chủ tịch"')
    with pytest.raises(CommandError, match=r"people.toml \[\[people\]\] #6.*role"):
        load(content_copy)
    assert sum(counts().values()) == 0


def test_an_unknown_reference_is_refused(content_copy):
    edit(content_copy / "documents.toml", 'lead = "bo-cong-thuong"', 'lead = "bo-thuong-mai"')
    with pytest.raises(CommandError, match="bo-thuong-mai"):
        load(content_copy)
    assert Task.objects.count() == 0


def test_a_deadline_date_must_end_its_period(content_copy):
    edit(
        content_copy / "documents.toml",
        'deadline_date = 2026-01-31\ntopics = ["du-lieu-so"',
        'deadline_date = 2026-01-15\ntopics = ["du-lieu-so"',
    )
    with pytest.raises(CommandError, match="ngày cuối kỳ"):
        load(content_copy)


def test_dry_run_rolls_everything_back():
    output = load(None, "--dry-run")
    assert "Chạy thử" in output and "created=106" in output
    assert sum(counts().values()) == 0
