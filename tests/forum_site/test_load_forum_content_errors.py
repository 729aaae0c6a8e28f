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


def test_a_joint_task_cannot_also_name_a_lead(content_copy):
    edit(
        content_copy / "documents.toml",
        'assigned_to = ["bo-khoa-hoc-va-cong-nghe"]',
        'assigned_to = ["bo-khoa-hoc-va-cong-nghe"]\nlead = "bo-noi-vu"',
    )
    with pytest.raises(CommandError, match="giao chung"):
        load(content_copy)


def test_field_sources_must_be_the_records_sources(content_copy):
    edit(content_copy / "series.toml", 'venue = ["s8"]', 'venue = ["s6"]')
    with pytest.raises(CommandError, match=r"field_sources.venue: nguồn \['s6'\]"):
        load(content_copy)


def test_an_inference_must_say_what_it_is_inferred_from(content_copy):
    note = '  inference_note = "Ngày 10/10/2025 suy ra từ Quyết định 505/QĐ-TTg'
    text = (content_copy / "series.toml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines(keepends=True) if line.startswith(note))
    edit(content_copy / "series.toml", line, "")
    english = (content_copy / "en" / "series.toml").read_text(encoding="utf-8")  # its English goes with it
    edit(
        content_copy / "en" / "series.toml",
        next(li for li in english.splitlines(True) if "The date 10 October" in li),
        "",
    )
    with pytest.raises(CommandError, match="suy ra từ đâu"):
        load(content_copy)


def test_dry_run_rolls_everything_back():
    output = load(None, "--dry-run")
    assert "Chạy thử" in output and "created=114" in output
    assert sum(counts().values()) == 0
