"""Two-factor sign-in (TOTP, recovery codes): required of reviewers, administrators and superusers, optional for
editors, and required of anyone who has set it up (issue 11: staff accounts had no second factor)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.users import administrator, editor, publisher, signed_in

pytestmark = pytest.mark.django_db
ADMIN = "/quan-tri/"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def password_login(user) -> Client:
    client = Client()
    assert client.post(reverse("admin:login"), {"username": user.username, "password": "mat-khau-thu-1"}).status_code
    return client


@pytest.mark.parametrize("make", [publisher, administrator], ids=["reviewer", "administrator"])
def test_reviewers_and_administrators_must_set_up_a_second_factor_before_any_admin_page(make):
    user = make()
    client = password_login(user)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert reverse("core_two_factor_setup") in response["Location"]
    assert client.get(reverse("admin:resolutions_task_changelist")).status_code == 302
    setup = client.get(response["Location"])
    assert "<svg" in setup.content.decode()  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(reverse("core_two_factor_setup"), {"token": code_for(device)})
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get(ADMIN).status_code == 200


def test_a_superuser_needs_it_too():
    boss = User.objects.create_superuser("chu", password="mat-khau-thu-1")
    assert password_login(boss).get(ADMIN).status_code == 302


def test_it_is_optional_for_editors_but_required_once_they_set_it_up():
    user = editor()
    client = password_login(user)
    assert client.get(ADMIN).status_code == 200
    client.get(reverse("core_two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("core_two_factor_setup"), {"token": code_for(device)})
    later = password_login(user)  # a new session
    response = later.get(ADMIN)
    assert response.status_code == 302 and reverse("core_two_factor_verify") in response["Location"]


def test_a_wrong_code_is_refused_and_a_recovery_code_works_once():
    user = publisher()
    client = password_login(user)
    client.get(reverse("core_two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    codes = client.post(reverse("core_two_factor_setup"), {"token": code_for(device)}).context["codes"]
    again = password_login(user)
    assert again.post(reverse("core_two_factor_verify"), {"token": codes[0], "next": ADMIN}).status_code == 302
    assert again.get(ADMIN).status_code == 200
    third = password_login(user)
    refused = third.post(reverse("core_two_factor_verify"), {"token": codes[0]})  # used once already
    assert "Mã không đúng" in refused.content.decode()
    assert third.post(reverse("core_two_factor_verify"), {"token": "000000"}).status_code == 200
    assert third.get(ADMIN).status_code == 302


def test_verification_never_redirects_to_another_host():
    user = publisher()
    client = signed_in(user, second_factor=False)
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    response = client.post(
        reverse("core_two_factor_verify"), {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == ADMIN
