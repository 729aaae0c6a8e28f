"""Every slug change leaves a redirect behind (infrastructure: it must follow every write path,
so it runs on pre_save, as the house plan allows for such things)."""

from django.db.models.signals import pre_save

from core.models import SlugRedirect


def remember_old_slug(sender, instance, raw=False, **kwargs):
    if raw or not getattr(sender, "SLUG_REDIRECTS", False) or instance.pk is None:
        return
    old_slug = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    label = sender._meta.label_lower
    if old_slug and old_slug != instance.slug:
        SlugRedirect.objects.update_or_create(model_label=label, old_slug=old_slug, defaults={"object_id": instance.pk})
    # A slug taken back by its own object no longer redirects.
    SlugRedirect.objects.filter(model_label=label, old_slug=instance.slug).delete()


def connect() -> None:
    pre_save.connect(remember_old_slug, dispatch_uid="core.remember_old_slug")
