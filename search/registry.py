"""The registry apps fill: what is searchable, how each thing reads to search, and what else to reindex
when something changes.

The ground floor knows no app. Each app registers its models in its `search.py`, imported from its
`AppConfig.ready()`:

    registry.register(SearchSpec(model=Topic, kind="topic", label=_("Chủ đề"), queryset=..., build=...))
    registry.depends(Appearance, lambda appearance: [Person.objects.filter(pk=appearance.person_id)])
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class SearchDocument:
    """How one thing reads to search. `body` is shown in snippets; `keywords` are searched, never shown;
    `names` are other names of the thing itself (short name, other names, a document's number): the title
    and these, typed exactly, rank the thing first."""

    title: str
    url: str
    body: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    subtitle: str = ""
    year: int | None = None
    topics: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    organisations: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)


@dataclass
class SearchSpec:
    model: type[models.Model]
    kind: str  # a short code: "task", "document"…
    label: Any  # the kind's name, a lazy translation: "Nhiệm vụ"
    # Everything public of this model (it and its parents published), with what build() reads prefetched.
    queryset: Callable[[], models.QuerySet]
    build: Callable[[Any], SearchDocument]
    order: int = 100  # position of the kind in facet lists
    featured: bool = False  # listed on the search page before anything is typed (topics)


Affected = Iterable[models.Model | models.QuerySet]


class Registry:
    def __init__(self) -> None:
        self._specs: dict[type[models.Model], SearchSpec] = {}
        self._depends: dict[type[models.Model], list[Callable[[Any], Affected]]] = {}
        self._listeners: list[Callable[[type[models.Model]], None]] = []

    def add_listener(self, listener: Callable[[type[models.Model]], None]) -> None:
        """Call `listener(model)` for every model registered or depended on, now and later (index upkeep)."""
        self._listeners.append(listener)
        for model in self.watched_models():
            listener(model)

    def _notify(self, model: type[models.Model]) -> None:
        for listener in self._listeners:
            listener(model)

    def register(self, spec: SearchSpec) -> None:
        self._specs[spec.model] = spec
        self._notify(spec.model)

    def depends(self, model: type[models.Model], affected: Callable[[Any], Affected]) -> None:
        """When an instance of `model` is saved, deleted or has its many-to-many changed, reindex what
        `affected(instance)` returns (instances or querysets of registered models). Not recursive: list
        everything whose visibility or text depends on the instance (a series → its editions *and* their
        strands). The callable must cope with a deleted instance (use ids, not related objects)."""
        self._depends.setdefault(model, []).append(affected)
        self._notify(model)

    def spec_for(self, model: type[models.Model]) -> SearchSpec | None:
        return self._specs.get(model)

    def specs(self) -> list[SearchSpec]:
        return sorted(self._specs.values(), key=lambda spec: (spec.order, spec.kind))

    def dependents(self, instance: models.Model) -> list[models.Model | models.QuerySet]:
        out: list[models.Model | models.QuerySet] = []
        for affected in self._depends.get(type(instance), []):
            out.extend(affected(instance))
        return out

    def watched_models(self) -> set[type[models.Model]]:
        return set(self._specs) | set(self._depends)

    def kind_labels(self) -> dict[str, Any]:
        return {spec.kind: spec.label for spec in self.specs()}


registry = Registry()
