"""What is searchable, how each thing reads to search, and what else to reindex when something changes.

An app declares a model searchable in its `content_types.py` (core/registry.py, the one extension mechanism):

    declare(Topic, search=SearchSpec("topic", _("Chủ đề"), Topic.objects.published, build_topic))

and this module reads the declarations: `registry.specs()` for the index and the search page,
`registry.dependents(instance)` for what a change reindexes (each spec's `follows`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from core.registry import content_types


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
    kind: str  # a short code: "task", "document"…
    label: Any  # the kind's name, a lazy translation: "Nhiệm vụ"
    # Everything public of this model (it and its parents published), with what build() reads prefetched.
    queryset: Callable[[], models.QuerySet]
    build: Callable[[Any], SearchDocument]
    order: int = 100  # position of the kind in facet lists
    featured: bool = False  # listed on the search page before anything is typed (topics)
    # {OtherModel: lambda other: <this model's rows whose text or visibility depend on `other`>}: when an instance
    # of OtherModel is saved, deleted or has its many-to-many changed, those rows are reindexed. Not recursive:
    # list everything (a series → its editions *and* their strands). Must cope with a deleted instance (use ids).
    follows: dict[type[models.Model], Callable[[Any], models.QuerySet]] = field(default_factory=dict)


class Registry:
    """The search facet of the declared content types (core/registry.py)."""

    def items(self) -> list[tuple[type[models.Model], SearchSpec]]:
        """(model, spec) of every searchable content type, in facet order."""
        pairs = [(declared.model, declared.search) for declared in content_types if declared.search is not None]
        return sorted(pairs, key=lambda pair: (pair[1].order, pair[1].kind))

    def specs(self) -> list[SearchSpec]:
        return [spec for _model, spec in self.items()]

    def spec_for(self, model: type[models.Model]) -> SearchSpec | None:
        declared = content_types.get(model)
        return declared.search if declared is not None else None

    def dependents(self, instance: models.Model) -> list[models.QuerySet]:
        """What the searchable content types follow of `instance`: the rows to reindex with it."""
        return [spec.follows[type(instance)](instance) for spec in self.specs() if type(instance) in spec.follows]

    def watched_models(self) -> set[type[models.Model]]:
        """The searchable models and every model one of them follows: the index listens to their writes."""
        return {model for model, _spec in self.items()} | {
            followed for spec in self.specs() for followed in spec.follows
        }

    def kind_labels(self) -> dict[str, Any]:
        return {spec.kind: spec.label for spec in self.specs()}


registry = Registry()
