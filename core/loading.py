"""Loading content files idempotently: natural keys and fingerprints (ground floor: knows no app).

How `ContentLoader.load()` treats one record:

- It is found by its natural key (a source's key, a topic's slug, an edition's series and year…). A slug that an
  editor changed in the admin is still found, through the redirect its old slug left behind.
- Its *state* is the canonical form of every value the loader manages for it: fields (text with one newline style,
  NFC, no surrounding blanks, as the admin would save it), foreign keys as ids, many-to-many as sorted ids, child
  rows (below) and its publication status. `loaded_fingerprint` stores the SHA-256 of the state as loaded.
- Missing: created from the file and published; its fingerprint is stored.
- Current state equal to the file's: unchanged, nothing is written (no `updated_at` bump, no new version).
- Current state still hashing to the stored fingerprint: nobody touched it since it was loaded, so it is updated from
  the corrected file (fields, many-to-many, child rows), `lock_version` is bumped and the new fingerprint stored.
- Otherwise an editor changed it (or made it before any load): it is kept as it is and reported with the parts that
  differ from the file.

Child rows that have no fingerprint of their own (an edition's strands, bridge points and appearances; a document's
sections) are part of their parent's state. That is the choice for them: an editor's change to one strand keeps the
whole edition as the editor left it (and reports it), while a corrected file rewrites the children whenever the parent
and all its children are still as loaded. Children are matched by their key within the parent (order, number);
children that the corrected file no longer has are then deleted, since the fingerprint proves they came from an
earlier file. Rows that are history rather than content (a task's status updates) belong to no fingerprint: the
caller adds the first one when the task is created and never touches them again.

English texts (`*_en` fields) come from the overlay files `content/en/*.toml`, merged into the Vietnamese rows before
they reach the loader (`core/overlay.py`): they are part of a record's state like any other field.

Documents and tasks are versioned: `finish()` stores their public version (version 1 = the loaded content; a
correction from the file adds one), after all rows are loaded so a document's snapshot holds its sections and tasks.
"""

import datetime
import json
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.fingerprints import fingerprint, matches_loaded
from core.models import SlugRedirect
from core.publishing import Publishable, Status
from core.workflow import snapshot

CREATED, UPDATED, UNCHANGED, KEPT, REMOVED = "created", "updated", "unchanged", "kept", "removed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, KEPT, REMOVED)
OUTCOME_LABELS = {
    CREATED: "tạo mới",
    UPDATED: "cập nhật",
    UNCHANGED: "không đổi",
    KEPT: "giữ nguyên vì đã được biên tập",
    REMOVED: "xoá (không còn trong tệp)",
}
PUBLIC_NOTE_CREATED = "Xuất bản lần đầu"
PUBLIC_NOTE_UPDATED = "Ban biên tập cập nhật nội dung theo nguồn"
_MISSING = "<chưa có>"  # a sibling reference not (yet) in the database: never equal to a stored value


class ContentError(Exception):
    """A content file is malformed or refers to something that does not exist."""


def read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ContentError(f"Không tìm thấy tệp nội dung {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: {exc}") from exc


def check_keys(row: dict, where: str, required: tuple = (), optional: tuple = ()) -> dict:
    """Refuse a record with a missing required key or a key the loader does not know (a typo would be lost)."""
    if not isinstance(row, dict):
        raise ContentError(f"{where}: cần một bảng TOML, không phải {type(row).__name__}")
    missing = [key for key in required if key not in row]
    unknown = sorted(set(row) - set(required) - set(optional))
    if missing or unknown:
        raise ContentError(f"{where}: thiếu {missing or '—'}; khoá không dùng được {unknown or '—'}")
    return row


def table_rows(path: Path, table: str, others: tuple = ()) -> list[tuple[str, dict]]:
    """The records of one array of tables, each with a "file [table] #n" label for error messages."""
    data = read_toml(path)
    check_keys(data, path.name, optional=(table, *others))
    rows = data.get(table, [])
    if not isinstance(rows, list):
        raise ContentError(f"{path.name}: [[{table}]] phải là một mảng bảng")
    return [(f"{path.name} [[{table}]] #{n}", row) for n, row in enumerate(rows, 1)]


