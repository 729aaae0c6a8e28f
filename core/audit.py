"""Logins, failed logins and logouts go to the audit log whatever the login path (infrastructure signals)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from core.models import AuditAction
from core.ratelimit import client_ip


def _ip(request) -> str | None:
    if request is None:
        return None
    return client_ip(request)


def on_login(sender, request, user, **kwargs):
    from core.workflow import audit

    audit(action=AuditAction.LOGIN, user=user, ip_address=_ip(request))


def on_logout(sender, request, user, **kwargs):
    from core.workflow import audit

    if user is not None:
        audit(action=AuditAction.LOGOUT, user=user, ip_address=_ip(request))


def on_login_failed(sender, credentials, request=None, **kwargs):
    from core.workflow import audit

    username = str((credentials or {}).get("username", ""))[:150]
    audit(action=AuditAction.LOGIN_FAILED, username=username, ip_address=_ip(request))


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="core.audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="core.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="core.audit.login_failed")
