"""Fragments of public pages kept in the shared cache until a write to an app they show.

The full-page cache (`core.pagecache`) forgets every page on every write: right after a status update is published,
every page is rendered again from the database. Most of a page does not show what changed: an edition's own
sections (facts, people, bridge points, programmes, figures, sources) come from the `editions` app only. Such a
block is wrapped in `{% fragment "name" key-parts… depends="editions core" %}…{% endfragment %}`
(core/templatetags/fragments.py) and kept under a key made of

- the generations of the apps it `depends` on (`core.caching.content_changed` bumps an app's generation on commit of
  a write to any of its models; `*` — a write of unknown origin, a new release — is part of every key),
- today's local date (deadline states and "as of" wording change at midnight), the language, its name and parts.

So a task's status update (app `resolutions`) leaves an edition's own sections cached, and the first reader after
it waits only for what did change. A template's `depends` must name every app whose rows it shows: the imports go
downward only, so a block of the `editions` app can show `editions` and `core` rows and nothing else.

A block can also be keyed on things instead of their whole app: `objects=` names them (`object_ref(Task, pk)`), and
a write bumps the generation of the thing its model's `GENERATION_OWNERS` names (a task itself; a status update's
task) as well as its app's. A task's page shows its task, document and section, so a status update of another task
leaves its body cached. A write that names no owner (`content_changed` by hand, a many-to-many cleared from the
other side) bumps its app's "unattributed" generation, part of every such key. These generations are read when the
block is reached, before its rows are read (they are lazy): the same ordering as for the apps' generations.

Only anonymous requests use fragments (the same rule as the page cache: no session cookie, no Authorization, GET or
HEAD) and never a preview: an editor's page may show drafts. The generations are read once, when a `public_page`
view starts (core/caching.py), before anything is read from the database: a write that commits while a fragment
is rendered bumps past the key it is stored under, so a stale fragment is never reachable.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.utils import get_app_template_dirs
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from core.caching import (
    ALL_APPS,
    GENERATION_KEY,
    IGNORED_APPS,
    PAGE_CACHE_TIMEOUT,
    app_generation_key,
    model_generation_key,
    new_generation,
    object_generation_key,
    shared_cache,
    unattributed_generation_key,
)
from core.clock import today

logger = logging.getLogger(__name__)


def anonymous(request) -> bool:
    """What the page cache and the fragments may serve: a GET/HEAD with no session and no credentials."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


# What the rendering code is: a fragment rendered by other templates or code is never served (the key carries it).
CODE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".toml"}


@cache
def release() -> str:
    """A digest of the project's code, templates and translations (paths, sizes, modification times), taken once per
    process: a new release — or a template edited under `make dev` after a restart — renders its own fragments."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name in SKIPPED_FOLDERS:
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


SKIPPED_FOLDERS = {"node_modules", "staticfiles", "media", "test-artifacts", "tools", "docs", "tests", "deploy"}


@cache
def _app_keys() -> tuple[str, ...]:
    labels = [
        config.label
        for config in apps.get_app_configs()
        if config.label not in IGNORED_APPS and any(True for _model in config.get_models())
    ]
    return (GENERATION_KEY, app_generation_key(ALL_APPS), *(app_generation_key(label) for label in labels))


# The models that blocks name (`depends="resolutions.task"`), noted when a template is compiled: only their
# generations are read when a request starts (every model's would make that round trip five times longer).
NAMED_MODELS: set[str] = set()


def note_named_models(labels) -> None:
    NAMED_MODELS.update(label.lower() for label in labels if "." in label)


@cache
def _scan_templates() -> None:
    """Note the models the project's templates name before any is compiled (once per process), so that the first
    request reads their generations too."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", ())]
    folders += [Path(folder) for folder in get_app_template_dirs("templates")]
    for folder in folders:
        if "site-packages" in folder.parts:  # installed packages' templates (the admin's) use no blocks
            continue
        for path in folder.rglob("*.html"):
            for words in DEPENDS_LITERAL.findall(path.read_text(encoding="utf-8", errors="replace")):
                note_named_models(words.split())


DEPENDS_LITERAL = re.compile(r"""\{% fragment [^%]*depends=["']([^"']*)["']""")


def _generation_keys() -> tuple[str, ...]:
    """The global generation, every app's, and those of the models that blocks name: one round trip."""
    _scan_templates()
    named = tuple(key for label in sorted(NAMED_MODELS) for key in _depends_keys(label))
    return _app_keys() + tuple(dict.fromkeys(named))


def _depends_keys(label: str) -> tuple[str, ...]:
    """What a `depends` word follows: an app ("editions"), or one model ("resolutions.task") and its app's writes
    that name no model."""
    if "." in label:
        return (model_generation_key(label.lower()), unattributed_generation_key(label.split(".")[0]))
    return (app_generation_key(label),)


def read_generations(keys=None) -> dict[str, str]:
    """The content generation and every app's (or `keys`), in one round trip (created on first use)."""
    cache = shared_cache()
    keys = keys or _generation_keys()
    values = cache.get_many(keys)
    missing = [key for key in keys if key not in values]
    if missing:
        for key in missing:
            cache.add(key, new_generation(), timeout=None)
        values.update(cache.get_many(missing))
    return values


