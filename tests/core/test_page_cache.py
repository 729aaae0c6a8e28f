"""The anonymous full-page cache (core/pagecache.py) and the named policies (core/caching.py)."""

import mmap
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.attachments import attachment_create
from core.caching import GENERATION_KEY, bump_generation, generation, shared_cache
from core.publishing import Status
from core.workflow import content_publish, content_save, content_withdraw
from tests.factories import make_document, make_organisation, make_status_update, make_task
from tests.users import editor, publisher

pytestmark = pytest.mark.django_db
CACHED = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _bump_on_commit(settings):
    """As in production: the generation changes when the write commits (tests/settings.py bumps at once)."""
    settings.PAGE_CACHE_BUMP_ON_COMMIT = True


def test_second_anonymous_request_is_served_from_the_cache_without_a_query(django_assert_num_queries):
    task = make_task(title="Nhiệm vụ được lưu đệm")
    client = Client()
    first = client.get(task.get_absolute_url())
    assert first[CACHED] == "miss"
    with django_assert_num_queries(0):
        second = client.get(task.get_absolute_url())
    assert second[CACHED] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_public_page_headers_a_proxy_can_use():
    response = Client().get("/nhiem-vu/", HTTP_ACCEPT_ENCODING="gzip")
    control = response["Cache-Control"]
    assert control.startswith("public, ")
    for directive in ("max-age", "s-maxage", "stale-while-revalidate"):
        assert re.search(rf"\b{directive}=\d+", control), control
    assert re.fullmatch(r'"[^"W/]+"', response["ETag"])  # strong
    vary = [v.strip() for v in response["Vary"].split(",")]
    assert {"Accept-Encoding", "HX-Request", "HX-History-Restore-Request"} <= set(vary)
    assert "Accept-Language" not in vary and "Cookie" not in vary
    assert response["Content-Encoding"] == "gzip"
    assert not response.cookies


