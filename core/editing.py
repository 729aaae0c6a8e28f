"""The edit block: one save of a thing and its rows as one unit, and the mechanics of draft over live.

Every write path opens a block (`revision_block`): the admin's change page around the whole request, the services
around themselves. Inside it the services save as usual; the block then decides what becomes of the saves:

- a change to a published thing by someone who may not publish (`EditBlock.make_pending`) is captured — the thing
  and the rows saved with it, serialised as they stand after the edit — and rolled back: the public keeps the
  published version; the capture is stored as the thing's open `ReviewRequest.draft` for a reviewer;
- a thing with an open draft is edited from the draft (`start_from`): the draft is applied inside the block, so
  the change form, its checks and the save all see it; if nothing is saved (a GET, a form with errors, a diff) the
  block rolls back and nothing changed;
- otherwise the saves stand, and the public versions are taken when the block ends, after every row is saved
  (a document's version holds its tasks as saved in the same block); a task's new version makes a new version of
  its document too, whose page lists it.

Rolled-back work never reaches anything public: search index rows, cached pages' generation and slug history are
written in the same transaction and go with it.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router, transaction
from django.utils import timezone
from reversion.models import Revision
from reversion.revisions import _follow_relations_recursive, is_registered

from core.models import OPEN_REVIEW_STATES, ReviewRequest, ReviewState
from core.publishing import Publishable, Status

_blocks: list[EditBlock] = []
# Kept from the stored row whatever a draft says: they belong to publishing, not to the edit.
PUBLICATION_FIELDS = ("status", "first_published_at", "public_version", "loaded_fingerprint")


def key_of(obj: models.Model) -> list:
    return [obj._meta.label_lower, obj.pk]


def open_request(obj: models.Model) -> ReviewRequest | None:
    if obj is None or obj.pk is None:
        return None
    return (
        ReviewRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, state__in=OPEN_REVIEW_STATES
        )
        .select_related("created_by")
        .first()
    )


def open_draft(obj: models.Model) -> ReviewRequest | None:
    request = open_request(obj)
    return request if request is not None and request.draft is not None else None


@dataclass
class EditBlock:
    user: object
    using: str
    root: models.Model | None = None  # the published thing this edit becomes a draft of
    pending: bool = False
    change_note: str = ""
    major: bool = False
    saved: list = field(default_factory=list)
    created: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    applied: ReviewRequest | None = None
    started: set = field(default_factory=set)
    snapshots: list = field(default_factory=list)  # (obj, note, major), taken when the block ends

    # What the services tell the block -----------------------------------------------------------------------

    def note_saved(self, obj: models.Model, *, new: bool) -> None:
        if all(o is not obj for o in self.saved):
            self.saved.append(obj)
        if new:
            self.created.append(key_of(obj))

    def note_deleted(self, obj: models.Model) -> None:
        self.deleted.append(key_of(obj))

    def make_pending(self, root: models.Model, *, change_note: str, major: bool) -> None:
        self.root, self.pending, self.change_note, self.major = root, True, change_note, major

    def snapshot_later(self, obj, *, change_note: str, major: bool) -> None:
        if all(o.pk != obj.pk or type(o) is not type(obj) for o, _n, _m in self.snapshots):
            self.snapshots.append((obj, change_note, major))

    def start_from(self, root: models.Model | None) -> None:
        """Apply `root`'s open draft (once per block), so that what follows sees the draft, not the live row."""
        if root is None or root.pk is None or (type(root), root.pk) in self.started:
            return
        self.started.add((type(root), root.pk))
        draft = open_draft(root)
        if draft is not None:
            draft_apply(draft, for_publishing=False)
            self.applied = draft
            self.deleted.extend(draft.deleted)
            self.created.extend(draft.created_rows)

    # What the block does at its end ---------------------------------------------------------------------------

    def capture(self) -> dict:
        root = type(self.root)._base_manager.get(pk=self.root.pk)
        objects, seen = [], set()
        followed = _follow_relations_recursive(root) if is_registered(type(root)) else {root}
        ordered = [root, *sorted(followed - {root}, key=lambda o: (o._meta.label_lower, o.pk)), *self.saved]
        for obj in ordered:
            key = (obj._meta.label_lower, obj.pk)
            if key in seen or not type(obj)._base_manager.filter(pk=obj.pk).exists():
                continue
            seen.add(key)
            objects.append(type(obj)._base_manager.get(pk=obj.pk))
        return {
            "root": root,
            "draft": json.loads(serializers.serialize("json", objects)),
            "created": [k for k in self.created if tuple(k) in seen],
            "deleted": [k for k in self.deleted if tuple(k) not in seen],
            "lock_version": root.lock_version,
        }

    def store(self, captured: dict) -> ReviewRequest:
        live = type(self.root)._base_manager.get(pk=self.root.pk)
        request = (
            self.applied
            or open_request(live)
            or ReviewRequest(
                content_type=ContentType.objects.get_for_model(live), object_id=live.pk, created_by=_user(self.user)
            )
        )
        request.object_repr = str(live)[:400]
        request.draft = captured["draft"]
        request.created_rows = captured["created"]
        request.deleted = captured["deleted"]
        request.lock_version = captured["lock_version"]
        request.base_lock_version = live.lock_version
        request.change_note = self.change_note
        request.major = self.major
        request.state = ReviewState.PENDING
        request.submitted_by = _user(self.user)
        request.submitted_at = timezone.now()
        request.save()
        return request

    def finish(self) -> None:
        from core.workflow import snapshot_with_parents

        if self.applied is not None and self.saved:
            close_request(self.applied, user=self.user, note=self.change_note or self.applied.change_note)
        snapshot_with_parents(self.snapshots, user=self.user)


