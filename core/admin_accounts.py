"""Accounts and roles in the admin: nobody but a superuser grants `is_superuser`, staff status, single permissions
or a role above their own (core/roles.py ranks the roles), by any path — the user form, the bulk actions, the
group form. The forms never offer what the signed-in account may not grant; the save checks again on the server.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.roles import ADMINISTRATOR, EDITOR, PUBLISHER, ROLE_RANK, may_grant, may_manage

SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "user_permissions")


def account_roles_check(*, actor, account, groups, stored=None) -> None:
    """Refuse (PermissionDenied) a change of `account` that `actor` may not make: the one rule of this module."""
    if actor.is_superuser:
        return
    if stored is not None and not may_manage(actor, stored):
        raise PermissionDenied(_("Bạn không được sửa tài khoản có quyền cao hơn của mình."))
    if stored is None:
        stored = User(is_superuser=False, is_staff=False)
    if account.is_superuser != stored.is_superuser or account.is_staff != stored.is_staff:
        raise PermissionDenied(_("Chỉ quản trị hệ thống (superuser) mới cấp hoặc bỏ quyền truy cập trang quản trị."))
    before = set(stored.groups.all()) if stored.pk else set()
    for group in set(groups) ^ before:
        if not may_grant(actor, group):
            raise PermissionDenied(_("Bạn không được cấp hoặc bỏ vai trò “%(role)s”.") % {"role": group.name})


class AccountAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "is_staff", "is_active", "roles")
    actions = ("grant_editor", "grant_publisher", "grant_administrator", "deactivate")

    @admin.display(description=gettext_lazy("vai trò"))
    def roles(self, obj) -> str:
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser or obj is None:
            return own
        return own + tuple(f for f in SUPERUSER_ONLY_FIELDS if f not in own)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(
                pk__in=[g.pk for g in Group.objects.all() if may_grant(request.user, g)]
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or may_manage(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or may_manage(request.user, obj))

    def save_model(self, request, obj, form, change):
        # Checked before anything is written: the stored account against the submitted one.
        stored = User.objects.prefetch_related("groups").get(pk=obj.pk) if change else None
        groups = (
            form.cleaned_data["groups"] if "groups" in form.cleaned_data else (stored.groups.all() if stored else [])
        )
        account_roles_check(actor=request.user, account=obj, groups=groups, stored=stored)
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        for account in queryset:
            if may_manage(request.user, account):
                account.delete()
            else:
                messages.error(
                    request, _("Không xoá “%(name)s”: tài khoản có quyền cao hơn của bạn.") % {"name": account}
                )

    def _grant(self, request, queryset, role: str) -> None:
        group = Group.objects.get(name=role)
        done = 0
        for account in queryset.prefetch_related("groups"):
            groups = {*account.groups.all(), group}
            try:
                account_roles_check(actor=request.user, account=account, groups=groups, stored=account)
            except PermissionDenied as refusal:
                messages.error(request, f"{account}: {refusal}")
                continue
            account.groups.add(group)
            done += 1
        if done:
            messages.success(
                request, _("Đã cấp vai trò “%(role)s” cho %(count)d tài khoản.") % {"role": role, "count": done}
            )

    @admin.action(description=gettext_lazy("Cấp vai trò Biên tập viên"), permissions=["change"])
    def grant_editor(self, request, queryset):
        self._grant(request, queryset, EDITOR)

    @admin.action(description=gettext_lazy("Cấp vai trò Người duyệt"), permissions=["change"])
    def grant_publisher(self, request, queryset):
        self._grant(request, queryset, PUBLISHER)

    @admin.action(description=gettext_lazy("Cấp vai trò Quản trị"), permissions=["change"])
    def grant_administrator(self, request, queryset):
        self._grant(request, queryset, ADMINISTRATOR)

    @admin.action(description=gettext_lazy("Khoá các tài khoản đã chọn"), permissions=["change"])
    def deactivate(self, request, queryset):
        allowed = [a.pk for a in queryset if may_manage(request.user, a) and a.pk != request.user.pk]
        count = User.objects.filter(pk__in=allowed).update(is_active=False)
        messages.success(request, _("Đã khoá %(count)d tài khoản.") % {"count": count})


class RoleGroupAdmin(GroupAdmin):
    """A role's permissions are set by `core.roles.sync_roles`; only a superuser changes a group's permissions,
    and the roles' names are fixed (the code finds them by name)."""

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            own += ("permissions",)
        if obj is not None and obj.name in ROLE_RANK:
            own += ("name",)
        return own

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or (obj.name not in ROLE_RANK and request.user.is_superuser))

    def save_related(self, request, form, formsets, change):
        if "permissions" in form.changed_data and not request.user.is_superuser:
            raise PermissionDenied(_("Chỉ quản trị hệ thống (superuser) mới đổi quyền của một nhóm."))
        super().save_related(request, form, formsets, change)


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, AccountAdmin)
admin.site.register(Group, RoleGroupAdmin)
