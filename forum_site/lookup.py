"""Finding a public object from URL input: 404 for unknown or draft, 301 for an old slug,
410 for a withdrawn page (rendered by `forum_site.middleware.GoneAndMovedMiddleware`)."""

from django.db import models
from django.http import Http404

from forum_site.models import SlugRedirect
from forum_site.publishing import Status


class Gone(Exception):
    """The object was published once and has been withdrawn: answer 410 and say what was there."""

    def __init__(self, obj):
        super().__init__(str(obj))
        self.obj = obj


class MovedPermanently(Exception):
    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def get_public(queryset: models.QuerySet, **lookup):
    """The published object matching `lookup` in `queryset` (which already applies `.published()`)."""
    obj = queryset.filter(**lookup).first()
    if obj is not None:
        return obj
    model = queryset.model
    # Withdrawn: 410 with what was there, never a hard 404.
    withdrawn = model._default_manager.filter(status=Status.WITHDRAWN, **lookup).first()
    if withdrawn is not None:
        raise Gone(withdrawn)
    slug = lookup.get("slug")
    if slug is not None:
        redirect = SlugRedirect.objects.filter(model_label=model_label(model), old_slug=slug).first()
        if redirect is not None:
            target = queryset.filter(pk=redirect.object_id).first()
            if target is not None:
                raise MovedPermanently(target.get_absolute_url())
    raise Http404(f"No public {model._meta.verbose_name} for {lookup}")
