"""Which sources give which field: `field_sources` on records whose sources do not all give every field.

A record lists its sources (a `sources` many-to-many); `field_sources` maps a field name to the keys of the sources
among them that give that field ({"venue": ["s8"]}). Pages show those sources beside the field.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from core.publishing import is_public


class FieldSources(models.Model):
    field_sources = models.JSONField(
        _("nguồn theo từng trường"),
        default=dict,
        blank=True,
        help_text=_('Mã nguồn của từng trường khi không phải mọi nguồn đều nêu trường đó, ví dụ {"venue": ["s8"]}.'),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        problems = field_sources_problems(self, self.field_sources)
        if problems:
            raise ValidationError({"field_sources": problems})

    def sources_of(self, field: str) -> list:
        """The published sources that give `field`, in the order written (uses a prefetched `sources`)."""
        keys = (self.field_sources or {}).get(field) or []
        if not keys:
            return []
        by_key = {source.key: source for source in self.public_sources()}
        return [by_key[key] for key in keys if key in by_key]

    def public_sources(self) -> list:
        """Every published source of the record, in the sources' order: the page's "Nguồn" list and `sources_of()`
        share one query (the published ones, prefetched on first use, so a page whose blocks come from the fragment
        cache loads none)."""
        if "sources" not in getattr(self, "_prefetched_objects_cache", {}):
            published = self._meta.get_field("sources").related_model.objects.for_refs()
            prefetch_related_objects([self], Prefetch("sources", queryset=published))
        return [source for source in self.sources.all() if is_public(source)]  # a caller may prefetch them all


def field_sources_problems(obj, mapping) -> list[str]:
    """What is wrong with a `field_sources` mapping: not a table of lists, or naming a field the model lacks."""
    if not isinstance(mapping, dict):
        return [str(_("Cần một bảng: tên trường → danh sách mã nguồn."))]
    names = {f.name for f in obj._meta.get_fields()}
    problems = []
    for name, keys in mapping.items():
        if name not in names:
            problems.append(str(_("Không có trường %(name)s.") % {"name": name}))
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            problems.append(str(_("Trường %(name)s: cần một danh sách mã nguồn.") % {"name": name}))
    return problems
