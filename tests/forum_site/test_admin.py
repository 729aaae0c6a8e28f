"""The admin at /quan-tri/: every model's changelist, add and change pages; search; query bounds; fixed keys."""

import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, Feedback, PublishedVersion, ReviewRequest, SlugRedirect
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    OrganisationKind,
    Part,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)
from resolutions.models import DeadlineKind, Document, Section, StatusUpdate, Task, TaskStatus
from tests.factories import (
    make_appearance,
    make_bridge_point,
    make_document,
    make_edition,
    make_figure,
    make_organisation,
    make_person,
    make_programme,
    make_section,
    make_series,
    make_slug_redirect,
    make_source,
    make_status_update,
    make_strand,
    make_task,
    make_topic,
)
from tests.queries import at_scales, count_queries, over

pytestmark = pytest.mark.django_db

OUR_APPS = {"editions", "resolutions", "core", "search"}


def full_edition() -> Edition:
    """An edition with something in each inline, so that its change page renders them all."""
    edition = make_edition(organiser=make_organisation())
    edition.topics.add(make_topic())
    edition.sources.add(make_source())
    make_strand(edition).topics.add(make_topic())
    point = make_bridge_point(edition, host=make_organisation())
    make_appearance(edition, organisation=make_organisation(), part=Part.BRIDGE_LEAD, bridge_point=point)
    make_appearance(edition, part=Part.SPEAKER, order=1)
    return edition


def full_task() -> Task:
    document = make_document()
    section = make_section(document)
    lead = make_organisation()
    task = make_task(document, section=section, lead=lead, deadline_kind=DeadlineKind.URGENT)
    task.partners.add(make_organisation())
    make_status_update(task, status=TaskStatus.IN_PROGRESS, source=make_source())
    return task


def full_document() -> Document:
    task = full_task()
    make_task(task.document, lead=make_organisation())
    return task.document


# One existing instance per registered model, made the way its change page is most exercised.
MAKERS = {
    Source: make_source,
    Topic: make_topic,
    Organisation: lambda: make_organisation(parent=make_organisation(), kind=OrganisationKind.MINISTRY),
    Person: make_person,
    Series: lambda: make_series(organiser=make_organisation()),
    Edition: full_edition,
    Strand: lambda: make_strand(make_edition()),
    BridgePoint: lambda: make_bridge_point(make_edition(), host=make_organisation()),
    Appearance: lambda: make_appearance(full_edition(), organisation=make_organisation()),
    Programme: lambda: make_programme(make_edition()),
    KeyFigure: lambda: make_figure(edition=make_edition()),
    Document: full_document,
    Section: lambda: make_section(make_document()),
    Task: full_task,
    StatusUpdate: lambda: make_status_update(full_task(), status=TaskStatus.DONE),
    SlugRedirect: lambda: make_slug_redirect(make_topic()),
    AuditEntry: lambda: AuditEntry.objects.create(action="login", username="bientap"),
    PublishedVersion: lambda: _published_version(),
    Feedback: lambda: Feedback.objects.create(page="/dien-dan/", message="Ngày tháng bị ghi sai."),
    ReviewRequest: lambda: _review_request(),
}
READ_ONLY_MODELS = {SlugRedirect, AuditEntry, PublishedVersion, Feedback, ReviewRequest}
ATTACHMENTS = "core-attachment-content_type-object_id"


def _review_request() -> ReviewRequest:
    from core.workflow import content_save
    from tests.users import editor

    task = full_task()
    task.title = "Tiêu đề chờ duyệt"
    content_save(obj=task, user=editor(), expected_lock_version=task.lock_version, change_note="Sửa tên")
    return ReviewRequest.objects.get(object_id=task.pk)


def _published_version() -> PublishedVersion:
    document = make_document()
    return PublishedVersion.objects.create(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        number=1,
        title=str(document),
        data={"title": document.title},
        published_at=timezone.now(),
    )


models_param = pytest.mark.parametrize("model", list(MAKERS), ids=lambda m: m._meta.label_lower)


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def test_every_model_is_registered_and_every_registered_model_is_tested():
    registered = {model for model in admin.site._registry if model._meta.app_label in OUR_APPS}
    assert set(MAKERS) <= registered
    # A model registered later gets its pages tested by adding it to MAKERS.
    assert registered <= set(MAKERS)


