"""Named cache policies and the content generation: one rule for how long any response may be kept, and where.

Every public view carries one decorator — `@public_page`, `@public_file` or `@private` — instead of
`require_safe` + `cache_control(...)`; no number of seconds is written anywhere else.

- `public_page`: anything that shows content (pages, htmx partials, search, exports, feeds, sitemap, versions).
  Kept in our full-page cache (`core.pagecache`) under the *content token* — the content generation, bumped on
  commit of every write that can change a page, plus today's date (deadline states change at midnight) — and in
  browsers and shared caches for a short while, never past the next local midnight.
- `public_file`: bytes that follow no content edit (robots.txt, the web manifest): long-lived, not page-cached.
- `private`: never stored by anybody (`private, no-store`): previews of drafts, forms with a CSRF token, health.
"""

import functools
import logging
import os
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.clock import today

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
GENERATION_KEY = "content-generation"


@dataclass(frozen=True)
class CachePolicy:
    name: str
    shared: bool = False  # "public": browsers, proxies and CDNs may keep it
    max_age: int = 0  # browsers
    s_maxage: int = 0  # shared caches (nginx, a CDN)
    stale_while_revalidate: int = 0
    page_cache: bool = False  # kept in our full-page cache, keyed by the content token
    follows_content: bool = False  # lifetimes end at the next local midnight (deadline states)

    def header(self) -> str:
        if not self.shared:
            return "private, no-store"
        cap = seconds_to_midnight() if self.follows_content else self.s_maxage
        parts = ["public", f"max-age={min(self.max_age, cap)}", f"s-maxage={min(self.s_maxage, cap)}"]
        if self.stale_while_revalidate:
            parts.append(f"stale-while-revalidate={self.stale_while_revalidate}")
        return ", ".join(parts)


MINUTE, HOUR, DAY = 60, 3600, 86400
PUBLIC_PAGE = CachePolicy(
    "public_page",
    shared=True,
    max_age=MINUTE,
    s_maxage=5 * MINUTE,
    stale_while_revalidate=MINUTE,
    page_cache=True,
    follows_content=True,
)
PUBLIC_FILE = CachePolicy("public_file", shared=True, max_age=DAY, s_maxage=DAY, stale_while_revalidate=HOUR)
PRIVATE = CachePolicy("private")
POLICIES = {policy.name: policy for policy in (PUBLIC_PAGE, PUBLIC_FILE, PRIVATE)}
# How long the full-page cache keeps an entry (a new content token makes it unreachable long before).
PAGE_CACHE_TIMEOUT = DAY
# Rate limits (feedback) count over this window.
RATE_WINDOW = HOUR
# A 503 (database down) asks clients and proxies to come back after this long.
RETRY_AFTER = 30


def seconds_to_midnight() -> int:
    now = timezone.localtime()
    return max(1, DAY - (now.hour * HOUR + now.minute * MINUTE + now.second))


def apply_policy(request, response, policy: CachePolicy) -> None:
    """Set the response's Cache-Control from `policy`; a preview, a page shown to a previewer (it may list drafts:
    `core.lookup.previewer` marks the request) or a cookie makes any response private."""
    if getattr(request, "is_preview", False) or getattr(request, "private_response", False) or response.cookies:
        policy = PRIVATE
    response.headers["Cache-Control"] = policy.header()
    response.cache_policy = policy


def cache_policy(policy: CachePolicy):
    """Decorator: a public policy also restricts the view to GET and HEAD (`require_safe`)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if policy.page_cache:
                from core.fragments import start_request  # it imports this module

                start_request(request)  # the fragments' generations, before the view reads the database
            response = view(request, *args, **kwargs)
            apply_policy(request, response, policy)
            return response

        return require_safe(wrapped) if policy.shared else wrapped

    return decorator


public_page = cache_policy(PUBLIC_PAGE)
public_file = cache_policy(PUBLIC_FILE)
private = cache_policy(PRIVATE)


# --- the content generation -------------------------------------------------------------------------------------


def shared_cache():
    return caches[CACHE_ALIAS]


# More written things than core.warming warms: kept up to one past it, so that it knows to warm the fixed pages only.
WARM_OBJECTS_KEPT = 20
ALL_APPS = "*"  # a write whose app is not known (`content_changed()` called by hand, a new release)


def app_generation_key(app_label: str) -> str:
    return f"{GENERATION_KEY}:{app_label}"


def object_generation_key(label_lower: str, pk) -> str:
    """One thing's own generation (`GENERATION_OWNERS`): bumped by writes to it and to the rows it owns."""
    return f"{GENERATION_KEY}:obj:{label_lower}:{pk}"


