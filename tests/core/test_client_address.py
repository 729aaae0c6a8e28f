"""The real client address (django-ipware, PROXY_COUNT) and the limits counted on it."""

import pytest
from django.test import RequestFactory

from core.ratelimit import client_ip
from tests.users import editor

pytestmark = pytest.mark.django_db
LOGIN = "/quan-tri/login/"


def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")


def test_without_a_proxy_forwarded_headers_are_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.7"


def test_behind_the_proxy_the_address_it_saw_counts(settings):
    behind_one_proxy(settings)
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_a_forged_chain_never_yields_the_forged_address(settings):
    behind_one_proxy(settings)
    forged = "198.51.100.66, 203.0.113.7"
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    assert client_ip(request) != "198.51.100.66"


def attempt(client, username, address, password="sai-mat-khau"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address
    )


def test_one_address_cannot_try_many_usernames(client, settings):
    behind_one_proxy(settings)
    settings.LOGIN_ADDRESS_LIMIT = 8
    editor(username="bientap-that")
    for n in range(8):  # 4 usernames x 2 guesses: under the per-username limit of 5 each
        assert attempt(client, f"nguoi-{n // 2}", "203.0.113.7").status_code == 200
    refused = attempt(client, "bientap-that", "203.0.113.7", password="mat-khau-thu-1")
    assert refused.status_code == 429
    assert "Tạm khoá đăng nhập" in refused.content.decode()
    # The same proxy, another client: not refused; behind one proxy the proxy's own address is never the key.
    assert attempt(client, "bientap-that", "198.51.100.9", password="mat-khau-thu-1").status_code == 302


def test_axes_and_the_audit_log_see_the_real_client(client, settings):
    from core.models import AuditEntry

    behind_one_proxy(settings)
    attempt(client, "ai-do", "203.0.113.44")
    assert AuditEntry.objects.get().ip_address == "203.0.113.44"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "ai-do", "203.0.113.45")
    assert attempt(client, "ai-do", "203.0.113.45").status_code == 429
    assert attempt(client, "ai-do", "203.0.113.46").status_code == 200


def test_feedback_limit_counts_each_client_behind_the_proxy(client, settings):
    behind_one_proxy(settings)
    data = {"page": "/", "kind": "error", "message": "Một góp ý đủ dài để hợp lệ.", "website": ""}

    def send(address):
        return client.post("/gop-y/", data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address).status_code

    for _ in range(5):
        assert send("203.0.113.7") == 302
    assert send("203.0.113.7") == 429
    assert send("203.0.113.8") == 302