def test_site_header(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Kho tri thức Diễn đàn Kinh tế số — Quản trị" in response.content.decode()


@models_param
def test_changelist_loads_and_lists_the_object(admin_client, model):
    obj = MAKERS[model]()
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    if model is SlugRedirect:
        assert obj.old_slug in page
    else:
        assert admin_url(model, "change", obj.pk) in page


@models_param
def test_add_page_loads(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == (403 if model in READ_ONLY_MODELS else 200)


@models_param
def test_change_page_loads(admin_client, model):
    obj = MAKERS[model]()
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    if model not in READ_ONLY_MODELS:
        assert 'name="_save"' in response.content.decode()


@pytest.mark.parametrize(
    ("model", "make", "other", "query"),
    [
        (
            Organisation,
            lambda: make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN"),
            lambda: make_organisation(name="Bộ Tài chính", short_name="BTC"),
            "khoa học và công nghệ",
        ),
        (
            Person,
            lambda: make_person(name="Nguyễn Mạnh Hùng"),
            lambda: make_person(name="Trần Văn Bình"),
            "Mạnh Hùng",
        ),
        (
            Task,
            lambda: make_task(title="Xây dựng nền tảng số quốc gia"),
            lambda: make_task(title="Hoàn thiện thể chế"),
            "nền tảng số",
        ),
        (
            Document,
            lambda: make_document(subject="Kết luận của Thủ tướng tại Diễn đàn kinh tế số"),
            lambda: make_document(subject="Về việc khác"),
            "Thủ tướng tại Diễn đàn",
        ),
    ],
    ids=["organisation", "person", "task", "document"],
)
def test_changelist_search_in_vietnamese(admin_client, model, make, other, query):
    wanted, unwanted = make(), other()
    response = admin_client.get(admin_url(model, "changelist"), {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert admin_url(model, "change", wanted.pk) in page
    assert admin_url(model, "change", unwanted.pk) not in page


def test_autocomplete_finds_an_organisation_by_its_vietnamese_name(admin_client):
    wanted = make_organisation(name="Bộ Thông tin và Truyền thông")
    make_organisation(name="Bộ Xây dựng")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "resolutions", "model_name": "task", "field_name": "lead", "term": "thông tin và truyền"},
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(wanted.pk)]


def _many_tasks(count: int) -> int:
    for i in range(count):
        task = make_task(document=make_document(), lead=make_organisation(), deadline_kind=DeadlineKind.URGENT)
        task.partners.add(make_organisation())
        make_status_update(task, status=TaskStatus.IN_PROGRESS if i % 2 else TaskStatus.DONE)
    return count


def test_task_changelist_queries_do_not_grow_with_tasks(admin_client):
    def measure(count: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(admin_url(Task, "changelist"))
        assert response.content.decode().count('class="field-number"') == count
        return len(captured)

    small, large = at_scales(_many_tasks, measure)
    # Session, user, the second factor's device, counts, the tasks with their latest update, the filters' choices:
    # 8 whatever the count.
    assert large == small <= 8


@pytest.mark.parametrize("model", [Document, Organisation, Edition, StatusUpdate], ids=lambda m: m._meta.model_name)
def test_other_changelists_do_not_grow_with_rows(admin_client, model):
    def build(count: int) -> None:
        for _ in range(count):
            MAKERS[model]()

    url = admin_url(model, "changelist")
    small, large = at_scales(build, lambda _: count_queries(admin_client, {model.__name__: url}), scales=(1, 5))
    assert large == small
    assert over(small, 10) == {}


def test_document_key_is_editable_on_add_and_read_only_on_change(admin_client):
    add_page = admin_client.get(admin_url(Document, "add")).content.decode()
    assert 'name="key"' in add_page

    document = make_document(key="4-tb-vpcp")
    change_page = admin_client.get(admin_url(Document, "change", document.pk)).content.decode()
    assert 'name="key"' not in change_page
    assert "4-tb-vpcp" in change_page

    # A posted key is ignored: the document keeps its key, its other fields change.
    data = {
        "key": "doi-ma",
        "doc_type": "Thông báo",
        "title": "Tên mới",
        "subject": document.subject,
        "order": 0,
        "seen_lock_version": 0,
        "change_note": "Sửa tên gọi",
    }
    for prefix in ("sections", "tasks", ATTACHMENTS):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = admin_client.post(admin_url(Document, "change", document.pk), data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.key, document.title) == ("4-tb-vpcp", "Tên mới")


@pytest.mark.parametrize(
    ("model", "make", "fields"),
    [
        (Task, make_task, ("document", "number")),
        (Section, lambda: make_section(make_document()), ("document", "number")),
        (Source, make_source, ("key",)),
        (KeyFigure, make_figure, ("key",)),
    ],
    ids=["task", "section", "source", "figure"],
)
def test_identifiers_are_fixed_once_created(admin_client, model, make, fields):
    add_page = admin_client.get(admin_url(model, "add")).content.decode()
    change_page = admin_client.get(admin_url(model, "change", make().pk)).content.decode()
    for field in fields:
        assert f'name="{field}"' in add_page
        assert f'name="{field}"' not in change_page


def _input(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert match, name
    return match.group()


def test_document_inlines_fix_existing_numbers_and_link_to_tasks(admin_client):
    document = full_document()
    task = document.tasks.first()
    page = admin_client.get(admin_url(Document, "change", document.pk)).content.decode()
    # Existing rows: the numbers are disabled; the empty row for a new one is editable.
    for name in ("sections-0-number", "tasks-0-number", "tasks-1-number"):
        assert " disabled" in _input(page, name)
    for name in ("sections-__prefix__-number", "tasks-__prefix__-number"):
        assert " disabled" not in _input(page, name)
    assert admin_url(Task, "change", task.pk) in page


def test_posted_section_number_is_ignored(admin_client):
    document = make_document()
    section = make_section(document, number=1, title="Kết quả")
    data = {
        "key": document.key,
        "doc_type": document.doc_type,
        "title": document.title,
        "subject": document.subject,
        "order": 0,
        "seen_lock_version": 0,
        "change_note": "Sửa tiêu đề mục",
        "sections-TOTAL_FORMS": 1,
        "sections-INITIAL_FORMS": 1,
        "sections-0-id": section.pk,
        "sections-0-seen_lock_version": 0,
        "sections-0-document": document.pk,
        "sections-0-number": 9,
        "sections-0-title": "Kết quả đạt được",
        "sections-0-kind": section.kind,
        "tasks-TOTAL_FORMS": 0,
        "tasks-INITIAL_FORMS": 0,
        f"{ATTACHMENTS}-TOTAL_FORMS": 0,
        f"{ATTACHMENTS}-INITIAL_FORMS": 0,
    }
    response = admin_client.post(admin_url(Document, "change", document.pk), data)
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.number, section.title) == (1, "Kết quả đạt được")


def test_edition_appearance_rows_offer_only_this_editions_bridge_points(admin_client):
    edition = full_edition()
    other = make_bridge_point(make_edition(), name="Điểm cầu Đà Nẵng")
    page = admin_client.get(admin_url(Edition, "change", edition.pk)).content.decode()
    assert edition.bridge_points.get().name in page
    assert other.name not in page


def test_publishing_fields_are_read_only_on_change_and_absent_from_add(admin_client):
    add_page = admin_client.get(admin_url(Topic, "add")).content.decode()
    assert "field-lock_version" not in add_page
    assert 'name="status"' not in add_page  # status moves only through the workflow buttons
    change_page = admin_client.get(admin_url(Topic, "change", make_topic().pk)).content.decode()
    for field in ("first_published_at", "public_version", "created_at", "updated_at"):
        assert f"field-{field}" in change_page
        assert f'name="{field}"' not in change_page
    assert "field-lock_version" not in change_page  # internal: "Phiên bản khoá: 0" meant nothing to editors


def test_slug_redirects_are_listed_only(admin_client):
    redirect = make_slug_redirect(make_person(), old_slug="ten-cu")
    page = admin_client.get(admin_url(SlugRedirect, "changelist")).content.decode()
    assert "ten-cu" in page
    assert admin_url(SlugRedirect, "change", redirect.pk) not in page
    assert admin_client.post(admin_url(SlugRedirect, "delete", redirect.pk)).status_code == 403