def model_generation_key(label_lower: str) -> str:
    """One model's generation ("resolutions.task"): a block that shows tasks but not their status updates names
    the model instead of its app, and a status update leaves it cached."""
    return f"{GENERATION_KEY}:model:{label_lower}"


def unattributed_generation_key(app_label: str) -> str:
    """Bumped by a write to `app_label` that names no owner: part of the key of every block keyed on one of the
    app's things, so that such a write is never missed."""
    return f"{GENERATION_KEY}:unattributed:{app_label}"


def new_generation() -> str:
    # Unique, never an increment: two processes bumping at once can never write the same value back.
    return f"{time.time_ns():x}{secrets.token_hex(3)}"


def generation() -> str:
    """The current content generation (created on first use)."""
    cache = shared_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def content_token(generation_value: str | None = None) -> str:
    """What every page-cache key and ETag carries: the generation and today's local date."""
    return f"{generation_value or generation()}.{today():%Y%m%d}"


def bump_generation(app_labels=None, object_keys=()) -> str:
    """Make every cached page unreachable now, and the fragments that show `app_labels`' rows (default: every
    fragment) or the things `object_keys` name; see `content_changed` for writes inside a transaction."""
    value = new_generation()
    values = {GENERATION_KEY: value}
    values.update({app_generation_key(label): value for label in (app_labels or (ALL_APPS,))})
    values.update(dict.fromkeys(object_keys, value))
    shared_cache().set_many(values, timeout=None)
    path = getattr(settings, "PAGE_CACHE_GENERATION_FILE", "")
    if path:
        write_generation_file(path, value)
    return value


