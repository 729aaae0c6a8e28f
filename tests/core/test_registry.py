"""The one extension mechanism (core/registry.py): apps declare their content types, the ground floor reads them."""

from contextlib import contextmanager
from dataclasses import fields

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management.sql import emit_post_migrate_signal

from core.models import Attachment, Feedback
from core.publishing import Publishable
from core.registry import SitemapSection, content_types
from core.roles import EDITOR, PUBLISHER
from editions.models import Edition, KeyFigure, Topic
from forum_site.sitemaps import SITEMAPS
from forum_site.structured_data import structured_data
from resolutions.models import Document, Section, StatusUpdate, Task
from search import index
from search.registry import SearchDocument, SearchSpec, registry
from tests.factories import make_source, make_topic
from tests.search.conftest import search

pytestmark = pytest.mark.django_db
OUR_APPS = {"core", "editions", "resolutions"}


def _codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_every_model_with_a_publication_status_is_declared():
    with_status = {
        model for model in apps.get_models() if model._meta.app_label in OUR_APPS and issubclass(model, Publishable)
    }
    assert with_status <= set(content_types.publishable_models())


def test_the_apps_declarations_are_discovered_at_start_up():
    declared = {declared.model for declared in content_types}
    # the ground floor's own, editions' and resolutions' (each app's content_types.py)
    assert {Attachment, Edition, KeyFigure, Document, Section, Task, StatusUpdate} <= declared
    assert content_types.get(Task).citation is not None
    assert content_types.get(StatusUpdate).citation is None
    assert content_types.get(Feedback) is None


def test_a_model_is_declared_once():
    with pytest.raises(ImproperlyConfigured):
        content_types.declare(Task)


def test_roles_cover_every_declared_content_type():
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    editor = _codenames(EDITOR)
    for model in content_types.publishable_models():
        app, name = model._meta.app_label, model._meta.model_name
        assert {f"{app}.{action}_{name}" for action in ("view", "add", "change", "delete")} <= editor
    assert "core.preview_content" in editor
    assert "core.publish_content" not in editor
    assert "core.publish_content" in _codenames(PUBLISHER)
    # what the hand-kept list used to name: nothing lost in the move
    assert {"editions.change_appearance", "editions.change_bridgepoint", "resolutions.change_statusupdate"} <= editor
    assert {"core.change_attachment", "editions.delete_keyfigure", "resolutions.add_section"} <= editor


@contextmanager
def declared(model, **facets):
    """A content type of the test's own; the rows it wrote (groups, index) go with the test's transaction."""
    content_types.declare(model, **facets)
    try:
        yield
    finally:
        content_types.remove(model)


@contextmanager
def redeclared(model, **facets):
    """`model`'s declaration with some facets changed, put back afterwards."""
    original = content_types.get(model)
    kept = {f.name: getattr(original, f.name) for f in fields(original) if f.name != "model"}
    content_types.remove(model)
    content_types.declare(model, **(kept | facets))
    try:
        yield
    finally:
        content_types.remove(model)
        content_types.declare(model, **kept)


@pytest.fixture
def feedback_declared():
    with declared(Feedback):
        yield


def test_declaring_a_model_puts_its_permissions_in_the_roles_after_migrate(feedback_declared):
    """No edit of core/roles.py and no data migration: post_migrate syncs the roles with the declarations."""
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "core.change_feedback" in _codenames(EDITOR)
    assert {"core.view_feedback", "core.delete_feedback"} <= _codenames(PUBLISHER)


def test_an_undeclared_model_gives_the_roles_no_permission():
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not any(codename.endswith("_feedback") for codename in _codenames(EDITOR))


def test_declaring_a_model_searchable_indexes_it_with_no_edit_of_search():
    feedback = Feedback.objects.create(page="/nhiem-vu/", message="Trang theo dõi thiếu hạn chót của nhiệm vụ ba")
    spec = SearchSpec(
        "feedback",
        "Góp ý",
        lambda: Feedback.objects.filter(handled=True),
        lambda f: SearchDocument(title=f.message, url=f.page),
        follows={Topic: lambda topic: Feedback.objects.none()},
    )
    with declared(Feedback, search=spec):
        assert registry.kind_labels()["feedback"] == "Góp ý"
        assert Topic in registry.watched_models()
        index.index_objects([feedback])
        assert search("hạn chót nhiệm vụ ba").hits == []  # not public (not handled): not indexed
        Feedback.objects.filter(pk=feedback.pk).update(handled=True)
        index.index_objects([feedback])
        assert [hit.title for hit in search("hạn chót nhiệm vụ ba").hits] == [feedback.message]
    assert "feedback" not in registry.kind_labels()


def test_a_declared_sitemap_section_is_in_sitemap_xml(client):
    source = make_source(key="S9", title="Nguồn thử nghiệm")
    assert "nguon" not in SITEMAPS
    with redeclared(type(source), sitemap=SitemapSection("nguon", lambda: type(source).objects.published())):
        assert list(SITEMAPS["nguon"].items()) == [source]
        body = client.get("/sitemap.xml").content.decode()
    assert "https://kinhteso.example.vn/nguon/#nguon-S9" in body
    assert "nguon" not in SITEMAPS  # put back


def test_a_declared_json_ld_describes_the_thing():
    topic = make_topic(name="Chủ đề thử")
    assert structured_data(topic) is None
    with redeclared(type(topic), json_ld=lambda t: {"@type": "DefinedTerm", "name": t.name}):
        assert structured_data(topic) == {
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "name": "Chủ đề thử",
        }
    assert content_types.get(type(topic)).search is not None  # the other facets kept