def start_request(request) -> dict[str, str] | None:
    """Read the generations for an anonymous request (None: the cache does not answer, or not anonymous)."""
    generations = None
    if anonymous(request):
        try:
            generations = read_generations()
        except Exception:  # the cache is down: pages are rendered whole
            logger.warning("content generations unavailable", exc_info=True)
    request.content_generations = generations
    return generations


def object_ref(model, pk) -> tuple[str, object] | None:
    """A thing a block is keyed on (`{% fragment … objects=… %}`), by its model and id: no query."""
    return None if pk is None else (model._meta.label_lower, pk)


def object_refs(queryset, *foreign_keys) -> list[tuple[str, object]]:
    """The things a list of `queryset`'s rows shows: each row and what it points to by `foreign_keys` (ids only, one
    query), for a block keyed on them. Read before the block's rows: a row that joins or leaves the list in between
    changes the key (a miss), one that changes bumps its own generation."""
    model = queryset.model
    fields = [model._meta.get_field(name) for name in foreign_keys]
    refs = set()
    for row in queryset.order_by().values_list("pk", *(field.attname for field in fields)):
        refs.add((model._meta.label_lower, row[0]))
        refs.update(
            (field.related_model._meta.label_lower, value)
            for field, value in zip(fields, row[1:], strict=True)
            if value is not None
        )
    return sorted(refs)


def _object_versions(refs) -> list[str]:
    """The generations of the things a block shows, and of their apps' writes that name no owner, read now: the
    block's rows are read after this (lazily, inside it), so a write that commits in between bumps past its key."""
    refs = [ref for ref in refs if ref is not None]
    if not refs:  # nothing to key on (`read_generations([])` would read every app's)
        return []
    apps_of = sorted({label.split(".")[0] for label, _pk in refs})
    keys = [unattributed_generation_key(app) for app in apps_of]
    keys += [object_generation_key(label, pk) for label, pk in refs]
    values = read_generations(keys)
    return [f"{key}={values[key]}" for key in keys]


def fragment_key(request, name: str, parts, depends, objects=()) -> str | None:
    """The key of a fragment for this request, or None when it must be rendered (not anonymous, a preview, off).
    `depends`: the apps whose rows the block shows wherever they come from; `objects`: things (`object_ref`) whose
    own rows and owned rows (`GENERATION_OWNERS`) it shows, instead of naming their whole app."""
    if request is None or not getattr(settings, "FRAGMENT_CACHE", True):
        return None
    generations = getattr(request, "content_generations", None)
    if not generations or getattr(request, "is_preview", False) or getattr(request, "private_response", False):
        return None
    labels = (ALL_APPS, *sorted(depends))
    try:
        versions = [generations[key] for label in labels for key in _depends_keys(label)]
    except KeyError:
        if all("." in label or app_generation_key(label) in generations for label in labels):
            # A model named by a template compiled after this request started (the tag noted it): read from the
            # next request on
            return None
        # an app that is not installed: a template error worth a log, not a page error
        logger.error("fragment %s depends on an unknown app: %s", name, depends)
        return None
    if objects:
        try:
            versions += _object_versions(objects)
        except Exception:  # the cache is down: the block is rendered
            logger.warning("object generations unavailable", exc_info=True)
            return None
    described = "\x1f".join(
        [name, release(), translation.get_language() or "", f"{today():%Y%m%d}", *versions, *map(str, parts)]
    )
    return f"fragment:{hashlib.blake2b(described.encode(), digest_size=16).hexdigest()}"


# What rendering a block may note on the request for the rest of the page (base.html reads them): kept with the
# block and noted again when it comes from the cache.
REQUEST_MARKS = ("untranslated_content",)


def cached_fragment(request, name: str, parts, depends, render, objects=()) -> str:
    """The fragment from the shared cache, or `render()`'s output, stored when the request may share it."""
    key = fragment_key(request, name, parts, depends, objects)
    if key is None:
        return render()
    cache = shared_cache()
    try:
        entry = cache.get(key)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)
        return render()
    if entry is not None:
        content, marks = entry
        for mark in marks:
            setattr(request, mark, True)
        return content
    before = {mark: getattr(request, mark, False) for mark in REQUEST_MARKS}
    for mark in REQUEST_MARKS:  # what this block notes, whatever the page noted before it
        setattr(request, mark, False)
    content = render()
    marks = tuple(mark for mark in REQUEST_MARKS if getattr(request, mark, False))
    for mark, value in before.items():
        setattr(request, mark, value or mark in marks)
    try:
        cache.set(key, (content, marks), timeout=PAGE_CACHE_TIMEOUT)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)
    return content


def deferred(build) -> SimpleLazyObject:
    """The rows of the queryset `build()` returns, read the first time a template uses them: a block that comes
    from the fragment cache costs neither the query nor building it."""
    return SimpleLazyObject(lambda: list(build()))
