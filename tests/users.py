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


def signed_in(user: User):
    """A test client signed in as `user`."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
