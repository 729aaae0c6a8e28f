import pytest

from core.models import Feedback, FeedbackKind

pytestmark = pytest.mark.django_db
URL = "/gop-y/"


def send(client, **overrides):
    data = {
        "page": "/dien-dan/2025/",
        "kind": FeedbackKind.ERROR,
        "message": "Ngày diễn ra kỳ III bị ghi sai.",
        "website": "",
    }
    return client.post(URL, data | overrides, REMOTE_ADDR="203.0.113.5")


def test_every_content_page_links_to_feedback_about_itself(client):
    body = client.get("/dien-dan/").content.decode()
    assert 'href="/gop-y/?trang=/dien-dan/"' in body


def test_form_knows_which_page_it_concerns(client):
    body = client.get(URL + "?trang=/dien-dan/2025/").content.decode()
    assert 'value="/dien-dan/2025/"' in body
    assert "Trang được góp ý" in body


def test_feedback_is_stored_with_its_page_and_confirmed_in_vietnamese(client):
    response = send(client)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.page, feedback.kind, feedback.message) == (
        "/dien-dan/2025/",
        FeedbackKind.ERROR,
        "Ngày diễn ra kỳ III bị ghi sai.",
    )
    assert "Cảm ơn bạn" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"message": ""},
        {"message": "ngắn"},
        {"message": "x" * 3001},
        {"kind": "khong-co"},
        {"page": "https://evil.example/"},
        {"page": "//evil.example/"},
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(client, overrides):
    response = send(client, **overrides)
    assert response.status_code == 400
    assert "Góp ý chưa được gửi" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_honeypot_is_answered_the_same_but_nothing_is_stored(client):
    response = send(client, website="http://spam.example")
    assert response.status_code == 302
    assert Feedback.objects.count() == 0


def test_per_address_limit(client):
    for _ in range(5):
        assert send(client).status_code == 302
    limited = send(client)
    assert limited.status_code == 429
    assert "nhiều góp ý" in limited.content.decode()
    assert Feedback.objects.count() == 5


def test_content_pages_still_set_no_cookie_but_the_form_does(client):
    assert client.get("/gioi-thieu/").cookies == {}
    assert "csrftoken" in client.get(URL).cookies


@pytest.mark.parametrize("url", ["/gioi-thieu/", "/tuyen-bo-tiep-can/", "/quyen-rieng-tu/"])
def test_pages_a_public_site_owes_its_readers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize(
    "page", ["/\\evil.example", "/\\/evil.example/", "/\t/evil.example", "javascript:alert(1)", " //evil.example"]
)
def test_a_path_that_browsers_resolve_to_another_host_is_refused_and_never_linked(client, page):
    response = send(client, page=page)
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    assert "evil.example" not in client.get(URL, {"trang": page}).content.decode()


def test_the_stored_page_is_normalised_and_shown_in_the_admin_as_text_plus_a_safe_link(client, admin_client):
    send(client, page="/van-ban/4-tb-vpcp/?x=1#nhiem-vu-3")
    feedback = Feedback.objects.get()
    assert feedback.page == "/van-ban/4-tb-vpcp/#nhiem-vu-3"
    old = Feedback.objects.create(page="/\\evil.example", message="Dòng cũ lưu trước khi có kiểm tra.")
    listing = admin_client.get("/quan-tri/core/feedback/").content.decode()
    assert 'href="/van-ban/4-tb-vpcp/#nhiem-vu-3"' in listing
    assert 'href="/\\evil.example"' not in listing and old.page in listing
