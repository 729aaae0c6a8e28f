"""`manage.py create_editor USERNAME --role bien-tap|duyet|quan-tri` (issue 11: no command made an account in a
role)."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from core.roles import ADMINISTRATOR, EDITOR, PUBLISHER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "group"), [("bien-tap", EDITOR), ("duyet", PUBLISHER), ("quan-tri", ADMINISTRATOR)])
def test_creates_a_staff_account_in_the_role_with_the_password_from_the_environment(monkeypatch, role, group):
    monkeypatch.setenv("EDITOR_PASSWORD", "mot-mat-khau-dai-9")
    out = StringIO()
    call_command("create_editor", "lan", "--role", role, "--no-input", stdout=out)
    user = User.objects.get(username="lan")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert user.check_password("mot-mat-khau-dai-9")
    assert "Đã tạo" in out.getvalue()


def test_changing_the_role_of_an_existing_account_keeps_its_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "mot-mat-khau-dai-9")
    call_command("create_editor", "lan", "--role", "bien-tap", "--no-input", stdout=StringIO())
    monkeypatch.delenv("EDITOR_PASSWORD")
    call_command("create_editor", "lan", "--role", "duyet", "--no-input", stdout=StringIO())
    user = User.objects.get(username="lan")
    assert list(user.groups.values_list("name", flat=True)) == [PUBLISHER]
    assert user.check_password("mot-mat-khau-dai-9")


def test_refuses_a_weak_password_and_a_missing_one(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_editor", "lan", "--role", "bien-tap", "--no-input", stdout=StringIO())
    monkeypatch.delenv("EDITOR_PASSWORD")
    with pytest.raises(CommandError):
        call_command("create_editor", "lan", "--role", "bien-tap", "--no-input", stdout=StringIO())
    assert not User.objects.filter(username="lan").exists()


def test_prompts_for_the_password_twice(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    answers = iter(["mot-mat-khau-dai-9", "mot-mat-khau-dai-9"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_editor", "lan", "--role", "quan-tri", stdout=StringIO())
    assert User.objects.get(username="lan").check_password("mot-mat-khau-dai-9")
