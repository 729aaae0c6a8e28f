"""Admin helpers: the list of content waiting for review, shown to publishers on the admin index."""

from django import template
from django.apps import apps
from django.urls import NoReverseMatch, reverse

from core.publishing import Publishable, Status
from core.workflow import PUBLISH_PERMISSION

register = template.Library()
LIMIT_PER_MODEL = 20


@register.simple_tag
def awaiting_review(user) -> list[dict]:
    if user is None or not user.has_perm(PUBLISH_PERMISSION):
        return []
    items = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        for obj in model._default_manager.filter(status=Status.REVIEW).order_by("-updated_at")[:LIMIT_PER_MODEL]:
            try:
                url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
            except NoReverseMatch:
                continue
            items.append({"kind": model._meta.verbose_name, "obj": obj, "url": url, "updated_at": obj.updated_at})
    return sorted(items, key=lambda item: item["updated_at"], reverse=True)
