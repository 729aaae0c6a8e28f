"""Nobody but a superuser grants is_superuser, staff status, single permissions or a role above their own: the user
form, the bulk actions and the group form (issue 11: a "Quản trị" user ticked is_superuser on their own account)."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from core.roles import ADMINISTRATOR, EDITOR, PUBLISHER
from tests.admin_forms import post_change
from tests.factories import make_person
from tests.users import administrator, editor, make_user, publisher, signed_in

pytestmark = pytest.mark.django_db


def user_url(user, action="change") -> str:
    return reverse(f"admin:auth_user_{action}", args=[user.pk] if action != "changelist" else [])


@pytest.mark.parametrize("flag", ["is_superuser", "is_staff"])
def test_an_administrator_cannot_tick_superuser_or_staff_on_any_account(flag):
    admin_user = administrator()
    plain = make_user(None, is_staff=False)
    client = signed_in(admin_user)
    for target in (admin_user, plain):
        post_change(client, user_url(target), **{flag: "on"})
        target = User.objects.get(pk=target.pk)
        assert getattr(target, flag) is (flag == "is_staff" and target == admin_user)
    assert flag not in client.get(user_url(plain)).context["adminform"].form.fields


def test_an_administrator_cannot_give_themselves_a_single_permission():
    admin_user = administrator()
    permission = Permission.objects.get(codename="delete_auditentry")
    post_change(signed_in(admin_user), user_url(admin_user), user_permissions=[str(permission.pk)])
    assert not User.objects.get(pk=admin_user.pk).has_perm("core.delete_auditentry")


def test_an_administrator_manages_roles_up_to_their_own_but_not_other_groups():
    admin_user = administrator()
    someone = editor()
    client = signed_in(admin_user)
    publisher_group = Group.objects.get(name=PUBLISHER)
    response = post_change(client, user_url(someone), groups=[str(publisher_group.pk)])
    assert response.status_code == 302
    assert list(User.objects.get(pk=someone.pk).groups.values_list("name", flat=True)) == [PUBLISHER]
    other = Group.objects.create(name="Nhóm đặc biệt")
    other.permissions.add(Permission.objects.get(codename="delete_auditentry"))
    refused = post_change(client, user_url(someone), groups=[str(other.pk)])
    assert refused.status_code == 200 and "groups" in refused.context["adminform"].form.errors
    assert not User.objects.get(pk=someone.pk).groups.filter(pk=other.pk).exists()


def test_an_administrator_cannot_change_a_superuser_account():
    boss = User.objects.create_superuser("chu", password="mat-khau-thu-1")
    response = signed_in(administrator()).post(user_url(boss), {"username": "chu", "is_active": ""})
    assert response.status_code == 403
    assert "Không thực hiện được thao tác" in response.content.decode()
    assert User.objects.get(pk=boss.pk).is_active


def test_bulk_actions_grant_only_what_the_actor_may_and_never_a_superuser():
    admin_user = administrator()
    plain = make_user(None)
    client = signed_in(admin_user)
    client.post(user_url(plain, "changelist"), {"action": "grant_publisher", "_selected_action": [plain.pk]})
    assert User.objects.get(pk=plain.pk).groups.filter(name=PUBLISHER).exists()
    boss = User.objects.create_superuser("chu2", password="mat-khau-thu-1")
    client.post(user_url(boss, "changelist"), {"action": "deactivate", "_selected_action": [boss.pk]})
    assert User.objects.get(pk=boss.pk).is_active


def test_a_publisher_has_no_account_pages_and_gets_a_vietnamese_refusal():
    response = signed_in(publisher()).get(user_url(editor()))
    assert response.status_code == 403
    assert "Không thực hiện được thao tác" in response.content.decode()


def test_an_administrator_cannot_change_a_role_groups_permissions():
    group = Group.objects.get(name=EDITOR)
    before = set(group.permissions.values_list("pk", flat=True))
    extra = Permission.objects.get(codename="publish_content")
    url = reverse("admin:auth_group_change", args=[group.pk])
    client = signed_in(administrator())
    post_change(client, url, permissions=[str(p) for p in before | {extra.pk}])
    assert set(Group.objects.get(pk=group.pk).permissions.values_list("pk", flat=True)) == before
    assert Group.objects.filter(name=ADMINISTRATOR).exists()


def test_deleting_published_content_explains_why_instead_of_a_bare_403():
    person = make_person()
    response = signed_in(administrator()).get(reverse("admin:editions_person_delete", args=[person.pk]))
    assert response.status_code == 403
    assert "Gỡ xuất bản" in response.content.decode()
