"""gunicorn, as `make run` and every app server of `make cluster` run it: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be overridden from the environment (README, "Production server").
"""

import os

wsgi_app = "forum_site.wsgi:application"
bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync workers: one request per process, the database connection kept (CONN_MAX_AGE); put nginx in front of
# them for slow clients (deploy/nginx.conf). Two per core plus one by default.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request never takes this long unless something hangs: the database has its own, shorter timeouts.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
# Load Django once in the master; workers are forked from it (fast start, shared memory).
preload_app = True
# "-" = standard output; ACCESS_LOG= (empty) turns the access log off (the benchmarks do).
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# X-Forwarded-Proto is trusted from these addresses only (the local nginx).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = os.environ.get("PROC_NAME", "kho-tri-thuc")


def on_starting(server):
    """A new release may render pages differently: start with a new content generation."""
    import django

    django.setup()
    from core.caching import bump_generation

    try:
        bump_generation()
    except Exception as error:  # the cache may come later; pages are then rendered until it answers
        server.log.warning("could not bump the content generation: %s", error)


_warming = None  # the `warm_site` process started by when_ready


def when_ready(server):
    """Render every public page into the page cache in the background (`manage.py warm_site`), so that the readers
    after a release are not each the first to render a page; WARM_ON_START=false turns it off."""
    import subprocess
    import sys

    from django.conf import settings  # set up by on_starting

    global _warming
    if not settings.WARM_ON_START:
        return
    try:
        _warming = subprocess.Popen([sys.executable, str(settings.BASE_DIR / "manage.py"), "warm_site"])
    except OSError as error:  # readers then render the pages themselves
        server.log.warning("could not start warm_site: %s", error)


def on_exit(server):
    """A server stopped while it warms stops warming (it would hold a database connection)."""
    if _warming is not None and _warming.poll() is None:
        _warming.terminate()


def post_fork(server, worker):
    # Connections opened in the master (by on_starting) must not be shared with the workers.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
