"""Today's date for deadline states, in Asia/Ho_Chi_Minh; `settings.TODAY` pins it for tests and demos."""

import datetime

from django.conf import settings
from django.utils import timezone


def today() -> datetime.date:
    pinned = getattr(settings, "TODAY", None)
    if pinned:
        return pinned if isinstance(pinned, datetime.date) else datetime.date.fromisoformat(pinned)
    return timezone.localdate()