def write_generation_file(path: str, value: str) -> None:
    """A proxy on the same machine keys its own cache on this file's content (deploy/generation.lua), which each
    of its workers maps into memory once: so the value is written in place, never by replacing or truncating the
    file. Values have one length (`new_generation`); two processes writing at once can at worst leave a mix of
    two new values, a key no page was stored under: a miss, never a stale page."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        os.pwrite(descriptor, value.encode(), 0)
    finally:
        os.close(descriptor)


class _BumpOnCommit:
    """One per transaction: later writes in the same transaction find it pending and add their app to it."""

    done = False

    def __init__(self, app_label: str | None = None, obj=None, object_keys=None, model_label: str | None = None):
        self.app_labels = {app_label or ALL_APPS}
        self.objects = [obj] if obj is not None else []
        self.object_keys: set[str] = set()
        self.add_keys(app_label, object_keys, model_label)

    def add_keys(self, app_label: str | None, object_keys, model_label: str | None) -> None:
        if model_label is None or object_keys is None:
            # The model or the things not known: every block that names one of the app's models or things
            self.object_keys.add(unattributed_generation_key(app_label or ALL_APPS))
        if model_label is not None:
            self.object_keys.add(model_generation_key(model_label))
        if object_keys is not None:
            self.object_keys.update(object_keys)

    def __call__(self) -> None:
        self.done = True
        try:
            # Fragments (core/fragments.py) follow the generations of the apps they show, so a task's status update
            # leaves an edition's own sections cached; a block keyed on things follows theirs (one task's page).
            bump_generation(self.app_labels, self.object_keys)
        except Exception:  # the write itself succeeded; a cache that cannot be reached holds nothing we serve
            logger.exception("could not bump the content generation")
            return
        if getattr(settings, "WARM_ON_WRITE", True):
            from core.warming import warm_pages  # the request handler, loaded only where pages are warmed

            warm_pages(self.objects)


def content_changed(
    using: str = "default", app_label: str | None = None, obj=None, object_keys=None, model_label: str | None = None
) -> None:
    """Bump the generation when the current transaction commits (at once outside a transaction), once per
    transaction however many rows it writes; nothing if it rolls back. `app_label`: the app whose rows changed
    (None: any app's); `obj`: the written thing, whose pages are then rendered into the cache (core/warming.py);
    `object_keys`: the generations of the things whose blocks the write changes (None: not known); `model_label`:
    the model whose rows changed ("resolutions.task"; None: not known)."""
    if not getattr(settings, "PAGE_CACHE_BUMP_ON_COMMIT", True):  # the test suite: nothing ever commits there
        _BumpOnCommit(app_label, obj if _has_pages(obj) else None, object_keys, model_label)()
        return
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _sids, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _BumpOnCommit) and not callback.done:
                callback.app_labels.add(app_label or ALL_APPS)
                callback.add_keys(app_label, object_keys, model_label)
                if _has_pages(obj) and len(callback.objects) <= WARM_OBJECTS_KEPT:
                    callback.objects.append(obj)
                return
    transaction.on_commit(
        _BumpOnCommit(app_label, obj if _has_pages(obj) else None, object_keys, model_label), using=using
    )


def _has_pages(obj) -> bool:
    """A thing with a public page or a parent that has one (not an index row, a review request, a version)."""
    return obj is not None and (hasattr(obj, "get_absolute_url") or bool(getattr(obj, "PUBLIC_PARENTS", ())))


# Writes to these never change what a public page shows (and anonymous visitors can cause some of them: a failed
# login, a feedback form must never be a way to empty the cache).
# A staff member's second factor is written at every sign-in (a recovery code used up, a TOTP device's last step):
# without these, each sign-in would empty the page cache.
IGNORED_APPS = {"sessions", "axes", "admin", "contenttypes", "auth", "reversion", "otp_static", "otp_totp"}
IGNORED_MODELS = {"core.feedback", "core.auditentry"}


def _changes_pages(model) -> bool:
    meta = model._meta
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def owner_keys(model, instance) -> list[str] | None:
    """The generations a write to `instance` changes, by its model's `GENERATION_OWNERS` ("self", or the name of a
    foreign key to the thing that shows it: a status update's task); None when the model names none."""
    owners = getattr(model, "GENERATION_OWNERS", None)
    if owners is None or instance is None or instance.pk is None:
        return None
    keys = []
    for owner in owners:
        if owner == "self":
            keys.append(object_generation_key(model._meta.label_lower, instance.pk))
            continue
        field = model._meta.get_field(owner)
        value = getattr(instance, field.attname)  # the id only: no query
        if value is not None:
            keys.append(object_generation_key(field.related_model._meta.label_lower, value))
    return keys


def _m2m_keys(instance, model, reverse: bool, pk_set) -> list[str] | None:
    """A many-to-many change shows on the thing that holds the field (a task's partners, topics, sources)."""
    if not reverse:
        return owner_keys(type(instance), instance)
    if pk_set is None or getattr(model, "GENERATION_OWNERS", None) != ("self",):  # cleared from the other side
        return None
    return [object_generation_key(model._meta.label_lower, pk) for pk in pk_set]


def _on_write(sender, using="default", raw=False, action="post_", **kwargs) -> None:
    if not raw and action.startswith("post_") and _changes_pages(sender):
        instance = kwargs.get("instance")
        instance = instance if isinstance(instance, models.Model) else None
        if "pk_set" in kwargs:  # m2m_changed: the rows of the model that holds the field (a task's partners)
            keys = _m2m_keys(instance, kwargs["model"], kwargs["reverse"], kwargs["pk_set"])
            holder = sender._meta.auto_created or sender
        else:
            keys = owner_keys(sender, instance)
            holder = sender
        content_changed(using, sender._meta.app_label, instance, keys, holder._meta.label_lower)


def connect() -> None:
    """Infrastructure that must follow every write whatever its path (admin, services, shell, loader)."""
    post_save.connect(_on_write, dispatch_uid="core.caching.post_save")
    post_delete.connect(_on_write, dispatch_uid="core.caching.post_delete")
    m2m_changed.connect(_on_write, dispatch_uid="core.caching.m2m_changed")
