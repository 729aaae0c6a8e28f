"""The one extension mechanism: each app declares its content types, the ground floor discovers them.

A content type takes part in the site's shared machinery by being declared once, in its own app's
`content_types.py` (the ground floor's own in `core/content_types.py`):

    declare(
        Edition,
        search=search.EDITION,  # search.registry.SearchSpec: searchable
        citation=Citation(citations.edition_citable, citations.edition_download_url),  # citable
        sitemap=SitemapSection("ky", lambda: Edition.objects.published().order_by("pk")),  # in sitemap.xml
        json_ld=structured_data.edition,  # described in JSON-LD on its page
    )

Every declared model is editorial content (`publishable=True`, the default): the roles give editors
view/add/change/delete on it and the site-wide publish/preview permissions cover it (core/roles.py,
synced after every migrate). The facets are optional; a model without a status of its own (a section,
a strand) is declared for its permissions and is public with its parent.

`CoreConfig.ready()` imports every app's `content_types` module (`autodiscover_modules`, as the admin
does with `admin.py`). The readers ask here, never a hand-kept list: `core.roles`, `core.citations`,
`search.registry` (and through it the index and the search page), forum_site's sitemap and JSON-LD.

The ground floor imports no app: it stores what the apps give it and does not look inside the search
facet (a `search.registry.SearchSpec`, one floor up).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import autodiscover_modules

DECLARATIONS_MODULE = "content_types"


@dataclass(frozen=True)
class Citation:
    """How to cite one thing (`to_citable(obj)` → `core.citations.Citable`) and where its citation files are
    (`download_url(obj, fmt)`, or None when the page offers no downloads)."""

    to_citable: Callable[[Any], Any]
    download_url: Callable[[Any, str], str] | None = None


@dataclass(frozen=True)
class SitemapSection:
    """One section of sitemap.xml (`/sitemap-<name>.xml`): `items()` returns every public thing, ordered."""

    name: str
    items: Callable[[], models.QuerySet]


@dataclass(frozen=True)
class ContentType:
    """What one model takes part in. Not Django's `contenttypes.ContentType` (a database row per model)."""

    model: type[models.Model]
    publishable: bool = True
    search: Any = None  # search.registry.SearchSpec
    citation: Citation | None = None
    sitemap: SitemapSection | None = None
    json_ld: Callable[[Any], dict | None] | None = None  # the schema.org object of one thing, or None


class Registry:
    def __init__(self) -> None:
        self._declared: dict[type[models.Model], ContentType] = {}
        self._discovered = False

    def autodiscover(self) -> None:
        """Import every installed app's `content_types` module once (CoreConfig.ready(), or the first read)."""
        if not self._discovered:
            self._discovered = True
            autodiscover_modules(DECLARATIONS_MODULE)

    def declare(self, model: type[models.Model], **facets) -> ContentType:
        if model in self._declared:
            raise ImproperlyConfigured(f"{model._meta.label} is declared twice as a content type")
        self._declared[model] = declared = ContentType(model, **facets)
        return declared

    def remove(self, model: type[models.Model]) -> None:
        """Forget a declaration (tests that declare a model of their own put things back with it)."""
        del self._declared[model]

    def __iter__(self) -> Iterator[ContentType]:
        """Every declaration, apps in INSTALLED_APPS order and each app's in the order it declares them."""
        self.autodiscover()
        return iter(list(self._declared.values()))

    def get(self, model_or_obj) -> ContentType | None:
        """The declaration of a model or of an instance's model (or of its nearest declared parent class)."""
        self.autodiscover()
        model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
        return next((self._declared[cls] for cls in model.__mro__ if cls in self._declared), None)

    def publishable_models(self) -> list[type[models.Model]]:
        return [declared.model for declared in self if declared.publishable]


content_types = Registry()
declare = content_types.declare
