"""Accounts in each editorial role (the groups are synced after every migrate; `sync_roles` recreates them
after a flush)."""

import itertools

from django.contrib.auth.models import Group, User

from core.roles import ADMINISTRATOR, EDITOR, PUBLISHER, sync_roles

_seq = itertools.count(1)


def make_user(role: str | None, **kw) -> User:
    if role is not None and not Group.objects.filter(name=role).exists():
        sync_roles()
    user = User.objects.create_user(username=kw.pop("username", f"user{next(_seq)}"), password="mat-khau-thu-1", **kw)
    user.is_staff = kw.get("is_staff", True)
    user.save()
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)  # fresh object: no cached permissions


def editor(**kw) -> User:
    return make_user(EDITOR, **kw)


def publisher(**kw) -> User:
    return make_user(PUBLISHER, **kw)


def administrator(**kw) -> User:
    return make_user(ADMINISTRATOR, **kw)


def staff_without_role(**kw) -> User:
    return make_user(None, **kw)


def signed_in(user: User, *, second_factor: bool = True):
    """A test client signed in as `user`; with `second_factor`, an account that needs one (core/twofactor.py) has a
    confirmed authenticator and this session has given a code."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    if second_factor:
        verify_second_factor(client, user)
    return client


def verify_second_factor(client, user: User) -> None:
    """Give the session a second factor, as the verification page does after a correct code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.twofactor import two_factor_required

    if not two_factor_required(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Ứng dụng thử", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
