import pytest

from core.models import AuditAction, AuditEntry
from tests.users import editor

pytestmark = pytest.mark.django_db
LOGIN = "/quan-tri/login/"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_failed_logins_are_audited_with_username_and_address(client):
    editor(username="bientap")
    attempt(client, "bientap", "sai-mat-khau")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.username, entry.ip_address) == (AuditAction.LOGIN_FAILED, "bientap", "203.0.113.7")


def test_successful_login_is_audited(client):
    user = editor(username="bientap2")
    response = attempt(client, "bientap2", "mat-khau-thu-1")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, user=user).count() == 1


def test_repeated_failures_lock_that_username_from_that_address(client, settings):
    editor(username="bientap3")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "bientap3", "sai")
    locked = attempt(client, "bientap3", "mat-khau-thu-1")
    assert locked.status_code == 429
    assert "Tạm khoá đăng nhập" in locked.content.decode()
    # Another address is not locked out for the same username.
    other = attempt(client, "bientap3", "mat-khau-thu-1", ip="198.51.100.9")
    assert other.status_code == 302
