"""The search index: one row per published thing, plus its facet values and the vocabulary.

The rows hold precomputed text; each engine adds its own structures over them in migrations
(`search/schema.py`): an FTS5 table kept in step by triggers on SQLite, generated
tsvector columns with GIN indexes on PostgreSQL. Nothing here is edited by hand: `index.py`
writes the rows whenever content changes, and `rebuild_search_index` rewrites them all.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("loại"), max_length=30, db_index=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    subtitle = models.CharField(_("dòng phụ"), max_length=500, blank=True)
    url = models.CharField(_("địa chỉ"), max_length=500)
    year = models.PositiveIntegerField(_("năm"), null=True, blank=True, db_index=True)
    # Shown in snippets: NFC, one tone-placement habit, whitespace collapsed.
    body = models.TextField(_("nội dung"), blank=True)
    # Folded copies (core.text.fold_aligned): lower case, no diacritics, đ → d, anything not a letter or digit
    # a space. The title's is compact ("bo khoa hoc va cong nghe"); the body's keeps every character's
    # position (as long as `body`), so that a highlight in it can be put back on the original.
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    # Searchable but never shown: other names, abbreviations and expansions, document-number forms.
    keywords_folded = models.TextField(blank=True)
    # Lower case with diacritics kept: a match that agrees on diacritics ranks higher.
    exact = models.TextField(blank=True)
    # The thing's names as single words ("phamminhchinh", "4tbvpcp", "khcn"): typing one of them exactly
    # puts the thing itself above everything that merely mentions it.
    identifiers = models.TextField(blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_entry")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchFacet(models.Model):
    """A many-valued facet of an entry: the topics and organisations it belongs to."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=120)
    label = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("giá trị lọc tìm kiếm")
        verbose_name_plural = _("giá trị lọc tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["entry", "name", "value"], name="unique_search_facet")]
        indexes = [models.Index(fields=["name", "value"], name="search_facet_name_value")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchTerm(models.Model):
    """A folded word seen in the index: the vocabulary typo correction looks in (trigrams)."""

    term = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = _("từ trong chỉ mục")
        verbose_name_plural = _("từ trong chỉ mục")

    def __str__(self) -> str:
        return self.term
