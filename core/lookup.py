"""Finding a public object from URL input: 404 for unknown or draft, 301 for an old slug,
410 for a withdrawn page (rendered by `forum_site.middleware.GoneAndMovedMiddleware`)."""

from django.conf import settings
from django.db import models
from django.http import Http404

from core.models import SlugRedirect
from core.publishing import Status


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


PREVIEW_PERMISSION = "core.preview_content"


def previewer(request):
    """The signed-in staff member who may preview drafts, or None.

    Anonymous requests carry no session cookie: the session is then not even read, so public
    pages stay free of `Vary: Cookie` and cacheable."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff and user.has_perm(PREVIEW_PERMISSION):
        return user
    return None


def get_public(queryset: models.QuerySet, *, request=None, **lookup):
    """The published object matching `lookup` in `queryset` (which already applies `.published()`).

    For a staff previewer, a draft is returned too and the request is marked as a preview: the page
    shows a "Bản nháp — chưa công khai" banner and is never cached."""
    obj = queryset.filter(**lookup).first()
    if obj is not None:
        return obj
    model = queryset.model
    if previewer(request) is not None:
        draft = model._default_manager.filter(**lookup).first()
        if draft is not None:
            request.is_preview = True
            return draft
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
