"""The three editorial roles and their permissions, kept in one place.

A data migration creates them; `sync_roles()` is idempotent, so tests that flush the database
(the live server) can recreate them. Model names are strings: the ground floor imports no app.
"""

from django.utils.translation import gettext_lazy as _

EDITOR = "Biên tập viên"
PUBLISHER = "Người duyệt"
ADMINISTRATOR = "Quản trị"
ROLE_NAMES = (EDITOR, PUBLISHER, ADMINISTRATOR)
ROLE_HELP = {
    EDITOR: _("Tạo và sửa nội dung, gửi duyệt; không xuất bản được."),
    PUBLISHER: _("Như biên tập viên, và xuất bản, gỡ xuất bản."),
    ADMINISTRATOR: _("Như người duyệt, và quản lý tài khoản, nhóm, nhật ký thao tác."),
}

CONTENT_MODELS = {
    "editions": [
        "source",
        "topic",
        "organisation",
        "person",
        "series",
        "edition",
        "strand",
        "bridgepoint",
        "appearance",
        "programme",
        "keyfigure",
    ],
    "resolutions": ["document", "section", "task", "statusupdate"],
    "forum_site": ["attachment"],
}
READ_ONLY_MODELS = {"forum_site": ["publishedversion", "slugredirect"], "reversion": ["revision", "version"]}


def _codenames() -> dict[str, set[tuple[str, str]]]:
    editor = {("forum_site", "preview_content")}
    for app, models in CONTENT_MODELS.items():
        for model in models:
            editor |= {(app, f"{action}_{model}") for action in ("view", "add", "change", "delete")}
    for app, models in READ_ONLY_MODELS.items():
        editor |= {(app, f"view_{model}") for model in models}
    publisher = editor | {("forum_site", "publish_content")}
    administrator = publisher | {
        ("forum_site", "view_auditentry"),
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
    }
    for model in ("user", "group"):
        administrator |= {("auth", f"{action}_{model}") for action in ("view", "add", "change", "delete")}
    return {EDITOR: editor, PUBLISHER: publisher, ADMINISTRATOR: administrator}


def sync_roles(group_model=None, permission_model=None) -> None:
    """Create the groups and set exactly their permissions (works inside migrations with historical models)."""
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    for name, wanted in _codenames().items():
        group, _created = group_model.objects.get_or_create(name=name)
        permissions = [
            permission
            for permission in permission_model.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)