def field_values(model, row: dict, names: tuple) -> dict:
    """The row's value for each field, or the field's default when the file leaves it out."""
    return {name: row[name] if name in row else model._meta.get_field(name).get_default() for name in names}


def to_decimal(value, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ContentError(f"{where}: {value!r} không phải là số") from exc


def clean_text(value):
    """Text as the admin saves it: NFC, one newline style, no surrounding blanks."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    return value


def canonical(model_field: models.Field, value):
    """One JSON-ready form per value, equal for the file's value and the value read back from the database."""
    if isinstance(value, models.Model):
        value = value.pk if value.pk is not None else _MISSING
    if value is None or value == _MISSING:
        return value
    if isinstance(model_field, models.DecimalField):
        return format(Decimal(value).quantize(Decimal(1).scaleb(-model_field.decimal_places)), "f")
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return clean_text(value)


@dataclass(frozen=True)
class Ref:
    """A sibling child row of the same parent: an appearance's bridge point is `Ref.to("bridge_points", order=1)`."""

    related_name: str
    lookup: tuple

    @classmethod
    def to(cls, related_name: str, **lookup) -> "Ref":
        return cls(related_name, tuple(sorted(lookup.items())))


@dataclass
class Row:
    values: dict
    m2m: dict = field(default_factory=dict)


@dataclass
class Children:
    """The child rows under `related_name`, matched by `key` (field names within the parent). Every row gives
    exactly `fields` and `m2m`, so that the state of the file and of the database cover the same things."""

    related_name: str
    key: tuple[str, ...]
    fields: tuple[str, ...]
    rows: list[Row]
    m2m: tuple[str, ...] = ()


@dataclass
class Kept:
    model: type
    natural_key: str
    title: str
    differing: list[str]


@dataclass
class LoadReport:
    counts: dict = field(default_factory=dict)  # model → Counter of outcomes, in first-seen order
    kept: list[Kept] = field(default_factory=list)

    def add(self, model, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(model, Counter())[outcome] += n

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self) -> list[str]:
        out = []
        for model, counter in self.counts.items():
            parts = [f"{OUTCOME_LABELS[o]} {counter[o]}" for o in OUTCOMES if counter[o]]
            out.append(f"  {model._meta.verbose_name_plural} ({model.__name__}): " + ", ".join(parts))
        out.append("Tổng: " + " · ".join(f"{OUTCOME_LABELS[o]} {self.total(o)}" for o in OUTCOMES))
        if self.kept:
            out.append("Giữ nguyên vì biên tập viên đã sửa (khác tệp ở các phần nêu sau dấu hai chấm):")
            for kept in self.kept:
                label = f"{kept.model._meta.verbose_name} {kept.natural_key}"
                out.append(f"  - {label} «{kept.title}»: {', '.join(kept.differing)}")
        return out


def _model_field(model, name: str):
    return model._meta.get_field(name)


def _registry_key(model, lookup: dict) -> tuple:
    return model, tuple(sorted((name, canonical(_model_field(model, name), v)) for name, v in lookup.items()))


def _m2m_ids(obj: models.Model, name: str) -> list:
    return sorted(getattr(obj, name).values_list("pk", flat=True))


class ContentLoader:
    """Loads records one by one (see the module's docstring); the caller wraps the whole load in a transaction."""

    def __init__(self) -> None:
        self.report = LoadReport()
        self._registry: dict = {}
        self._outcomes: dict = {}
        self._versioned: list = []

    # Finding -------------------------------------------------------------------------------------------------
    def find(self, model, **lookup):
        """The record loaded in this run under that natural key, else the stored one (following slug redirects)."""
        registry_key = _registry_key(model, lookup)
        if registry_key in self._registry:
            return self._registry[registry_key]
        obj = model._default_manager.filter(**lookup).first()
        if obj is None and getattr(model, "SLUG_REDIRECTS", False) and set(lookup) == {"slug"}:
            old = SlugRedirect.objects.filter(model_label=model._meta.label_lower, old_slug=lookup["slug"]).first()
            obj = model._default_manager.filter(pk=old.object_id).first() if old else None
        return obj

    def get(self, model, where: str, **lookup):
        obj = self.find(model, **lookup)
        if obj is None:
            wanted = ", ".join(f"{k}={v}" for k, v in lookup.items())
            raise ContentError(f"{where}: không có {model._meta.verbose_name} {wanted}")
        return obj

    def outcome(self, obj) -> str | None:
        return self._outcomes.get((type(obj), obj.pk))

    # States ---------------------------------------------------------------------------------------------------
    def _row_state(self, model, values: dict, m2m: dict, parent=None) -> dict:
        state = {}
        for name, value in values.items():
            if isinstance(value, Ref):
                value = getattr(parent, value.related_name).filter(**dict(value.lookup)).first() or _MISSING
            state[name] = canonical(_model_field(model, name), value)
        for name, objs in m2m.items():
            state[name] = sorted(o.pk for o in objs)
        return state

    def _stored_state(self, obj, names, m2m_names) -> dict:
        fields = [_model_field(type(obj), name) for name in names]
        state = {f.name: canonical(f, getattr(obj, f.attname)) for f in fields}
        state.update({name: _m2m_ids(obj, name) for name in m2m_names})
        return state

    @staticmethod
    def _children_list(states: list[dict], key: tuple) -> list[dict]:
        return sorted(states, key=lambda s: json.dumps([s[k] for k in key], ensure_ascii=False))

    def _state(self, obj, values: dict, m2m: dict, children: list[Children]) -> dict:
        state = self._stored_state(obj, values, m2m)
        for spec in children:
            rows = [self._stored_state(child, spec.fields, spec.m2m) for child in getattr(obj, spec.related_name).all()]
            state[spec.related_name] = self._children_list(rows, spec.key)
        return state

    def _wanted(self, obj, values: dict, m2m: dict, children: list[Children]) -> dict:
        state = self._row_state(type(obj), values, m2m)
        for spec in children:
            child_model = _model_field(type(obj), spec.related_name).related_model
            rows = [self._row_state(child_model, row.values, row.m2m, parent=obj) for row in spec.rows]
            state[spec.related_name] = self._children_list(rows, spec.key)
        return state

    # Writing --------------------------------------------------------------------------------------------------
    @staticmethod
    def _validate(obj, where: str) -> None:
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ContentError(f"{where}: {exc.message_dict}") from exc

    def _write(self, obj, values: dict, m2m: dict, where: str, parent=None) -> None:
        for name, value in values.items():
            if isinstance(value, Ref):
                value = getattr(parent, value.related_name).filter(**dict(value.lookup)).first()
            setattr(obj, name, clean_text(value))
        if obj.pk is not None:
            obj.lock_version += 1
        if isinstance(obj, Publishable) and obj.status == Status.PUBLISHED and obj.first_published_at is None:
            obj.first_published_at = timezone.now()
        self._validate(obj, where)
        obj.save()
        for name, objs in m2m.items():
            getattr(obj, name).set(objs)

    def _sync_children(self, parent, spec: Children, where: str) -> None:
        relation = _model_field(type(parent), spec.related_name)
        child_model, parent_field = relation.related_model, relation.field.name
        stored = {}
        for child in getattr(parent, spec.related_name).all():
            stored.setdefault(json.dumps(self._stored_state(child, spec.key, ())), child)
        seen = set()
        for row in spec.rows:
            row_key = json.dumps(self._row_state(child_model, {k: row.values[k] for k in spec.key}, {}))
            seen.add(row_key)
            child = stored.get(row_key)
            label = f"{where} › {child_model._meta.verbose_name} {row_key}"
            if child is None:
                self._write(child_model(**{parent_field: parent}), row.values, row.m2m, label, parent)
                self.report.add(child_model, CREATED)
            elif self._stored_state(child, spec.fields, spec.m2m) != self._row_state(
                child_model, row.values, row.m2m, parent
            ):
                self._write(child, row.values, row.m2m, label, parent)
                self.report.add(child_model, UPDATED)
            else:
                self.report.add(child_model, UNCHANGED)
        for row_key, child in stored.items():
            if row_key not in seen:
                child.delete()
                self.report.add(child_model, REMOVED)

    def load(self, model, *, key: tuple[str, ...], values: dict, m2m: dict | None = None, children=(), where=""):
        """Create, update, leave or keep one record (see the module's docstring); returns the stored record."""
        m2m, children = m2m or {}, list(children)
        values = {name: clean_text(value) for name, value in values.items()}
        if issubclass(model, Publishable):
            values["status"] = Status.PUBLISHED
        lookup = {name: values[name] for name in key}
        where = where or f"{model._meta.verbose_name} {lookup}"
        self.report.counts.setdefault(model, Counter())  # parents listed before their children
        obj = self.find(model, **lookup)
        if obj is None:
            obj = model()
            self._write(obj, values, m2m, where)
            for spec in children:
                self._sync_children(obj, spec, where)
            outcome = CREATED
        else:
            current, wanted = self._state(obj, values, m2m, children), self._wanted(obj, values, m2m, children)
            if current == wanted:
                outcome = UNCHANGED
                for spec in children:
                    self.report.add(_model_field(model, spec.related_name).related_model, UNCHANGED, len(spec.rows))
            elif matches_loaded(current, obj.loaded_fingerprint):
                self._write(obj, values, m2m, where)
                for spec in children:
                    self._sync_children(obj, spec, where)
                outcome = UPDATED
            else:
                outcome = KEPT
                differing = [self._label(model, name) for name in wanted if wanted[name] != current.get(name)]
                self.report.kept.append(Kept(model, self._key_text(lookup), str(obj), differing))
                for spec in children:
                    self.report.add(_model_field(model, spec.related_name).related_model, KEPT, len(spec.rows))
        if outcome != KEPT:
            # Unchanged: adopts the file's fingerprint if the record already matched it (e.g. made before any load).
            state = current if outcome == UNCHANGED else self._state(obj, values, m2m, children)
            new_print = fingerprint(state)
            if obj.loaded_fingerprint != new_print:  # a plain UPDATE: updated_at stays as it is
                model._default_manager.filter(pk=obj.pk).update(loaded_fingerprint=new_print)
                obj.loaded_fingerprint = new_print
        if outcome in {CREATED, UPDATED} and getattr(model, "VERSIONED", False):
            self._versioned.append((obj, outcome))
        self.report.add(model, outcome)
        self._outcomes[(model, obj.pk)] = outcome
        self._registry[_registry_key(model, lookup)] = obj
        return obj

    @staticmethod
    def _label(model, name: str) -> str:
        model_field = _model_field(model, name)
        if model_field.one_to_many:
            return str(model_field.related_model._meta.verbose_name_plural)
        return str(model_field.verbose_name)

    @staticmethod
    def _key_text(lookup: dict) -> str:
        """Related records by their own slug or key: "dien-dan/2025", "ha-tang-so"."""
        parts = []
        for value in lookup.values():
            if isinstance(value, models.Model):
                value = getattr(value, "slug", None) or getattr(value, "key", None) or value.pk
            parts.append(str(value))
        return "/".join(parts)

    def finish(self) -> None:
        """Store the public version of each versioned record created or corrected in this run."""
        notes = {CREATED: PUBLIC_NOTE_CREATED, UPDATED: PUBLIC_NOTE_UPDATED}  # shown to readers: no loader jargon
        for obj, outcome in self._versioned:
            obj.refresh_from_db()
            snapshot(obj=obj, change_note=notes[outcome], major=outcome == CREATED)
        self._versioned.clear()
