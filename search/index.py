"""Index upkeep: the index rows follow every write of searchable content, in the same transaction.

Signals are the house plan's allowed exception here (infrastructure that must follow every write path:
admin, services, loader, shell). Receivers are connected for each searchable model and each model a
search spec follows: post_save, post_delete and m2m_changed (both directions). A change reindexes the
thing itself and what the searchable content types follow of it (a document → its sections and tasks,
an edition → its strands, programmes and people…): a published thing is written, anything else removed.

Writes that send no signals — `QuerySet.update()`, `bulk_create()` — must call `index_objects()`
afterwards, or run `manage.py rebuild_search_index`. Many writes in a row (a content load) go faster
inside `with batch():`, which indexes everything once at the end of the block.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from core.text import normalize
from search import schema
from search.documents import build_text
from search.models import SearchEntry, SearchFacet, SearchTerm
from search.registry import SearchSpec, registry

Keys = dict[type[models.Model], set[int]]
CHUNK = 500
_batch: ContextVar[Keys | None] = ContextVar("search_batch", default=None)
_cleared: dict[tuple, list[models.Model]] = {}  # reverse m2m clear: what it touched, from pre_ to post_clear


def _expand(objects: Iterable) -> list[models.Model]:
    out: list[models.Model] = []
    for obj in objects:
        if isinstance(obj, models.QuerySet):
            out.extend(obj)
        elif isinstance(obj, models.Model):
            out.append(obj)
    return out


def _affected(instances: Iterable[models.Model]) -> Keys:
    """The instances and everything registered as depending on them, as {model: {pk}}."""
    keys: Keys = defaultdict(set)
    for instance in instances:
        if instance.pk is not None:
            keys[type(instance)].add(instance.pk)
        for dependent in _expand(registry.dependents(instance)):
            keys[type(dependent)].add(dependent.pk)
    return keys


def _changed(keys: Keys) -> None:
    pending = _batch.get()
    if pending is None:
        refresh(keys)
        return
    for model, pks in keys.items():
        pending.setdefault(model, set()).update(pks)


def index_objects(objects: Iterable) -> dict[str, int]:
    """Bring the index up to date for `objects` (instances or querysets) and what depends on them.

    The service to call after writes that send no signals (QuerySet.update, bulk_create)."""
    return refresh(_affected(_expand(objects)))


@contextmanager
def batch() -> Iterator[None]:
    """Collect index changes and apply them once, at the end of the block (nested blocks join the outer)."""
    if _batch.get() is not None:
        yield
        return
    token = _batch.set({})
    try:
        yield
        pending = _batch.get()
    finally:
        _batch.reset(token)
    if connection.in_atomic_block and transaction.get_rollback():
        return  # the caller's transaction will be rolled back (a dry run): nothing to index
    refresh(pending)


def refresh(keys: Keys) -> dict[str, int]:
    """Write the index rows of the given objects that are public; remove the others' rows."""
    written = removed = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for model, pks in keys.items():
            spec = registry.spec_for(model)
            if spec is None or not pks:
                continue
            content_type = ContentType.objects.get_for_model(model)
            visible = list(spec.queryset().filter(pk__in=pks))
            written += _write(spec, content_type, visible)
            hidden = set(pks) - {obj.pk for obj in visible}
            if hidden:
                removed += (
                    SearchEntry.objects.filter(content_type=content_type, object_id__in=hidden)
                    .delete()[1]
                    .get(SearchEntry._meta.label, 0)
                )
    return {"written": written, "removed": removed}


_ENTRY_FIELDS = [
    "kind",
    "title",
    "subtitle",
    "url",
    "year",
    "body",
    "title_folded",
    "body_folded",
    "keywords_folded",
    "exact",
    "identifiers",
    "updated_at",
]


