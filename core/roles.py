"""The three editorial roles and their permissions, kept in one place.

Editors may view, add, change and delete every content type an app declares (core/registry.py); publishers
also publish. `sync_roles()` runs after every migrate and flush (core/apps.py) and is idempotent, so a new content
type needs no edit here and no data migration: declare it, migrate, and the roles cover it.
"""

from django.utils.translation import gettext_lazy as _

from core.registry import content_types

EDITOR = "Biên tập viên"
PUBLISHER = "Người duyệt"
ADMINISTRATOR = "Quản trị"
ROLE_NAMES = (EDITOR, PUBLISHER, ADMINISTRATOR)
ROLE_HELP = {
    EDITOR: _("Tạo và sửa nội dung, gửi duyệt; không xuất bản được."),
    PUBLISHER: _("Như biên tập viên, và xuất bản, gỡ xuất bản."),
    ADMINISTRATOR: _("Như người duyệt, và quản lý tài khoản, nhóm, nhật ký thao tác."),
}

# Not content: records editors may read but never write (versions, redirects, revisions).
READ_ONLY_MODELS = {
    "core": ["publishedversion", "slugredirect", "reviewrequest"],
    "reversion": ["revision", "version"],
}


def _codenames() -> dict[str, set[tuple[str, str]]]:
    editor = {("core", "preview_content")}
    for model in content_types.publishable_models():
        app, name = model._meta.app_label, model._meta.model_name
        editor |= {(app, f"{action}_{name}") for action in ("view", "add", "change", "delete")}
    for app, models in READ_ONLY_MODELS.items():
        editor |= {(app, f"view_{model}") for model in models}
    publisher = editor | {("core", "publish_content")}
    administrator = publisher | {
        ("core", "view_auditentry"),
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
    }
    for model in ("user", "group"):
        administrator |= {("auth", f"{action}_{model}") for action in ("view", "add", "change", "delete")}
    return {EDITOR: editor, PUBLISHER: publisher, ADMINISTRATOR: administrator}


def sync_roles(using: str = "default") -> None:
    """Create the groups and set exactly their permissions; idempotent (run after every migrate and flush)."""
    from django.contrib.auth.models import Group, Permission

    all_permissions = list(Permission.objects.using(using).select_related("content_type"))
    for name, wanted in _codenames().items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([p for p in all_permissions if (p.content_type.app_label, p.codename) in wanted])


# Each role includes the ones before it; nobody but a superuser grants a role above their own.
ROLE_RANK = {EDITOR: 1, PUBLISHER: 2, ADMINISTRATOR: 3}
SUPERUSER_RANK = 99


def rank(user) -> int:
    """How far `user`'s roles reach: 0 without a role, SUPERUSER_RANK for a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return 0
    if user.is_superuser:
        return SUPERUSER_RANK
    return max((ROLE_RANK.get(group.name, 0) for group in user.groups.all()), default=0)


def group_rank(group) -> int:
    """A role's rank; a group that is not a role may only be granted by a superuser."""
    return ROLE_RANK.get(group.name, SUPERUSER_RANK)


def may_grant(actor, group) -> bool:
    return group_rank(group) <= rank(actor)


def may_manage(actor, account) -> bool:
    """Whether `actor` may change `account`: a superuser anyone; others nobody whose roles reach higher."""
    if actor.is_superuser:
        return True
    return not account.is_superuser and rank(account) <= rank(actor)
