"""Search that ignores diacritics and đ in the database, for the admin's search boxes and autocompletes.

`field__fcontains=fold(term)` compares the field folded the way `core.text.fold` folds (lower case, no diacritics,
đ → d) with a folded term, on both databases: SQLite through the `fold_vi` function registered on every connection
(it calls `core.text.fold` itself), PostgreSQL through `lower(unaccent(translate(…, 'đĐ', 'dD')))` (the unaccent
extension, created by core's migration 0003). "nganh nghe" finds "ngành nghề", "dang" finds "Đảng".
"""

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import Lookup

from core.text import fold


class FoldedContains(Lookup):
    lookup_name = "fcontains"

    def process_rhs(self, compiler, connection):
        sql, params = super().process_rhs(compiler, connection)
        return sql, [f"%{connection.ops.prep_for_like_query(fold(str(p)))}%" for p in params]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            folded = f"lower(unaccent(translate(({lhs})::text, 'đĐðÐ', 'dDdD')))"
        else:
            folded = f"fold_vi({lhs})"
        return f"{folded} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


def _fold_or_empty(value) -> str:
    return fold(str(value)) if value is not None else ""


def _register_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("fold_vi", 1, _fold_or_empty, deterministic=True)


def connect() -> None:
    models.CharField.register_lookup(FoldedContains)
    models.TextField.register_lookup(FoldedContains)
    connection_created.connect(_register_sqlite, dispatch_uid="core.folding.sqlite")
    from django.db import connections

    for connection in connections.all(initialized_only=True):  # connections opened before ready()
        if connection.connection is not None:
            _register_sqlite(None, connection)


def search_condition(model, fields, term: str) -> models.Q:
    """One search word against the admin's `search_fields`: each folded, and a number also as the thing's own
    number ("7" finds task 7)."""
    condition = models.Q()
    for name in fields:
        condition |= models.Q(**{f"{name.lstrip('^=@')}__fcontains": term})
    number = model._meta._forward_fields_map.get("number")
    if term.isdigit() and isinstance(number, models.IntegerField) and len(term) < 10:
        condition |= models.Q(number=int(term))
    return condition