def _user(user):
    return user if user is not None and user.is_authenticated else None


def current_block() -> EditBlock | None:
    return _blocks[-1] if _blocks else None


@contextmanager
def revision_block(*, user, using: str | None = None, start_from: models.Model | None = None):
    """One unit of editing: one revision for the thing and its rows (inline rows included), decided as a whole at
    the end (see the module's docstring). A block opened inside another joins it."""
    outer = current_block()
    if outer is not None:
        outer.start_from(start_from)
        yield outer
        return
    using = using or router.db_for_write(Revision)
    block = EditBlock(user=user, using=using)
    with transaction.atomic(using=using):
        _blocks.append(block)
        try:
            savepoint = transaction.savepoint(using=using)
            captured = None
            with reversion.create_revision(manage_manually=False, using=using):
                reversion.set_user(_user(user))
                block.start_from(start_from)
                yield block
                if block.pending:
                    captured = block.capture()
            if block.pending:
                transaction.savepoint_rollback(savepoint, using=using)
                block.store(captured)
            elif block.applied is not None and not block.saved:
                transaction.savepoint_rollback(savepoint, using=using)  # the draft was only looked at
            else:
                transaction.savepoint_commit(savepoint, using=using)
                block.finish()
        finally:
            _blocks.remove(block)


def close_request(request: ReviewRequest, *, user, note: str = "", state: str = ReviewState.PUBLISHED) -> None:
    request.state = state
    request.reviewed_by = _user(user)
    request.reviewed_at = timezone.now()
    if note:
        request.change_note = note
    request.save()


def draft_apply(request: ReviewRequest, *, for_publishing: bool) -> models.Model:
    """Write a draft's objects over the stored ones (inside a block's transaction). New rows keep the key they had
    in the draft unless another row took it meanwhile; rows the draft deleted are deleted. Publication fields stay
    as stored. `for_publishing`: lock versions move on from the stored ones (else they are the draft's own, which
    a form opened on the draft carries)."""
    created = {tuple(k) for k in request.created_rows}
    root = None
    for item in serializers.deserialize("json", json.dumps(request.draft), ignorenonexistent=True):
        obj = item.object
        model = type(obj)
        stored = model._base_manager.select_for_update().filter(pk=obj.pk).first()
        if (model._meta.label_lower, obj.pk) in created:
            if stored is not None:
                obj.pk = None  # the key went to another row meanwhile (SQLite reuses rolled-back keys)
                obj._state.adding = True
        elif stored is None:
            continue  # deleted since the draft was saved
        if stored is not None and isinstance(obj, Publishable):
            for name in PUBLICATION_FIELDS:
                setattr(obj, name, getattr(stored, name))
        if for_publishing and stored is not None and hasattr(obj, "lock_version"):
            obj.lock_version = max(obj.lock_version, stored.lock_version) + 1
        obj.save()
        for name, values in (item.m2m_data or {}).items():
            getattr(obj, name).set(values)
        if root is None:
            root = obj
    for label, pk in request.deleted:
        model = _model(label)
        if model is not None:
            for obj in model._base_manager.filter(pk=pk):
                obj.delete()
    return root


def _model(label: str):
    from django.apps import apps

    try:
        return apps.get_model(label)
    except LookupError:
        return None


def request_live_status(request: ReviewRequest) -> str | None:
    obj = request.content_object
    return getattr(obj, "status", None) if obj is not None else None


def is_live(obj) -> bool:
    return isinstance(obj, Publishable) and obj.status == Status.PUBLISHED
