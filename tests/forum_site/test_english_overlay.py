"""The English overlay `content/en/*.toml`, loaded into the `*_en` fields of the matching records, with the real
content loaded once for the module (tests/conftest.py `forum_content`). Refusals and loads into an empty database
are in test_english_overlay_errors.py."""

import pytest

from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)
from resolutions.models import Document, Section, StatusUpdate, Task
from tests.forum_site.content_files import CONTENT, edit, load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forum_content")]

MODELS = (Source, Topic, Organisation, Person, Series, Edition, Strand, BridgePoint, Appearance, Programme, KeyFigure)
MODELS += (Document, Section, Task, StatusUpdate)
# English twins that stay empty on purpose: an English abbreviation is given only where one is in use (MOST, MIC).
NOT_ALWAYS_TRANSLATED = {(Organisation, "short_name")}


def twins(model) -> list[tuple[str, str]]:
    """(Vietnamese field, English field) of a model."""
    names = {f.name for f in model._meta.concrete_fields}
    out = [(name[:-3], name) for name in names if name.endswith("_en") and name[:-3] in names]
    if model is KeyFigure:
        out.append(("text_as_written", "text_en"))
    return out


# What is loaded ---------------------------------------------------------------------------------------------------
def test_the_overlay_fills_the_english_fields_of_the_matching_records():
    third = Edition.objects.get(series__slug="dien-dan", year=2025)
    assert third.theme_en.startswith("Comprehensive, inclusive development of the digital economy")
    assert "“Học từ làm việc thực tế” (“Learning from real work”) was planned" in third.highlights_en
    assert third.strands.get(order=3).title_en.startswith("Applying artificial intelligence (AI)")
    phuoc = third.appearances.get(order=40)
    assert phuoc.title_en == "Vice Chairman of the An Giang Provincial People's Committee"
    assert phuoc.note_en.startswith("Attended the Forum at the An Giang bridge point")
    assert Programme.objects.get(slug="hoc-tu-lam-viec-thuc-te").name_en == "Learning from real work"
    most = Organisation.objects.get(slug="bo-khoa-hoc-va-cong-nghe")
    assert (most.name_en, most.short_name_en) == ("Ministry of Science and Technology", "MOST")
    assert KeyFigure.objects.get(key="so-doanh-nghiep-cong-nghe-so").text_en == "about 72,000 enterprises"
    assert Topic.objects.get(slug="ha-tang-so").name_en == "Digital infrastructure"
    assert Source.objects.get(key="s8").title_en == "Report on the 3rd Forum from the Thanh Hóa bridge point"
    assert Source.objects.get(key="s1").no_url_reason_en.startswith("The publisher and public address")
    assert "Deputy Prime Minister Vũ Đức Đam signed the decision" in Source.objects.get(key="s6").supports_en
    assert third.venue_en == "Hanoi"
    assert third.appearances.get(order=41).title_en == "Vice Chairman of the Thanh Hóa Provincial People's Committee"
    notice = Document.objects.get(key="4-tb-vpcp")
    assert notice.doc_type_en == "Notice"
    assert "through automated monitoring" in notice.sections.get(number=3).body_en
    first = Task.objects.get(document=notice, number=1)
    assert first.summary_en.startswith("Urgently draft (“xây dựng”) guidance documents")
    assert first.assignees_text_en == "ministries and sectors"
    assert Task.objects.get(document=notice, number=2).public_note_en.startswith("The programme's name is quoted")
    assert Task.objects.get(document=notice, number=6).inference_note_en.startswith("The programme “Học từ làm”")
    third_task = Task.objects.get(document=notice, number=3)
    assert third_task.deadline_text_en == "to be completed within January 2026"
    assert third_task.status_updates.get().note_en == "No source at hand has reported progress."
    # The Vietnamese text is untouched.
    assert third.theme.startswith("Phát triển kinh tế số, xã hội số toàn diện, bao trùm")


def test_every_loaded_vietnamese_text_has_its_english():
    missing = []
    for model in MODELS:
        for vietnamese, english in twins(model):
            if (model, vietnamese) in NOT_ALWAYS_TRANSLATED:
                continue
            for obj in model.objects.all():
                if getattr(obj, vietnamese) and not getattr(obj, english):
                    missing.append(f"{model.__name__} {obj.pk} {english}")
    assert missing == []


def test_english_only_in_the_overlay():
    """English lives in content/en/ only: no Vietnamese content file holds an English field."""
    for path in CONTENT.glob("*.toml"):
        assert "_en =" not in path.read_text(encoding="utf-8"), path.name


# Idempotent, corrections and editors' changes -----------------------------------------------------------------------
def test_a_corrected_english_text_updates_the_record_and_keeps_an_editors_english(content_copy):
    edited = Topic.objects.get(slug="du-lieu-so")
    edited.name_en = "Data"
    edited.save()
    en = content_copy / "en" / "topics.toml"
    edit(en, 'name_en = "Digital infrastructure"', 'name_en = "Digital infrastructure (networks)"')
    edit(en, 'name_en = "Digital data"', 'name_en = "Digital data and the data economy"')
    output = load(content_copy)
    assert "updated=1" in output and "kept=1" in output
    assert Topic.objects.get(slug="ha-tang-so").name_en == "Digital infrastructure (networks)"
    assert Topic.objects.get(slug="du-lieu-so").name_en == "Data"  # the editor's English stays
    assert "updated=0" in load(content_copy)


def test_a_reload_that_only_adds_an_english_status_note_still_changes_the_pages():
    """The loader writes that note with `update()` (no signal): it bumps the generation itself."""
    from core.caching import app_generation_key
    from core.fragments import read_generations

    update = Task.objects.get(document__key="4-tb-vpcp", number=3).status_updates.get()
    StatusUpdate.objects.filter(pk=update.pk).update(note_en="")
    before = read_generations()[app_generation_key("resolutions")]
    load()
    assert StatusUpdate.objects.get(pk=update.pk).note_en == "No source at hand has reported progress."
    assert read_generations()[app_generation_key("resolutions")] != before