def test_conditional_get_is_answered_304_from_the_cache_without_rendering(django_assert_num_queries):
    make_task()
    client = Client()
    etag = client.get("/nhiem-vu/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/nhiem-vu/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""
    assert client.get("/nhiem-vu/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_htmx_partial_full_page_and_history_restore_are_cached_apart():
    make_task(title="Nhiệm vụ trong bảng")
    client = Client()
    partial = client.get("/nhiem-vu/", HTTP_HX_REQUEST="true")
    full = client.get("/nhiem-vu/")
    restore = client.get("/nhiem-vu/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" not in partial.content.decode()
    assert "<html" in full.content.decode()
    assert "<html" in restore.content.decode()
    again = client.get("/nhiem-vu/", HTTP_HX_REQUEST="true")
    assert again[CACHED] == "hit"
    assert "<html" not in again.content.decode()
    assert len({partial["ETag"], full["ETag"], restore["ETag"]}) == 3


def test_gzip_and_identity_are_cached_apart():
    client = Client()
    compressed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    plain = client.get("/")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert client.get("/")[CACHED] == "hit"
    assert b"<html" in client.get("/").content


def test_query_order_does_not_matter_but_the_query_does():
    client = Client()
    client.get("/tim-kiem/?q=chuyen+doi+so&trang=1")
    assert client.get("/tim-kiem/?trang=1&q=chuyen+doi+so")[CACHED] == "hit"
    assert client.get("/tim-kiem/?q=kinh+te")[CACHED] == "miss"


def test_requests_with_a_session_bypass_the_cache_and_previews_are_private():
    draft = make_task(title="Nhiệm vụ nháp", status=Status.DRAFT)
    anonymous = Client()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    staff = Client()
    staff.force_login(editor())
    response = staff.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response[CACHED] == "bypass"
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    # The preview was not stored for anybody.
    assert anonymous.get(draft.get_absolute_url()).status_code == 404


def _publish_cycle(url, change, expect_before, expect_after, django_capture_on_commit_callbacks):
    client = Client()
    assert expect_before(client.get(url).content.decode())
    assert client.get(url)[CACHED] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        change()
    response = client.get(url)
    assert response[CACHED] == "miss"
    assert expect_after(response.content.decode())


def test_publish_and_withdraw_invalidate(django_capture_on_commit_callbacks):
    # Set-up writes are committed too (in a test, a callback left pending would never run).
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document()
        task = make_task(document, title="Nhiệm vụ sắp xuất bản", status=Status.REVIEW)
    url = document.get_absolute_url()
    _publish_cycle(
        url,
        lambda: content_publish(obj=task, user=publisher(), expected_lock_version=task.lock_version),
        lambda body: "Nhiệm vụ sắp xuất bản" not in body,
        lambda body: "Nhiệm vụ sắp xuất bản" in body,
        django_capture_on_commit_callbacks,
    )
    task.refresh_from_db()
    _publish_cycle(
        url,
        lambda: content_withdraw(obj=task, user=publisher(), expected_lock_version=task.lock_version, reason="Sai"),
        lambda body: "Nhiệm vụ sắp xuất bản" in body,
        lambda body: "Nhiệm vụ sắp xuất bản" not in body,
        django_capture_on_commit_callbacks,
    )


def test_edit_invalidates(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = make_task(title="Tên cũ của nhiệm vụ")

    def edit():
        task.title = "Tên mới của nhiệm vụ"
        content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note="Sửa tên")

    _publish_cycle(
        "/nhiem-vu/", edit, lambda b: "Tên cũ" in b, lambda b: "Tên mới" in b, django_capture_on_commit_callbacks
    )


def test_status_update_invalidates(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = make_task()
    _publish_cycle(
        task.get_absolute_url(),
        lambda: make_status_update(task, note="Đã gửi dự thảo lên Chính phủ hôm qua."),
        lambda b: "Đã gửi dự thảo" not in b,
        lambda b: "Đã gửi dự thảo" in b,
        django_capture_on_commit_callbacks,
    )


def test_slug_change_invalidates_and_the_old_slug_redirects(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = make_organisation(slug="bo-cu", name="Bộ Thử Nghiệm")
    client = Client()
    assert client.get("/co-quan/bo-cu/").status_code == 200
    assert client.get("/co-quan/bo-cu/")[CACHED] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.slug = "bo-moi"
        organisation.save()
    assert client.get("/co-quan/bo-cu/").status_code == 301
    assert client.get("/co-quan/bo-moi/").status_code == 200


def test_attachment_invalidates(django_capture_on_commit_callbacks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document()
    url = document.get_absolute_url()
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 tep thu", content_type="application/pdf")
    _publish_cycle(
        url,
        lambda: attachment_create(owner=document, uploaded=pdf, title="Biên bản họp", user=publisher()),
        lambda b: "Biên bản họp" not in b,
        lambda b: "Biên bản họp" in b,
        django_capture_on_commit_callbacks,
    )


def test_one_bump_per_transaction_and_none_on_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_document()
    before = generation()
    with django_capture_on_commit_callbacks() as callbacks:
        make_task()
        make_task()
    assert len(callbacks) == 1
    assert generation() == before  # not committed yet
    callbacks[0]()
    assert generation() != before


def test_anonymous_posts_never_empty_the_cache(client, django_capture_on_commit_callbacks):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/gop-y/", {"page": "/", "kind": "error", "message": "Một góp ý đủ dài để hợp lệ."})
        client.post("/quan-tri/login/", {"username": "khong-co", "password": "sai-mat-khau"})
    assert generation() == before


def test_a_staff_second_factor_never_empties_the_cache(django_capture_on_commit_callbacks):
    """A recovery code is used up and a TOTP device notes its last step at every sign-in: neither is on a page."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with django_capture_on_commit_callbacks(execute=True):  # committed: later writes are not folded into it
        user = editor()
        static = StaticDevice.objects.create(user=user, name="Mã khôi phục", confirmed=True)
        static.token_set.create(token="khoiphuc1")
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng", confirmed=True)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        assert static.verify_token("khoiphuc1")
        assert device.verify_token(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits))
    assert generation() == before


def test_a_new_generation_makes_every_page_a_miss():
    client = Client()
    client.get("/")
    assert client.get("/")[CACHED] == "hit"
    shared_cache().delete(GENERATION_KEY)
    assert client.get("/")[CACHED] == "miss"


def test_the_generation_file_is_written_in_place_for_a_proxy_that_maps_it(settings, tmp_path):
    """deploy/generation.lua maps the file once per nginx worker: a write must change the mapped bytes, never put
    a new file in its place (the mapping would keep showing the old value) nor shorten it (SIGBUS)."""
    path = tmp_path / "generation"
    settings.PAGE_CACHE_GENERATION_FILE = str(path)
    first = bump_generation()
    inode = path.stat().st_ino
    with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        assert mapped[:] == first.encode()
        second = bump_generation(["resolutions"])
        assert second != first
        assert mapped[: len(second)] == second.encode()
    assert path.stat().st_ino == inode
    assert path.read_text() == second == generation()
