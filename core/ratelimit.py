"""The real client address and the limits counted on it, shared by every process through the shared cache.

- `client_ip(request)`: django-ipware with the `AXES_IPWARE_*` settings, so that django-axes, the feedback limit
  and the login limit see the same address. With `PROXY_COUNT = 0` only the socket's address counts (headers are
  the client's own words); behind `PROXY_COUNT` proxies, X-Forwarded-For as the last of them wrote it
  (deploy/nginx.conf overwrites the header with the address it saw).
- `Limit`: a counter per key in the shared cache, over a window (feedback per address, failed logins per address).
- `AddressLoginLimit`: an authentication backend placed before django-axes. Axes locks a username from an address
  after `AXES_FAILURE_LIMIT` failures; this refuses *every* username from an address after `LOGIN_ADDRESS_LIMIT`
  failures in `LOGIN_ADDRESS_WINDOW`, so one address cannot try many usernames a few times each. The refusal uses
  axes' lock-out page (429).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from ipware.ip import get_client_ip

from core.caching import shared_cache


def client_ip(request) -> str | None:
    """The client's address, or None when the request has none (an internal request, e.g. a test's login)."""
    address, _routable = get_client_ip(
        request,
        proxy_order=settings.AXES_IPWARE_PROXY_ORDER,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return address or request.META.get("REMOTE_ADDR") or None


@dataclass(frozen=True)
class Limit:
    name: str
    limit: int
    window: int  # seconds

    def _key(self, subject: str) -> str:
        return f"limit:{self.name}:{subject}"

    def count(self, subject: str) -> int:
        return shared_cache().get(self._key(subject), 0)

    def exceeded(self, subject: str) -> bool:
        return self.count(subject) >= self.limit

    def hit(self, subject: str) -> int:
        """Count one event; the window starts at the first one (atomic on Redis)."""
        cache, key = shared_cache(), self._key(subject)
        if cache.add(key, 1, timeout=self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window)
            return 1


def login_limit() -> Limit:
    return Limit("login-address", settings.LOGIN_ADDRESS_LIMIT, settings.LOGIN_ADDRESS_WINDOW)


class AddressLoginLimit:
    """Authentication backend: refuses, before any password is checked, an address over its failure limit."""

    def authenticate(self, request, **credentials):
        if request is not None and login_limit().exceeded(str(client_ip(request))):
            request.axes_locked_out = True  # axes' middleware answers with its lock-out page
            raise PermissionDenied("too many failed logins from this address")
        return None

    # No get_user(): it only refuses, and Django's test client logs in with the first backend that has one.


def _count_failure(sender, credentials=None, request=None, **kwargs) -> None:
    if request is not None and not getattr(request, "axes_locked_out", False):
        login_limit().hit(str(client_ip(request)))


def connect() -> None:
    user_login_failed.connect(_count_failure, dispatch_uid="core.ratelimit.login_failed")
