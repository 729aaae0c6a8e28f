"""Publication status shared by every public model, and visibility: the one place that says what is public.

A thing is public when it is published (if it has a status of its own) and every parent it names in
`PUBLIC_PARENTS` is public — a task needs its document, an edition its series, an appearance its edition
*and* its person; a section, strand or bridge point has no status and is public with its parent. A related
thing (a task's lead, a document's issuer, a figure's source) is shown only if it is public itself.

Every read path asks here, in one of three forms:

- in a query: `Model.objects.published()`, or `published_q(Model, "path")` for a condition through a relation;
  many-valued relations are prefetched with `Prefetch("partners", queryset=Organisation.objects.published())`;
- for one fetched object: `is_public(obj)` / `if_public(obj)` (the object, or None), in templates the filter
  `{{ task.lead|if_public }}` (core/templatetags/site_tags.py). Load the parents it checks with the object
  (`select_related("edition__series")`), so that asking costs no query;
- in a snapshot: `snapshot_data()` names only public related things.
"""

import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    REVIEW = "review", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    WITHDRAWN = "withdrawn", _("Đã gỡ xuất bản")


def _parents(model_or_obj) -> tuple[str, ...]:
    return getattr(model_or_obj, "PUBLIC_PARENTS", ())


def published_q(model: type[models.Model], path: str = "") -> Q:
    """The condition that a `model` row is public; with `path`, through that relation from another model
    (`published_q(Task, "tasks")` on documents)."""
    prefix = f"{path}__" if path else ""
    condition = Q(**{f"{prefix}status": Status.PUBLISHED}) if issubclass(model, Publishable) else Q()
    for name in _parents(model):
        condition &= published_q(model._meta.get_field(name).related_model, f"{prefix}{name}")
    return condition


def is_public(obj) -> bool:
    """Whether the public may see `obj`: it is published and so are its parents (None is not public)."""
    if obj is None:
        return False
    if isinstance(obj, Publishable) and obj.status != Status.PUBLISHED:
        return False
    return all(is_public(getattr(obj, name)) for name in _parents(obj))


def was_public(obj) -> bool:
    """Whether `obj` was published once, with parents that were public at some time too — whatever its state now.
    A thing that was public and is not any more answers 410 (`core.lookup.get_public`); one never public, 404."""
    if obj is None:
        return False
    never = isinstance(obj, Publishable) and obj.first_published_at is None and obj.public_version == 0
    if never and obj.status != Status.WITHDRAWN:
        return False
    return all(is_public(parent) or was_public(parent) for parent in (getattr(obj, n) for n in _parents(obj)))


def edit_root(obj):
    """The publishable thing an edit of `obj` changes: `obj` itself, or for a row that is public with its parent
    (a section, a status update, a strand…) that parent, whose change note, draft and version the edit is part of.
    None for something that is neither (a redirect, a file)."""
    while obj is not None and not isinstance(obj, Publishable):
        parents = _parents(obj)
        if not parents:
            return None
        try:
            obj = getattr(obj, parents[0], None)
        except ObjectDoesNotExist:  # a new row whose parent is not chosen yet
            return None
    return obj


def if_public(obj):
    """`obj` when it is public, else None: a related thing that is not public is never named or linked."""
    return obj if is_public(obj) else None


class PublishableQuerySet(models.QuerySet):
    """The queryset of every model that is public or not: publishable things and the rows public with their
    parent (sections, strands, bridge points, appearances, status updates)."""

    def published(self):
        """What the public may see: published, with every parent public (`published_q`)."""
        return self.filter(published_q(self.model))

    def visible_to(self, previewer):
        """Everything for a staff previewer (drafts shown with a banner), else only published."""
        return self if previewer is not None else self.published()


class LockVersioned(models.Model):
    """Optimistic concurrency: `lock_version` bumps on every save made through the services,
    and a save whose form was opened at an older lock_version is refused."""

    lock_version = models.PositiveIntegerField(_("phiên bản khoá"), default=0, editable=False)

    class Meta:
        abstract = True


class Publishable(LockVersioned):
    # Relations to the parents that must be public too, e.g. ("document",) on a task (see `is_public`).
    PUBLIC_PARENTS: tuple[str, ...] = ()

    status = models.CharField(
        _("trạng thái xuất bản"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    first_published_at = models.DateTimeField(_("xuất bản lần đầu"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Public version: bumps on each publish; version 1 is the loaded content.
    public_version = models.PositiveIntegerField(_("phiên bản công khai"), default=0, editable=False)
    # Fingerprint of the data file's values at the last load; lets the loader tell
    # "unchanged since loaded" (safe to update) from "changed by an editor" (keep).
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    editor_note = models.TextField(
        _("ghi chú cho biên tập viên"),
        blank=True,
        help_text=_("Không hiển thị công khai: nguồn mâu thuẫn, điều cần kiểm tra…"),
    )
    public_note = models.TextField(
        _("ghi chú của ban biên tập (công khai)"),
        blank=True,
        help_text=_(
            "Hiển thị công khai dưới tiêu đề “Ghi chú của ban biên tập”: điều người đọc cần biết về một dữ kiện."
        ),
    )
    public_note_en = models.TextField(_("ghi chú của ban biên tập (tiếng Anh)"), blank=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def snapshot_data(self) -> dict:
        """The editable field values as JSON-ready data, for an immutable published version."""
        values = {
            field.attname: field.value_from_object(self)
            for field in self._meta.concrete_fields
            if field.editable and field.attname not in {"editor_note", "status"}
        }
        return json.loads(json.dumps(values, cls=DjangoJSONEncoder))

    def parent_change_note(self, note: str) -> str:
        """The note of the version this thing's change makes of its `VERSIONED_PARENT` (a task's document)."""
        return f"{self}: {note}"

    @property
    def is_published(self) -> bool:
        """Its own status only; whether the public may see it is `is_public(obj)`."""
        return self.status == Status.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN
