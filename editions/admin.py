"""Admin for series, editions and what they hold; people, organisations, topics, sources, figures."""

from django.contrib import admin

from core.admin import (
    COMPACT_TEXT,
    AttachmentInline,
    ImmutableFieldsAdmin,
    LockedInlineMixin,
    PublishableAdmin,
    SystemFieldsAdmin,
    restrict_choices,
)
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)


def _bridge_point_label(point: BridgePoint) -> str:
    return f"{point.edition} — {point.name}"


# Inlines of an edition -------------------------------------------------------------------------------------------


class StrandInline(LockedInlineMixin, admin.TabularInline):
    model = Strand
    fields = ("order", "title", "description", "topics", "sources")
    autocomplete_fields = ("topics", "sources")
    ordering = ("order",)
    formfield_overrides = COMPACT_TEXT
    extra = 0


class BridgePointInline(LockedInlineMixin, admin.TabularInline):
    model = BridgePoint
    fields = ("order", "name", "host", "description")
    autocomplete_fields = ("host",)
    ordering = ("order",)
    formfield_overrides = COMPACT_TEXT
    extra = 0
    show_change_link = True  # sources are edited on the bridge point's own page


class AppearanceInline(LockedInlineMixin, admin.TabularInline):
    """People in protocol order (`order`), one row per role."""

    model = Appearance
    fields = ("order", "person", "title", "organisation", "part", "bridge_point", "note")
    autocomplete_fields = ("person", "organisation")
    ordering = ("order", "id")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    show_change_link = True  # sources are edited on the appearance's own page

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this edition's bridge points (none yet on the add form).
        points = BridgePoint.objects.filter(edition=obj) if obj is not None else BridgePoint.objects.none()
        restrict_choices(formset.form, "bridge_point", points.order_by("order"))
        return formset


# Things that have their own pages --------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(PublishableAdmin, ImmutableFieldsAdmin, admin.ModelAdmin):
    list_display = ("key", "title", "kind", "publisher", "published_at", "date_text", "order", "status")
    list_display_links = ("key", "title")
    list_filter = ("kind", "publisher")
    search_fields = ("key", "title", "author", "publisher", "url", "summary")
    immutable_fields = ("key",)


@admin.register(Topic)
class TopicAdmin(PublishableAdmin, admin.ModelAdmin):
    list_display = ("name", "slug", "order", "status")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organisation)
class OrganisationAdmin(PublishableAdmin, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "protocol_order", "status")
    list_filter = ("kind", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("name", "short_name", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "sources")


@admin.register(Person)
class PersonAdmin(PublishableAdmin, admin.ModelAdmin):
    list_display = ("name", "slug", "status")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("sources",)


@admin.register(Series)
class SeriesAdmin(PublishableAdmin, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "organiser", "founded_year", "frequency", "order", "status")
    list_filter = ("kind",)
    list_select_related = ("organiser",)
    search_fields = ("name", "short_name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organiser", "topics", "sources")


@admin.register(Edition)
class EditionAdmin(PublishableAdmin, admin.ModelAdmin):
    list_display = ("__str__", "series", "year", "number", "date_text", "start_date", "venue", "status")
    list_filter = ("series", "series__kind", "year_inferred")
    list_select_related = ("series",)
    search_fields = ("name", "theme", "series__name", "series__short_name", "venue", "year")
    autocomplete_fields = ("series", "organiser", "topics", "sources")
    inlines = (StrandInline, AppearanceInline, BridgePointInline, AttachmentInline)

    def get_queryset(self, request):
        # `str(edition)` reads the series: autocomplete answers and changelists stay one query.
        return super().get_queryset(request).select_related("series")


@admin.register(Programme)
class ProgrammeAdmin(PublishableAdmin, admin.ModelAdmin):
    list_display = ("name", "edition", "status")
    list_filter = ("edition",)
    list_select_related = ("edition__series",)
    search_fields = ("name", "other_names", "slug", "description", "edition__series__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("edition", "topics", "sources")


@admin.register(KeyFigure)
class KeyFigureAdmin(PublishableAdmin, ImmutableFieldsAdmin, admin.ModelAdmin):
    list_display = ("key", "label", "text_as_written", "source", "edition", "as_of_date", "as_of_text", "status")
    list_display_links = ("key", "label")
    list_filter = (("source", admin.RelatedOnlyFieldListFilter), ("edition", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("source", "edition__series")
    search_fields = ("key", "label", "text_as_written", "unit", "note", "source__title")
    prepopulated_fields = {"key": ("label",)}  # on the add form only: the key is then fixed
    autocomplete_fields = ("source", "edition", "topics")
    immutable_fields = ("key",)


# Parts of an edition, also listed on their own --------------------------------------------------------------------


@admin.register(Strand)
class StrandAdmin(SystemFieldsAdmin, admin.ModelAdmin):
    list_display = ("title", "edition", "order")
    list_filter = (("edition", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("edition__series",)
    search_fields = ("title", "description", "edition__series__name")
    autocomplete_fields = ("edition", "topics", "sources")


@admin.register(BridgePoint)
class BridgePointAdmin(SystemFieldsAdmin, admin.ModelAdmin):
    list_display = ("name", "edition", "host", "order")
    list_filter = (("edition", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("edition__series", "host")
    search_fields = ("name", "description", "host__name", "host__short_name")
    autocomplete_fields = ("edition", "host", "sources", "topics")


@admin.register(Appearance)
class AppearanceAdmin(SystemFieldsAdmin, admin.ModelAdmin):
    list_display = ("person", "title", "organisation", "part", "edition", "bridge_point", "order")
    list_display_links = ("person", "title")
    list_filter = ("part", ("edition", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("person", "organisation", "edition__series", "bridge_point")
    search_fields = ("person__name", "title", "organisation__name", "organisation__short_name", "note")
    autocomplete_fields = ("edition", "person", "organisation", "sources")
    ordering = ("edition", "order", "id")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        points = BridgePoint.objects.select_related("edition__series").order_by("edition", "order")
        if obj is not None:
            points = points.filter(edition=obj.edition_id)
        restrict_choices(form, "bridge_point", points, label=_bridge_point_label)
        return form
