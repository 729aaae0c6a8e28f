import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")
application = get_wsgi_application()

# A web process never waits on a hung database longer than DB_CLIENT_TIMEOUT (core/database.py).
from core.database import enable_client_deadline  # noqa: E402
from core.warming import enable_warming  # noqa: E402

enable_client_deadline()
enable_warming()  # pages a write changes are rendered into the cache when it commits (core/warming.py)
