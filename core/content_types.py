"""The ground floor's own content type (see core/registry.py): editors manage the original files."""

from core.models import Attachment
from core.registry import declare

declare(Attachment)
