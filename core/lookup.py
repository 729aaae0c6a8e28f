"""Finding a public object from URL input: 404 for unknown or draft, 301 for an old slug,
410 for a withdrawn page (rendered by `forum_site.middleware.GoneAndMovedMiddleware`)."""

from django.conf import settings
from django.db import models
from django.http import Http404

from core.models import PublishedVersion, SlugRedirect
from core.publishing import is_public, was_public


class Gone(Exception):
    """The object was published once and is not public any more (withdrawn, or withdrawn and then sent back to
    review or to draft): answer 410 and say what was there — as last published, never an unpublished edit."""

    def __init__(self, obj):
        super().__init__(str(obj))
        self.obj = obj

    @property
    def label(self) -> str:
        latest = PublishedVersion.objects.of(self.obj).order_by("-number").only("title").first()
        return latest.title if latest is not None else str(self.obj)


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
        # Whatever the page then shows to this user, it must never reach a shared cache (the middleware sends
        # `private, no-store`): a published document's page lists its draft tasks to a previewer.
        request.private_response = True
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
    # Withdrawn (whatever happened to it since): 410 with what was there, never a hard 404.
    withdrawn = model._default_manager.filter(**lookup).first()
    if withdrawn is not None and not is_public(withdrawn) and was_public(withdrawn):
        raise Gone(withdrawn)
    slug = lookup.get("slug")
    if slug is not None:
        redirect = SlugRedirect.objects.filter(model_label=model_label(model), old_slug=slug).first()
        if redirect is not None:
            target = queryset.filter(pk=redirect.object_id).first()
            if target is not None:
                raise MovedPermanently(target.get_absolute_url())
    raise Http404(f"No public {model._meta.verbose_name} for {lookup}")