def _write(spec: SearchSpec, content_type: ContentType, objects: list[models.Model], fresh: bool = False) -> int:
    if not objects:
        return 0
    existing = (
        {}
        if fresh
        else dict(
            SearchEntry.objects.filter(content_type=content_type, object_id__in=[o.pk for o in objects]).values_list(
                "object_id", "id"
            )
        )
    )
    now = timezone.now()
    entries, facets, terms = [], [], set()
    for obj in objects:
        document = spec.build(obj)
        text = build_text(document.title, document.body, document.keywords, document.names)
        entry = SearchEntry(
            id=existing.get(obj.pk),
            content_type=content_type,
            object_id=obj.pk,
            kind=spec.kind,
            title=text.title,
            subtitle=normalize(document.subtitle)[:500],
            url=document.url[:500],
            year=document.year,
            body=text.body,
            title_folded=text.title_folded,
            body_folded=text.body_folded,
            keywords_folded=text.keywords_folded,
            exact=text.exact,
            identifiers=text.identifiers,
            updated_at=now,
        )
        entries.append(entry)
        facets.append(
            [("topic", slug, name) for slug, name in dict(document.topics).items()]
            + [("organisation", slug, name) for slug, name in dict(document.organisations).items()]
        )
        terms |= text.terms
    old = [e for e in entries if e.id is not None]
    new = [e for e in entries if e.id is None]
    if old:
        SearchEntry.objects.bulk_update(old, _ENTRY_FIELDS)
        SearchFacet.objects.filter(entry__in=old).delete()
    if new:
        SearchEntry.objects.bulk_create(new)
    SearchFacet.objects.bulk_create(
        [
            SearchFacet(entry_id=entry.id, name=name, value=value[:120], label=normalize(label)[:300])
            for entry, entry_facets in zip(entries, facets, strict=True)
            for name, value, label in entry_facets
        ]
    )
    SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in sorted(terms)], ignore_conflicts=True, batch_size=1000)
    return len(entries)


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def rebuild(progress=None) -> dict[str, int]:
    """Empty the index and write every public thing again (one transaction)."""
    counts: dict[str, int] = {}
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        schema.ensure_sqlite(connection)
        SearchFacet.objects.all().delete()
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        for model, spec in registry.items():
            content_type = ContentType.objects.get_for_model(model)
            counts[spec.kind] = 0
            for chunk in _chunks(spec.queryset().iterator(chunk_size=CHUNK), CHUNK):
                counts[spec.kind] += _write(spec, content_type, chunk, fresh=True)
            if progress:
                progress(spec, counts[spec.kind])
    return counts


# --- signal receivers ---------------------------------------------------------------------------------


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows before their relations exist: rebuild after loaddata
        _changed(_affected([instance]))


def _on_delete(sender, instance, **kwargs):
    _changed(_affected([instance]))


def _m2m_field(model: type[models.Model], through) -> models.ManyToManyField | None:
    return next((f for f in model._meta.many_to_many if f.remote_field.through is through), None)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            _changed(_affected([instance]))
        return
    # Reverse side (topic.tasks.add(task)): the things whose field changed are `model` rows.
    key = (sender, type(instance), instance.pk)
    if action == "pre_clear":
        field = _m2m_field(model, sender)
        if field is not None:
            _cleared[key] = list(model._default_manager.filter(**{field.name: instance.pk}))
    elif action == "post_clear":
        _changed(_affected(_cleared.pop(key, [])))
    elif action in {"post_add", "post_remove"} and pk_set:
        _changed(_affected(model._default_manager.filter(pk__in=pk_set)))


def watch(model: type[models.Model]) -> None:
    label = model._meta.label_lower
    post_save.connect(_on_save, sender=model, dispatch_uid=f"search.save.{label}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search.delete.{label}")
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"search.m2m.{through._meta.label_lower}")


def connect() -> None:
    """Watch every declared searchable model and every model one of them follows (SearchConfig.ready())."""
    for model in registry.watched_models():
        watch(model)
