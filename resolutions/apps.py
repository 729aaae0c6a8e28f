from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Văn bản kết luận và nhiệm vụ")

    def ready(self) -> None:
        # Register what this app puts into search (search/registry.py).
        from resolutions import search  # noqa: F401
